/* /clients/{id}/results/{pack}: the latest scored result of a career
 * questionnaire, with its chart (src/report/chart.h: Big Five T-scores with
 * the norm bands, career anchors, the RIASEC hexagon, the culture quadrant,
 * the job characteristics of the last and the wished job), the chart's text
 * alternative and the numbers as a table, for everyone who cannot or would
 * rather not read a picture.
 *
 * Scores are test details: the jobcoach (no PERM_TEST_DETAILS) is refused
 * and the attempt audited; the jobcoach works from the conclusions in the
 * advice and the report. The page computes nothing: it shows the result as
 * stored, with the labels of the pack version that made it in the reader's
 * language. */
#include "report/chart.h"
#include "services/qform.h"
#include "store/store_route.h"
#include "web/client_page.h"
#include "web/pages.h"
#include "web/view.h"

#include <math.h>
#include <string.h>

#define CHART_WIDTH 720

static const struct web_text texts[] = {
	{ "scale", N_("Scale") },
	{ "raw", N_("Raw score") },
	{ "t", N_("T-score") },
	{ "percentile", N_("Percentile") },
	{ "band", N_("Band") },
	{ "meaning", N_("Interpretation") },
	{ "answered", N_("Answered") },
	{ "notes", N_("Notes") },
	{ "table_caption", N_("All scores") },
	{ "alt_heading", N_("The chart in words") },
	{ "norm", N_("Norm group") },
	{ "computed", N_("Computed on") },
	{ "version", N_("Questionnaire version") },
	{ "back", N_("Back to the questionnaires") },
	{ "sectors", N_("Sectors that fit best") },
	{ "sector", N_("Sector") },
	{ "fit", N_("Fit (correlation)") },
	{ "holland", N_("Holland code") },
};

static double num(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static const json_t *scale_json(const json_t *res, const char *id)
{
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(res, "scales"), i, s)
		if (!strcmp(json_string_value(json_object_get(s, "id")), id))
			return s;
	return NULL;
}

struct page {
	struct web_request *req;
	const struct qform *f;
	const json_t *res;
	enum q_lang lang;
	struct chart_words w;
	struct chart c;
	struct chart_row rows[CHART_ROWS_MAX];
	bool has_chart;
};

static void words(struct page *pg)
{
	struct web_request *req = pg->req;
	pg->w = chart_words_nl;
	pg->w.band[0] = web_text(req, N_("low"));
	pg->w.band[1] = web_text(req, N_("average"));
	pg->w.band[2] = web_text(req, N_("high"));
	pg->w.no_score = web_text(req, N_("no score"));
	pg->w.top = web_text(req, N_("strongest"));
	pg->w.flexible = web_text(req, N_("flexible"));
	pg->w.stable = web_text(req, N_("stable"));
	pg->w.internal = web_text(req, N_("internally focused"));
	pg->w.external = web_text(req, N_("externally focused"));
	pg->w.holland = web_text(req, N_("Holland code"));
	pg->w.decimal_comma = req->lang != LANG_EN;
}

static const char *scale_label(const struct page *pg, const char *id)
{
	int32_t k = questionnaire_scale_index(pg->f->q, id);
	return k < 0 ? id : q_text_get(&pg->f->q->scales[k].label, pg->lang);
}

static int band_index(const char *b)
{
	return !b ? -1 : !strcmp(b, "laag") ? 0 : !strcmp(b, "gemiddeld") ? 1 : !strcmp(b, "hoog") ? 2 : -1;
}

/* Big Five: per domain its row, then its facets, indented. */
static void bigfive(struct page *pg)
{
	const struct questionnaire *q = pg->f->q;
	size_t n = 0;
	for (size_t g = 0; g < q->n_groups; g++)
		for (uint32_t k = 0; k < q->groups[g].n_scales && n < CHART_ROWS_MAX; k++) {
			const struct q_scale *sc = &q->scales[q->groups[g].scales[k]];
			const json_t *x = scale_json(pg->res, sc->id);
			int b = band_index(json_string_value(json_object_get(x, "band")));
			pg->rows[n++] = (struct chart_row){
				.label = q_text_get(&sc->label, pg->lang),
				.value = num(x, "t"),
				.level = sc->kind == Q_SCALE_DERIVED || k == 0 ? 0 : 1,
				.note = b >= 0 ? pg->w.band[b] : NULL,
			};
		}
	pg->c.type = CHART_BIGFIVE;
	double lo = q->norms.n_groups ? q->norms.low_below : 45;
	double hi = q->norms.n_groups ? q->norms.high_above : 55;
	pg->c.u.bars = (struct chart_bars){ n, pg->rows, 20, 80, lo, hi, NULL, 1 };
	pg->has_chart = n > 0;
}

static void rating_range(const struct page *pg, double *min, double *max)
{
	*min = 1;
	*max = 5;
	for (size_t i = 0; i < pg->f->n_scales; i++)
		if (!pg->f->scales[i].points) {
			*min = pg->f->scales[i].min;
			*max = pg->f->scales[i].max;
			return;
		}
}

static void anchors(struct page *pg)
{
	const struct questionnaire *q = pg->f->q;
	const json_t *top = json_object_get(json_object_get(pg->res, "top"), "scales");
	size_t n = 0;
	for (size_t k = 0; k < q->n_scales && n < CHART_ROWS_MAX; k++) {
		const json_t *x = scale_json(pg->res, q->scales[k].id);
		struct chart_row r = { .label = q_text_get(&q->scales[k].label, pg->lang),
				       .value = num(x, "raw") };
		size_t i;
		const json_t *y;
		json_array_foreach(top, i, y)
			if (!strcmp(json_string_value(y), q->scales[k].id))
				r.mark = true;
		pg->rows[n++] = r;
	}
	pg->c.type = CHART_ANCHORS;
	pg->c.u.bars = (struct chart_bars){ n, pg->rows, 0, 0, NAN, NAN, NULL, 1 };
	rating_range(pg, &pg->c.u.bars.min, &pg->c.u.bars.max);
	pg->has_chart = n > 0;
}

static void riasec(struct page *pg)
{
	const struct questionnaire *q = pg->f->q;
	if (!q->has_holland)
		return;
	struct chart_riasec *r = &pg->c.u.riasec;
	for (int k = 0; k < 6; k++) {
		const struct q_scale *sc = &q->scales[q->holland[k]];
		r->label[k] = q_text_get(&sc->label, pg->lang);
		r->value[k] = num(scale_json(pg->res, sc->id), "raw");
	}
	r->code = json_string_value(json_object_get(json_object_get(pg->res, "holland"), "code"));
	rating_range(pg, &r->min, &r->max);
	pg->c.type = CHART_RIASEC;
	pg->has_chart = true;
}

static void culture(struct page *pg)
{
	/* Competing Values corners: clan, adhocracy, hierarchy, market. */
	static const char *const corner[4] = { "mensgericht", "innovatief", "beheersgericht",
					       "resultaatgericht" };
	struct chart_culture *c = &pg->c.u.culture;
	*c = (struct chart_culture){ .n_series = 1, .total = 100 };
	for (int k = 0; k < 4; k++) {
		const json_t *x = scale_json(pg->res, corner[k]);
		if (!x)
			return;
		c->label[k] = scale_label(pg, corner[k]);
		c->value[0][k] = num(x, "raw");
	}
	c->series[0] = web_text(pg->req, N_("preference"));
	pg->c.type = CHART_CULTURE;
	pg->has_chart = true;
}

static void jcm(struct page *pg)
{
	static const char *const dims[5] = { "sv", "ti", "ts", "au", "fb" };
	static const char *const names[5] = { N_("Skill variety"), N_("Task identity"),
					      N_("Task significance"), N_("Autonomy"),
					      N_("Feedback") };
	static const char *const series[2] = { "laatste", "gewenst" };
	struct chart_jcm *j = &pg->c.u.jcm;
	for (int s = 0; s < 2; s++) {
		for (int k = 0; k < 5; k++) {
			struct buf id = BUF_INIT;
			buf_printf(&id, "%s-%s", dims[k], series[s]);
			const json_t *x = scale_json(pg->res, id.data);
			buf_free(&id);
			if (!x)
				return;
			j->value[s][k] = num(x, "raw");
			j->label[k] = web_text(pg->req, names[k]);
		}
		struct buf id = BUF_INIT;
		buf_printf(&id, "mps-%s", series[s]);
		j->mps[s] = num(scale_json(pg->res, id.data), "raw");
		buf_free(&id);
	}
	j->series[0] = web_text(pg->req, N_("last job"));
	j->series[1] = web_text(pg->req, N_("wished job"));
	rating_range(pg, &j->min, &j->max);
	pg->c.type = CHART_JCM;
	pg->has_chart = true;
}

static void put_num(struct buf *b, const struct chart_words *w, double v, int decimals)
{
	buf_reset(b);
	if (isfinite(v))
		chart_put_number(b, w, v, decimals);
}

/* Decimals of a raw score, the same for every row of a scale's kind: a sum
 * of answers is whole (unless prorated), a mean, an MPS or a difference of
 * means has two — "4,00" beside "1,80", not "4". */
static int raw_decimals(const struct q_scale *sc, double v)
{
	bool sum = sc->kind == Q_SCALE_DERIVED ? sc->combine == Q_COMBINE_SUM
					       : sc->scoring == Q_SCORING_SUM;
	return sum && fabs(v - round(v)) < 1e-9 ? 0 : 2;
}

/* Which optional columns any row of the table fills: a column no scale of
 * the instrument has (a band without norms or raw bands, a note) is left
 * out rather than shown empty. */
struct columns {
	bool t, band, meaning, answered, notes;
};

static json_t *table_row(struct page *pg, const struct q_scale *sc, const json_t *x,
			 struct columns *cols)
{
	struct buf b = BUF_INIT;
	json_t *o = json_object();
	web_view_set(o, "label", q_text_get(&sc->label, pg->lang));
	put_num(&b, &pg->w, num(x, "raw"), raw_decimals(sc, num(x, "raw")));
	web_view_set(o, "raw", b.data);
	put_num(&b, &pg->w, num(x, "t"), 1);
	web_view_set(o, "tscore", b.data);
	cols->t |= isfinite(num(x, "t"));
	put_num(&b, &pg->w, num(x, "percentile"), 0);
	web_view_set(o, "percentile", b.data);
	int band = band_index(json_string_value(json_object_get(x, "band")));
	web_view_set(o, "band", band >= 0 ? pg->w.band[band] : NULL);
	cols->band |= band >= 0;
	web_view_set(o, "meaning",
		     band >= 0 && sc->has_bands ? q_text_get(&sc->bands[band], pg->lang) : NULL);
	cols->meaning |= band >= 0 && sc->has_bands;
	buf_reset(&b);
	if (json_is_integer(json_object_get(x, "answered"))) {
		buf_printf(&b, "%lld / %lld",
			   (long long)json_integer_value(json_object_get(x, "answered")),
			   (long long)json_integer_value(json_object_get(x, "asked")));
		cols->answered = true;
	}
	web_view_set(o, "answered", b.data);
	buf_reset(&b);
	size_t i;
	const json_t *fl;
	json_array_foreach(json_object_get(x, "flags"), i, fl) {
		const char *f = json_string_value(fl);
		const char *text = !strcmp(f, "prorated")	   ? N_("prorated from the items answered")
				   : !strcmp(f, "items_excluded") ? N_("some items not asked by default")
								  : NULL;
		buf_printf(&b, "%s%s", b.len ? "; " : "", text ? web_text(pg->req, text) : f);
	}
	web_view_set(o, "notes", b.data);
	cols->notes |= b.len > 0;
	json_object_set_new(o, "is_domain", json_boolean(sc->kind == Q_SCALE_DERIVED));
	json_object_set_new(o, "is_grouped", json_false());
	buf_free(&b);
	return o;
}

/* Every scale of the result as a table row: by the pack's groups (a Big
 * Five domain, then its facets) when it has them, else in the pack's order;
 * scales in no group follow. */
static json_t *table(struct page *pg, struct columns *cols)
{
	const struct questionnaire *q = pg->f->q;
	json_t *rows = json_array();
	bool *shown = arena_array(&pg->req->arena, q->n_scales + 1, sizeof *shown);
	*cols = (struct columns){ 0 };
	for (size_t g = 0; g < q->n_groups; g++)
		for (uint32_t k = 0; k < q->groups[g].n_scales; k++) {
			uint32_t i = q->groups[g].scales[k];
			const json_t *x = scale_json(pg->res, q->scales[i].id);
			if (x && !shown[i]) {
				json_t *o = table_row(pg, &q->scales[i], x, cols);
				json_object_set_new(o, "is_grouped", json_true());
				json_array_append_new(rows, o);
			}
			shown[i] = true;
		}
	for (size_t i = 0; i < q->n_scales; i++) {
		const json_t *x = scale_json(pg->res, q->scales[i].id);
		if (x && !shown[i])
			json_array_append_new(rows, table_row(pg, &q->scales[i], x, cols));
	}
	return rows;
}

/* The norm as the result names it (in Dutch), in the reader's language. */
static const char *norm_text(const struct page *pg, const char *nl)
{
	const struct q_norms *n = &pg->f->q->norms;
	for (size_t i = 0; nl && i < n->n_norms; i++)
		if (n->norms[i].description.t[Q_NL] && !strcmp(n->norms[i].description.t[Q_NL], nl))
			return q_text_get(&n->norms[i].description, pg->lang);
	return nl;
}

static json_t *sectors(struct page *pg)
{
	json_t *list = json_array();
	const json_t *ranking = json_object_get(json_object_get(pg->res, "profiles"), "ranking");
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < json_array_size(ranking) && i < 5; i++) {
		const json_t *x = json_array_get(ranking, i);
		json_t *o = json_object();
		const char *id = json_string_value(json_object_get(x, "id"));
		const char *label = json_string_value(json_object_get(x, "label"));
		for (size_t k = 0; id && k < pg->f->q->profiles.n_entries; k++)
			if (!strcmp(pg->f->q->profiles.entries[k].id, id))
				label = q_text_get(&pg->f->q->profiles.entries[k].label, pg->lang);
		web_view_set(o, "label", label);
		put_num(&b, &pg->w, num(x, "r"), 2);
		web_view_set(o, "fit", b.data);
		json_array_append_new(list, o);
	}
	buf_free(&b);
	return list;
}

int page_results(struct web_request *req)
{
	const char *pack = web_param(req, "pack");
	if (!pack)
		return IPM_ENOTFOUND;
	struct client_page cp;
	struct err e;
	int rc = client_page_open(req, PERM_TEST_DETAILS, "result", &cp);
	if (rc)
		return rc;
	struct store_result r;
	if ((rc = store_result_latest(req->store, &cp.who, cp.id, "score", pack, &r, &req->arena,
				      &e)))
		return rc;
	json_error_t je;
	json_t *res = json_loads(r.data, 0, &je);
	if (!res)
		return IPM_EIO;
	const struct qform *f = NULL;
	if ((rc = qform_get(req->store, r.pack_id, r.pack_version, &f, &e))) {
		json_decref(res);
		return rc;
	}
	struct page *pg = arena_alloc(&req->arena, sizeof *pg);
	*pg = (struct page){ .req = req, .f = f, .res = res, .lang = (enum q_lang)req->lang };
	words(pg);
	const char *title = q_text_get(&f->q->title, pg->lang);
	pg->c.title = title;
	pg->c.w = &pg->w;
	pg->c.show_values = true;
	if (!strcmp(pack, "ipip-neo-120"))
		bigfive(pg);
	else if (!strcmp(pack, "career-anchors"))
		anchors(pg);
	else if (!strcmp(pack, "career-clusters"))
		riasec(pg);
	else if (!strcmp(pack, "culture-preference"))
		culture(pg);
	else if (!strcmp(pack, "job-characteristics"))
		jcm(pg);

	json_t *v = web_view(req);
	client_page_view(req, &cp, v, "questionnaires");
	web_view_set(v, "heading", title);
	web_view_set(v, "marking", f->q->marking.t[Q_NL] ? q_text_get(&f->q->marking, pg->lang)
							 : NULL);
	if (pg->has_chart) {
		struct buf svg = BUF_INIT, alt = BUF_INIT;
		if (chart_svg(&pg->c, CHART_WIDTH, "c-", &svg, &e) == IPM_OK) {
			web_view_set(v, "svg", svg.data);
			chart_alt(&pg->c, &alt);
			web_view_set(v, "alt", alt.data);
		}
		buf_free(&svg);
		buf_free(&alt);
	}
	struct columns cols;
	json_object_set_new(v, "rows", table(pg, &cols));
	json_object_set_new(v, "has_t", json_boolean(cols.t));
	json_object_set_new(v, "has_band", json_boolean(cols.band));
	json_object_set_new(v, "has_meaning", json_boolean(cols.meaning));
	json_object_set_new(v, "has_answered", json_boolean(cols.answered));
	json_object_set_new(v, "has_notes", json_boolean(cols.notes));
	if (!strcmp(pack, "career-clusters")) {
		json_t *sec = sectors(pg);
		json_object_set_new(v, "has_sectors", json_boolean(json_array_size(sec) > 0));
		json_object_set_new(v, "sectors", sec);
		web_view_set(v, "holland_code", pg->c.u.riasec.code);
	}
	const json_t *norm = json_object_get(res, "norm");
	if (json_is_object(norm) && f->q->norms.n_groups) {
		web_view_set(v, "norm",
			     norm_text(pg, json_string_value(json_object_get(norm, "description"))));
		web_view_set(v, "norm_note", q_text_get(&f->q->norms.note, pg->lang));
		web_view_set(v, "norm_source", q_text_get(&f->q->norms.source, pg->lang));
	}
	struct buf b = BUF_INIT;
	buf_add(&b, r.computed_at ? r.computed_at : "", r.computed_at && strlen(r.computed_at) >= 10 ? 10 : 0);
	web_view_set(v, "computed", b.data);
	buf_reset(&b);
	buf_printf(&b, "%s %s", r.pack_id, r.pack_version);
	web_view_set(v, "version", b.data);
	buf_free(&b);
	web_view_set(v, "back_href", client_page_href(req, cp.id, "questionnaires"));
	WEB_TEXTS(req, v, texts);
	rc = web_render(req, "results", title, v);
	json_decref(res);
	qform_release(f);
	return rc;
}
