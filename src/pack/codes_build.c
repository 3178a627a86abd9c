#include "pack/codes_build.h"
#include "core/json.h"

#include <stdbool.h>
#include <stdlib.h>

const char *pack_term_label(const json_t *term, const char *lang, struct arena *a)
{
	const char *s = json_string_value(json_object_get(json_object_get(term, "label"), lang));
	return s ? arena_strdup(a, s) : NULL;
}

int pack_expect_taxonomy(const struct pack *p, struct err *e)
{
	if (p->kind != PACK_TAXONOMY)
		return err_set(e, IPM_EINVAL, "%s: expected a taxonomy pack, got %s",
			       p->source_name, pack_kind_name(p->kind));
	return IPM_OK;
}

struct walk {
	struct arena *a;
	struct code_entry *v; /* NULL while counting */
	size_t n;
	bool all;             /* every term, not only the leaves */
};

/* The leaves (or, with w->all, every term) under `terms`. The pack loader
 * bounds the depth (32 levels), so recursion is safe. */
static void leaves(const json_t *terms, const char *parent, struct walk *w)
{
	size_t i;
	const json_t *term;
	json_array_foreach(terms, i, term) {
		const json_t *children = json_object_get(term, "children");
		const char *code = json_string_value(json_object_get(term, "code"));
		if (children && !w->all) {
			leaves(children, code, w);
			continue;
		}
		if (w->v) {
			struct code_entry *c = &w->v[w->n];
			c->code = arena_strdup(w->a, code);
			c->label_nl = pack_term_label(term, "nl", w->a);
			c->parent = parent ? arena_strdup(w->a, parent) : NULL;
			c->value = json_number_value(json_object_get(term, "value"));
		}
		w->n++;
		if (children)
			leaves(children, code, w);
	}
}

static int code_list_walk(const struct pack *p, bool all, struct arena *a,
			  struct code_list *out, struct err *e)
{
	int rc = pack_expect_taxonomy(p, e);
	if (rc)
		return rc;
	const json_t *terms = json_object_get(p->doc, "terms");
	struct walk w = { .a = a, .all = all };
	leaves(terms, NULL, &w);
	w.v = arena_array(a, w.n, sizeof *w.v);
	w.n = 0;
	leaves(terms, NULL, &w);
	*out = (struct code_list){ .pack = arena_strdup(a, p->id), .v = w.v, .n = w.n };
	return IPM_OK;
}

int code_list_from_pack(const struct pack *p, struct arena *a, struct code_list *out,
			struct err *e)
{
	return code_list_walk(p, false, a, out, e);
}

int code_list_all_from_pack(const struct pack *p, struct arena *a, struct code_list *out,
			    struct err *e)
{
	return code_list_walk(p, true, a, out, e);
}

/* The first leaf without a value, by path; NULL when all have one. */
static const json_t *unvalued(const json_t *terms, struct jpath *path)
{
	size_t i;
	const json_t *term;
	json_array_foreach(terms, i, term) {
		size_t mark = jpath_push_index(path, i);
		const json_t *children = json_object_get(term, "children");
		if (children) {
			size_t inner = jpath_push_key(path, "children");
			const json_t *t = unvalued(children, path);
			if (t)
				return t;
			jpath_pop(path, inner);
		} else if (!json_object_get(term, "value")) {
			return term;
		}
		jpath_pop(path, mark);
	}
	return NULL;
}

static int by_value(const void *a, const void *b)
{
	const struct code_entry *x = a, *y = b;
	return (x->value > y->value) - (x->value < y->value);
}

int code_list_ranked_from_pack(const struct pack *p, struct arena *a, struct code_list *out,
			       struct err *e)
{
	int rc = code_list_from_pack(p, a, out, e);
	if (rc)
		return rc;
	struct jpath path;
	jpath_root(&path);
	jpath_push_key(&path, "terms");
	if (unvalued(json_object_get(p->doc, "terms"), &path))
		return err_set(e, IPM_EINVAL, "%s: %s: missing \"value\" (the rank of the term)",
			       p->source_name, path.s);
	struct code_entry *v = (struct code_entry *)out->v;
	qsort(v, out->n, sizeof *v, by_value);
	for (size_t i = 1; i < out->n; i++)
		if (v[i].value == v[i - 1].value)
			return err_set(e, IPM_EINVAL, "%s: terms %s and %s share a rank",
				       p->source_name, v[i - 1].code, v[i].code);
	return IPM_OK;
}
