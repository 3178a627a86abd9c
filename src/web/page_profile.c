/* /clients/{id}/profile: the factor profile (DOMAIN §4) — per domain the
 * hindering and the facilitating factors, sorted by weight × rating as the
 * stored prognosis ordered them (engine/prognosis.h, prog_domain_view), then
 * the rated factors the model does not weigh (profile only, by rating), as
 * lists and as a diverging bar chart of the contributions to the chance of
 * work within 12 months. Numbers (ratings, contributions) only for roles
 * with test details; special-category factors only for roles that may see
 * them: the jobcoach reads the conclusions. */
#include "core/json.h"
#include "services/interview.h"
#include "store/store_route.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PROFILE_BARS 12

static const struct web_text texts[] = {
	{ "heading", N_("Factor profile") },
	{ "intro", N_("What hinders and what helps on the way to work, per domain. The factors "
		      "that weigh most come first.") },
	{ "hindering", N_("Hindering") },
	{ "facilitating", N_("Facilitating") },
	{ "none", N_("None.") },
	{ "rating", N_("Rating") },
	{ "effect", N_("Effect on the chance of work within 12 months") },
	{ "influence", N_("Can be influenced by") },
	{ "profile_only", N_("Not weighed in the prognosis") },
	{ "chart", N_("Chart") },
	{ "no_interview", N_("No factor interview has been finished yet.") },
	{ "to_interview", N_("Go to the factor interview") },
	{ "stale", N_("The prognosis was computed before the latest ratings. Compute it again to "
		      "bring the order up to date.") },
	{ "no_prognosis", N_("There is no prognosis yet; the factors are ordered by rating only.") },
	{ "compute", N_("Compute the prognosis") },
	{ "special", N_("Special category data") },
};

struct row {
	const char *id;
	double value, lp, p12;
	bool in_model;
};

static int by_rating(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	double d = fabs(y->value) - fabs(x->value);
	return d > 0 ? 1 : d < 0 ? -1 : strcmp(x->id, y->id);
}

static const json_t *contribution(const json_t *prog, const char *id)
{
	size_t i;
	const json_t *c;
	json_array_foreach(json_object_get(prog, "contributions"), i, c)
		if (!strcmp(json_string_value(json_object_get(c, "feature")), id))
			return c;
	return NULL;
}

struct ctx {
	struct web_request *req;
	const struct client_page *cp;
	const struct interview *iv;
	const json_t *prog;             /* NULL: no (current) prognosis */
	const struct store_assessment *as;
	int details, sensitive;
	struct chart_row bars[64];
	size_t n_bars;
};

static const char *rating_of(const struct ctx *x, const char *id)
{
	for (size_t k = 0; k < x->as->n_answers; k++)
		if (!strcmp(x->as->answers[k].item_id, id))
			return x->as->answers[k].value && *x->as->answers[k].value
				       ? x->as->answers[k].value
				       : NULL;
	return NULL;
}

static json_t *row_json(struct ctx *x, const struct interview_factor *f, const struct row *r)
{
	json_t *o = json_object();
	web_view_set(o, "label", q_text_get(&f->label, x->cp->lang));
	web_view_set(o, "influence", client_page_influence(x->req, f->influence));
	json_object_set_new(o, "special", json_boolean(f->special));
	json_object_set_new(o, "profile_only", json_boolean(!r->in_model && x->prog));
	if (x->details) {
		web_view_set(o, "rating", client_page_signed((int)r->value));
		if (r->in_model) {
			client_page_number(x->req, o, "effect", 100 * r->p12, 1);
			if (x->n_bars < 64 && fabs(r->p12) >= 0.0005)
				x->bars[x->n_bars++] = (struct chart_row){
					.label = q_text_get(&f->label, x->cp->lang), .value = r->p12
				};
		}
	}
	return o;
}

/* One list (hindering or facilitating) of one domain. */
static json_t *list_json(struct ctx *x, const char *domain, bool hindering)
{
	json_t *list = json_array();
	struct row rows[64];
	size_t n = 0;
	/* The model's factors in the prognosis's order (weight × rating). */
	const json_t *view = json_object_get(json_object_get(x->prog, "domains"), domain);
	size_t i;
	const json_t *id;
	json_array_foreach(json_object_get(view, hindering ? "hindering" : "facilitating"), i, id) {
		const char *fid = json_string_value(id);
		const json_t *c = contribution(x->prog, fid);
		if (!fid || !c || n == 64)
			continue;
		rows[n++] = (struct row){ fid, json_number_value(json_object_get(c, "value")),
					  json_number_value(json_object_get(c, "lp")),
					  json_number_value(json_object_get(c, "p12")), true };
	}
	size_t weighed = n;
	/* Then every other rated factor of the domain, by rating. */
	for (size_t k = 0; k < x->iv->n_factors && n < 64; k++) {
		const struct interview_factor *f = &x->iv->factors[k];
		const char *v = rating_of(x, f->id);
		if (strcmp(f->domain, domain) != 0 || !v)
			continue;
		int r = atoi(v);
		if ((hindering && r >= 0) || (!hindering && r <= 0))
			continue;
		bool seen = false;
		for (size_t j = 0; j < weighed && !seen; j++)
			seen = !strcmp(rows[j].id, f->id);
		if (!seen)
			rows[n++] = (struct row){ f->id, r, NAN, NAN, false };
	}
	qsort(rows + weighed, n - weighed, sizeof *rows, by_rating);
	for (size_t k = 0; k < n; k++) {
		const struct interview_factor *f = interview_factor_find(x->iv, rows[k].id);
		if (!f || (f->special && !x->sensitive))
			continue;
		json_array_append_new(list, row_json(x, f, &rows[k]));
	}
	return list;
}

/* Largest effect first, as the prognosis orders its contributions. */
static int by_effect(const void *a, const void *b)
{
	double d = fabs(((const struct chart_row *)b)->value) -
		   fabs(((const struct chart_row *)a)->value);
	return d > 0 ? 1 : d < 0 ? -1 : 0;
}

static int chart(struct ctx *x, json_t *v)
{
	if (!x->n_bars)
		return IPM_OK;
	qsort(x->bars, x->n_bars, sizeof x->bars[0], by_effect);
	if (x->n_bars > PROFILE_BARS)
		x->n_bars = PROFILE_BARS;
	struct chart_words w;
	client_page_chart_words(x->req, &w);
	double most = 0;
	for (size_t i = 0; i < x->n_bars; i++)
		most = fmax(most, fabs(x->bars[i].value));
	double edge = fmax(0.05, ceil(most / 0.05 - 1e-9) * 0.05);
	struct chart c = { .type = CHART_FACTORS,
			   .title = web_text(x->req, N_("Effect of each factor on the chance of "
							"work within 12 months")),
			   .w = &w,
			   .show_values = true };
	c.u.bars = (struct chart_bars){ x->n_bars, x->bars, -edge, edge, NAN, NAN, "pp", 100 };
	return client_page_chart(v, "chart", &c, 640);
}

int page_profile(struct web_request *req)
{
	struct client_page cp;
	struct interview iv;
	struct store_assessment as;
	struct store_result sr;
	json_t *prog = NULL;
	struct err e;
	int rc = client_page_open(req, PERM_CONCLUSIONS, "assessment", &cp);
	if (rc)
		return rc;
	if ((rc = interview_load(req->store, &cp.who, cp.id, cp.today, &iv, &e)))
		goto out;
	json_t *v = web_view(req);
	client_page_view(req, &cp, v, "profile");
	if (access_allows(req->user.role, PERM_DOSSIER_WRITE)) {
		web_view_set(v, "interview_href", client_page_href(req, cp.id, "factors"));
		web_view_set(v, "compute_action", client_page_href(req, cp.id, "prognosis"));
	}
	if (!iv.completed_id) {
		json_object_set_new(v, "no_interview", json_true());
		goto render;
	}
	if ((rc = store_assessment_get(req->store, &cp.who, iv.completed_id, &as, &req->arena, &e)))
		goto fail;
	rc = store_result_latest(req->store, &cp.who, cp.id, "prognosis", NULL, &sr, &req->arena, &e);
	if (rc == IPM_OK) {
		if ((rc = json_parse_text("prognosis", sr.data, strlen(sr.data), &prog, &e)))
			goto fail;
		if (sr.assessment_id != iv.completed_id) {
			json_object_set_new(v, "stale", json_true());
			json_decref(prog);
			prog = NULL;
		}
	} else if (rc != IPM_ENOTFOUND) {
		goto fail;
	}
	rc = IPM_OK;
	if (!prog && !json_is_true(json_object_get(v, "stale")))
		json_object_set_new(v, "no_prognosis", json_true());
	json_object_set_new(v, "show_compute", json_boolean(!prog));
	struct ctx x = { req, &cp, &iv, prog, &as, access_allows(req->user.role, PERM_TEST_DETAILS),
			 access_allows(req->user.role, PERM_SENSITIVE), { { 0 } }, 0 };
	json_t *domains = json_array();
	for (size_t d = 0; d < INTERVIEW_DOMAINS; d++) {
		if (!iv.domains[d].id)
			continue;
		json_t *o = json_object();
		web_view_set(o, "id", iv.domains[d].id);
		web_view_set(o, "label", q_text_get(&iv.domains[d].label, cp.lang));
		json_t *h = list_json(&x, iv.domains[d].id, true);
		json_t *f = list_json(&x, iv.domains[d].id, false);
		json_object_set_new(o, "any_hindering", json_boolean(json_array_size(h) > 0));
		json_object_set_new(o, "any_facilitating", json_boolean(json_array_size(f) > 0));
		json_object_set_new(o, "hindering", h);
		json_object_set_new(o, "facilitating", f);
		json_array_append_new(domains, o);
	}
	json_object_set_new(v, "domains", domains);
	json_object_set_new(v, "details", json_boolean(x.details));
	if ((rc = chart(&x, v)))
		goto fail;
render:
	WEB_TEXTS(req, v, texts);
	rc = web_render(req, "profile", N_("Factor profile"), v);
	goto out;
fail:
	json_decref(v);
out:
	json_decref(prog);
	interview_free(&iv);
	return rc;
}
