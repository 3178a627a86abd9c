/* Fitting the prognosis model (docs/contracts/prognosis-v1.md) to
 * person-period data: the binary GLM `event ~ 0 + bucket + x` with the
 * complementary log-log link, by maximum likelihood, optionally with a ridge
 * penalty λ·Σβ_k²/2 on β (never on the bucket intercepts γ).
 *
 * Equal to R's glm(event ~ 0 + factor(bucket) + x1 + ...,
 * family = binomial(link = "cloglog")) to 1e-6 (tests/golden/prognosis):
 *   - estimates: Newton–Raphson on all 8 + p parameters with the exact
 *     cloglog Hessian (the log-likelihood is concave in η, so the observed
 *     information is positive semi-definite everywhere), step-halving when
 *     the penalised log-likelihood would go down; it stops when R's rule
 *     holds (|dev - dev_old| / (|dev| + 0.1) < tol) AND the last Newton step
 *     moved no parameter by more than 1e-8, so the result is the optimum to
 *     machine precision, not merely as close as R's own stopping rule gets;
 *   - standard errors: the inverse of the penalised EXPECTED (Fisher)
 *     information at the optimum, X'WX with w = (dμ/dη)² / (μ(1-μ)) =
 *     u²/expm1(u), u = exp(η). This is what summary.glm reports; the
 *     observed information differs from it for a non-canonical link such as
 *     cloglog (by ~1e-3 relative), so "observed" in the contract cannot
 *     equal R and the Fisher information is used.
 *
 * Pure: no I/O; arrays of the result live in the arena passed in; one pass
 * over the rows per iteration (O(rows·p²)), no allocation per row. */
#ifndef IPM_ENGINE_FIT_H
#define IPM_ENGINE_FIT_H

#include "core/arena.h"
#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FIT_BUCKETS 8
#define FIT_MAX_FEATURES 64

/* Person-period data, one row per client per month at risk (contract
 * "Person-period data"). x is rows × n_features, row-major. `names` (may be
 * NULL) names the features in error messages ("feature 3" without it). */
struct pp_data {
	size_t rows, n_features;
	const int32_t *client;
	const int32_t *period; /* months unemployed at the end of the month, ≥ 1 */
	const uint8_t *event;  /* 0 or 1 */
	const double *x;
	const char *const *names;
};

/* The duration bucket (0..7) of a period: 1–3, 4–6, 7–9, 10–12, 13–18,
 * 19–24, 25–36, 37+; -1 for a period < 1. */
int fit_bucket(int period);

/* The bucket's label as the contract writes it: "1-3", ..., "37+". */
const char *fit_bucket_label(int bucket);

/* Zero means the default for every field. */
struct fit_opts {
	double ridge;   /* λ ≥ 0; default 0 (plain maximum likelihood) */
	int max_iter;   /* default 50 (Newton needs ~6-10) */
	double tol;     /* R's epsilon on the relative deviance change; default 1e-8 */
	/* A bucket without rows or without events (or with only events) has no
	 * finite maximum-likelihood γ (R gives -Inf/NA). false (default): refuse,
	 * naming the bucket. true: leave the bucket's rows out of the fit (which
	 * is R's limit: those rows then contribute nothing to β), mark it
	 * bucket_fitted[b] = false, and give it the γ of the nearest fitted
	 * bucket before it (the last value holds, as the contract does for
	 * months beyond the baseline array), or after it when there is none
	 * before; its gamma_se is NaN. */
	bool drop_empty_buckets;
};

struct fit_result {
	size_t n_buckets; /* FIT_BUCKETS */
	size_t n_features;
	double gamma[FIT_BUCKETS], gamma_se[FIT_BUCKETS];
	bool bucket_fitted[FIT_BUCKETS];
	size_t bucket_rows[FIT_BUCKETS], bucket_events[FIT_BUCKETS];
	double *beta, *beta_se; /* n_features each, in the arena */
	int iterations;
	/* false when max_iter ran out: the estimates are the last iterate and
	 * should not be stored (typically separation: a feature that predicts
	 * the event perfectly). fit_cloglog still returns IPM_OK then. */
	bool converged;
	double loglik;   /* unpenalised log-likelihood at the estimates */
	double deviance; /* -2·loglik (binary data: the saturated loglik is 0) */
	size_t events, rows; /* used in the fit (rows of dropped buckets excluded) */
};

/* IPM_EINVAL, with a message naming the row, feature or bucket, for: no
 * rows; n_features > FIT_MAX_FEATURES; a period < 1, an event other than
 * 0/1 or a non-finite feature value (row numbers from 1); an empty bucket
 * (unless drop_empty_buckets); ridge < 0 or NaN; a singular information
 * matrix ("feature NAME is constant or a linear combination of the duration
 * buckets and earlier features"). *out is filled only on IPM_OK. */
int fit_cloglog(const struct pp_data *d, const struct fit_opts *o, struct arena *a,
		struct fit_result *out, struct err *e);

/* The monthly baseline hazard h0(t) = 1 - exp(-exp(γ(bucket(t)))) for months
 * 1..months, as the fitted model pack's baseline_hazard lists it. */
void fit_baseline_hazard(const struct fit_result *r, double *h0, size_t months);

#endif
