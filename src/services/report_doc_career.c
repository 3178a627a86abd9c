/* Sections 1-7 of the report (report-doc-v1): the career research. The
 * numbers come from the stored results as they were saved; labels and texts
 * from the pack version each result names, in the document's language. */
#include "core/json.h"
#include "engine/career.h"
#include "pack/career_build.h"
#include "services/cv_json.h"
#include "services/report_doc_internal.h"
#include "services/stored_pack.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct q_text computed_note = {
	{ "De score is berekend uit de overige vragen van deze schaal.",
	  "The score was computed from the other questions of this scale.",
	  "Der Wert wurde aus den übrigen Fragen dieser Skala berechnet." }
};

/* --- 1 loopbaanfase ------------------------------------------------------------- */

static json_t *phase_object(const struct rd *r, const struct pack *p, const char *code,
			    bool description)
{
	const json_t *t = rd_term(p, code);
	json_t *o = rd_code(r, p, code);
	if (description)
		json_object_set_new(o, "description",
				    rd_str(t ? rd_text(r, json_object_get(t, "description")) : NULL));
	return o;
}

int rd_loopbaanfase(struct rd *r, json_t **data, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct pack *p = NULL;
	struct career_stages st;
	const struct career_stage *stage;
	struct date birth;
	int age, rc = IPM_OK;
	*data = NULL;
	if (!r->client.birth_date || !date_parse(r->client.birth_date, &birth))
		goto out; /* no birth date: no computed phase */
	if ((rc = rd_pack(r, "career-phases", PACK_TAXONOMY, &p, e)) ||
	    (rc = career_stages_from_pack(p, &a, &st, e)) ||
	    (rc = career_age(birth, r->day, &age, e)) ||
	    (rc = career_stage_for_age(&st, age, &stage, e)))
		goto out;
	const json_t *j = json_object_get(r->judgements, "loopbaanfase");
	const char *effective = stage->code;
	bool overridden = false;
	if (j && strcmp(json_string_value(json_object_get(j, "decision")), "override") == 0) {
		effective = json_string_value(json_object_get(j, "value"));
		overridden = true;
	}
	*data = json_pack("{s:o}", "phase", phase_object(r, p, effective, true));
	if (rd_prof(r)) {
		json_object_set_new(*data, "age", json_integer(age));
		json_object_set_new(*data, "computed", phase_object(r, p, stage->code, false));
		json_object_set_new(*data, "overridden", json_boolean(overridden));
		json_object_set_new(*data, "judgement", rd_judgement(r, "loopbaanfase"));
	}
out:
	if (p)
		pack_free(p);
	arena_free(&a);
	return rc;
}

/* --- questionnaire results ------------------------------------------------------- */

/* A stored scale as the report shows it: label and band text from the
 * pack in the document's language; the test details only for prof. */
static json_t *scale_object(const struct rd *r, const json_t *pscale, const json_t *res)
{
	const char *id = json_string_value(json_object_get(pscale, "id"));
	const json_t *s = rd_scale(res, id);
	const char *band = json_string_value(json_object_get(s, "band"));
	const json_t *texts = json_object_get(pscale, "bands");
	json_t *o = json_pack("{s:s, s:o, s:o, s:o}", "id", id, "label",
			      rd_str(rd_text(r, json_object_get(pscale, "label"))), "band",
			      rd_str(band), "band_text",
			      rd_str(band ? rd_text(r, json_object_get(texts, band)) : NULL));
	if (rd_prof(r)) {
		static const char *const keys[] = { "raw", "t", "percentile" };
		for (size_t k = 0; k < 3; k++)
			json_object_set_new(o, keys[k],
					    rd_num(json_number_value(json_object_get(s, keys[k])),
						   1));
		json_object_set(o, "answered", json_object_get(s, "answered"));
		json_object_set(o, "asked", json_object_get(s, "asked"));
		json_object_set(o, "flags", json_object_get(s, "flags"));
	}
	return o;
}

static const json_t *pack_scale(const struct pack *p, const char *id)
{
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(p->doc, "scales"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0)
			return s;
	return NULL;
}

static const json_t *by_id(const json_t *list, const char *id)
{
	size_t i;
	const json_t *x;
	if (!id)
		return NULL;
	json_array_foreach(list, i, x) {
		const char *xid = json_string_value(json_object_get(x, "id"));
		if (xid && strcmp(xid, id) == 0)
			return x;
	}
	return NULL;
}

/* The range the scores of these scales can take, from the pack that scored
 * them, so that a chart's axis is the questionnaire's and not the
 * renderer's guess: per item its response scale's min and max; a mean lies
 * within the items' range, a sum within the sum of their ranges (reverse
 * keying and prorating keep both). {"min", "max"} over all the scales, or
 * null when a scale has no items of its own or an item no scale range. */
static json_t *score_range(const struct pack *p, const char *const *ids, size_t n)
{
	const json_t *items = json_object_get(p->doc, "items");
	const json_t *scales = json_object_get(p->doc, "response_scales");
	double lo = INFINITY, hi = -INFINITY;
	for (size_t k = 0; k < n; k++) {
		const json_t *ps = ids[k] ? pack_scale(p, ids[k]) : NULL, *id;
		const char *scoring = json_string_value(json_object_get(ps, "scoring"));
		bool sum = scoring && strcmp(scoring, "sum") == 0;
		double slo = sum ? 0 : INFINITY, shi = sum ? 0 : -INFINITY;
		size_t i;
		if (!json_array_size(json_object_get(ps, "items")))
			return json_null();
		json_array_foreach(json_object_get(ps, "items"), i, id) {
			const json_t *item = by_id(items, json_string_value(id));
			const char *rs = json_string_value(json_object_get(item, "response_scale"));
			const json_t *r = rs ? by_id(scales, rs) : NULL;
			const json_t *min = json_object_get(r, "min"), *max = json_object_get(r, "max");
			if (!json_is_number(min) || !json_is_number(max))
				return json_null();
			double a = json_number_value(min), b = json_number_value(max);
			slo = sum ? slo + a : fmin(slo, a);
			shi = sum ? shi + b : fmax(shi, b);
		}
		lo = fmin(lo, slo);
		hi = fmax(hi, shi);
	}
	if (!(lo < hi))
		return json_null();
	return json_pack("{s:o, s:o}", "min", rd_num(lo, 1), "max", rd_num(hi, 1));
}

/* score_range over every scale of the pack (anchors, cultures). */
static json_t *all_scales_range(const struct pack *p)
{
	const json_t *scales = json_object_get(p->doc, "scales"), *x;
	size_t n = json_array_size(scales), i;
	const char **ids = calloc(n + 1, sizeof *ids);
	json_array_foreach(scales, i, x)
		ids[i] = json_string_value(json_object_get(x, "id"));
	json_t *range = score_range(p, ids, n);
	free(ids);
	return range;
}

static double raw_of(const json_t *res, const char *id)
{
	const json_t *v = json_object_get(rd_scale(res, id), "raw");
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* "scales scored without the items that are not asked": one note per such
 * scale, with the items' own reason. */
static json_t *excluded_notes(const struct rd *r, const struct pack *p, const json_t *res)
{
	json_t *notes = json_array();
	size_t i, k;
	const json_t *s, *f, *item, *id;
	json_array_foreach(json_object_get(res, "scales"), i, s) {
		bool excluded = false;
		json_array_foreach(json_object_get(s, "flags"), k, f)
			excluded |= strcmp(json_string_value(f), "items_excluded") == 0;
		const json_t *ps = pack_scale(p, json_string_value(json_object_get(s, "id")));
		if (!excluded || !json_object_get(ps, "items"))
			continue; /* derived scales inherit the flag: the facet says it */
		const char *reason = NULL;
		json_array_foreach(json_object_get(ps, "items"), k, id) {
			size_t m;
			json_array_foreach(json_object_get(p->doc, "items"), m, item)
				if (strcmp(json_string_value(json_object_get(item, "id")),
					   json_string_value(id)) == 0 &&
				    json_is_true(json_object_get(item, "default_excluded")))
					reason = rd_text(r, json_object_get(item, "exclusion_reason"));
		}
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s: %s%s%s", rd_text(r, json_object_get(ps, "label")),
			   q_text_get(&computed_note, r->o->lang), reason ? " " : "",
			   reason ? reason : "");
		json_array_append_new(notes, json_string(buf_str(&b)));
		buf_free(&b);
	}
	return notes;
}

/* --- 2 persoonlijkheid ---------------------------------------------------------- */

int rd_persoonlijkheid(struct rd *r, json_t **data, struct err *e)
{
	json_t *res = NULL;
	struct pack *p = NULL;
	*data = NULL;
	int rc = rd_score_result(r, "ipip-neo-120", &res, &p, e);
	if (rc == IPM_ENOTFOUND)
		rc = IPM_OK;
	if (rc || !res)
		goto out;
	json_t *domains = json_array();
	size_t i, k;
	const json_t *g, *sid;
	/* A group is a domain: its first scale the domain, the rest its facets. */
	json_array_foreach(json_object_get(p->doc, "groups"), i, g) {
		json_t *domain = NULL, *facets = json_array();
		json_array_foreach(json_object_get(g, "scales"), k, sid) {
			json_t *o = scale_object(r, pack_scale(p, json_string_value(sid)), res);
			if (k == 0)
				domain = o;
			else
				json_array_append_new(facets, o);
		}
		json_object_set_new(domain, "label",
				    rd_str(rd_text(r, json_object_get(g, "label"))));
		json_object_set_new(domain, "facets", facets);
		json_array_append_new(domains, domain);
	}
	/* The band limits on the T scale, from the norms that made the bands:
	 * the charts draw them, in every version (they are the pack's, not the
	 * client's). */
	const json_t *bands = json_object_get(json_object_get(p->doc, "norms"), "bands");
	const json_t *low = json_object_get(bands, "low_below");
	const json_t *high = json_object_get(bands, "high_above");
	*data = json_pack("{s:{s:s, s:s}, s:o, s:o, s:o}", "pack", "id", p->id, "version",
			  p->version, "domains", domains, "notes", excluded_notes(r, p, res),
			  "bands",
			  json_is_number(low) && json_is_number(high)
				  ? json_pack("{s:o, s:o}", "low_below",
					      rd_num(json_number_value(low), 1), "high_above",
					      rd_num(json_number_value(high), 1))
				  : json_null());
	if (rd_prof(r)) {
		const json_t *n = json_object_get(res, "norm");
		json_object_set_new(*data, "norm",
				    json_is_object(n)
					    ? json_pack("{s:O, s:O, s:O}", "description",
							json_object_get(n, "description"), "source",
							json_object_get(n, "source"), "note",
							json_object_get(n, "note"))
					    : json_null());
	}
out:
	json_decref(res);
	if (p)
		pack_free(p);
	return rc;
}

/* --- 4-7 the own questionnaires ----------------------------------------------- */

/* The common head of sections 4-7: pack and its marking. */
static json_t *own_head(const struct rd *r, const struct pack *p)
{
	return json_pack("{s:{s:s, s:s}, s:o}", "pack", "id", p->id, "version", p->version,
			 "marking", rd_str(rd_text(r, json_object_get(p->doc, "marking"))));
}

typedef int (*own_fn)(struct rd *r, const struct pack *p, const json_t *res, json_t *data);

static int own_section(struct rd *r, const char *pack_id, own_fn fill, json_t **data,
		       struct err *e)
{
	json_t *res = NULL;
	struct pack *p = NULL;
	*data = NULL;
	int rc = rd_score_result(r, pack_id, &res, &p, e);
	if (rc == IPM_ENOTFOUND)
		rc = IPM_OK;
	else if (rc == IPM_OK) {
		*data = own_head(r, p);
		rc = fill(r, p, res, *data);
	}
	json_decref(res);
	if (p)
		pack_free(p);
	return rc;
}

/* {"id", "label"} of a pack scale. */
static json_t *scale_ref(const struct rd *r, const struct pack *p, const char *id)
{
	return json_pack("{s:s, s:o}", "id", id,
			 "label", rd_str(rd_text(r, json_object_get(pack_scale(p, id), "label"))));
}

struct ranked {
	const char *id;
	double v;
	size_t order;
};

static int ranked_cmp(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;
	if (a->v != b->v)
		return a->v < b->v ? 1 : -1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int fill_anchors(struct rd *r, const struct pack *p, const json_t *res, json_t *data)
{
	const json_t *scales = json_object_get(p->doc, "scales");
	size_t n = json_array_size(scales), i;
	const json_t *s;
	struct ranked *v = calloc(n + 1, sizeof *v);
	json_array_foreach(scales, i, s) {
		v[i].id = json_string_value(json_object_get(s, "id"));
		v[i].v = raw_of(res, v[i].id);
		v[i].order = i;
	}
	qsort(v, n, sizeof *v, ranked_cmp);
	json_t *anchors = json_array(), *top = json_array();
	for (i = 0; i < n; i++) {
		json_t *o = scale_ref(r, p, v[i].id);
		json_object_set_new(o, "rank", json_integer((json_int_t)i + 1));
		if (rd_prof(r))
			json_object_set_new(o, "mean", rd_num(v[i].v, 1));
		json_array_append_new(anchors, o);
	}
	const json_t *id;
	json_array_foreach(json_object_get(json_object_get(res, "top"), "scales"), i, id)
		json_array_append_new(top, scale_ref(r, p, json_string_value(id)));
	json_object_set_new(data, "anchors", anchors);
	json_object_set_new(data, "top", top);
	json_object_set_new(data, "scale", all_scales_range(p));
	free(v);
	return IPM_OK;
}

#define CLUSTER_SECTORS 5

static int fill_clusters(struct rd *r, const struct pack *p, const json_t *res, json_t *data)
{
	json_t *riasec = json_array(), *sectors = json_array();
	size_t i;
	const json_t *id, *e;
	const char *letters[6] = { 0 };
	json_array_foreach(json_object_get(json_object_get(p->doc, "holland"), "scales"), i, id) {
		if (i < 6)
			letters[i] = json_string_value(id);
		json_t *o = scale_ref(r, p, json_string_value(id));
		json_object_set_new(o, "code", json_incref((json_t *)id));
		json_object_del(o, "id");
		if (rd_prof(r))
			json_object_set_new(o, "score", rd_num(raw_of(res, json_string_value(id)), 1));
		json_array_append_new(riasec, o);
	}
	const json_t *entries = json_object_get(json_object_get(p->doc, "profiles"), "entries");
	json_array_foreach(json_object_get(json_object_get(res, "profiles"), "ranking"), i, e) {
		if (i == CLUSTER_SECTORS)
			break;
		const char *code = json_string_value(json_object_get(e, "id"));
		const char *label = NULL;
		size_t k;
		const json_t *pe;
		json_array_foreach(entries, k, pe)
			if (strcmp(json_string_value(json_object_get(pe, "id")), code) == 0)
				label = rd_text(r, json_object_get(pe, "label"));
		json_t *o = json_pack("{s:s, s:o, s:I}", "code", code, "label", rd_str(label),
				      "rank", (json_int_t)i + 1);
		if (rd_prof(r)) {
			/* −1: not computed (an entry without a code). */
			const json_t *m = json_object_get(e, "congruence");
			json_object_set_new(o, "congruence",
					    json_integer_value(m) >= 0 ? json_incref((json_t *)m)
								       : json_null());
			json_object_set_new(o, "r",
					    rd_num(json_number_value(json_object_get(e, "r")), 2));
		}
		json_array_append_new(sectors, o);
	}
	const json_t *h = json_object_get(res, "holland");
	json_object_set_new(data, "riasec", riasec);
	json_object_set_new(data, "holland",
			    json_pack("{s:O, s:O}", "code", json_object_get(h, "code"), "tied",
				      json_object_get(h, "tied")));
	json_object_set_new(data, "sectors", sectors);
	json_object_set_new(data, "scale", json_array_size(riasec) == 6
						   ? score_range(p, letters, 6)
						   : json_null());
	return IPM_OK;
}

static int fill_culture(struct rd *r, const struct pack *p, const json_t *res, json_t *data)
{
	json_t *cultures = json_array(), *preferred = json_array();
	size_t i;
	const json_t *s;
	double best = -INFINITY;
	json_array_foreach(json_object_get(p->doc, "scales"), i, s) {
		const char *id = json_string_value(json_object_get(s, "id"));
		double v = raw_of(res, id);
		json_t *o = scale_ref(r, p, id);
		json_object_set_new(o, "points", rd_num(v, 1));
		json_array_append_new(cultures, o);
		if (v > best)
			best = v;
	}
	/* Ties are shown, not broken (as score_top does: within 1e-9). */
	json_array_foreach(json_object_get(p->doc, "scales"), i, s) {
		const char *id = json_string_value(json_object_get(s, "id"));
		if (raw_of(res, id) >= best - 1e-9)
			json_array_append_new(preferred, scale_ref(r, p, id));
	}
	json_object_set_new(data, "cultures", cultures);
	json_object_set_new(data, "preferred", preferred);
	json_object_set_new(data, "scale", all_scales_range(p));
	return IPM_OK;
}

static int fill_jcm(struct rd *r, const struct pack *p, const json_t *res, json_t *data)
{
	static const char *const dims[] = { "sv", "ti", "ts", "au", "fb" };
	json_t *list = json_array();
	struct buf id = BUF_INIT;
	for (size_t i = 0; i < 5; i++) {
		buf_reset(&id);
		buf_printf(&id, "%s-laatste", dims[i]);
		double last = raw_of(res, buf_str(&id));
		/* The dimension's name is the scale's label without "(laatste baan)". */
		const char *label = rd_text(r, json_object_get(pack_scale(p, buf_str(&id)), "label"));
		if (!label)
			label = dims[i];
		size_t n = strcspn(label, "(");
		while (n && label[n - 1] == ' ')
			n--;
		buf_reset(&id);
		buf_printf(&id, "%s-gewenst", dims[i]);
		double wished = raw_of(res, buf_str(&id));
		buf_reset(&id);
		buf_printf(&id, "verschil-%s", dims[i]);
		json_array_append_new(list, json_pack("{s:s, s:s%, s:o, s:o, s:o}", "code", dims[i],
						      "label", label, n, "last",
						      rd_num(last, 1), "wished", rd_num(wished, 1),
						      "gap", rd_num(raw_of(res, buf_str(&id)), 1)));
	}
	/* The range of the dimension scales (last and wished job alike). */
	struct buf names[10];
	const char *ids[10];
	for (size_t i = 0; i < 10; i++) {
		names[i] = (struct buf)BUF_INIT;
		buf_printf(&names[i], "%s-%s", dims[i / 2], i % 2 ? "gewenst" : "laatste");
		ids[i] = buf_str(&names[i]);
	}
	json_object_set_new(data, "scale", score_range(p, ids, 10));
	for (size_t i = 0; i < 10; i++)
		buf_free(&names[i]);
	buf_free(&id);
	json_object_set_new(data, "dimensions", list);
	if (rd_prof(r))
		json_object_set_new(data, "mps",
				    json_pack("{s:o, s:o}", "last",
					      rd_num(raw_of(res, "mps-laatste"), 1), "wished",
					      rd_num(raw_of(res, "mps-gewenst"), 1)));
	return IPM_OK;
}

int rd_loopbaanankers(struct rd *r, json_t **data, struct err *e)
{
	return own_section(r, "career-anchors", fill_anchors, data, e);
}

int rd_carrierecluster(struct rd *r, json_t **data, struct err *e)
{
	return own_section(r, "career-clusters", fill_clusters, data, e);
}

int rd_cultuur(struct rd *r, json_t **data, struct err *e)
{
	return own_section(r, "culture-preference", fill_culture, data, e);
}

int rd_functieanalyse(struct rd *r, json_t **data, struct err *e)
{
	return own_section(r, "job-characteristics", fill_jcm, data, e);
}
