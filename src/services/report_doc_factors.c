/* Sections 8 and 9 of the report: the hindering and the facilitating
 * factors, from the stored prognosis (its ratings and their order by
 * weight × rating) and the model that made it, as registered. */
#include "core/json.h"
#include "services/report_doc_internal.h"

#include <string.h>

int rd_prognosis(struct rd *r, struct err *e)
{
	struct store_result sr;
	struct buf spec = BUF_INIT;
	if (r->prognosis_loaded)
		return IPM_OK;
	r->prognosis_loaded = true;
	int rc = store_result_latest(r->s, r->who, r->o->client_id, "prognosis", NULL, &sr, &r->a,
				     e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc || (rc = json_parse_text("prognosis", sr.data, strlen(sr.data), &r->prognosis, e)))
		goto out;
	r->prognosis_assessment = sr.assessment_id;
	buf_printf(&spec, "%s@%s", sr.pack_id, sr.pack_version);
	if ((rc = model_set_from_store(r->s, buf_str(&spec), &r->ms, e)))
		goto out;
	const struct prog_model *m = r->ms.m;
	/* The versions: the model and the catalogue it was joined with. */
	struct pack *p = NULL;
	buf_reset(&spec);
	buf_printf(&spec, "%s@%s", m->pack_id, m->version);
	if ((rc = rd_pack(r, buf_str(&spec), PACK_MODEL, &p, e)))
		goto out;
	pack_free(p);
	if (m->factors_pack) {
		buf_reset(&spec);
		buf_printf(&spec, "%s@%s", m->factors_pack, m->factors_version);
		if ((rc = rd_pack(r, buf_str(&spec), PACK_FACTORS, &p, e)))
			goto out;
		pack_free(p);
	}
	r->model = json_pack("{s:s, s:s, s:b, s:O}", "id", m->pack_id, "version", m->version,
			     "calibrated", m->calibrated, "calibration",
			     json_object_get(r->prognosis, "calibration"));
out:
	buf_free(&spec);
	return rc;
}

/* What can be done about a factor, by its influence class. */
static const struct {
	const char *influence;
	struct q_text hindering, facilitating;
} influence_texts[] = {
	{ "intern",
	  { { "Kan binnen de eigen organisatie worden verminderd.",
	      "Can be reduced within the organisation.",
	      "Kann innerhalb der eigenen Organisation verringert werden." } },
	  { { "Kan binnen de eigen organisatie verder worden benut.",
	      "Can be used further within the organisation.",
	      "Kann innerhalb der eigenen Organisation weiter genutzt werden." } } },
	{ "extern",
	  { { "Hulp van een andere partij is nodig.", "Help from another party is needed.",
	      "Hilfe einer anderen Stelle ist nötig." } },
	  { { "Kan met een andere partij verder worden benut.",
	      "Can be used further with another party.",
	      "Kann mit einer anderen Stelle weiter genutzt werden." } } },
	{ "niet",
	  { { "Is niet te beïnvloeden; het plan houdt er rekening mee.",
	      "Cannot be influenced; the plan takes it into account.",
	      "Ist nicht beeinflussbar; der Plan berücksichtigt es." } },
	  { { "Is een gegeven; neem het mee in de keuze van werk.",
	      "Is a given; take it into account when choosing work.",
	      "Ist gegeben; bei der Wahl der Arbeit berücksichtigen." } } },
};

static const char *influence_text(const struct rd *r, const char *influence, bool hindering)
{
	for (size_t i = 0; influence && i < sizeof influence_texts / sizeof influence_texts[0]; i++)
		if (strcmp(influence_texts[i].influence, influence) == 0)
			return q_text_get(hindering ? &influence_texts[i].hindering
						    : &influence_texts[i].facilitating,
					  r->o->lang);
	return NULL;
}

static const json_t *contribution(const struct rd *r, const char *feature)
{
	size_t i;
	const json_t *c;
	json_array_foreach(json_object_get(r->prognosis, "contributions"), i, c)
		if (strcmp(json_string_value(json_object_get(c, "feature")), feature) == 0)
			return c;
	return NULL;
}

static json_t *factor_object(struct rd *r, const char *feature, bool hindering)
{
	const struct prog_model *m = r->ms.m;
	int k = prog_feature_index(m, feature);
	const struct prog_feature *f = k >= 0 ? &m->features[k] : NULL;
	const json_t *c = contribution(r, feature);
	const char *id = f && f->ref ? f->ref : feature;
	const char *influence = json_string_value(json_object_get(c, "influence"));
	double x = json_number_value(json_object_get(c, "value"));
	json_t *o = json_pack("{s:s, s:o, s:s, s:o, s:o}", "id", id, "label",
			      rd_str(f ? q_text_get(&f->label, r->o->lang) : feature), "strength",
			      x <= -2 || x >= 2 ? "sterk" : "licht", "influence", rd_str(influence),
			      "influence_text", rd_str(influence_text(r, influence, hindering)));
	if (rd_prof(r)) {
		struct buf subject = BUF_INIT;
		buf_printf(&subject, "factor:%s", id);
		json_object_set_new(o, "rating", json_integer((json_int_t)x));
		json_object_set_new(o, "contribution_p12",
				    rd_num(json_number_value(json_object_get(c, "p12")), 4));
		json_object_set_new(o, "judgement", rd_judgement(r, buf_str(&subject)));
		buf_free(&subject);
	}
	return o;
}

static int factors(struct rd *r, bool hindering, json_t **data, struct err *e)
{
	static const struct {
		const char *id;
		struct q_text label;
	} domains[] = {
		{ "persoon", { { "Persoon", "Person", "Person" } } },
		{ "omgeving", { { "Omgeving", "Environment", "Umfeld" } } },
		{ "arbeidsmarkt", { { "Arbeidsmarkt", "Labour market", "Arbeitsmarkt" } } },
	};
	*data = NULL;
	int rc = rd_prognosis(r, e);
	if (rc || !r->prognosis)
		return rc;
	json_t *list = json_array();
	for (size_t d = 0; d < 3; d++) {
		const json_t *view = json_object_get(json_object_get(r->prognosis, "domains"),
						     domains[d].id);
		json_t *fs = json_array();
		size_t i;
		const json_t *id;
		json_array_foreach(json_object_get(view, hindering ? "hindering" : "facilitating"),
				   i, id)
			json_array_append_new(fs, factor_object(r, json_string_value(id), hindering));
		json_array_append_new(list, json_pack("{s:s, s:s, s:o}", "domain", domains[d].id,
						      "label",
						      q_text_get(&domains[d].label, r->o->lang),
						      "factors", fs));
	}
	*data = json_pack("{s:o}", "domains", list);
	return IPM_OK;
}

int rd_belemmerend(struct rd *r, json_t **data, struct err *e)
{
	return factors(r, true, data, e);
}

int rd_faciliterend(struct rd *r, json_t **data, struct err *e)
{
	return factors(r, false, data, e);
}
