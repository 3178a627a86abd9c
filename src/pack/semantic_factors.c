#include "pack/derive_build.h"
#include "pack/semantic.h"

#include <string.h>

struct f {
	json_t *domains, *scales, *factors;
};

/* The conversion (map or levels) is read and checked by derive_read, the
 * reader the converter uses too; here its complaint gets its JSON path. An
 * unknown rating scale was reported already and leaves nothing to check
 * the ratings against. */
static void check_conversion(struct sem *s, struct f *f, size_t i, const json_t *factor)
{
	struct derive_band bands[DERIVE_BANDS_MAX];
	struct derive_rule r;
	struct derive_where w;
	struct err e = { 0 };
	const char *scale = json_string_value(json_object_get(factor, "rating_scale"));
	if (!scale || !json_object_get(f->scales, scale))
		return;
	if (derive_read(s->doc, i, &r, bands, &w, &e) != IPM_EINVAL)
		return;
	size_t mark = s->path.len;
	derive_where_push(&s->path, &w);
	sem_error(s, "%s", e.msg);
	jpath_pop(&s->path, mark);
}

static void check_factor(struct sem *s, size_t i, const json_t *factor, void *ctx)
{
	struct f *f = ctx;
	sem_ref(s, f->domains, factor, "domain", "domain");
	sem_ref(s, f->scales, factor, "rating_scale", "rating scale");
	/* A factor nobody asks about and nobody rates can never get a value. */
	if (!json_object_get(factor, "question") && !json_object_get(factor, "rating"))
		sem_error(s, "needs \"question\", \"rating\" or both");
	/* A specific kind narrows one of the factor's goals (which goal each
	 * kind belongs to is sol-goals' to say: src/pack/match_build.c). */
	if (json_object_get(factor, "sol_kinds") &&
	    !json_array_size(json_object_get(factor, "sol_goals"))) {
		size_t at = jpath_push_key(&s->path, "sol_kinds");
		sem_error(s, "needs \"sol_goals\": a kind serves one of the factor's goals");
		jpath_pop(&s->path, at);
	}
	const json_t *derived = json_object_get(factor, "derived_from");
	if (!derived)
		return;
	size_t mark = jpath_push_key(&s->path, "derived_from");
	const char *step = json_string_value(json_object_get(derived, "step"));
	const char *ref = json_string_value(json_object_get(derived, "ref"));
	const char *id = json_string_value(json_object_get(factor, "id"));
	if (strcmp(step, "factor") == 0 && !ref)
		sem_error(s, "missing required property \"ref\" (step is \"factor\")");
	else if (strcmp(step, "factor") == 0 && strcmp(ref, id) == 0)
		sem_error(s, "a factor cannot be derived from itself");
	else if (strcmp(step, "factor") == 0)
		sem_ref(s, f->factors, derived, "ref", "factor");
	check_conversion(s, f, i, factor);
	jpath_pop(&s->path, mark);
}

void semantic_factors(struct sem *s)
{
	struct f f;
	f.domains = sem_index(s, s->doc, "domains", "id");
	f.scales = sem_response_scales(s, "rating_scales");
	f.factors = sem_index(s, s->doc, "factors", "id");
	sem_each(s, s->doc, "factors", check_factor, &f);
	json_decref(f.factors);
	json_decref(f.scales);
	json_decref(f.domains);
}
