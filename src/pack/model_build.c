#include "pack/model_build.h"

#include "core/buf.h"
#include "core/xalloc.h"
#include "pack/pack_text.h"

#include <string.h>

/* The rating range a factor needs to enter the model (the contract). */
#define RATING_MIN (-2)
#define RATING_MAX 2

struct mb {
	struct prog_model *m;
	const struct pack *model;
	const struct pack *factors; /* NULL when none was given */
	struct err *e;
};

static const json_t *find_by(const json_t *arr, const char *key, const char *value)
{
	for (size_t i = 0; value && i < json_array_size(arr); i++) {
		const json_t *el = json_array_get(arr, i);
		const char *v = json_string_value(json_object_get(el, key));
		if (v && strcmp(v, value) == 0)
			return el;
	}
	return NULL;
}

static const char *str(struct mb *b, const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? arena_strdup(&b->m->arena, s) : NULL;
}

/* Messages read like pack errors, `FILE: $.features[i].ref: ...`, so that
 * the user finds the line to change. */
static int fail(struct mb *b, size_t i, const char *field, const char *what)
{
	return err_set(b->e, IPM_EINVAL, "%s: $.features[%zu]%s%s: %s", b->model->source_name, i,
		       field ? "." : "", field ? field : "", what);
}

static int join_factor(struct mb *b, size_t i, struct prog_feature *f)
{
	struct buf msg = BUF_INIT;
	int rc = IPM_OK;
	const json_t *fac = b->factors
		? find_by(json_object_get(b->factors->doc, "factors"), "id", f->ref) : NULL;
	if (!fac) {
		buf_printf(&msg, "feature \"%s\": factor \"%s\" is not in the factor catalogue \"%s\"",
			   f->id, f->ref, b->factors ? b->factors->id : "(none given)");
		goto out;
	}
	/* Proxies for protected attributes (sex, origin) describe the situation
	 * for the profile and the advice; a model must not learn from them. */
	if (json_is_true(json_object_get(fac, "profile_only"))) {
		buf_printf(&msg, "feature \"%s\": factor \"%s\" is for the profile only and may "
			   "not be a predictor", f->id, f->ref);
		goto out;
	}
	const json_t *scale = find_by(json_object_get(b->factors->doc, "rating_scales"), "id",
				      json_string_value(json_object_get(fac, "rating_scale")));
	f->min = (double)json_integer_value(json_object_get(scale, "min"));
	f->max = (double)json_integer_value(json_object_get(scale, "max"));
	if (!scale || f->min != RATING_MIN || f->max != RATING_MAX) {
		buf_printf(&msg, "feature \"%s\": factor \"%s\" is rated %g..%g, the model needs "
			   "%d..%d", f->id, f->ref, f->min, f->max, RATING_MIN, RATING_MAX);
		goto out;
	}
	if (prog_domain_parse(json_string_value(json_object_get(fac, "domain")), &f->domain) ||
	    prog_influence_parse(json_string_value(json_object_get(fac, "influence")),
				 &f->influence)) {
		buf_printf(&msg, "feature \"%s\": factor \"%s\" has no valid domain or influence",
			   f->id, f->ref);
		goto out;
	}
	f->label = pack_text(&b->m->arena, json_object_get(fac, "label"));
out:
	if (msg.len)
		rc = fail(b, i, "ref", buf_str(&msg));
	buf_free(&msg);
	return rc;
}

static int join_client(struct mb *b, size_t i, const json_t *feat, struct prog_feature *f)
{
	if (prog_client_parse(f->ref, &f->client)) {
		struct buf msg = BUF_INIT;
		buf_printf(&msg, "feature \"%s\": unknown client attribute \"%s\" (known: %s, %s)",
			   f->id, f->ref, prog_client_name(PROG_AGE_50_PLUS),
			   prog_client_name(PROG_AGE_UNDER_27));
		int rc = fail(b, i, "ref", buf_str(&msg));
		buf_free(&msg);
		return rc;
	}
	f->domain = PROG_DOMAIN_NONE;
	f->influence = PROG_NIET;
	f->min = 0;
	f->max = 1;
	f->label = pack_text(&b->m->arena, json_object_get(feat, "label"));
	if (!f->label.t[Q_NL])
		f->label.t[Q_NL] = f->ref;
	return IPM_OK;
}

static int build_feature(struct mb *b, size_t i, struct prog_feature *f)
{
	const json_t *feat = json_array_get(json_object_get(b->model->doc, "features"), i);
	const char *kind = json_string_value(json_object_get(feat, "source"));
	f->id = str(b, feat, "id");
	f->ref = str(b, feat, "ref");
	f->client = PROG_CLIENT_NONE;
	const json_t *coef = find_by(json_object_get(b->model->doc, "coefficients"), "feature", f->id);
	if (!coef)
		return fail(b, i, NULL, "feature has no coefficient (pack not validated?)");
	f->beta = json_number_value(json_object_get(coef, "beta"));
	f->source = str(b, coef, "source");
	f->uncertainty = str(b, coef, "uncertainty");
	if (kind && strcmp(kind, "client") == 0) {
		f->kind = PROG_CLIENT;
		return join_client(b, i, feat, f);
	}
	f->kind = PROG_FACTOR;
	return join_factor(b, i, f);
}

static int check_catalogue(struct mb *b)
{
	const char *named = json_string_value(json_object_get(b->model->doc, "factors_pack"));
	if (!b->factors)
		return IPM_OK;
	if (b->factors->kind != PACK_FACTORS)
		return err_set(b->e, IPM_EINVAL, "pack \"%s\" is a %s pack, not a factor catalogue",
			       b->factors->id, pack_kind_name(b->factors->kind));
	if (named && strcmp(named, b->factors->id) != 0)
		return err_set(b->e, IPM_EINVAL, "%s: $.factors_pack: the model needs catalogue "
			       "\"%s\", not \"%s\"", b->model->source_name, named, b->factors->id);
	b->m->factors_pack = arena_strdup(&b->m->arena, b->factors->id);
	b->m->factors_version = arena_strdup(&b->m->arena, b->factors->version);
	return IPM_OK;
}

static void build_baseline(struct mb *b)
{
	const json_t *doc = b->model->doc;
	const json_t *h0 = json_object_get(doc, "baseline_hazard");
	const json_t *pop = json_object_get(doc, "population_p12");
	struct prog_model *m = b->m;
	double *v = arena_array(&m->arena, json_array_size(h0) + 1, sizeof *v);
	for (size_t t = 0; t < json_array_size(h0); t++)
		v[t] = json_number_value(json_array_get(h0, t));
	m->h0 = v;
	m->n_months = json_array_size(h0);
	m->has_population = pop != NULL;
	if (pop) {
		m->population.lower = json_number_value(json_object_get(pop, "lower"));
		m->population.upper = json_number_value(json_object_get(pop, "upper"));
	}
}

int model_build(const struct pack *model, const struct pack *factors, struct prog_model **out,
		struct err *e)
{
	struct prog_model *m = xcalloc(1, sizeof *m);
	struct mb b = { .m = m, .model = model, .factors = factors, .e = e };
	const json_t *features = json_object_get(model->doc, "features");
	int rc;
	*out = NULL;
	if (model->kind != PACK_MODEL) {
		rc = err_set(e, IPM_EINVAL, "pack \"%s\" is a %s pack, not a model", model->id,
			     pack_kind_name(model->kind));
		goto out;
	}
	if (json_array_size(features) > PROG_FEATURES_MAX) {
		rc = err_set(e, IPM_EINVAL, "%s: $.features: %zu features, at most %d",
			     model->source_name, json_array_size(features), PROG_FEATURES_MAX);
		goto out;
	}
	if ((rc = check_catalogue(&b)))
		goto out;
	m->pack_id = arena_strdup(&m->arena, model->id);
	m->version = arena_strdup(&m->arena, model->version);
	m->sha256 = arena_strdup(&m->arena, model->sha256);
	m->title = pack_text(&m->arena, json_object_get(model->doc, "title"));
	m->calibrated = json_is_true(json_object_get(model->doc, "calibrated"));
	build_baseline(&b);
	m->n_features = json_array_size(features);
	m->features = arena_array(&m->arena, m->n_features + 1, sizeof *m->features);
	for (size_t i = 0; i < m->n_features; i++)
		if ((rc = build_feature(&b, i, &m->features[i])))
			goto out;
	if ((rc = prog_model_prepare(m, e))) {
		err_prefix(e, "%s", model->source_name);
		goto out;
	}
	*out = m;
	m = NULL;
out:
	model_free(m);
	return rc;
}

void model_free(struct prog_model *m)
{
	if (!m)
		return;
	arena_free(&m->arena);
	free(m);
}
