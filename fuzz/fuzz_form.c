/* libFuzzer target for the form parser (src/web/form.c): any bytes end in
 * fields that keep the promises of form.h, or a clean IPM_EINVAL. */
#include "core/utf8.h"
#include "web/form.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct form f;
	struct err e = { 0 };
	const struct form_limits lim = { 16, 16, 256 };
	int rc = form_parse((const char *)data, size, &lim, &a, &f, &e);
	if (rc && (rc != IPM_EINVAL || memchr(e.msg, '\0', sizeof e.msg) == NULL))
		__builtin_trap();
	for (size_t i = 0; !rc && i < f.n; i++) {
		const struct form_field *x = &f.fields[i];
		size_t nl = strlen(x->name);
		if (f.n > lim.max_fields || nl == 0 || nl > lim.max_name ||
		    x->value_len > lim.max_value || strlen(x->value) != x->value_len ||
		    !utf8_valid(x->name, nl) || !utf8_valid(x->value, x->value_len))
			__builtin_trap();
		if (form_get(&f, x->name) == NULL)
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
