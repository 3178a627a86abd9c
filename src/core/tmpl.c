/* The Mustache subset of core/tmpl.h.
 *
 * A template compiles into a flat array of nodes; a section node records the
 * index one past its closing tag, so rendering is a walk over index ranges
 * with no tree to allocate. Whitespace follows the Mustache spec: a section,
 * inverted section, closing, comment or partial tag alone on its line
 * ("standalone") removes that whole line, and a standalone partial indents
 * every line of its template by the whitespace that preceded the tag.
 *
 * Choices the spec leaves open or that differ from it, on purpose:
 *   - a missing partial is a render error, not "" (a page that silently
 *     loses its navigation is worse than a 500 that names the tag);
 *   - numbers are always truthy (the header's list of falsy values is the
 *     whole list), reals print in the shortest form that reads back the
 *     same (1.210 -> "1.21"), objects and arrays interpolate as "";
 *   - escaping covers & < > " ' so that a value is safe in element text and
 *     in a quoted attribute value; unquoted attributes, <script> and <style>
 *     are not contexts a template may put values in;
 *   - tmpl_set_check refuses any cycle of partials; rendering still stops
 *     at TMPL_PARTIAL_DEPTH for sets that were not checked;
 *   - one rendering is bounded in steps and output (TMPL_MAX_*), an error
 *     naming the tag where it stopped. */
#include "core/tmpl.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bounds on the C stack used by rendering: a section nests at most this deep
 * in one template, partials at most this deep in one rendering. */
#define TMPL_SECTION_DEPTH 64
#define TMPL_PARTIAL_DEPTH 32
/* Bounds on the work of one rendering, so that nested sections over large
 * arrays or branching partials cannot hold a worker for minutes: nodes
 * visited and bytes written. A caseload page or a full report uses well
 * under a hundredth of either. */
#define TMPL_MAX_STEPS (1u << 24)
#define TMPL_MAX_OUTPUT ((size_t)64 << 20)

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL };

struct node {
	enum node_kind kind;
	unsigned line;
	const char *s; /* text, name or partial name (points into tmpl->text) */
	size_t len;
	const char *indent; /* standalone partial: its line's leading whitespace */
	size_t indent_len;
	size_t end; /* section: index of the first node after its closing tag */
};

struct tmpl {
	char *name;
	char *origin;
	char *text; /* owned copy; nodes point into it */
	struct node *nodes;
	size_t n, cap;
};

struct tmpl_set {
	struct tmpl *t;
	size_t n, cap;
};

struct tmpl_set *tmpl_set_new(void)
{
	return xcalloc(1, sizeof(struct tmpl_set));
}

static void tmpl_free(struct tmpl *t)
{
	free(t->name);
	free(t->origin);
	free(t->text);
	free(t->nodes);
}

void tmpl_set_free(struct tmpl_set *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		tmpl_free(&set->t[i]);
	free(set->t);
	free(set);
}

static const struct tmpl *set_find(const struct tmpl_set *set, const char *name, size_t len)
{
	for (size_t i = 0; i < set->n; i++)
		if (strncmp(set->t[i].name, name, len) == 0 && set->t[i].name[len] == '\0')
			return &set->t[i];
	return NULL;
}

/* --- compiling ----------------------------------------------------------- */

static struct node *node_add(struct tmpl *t, enum node_kind kind, unsigned line, const char *s,
			     size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 32;
		t->nodes = xrealloc(t->nodes, t->cap * sizeof *t->nodes);
	}
	struct node *nd = &t->nodes[t->n++];
	*nd = (struct node){ .kind = kind, .line = line, .s = s, .len = len };
	return nd;
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static unsigned count_lines(const char *from, const char *to)
{
	unsigned n = 0;
	for (; from < to; from++)
		n += *from == '\n';
	return n;
}

/* A name is "." or dot-separated parts of visible characters other than
 * braces; a leading dot (".name") resolves in the current context only. */
static int name_ok(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	if (len == 1 && s[0] == '.')
		return 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c == '{' || c == '}' || c == 0x7f)
			return 0;
		if (c == '.' && i > 0 && (i + 1 == len || s[i + 1] == '.'))
			return 0;
	}
	return s[0] != '.' || len > 1;
}

struct open_section {
	size_t node;
	unsigned line;
};

struct compiler {
	struct tmpl *t;
	const char *origin;
	struct open_section open[TMPL_SECTION_DEPTH];
	size_t depth;
};

static int compile_tag(struct compiler *c, char sigil, const char *name, size_t len,
		       unsigned line, const char *indent, size_t indent_len, struct err *e)
{
	struct tmpl *t = c->t;
	if (sigil == '!')
		return IPM_OK;
	if (!name_ok(name, len))
		return err_set(e, IPM_EINVAL, "%s:%u: %s tag name", c->origin, line,
			       len ? "bad" : "empty");
	switch (sigil) {
	case '#':
	case '^':
		if (c->depth == TMPL_SECTION_DEPTH)
			return err_set(e, IPM_EINVAL, "%s:%u: sections nested deeper than %d",
				       c->origin, line, TMPL_SECTION_DEPTH);
		node_add(t, sigil == '#' ? N_SECTION : N_INVERTED, line, name, len);
		c->open[c->depth++] = (struct open_section){ t->n - 1, line };
		return IPM_OK;
	case '/': {
		if (c->depth == 0)
			return err_set(e, IPM_EINVAL, "%s:%u: {{/%.*s}} closes no section", c->origin,
				       line, (int)len, name);
		struct open_section *o = &c->open[c->depth - 1];
		struct node *nd = &t->nodes[o->node];
		if (nd->len != len || memcmp(nd->s, name, len) != 0)
			return err_set(e, IPM_EINVAL, "%s:%u: {{/%.*s}} closes {{%c%.*s}} opened on line %u",
				       c->origin, line, (int)len, name,
				       nd->kind == N_SECTION ? '#' : '^', (int)nd->len, nd->s, o->line);
		nd->end = t->n;
		c->depth--;
		return IPM_OK;
	}
	case '>': {
		struct node *nd = node_add(t, N_PARTIAL, line, name, len);
		nd->indent = indent;
		nd->indent_len = indent_len;
		return IPM_OK;
	}
	case '&':
		node_add(t, N_RAW, line, name, len);
		return IPM_OK;
	default:
		node_add(t, N_VAR, line, name, len);
		return IPM_OK;
	}
}

static int compile(struct compiler *c, struct err *e)
{
	const char *text = c->t->text;
	const char *p = text, *lit = text;
	unsigned line = 1; /* line of p */
	for (;;) {
		const char *open = strstr(p, "{{");
		if (!open)
			break;
		unsigned tag_line = line + count_lines(p, open);
		const char *body = open + 2;
		char sigil = *body;
		if (sigil == '{')
			return err_set(e, IPM_EINVAL,
				       "%s:%u: triple mustaches are not supported; use {{&name}}",
				       c->origin, tag_line);
		if (sigil == '=')
			return err_set(e, IPM_EINVAL, "%s:%u: delimiter changes are not supported",
				       c->origin, tag_line);
		if (sigil && strchr("#^/!>&", sigil))
			body++;
		else
			sigil = 0;
		const char *close = strstr(body, "}}");
		if (!close)
			return err_set(e, IPM_EINVAL, "%s:%u: tag '{{' is never closed with '}}'",
				       c->origin, tag_line);
		const char *after = close + 2;

		/* Standalone: only blanks between the line start and the tag and
		 * between the tag and the end of the line. */
		const char *ls = open, *le = after;
		int standalone = sigil && sigil != '&';
		while (standalone && ls > text && ls[-1] != '\n')
			standalone = is_blank(*--ls);
		while (standalone && *le && *le != '\n' && !(le[0] == '\r' && le[1] == '\n'))
			standalone = is_blank(*le++);
		const char *lit_end = open, *next = after;
		if (standalone) {
			lit_end = ls;
			next = *le == '\n' ? le + 1 : *le == '\r' ? le + 2 : le;
		}
		if (lit_end > lit)
			node_add(c->t, N_TEXT, line, lit, (size_t)(lit_end - lit));

		const char *name = body, *name_end = close;
		if (sigil != '!') {
			while (name < name_end && (is_blank(*name) || *name == '\n' || *name == '\r'))
				name++;
			while (name_end > name && (is_blank(name_end[-1]) || name_end[-1] == '\n' ||
						   name_end[-1] == '\r'))
				name_end--;
		}
		int rc = compile_tag(c, sigil, name, (size_t)(name_end - name), tag_line, ls,
				     standalone ? (size_t)(open - ls) : 0, e);
		if (rc)
			return rc;
		line = tag_line + count_lines(open, next);
		p = lit = next;
	}
	if (*lit)
		node_add(c->t, N_TEXT, line, lit, strlen(lit));
	if (c->depth) {
		const struct open_section *o = &c->open[c->depth - 1];
		const struct node *nd = &c->t->nodes[o->node];
		return err_set(e, IPM_EINVAL, "%s:%u: {{%c%.*s}} is never closed", c->origin, o->line,
			       nd->kind == N_SECTION ? '#' : '^', (int)nd->len, nd->s);
	}
	return IPM_OK;
}

int tmpl_set_add(struct tmpl_set *set, const char *name, const char *text, const char *origin,
		 struct err *e)
{
	if (set_find(set, name, strlen(name)))
		return err_set(e, IPM_ECONFLICT, "%s: template '%s' is already in the set", origin,
			       name);
	struct tmpl t = { .text = xstrdup(text) };
	struct compiler c = { .t = &t, .origin = origin };
	int rc = compile(&c, e);
	if (rc) {
		tmpl_free(&t);
		return rc;
	}
	t.name = xstrdup(name);
	t.origin = xstrdup(origin);
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 16;
		set->t = xrealloc(set->t, set->cap * sizeof *set->t);
	}
	set->t[set->n++] = t;
	return IPM_OK;
}

/* --- checking: every partial exists, no partial includes itself ---------- */

enum { WHITE, GREY, BLACK };

static int check_tmpl(const struct tmpl_set *set, size_t i, unsigned char *colour, struct err *e)
{
	const struct tmpl *t = &set->t[i];
	colour[i] = GREY;
	for (size_t k = 0; k < t->n; k++) {
		const struct node *nd = &t->nodes[k];
		if (nd->kind != N_PARTIAL)
			continue;
		const struct tmpl *p = set_find(set, nd->s, nd->len);
		if (!p)
			return err_set(e, IPM_EINVAL, "%s:%u: partial '%.*s' is not in the set",
				       t->origin, nd->line, (int)nd->len, nd->s);
		size_t j = (size_t)(p - set->t);
		if (colour[j] == GREY)
			return err_set(e, IPM_EINVAL,
				       "%s:%u: partial '%.*s' includes itself (directly or through others)",
				       t->origin, nd->line, (int)nd->len, nd->s);
		if (colour[j] == WHITE) {
			int rc = check_tmpl(set, j, colour, e);
			if (rc)
				return rc;
		}
	}
	colour[i] = BLACK;
	return IPM_OK;
}

int tmpl_set_check(const struct tmpl_set *set, struct err *e)
{
	unsigned char *colour = xcalloc(set->n ? set->n : 1, 1);
	int rc = IPM_OK;
	for (size_t i = 0; i < set->n && rc == IPM_OK; i++)
		if (colour[i] == WHITE)
			rc = check_tmpl(set, i, colour, e);
	free(colour);
	return rc;
}

/* --- rendering ----------------------------------------------------------- */

struct ctx {
	const json_t *v;
	const struct ctx *up;
};

struct render {
	const struct tmpl_set *set;
	struct buf *out;
	struct buf indent; /* the indentation of every enclosing standalone partial */
	int at_line_start; /* the next output starts a line of an indented partial */
	unsigned depth;    /* partials entered */
	unsigned steps;    /* nodes visited */
	size_t start;      /* out->len when rendering began */
};

static void put_indent(struct render *r)
{
	if (r->at_line_start && r->indent.len)
		buf_add(r->out, r->indent.data, r->indent.len);
	r->at_line_start = 0;
}

/* Template text: indented after every newline when inside an indented
 * partial; a trailing newline leaves the indentation to whatever follows. */
static void put_text(struct render *r, const char *s, size_t n)
{
	if (!r->indent.len) {
		buf_add(r->out, s, n);
		return;
	}
	while (n) {
		put_indent(r);
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;
		buf_add(r->out, s, k);
		r->at_line_start = nl != NULL;
		s += k;
		n -= k;
	}
}

static const json_t *lookup(const struct ctx *c, const char *name, size_t len)
{
	if (len == 1 && name[0] == '.')
		return c->v;
	const char *p = name, *end = name + len;
	const json_t *v = NULL;
	if (*p == '.') {
		p++;
		v = c->v;
	} else {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t seg = dot ? (size_t)(dot - p) : (size_t)(end - p);
		for (; c && !v; c = c->up)
			if (json_is_object(c->v))
				v = json_object_getn(c->v, p, seg);
		if (!v)
			return NULL;
		p += seg;
		if (p < end)
			p++;
		else
			return v;
	}
	while (p < end) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t seg = dot ? (size_t)(dot - p) : (size_t)(end - p);
		if (!json_is_object(v))
			return NULL;
		v = json_object_getn(v, p, seg);
		if (!v)
			return NULL;
		p += seg + (dot != NULL);
	}
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_false(v) || json_is_null(v))
		return 0;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	return 1;
}

/* The shortest %g form that reads back as the same double. */
static void put_real(struct buf *b, double d)
{
	char tmp[40];
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_puts(b, tmp);
}

static void put_value(struct render *r, const json_t *v, int escape)
{
	struct buf *b = r->out;
	if (!v || json_is_null(v) || json_is_object(v) || json_is_array(v))
		return;
	put_indent(r);
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		if (escape)
			buf_put_html(b, s);
		else
			buf_puts(b, s);
	} else if (json_is_integer(v)) {
		buf_printf(b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		put_real(b, json_real_value(v));
	} else {
		buf_puts(b, json_is_true(v) ? "true" : "false");
	}
}

static int render_template(struct render *r, const struct tmpl *t, const struct ctx *c,
			   struct err *e);

static int render_range(struct render *r, const struct tmpl *t, size_t from, size_t to,
			const struct ctx *c, struct err *e)
{
	for (size_t i = from; i < to; i++) {
		const struct node *nd = &t->nodes[i];
		if (++r->steps > TMPL_MAX_STEPS || r->out->len - r->start > TMPL_MAX_OUTPUT)
			return err_set(e, IPM_EINVAL,
				       "%s:%u: rendering stopped: more than %u steps or %zu MiB",
				       t->origin, nd->line, TMPL_MAX_STEPS, TMPL_MAX_OUTPUT >> 20);
		switch (nd->kind) {
		case N_TEXT:
			put_text(r, nd->s, nd->len);
			break;
		case N_VAR:
		case N_RAW:
			put_value(r, lookup(c, nd->s, nd->len), nd->kind == N_VAR);
			break;
		case N_SECTION:
		case N_INVERTED: {
			const json_t *v = lookup(c, nd->s, nd->len);
			int rc = IPM_OK;
			if (nd->kind == N_INVERTED) {
				if (!truthy(v))
					rc = render_range(r, t, i + 1, nd->end, c, e);
			} else if (json_is_array(v)) {
				for (size_t k = 0; k < json_array_size(v) && rc == IPM_OK; k++) {
					struct ctx inner = { json_array_get(v, k), c };
					rc = render_range(r, t, i + 1, nd->end, &inner, e);
				}
			} else if (truthy(v)) {
				struct ctx inner = { v, c };
				rc = render_range(r, t, i + 1, nd->end, &inner, e);
			}
			if (rc)
				return rc;
			i = nd->end - 1;
			break;
		}
		case N_PARTIAL: {
			const struct tmpl *p = set_find(r->set, nd->s, nd->len);
			if (!p)
				return err_set(e, IPM_EINVAL, "%s:%u: partial '%.*s' is not in the set",
					       t->origin, nd->line, (int)nd->len, nd->s);
			if (r->depth == TMPL_PARTIAL_DEPTH)
				return err_set(e, IPM_EINVAL,
					       "%s:%u: partials nested deeper than %d (recursion?)",
					       t->origin, nd->line, TMPL_PARTIAL_DEPTH);
			size_t mark = r->indent.len;
			if (nd->indent_len) {
				buf_add(&r->indent, nd->indent, nd->indent_len);
				r->at_line_start = 1;
			}
			r->depth++;
			int rc = render_template(r, p, c, e);
			r->depth--;
			r->indent.len = mark;
			if (rc)
				return rc;
			break;
		}
		}
	}
	return IPM_OK;
}

static int render_template(struct render *r, const struct tmpl *t, const struct ctx *c,
			   struct err *e)
{
	return render_range(r, t, 0, t->n, c, e);
}

int tmpl_render(const struct tmpl_set *set, const char *name, const json_t *data, struct buf *out,
		struct err *e)
{
	const struct tmpl *t = set_find(set, name, strlen(name));
	if (!t)
		return err_set(e, IPM_ENOTFOUND, "template '%s' is not in the set", name);
	struct render r = { .set = set, .out = out, .start = out->len };
	struct ctx root = { data, NULL };
	size_t mark = out->len;
	int rc = render_template(&r, t, &root, e);
	buf_free(&r.indent);
	/* No half page: on error the caller gets its buffer back as it was. */
	if (rc)
		out->len = mark;
	buf_grow(out, 0);
	out->data[out->len] = '\0';
	return rc;
}
