/* The catalogue's problem list, its one-line form, the publish rule and the
 * index of records by id. The rules themselves are in catalogue_validate.c. */
#include "engine/catalogue.h"
#include "core/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cat_problem *cat_problem_add(struct cat_problems *p, const char *record, size_t number,
				    const char *id, const char *field, const char *fmt, ...)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 16;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	struct cat_problem *q = &p->v[p->n++];
	*q = (struct cat_problem){ .record = record, .number = number };
	if (id)
		snprintf(q->id, sizeof q->id, "%s", id);
	if (field)
		snprintf(q->field, sizeof q->field, "%s", field);
	va_list ap;
	va_start(ap, fmt);
	/* Cut at 255 bytes: the messages are fixed texts with at most an id or
	 * a number in them, so a cut never happens for a real one. */
	vsnprintf(q->message, sizeof q->message, fmt, ap);
	va_end(ap);
	return q;
}

void cat_problems_free(struct cat_problems *p)
{
	free(p->v);
	*p = (struct cat_problems){ 0 };
}

void cat_problems_format(const struct cat_problems *p, const char *origin, size_t max,
			 struct buf *out)
{
	size_t shown = p->n < max ? p->n : max;
	for (size_t i = 0; i < shown; i++) {
		const struct cat_problem *q = &p->v[i];
		if (origin)
			buf_printf(out, "%s: ", origin);
		if (q->file && (!origin || strcmp(q->file, origin) != 0))
			buf_printf(out, "%s: ", q->file);
		if (q->row) {
			buf_printf(out, "row %zu", q->row);
			if (q->column)
				buf_printf(out, ", column %zu", q->column);
			if (q->field[0])
				buf_printf(out, " (%s)", q->field);
			buf_puts(out, ": ");
		} else {
			if (q->record) {
				buf_printf(out, "%s %zu", q->record, q->number);
				if (q->id[0])
					buf_printf(out, " (%s)", q->id);
				buf_puts(out, ": ");
			}
			if (q->field[0])
				buf_printf(out, "%s: ", q->field);
		}
		buf_printf(out, "%s\n", q->message);
	}
	if (p->n > shown)
		buf_printf(out, "%s%s... and %zu more\n", origin ? origin : "", origin ? ": " : "",
			   p->n - shown);
}

int cat_problems_err(const struct cat_problems *p, size_t from, const char *origin,
		     struct err *e)
{
	if (p->n <= from)
		return IPM_OK;
	size_t found = p->n - from;
	struct cat_problems first = { .v = &p->v[from], .n = 1 };
	struct buf line = BUF_INIT;
	cat_problems_format(&first, origin, 1, &line);
	if (line.len && line.data[line.len - 1] == '\n')
		line.data[--line.len] = '\0';
	err_set(e, IPM_EINVAL, "%zu problem%s; the first: %s", found, found == 1 ? "" : "s",
		buf_str(&line));
	buf_free(&line);
	return IPM_EINVAL;
}

bool cat_is_published(const struct cat_instrument *in, struct date today)
{
	if (!in->publish)
		return false;
	if (date_is_set(in->publish_from) && date_cmp(today, in->publish_from) < 0)
		return false;
	if (date_is_set(in->publish_until) && date_cmp(today, in->publish_until) > 0)
		return false;
	return true;
}

static int by_id(const void *x, const void *y)
{
	const struct cat_idx_entry *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

struct cat_idx cat_idx_build(struct arena *a, const void *base, size_t n, size_t stride,
			     size_t off)
{
	struct cat_idx x = { .v = arena_array(a, n ? n : 1, sizeof *x.v) };
	for (size_t i = 0; i < n; i++) {
		const char *id = *(const char *const *)((const char *)base + i * stride + off);
		if (id)
			x.v[x.n++] = (struct cat_idx_entry){ id, i };
	}
	qsort(x.v, x.n, sizeof *x.v, by_id);
	return x;
}

size_t cat_idx_find(const struct cat_idx *x, const char *id)
{
	if (!id)
		return SIZE_MAX;
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && strcmp(x->v[lo].id, id) == 0 ? x->v[lo].i : SIZE_MAX;
}
