#include "services/csv_rows.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

char *csv_shown_header(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	size_t shown = n > 40 ? 37 : n;
	for (size_t i = 0; i < shown; i++)
		buf_putc(&b, s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?');
	if (shown < n)
		buf_puts(&b, "...");
	if (n == 0)
		buf_puts(&b, "empty");
	return buf_detach(&b, NULL);
}

const char *csv_trimmed(const char *s, size_t *n)
{
	while (*n && (*s == ' ' || *s == '\t'))
		s++, (*n)--;
	while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

bool csv_whole(const char *s, size_t n, long min, long max, long *out)
{
	bool neg = n && *s == '-';
	size_t i = neg;
	if (i == n || n - i > 12)
		return false; /* more digits than any bound here: out of range */
	long v = 0;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	v = neg ? -v : v;
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool csv_decimal(const char *s, size_t n, double *out)
{
	char text[32];
	size_t i = 0, digits = 0;
	if (n == 0 || n >= sizeof text)
		return false;
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	if (i < n && (s[i] == 'e' || s[i] == 'E') && digits) {
		/* Spreadsheets write small numbers as 1E-05. */
		size_t exp_digits = 0;
		if (++i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			exp_digits++;
		if (exp_digits == 0 || exp_digits > 3)
			return false;
	}
	if (i != n || digits == 0)
		return false;
	/* strtod needs a terminated copy; the grammar above leaves it no
	 * locale- or hex-dependent input. */
	memcpy(text, s, n);
	text[n] = '\0';
	*out = strtod(text, NULL);
	return true;
}

void csv_problems_init(struct csv_problems *p, const char *name, size_t max)
{
	*p = (struct csv_problems){ .max = max };
	diag_init(&p->diag, name);
}

void csv_problems_headers(struct csv_problems *p, const struct csv *c)
{
	p->headers = xcalloc(c->nfields + 1, sizeof *p->headers);
	p->n_headers = c->nfields;
	for (size_t i = 0; i < c->nfields; i++) {
		size_t n;
		const char *s = csv_field(c, i, &n);
		p->headers[i] = csv_shown_header(s, n);
	}
}

bool csv_problems_full(const struct csv_problems *p)
{
	return p->diag.count >= p->max;
}

static bool keep(struct csv_problems *p)
{
	p->diag.count++;
	if (p->diag.kept >= p->max)
		return false;
	p->diag.kept++;
	return true;
}

void csv_problem(struct csv_problems *p, size_t row, size_t col, const char *fmt, ...)
{
	if (!keep(p))
		return;
	struct buf *b = &p->diag.lines;
	buf_printf(b, "%s: row %zu", p->diag.source, row);
	if (col)
		buf_printf(b, ", column %zu (%s)", col,
			   col <= p->n_headers ? p->headers[col - 1] : "?");
	buf_puts(b, ": ");
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
	buf_putc(b, '\n');
}

void csv_problem_line(struct csv_problems *p, const char *msg)
{
	if (keep(p))
		buf_printf(&p->diag.lines, "%s: %s\n", p->diag.source, msg);
}

int csv_problems_finish(struct csv_problems *p, bool stopped, struct buf *messages,
			struct err *e)
{
	int rc = diag_finish(&p->diag, e);
	if (rc && messages) {
		buf_puts(messages, buf_str(&p->diag.lines));
		if (stopped)
			buf_printf(messages, "%s: stopped after %zu problems\n", p->diag.source,
				   p->max);
	}
	return rc;
}

void csv_problems_free(struct csv_problems *p)
{
	for (size_t i = 0; i < p->n_headers; i++)
		free(p->headers[i]);
	free(p->headers);
	diag_free(&p->diag);
	*p = (struct csv_problems){ 0 };
}
