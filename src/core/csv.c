#include "core/csv.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

void csv_init(struct csv *c, const char *text, size_t len)
{
	*c = (struct csv){ .p = text, .end = text + len };
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		c->p += 3;
}

void csv_free(struct csv *c)
{
	buf_free(&c->text);
	free(c->start);
	free(c->len);
	*c = (struct csv){ 0 };
}

static void begin_field(struct csv *c)
{
	if (c->nfields == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->start = xrealloc(c->start, c->cap * sizeof *c->start);
		c->len = xrealloc(c->len, c->cap * sizeof *c->len);
	}
	c->start[c->nfields] = c->text.len;
	c->len[c->nfields] = 0;
	c->nfields++;
}

static void end_field(struct csv *c)
{
	size_t i = c->nfields - 1;
	c->len[i] = c->text.len - c->start[i];
	buf_putc(&c->text, '\0');
}

/* Consumes a line break at c->p (CRLF, LF or CR); false when there is none. */
static bool eat_newline(struct csv *c)
{
	if (c->p < c->end && *c->p == '\r') {
		c->p++;
		if (c->p < c->end && *c->p == '\n')
			c->p++;
		return true;
	}
	if (c->p < c->end && *c->p == '\n') {
		c->p++;
		return true;
	}
	return false;
}

/* A quoted field, c->p just past the opening quote. */
static int read_quoted(struct csv *c, struct err *e)
{
	for (;;) {
		const char *q = memchr(c->p, '"', (size_t)(c->end - c->p));
		if (!q)
			return err_set(e, IPM_EINVAL, "row %zu, column %zu: quoted field is not closed",
				       c->row, c->nfields);
		buf_add(&c->text, c->p, (size_t)(q - c->p));
		c->p = q + 1;
		if (c->p < c->end && *c->p == '"') { /* "" is one quote */
			buf_putc(&c->text, '"');
			c->p++;
			continue;
		}
		if (c->p == c->end || *c->p == ',' || *c->p == '\r' || *c->p == '\n')
			return IPM_OK;
		return err_set(e, IPM_EINVAL,
			       "row %zu, column %zu: a closing quote must end the field", c->row,
			       c->nfields);
	}
}

static int read_plain(struct csv *c, struct err *e)
{
	const char *s = c->p;
	while (c->p < c->end && *c->p != ',' && *c->p != '\r' && *c->p != '\n') {
		/* RFC 4180 allows quotes only around a field; a stray one usually
		 * means a broken export, and guessing would shift columns. */
		if (*c->p == '"')
			return err_set(e, IPM_EINVAL,
				       "row %zu, column %zu: a quote inside an unquoted field",
				       c->row, c->nfields);
		c->p++;
	}
	buf_add(&c->text, s, (size_t)(c->p - s));
	return IPM_OK;
}

int csv_next(struct csv *c, struct err *e)
{
	buf_reset(&c->text);
	c->nfields = 0;
	if (c->p >= c->end) {
		c->eof = true;
		return IPM_OK;
	}
	c->row++;
	for (;;) {
		if (c->nfields == CSV_MAX_FIELDS)
			return err_set(e, IPM_EINVAL, "row %zu: more than %d columns", c->row,
				       CSV_MAX_FIELDS);
		begin_field(c);
		int rc;
		if (*c->p == '"') {
			c->p++;
			rc = read_quoted(c, e);
		} else {
			rc = read_plain(c, e);
		}
		if (rc)
			return rc;
		end_field(c);
		if (c->p < c->end && *c->p == ',') {
			c->p++;
			if (c->p == c->end) { /* "a," at the very end: one more, empty field */
				begin_field(c);
				end_field(c);
				return IPM_OK;
			}
			continue;
		}
		eat_newline(c);
		return IPM_OK;
	}
}

const char *csv_field(const struct csv *c, size_t i, size_t *len)
{
	if (len)
		*len = c->len[i];
	return c->text.data + c->start[i];
}

void csv_put_field(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	bool quote = n && (s[0] == ' ' || s[n - 1] == ' ');
	quote = quote || strpbrk(s, ",\"\r\n") != NULL;
	if (!quote) {
		buf_add(b, s, n);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

bool csv_formula_like(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[k] == '\'')
		k++;
	return k < n && strchr("=+-@\t\r", s[k]) != NULL;
}

void csv_put_field_safe(struct buf *b, const char *s)
{
	if (!csv_formula_like(s, strlen(s))) {
		csv_put_field(b, s);
		return;
	}
	struct buf t = BUF_INIT;
	buf_putc(&t, '\'');
	buf_puts(&t, s);
	csv_put_field(b, buf_str(&t));
	buf_free(&t);
}
