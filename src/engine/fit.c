/* Maximum-likelihood fit of the cloglog person-period model (see fit.h for
 * the definitions and why they are R's).
 *
 * Parameters θ = (γ of each fitted bucket, β). Each pass over the rows
 * accumulates the log-likelihood, its gradient and a weight matrix in three
 * blocks, because γ enters one row through one bucket only: a diagonal
 * (bucket × bucket), bucket × feature sums and the feature × feature lower
 * triangle; the x-parts are added once per run of rows with the same x
 * (pass), so a row costs O(1) for client-level features, O(p²) at worst,
 * and no allocation. */
#include "engine/fit.h"

#include "core/buf.h"
#include "engine/linalg.h"

#include <math.h>
#include <string.h>

static const int bucket_first[FIT_BUCKETS] = { 1, 4, 7, 10, 13, 19, 25, 37 };
static const char *const bucket_labels[FIT_BUCKETS] = {
	"1-3", "4-6", "7-9", "10-12", "13-18", "19-24", "25-36", "37+",
};

int fit_bucket(int period)
{
	if (period < 1)
		return -1;
	int b = FIT_BUCKETS - 1;
	while (period < bucket_first[b])
		b--;
	return b;
}

const char *fit_bucket_label(int bucket)
{
	return bucket >= 0 && bucket < FIT_BUCKETS ? bucket_labels[bucket] : "?";
}

/* A Newton step moving no parameter by more than this (on top of R's
 * deviance rule) ends the iterations: Newton converges quadratically, so
 * the iterate after such a step is at the optimum to rounding. */
#define STEP_DONE 1e-8
#define MAX_HALVINGS 30

enum weights { WEIGHTS_OBSERVED, WEIGHTS_FISHER };

struct fit_work {
	const struct pp_data *d;
	size_t p, nb, q;      /* features, fitted buckets, parameters (nb + p) */
	int col[FIT_BUCKETS]; /* θ index of a bucket's γ, -1 when dropped */
	int8_t *row_col;      /* per row: col[bucket], -1 when the row is left out */
	double ridge;
	/* one pass's sums */
	double loglik;
	double *grad;         /* q */
	double *hb;           /* nb: Σ w per bucket */
	double *hbx;          /* nb × p: Σ w·x per bucket */
	double *hxx;          /* p × p, lower triangle: Σ w·x·x' */
	double *info;         /* q × q: the assembled (penalised) information */
};

/* Log-likelihood of one row with u = exp(η), its derivative in η and the
 * weight -d²l/dη² (observed) or the Fisher weight (dμ/dη)²/(μ(1-μ)). For
 * y = 0: l = -u, dl = -u, observed weight u, Fisher u²/expm1(u). For y = 1: l = log(1 - e^-u), dl = u/expm1(u) =: g,
 * observed g·(u/(1 - e^-u) - 1), whose bracket is u/2 + u²/12 for small u
 * (the direct form cancels there). expm1 overflows beyond u ≈ 709: then
 * g = 0 and both weights are 0 to double precision. */
struct row_terms {
	double l, dl, w;
};

static struct row_terms row_terms(double u, int y, enum weights kind)
{
	struct row_terms t = { 0, 0, 0 };
	if (!y && kind == WEIGHTS_OBSERVED) /* the common row: no expm1 needed */
		return (struct row_terms){ -u, -u, u };
	double em = expm1(u);
	double fisher = isinf(em) ? 0 : u * u / em;
	if (!y) {
		t.l = -u;
		t.dl = -u;
		t.w = fisher;
		return t;
	}
	double g = u > 0 ? (isinf(em) ? 0 : u / em) : 1;
	t.l = log(-expm1(-u));
	t.dl = g;
	if (kind == WEIGHTS_FISHER) {
		t.w = fisher;
	} else {
		double bracket = u < 1e-3 ? u / 2 + u * u / 12 : u / -expm1(-u) - 1;
		t.w = g * bracket;
	}
	return t;
}

/* Adds the sums of one run of rows that share a feature vector x: the
 * gradient's x part, per bucket Σw·x and the lower triangle of Σw·x·x'. */
static void add_run(struct fit_work *w, const double *x, double gsum, double wsum,
		    const double *wb, unsigned touched)
{
	size_t p = w->p;
	double *gx = w->grad + w->nb;
	for (size_t k = 0; k < p; k++)
		gx[k] += gsum * x[k];
	for (size_t c = 0; c < w->nb; c++) {
		if (!(touched >> c & 1))
			continue;
		double *hbx = w->hbx + c * p;
		for (size_t k = 0; k < p; k++)
			hbx[k] += wb[c] * x[k];
	}
	for (size_t k = 0; k < p; k++) {
		double *hk = w->hxx + k * p, wxk = wsum * x[k];
		for (size_t j = 0; j <= k; j++)
			hk[j] += wxk * x[j];
	}
}

/* One pass at θ: the loglik, the gradient and the weight blocks of the
 * given kind. A client's rows nearly always repeat its feature vector, and
 * every x-part of the sums factors as (Σ over the rows of a scalar) · x:
 * consecutive rows with the same x form a run whose β·x and rank-one
 * update are computed once, which makes a row O(1) instead of O(p²). The
 * result is the same for data whose x changes on every row, only slower. */
static void pass(struct fit_work *w, const double *theta, enum weights kind)
{
	const struct pp_data *d = w->d;
	size_t p = w->p, nb = w->nb;
	const double *beta = theta + nb;
	double ll = 0;
	memset(w->grad, 0, w->q * sizeof *w->grad);
	memset(w->hb, 0, nb * sizeof *w->hb);
	memset(w->hbx, 0, nb * p * sizeof *w->hbx);
	memset(w->hxx, 0, p * p * sizeof *w->hxx);
	for (size_t r = 0; r < d->rows;) {
		const double *x = d->x + r * p;
		double lp = 0, gsum = 0, wsum = 0, wb[FIT_BUCKETS] = { 0 };
		unsigned touched = 0;
		for (size_t k = 0; k < p; k++)
			lp += beta[k] * x[k];
		do {
			int c = w->row_col[r];
			if (c < 0)
				continue;
			struct row_terms t = row_terms(exp(theta[c] + lp), d->event[r], kind);
			ll += t.l;
			w->grad[c] += t.dl;
			w->hb[c] += t.w;
			wb[c] += t.w;
			touched |= 1u << c;
			gsum += t.dl;
			wsum += t.w;
		} while (++r < d->rows && memcmp(d->x + r * p, x, p * sizeof *x) == 0);
		add_run(w, x, gsum, wsum, wb, touched);
	}
	w->loglik = ll;
}

/* The penalty's share of the objective, λ·Σβ²/2. */
static double penalty(const struct fit_work *w, const double *theta)
{
	double s = 0;
	for (size_t k = 0; k < w->p; k++)
		s += theta[w->nb + k] * theta[w->nb + k];
	return w->ridge * s / 2;
}

/* Assembles the symmetric q × q information from the blocks, adds λ on the
 * β diagonal, and subtracts λβ from the β gradient. */
static void assemble(struct fit_work *w, const double *theta)
{
	size_t nb = w->nb, p = w->p, q = w->q;
	double *m = w->info;
	memset(m, 0, q * q * sizeof *m);
	for (size_t b = 0; b < nb; b++) {
		m[b * q + b] = w->hb[b];
		for (size_t k = 0; k < p; k++)
			m[(nb + k) * q + b] = m[b * q + nb + k] = w->hbx[b * p + k];
	}
	for (size_t k = 0; k < p; k++) {
		for (size_t j = 0; j <= k; j++)
			m[(nb + k) * q + nb + j] = m[(nb + j) * q + nb + k] = w->hxx[k * p + j];
		m[(nb + k) * q + nb + k] += w->ridge;
		w->grad[nb + k] -= w->ridge * theta[nb + k];
	}
}

/* The message for an information matrix that Cholesky found singular at
 * parameter index `at`. At the start (β = 0) every row has a positive
 * weight, so singularity there is in the design: collinear columns. Later
 * it means the weights of some rows went to zero as the estimates ran off
 * to infinity: separation, which no design check would have caught. */
static int singular(const struct fit_work *w, size_t at, bool at_start, struct err *e)
{
	struct buf what = BUF_INIT;
	if (at < w->nb) {
		for (int b = 0; b < FIT_BUCKETS; b++)
			if (w->col[b] == (int)at)
				buf_printf(&what, "duration bucket %s", bucket_labels[b]);
	} else if (w->d->names) {
		buf_printf(&what, "feature %s", w->d->names[at - w->nb]);
	} else {
		buf_printf(&what, "feature %zu", at - w->nb + 1);
	}
	int rc = at_start ? err_set(e, IPM_EINVAL,
				    "fit: %s is constant or a linear combination of the duration "
				    "buckets and earlier features (singular information matrix)",
				    buf_str(&what))
			  : err_set(e, IPM_EINVAL,
				    "fit: no finite estimate for %s: it separates events from "
				    "non-events, so its coefficient runs off to infinity (a ridge "
				    "penalty gives a finite one)",
				    buf_str(&what));
	buf_free(&what);
	return rc;
}

/* Checks every row and counts rows and events per bucket. */
static int check_rows(const struct pp_data *d, struct fit_result *res, struct err *e)
{
	for (size_t r = 0; r < d->rows; r++) {
		int b = fit_bucket(d->period[r]);
		if (b < 0)
			return err_set(e, IPM_EINVAL, "fit: row %zu: period must be 1 or more", r + 1);
		if (d->event[r] > 1)
			return err_set(e, IPM_EINVAL, "fit: row %zu: event must be 0 or 1", r + 1);
		for (size_t k = 0; k < d->n_features; k++)
			if (!isfinite(d->x[r * d->n_features + k])) {
				if (d->names)
					return err_set(e, IPM_EINVAL,
						       "fit: row %zu: feature %s is not a finite number",
						       r + 1, d->names[k]);
				return err_set(e, IPM_EINVAL,
					       "fit: row %zu: feature %zu is not a finite number", r + 1,
					       k + 1);
			}
		res->bucket_rows[b]++;
		res->bucket_events[b] += d->event[r];
	}
	return IPM_OK;
}

/* Decides which buckets are fitted: all of them, or (drop_empty_buckets)
 * those with both events and non-events. */
static int choose_buckets(const struct fit_opts *o, struct fit_work *w, struct fit_result *res,
			  struct err *e)
{
	w->nb = 0;
	for (int b = 0; b < FIT_BUCKETS; b++) {
		size_t n = res->bucket_rows[b], ev = res->bucket_events[b];
		const char *why = !n ? "has no person-periods"
				  : !ev ? "has no events"
				  : ev == n ? "has only events"
				  : NULL;
		if (why && !o->drop_empty_buckets)
			return err_set(e, IPM_EINVAL,
				       "fit: duration bucket %s %s, so its baseline hazard has no "
				       "finite estimate (leave empty buckets out to fit without it)",
				       bucket_labels[b], why);
		w->col[b] = why ? -1 : (int)w->nb++;
		res->bucket_fitted[b] = !why;
	}
	if (!w->nb)
		return err_set(e, IPM_EINVAL, "fit: no duration bucket has both events and "
					      "person-periods without an event");
	return IPM_OK;
}

/* γ of each fitted bucket from its crude hazard, β = 0: the γ gradient is
 * zero from the start and Newton needs a few steps for β only. */
static void start(const struct fit_work *w, const struct fit_result *res, double *theta)
{
	for (int b = 0; b < FIT_BUCKETS; b++)
		if (w->col[b] >= 0) {
			double h = (double)res->bucket_events[b] / (double)res->bucket_rows[b];
			theta[w->col[b]] = log(-log1p(-h));
		}
}

/* Newton–Raphson with step-halving. Each trial point gets a full pass, so
 * an accepted step (nearly always the first) already has the sums for the
 * next iteration. IPM_OK with *converged set, or the singular-matrix error. */
static int newton(struct fit_work *w, const struct fit_opts *o, double *theta, int *iterations,
		  bool *converged, struct err *e)
{
	size_t q = w->q;
	double *step = w->info + q * q; /* the two q-vectors after info */
	double *trial = step + q;
	int max_iter = o->max_iter > 0 ? o->max_iter : 50;
	double tol = o->tol > 0 ? o->tol : 1e-8;
	pass(w, theta, WEIGHTS_OBSERVED);
	double obj = w->loglik - penalty(w, theta);
	*converged = false;
	for (*iterations = 1; *iterations <= max_iter; ++*iterations) {
		assemble(w, theta);
		size_t bad = 0;
		if (linalg_cholesky(w->info, q, &bad) != 0)
			return singular(w, bad, *iterations == 1, e);
		memcpy(step, w->grad, q * sizeof *step);
		linalg_cholesky_solve(w->info, q, step);
		double dev_old = -2 * w->loglik, trial_obj = -INFINITY, biggest = 0;
		/* Rounding in a sum over many rows may show an improvement of
		 * zero as a tiny loss; that is no reason to halve. */
		double least = obj - 1e-12 * (fabs(obj) + 1);
		for (int halvings = 0; halvings <= MAX_HALVINGS; halvings++) {
			biggest = 0;
			for (size_t i = 0; i < q; i++) {
				trial[i] = theta[i] + step[i];
				biggest = fmax(biggest, fabs(step[i]));
			}
			pass(w, trial, WEIGHTS_OBSERVED);
			trial_obj = w->loglik - penalty(w, trial);
			if (trial_obj >= least)
				break;
			for (size_t i = 0; i < q; i++)
				step[i] /= 2;
		}
		if (!(trial_obj >= least)) {
			/* No step along the Newton direction improves: θ is the
			 * optimum to rounding when the step was already tiny. */
			*converged = biggest <= STEP_DONE;
			return IPM_OK;
		}
		memcpy(theta, trial, q * sizeof *theta);
		obj = trial_obj;
		double dev = -2 * w->loglik;
		if (fabs(dev - dev_old) / (fabs(dev) + 0.1) < tol && biggest <= STEP_DONE) {
			*converged = true;
			return IPM_OK;
		}
	}
	*iterations = max_iter;
	return IPM_OK;
}

/* Standard errors: the square roots of the diagonal of the inverse of the
 * penalised Fisher information at θ. */
static int standard_errors(struct fit_work *w, const double *theta, double *se, struct err *e)
{
	size_t q = w->q;
	pass(w, theta, WEIGHTS_FISHER);
	assemble(w, theta);
	size_t bad = 0;
	if (linalg_cholesky(w->info, q, &bad) != 0)
		return singular(w, bad, false, e);
	double *unit = w->info + q * q;
	for (size_t i = 0; i < q; i++) {
		memset(unit, 0, q * sizeof *unit);
		unit[i] = 1;
		linalg_cholesky_solve(w->info, q, unit);
		se[i] = sqrt(unit[i]);
	}
	return IPM_OK;
}

/* Fills the result from θ and the SEs; a dropped bucket takes the γ of the
 * nearest fitted bucket before it, else after it (fit.h). */
static void fill(const struct fit_work *w, const double *theta, const double *se,
		 struct fit_result *res)
{
	for (int b = 0; b < FIT_BUCKETS; b++) {
		int c = w->col[b];
		res->gamma[b] = c >= 0 ? theta[c] : NAN;
		res->gamma_se[b] = c >= 0 ? se[c] : NAN;
	}
	for (int b = 0; b < FIT_BUCKETS; b++) {
		if (w->col[b] >= 0)
			continue;
		int from = -1;
		for (int o = b - 1; o >= 0 && from < 0; o--)
			from = w->col[o] >= 0 ? o : -1;
		for (int o = b + 1; o < FIT_BUCKETS && from < 0; o++)
			from = w->col[o] >= 0 ? o : -1;
		res->gamma[b] = theta[w->col[from]];
	}
	for (size_t k = 0; k < w->p; k++) {
		res->beta[k] = theta[w->nb + k];
		res->beta_se[k] = se[w->nb + k];
	}
	res->rows = res->events = 0;
	for (int b = 0; b < FIT_BUCKETS; b++)
		if (w->col[b] >= 0) {
			res->rows += res->bucket_rows[b];
			res->events += res->bucket_events[b];
		}
}

int fit_cloglog(const struct pp_data *d, const struct fit_opts *o, struct arena *a,
		struct fit_result *out, struct err *e)
{
	static const struct fit_opts defaults = { 0 };
	if (!o)
		o = &defaults;
	if (!d->rows)
		return err_set(e, IPM_EINVAL, "fit: no person-period rows");
	if (d->n_features > FIT_MAX_FEATURES)
		return err_set(e, IPM_EINVAL, "fit: %zu features; at most %d are supported",
			       d->n_features, FIT_MAX_FEATURES);
	if (!(o->ridge >= 0) || isinf(o->ridge))
		return err_set(e, IPM_EINVAL, "fit: ridge must be a finite number ≥ 0");

	struct fit_result res = { .n_buckets = FIT_BUCKETS, .n_features = d->n_features };
	int rc = check_rows(d, &res, e);
	if (rc)
		return rc;
	struct fit_work w = { .d = d, .p = d->n_features, .ridge = o->ridge };
	rc = choose_buckets(o, &w, &res, e);
	if (rc)
		return rc;
	w.q = w.nb + w.p;

	struct arena work = ARENA_INIT;
	size_t q = w.q, p = w.p;
	w.row_col = arena_array(&work, d->rows, sizeof *w.row_col);
	for (size_t r = 0; r < d->rows; r++)
		w.row_col[r] = (int8_t)w.col[fit_bucket(d->period[r])];
	w.grad = arena_array(&work, q, sizeof *w.grad);
	w.hb = arena_array(&work, w.nb, sizeof *w.hb);
	w.hbx = arena_array(&work, w.nb * p + 1, sizeof *w.hbx);
	w.hxx = arena_array(&work, p * p + 1, sizeof *w.hxx);
	/* info, then two q-vectors (Newton step and trial θ, or a unit vector) */
	w.info = arena_array(&work, q * q + 2 * q, sizeof *w.info);
	double *theta = arena_array(&work, q, sizeof *theta);
	double *se = arena_array(&work, q, sizeof *se);

	start(&w, &res, theta);
	rc = newton(&w, o, theta, &res.iterations, &res.converged, e);
	if (rc)
		goto out;
	rc = standard_errors(&w, theta, se, e);
	if (rc)
		goto out;
	res.loglik = w.loglik; /* the Fisher pass was at θ */
	res.deviance = -2 * w.loglik;
	res.beta = arena_array(a, p + 1, sizeof *res.beta);
	res.beta_se = arena_array(a, p + 1, sizeof *res.beta_se);
	fill(&w, theta, se, &res);
	*out = res;
out:
	arena_free(&work);
	return rc;
}

void fit_baseline_hazard(const struct fit_result *r, double *h0, size_t months)
{
	for (size_t t = 1; t <= months; t++) {
		int b = fit_bucket(t > 1000 ? 1000 : (int)t);
		h0[t - 1] = -expm1(-exp(r->gamma[b]));
	}
}
