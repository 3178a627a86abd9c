/* From the report document (report-doc-v1) to the chart structs. A chart is
 * made only from numbers the document holds: the client version has no
 * T-scores, means or curve, so it gets the band chart of the Big Five, the
 * culture map and the JCM profile, without numbers. The axes and limits are
 * the document's too (the scales' ranges, the norms' band limits, the
 * kritisch moment's threshold), so another pack draws right without a
 * change here. */
#include "report/report_internal.h"

#include <math.h>
#include <string.h>

#define FACTORS_SHOWN 12

const char *const report_chart_names[RC_COUNT] = {
	"bigfive", "anchors", "riasec", "culture", "jcm", "prognosis", "factors",
};

static double num(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

/* The axis of a questionnaire's scores: the scale range the document
 * carries from the pack that scored them (report-doc-v1 "scale"). A
 * document without one (or values outside it) gets the range of its
 * values, widened to whole numbers. */
static void range_of(const json_t *data, double lo_data, double hi_data, double *min,
		     double *max)
{
	const json_t *scale = json_object_get(data, "scale");
	double a = num(scale, "min"), b = num(scale, "max");
	if (a < b && lo_data >= a && hi_data <= b) {
		*min = a;
		*max = b;
		return;
	}
	*min = floor(fmin(lo_data, 1));
	*max = ceil(hi_data);
	if (*max <= *min)
		*max = *min + 1;
}

static const json_t *section_data(const json_t *doc, const char *id)
{
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(doc, "sections"), i, s)
		if (!strcmp(json_string_value(json_object_get(s, "id")), id))
			return json_is_false(json_object_get(s, "shared")) ? NULL
									  : json_object_get(s, "data");
	return NULL;
}

static const char *section_title(const json_t *doc, const char *id)
{
	size_t i;
	const json_t *s;
	json_array_foreach(json_object_get(doc, "sections"), i, s)
		if (!strcmp(json_string_value(json_object_get(s, "id")), id))
			return json_string_value(json_object_get(s, "title"));
	return "";
}

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

static void start(struct report_charts *rc, enum report_chart k, enum chart_type type,
		  const char *title, const struct report_templates *t, bool values)
{
	struct buf name = BUF_INIT;
	buf_printf(&name, "chart-title/%s", report_chart_names[k]);
	rc->c[k] = (struct chart){ .type = type, .w = report_templates_chart_words(t),
				   .show_values = values,
				   .title = report_templates_word(t, buf_str(&name), title) };
	buf_free(&name);
	rc->has[k] = true;
}

static int band_of(const char *b)
{
	return !strcmp(b, "laag") ? 1 : !strcmp(b, "gemiddeld") ? 2 : !strcmp(b, "hoog") ? 3 : 0;
}

static void bigfive(const json_t *doc, const struct report_templates *t,
		    struct report_charts *rc)
{
	const json_t *d = section_data(doc, "persoonlijkheid");
	const json_t *domains = json_object_get(d, "domains");
	size_t n = json_array_size(domains), i;
	if (!n || n > CHART_ROWS_MAX)
		return;
	const json_t *x;
	bool values = false;
	struct chart_row *rows = rc->rows[RC_BIGFIVE];
	const struct chart_words *w = report_templates_chart_words(t);
	json_array_foreach(domains, i, x) {
		int band = band_of(str(x, "band"));
		rows[i] = (struct chart_row){ .label = str(x, "label"), .value = num(x, "t"),
					      .band = band, .note = band ? w->band[band - 1] : NULL };
		values |= isfinite(rows[i].value);
	}
	start(rc, RC_BIGFIVE, CHART_BIGFIVE, section_title(doc, "persoonlijkheid"), t, values);
	/* T 20..80 (mean 50 ± 3 SD by the definition of a T-score) holds 99.7 %
	 * of a normal population; the band limits are the norms' own, as the
	 * document carries them (none: no band zones). */
	const json_t *bands = json_object_get(d, "bands");
	rc->c[RC_BIGFIVE].u.bars = (struct chart_bars){
		.n = n, .rows = rows, .min = 20, .max = 80, .scale = 1,
		.band_low = num(bands, "low_below"), .band_high = num(bands, "high_above"),
	};
}

static void anchors(const json_t *doc, const struct report_templates *t,
		    struct report_charts *rc)
{
	const json_t *d = section_data(doc, "loopbaanankers");
	const json_t *list = json_object_get(d, "anchors"), *top = json_object_get(d, "top");
	size_t n = json_array_size(list), i, j;
	if (!n || n > CHART_ROWS_MAX || !json_is_number(json_object_get(json_array_get(list, 0), "mean")))
		return;
	const json_t *x, *y;
	double lo = INFINITY, hi = -INFINITY;
	struct chart_row *rows = rc->rows[RC_ANCHORS];
	json_array_foreach(list, i, x) {
		rows[i] = (struct chart_row){ .label = str(x, "label"), .value = num(x, "mean") };
		json_array_foreach(top, j, y)
			if (!strcmp(str(x, "id"), str(y, "id")))
				rows[i].mark = true;
		lo = fmin(lo, rows[i].value);
		hi = fmax(hi, rows[i].value);
	}
	start(rc, RC_ANCHORS, CHART_ANCHORS, section_title(doc, "loopbaanankers"), t, true);
	struct chart_bars *b = &rc->c[RC_ANCHORS].u.bars;
	*b = (struct chart_bars){ n, rows, 0, 0, NAN, NAN, NULL, 1 };
	range_of(d, lo, hi, &b->min, &b->max);
}

static void riasec(const json_t *doc, const struct report_templates *t,
		   struct report_charts *rc)
{
	static const char letters[] = "RIASEC";
	const json_t *d = section_data(doc, "carrierecluster");
	const json_t *list = json_object_get(d, "riasec");
	if (json_array_size(list) != 6 || !json_is_number(json_object_get(json_array_get(list, 0), "score")))
		return;
	start(rc, RC_RIASEC, CHART_RIASEC, section_title(doc, "carrierecluster"), t, true);
	struct chart_riasec *q = &rc->c[RC_RIASEC].u.riasec;
	double lo = INFINITY, hi = -INFINITY;
	for (int k = 0; k < 6; k++) {
		const json_t *x = json_array_get(list, (size_t)k);
		/* The contract orders R I A S E C; trust the codes, not the order. */
		const char *code = str(x, "code");
		const char *at = *code ? strchr(letters, code[0]) : NULL;
		int slot = at ? (int)(at - letters) : k;
		q->label[slot] = str(x, "label");
		q->value[slot] = num(x, "score");
		lo = fmin(lo, q->value[slot]);
		hi = fmax(hi, q->value[slot]);
	}
	q->code = json_string_value(json_object_get(json_object_get(d, "holland"), "code"));
	range_of(d, lo, hi, &q->min, &q->max);
}

static void culture(const json_t *doc, const struct report_templates *t,
		    struct report_charts *rc)
{
	/* Competing Values corners: clan, adhocracy, hierarchy, market. */
	static const char *const corner[4] = { "mensgericht", "innovatief", "beheersgericht",
					       "resultaatgericht" };
	const json_t *d = section_data(doc, "cultuur");
	const json_t *list = json_object_get(d, "cultures");
	if (json_array_size(list) != 4)
		return;
	struct chart_culture q = { .n_series = 1 };
	int found = 0;
	for (int k = 0; k < 4; k++) {
		size_t i;
		const json_t *x;
		json_array_foreach(list, i, x)
			if (!strcmp(str(x, "id"), corner[k])) {
				q.label[k] = str(x, "label");
				q.value[0][k] = num(x, "points");
				found++;
			}
	}
	/* The map's scale is the points a client divides (the culture scores'
	 * maximum, report-doc-v1 "scale"); without it, their sum, which is the
	 * same for a division of points. */
	double total = num(json_object_get(d, "scale"), "max");
	if (!(total > 0)) {
		total = 0;
		for (int k = 0; k < 4; k++)
			total += isfinite(q.value[0][k]) ? q.value[0][k] : 0;
	}
	if (found != 4 || !(total > 0))
		return;
	q.total = total;
	/* A division of points the client made is no test internal
	 * (report-doc-v1): the numbers are shown in every version. */
	start(rc, RC_CULTURE, CHART_CULTURE, section_title(doc, "cultuur"), t, true);
	q.series[0] = report_templates_word(t, "chart/preference", "voorkeur");
	rc->c[RC_CULTURE].u.culture = q;
}

static void jcm(const json_t *doc, const struct report_templates *t, struct report_charts *rc)
{
	const json_t *d = section_data(doc, "functieanalyse");
	const json_t *list = json_object_get(d, "dimensions");
	if (json_array_size(list) != 5)
		return;
	const json_t *mps = json_object_get(d, "mps");
	start(rc, RC_JCM, CHART_JCM, section_title(doc, "functieanalyse"), t, mps != NULL);
	struct chart_jcm *j = &rc->c[RC_JCM].u.jcm;
	double lo = INFINITY, hi = -INFINITY;
	for (size_t k = 0; k < 5; k++) {
		const json_t *x = json_array_get(list, k);
		j->label[k] = str(x, "label");
		j->value[0][k] = num(x, "last");
		j->value[1][k] = num(x, "wished");
		for (int s = 0; s < 2; s++)
			if (isfinite(j->value[s][k])) {
				lo = fmin(lo, j->value[s][k]);
				hi = fmax(hi, j->value[s][k]);
			}
	}
	j->series[0] = report_templates_word(t, "chart/jcm-last", "laatste functie");
	j->series[1] = report_templates_word(t, "chart/jcm-wished", "gewenste functie");
	j->mps[0] = num(mps, "last");
	j->mps[1] = num(mps, "wished");
	if (!isfinite(lo)) { /* no scores at all: the scale's own range, if any */
		lo = hi = num(json_object_get(d, "scale"), "min");
		if (!isfinite(lo))
			lo = hi = 1;
	}
	range_of(d, lo, hi, &j->min, &j->max);
}

static void prognosis(const json_t *doc, const struct report_templates *t,
		      struct report_charts *rc)
{
	const json_t *p = json_object_get(section_data(doc, "advies"), "prognosis");
	const json_t *curve = json_object_get(p, "curve");
	size_t n = json_array_size(curve);
	double threshold = num(p, "kritisch_threshold");
	if (n < 2 || n > CHART_MONTHS_MAX || !(threshold > 0 && threshold < 1))
		return;
	start(rc, RC_PROGNOSIS, CHART_PROGNOSIS, section_title(doc, "advies"), t, true);
	struct chart_prognosis *g = &rc->c[RC_PROGNOSIS].u.prognosis;
	g->n = n;
	g->threshold = threshold;
	for (size_t k = 0; k < n; k++)
		g->cumulative[k] = num(json_array_get(curve, k), "p_work");
	/* The chance within the year after month k is 1 − S(k+12)/S(k), the
	 * same survival the curve shows: known while k + 12 is on the curve. */
	g->n_year = n > 12 ? n - 12 : 0;
	for (size_t k = 0; k < g->n_year; k++)
		g->year_ahead[k] = 1 - (1 - g->cumulative[k + 12]) / (1 - g->cumulative[k]);
	const json_t *km = json_object_get(p, "kritisch_moment");
	double month = num(km, "month"), d = num(p, "months_unemployed");
	g->kritisch = -1;
	if (json_is_true(json_object_get(km, "now")))
		g->kritisch = 0;
	else if (isfinite(month) && isfinite(d) && month >= d && month - d < (double)n)
		g->kritisch = (int)(month - d);
}

static void factors(const json_t *doc, const struct report_templates *t,
		    struct report_charts *rc)
{
	const json_t *p = json_object_get(section_data(doc, "advies"), "prognosis");
	const json_t *list = json_object_get(p, "contributions");
	size_t n = json_array_size(list), i;
	if (!n)
		return;
	if (n > CHART_ROWS_MAX)
		n = CHART_ROWS_MAX;
	/* Factors that move nothing (unrated, neutral) are left out: the chart
	 * shows what helps and what hinders, at most FACTORS_SHOWN of them, in
	 * the document's order (largest first). */
	struct chart_row *rows = rc->rows[RC_FACTORS];
	double most = 0;
	size_t m = 0;
	for (i = 0; i < n && m < FACTORS_SHOWN; i++) {
		const json_t *x = json_array_get(list, i);
		double v = num(x, "p12");
		if (!isfinite(v) || fabs(v) < 0.0005)
			continue;
		rows[m++] = (struct chart_row){ .label = str(x, "label"), .value = v };
		most = fmax(most, fabs(v));
	}
	if (!m)
		return;
	n = m;
	start(rc, RC_FACTORS, CHART_FACTORS,
	      report_templates_word(t, "chart-title/factors", section_title(doc, "advies")), t,
	      true);
	/* A symmetric axis in whole 5 percentage points. */
	double edge = fmax(0.05, ceil(most / 0.05 - 1e-9) * 0.05);
	rc->c[RC_FACTORS].u.bars = (struct chart_bars){ n, rows, -edge, edge, NAN, NAN, "pp", 100 };
}

void report_charts_build(const json_t *doc, const struct report_templates *t,
			 struct report_charts *out)
{
	memset(out, 0, sizeof *out);
	bigfive(doc, t, out);
	anchors(doc, t, out);
	riasec(doc, t, out);
	culture(doc, t, out);
	jcm(doc, t, out);
	prognosis(doc, t, out);
	factors(doc, t, out);
}

const struct chart *report_charts_get(const struct report_charts *rc, const char *name)
{
	for (int k = 0; k < RC_COUNT; k++)
		if (!strcmp(name, report_chart_names[k]))
			return rc->has[k] ? &rc->c[k] : NULL;
	return NULL;
}
