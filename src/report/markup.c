#include "report/markup.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEPTH_MAX 8

static bool isalnum_ascii(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

struct mp {
	const char *p;
	unsigned line;
	const char *where;
	struct err *e;
	struct mk_doc *d;
	size_t cap;
	const char *stack[DEPTH_MAX];
	int depth;
	struct buf inl;           /* inline markup of the open p/h3/li/td/th */
	const char *cls;          /* class of the open p or table */
	int ordinal;              /* next number in an <ol>, 0 in a <ul> */
	bool list_start;
	struct mk_row *rows;      /* the open table */
	size_t n_rows, cap_rows;
	const char **cells;       /* the open row */
	size_t n_cells, cap_cells;
	bool row_head;
};

static int fail(struct mp *m, const char *fmt, const char *a, const char *b)
{
	char what[256];
	snprintf(what, sizeof what, fmt, a, b);
	return err_set(m->e, IPM_EINVAL, "%s: markup line %u: %s", m->where, m->line, what);
}

static const char *top(const struct mp *m)
{
	return m->depth ? m->stack[m->depth - 1] : "";
}

static bool is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static bool inline_container(const char *t)
{
	return is(t, "p") || is(t, "h3") || is(t, "li") || is(t, "td") || is(t, "th");
}

static bool inline_tag(const char *t)
{
	return is(t, "b") || is(t, "strong") || is(t, "i") || is(t, "em");
}

static bool in_inline(const struct mp *m)
{
	return inline_container(top(m)) || inline_tag(top(m));
}

static struct mk_block *new_block(struct mp *m, enum mk_kind k)
{
	if (m->d->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 32;
		struct mk_block *nb = arena_array(&m->d->arena, m->cap, sizeof *nb);
		if (m->d->n)
			memcpy(nb, m->d->blocks, m->d->n * sizeof *nb);
		m->d->blocks = nb;
	}
	struct mk_block *b = &m->d->blocks[m->d->n++];
	memset(b, 0, sizeof *b);
	b->kind = k;
	b->cls = "";
	return b;
}

/* The inline text so far, without trailing white space. */
static const char *take_inline(struct mp *m)
{
	while (m->inl.len && m->inl.data[m->inl.len - 1] == ' ')
		m->inl.data[--m->inl.len] = '\0';
	const char *s = arena_strdup(&m->d->arena, buf_str(&m->inl));
	buf_reset(&m->inl);
	return s;
}

static const struct {
	const char *name, *utf8;
} entities[] = {
	{ "amp", "&amp;" },   { "lt", "&lt;" },     { "gt", "&gt;" },
	{ "quot", "&quot;" }, { "apos", "&apos;" }, { "nbsp", "\xc2\xa0" },
	{ "shy", "\xc2\xad" }, { "ndash", "\xe2\x80\x93" }, { "mdash", "\xe2\x80\x94" },
	{ "euro", "\xe2\x82\xac" }, { "hellip", "\xe2\x80\xa6" },
};

static int entity(struct mp *m, const char **pp)
{
	const char *p = *pp + 1;
	const char *semi = p;
	while (*semi && semi - p < 12 && (isalnum_ascii(*semi) || *semi == '#'))
		semi++;
	if (*semi != ';') { /* a bare '&' */
		buf_puts(&m->inl, "&amp;");
		*pp += 1;
		return 0;
	}
	size_t n = (size_t)(semi - p);
	if (n > 1 && p[0] == '#') {
		buf_add(&m->inl, *pp, n + 2);
		*pp = semi + 1;
		return 0;
	}
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (strlen(entities[i].name) == n && memcmp(entities[i].name, p, n) == 0) {
			buf_puts(&m->inl, entities[i].utf8);
			*pp = semi + 1;
			return 0;
		}
	char name[16];
	snprintf(name, sizeof name, "%.*s", (int)n, p);
	return fail(m, "unknown entity &%s;", name, "");
}

static int text(struct mp *m, const char *s, const char *end)
{
	while (s < end) {
		char c = *s;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			if (c == '\n')
				m->line++;
			if (!in_inline(m)) {
				s++;
				continue;
			}
			/* White space collapses to one space, none at the start. */
			if (m->inl.len && m->inl.data[m->inl.len - 1] != ' ' &&
			    m->inl.data[m->inl.len - 1] != '\n')
				buf_putc(&m->inl, ' ');
			s++;
			continue;
		}
		if (!in_inline(m))
			return fail(m, "text outside a paragraph, list item or table cell%s%s", "",
				    "");
		if (c == '&') {
			if (entity(m, &s))
				return IPM_EINVAL;
			continue;
		}
		buf_putc(&m->inl, c);
		s++;
	}
	return IPM_OK;
}

struct tag {
	char name[12];
	bool close, self_close;
	char cls[64];
	char chart[64];
};

static int attr_value(struct mp *m, const char **pp, char *out, size_t size)
{
	const char *p = *pp;
	char q = *p;
	if (q != '"' && q != '\'')
		return fail(m, "attribute values need quotes%s%s", "", "");
	const char *end = strchr(p + 1, q);
	if (!end)
		return fail(m, "attribute value is never closed%s%s", "", "");
	if (out)
		snprintf(out, size, "%.*s", (int)(end - p - 1), p + 1);
	*pp = end + 1;
	return 0;
}

static int read_tag(struct mp *m, const char **pp, struct tag *t)
{
	const char *p = *pp + 1;
	memset(t, 0, sizeof *t);
	if (*p == '/') {
		t->close = true;
		p++;
	}
	size_t n = 0;
	while (isalnum_ascii(*p) && n + 1 < sizeof t->name)
		t->name[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p), p++;
	if (!n)
		return fail(m, "'<' that starts no tag (write &lt; for a less-than sign)%s%s", "", "");
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			m->line += *p++ == '\n';
		if (*p == '>') {
			*pp = p + 1;
			return 0;
		}
		if (p[0] == '/' && p[1] == '>') {
			t->self_close = true;
			*pp = p + 2;
			return 0;
		}
		const char *a = p;
		while (*p && *p != '=' && *p != '>' && *p != ' ' && *p != '/')
			p++;
		if (*p != '=')
			return fail(m, "<%s>: attribute without a value%s", t->name, "");
		size_t an = (size_t)(p - a);
		p++;
		char *dst = NULL;
		size_t size = 0;
		if (an == 5 && memcmp(a, "class", 5) == 0)
			dst = t->cls, size = sizeof t->cls;
		else if (an == 10 && memcmp(a, "data-chart", 10) == 0)
			dst = t->chart, size = sizeof t->chart;
		if (attr_value(m, &p, dst, size))
			return IPM_EINVAL;
	}
}

static void push_cell(struct mp *m)
{
	if (m->n_cells == m->cap_cells) {
		m->cap_cells = m->cap_cells ? 2 * m->cap_cells : 8;
		m->cells = xrealloc(m->cells, m->cap_cells * sizeof *m->cells);
	}
	m->cells[m->n_cells++] = take_inline(m);
}

static void push_row(struct mp *m)
{
	if (m->n_rows == m->cap_rows) {
		m->cap_rows = m->cap_rows ? 2 * m->cap_rows : 16;
		m->rows = xrealloc(m->rows, m->cap_rows * sizeof *m->rows);
	}
	struct mk_row *r = &m->rows[m->n_rows++];
	r->n = m->n_cells;
	r->head = m->row_head && m->n_cells > 0;
	r->cells = arena_array(&m->d->arena, m->n_cells ? m->n_cells : 1, sizeof *r->cells);
	if (m->n_cells)
		memcpy(r->cells, m->cells, m->n_cells * sizeof *r->cells);
	m->n_cells = 0;
}

static void end_table(struct mp *m)
{
	struct mk_block *b = new_block(m, MK_TABLE);
	b->cls = m->cls;
	b->n_rows = m->n_rows;
	b->rows = arena_array(&m->d->arena, m->n_rows ? m->n_rows : 1, sizeof *b->rows);
	if (m->n_rows)
		memcpy(b->rows, m->rows, m->n_rows * sizeof *b->rows);
	for (size_t i = 0; i < m->n_rows; i++)
		if (m->rows[i].n > b->n_cols)
			b->n_cols = m->rows[i].n;
	m->n_rows = 0;
}

/* Where each element may stand. */
static bool allowed_in(const char *t, const char *parent)
{
	if (is(t, "h3") || is(t, "p") || is(t, "ul") || is(t, "ol") || is(t, "table") ||
	    is(t, "figure"))
		return !*parent;
	if (is(t, "li"))
		return is(parent, "ul") || is(parent, "ol");
	if (is(t, "thead") || is(t, "tbody"))
		return is(parent, "table");
	if (is(t, "tr"))
		return is(parent, "table") || is(parent, "thead") || is(parent, "tbody");
	if (is(t, "td") || is(t, "th"))
		return is(parent, "tr");
	if (inline_tag(t) || is(t, "br"))
		return inline_container(parent) || inline_tag(parent);
	return false;
}

static const char *const known[] = { "h3", "p", "ul", "ol", "li", "table", "thead", "tbody",
				     "tr", "td", "th", "figure", "b", "strong", "i", "em", "br" };

static int open_tag(struct mp *m, const struct tag *t)
{
	const char *name = NULL;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (is(t->name, known[i]))
			name = known[i];
	if (!name)
		return fail(m, "<%s> is not part of the report markup (see docs/report.md)%s",
			    t->name, "");
	if (!allowed_in(name, top(m)))
		return *top(m) ? fail(m, "<%s> cannot stand inside <%s>", name, top(m))
			       : fail(m, "<%s> cannot stand inside the section itself%s", name, "");
	if (is(name, "br")) {
		buf_putc(&m->inl, '\n');
		return 0;
	}
	if (inline_tag(name))
		buf_puts(&m->inl, name[0] == 'i' || name[0] == 'e' ? "<i>" : "<b>");
	if (is(name, "p") || is(name, "table"))
		m->cls = arena_strdup(&m->d->arena, t->cls);
	if (is(name, "ul") || is(name, "ol")) {
		m->ordinal = is(name, "ol");
		m->list_start = true;
	}
	if (is(name, "tr")) {
		m->n_cells = 0;
		m->row_head = true;
	}
	if (is(name, "td"))
		m->row_head = false;
	if (is(name, "figure")) {
		if (!*t->chart)
			return fail(m, "<figure> needs a data-chart attribute%s%s", "", "");
		new_block(m, MK_FIGURE)->chart = arena_strdup(&m->d->arena, t->chart);
	}
	if (t->self_close && !is(name, "figure"))
		return fail(m, "<%s/> must have content%s", name, "");
	if (t->self_close)
		return 0;
	if (m->depth == DEPTH_MAX)
		return fail(m, "elements nested too deeply%s%s", "", "");
	m->stack[m->depth++] = name;
	return 0;
}

static int close_tag(struct mp *m, const struct tag *t)
{
	if (is(t->name, "br"))
		return 0;
	if (!m->depth || !is(top(m), t->name))
		return fail(m, "</%s> closes %s", t->name,
			    m->depth ? top(m) : "nothing (no element is open)");
	const char *name = m->stack[--m->depth];
	if (inline_tag(name))
		buf_puts(&m->inl, name[0] == 'i' || name[0] == 'e' ? "</i>" : "</b>");
	else if (is(name, "p") || is(name, "h3")) {
		struct mk_block *b = new_block(m, is(name, "p") ? MK_P : MK_H3);
		b->cls = is(name, "p") ? m->cls : "";
		b->markup = take_inline(m);
	} else if (is(name, "li")) {
		struct mk_block *b = new_block(m, MK_LI);
		b->markup = take_inline(m);
		b->ordinal = m->ordinal ? m->ordinal++ : 0;
		b->list_start = m->list_start;
		m->list_start = false;
	} else if (is(name, "td") || is(name, "th"))
		push_cell(m);
	else if (is(name, "tr"))
		push_row(m);
	else if (is(name, "table"))
		end_table(m);
	return 0;
}

int markup_parse(const char *src, const char *where, struct mk_doc *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct mp m = { .p = src, .line = 1, .where = where, .e = e, .d = out };
	int rc = IPM_OK;
	const char *p = src;
	while (*p && !rc) {
		const char *lt = strchr(p, '<');
		const char *end = lt ? lt : p + strlen(p);
		rc = text(&m, p, end);
		if (rc || !lt)
			break;
		p = lt;
		if (strncmp(p, "<!--", 4) == 0) {
			const char *c = strstr(p + 4, "-->");
			if (!c) {
				rc = fail(&m, "comment is never closed%s%s", "", "");
				break;
			}
			for (const char *q = p; q < c; q++)
				m.line += *q == '\n';
			p = c + 3;
			continue;
		}
		struct tag t;
		if ((rc = read_tag(&m, &p, &t)))
			break;
		rc = t.close ? close_tag(&m, &t) : open_tag(&m, &t);
	}
	if (!rc && m.depth)
		rc = fail(&m, "<%s> is never closed%s", top(&m), "");
	buf_free(&m.inl);
	free(m.rows);
	free(m.cells);
	if (rc)
		markup_free(out);
	return rc;
}

void markup_free(struct mk_doc *d)
{
	arena_free(&d->arena);
	memset(d, 0, sizeof *d);
}
