/* The hazard arithmetic of the prognosis model: preparing a model, the
 * hazard and window probabilities, and the batch path. The explained
 * single-client prognosis is in prognosis_predict.c.
 *
 * Why cumulative sums: with c(t) = −log(1 − h0(t)) = exp(γ(t)) the cloglog
 * hazard gives 1 − h(t|x) = exp(−e^{lp}·c(t)), so
 * S(d, k) = Π_{t=d+1}^{d+k} (1 − h(t|x)) = exp(−e^{lp}·(C(d+k) − C(d)))
 * with C the cumulative baseline hazard. That is the contract's survival
 * product, computed with one exp instead of one per month. */
#include "engine/prognosis.h"
#include "engine/prognosis_internal.h"

#include <math.h>
#include <string.h>

static const char *const band_names[] = { "0-25", "25-50", "50-75", "75-100" };
static const char *const light_names[] = { "", "groen", "oranje", "rood" };
static const char *const domain_names[] = { "persoon", "omgeving", "arbeidsmarkt" };
static const char *const influence_names[] = { "intern", "extern", "niet" };
static const char *const client_names[] = { "age_50_plus", "age_under_27" };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int check_thresholds(const struct prog_thresholds *t, const char *what, struct err *e)
{
	if (!(t->lower >= 0 && t->lower <= t->upper && t->upper <= 1))
		return err_set(e, IPM_EINVAL, "%s: need 0 <= lower <= upper <= 1", what);
	return IPM_OK;
}

static int check_feature(const struct prog_feature *f, size_t k, struct err *e)
{
	const char *id = f->id ? f->id : "";
	if (!isfinite(f->beta))
		return err_set(e, IPM_EINVAL, "features[%zu] \"%s\": beta is not finite", k, id);
	if (!(f->min <= f->max))
		return err_set(e, IPM_EINVAL, "features[%zu] \"%s\": min > max", k, id);
	if (f->kind == PROG_CLIENT && (f->client < 0 || (size_t)f->client >= COUNT(client_names)))
		return err_set(e, IPM_EINVAL, "features[%zu] \"%s\": unknown client attribute", k, id);
	if (f->domain < PROG_DOMAIN_NONE || f->domain >= PROG_DOMAINS)
		return err_set(e, IPM_EINVAL, "features[%zu] \"%s\": unknown domain", k, id);
	if (f->influence < PROG_INTERN || f->influence > PROG_NIET)
		return err_set(e, IPM_EINVAL, "features[%zu] \"%s\": unknown influence", k, id);
	return IPM_OK;
}

int prog_model_prepare(struct prog_model *m, struct err *e)
{
	if (m->n_months < 1 || m->n_months > PROG_MONTHS_MAX || !m->h0)
		return err_set(e, IPM_EINVAL, "baseline_hazard: need 1 to %d months",
			       PROG_MONTHS_MAX);
	if (m->n_features > PROG_FEATURES_MAX)
		return err_set(e, IPM_EINVAL, "features: %zu features, at most %d", m->n_features,
			       PROG_FEATURES_MAX);
	for (size_t t = 0; t < m->n_months; t++)
		if (!(m->h0[t] > 0 && m->h0[t] < 1))
			return err_set(e, IPM_EINVAL, "baseline_hazard[%zu]: outside (0, 1)", t);
	for (size_t k = 0; k < m->n_features; k++) {
		int rc = check_feature(&m->features[k], k, e);
		if (rc)
			return rc;
	}
	if (m->has_population) {
		int rc = check_thresholds(&m->population, "population_p12", e);
		if (rc)
			return rc;
	}
	double *cum = arena_array(&m->arena, m->n_months + 1, sizeof *cum);
	double *beta = arena_array(&m->arena, m->n_features + 1, sizeof *beta);
	cum[0] = 0;
	for (size_t t = 1; t <= m->n_months; t++)
		cum[t] = cum[t - 1] - log1p(-m->h0[t - 1]);
	for (size_t k = 0; k < m->n_features; k++)
		beta[k] = m->features[k].beta;
	m->cum = cum;
	m->cum_tail = -log1p(-m->h0[m->n_months - 1]);
	m->beta = beta;
	return IPM_OK;
}

int prog_thresholds_check(const struct prog_thresholds *t, struct err *e)
{
	return check_thresholds(t, "thresholds", e);
}

/* C(t); past the table the last month's hazard holds (the contract). */
static inline double cum_at(const struct prog_model *m, long t)
{
	long n = (long)m->n_months;
	if (t <= n)
		return m->cum[t];
	return m->cum[n] + (double)(t - n) * m->cum_tail;
}

double prog_window(const struct prog_model *m, int d, int k, double elp)
{
	/* k = 0 short-cuts, because e^{lp} may be inf and inf·0 is NaN. */
	if (k <= 0)
		return 0;
	return -expm1(-elp * (cum_at(m, (long)d + k) - cum_at(m, d)));
}

double prog_survival(const struct prog_model *m, int d, int k, double elp)
{
	if (k <= 0)
		return 1;
	return exp(-elp * (cum_at(m, (long)d + k) - cum_at(m, d)));
}

double prog_p_within(const struct prog_model *m, int d, int k, double lp)
{
	return prog_window(m, d < 0 ? 0 : d, k, exp(lp));
}

double prog_hazard(const struct prog_model *m, int month, double lp)
{
	if (month < 1)
		return NAN;
	double c = (size_t)month <= m->n_months ? -log1p(-m->h0[month - 1]) : m->cum_tail;
	return -expm1(-exp(lp) * c);
}

int prog_feature_index(const struct prog_model *m, const char *id)
{
	for (size_t k = 0; k < m->n_features; k++)
		if (id && strcmp(m->features[k].id, id) == 0)
			return (int)k;
	return -1;
}

/* Rows in blocks so that the dot products, the exps and the window lookups
 * each run as their own simple loop over a small array (the dot product
 * loop is what gcc vectorises at -O3). */
#define BATCH_BLOCK 256

void prog_predict_batch(const struct prog_model *m, size_t n, const double *x, const int *d,
			double *p6, double *p12)
{
	const size_t nf = m->n_features;
	const double *beta = m->beta;
	double lp[BATCH_BLOCK];
	for (size_t i0 = 0; i0 < n; i0 += BATCH_BLOCK) {
		size_t nb = n - i0 < BATCH_BLOCK ? n - i0 : BATCH_BLOCK;
		for (size_t i = 0; i < nb; i++) {
			const double *row = x + (i0 + i) * nf;
			double s = 0;
			for (size_t j = 0; j < nf; j++)
				s += beta[j] * row[j];
			lp[i] = s;
		}
		for (size_t i = 0; i < nb; i++) {
			double elp = exp(lp[i]);
			long di = d[i0 + i] < 0 ? 0 : d[i0 + i];
			double c0 = cum_at(m, di);
			p6[i0 + i] = -expm1(-elp * (cum_at(m, di + 6) - c0));
			p12[i0 + i] = -expm1(-elp * (cum_at(m, di + 12) - c0));
		}
	}
}

enum prog_band prog_band_of(double p12)
{
	if (p12 < 0.25)
		return PROG_BAND_0_25;
	if (p12 < 0.5)
		return PROG_BAND_25_50;
	if (p12 < 0.75)
		return PROG_BAND_50_75;
	return PROG_BAND_75_100;
}

enum prog_light prog_light_of(double p12, const struct prog_thresholds *t)
{
	if (!t)
		return PROG_LIGHT_NONE;
	if (p12 >= t->upper)
		return PROG_GROEN;
	if (p12 < t->lower)
		return PROG_ROOD;
	return PROG_ORANJE;
}

static const char *name_of(const char *const *names, size_t n, int i)
{
	return i >= 0 && (size_t)i < n ? names[i] : "";
}

static int parse_of(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *prog_band_name(enum prog_band b)
{
	return name_of(band_names, COUNT(band_names), (int)b);
}

const char *prog_light_name(enum prog_light l)
{
	return name_of(light_names, COUNT(light_names), (int)l);
}

const char *prog_domain_name(enum prog_domain d)
{
	return name_of(domain_names, COUNT(domain_names), (int)d);
}

const char *prog_influence_name(enum prog_influence i)
{
	return name_of(influence_names, COUNT(influence_names), (int)i);
}

const char *prog_client_name(enum prog_client c)
{
	return name_of(client_names, COUNT(client_names), (int)c);
}

int prog_domain_parse(const char *s, enum prog_domain *out)
{
	int i = parse_of(domain_names, COUNT(domain_names), s);
	if (i >= 0)
		*out = (enum prog_domain)i;
	return i < 0 ? -1 : 0;
}

int prog_influence_parse(const char *s, enum prog_influence *out)
{
	int i = parse_of(influence_names, COUNT(influence_names), s);
	if (i >= 0)
		*out = (enum prog_influence)i;
	return i < 0 ? -1 : 0;
}

int prog_client_parse(const char *s, enum prog_client *out)
{
	int i = parse_of(client_names, COUNT(client_names), s);
	if (i >= 0)
		*out = (enum prog_client)i;
	return i < 0 ? -1 : 0;
}
