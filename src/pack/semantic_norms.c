/* Norms: every value names a scale and has a positive sd, and within one
 * sex the age ranges do not overlap, so that sex and age pick exactly one
 * group (the engine relies on it). */
#include "pack/semantic_questionnaire.h"

#include <string.h>

static void check_values(struct sem *s, const struct semq *q, const json_t *values)
{
	const char *key;
	json_t *v;
	size_t outer = jpath_push_key(&s->path, "values");
	json_object_foreach((json_t *)values, key, v) {
		size_t mark = jpath_push_key(&s->path, key);
		if (!json_object_get(q->scales, key)) {
			sem_error(s, "unknown scale \"%s\"", key);
		} else if (!(json_number_value(json_array_get(v, 1)) > 0)) {
			size_t inner = jpath_push_index(&s->path, 1);
			sem_error(s, "sd must be > 0");
			jpath_pop(&s->path, inner);
		}
		jpath_pop(&s->path, mark);
	}
	jpath_pop(&s->path, outer);
}

static void check_group(struct sem *s, size_t i, const json_t *g, void *ctx)
{
	const struct semq *q = ctx;
	const json_t *groups = json_object_get(json_object_get(s->doc, "norms"), "groups");
	json_int_t lo = json_integer_value(json_object_get(g, "age_min"));
	json_int_t hi = json_integer_value(json_object_get(g, "age_max"));
	const char *sex = json_string_value(json_object_get(g, "sex")); /* NULL = both */
	if (hi < lo) {
		size_t mark = jpath_push_key(&s->path, "age_max");
		sem_error(s, "%lld is less than age_min (%lld)", (long long)hi, (long long)lo);
		jpath_pop(&s->path, mark);
	}
	check_values(s, q, json_object_get(g, "values"));
	/* Compared with the earlier groups only, so each overlap is told once. */
	for (size_t k = 0; k < i && hi >= lo; k++) {
		const json_t *o = json_array_get(groups, k);
		const char *osex = json_string_value(json_object_get(o, "sex"));
		json_int_t olo = json_integer_value(json_object_get(o, "age_min"));
		json_int_t ohi = json_integer_value(json_object_get(o, "age_max"));
		if ((sex == NULL) != (osex == NULL) || (sex && strcmp(sex, osex) != 0))
			continue;
		if (lo <= ohi && olo <= hi) {
			size_t mark = jpath_push_key(&s->path, "age_min");
			sem_error(s, "ages %lld-%lld overlap group \"%s\" (%lld-%lld) of the same sex",
				  (long long)lo, (long long)hi,
				  json_string_value(json_object_get(o, "id")), (long long)olo,
				  (long long)ohi);
			jpath_pop(&s->path, mark);
		}
	}
}

void semq_cutoffs(struct sem *s, const json_t *parent, const char *key)
{
	const json_t *bands = json_object_get(parent, key);
	double lo = json_number_value(json_object_get(bands, "low_below"));
	double hi = json_number_value(json_object_get(bands, "high_above"));
	if (bands && hi < lo) {
		size_t mark = jpath_push_key(&s->path, key);
		size_t inner = jpath_push_key(&s->path, "high_above");
		sem_error(s, "must be at least low_below");
		jpath_pop(&s->path, inner);
		jpath_pop(&s->path, mark);
	}
}

void semq_norms(struct sem *s, const struct semq *q)
{
	const json_t *norms = json_object_get(s->doc, "norms");
	if (!norms)
		return;
	size_t outer = jpath_push_key(&s->path, "norms");
	semq_cutoffs(s, norms, "bands");
	json_t *ids = sem_index(s, norms, "groups", "id");
	sem_each(s, norms, "groups", check_group, (void *)q);
	json_decref(ids);
	jpath_pop(&s->path, outer);
}
