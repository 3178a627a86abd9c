#include "pack/diag.h"
#include "pack/pack.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void diag_init(struct diag *d, const char *source)
{
	*d = (struct diag){ .source = source };
}

void diag_free(struct diag *d)
{
	buf_free(&d->lines);
}

void diag_add(struct diag *d, const struct jpath *at, const char *fmt, ...)
{
	d->count++;
	if (d->kept >= PACK_MAX_ERRORS)
		return;
	d->kept++;
	buf_printf(&d->lines, "%s: %s: ", d->source, at->s);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&d->lines, fmt, ap);
	va_end(ap);
	buf_putc(&d->lines, '\n');
}

int diag_finish(const struct diag *d, struct err *e)
{
	if (d->count == 0)
		return IPM_OK;
	if (!e)
		return IPM_EINVAL;
	/* Room for the tail line, whose count has at most 20 digits. */
	const size_t tail_room = sizeof " ... and  more" + 20;
	const char *text = buf_str(&d->lines);
	size_t used = 0, shown = 0;
	for (const char *nl; (nl = strchr(text + used, '\n')) != NULL;) {
		size_t end = (size_t)(nl - text);
		size_t rest = d->count - shown - 1;
		size_t limit = sizeof e->msg - 1 - (rest ? tail_room : 0);
		if (end > limit)
			break;
		used = end + 1;
		shown++;
	}
	struct buf msg = BUF_INIT;
	buf_add(&msg, text, used ? used - 1 : 0);
	if (shown < d->count)
		buf_printf(&msg, "%s... and %zu more", shown ? "\n" : "", d->count - shown);
	int rc = err_set(e, IPM_EINVAL, "%s", buf_str(&msg));
	buf_free(&msg);
	return rc;
}

void diag_put_number(struct buf *b, const json_t *v)
{
	if (json_is_integer(v)) {
		buf_printf(b, "%lld", (long long)json_integer_value(v));
		return;
	}
	double x = json_number_value(v);
	char s[40];
	/* The shortest of %.15g/%.17g that reads back as the same double. */
	snprintf(s, sizeof s, "%.15g", x);
	if (strtod(s, NULL) != x)
		snprintf(s, sizeof s, "%.17g", x);
	buf_puts(b, s);
}
