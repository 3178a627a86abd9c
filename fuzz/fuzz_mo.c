/* libFuzzer target for the .mo catalogue reader (src/web/i18n.c): any bytes
 * end in a catalogue whose every lookup stays inside it, or a clean error. */
#include "web/i18n.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	struct i18n t = { 0 };
	struct err e = { 0 };
	if (i18n_parse(&t.cat[LANG_NL], copy, size, "fuzz.mo", &e) != IPM_OK) {
		if (memchr(e.msg, '\0', sizeof e.msg) == NULL)
			__builtin_trap();
		free(copy);
		return 0;
	}
	static const char *const ids[] = { "", "Log in", "a", "zzzz", "%s (step %d of %d)" };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
		if (i18n_text(&t, LANG_NL, ids[i]) == NULL)
			__builtin_trap();
	i18n_free(&t);
	return 0;
}
