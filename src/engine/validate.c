/* Validation measures (see validate.h for the definitions and why they are
 * R's). */
#include "engine/validate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* --- outcomes ------------------------------------------------------------ */

static int cmp_client_id(const void *pa, const void *pb)
{
	const struct val_client *x = pa, *y = pb;
	if (x->id != y->id)
		return (x->id > y->id) - (x->id < y->id);
	return (x->first_row > y->first_row) - (x->first_row < y->first_row);
}

/* Refuses a client whose rows come in two or more separate runs: sorting
 * copies of the runs by id puts such runs side by side. */
static int check_contiguous(const struct val_clients *cs, struct arena *a, struct err *e)
{
	struct val_client *sorted = arena_array(a, cs->n, sizeof *sorted);
	memcpy(sorted, cs->c, cs->n * sizeof *sorted);
	qsort(sorted, cs->n, sizeof *sorted, cmp_client_id);
	for (size_t i = 1; i < cs->n; i++)
		if (sorted[i].id == sorted[i - 1].id)
			return err_set(e, IPM_EINVAL,
				       "row %zu: the client's rows are not together (its earlier "
				       "rows start at row %zu)",
				       sorted[i].first_row + 1, sorted[i - 1].first_row + 1);
	return IPM_OK;
}

int val_clients(const struct pp_data *d, struct arena *a, struct val_clients *out,
		struct err *e)
{
	size_t n = 0;
	for (size_t r = 0; r < d->rows; r++)
		n += !r || d->client[r] != d->client[r - 1];
	struct val_clients cs = { 0, arena_array(a, n, sizeof *cs.c) };
	for (size_t r = 0; r < d->rows; r++) {
		if (d->period[r] < 1)
			return err_set(e, IPM_EINVAL, "row %zu: period must be 1 or more", r + 1);
		if (d->event[r] > 1)
			return err_set(e, IPM_EINVAL, "row %zu: event must be 0 or 1", r + 1);
		if (!r || d->client[r] != d->client[r - 1]) {
			cs.c[cs.n++] = (struct val_client){
				.id = d->client[r], .first_row = r, .entry = d->period[r] - 1,
			};
		} else if (d->event[r - 1]) {
			return err_set(e, IPM_EINVAL,
				       "row %zu: the client has rows after its event (row %zu)", r + 1,
				       r);
		} else if (d->period[r] != d->period[r - 1] + 1) {
			return err_set(e, IPM_EINVAL,
				       "row %zu: period is not the previous row's period + 1", r + 1);
		}
		struct val_client *c = &cs.c[cs.n - 1];
		c->n_rows++;
		c->last_period = d->period[r];
		c->event = d->event[r];
	}
	int rc = check_contiguous(&cs, a, e);
	if (rc)
		return rc;
	*out = cs;
	return IPM_OK;
}

int val_outcome(const struct val_client *c, int horizon)
{
	int through = c->entry + horizon;
	if (c->event && c->last_period <= through)
		return 1;
	return c->last_period >= through ? 0 : -1;
}

/* --- splits ---------------------------------------------------------------- */

uint64_t val_splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* One splitmix64 output from the seed and the client id: consecutive ids
 * land in unrelated folds. */
static uint64_t client_hash(int32_t client, uint64_t seed)
{
	uint64_t s = seed ^ ((uint64_t)(uint32_t)client * 0xD1B54A32D192ED03u);
	return val_splitmix64(&s);
}

int val_fold(int32_t client, int k, uint64_t seed)
{
	return k <= 1 ? 0 : (int)(client_hash(client, seed) % (uint64_t)k);
}

bool val_held_out(int32_t client, double fraction, uint64_t seed)
{
	return (double)(client_hash(client, seed) >> 11) * 0x1.0p-53 < fraction;
}

void val_subset(const struct pp_data *d, const uint8_t *keep, struct arena *a,
		struct pp_data *out)
{
	size_t n = 0, p = d->n_features;
	for (size_t r = 0; r < d->rows; r++)
		n += keep[r] != 0;
	int32_t *client = arena_array(a, n + 1, sizeof *client);
	int32_t *period = arena_array(a, n + 1, sizeof *period);
	uint8_t *event = arena_array(a, n + 1, sizeof *event);
	double *x = arena_array(a, n * p + 1, sizeof *x);
	for (size_t r = 0, i = 0; r < d->rows; r++) {
		if (!keep[r])
			continue;
		client[i] = d->client[r];
		period[i] = d->period[r];
		event[i] = d->event[r];
		memcpy(x + i * p, d->x + r * p, p * sizeof *x);
		i++;
	}
	*out = (struct pp_data){ n, p, client, period, event, x, d->names };
}

/* --- measures -------------------------------------------------------------- */

/* What a measure needs beyond probabilities and 0/1 outcomes. */
enum { NEED_BOTH = 1, NEED_OPEN = 2 };

static int check_predictions(const double *p, const uint8_t *y, size_t n, const char *what,
			     int need, struct err *e)
{
	if (!n)
		return err_set(e, IPM_EINVAL, "%s: no predictions with an outcome", what);
	size_t cases = 0;
	for (size_t i = 0; i < n; i++) {
		if (!(p[i] >= 0 && p[i] <= 1))
			return err_set(e, IPM_EINVAL,
				       "%s: prediction %zu is not a probability in [0, 1]", what,
				       i + 1);
		if (y[i] > 1)
			return err_set(e, IPM_EINVAL, "%s: outcome %zu is not 0 or 1", what, i + 1);
		/* logit(0) and logit(1) are infinite; R would stop too */
		if ((need & NEED_OPEN) && (p[i] == 0 || p[i] == 1))
			return err_set(e, IPM_EINVAL,
				       "%s: prediction %zu is exactly 0 or 1, so its logit is "
				       "infinite",
				       what, i + 1);
		cases += y[i];
	}
	if ((need & NEED_BOTH) && (!cases || cases == n))
		return err_set(e, IPM_EINVAL, "%s: the outcomes are all %d; it needs both 0 and 1",
			       what, cases ? 1 : 0);
	return IPM_OK;
}

struct scored {
	double p;
	size_t i;
	uint8_t y;
};

/* By p, then by original position, so the order is total and deterministic. */
static int cmp_scored(const void *pa, const void *pb)
{
	const struct scored *x = pa, *y = pb;
	if (x->p != y->p)
		return (x->p > y->p) - (x->p < y->p);
	return (x->i > y->i) - (x->i < y->i);
}

static struct scored *sort_scored(const double *p, const uint8_t *y, size_t n,
				  struct arena *a)
{
	struct scored *s = arena_array(a, n, sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = (struct scored){ p[i], i, y[i] };
	qsort(s, n, sizeof *s, cmp_scored);
	return s;
}

/* Mann–Whitney via the rank sum of the cases, tied predictions sharing
 * their mean rank (which counts a tie ½). Rank sums stay below 2^53 for any
 * n that fits in memory, so doubles hold them exactly. */
int val_auc(const double *p, const uint8_t *y, size_t n, struct arena *a, double *auc,
	    struct err *e)
{
	int rc = check_predictions(p, y, n, "AUC", NEED_BOTH, e);
	if (rc)
		return rc;
	size_t cases = 0;
	for (size_t i = 0; i < n; i++)
		cases += y[i];
	struct scored *s = sort_scored(p, y, n, a);
	double rank_sum = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i, tied_cases = 0;
		while (j < n && s[j].p == s[i].p)
			tied_cases += s[j++].y;
		rank_sum += (double)tied_cases * ((double)(i + 1) + (double)j) / 2;
		i = j;
	}
	double n1 = (double)cases, n0 = (double)(n - cases);
	*auc = (rank_sum - n1 * (n1 + 1) / 2) / (n1 * n0);
	return IPM_OK;
}

int val_brier(const double *p, const uint8_t *y, size_t n, double *brier, struct err *e)
{
	int rc = check_predictions(p, y, n, "Brier", 0, e);
	if (rc)
		return rc;
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += (p[i] - y[i]) * (p[i] - y[i]);
	*brier = s / (double)n;
	return IPM_OK;
}

/* --- logistic recalibration ------------------------------------------------ */

/* log(1 + e^x) without overflow. */
static double log1pexp(double x)
{
	return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/* glm(y ~ z) (two = true) or glm(y ~ offset(z)) over the predictions whose
 * group is g (all when group is NULL), z = logit(p); binomial with the
 * canonical logit link, so Newton = IRLS = Fisher scoring. */
struct logit_fit {
	const double *p;
	const uint8_t *y;
	const int *group;
	int g;
	size_t n;
	bool two;
};

static double logit(double p)
{
	return log(p) - log1p(-p);
}

/* Log-likelihood at (a, b) and, when grad is not NULL, gradient and
 * information (h[0] aa, h[1] ab, h[2] bb). */
static double logit_pass(const struct logit_fit *f, double a, double b, double *grad, double *h)
{
	double ll = 0;
	if (grad)
		grad[0] = grad[1] = h[0] = h[1] = h[2] = 0;
	for (size_t i = 0; i < f->n; i++) {
		if (f->group && f->group[i] != f->g)
			continue;
		double z = logit(f->p[i]), eta = a + b * z;
		ll -= f->y[i] ? log1pexp(-eta) : log1pexp(eta);
		if (!grad)
			continue;
		double mu = 1 / (1 + exp(-eta)), w = mu * (1 - mu), r = f->y[i] - mu;
		grad[0] += r;
		grad[1] += r * z;
		h[0] += w;
		h[1] += w * z;
		h[2] += w * z * z;
	}
	return ll;
}

/* Newton with step-halving from (0, 1), which is a perfectly calibrated
 * model; stops when no parameter moves by more than 1e-10. false when it
 * did not converge (separation, or a degenerate z). */
static bool logit_newton(const struct logit_fit *f, double *a, double *b)
{
	*a = 0;
	*b = 1;
	double grad[2], h[3];
	double ll = logit_pass(f, *a, *b, grad, h);
	for (int iter = 0; iter < 100; iter++) {
		double da, db = 0;
		if (f->two) {
			double det = h[0] * h[2] - h[1] * h[1];
			if (!(det > 0))
				return false;
			da = (h[2] * grad[0] - h[1] * grad[1]) / det;
			db = (h[0] * grad[1] - h[1] * grad[0]) / det;
		} else {
			if (!(h[0] > 0))
				return false;
			da = grad[0] / h[0];
		}
		double trial = -INFINITY;
		for (int halvings = 0; halvings < 30; halvings++) {
			trial = logit_pass(f, *a + da, *b + db, NULL, NULL);
			if (trial >= ll - 1e-12 * (fabs(ll) + 1))
				break;
			da /= 2;
			db /= 2;
		}
		*a += da;
		*b += db;
		ll = logit_pass(f, *a, *b, grad, h);
		if (fabs(da) <= 1e-10 && fabs(db) <= 1e-10)
			return isfinite(*a) && isfinite(*b);
	}
	return false;
}

int val_calibrate(const double *p, const uint8_t *y, size_t n, struct val_calibration *out,
		  struct err *e)
{
	int rc = check_predictions(p, y, n, "calibration", NEED_BOTH | NEED_OPEN, e);
	if (rc)
		return rc;
	struct logit_fit f = { p, y, NULL, 0, n, true };
	struct val_calibration c = { 0 };
	double unused = 0;
	bool ok2 = logit_newton(&f, &c.slope_intercept, &c.slope);
	f.two = false;
	bool ok1 = logit_newton(&f, &c.intercept, &unused);
	c.converged = ok1 && ok2;
	*out = c;
	return IPM_OK;
}

/* --- deciles and audit ------------------------------------------------------ */

int val_deciles(const double *p, const uint8_t *y, size_t n, struct arena *a,
		struct val_decile out[10], struct err *e)
{
	int rc = check_predictions(p, y, n, "deciles", 0, e);
	if (rc)
		return rc;
	struct scored *s = sort_scored(p, y, n, a);
	for (size_t g = 0; g < 10; g++) {
		size_t from = g * n / 10, to = (g + 1) * n / 10;
		struct val_decile dec = { to - from, NAN, NAN, NAN, NAN };
		if (dec.n) {
			double sp = 0, sy = 0;
			for (size_t i = from; i < to; i++) {
				sp += s[i].p;
				sy += s[i].y;
			}
			dec.p_min = s[from].p;
			dec.p_max = s[to - 1].p;
			dec.mean_p = sp / (double)dec.n;
			dec.observed = sy / (double)dec.n;
		}
		out[g] = dec;
	}
	return IPM_OK;
}

int val_audit(const double *p, const uint8_t *y, const int *group, size_t n, size_t n_groups,
	      struct arena *a, struct val_audit_row **out, struct err *e)
{
	int rc = check_predictions(p, y, n, "audit", 0, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (group[i] < -1 || (group[i] >= 0 && (size_t)group[i] >= n_groups))
			return err_set(e, IPM_EINVAL, "audit: group of prediction %zu is out of range",
				       i + 1);
	struct val_audit_row *rows = arena_array(a, n_groups + 1, sizeof *rows);
	double *sum_p = arena_array(a, n_groups + 1, sizeof *sum_p);
	size_t *fp = arena_array(a, n_groups + 1, sizeof *fp);
	size_t *fn = arena_array(a, n_groups + 1, sizeof *fn);
	bool *extreme = arena_array(a, n_groups + 1, sizeof *extreme);
	for (size_t i = 0; i < n; i++) {
		if (group[i] < 0)
			continue;
		size_t g = (size_t)group[i];
		bool positive = p[i] >= VAL_THRESHOLD;
		rows[g].n++;
		rows[g].cases += y[i];
		sum_p[g] += p[i];
		fp[g] += positive && !y[i];
		fn[g] += !positive && y[i];
		extreme[g] |= p[i] <= 0 || p[i] >= 1;
	}
	for (size_t g = 0; g < n_groups; g++) {
		struct val_audit_row *r = &rows[g];
		size_t controls = r->n - r->cases;
		r->mean_p = r->n ? sum_p[g] / (double)r->n : NAN;
		r->observed = r->n ? (double)r->cases / (double)r->n : NAN;
		r->fpr = controls ? (double)fp[g] / (double)controls : NAN;
		r->fnr = r->cases ? (double)fn[g] / (double)r->cases : NAN;
		r->calibration_intercept = NAN;
		if (r->cases && controls && !extreme[g]) {
			struct logit_fit f = { p, y, group, (int)g, n, false };
			double ci = 0, unused = 0;
			if (logit_newton(&f, &ci, &unused))
				r->calibration_intercept = ci;
		}
	}
	*out = rows;
	return IPM_OK;
}
