/* The report's document model: the top level (client, versions, consent,
 * signatures) and the helpers the sections share. The sections live in
 * report_doc_career.c, report_doc_factors.c and report_doc_advice.c. */
#include "services/report_doc.h"
#include "core/json.h"
#include "services/judgement.h"
#include "services/report_doc_internal.h"
#include "services/stored_pack.h"
#include "version.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *id;
	struct q_text title;
} sections[REPORT_DOC_SECTIONS] = {
	{ "loopbaanfase", { { "Loopbaanfase", "Career stage", "Laufbahnphase" } } },
	{ "persoonlijkheid", { { "Persoonlijkheid (Big Five)", "Personality (Big Five)",
				 "Persönlichkeit (Big Five)" } } },
	{ "cv", { { "Bevindingen cv-analyse", "Findings of the CV analysis",
		    "Ergebnisse der Lebenslaufanalyse" } } },
	{ "loopbaanankers", { { "Loopbaanankers", "Career anchors", "Karriereanker" } } },
	{ "carrierecluster", { { "Carrièrecluster-analyse", "Career cluster analysis",
				 "Berufsclusteranalyse" } } },
	{ "cultuur", { { "Cultuuranalyse", "Culture analysis", "Kulturanalyse" } } },
	{ "functieanalyse", { { "Functieanalyse", "Job analysis", "Tätigkeitsanalyse" } } },
	{ "belemmerend", { { "Integratiebelemmerende factoren", "Factors hindering integration",
			     "Integrationshemmende Faktoren" } } },
	{ "faciliterend", { { "Integratiefaciliterende factoren",
			      "Factors facilitating integration",
			      "Integrationsfördernde Faktoren" } } },
	{ "advies", { { "Advies en strategie", "Advice and strategy",
			"Empfehlung und Strategie" } } },
};

static int (*const builders[REPORT_DOC_SECTIONS])(struct rd *, json_t **, struct err *) = {
	rd_loopbaanfase, rd_persoonlijkheid, rd_cv,	       rd_loopbaanankers, rd_carrierecluster,
	rd_cultuur,	 rd_functieanalyse,  rd_belemmerend, rd_faciliterend,	  rd_advies,
};

const char *report_section_id(size_t i)
{
	return i < REPORT_DOC_SECTIONS ? sections[i].id : NULL;
}

const char *report_section_title(size_t i, enum q_lang lang)
{
	return i < REPORT_DOC_SECTIONS ? q_text_get(&sections[i].title, lang) : NULL;
}

const char *report_version_name(enum report_version v)
{
	static const char *const names[] = { "prof", "client", "employer" };
	return names[v];
}

int report_version_parse(const char *s, enum report_version *out)
{
	for (int v = REPORT_PROF; s && v <= REPORT_EMPLOYER; v++)
		if (strcmp(s, report_version_name((enum report_version)v)) == 0) {
			*out = (enum report_version)v;
			return 0;
		}
	return -1;
}

/* --- helpers ------------------------------------------------------------------- */

json_t *rd_num(double x, int decimals)
{
	if (!isfinite(x))
		return json_null();
	double f = pow(10, decimals);
	double v = round(x * f) / f;
	return json_real(v == 0 ? 0.0 : v); /* no "-0.0" */
}

json_t *rd_str(const char *s)
{
	return s ? json_string(s) : json_null();
}

const char *rd_text(const struct rd *r, const json_t *t)
{
	const char *s = json_string_value(json_object_get(t, rd_lang(r)));
	return s ? s : json_string_value(json_object_get(t, "nl"));
}

void rd_cite(struct rd *r, const char *id, const char *version, const char *sha256)
{
	struct buf key = BUF_INIT;
	buf_printf(&key, "%s@%s", id, version);
	json_object_set_new(r->packs, buf_str(&key),
			    json_pack("{s:s, s:s, s:s}", "id", id, "version", version, "sha256",
				      sha256));
	buf_free(&key);
}

int rd_pack(struct rd *r, const char *spec, enum pack_kind kind, struct pack **out,
	    struct err *e)
{
	int rc = stored_pack_load(r->s, spec, kind, out, e);
	if (rc == IPM_OK)
		rd_cite(r, (*out)->id, (*out)->version, (*out)->sha256);
	return rc;
}

static const json_t *term_in(const json_t *terms, const char *code)
{
	size_t i;
	const json_t *t;
	json_array_foreach(terms, i, t) {
		if (strcmp(json_string_value(json_object_get(t, "code")), code) == 0)
			return t;
		const json_t *c = term_in(json_object_get(t, "children"), code);
		if (c)
			return c;
	}
	return NULL;
}

const json_t *rd_term(const struct pack *p, const char *code)
{
	return p && code ? term_in(json_object_get(p->doc, "terms"), code) : NULL;
}

json_t *rd_code(const struct rd *r, const struct pack *p, const char *code)
{
	const json_t *t = rd_term(p, code);
	const char *label = t ? rd_text(r, json_object_get(t, "label")) : NULL;
	return json_pack("{s:s, s:s}", "code", code, "label", label ? label : code);
}

int rd_score_result(struct rd *r, const char *pack_id, json_t **res, struct pack **p,
		    struct err *e)
{
	struct store_result sr;
	struct buf spec = BUF_INIT;
	*res = NULL;
	*p = NULL;
	int rc = store_result_latest(r->s, r->who, r->o->client_id, "score", pack_id, &sr, &r->a, e);
	if (rc)
		return rc;
	buf_printf(&spec, "%s@%s", sr.pack_id, sr.pack_version);
	rc = rd_pack(r, buf_str(&spec), PACK_QUESTIONNAIRE, p, e);
	if (rc == IPM_OK)
		rc = json_parse_text("result", sr.data, strlen(sr.data), res, e);
	buf_free(&spec);
	return rc;
}

const json_t *rd_scale(const json_t *res, const char *id)
{
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(res, "scales"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0)
			return s;
	return NULL;
}

json_t *rd_judgement(const struct rd *r, const char *subject)
{
	json_t *j = rd_prof(r) ? json_object_get(r->judgements, subject) : NULL;
	return j ? json_incref(j) : json_null();
}

/* --- the top level ----------------------------------------------------------------- */

static int judgement_add(void *ctx, const struct store_judgement *j, struct err *e)
{
	(void)e;
	struct rd *r = ctx;
	const struct judgement_reason *why = judgement_reason_find(j->reason_code);
	json_object_set_new(
		r->judgements, j->subject,
		json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "subject", j->subject,
			  "computed", j->computed, "decision", j->decision, "value", rd_str(j->value),
			  "reason_code", rd_str(j->reason_code), "reason_label",
			  rd_str(why ? q_text_get(&why->label, r->o->lang) : NULL), "reason_text",
			  rd_str(j->reason_text), "decided_by", rd_str(j->decided_by_name),
			  "decided_at", rd_str(j->decided_at)));
	/* The latest decision signs, unless a plan does (report_doc_advice.c). */
	if (j->decided_at && (!r->signed_at || strcmp(j->decided_at, r->signed_at) >= 0)) {
		r->signer = j->decided_by;
		r->signed_at = arena_strdup(&r->a, j->decided_at);
	}
	return IPM_OK;
}

/* The latest consent record per purpose counts; refused or withdrawn is no. */
struct consent_walk {
	json_t *latest; /* purpose -> true/false */
};

static int consent_add(void *ctx, const struct store_consent *c, struct err *e)
{
	(void)e;
	struct consent_walk *w = ctx;
	json_object_set_new(w->latest, c->purpose, json_boolean(c->granted && !c->withdrawn_at));
	return IPM_OK;
}

static json_t *client_object(const struct rd *r, bool name_shared)
{
	const struct store_client *c = &r->client;
	enum report_version v = r->o->version;
	struct date birth, start;
	int age = -1, months = -1;
	if (c->birth_date && date_parse(c->birth_date, &birth) && date_cmp(birth, r->day) <= 0)
		age = date_years(birth, r->day);
	if (c->benefit_start && date_parse(c->benefit_start, &start) &&
	    date_cmp(start, r->day) <= 0)
		months = date_months(start, r->day);
	bool prof = v == REPORT_PROF, emp = v == REPORT_EMPLOYER;
	return json_pack(
		"{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "reference", c->reference,
		"given_name", rd_str(!emp || name_shared ? c->given_name : NULL), "family_name",
		rd_str(prof || (emp && name_shared) ? c->family_name : NULL), "birth_date",
		rd_str(prof ? c->birth_date : NULL), "age",
		!emp && age >= 0 ? json_integer(age) : json_null(), "route_language",
		rd_str(!emp ? c->route_language : NULL), "benefit_type",
		rd_str(prof ? c->benefit_type : NULL), "benefit_start",
		rd_str(prof ? c->benefit_start : NULL), "months_unemployed",
		prof && months >= 0 ? json_integer(months) : json_null(), "education_level",
		rd_str(!emp ? c->education_level : NULL), "language_level",
		rd_str(!emp ? c->language_level : NULL));
}

static int signatures(struct rd *r, json_t *doc, struct err *e)
{
	const char *name = NULL, *role = NULL;
	int rc = r->signer ? store_user_name(r->s, r->signer, &name, &role, &r->a, e) : IPM_OK;
	if (rc)
		return rc;
	struct buf full = BUF_INIT;
	buf_printf(&full, "%s %s", r->client.given_name, r->client.family_name);
	json_object_set_new(
		doc, "signatures",
		json_pack("{s:o, s:o}", "professional",
			  name ? json_pack("{s:s, s:s}", "name", name, "role", role) : json_null(),
			  "client",
			  r->o->version != REPORT_EMPLOYER ? json_pack("{s:s}", "name", buf_str(&full))
							   : json_null()));
	buf_free(&full);
	return IPM_OK;
}

/* The packs sorted by id, then version (the object's keys, sorted). */
static json_t *pack_list(const json_t *packs)
{
	json_t *list = json_array();
	const char **keys = NULL;
	size_t n = json_object_size(packs), i = 0;
	const char *k;
	json_t *v;
	keys = n ? calloc(n, sizeof *keys) : NULL;
	json_object_foreach((json_t *)packs, k, v) keys[i++] = k;
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0 && strcmp(keys[b - 1], keys[b]) > 0; b--) {
			const char *t = keys[b];
			keys[b] = keys[b - 1];
			keys[b - 1] = t;
		}
	for (i = 0; i < n; i++)
		json_array_append(list, json_object_get(packs, keys[i]));
	free(keys);
	return list;
}

struct build_ctx {
	struct rd *r;
	json_t *doc;
};

static int build(struct rd *r, json_t *doc, struct err *e);

/* One use case, one transaction: the dozen audited reads of the dossier
 * commit together (one fsync instead of one each) or not at all. */
static int build_tx(struct store *s, void *ctx, struct err *e)
{
	(void)s;
	struct build_ctx *b = ctx;
	return build(b->r, b->doc, e);
}

static int build(struct rd *r, json_t *doc, struct err *e)
{
	struct consent_walk cw = { json_object() };
	json_t *secs = json_array(), *shared = json_array();
	int rc = store_client_get(r->s, r->who, r->o->client_id, &r->client, &r->a, e);
	if (rc == IPM_OK)
		rc = store_consents_each(r->s, r->who, r->o->client_id, consent_add, &cw, e);
	if (rc == IPM_OK)
		rc = store_judgements_each(r->s, r->who, r->o->client_id, true, judgement_add, r, e);
	if (rc)
		goto out;
	bool emp = r->o->version == REPORT_EMPLOYER;
	for (size_t i = 0; i < REPORT_DOC_SECTIONS && rc == IPM_OK; i++) {
		struct buf purpose = BUF_INIT;
		buf_printf(&purpose, "werkgever:%s", sections[i].id);
		bool ok = json_is_true(json_object_get(cw.latest, buf_str(&purpose)));
		buf_free(&purpose);
		if (ok)
			json_array_append_new(shared, json_string(sections[i].id));
		json_t *data = NULL;
		if (!emp || ok)
			rc = builders[i](r, &data, e);
		json_array_append_new(
			secs, json_pack("{s:s, s:I, s:s, s:b, s:b, s:o}", "id", sections[i].id,
					"number", (json_int_t)i + 1, "title",
					q_text_get(&sections[i].title, r->o->lang), "available",
					data != NULL, "shared", !emp || ok,
					"data", data ? data : json_null()));
	}
	if (rc)
		goto out;
	bool name_shared = json_is_true(json_object_get(cw.latest, "werkgever:naam"));
	json_object_set_new(doc, "contract", json_string(REPORT_DOC_CONTRACT));
	json_object_set_new(doc, "version", json_string(report_version_name(r->o->version)));
	json_object_set_new(doc, "language", json_string(rd_lang(r)));
	json_object_set_new(doc, "report_date", json_string(r->o->date));
	json_object_set_new(doc, "client", client_object(r, name_shared));
	json_object_set_new(doc, "consent", json_pack("{s:O, s:b}", "employer", shared,
						      "employer_name", name_shared));
	json_object_set_new(doc, "versions",
			    json_pack("{s:s, s:o, s:O}", "ipm", IPM_VERSION, "packs",
				      pack_list(r->packs), "model",
				      r->model ? r->model : json_null()));
	json_object_set_new(doc, "sections", json_incref(secs));
	rc = signatures(r, doc, e);
out:
	json_decref(secs);
	json_decref(shared);
	json_decref(cw.latest);
	return rc;
}

int report_doc_build(struct store *s, const struct store_actor *who,
		     const struct report_doc_opts *o, json_t **out, struct err *e)
{
	struct rd r = { .s = s, .who = who, .o = o, .a = ARENA_INIT, .packs = json_object(),
			.judgements = json_object() };
	json_t *doc = json_object();
	int rc = IPM_OK;
	*out = NULL;
	if (!o->date || !date_parse(o->date, &r.day))
		rc = err_set(e, IPM_EINVAL, "date: expected a date YYYY-MM-DD");
	else
		rc = store_batch(s, "report doc", build_tx, &(struct build_ctx){ &r, doc }, e);
	if (rc == IPM_OK)
		*out = json_incref(doc);
	json_decref(doc);
	json_decref(r.packs);
	json_decref(r.judgements);
	json_decref(r.model);
	json_decref(r.prognosis);
	model_set_free(&r.ms);
	arena_free(&r.a);
	return rc;
}

void report_doc_text(const json_t *doc, struct buf *out)
{
	char *s = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	buf_puts(out, s);
	buf_putc(out, '\n');
	free(s);
}
