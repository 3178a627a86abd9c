/* Section 10's "matches": the matching of services/match.h on the report
 * date, as data of the document (docs/contracts/report-doc-v1.md, 10
 * advies). The model and the packs are read as registered in the store, so
 * the same stored data and date give the same list; every pack the
 * matching read is cited in the document's versions. */
#include "core/json.h"
#include "services/match.h"
#include "services/report_doc_internal.h"

#include <math.h>
#include <string.h>

/* The report lists the first ten instruments of the ranking. */
#define REPORT_MATCH_MAX 10

struct mx {
	struct rd *r;
	const struct match_made *m;
	struct pack *goals, *kenmerken, *terms; /* for labels in the document's language */
};

/* Reasons that name the client's target groups or place stay out of the
 * document: its contract keeps target groups and the address out of every
 * version. The ranking still counts them (the web page shows why). */
static bool reason_private(const char *kind)
{
	static const char *const kinds[] = { "doelgroep", "andere-doelgroep", "gemeente", "regio",
					     "wijk" };
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

/* The factor's label in the document's language, from the factor catalogue
 * the matching used. */
static const char *need_label(const struct mx *x, const struct match_need *n)
{
	size_t i;
	const json_t *f;
	json_array_foreach(json_object_get(x->m->model.factors->doc, "factors"), i, f)
		if (strcmp(json_string_value(json_object_get(f, "id")), n->factor) == 0)
			return rd_text(x->r, json_object_get(f, "label"));
	return n->label_nl ? n->label_nl : n->factor;
}

static const struct match_need *need_find(const struct mx *x, const char *factor)
{
	for (size_t i = 0; i < x->m->client.n_needs; i++)
		if (strcmp(x->m->client.needs[i].factor, factor) == 0)
			return &x->m->client.needs[i];
	return NULL;
}

/* {"id", "label"}, and in the prof version the fit when one is given. */
static json_t *need_json(const struct mx *x, const struct match_need *n, double fit)
{
	json_t *o = json_pack("{s:s, s:s}", "id", n->factor, "label", need_label(x, n));
	if (rd_prof(x->r) && !isnan(fit))
		json_object_set_new(o, "fit", rd_num(fit, 6));
	return o;
}

/* The needs behind a goal or a kenmerk: its reasons of kind "factor". */
static json_t *needs_of(const struct mx *x, const struct match_reason *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct match_need *need =
			strcmp(v[i].kind, "factor") == 0 ? need_find(x, v[i].code) : NULL;
		if (need)
			json_array_append_new(a, need_json(x, need, NAN));
	}
	return a;
}

/* prof: the matching's own texts (Dutch, as on screen), without the
 * private ones; client: in plain words, the labels of the needs served. */
static json_t *reasons(const struct mx *x, const struct match_reason *v, size_t n,
		       const json_t *needs)
{
	json_t *a = json_array();
	size_t i;
	const json_t *need;
	if (!rd_prof(x->r)) {
		json_array_foreach(needs, i, need)
			json_array_append(a, json_object_get(need, "label"));
		return a;
	}
	for (i = 0; i < n; i++)
		if (!reason_private(v[i].kind))
			json_array_append_new(a, json_string(v[i].text_nl));
	return a;
}

static json_t *goals(const struct mx *x)
{
	json_t *a = json_array();
	for (size_t i = 0; i < x->m->r.n_goals; i++) {
		const struct match_goal *g = &x->m->r.goals[i];
		json_t *o = rd_code(x->r, x->goals, g->def->code);
		json_t *needs = needs_of(x, g->reasons, g->n_reasons);
		if (rd_prof(x->r))
			json_object_set_new(o, "score", rd_num(g->score, 6));
		json_object_set_new(o, "reasons", reasons(x, g->reasons, g->n_reasons, needs));
		json_object_set_new(o, "needs", needs);
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *instruments(const struct mx *x)
{
	json_t *a = json_array();
	const struct match_client *cl = &x->m->client;
	for (size_t i = 0; i < x->m->r.n_instruments; i++) {
		const struct match_instrument *mi = &x->m->r.instruments[i];
		const struct cat_instrument *in = mi->instrument;
		json_t *needs = json_array();
		for (size_t k = 0; k < cl->n_needs; k++)
			if (mi->fits[k] > 0)
				json_array_append_new(needs, need_json(x, &cl->needs[k], mi->fits[k]));
		json_t *o = json_pack("{s:s, s:s, s:o, s:o}", "id", in->id, "name", in->name,
				      "provider",
				      rd_str(match_provider_name(&x->m->cat, in->provider)),
				      "summary", rd_str(in->summary));
		if (rd_prof(x->r))
			json_object_set_new(o, "score", rd_num(mi->score, 6));
		json_object_set_new(o, "reasons", reasons(x, mi->reasons, mi->n_reasons, needs));
		json_object_set_new(o, "needs", needs);
		json_array_append_new(a, o);
	}
	return a;
}

/* The jobcoach interventions per Lucrato kenmerk (the engine lists a
 * kenmerk's interventions one after the other). */
static json_t *kenmerken(const struct mx *x)
{
	json_t *a = json_array(), *ivs = NULL;
	const struct match_kenmerk_def *at = NULL;
	for (size_t i = 0; i < x->m->r.n_interventions; i++) {
		const struct match_intervention *v = &x->m->r.interventions[i];
		if (v->kenmerk != at) {
			at = v->kenmerk;
			json_t *k = rd_code(x->r, x->kenmerken, at->code);
			ivs = json_array();
			json_object_set_new(k, "suggested", json_boolean(v->suggested));
			json_object_set_new(k, "needs", needs_of(x, v->reasons, v->n_reasons));
			json_object_set_new(k, "interventions", ivs);
			json_array_append_new(a, k);
		}
		json_t *iv = rd_code(x->r, x->kenmerken, v->def->code);
		json_object_set_new(iv, "executor", rd_code(x->r, x->terms, v->def->executor));
		json_array_append_new(ivs, iv);
	}
	return a;
}

/* Loads the registered version the matching read, for its labels. */
static int source_pack(struct mx *x, const struct match_source *src, struct pack **p,
		       struct err *e)
{
	struct buf spec = BUF_INIT;
	buf_printf(&spec, "%s@%s", src->id, src->version);
	int rc = rd_pack(x->r, buf_str(&spec), PACK_TAXONOMY, p, e);
	buf_free(&spec);
	return rc;
}

static int build(struct mx *x, json_t **out, struct err *e)
{
	const struct match_made *m = x->m;
	const struct match_source *src = m->ref.sources;
	int rc;
	for (size_t i = 0; i < MATCH_N_PACKS; i++)
		rd_cite(x->r, src[i].id, src[i].version, src[i].sha256);
	rd_cite(x->r, m->model.model->id, m->model.model->version, m->model.model->sha256);
	rd_cite(x->r, m->model.factors->id, m->model.factors->version, m->model.factors->sha256);
	/* match_pack_ids: 0 sol-goals, 4 lucrato-kenmerken, 5 lucrato-begrippen. */
	if ((rc = source_pack(x, &src[0], &x->goals, e)) ||
	    (rc = source_pack(x, &src[4], &x->kenmerken, e)) ||
	    (rc = source_pack(x, &src[5], &x->terms, e)))
		return rc;
	json_t *o = json_pack("{s:b, s:o, s:o}", "available", 1, "goals", goals(x), "instruments",
			      instruments(x));
	if (rd_prof(x->r)) {
		json_object_set_new(o, "model",
				    json_pack("{s:s, s:s}", "id", m->model.m->pack_id, "version",
					      m->model.m->version));
		json_object_set_new(o, "candidates", json_integer((json_int_t)m->r.n_candidates));
		json_object_set_new(o, "kenmerken", kenmerken(x));
	}
	*out = o;
	return IPM_OK;
}

int rd_matches(struct rd *r, json_t **out, struct err *e)
{
	struct match_made m;
	struct mx x = { .r = r, .m = &m };
	struct match_options o = { .today = r->o->date, .max = REPORT_MATCH_MAX };
	*out = NULL;
	/* Which instruments the client follows is the client's route, not the
	 * workplace's: never in the employer version (and nothing is read). */
	if (r->o->version == REPORT_EMPLOYER)
		return IPM_OK;
	int rc = match_for_client(r->s, r->who, NULL, r->o->client_id, &o, &m, e);
	if (rc == IPM_ENOTFOUND) /* no completed factor assessment */
		rc = IPM_OK;
	else if (rc == IPM_OK)
		rc = build(&x, out, e);
	if (x.goals)
		pack_free(x.goals);
	if (x.kenmerken)
		pack_free(x.kenmerken);
	if (x.terms)
		pack_free(x.terms);
	match_made_free(&m);
	return rc;
}
