#include "pack/semantic.h"

#include <string.h>

struct f {
	json_t *domains, *scales, *factors;
};

static void check_factor(struct sem *s, size_t i, const json_t *factor, void *ctx)
{
	struct f *f = ctx;
	(void)i;
	sem_ref(s, f->domains, factor, "domain", "domain");
	sem_ref(s, f->scales, factor, "rating_scale", "rating scale");
	/* A factor nobody asks about and nobody rates can never get a value. */
	if (!json_object_get(factor, "question") && !json_object_get(factor, "rating"))
		sem_error(s, "needs \"question\", \"rating\" or both");
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
