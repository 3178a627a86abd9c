/* Section 10 of the report, advies en strategie: the prognosis with its
 * curve, the judgement, the advice items, the matches (report_doc_match.c),
 * the trajectplan and the jobcoaching advice. */
#include "core/json.h"
#include "services/advice.h"
#include "services/plan.h"
#include "services/prognosis_store.h"
#include "services/report_doc_internal.h"

#include <string.h>

#define CURVE_MONTHS 24

/* The chance of work within k months for k = 0..CURVE_MONTHS, recomputed
 * from the stored ratings by the model that made the prognosis, on the day
 * it was made (the stored linear predictor is rounded for reading). */
static int curve(struct rd *r, json_t **out, struct err *e)
{
	const struct prog_model *m = r->ms.m;
	struct store_assessment as;
	struct prog_input pi;
	struct prog_result pr;
	struct date at;
	const char *as_of = json_string_value(json_object_get(r->prognosis, "as_of"));
	*out = NULL;
	if (!as_of || !date_parse(as_of, &at))
		return err_set(e, IPM_EINVAL, "prognosis: $.as_of: expected a date YYYY-MM-DD");
	int rc = store_assessment_get(r->s, r->who, r->prognosis_assessment, &as, &r->a, e);
	if (rc)
		return rc;
	struct store_prognosis_input in = {
		.client_id = r->o->client_id, .birth_date = r->client.birth_date,
		.benefit_start = r->client.benefit_start, .n_ratings = as.n_answers,
		.ratings = as.answers,
	};
	if ((rc = prognosis_input_at(m, &in, at, &pi, e)) ||
	    (rc = prog_predict(m, &pi, NULL, &pr, e)))
		return rc;
	*out = json_array();
	for (int k = 0; k <= CURVE_MONTHS; k++)
		json_array_append_new(*out, json_pack("{s:i, s:o}", "month", k, "p_work",
						      rd_num(prog_p_within(m, pi.months, k, pr.lp),
							     4)));
	return IPM_OK;
}

static json_t *feature_label(const struct rd *r, const json_t *c)
{
	const char *feature = json_string_value(json_object_get(c, "feature"));
	int k = prog_feature_index(r->ms.m, feature);
	const struct prog_feature *f = k >= 0 ? &r->ms.m->features[k] : NULL;
	return json_pack("{s:s, s:s}", "id", f && f->ref ? f->ref : feature, "label",
			 f ? q_text_get(&f->label, r->o->lang) : feature);
}

static int prognosis(struct rd *r, json_t **out, struct err *e)
{
	*out = json_null();
	int rc = rd_prognosis(r, e);
	if (rc || !r->prognosis || r->o->version == REPORT_EMPLOYER)
		return rc;
	const json_t *p = r->prognosis;
	json_t *raise = json_array();
	size_t i;
	const json_t *c;
	json_array_foreach(json_object_get(p, "top"), i, c) {
		json_t *o = feature_label(r, c);
		if (rd_prof(r)) {
			json_object_set(o, "from", json_object_get(c, "from"));
			json_object_set(o, "to", json_object_get(c, "to"));
			json_object_set_new(o, "gain",
					    rd_num(json_number_value(json_object_get(c, "gain")), 4));
		}
		json_array_append_new(raise, o);
	}
	json_t *o = json_pack("{s:O, s:O, s:O, s:O, s:O, s:o}", "as_of", json_object_get(p, "as_of"),
			      "model", json_object_get(p, "model"), "calibrated",
			      json_object_get(r->model, "calibrated"), "calibration",
			      json_object_get(p, "calibration"), "band", json_object_get(p, "band"),
			      "raise", raise);
	if (rd_prof(r)) {
		static const char *const copied[] = { "p6",	     "p12",	"months_expected",
						      "months_median", "kritisch_moment",
						      "months_unemployed", "light" };
		for (i = 0; i < sizeof copied / sizeof copied[0]; i++)
			json_object_set(o, copied[i], json_object_get(p, copied[i]));
		/* What the light was compared with; the template words it in the
		 * report's language (the stored compared_with is Dutch). */
		const json_t *t = json_object_get(p, "light_thresholds");
		json_object_set_new(o, "light_thresholds",
				    json_is_object(t)
					    ? json_pack("{s:O?, s:O?, s:O?, s:O?}", "source",
							json_object_get(t, "source"), "clients",
							json_object_get(t, "clients"), "lower",
							json_object_get(t, "lower"), "upper",
							json_object_get(t, "upper"))
					    : json_null());
		json_t *contrib = json_array(), *cv = NULL;
		json_array_foreach(json_object_get(p, "contributions"), i, c) {
			json_t *x = feature_label(r, c);
			json_object_set(x, "x", json_object_get(c, "value"));
			json_object_set_new(x, "lp",
					    rd_num(json_number_value(json_object_get(c, "lp")), 4));
			json_object_set_new(x, "p12",
					    rd_num(json_number_value(json_object_get(c, "p12")), 4));
			json_array_append_new(contrib, x);
		}
		json_object_set_new(o, "contributions", contrib);
		if ((rc = curve(r, &cv, e))) {
			json_decref(o);
			return rc;
		}
		json_object_set_new(o, "curve", cv);
		/* The kritisch moment's line on the curve (UWV Anker-model). */
		json_object_set_new(o, "kritisch_threshold", rd_num(PROG_KRITISCH_P, 4));
	}
	*out = o;
	return IPM_OK;
}

struct advice_walk {
	struct rd *r;
	json_t *list;
	const struct pack *factors, *kenmerken;
};

static int advice_add_row(void *ctx, const struct store_advice *a, struct err *e)
{
	(void)e;
	struct advice_walk *w = ctx;
	enum report_version v = w->r->o->version;
	bool accepted = strcmp(a->status, "accepted") == 0;
	if ((v == REPORT_CLIENT && strcmp(a->status, "rejected") == 0) ||
	    (v == REPORT_EMPLOYER && !(accepted && strcmp(a->type, "randvoorwaarde") == 0)))
		return IPM_OK;
	json_t *source = json_null();
	if (a->source_kind) {
		const struct pack *p = strcmp(a->source_kind, "factor") == 0 ? NULL : w->kenmerken;
		const char *label = NULL;
		if (!p && w->factors) {
			size_t i;
			const json_t *f;
			json_array_foreach(json_object_get(w->factors->doc, "factors"), i, f)
				if (strcmp(json_string_value(json_object_get(f, "id")),
					   a->source_code) == 0)
					label = rd_text(w->r, json_object_get(f, "label"));
		} else if (p) {
			label = rd_text(w->r, json_object_get(rd_term(p, a->source_code), "label"));
		}
		source = json_pack("{s:s, s:s, s:s}", "kind", a->source_kind, "code", a->source_code,
				   "label", label ? label : a->source_code);
	}
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:s}", "id", (json_int_t)a->id,
			      "type", a->type, "text", a->text, "learnability",
			      rd_str(a->learnability), "learnability_note",
			      rd_str(a->learnability_note), "source", source, "status", a->status);
	if (rd_prof(w->r)) {
		json_object_set_new(o, "reason", rd_str(a->status_reason));
		json_object_set_new(o, "decided_by", rd_str(a->decided_by_name));
		json_object_set_new(o, "decided_at", rd_str(a->decided_at));
		json_object_set_new(o, "suggest_condition",
				    json_boolean(advice_suggest_condition(a)));
	}
	json_array_append_new(w->list, o);
	return IPM_OK;
}

/* A pack that may not be registered (an organisation without the Lucrato
 * kenmerken): NULL then, and codes stand for themselves. */
static int optional_pack(struct rd *r, const char *spec, enum pack_kind kind, struct pack **p,
			 struct err *e)
{
	int rc = rd_pack(r, spec, kind, p, e);
	if (rc == IPM_EINVAL) {
		*p = NULL;
		return IPM_OK;
	}
	return rc;
}

static int plan_json(struct rd *r, json_t **out, struct err *e)
{
	struct store_trajectplan p;
	*out = json_null();
	int rc = store_trajectplan_get(r->s, r->who, r->o->client_id, &p, &r->a, e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc)
		return rc;
	r->signer = p.created_by ? p.created_by : r->signer;
	json_t *o = json_pack("{s:s, s:o, s:o}", "goal", p.goal, "goal_label",
			      rd_str(plan_goal_label(p.goal, r->o->lang)), "target_occupation",
			      rd_str(p.target_occupation));
	if (r->o->version != REPORT_EMPLOYER) {
		json_t *acts = json_array();
		for (size_t i = 0; i < p.n_activities; i++) {
			const struct store_plan_activity *a = &p.activities[i];
			json_array_append_new(
				acts, json_pack("{s:I, s:o, s:o, s:s, s:s, s:o}", "seq",
						(json_int_t)i + 1, "instrument_id",
						rd_str(a->instrument_id), "text", rd_str(a->text),
						"provider", a->provider, "start_date", a->start_date,
						"hours_per_week", rd_num(a->hours_per_week, 1)));
		}
		json_object_set_new(o, "activities", acts);
		json_object_set_new(o, "note", rd_str(p.note));
	}
	if (rd_prof(r))
		json_object_set_new(o, "created_at", rd_str(p.created_at));
	*out = o;
	return IPM_OK;
}

static json_t *codes_json(const struct rd *r, const struct pack *p, const char *array)
{
	json_t *codes = NULL, *list = json_array();
	struct err ignored;
	if (array && json_parse_text("codes", array, strlen(array), &codes, &ignored) == IPM_OK) {
		size_t i;
		const json_t *c;
		json_array_foreach(codes, i, c)
			json_array_append_new(list, rd_code(r, p, json_string_value(c)));
	}
	json_decref(codes);
	return list;
}

static int jobcoach_json(struct rd *r, const struct pack *kenmerken, json_t **out,
			 struct err *e)
{
	struct store_jobcoach j;
	struct pack *grades = NULL;
	*out = json_null();
	int rc = store_jobcoach_get(r->s, r->who, r->o->client_id, &j, &r->a, e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc)
		return rc;
	json_t *grade = json_null();
	if (j.advised) {
		struct buf spec = BUF_INIT;
		buf_printf(&spec, "%s@%s", j.pack_id, j.pack_version);
		rc = rd_pack(r, buf_str(&spec), PACK_TAXONOMY, &grades, e);
		buf_free(&spec);
		if (rc)
			return rc;
		grade = rd_code(r, grades, j.grade);
		json_object_set_new(grade, "percent", rd_num(j.percent, 2));
		pack_free(grades);
	}
	*out = json_pack("{s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "advised", j.advised, "grade",
			 grade, "contract_hours", rd_num(j.contract_hours, 2), "hours_per_week",
			 rd_num(j.hours_per_week, 2), "interventions",
			 codes_json(r, kenmerken, j.interventions), "kenmerken",
			 codes_json(r, kenmerken, j.kenmerken), "note", rd_str(j.note));
	return IPM_OK;
}

int rd_advies(struct rd *r, json_t **data, struct err *e)
{
	struct pack *kenmerken = NULL, *factors = NULL;
	json_t *prog = NULL, *plan = NULL, *coach = NULL, *matches = NULL;
	struct advice_walk w = { r, json_array(), NULL, NULL };
	*data = NULL;
	int rc = prognosis(r, &prog, e);
	if (rc == IPM_OK && r->ms.m && r->ms.m->factors_pack) {
		struct buf spec = BUF_INIT;
		buf_printf(&spec, "%s@%s", r->ms.m->factors_pack, r->ms.m->factors_version);
		rc = rd_pack(r, buf_str(&spec), PACK_FACTORS, &factors, e);
		buf_free(&spec);
	}
	if (rc == IPM_OK)
		rc = optional_pack(r, "lucrato-kenmerken", PACK_TAXONOMY, &kenmerken, e);
	w.factors = factors;
	w.kenmerken = kenmerken;
	if (rc == IPM_OK)
		rc = store_advice_each(r->s, r->who, r->o->client_id, advice_add_row, &w, e);
	if (rc == IPM_OK)
		rc = plan_json(r, &plan, e);
	if (rc == IPM_OK)
		rc = jobcoach_json(r, kenmerken, &coach, e);
	if (rc == IPM_OK)
		rc = rd_matches(r, &matches, e);
	if (rc)
		goto out;
	if (!matches)
		matches = json_pack("{s:b, s:[], s:[]}", "available", 0, "goals", "instruments");
	*data = json_pack("{s:O, s:O, s:O, s:O, s:O}", "prognosis", prog, "advice", w.list,
			  "matches", matches, "trajectplan", plan, "jobcoaching", coach);
	if (rd_prof(r)) {
		json_t *list = json_array();
		int overrides = 0;
		const char *k;
		json_t *j;
		json_object_foreach(r->judgements, k, j) {
			json_array_append(list, j);
			overrides += strcmp(json_string_value(json_object_get(j, "decision")),
					    "override") == 0;
		}
		json_object_set_new(*data, "judgements", list);
		json_object_set_new(*data, "override_count", json_integer(overrides));
	}
	/* Nothing stored at all: the section is not available. */
	if (json_is_null(prog) && !json_array_size(w.list) && json_is_null(plan) &&
	    json_is_null(coach) && !json_object_size(r->judgements) &&
	    !json_is_true(json_object_get(matches, "available"))) {
		json_decref(*data);
		*data = NULL;
	}
out:
	json_decref(prog);
	json_decref(plan);
	json_decref(coach);
	json_decref(matches);
	json_decref(w.list);
	if (kenmerken)
		pack_free(kenmerken);
	if (factors)
		pack_free(factors);
	return rc;
}
