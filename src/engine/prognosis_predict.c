/* The explained prognosis for one client (docs/contracts/prognosis-v1.md):
 * p6, p12, expected and median months, kritisch moment, band, light, the
 * contribution of every feature, domain views, the top influenceable
 * factors and the missing ones. Fixed-size result, no allocation, so that
 * a caller can score in a loop without touching the heap. */
#include "engine/prognosis.h"
#include "engine/prognosis_internal.h"

#include <math.h>
#include <string.h>

static int check_input(const struct prog_model *m, const struct prog_input *in,
		       const struct prog_thresholds *t, struct err *e)
{
	if (!m->cum)
		return err_set(e, IPM_EINVAL, "model \"%s\": not prepared",
			       m->pack_id ? m->pack_id : "");
	if (in->months < 0)
		return err_set(e, IPM_EINVAL, "months unemployed: must be 0 or more");
	/* The value is not named: a rating can be personal data. */
	for (size_t k = 0; k < m->n_features; k++) {
		const struct prog_feature *f = &m->features[k];
		double v = in->x[k];
		if (in->given[k] && !(isfinite(v) && v >= f->min && v <= f->max))
			return err_set(e, IPM_EINVAL, "feature \"%s\": value outside %g..%g", f->id,
				       f->min, f->max);
	}
	return t ? prog_thresholds_check(t, e) : IPM_OK;
}

/* Stable insertion sort of idx[0..n) by key[idx] descending: n is at most
 * PROG_FEATURES_MAX, and stability gives ties in model order. */
static void sort_desc(uint32_t *idx, size_t n, const double *key)
{
	for (size_t i = 1; i < n; i++) {
		uint32_t v = idx[i];
		size_t j = i;
		for (; j > 0 && key[idx[j - 1]] < key[v]; j--)
			idx[j] = idx[j - 1];
		idx[j] = v;
	}
}

/* Restricted mean over PROG_MEAN_MONTHS and the median within it. */
static void durations(const struct prog_model *m, int d, double elp, struct prog_result *out)
{
	double sum = 0;
	out->months_median = -1;
	for (int k = 0; k <= PROG_MEAN_MONTHS; k++) {
		double s = prog_survival(m, d, k, elp);
		if (k < PROG_MEAN_MONTHS)
			sum += s;
		if (k > 0 && out->months_median < 0 && s <= 0.5)
			out->months_median = k;
	}
	out->months_expected = sum;
}

/* First m ≥ d with P(work in m+1..m+12) < 0.30. Once the window lies past
 * the baseline table its chance no longer changes, so the scan can stop at
 * the first m ≥ n_months: later months would give the same answer. */
static void kritisch(const struct prog_model *m, int d, double elp, struct prog_result *out)
{
	out->kritisch = -1;
	out->kritisch_now = false;
	for (long mo = d; mo <= (long)d + PROG_KRITISCH_SCAN; mo++) {
		if (prog_window(m, (int)mo, 12, elp) < PROG_KRITISCH_P) {
			out->kritisch = (int)mo;
			out->kritisch_now = mo == d;
			return;
		}
		if (mo >= (long)m->n_months)
			return;
	}
}

static void contributions(const struct prog_model *m, const double *x, int d,
			  struct prog_result *out)
{
	double key[PROG_FEATURES_MAX];
	uint32_t idx[PROG_FEATURES_MAX];
	struct prog_contribution c[PROG_FEATURES_MAX];
	for (size_t k = 0; k < m->n_features; k++) {
		double lpk = m->features[k].beta * x[k];
		c[k] = (struct prog_contribution){ .feature = (uint32_t)k, .x = x[k], .lp = lpk };
		/* x_k = 0 contributes exactly nothing; no rounding noise. */
		if (lpk != 0)
			c[k].p12 = out->p12 - prog_window(m, d, 12, exp(out->lp - lpk));
		key[k] = fabs(c[k].p12);
		idx[k] = (uint32_t)k;
	}
	sort_desc(idx, m->n_features, key);
	out->n_contrib = m->n_features;
	for (size_t i = 0; i < m->n_features; i++)
		out->contrib[i] = c[idx[i]];
}

static void domains(const struct prog_model *m, const double *x, struct prog_result *out)
{
	double key[PROG_FEATURES_MAX];
	for (size_t k = 0; k < m->n_features; k++) {
		const struct prog_feature *f = &m->features[k];
		double lpk = f->beta * x[k];
		key[k] = fabs(lpk);
		if (f->kind != PROG_FACTOR || f->domain < 0 || f->domain >= PROG_DOMAINS)
			continue;
		struct prog_domain_view *v = &out->domains[f->domain];
		v->lp += lpk;
		if (x[k] < 0)
			v->hindering[v->n_hindering++] = (uint32_t)k;
		else if (x[k] > 0)
			v->facilitating[v->n_facilitating++] = (uint32_t)k;
	}
	for (int g = 0; g < PROG_DOMAINS; g++) {
		sort_desc(out->domains[g].hindering, out->domains[g].n_hindering, key);
		sort_desc(out->domains[g].facilitating, out->domains[g].n_facilitating, key);
	}
}

/* Keeps out->top sorted by gain descending; a later feature with an equal
 * gain goes after the earlier one (ties in model order). */
static void top_insert(struct prog_result *out, struct prog_gain g)
{
	size_t j = out->n_top < PROG_TOP_N ? out->n_top++ : PROG_TOP_N;
	for (; j > 0 && out->top[j - 1].gain < g.gain; j--)
		if (j < PROG_TOP_N)
			out->top[j] = out->top[j - 1];
	if (j < PROG_TOP_N)
		out->top[j] = g;
}

/* An unrated factor is not advice material: its 0 is a placeholder, and
 * "raise it one step" would advise on a guess. It is listed as missing. */
static void influenceable(const struct prog_model *m, const struct prog_input *in,
			  const double *x, int d, struct prog_result *out)
{
	for (size_t k = 0; k < m->n_features; k++) {
		const struct prog_feature *f = &m->features[k];
		if (f->kind != PROG_FACTOR || f->influence == PROG_NIET || !in->given[k] ||
		    x[k] >= f->max)
			continue;
		double to = x[k] + 1 > f->max ? f->max : x[k] + 1;
		double p = prog_window(m, d, 12, exp(out->lp + f->beta * (to - x[k])));
		/* Only a real improvement is advice: a β ≤ 0 gives none. */
		if (p > out->p12)
			top_insert(out, (struct prog_gain){ .feature = (uint32_t)k, .from = x[k],
							     .to = to, .p12 = p,
							     .gain = p - out->p12 });
	}
}

int prog_predict(const struct prog_model *m, const struct prog_input *in,
		 const struct prog_thresholds *t, struct prog_result *out, struct err *e)
{
	double x[PROG_FEATURES_MAX];
	int rc = check_input(m, in, t, e);
	memset(out, 0, sizeof *out);
	out->months_median = out->kritisch = -1;
	if (rc)
		return rc;
	out->pack_id = m->pack_id;
	out->version = m->version;
	out->calibrated = m->calibrated;
	/* Summed in model order, as prog_predict_batch does, so both agree. */
	double lp = 0;
	for (size_t k = 0; k < m->n_features; k++) {
		x[k] = in->given[k] ? in->x[k] : 0;
		lp += m->beta[k] * x[k];
		if (!in->given[k])
			out->missing[out->n_missing++] = (uint32_t)k;
	}
	double elp = exp(lp);
	int d = in->months;
	out->lp = lp;
	out->p6 = prog_window(m, d, 6, elp);
	out->p12 = prog_window(m, d, 12, elp);
	out->band = prog_band_of(out->p12);
	out->light = prog_light_of(out->p12, t);
	durations(m, d, elp, out);
	kritisch(m, d, elp, out);
	contributions(m, x, d, out);
	domains(m, x, out);
	influenceable(m, in, x, d, out);
	return IPM_OK;
}
