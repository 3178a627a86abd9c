#include "engine/fitted_model.h"

#include <string.h>

int fitted_model(const struct prog_model *base, const struct fit_result *r,
		 struct prog_model *out, struct err *e)
{
	if (r->n_features != base->n_features)
		return err_set(e, IPM_EINVAL, "fit: %zu features, the model has %zu", r->n_features,
			       base->n_features);
	struct prog_model *m = out;
	m->pack_id = base->pack_id;
	m->version = "fitted";
	m->factors_pack = base->factors_pack;
	m->factors_version = base->factors_version;
	m->title = base->title;
	m->calibrated = true;
	double *h0 = arena_array(&m->arena, FITTED_MONTHS, sizeof *h0);
	fit_baseline_hazard(r, h0, FITTED_MONTHS);
	m->h0 = h0;
	m->n_months = FITTED_MONTHS;
	m->n_features = base->n_features;
	m->features = arena_array(&m->arena, base->n_features + 1, sizeof *m->features);
	memcpy(m->features, base->features, base->n_features * sizeof *m->features);
	for (size_t k = 0; k < m->n_features; k++)
		m->features[k].beta = r->beta[k];
	/* The organisation's population reference came with the base pack and
	 * says nothing about a model fitted on other data. */
	m->has_population = false;
	return prog_model_prepare(m, e);
}
