#include "pack/semantic.h"

#include <string.h>

struct t {
	json_t *codes; /* unique over the whole tree, so a code names one term */
	const json_t *prev_range; /* of the previous sibling, while walking siblings */
	int siblings_ranged;      /* whether the first sibling has a range */
};

static void check_term(struct sem *s, size_t i, const json_t *term, void *ctx);

static void check_level(struct sem *s, const json_t *parent, const char *key, json_t *codes)
{
	struct t level = { .codes = codes };
	const json_t *first = json_array_get(json_object_get(parent, key), 0);
	level.siblings_ranged = json_object_get(first, "range") != NULL;
	sem_each(s, parent, key, check_term, &level);
}

/* Sibling ranges partition a line (ages 0-14, 15-24, ...): each starts
 * right after the previous one ends, and only the last may be open. */
static void check_range(struct sem *s, size_t i, const json_t *range, struct t *t)
{
	const json_t *from = json_object_get(range, "from");
	const json_t *to = json_object_get(range, "to");
	size_t mark = jpath_push_key(&s->path, "range");
	if (to && json_integer_value(to) < json_integer_value(from)) {
		size_t inner = jpath_push_key(&s->path, "to");
		sem_error(s, "%lld is below from (%lld)", (long long)json_integer_value(to),
			  (long long)json_integer_value(from));
		jpath_pop(&s->path, inner);
	}
	if (i > 0 && t->prev_range) {
		const json_t *prev_to = json_object_get(t->prev_range, "to");
		size_t inner = jpath_push_key(&s->path, "from");
		if (!prev_to)
			sem_error(s, "follows an open-ended range");
		else if (json_integer_value(from) != json_integer_value(prev_to) + 1)
			sem_error(s, "expected %lld (right after the previous range), got %lld",
				  (long long)json_integer_value(prev_to) + 1,
				  (long long)json_integer_value(from));
		jpath_pop(&s->path, inner);
	}
	jpath_pop(&s->path, mark);
}

static void check_term(struct sem *s, size_t i, const json_t *term, void *ctx)
{
	struct t *t = ctx;
	const json_t *code = json_object_get(term, "code");
	sem_note_unique(s, t->codes, json_string_value(code), "code");
	const json_t *range = json_object_get(term, "range");
	if ((range != NULL) != t->siblings_ranged)
		sem_error(s, t->siblings_ranged ? "missing \"range\": its siblings have one"
						: "has a \"range\", its first sibling has none");
	else if (range)
		check_range(s, i, range, t);
	t->prev_range = range;
	check_level(s, term, "children", t->codes);
}

/* term.links: each kind declared in $.links; codes of a link into this
 * pack itself must be terms of the tree (links into other packs are
 * resolved where the packs are joined, e.g. src/pack/match_build.c). */
struct links_ctx {
	const json_t *declared; /* $.links, or NULL */
	const json_t *codes;    /* every code of the tree */
	const char *self;       /* this pack's id */
};

static void check_links(struct sem *s, size_t i, const json_t *term, void *ctx)
{
	struct links_ctx *c = ctx;
	const char *kind;
	const json_t *list;
	(void)i;
	size_t mark = jpath_push_key(&s->path, "links");
	json_object_foreach((json_t *)json_object_get(term, "links"), kind, list) {
		size_t inner = jpath_push_key(&s->path, kind);
		const json_t *decl = json_object_get(c->declared, kind);
		const char *pack = json_string_value(json_object_get(decl, "pack"));
		size_t k;
		const json_t *code;
		if (!decl)
			sem_error(s, "link kind \"%s\" is not declared in $.links", kind);
		else if (pack && c->self && strcmp(pack, c->self) == 0)
			json_array_foreach(list, k, code) {
				if (json_object_get(c->codes, json_string_value(code)))
					continue;
				size_t at = jpath_push_index(&s->path, k);
				sem_error(s, "unknown code \"%s\" of this pack", json_string_value(code));
				jpath_pop(&s->path, at);
			}
		jpath_pop(&s->path, inner);
	}
	jpath_pop(&s->path, mark);
	sem_each(s, term, "children", check_links, ctx);
}

void semantic_taxonomy(struct sem *s)
{
	json_t *codes = json_object();
	check_level(s, s->doc, "terms", codes);
	struct links_ctx c = { .declared = json_object_get(s->doc, "links"), .codes = codes,
			       .self = json_string_value(json_object_get(s->doc, "pack")) };
	sem_each(s, s->doc, "terms", check_links, &c);
	json_decref(codes);
}
