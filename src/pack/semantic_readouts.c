/* The within-person read-outs: top scale, Holland code, reference profiles.
 * Their references must resolve, and a profile entry must have one value
 * per profile scale for the correlation to mean anything. */
#include "pack/semantic_questionnaire.h"

struct entries {
	size_t n_scales;
};

static void check_entry(struct sem *s, size_t i, const json_t *entry, void *ctx)
{
	const struct entries *c = ctx;
	size_t n = json_array_size(json_object_get(entry, "values"));
	const char *code = json_string_value(json_object_get(entry, "holland"));
	(void)i;
	if (n != c->n_scales) {
		size_t mark = jpath_push_key(&s->path, "values");
		sem_error(s, "expected %zu values (one per profile scale), got %zu", c->n_scales, n);
		jpath_pop(&s->path, mark);
	}
	/* The schema's pattern allows "SSE"; a Holland code names three types. */
	if (code && (code[0] == code[1] || code[0] == code[2] || code[1] == code[2])) {
		size_t mark = jpath_push_key(&s->path, "holland");
		sem_error(s, "the three letters must differ");
		jpath_pop(&s->path, mark);
	}
}

static void check_profiles(struct sem *s, const struct semq *q, const json_t *profiles)
{
	struct entries c = { json_array_size(json_object_get(profiles, "scales")) };
	size_t outer = jpath_push_key(&s->path, "profiles");
	semq_scale_refs(s, q, profiles, "scales");
	json_t *ids = sem_index(s, profiles, "entries", "id");
	sem_each(s, profiles, "entries", check_entry, &c);
	json_decref(ids);
	jpath_pop(&s->path, outer);
}

void semq_readouts(struct sem *s, const struct semq *q)
{
	static const char *const with_scales[] = { "top", "holland" };
	for (size_t k = 0; k < 2; k++) {
		const json_t *o = json_object_get(s->doc, with_scales[k]);
		if (!o)
			continue;
		size_t mark = jpath_push_key(&s->path, with_scales[k]);
		semq_scale_refs(s, q, o, "scales");
		jpath_pop(&s->path, mark);
	}
	const json_t *profiles = json_object_get(s->doc, "profiles");
	if (profiles)
		check_profiles(s, q, profiles);
}
