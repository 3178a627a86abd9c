/* Validation of prognoses against outcomes (docs/contracts/prognosis-v1.md,
 * "Validation"): outcomes at 6 and 12 months from person-period data,
 * splits by client, AUC, Brier score, calibration slope and intercept, a
 * table by decile and audit rates per group.
 *
 * Definitions are R's, because the results must equal it
 * (tests/golden/prognosis/make.R):
 *   - AUC: the Mann–Whitney probability P(p_case > p_control) + ½·P(tie),
 *     = pROC::auc(y, p) (pROC flips to 1 - AUC when cases score lower unless
 *     direction is fixed; we never flip: an AUC < 0.5 is reported as such);
 *   - calibration slope: b in glm(y ~ qlogis(p), binomial); its intercept a
 *     is reported too;
 *   - calibration-in-the-large: a in glm(y ~ offset(qlogis(p)), binomial).
 *
 * Pure: no I/O; arrays returned live in the arena passed in. */
#ifndef IPM_ENGINE_VALIDATE_H
#define IPM_ENGINE_VALIDATE_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/fit.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- outcomes from person-period data ---------------------------------- */

/* One client of person-period data: its rows are d->x etc. at
 * [first_row, first_row + n_rows). */
struct val_client {
	int32_t id;
	size_t first_row, n_rows;
	int entry;       /* d: months unemployed before the first row (period - 1) */
	int last_period; /* period of the last row */
	bool event;      /* the last row has event 1 (else: censored) */
};

struct val_clients {
	size_t n;
	struct val_client *c; /* in the arena, in the order of first appearance */
};

/* Groups the rows by client. IPM_EINVAL ("row R: ...", rows from 1) when a
 * client's rows are not contiguous, its periods are not consecutive, an
 * event row is not its client's last, or a period is < 1. */
int val_clients(const struct pp_data *d, struct arena *a, struct val_clients *out,
		struct err *e);

/* The outcome at horizon H (months) for the prognosis made at entry d:
 *   1  an event row has period ≤ d + H,
 *   0  the client was observed event-free through period d + H,
 *  -1  excluded: censored before d + H. */
int val_outcome(const struct val_client *c, int horizon);

/* --- splits by client, deterministic ----------------------------------- */

/* SplitMix64 (Steele, Lea, Flood 2014): the next value of the sequence. */
uint64_t val_splitmix64(uint64_t *state);

/* The fold (0..k-1) of a client: a hash of the seed and the client id, so
 * the split depends neither on row order nor on which other clients are in
 * the file. Folds are balanced in expectation, not exactly. k ≥ 1. */
int val_fold(int32_t client, int k, uint64_t seed);

/* true when the client is in the held-out set, which holds a share
 * `fraction` (0..1) of clients in expectation; same hash as val_fold. */
bool val_held_out(int32_t client, double fraction, uint64_t seed);

/* The rows of d whose keep[row] is nonzero, copied into the arena (the
 * feature names are shared, not copied). */
void val_subset(const struct pp_data *d, const uint8_t *keep, struct arena *a,
		struct pp_data *out);

/* --- measures over n predictions p with outcomes y (0/1) ---------------- */

/* IPM_EINVAL when n = 0, a y is not 0/1, a p is NaN or outside [0, 1], or
 * (for AUC) there are no cases or no controls. O(n log n). */
int val_auc(const double *p, const uint8_t *y, size_t n, struct arena *a, double *auc,
	    struct err *e);

/* Mean of (p - y)². IPM_EINVAL as val_auc (both classes not required). */
int val_brier(const double *p, const uint8_t *y, size_t n, double *brier, struct err *e);

struct val_calibration {
	double slope, slope_intercept; /* glm(y ~ qlogis(p)) */
	double intercept;              /* glm(y ~ offset(qlogis(p))) */
	bool converged;                /* both Newton fits converged */
};

/* IPM_EINVAL as val_auc, and when a p is exactly 0 or 1 (its logit is
 * infinite; R would stop too) or all y are equal (no finite estimate). */
int val_calibrate(const double *p, const uint8_t *y, size_t n, struct val_calibration *out,
		  struct err *e);

/* The table by decile of p: predictions sorted by p (ties by their index,
 * so a tie may straddle a boundary), decile g holding sorted positions
 * [g·n/10, (g+1)·n/10); with n < 10 some deciles are empty (n = 0, NaN
 * means). */
struct val_decile {
	size_t n;
	double p_min, p_max, mean_p, observed;
};

int val_deciles(const double *p, const uint8_t *y, size_t n, struct arena *a,
		struct val_decile out[10], struct err *e);

/* Audit per group: group[i] is 0..n_groups-1, or -1 for "not recorded"
 * (left out). The calibration intercept is NaN for a group whose outcomes
 * are all equal (no finite estimate) or that has a p of exactly 0 or 1;
 * fpr = P(p ≥ 0.5 | y = 0) and fnr = P(p < 0.5 | y = 1), NaN without
 * controls / cases. */
#define VAL_THRESHOLD 0.5

struct val_audit_row {
	size_t n, cases;
	double mean_p, observed, calibration_intercept, fpr, fnr;
};

int val_audit(const double *p, const uint8_t *y, const int *group, size_t n, size_t n_groups,
	      struct arena *a, struct val_audit_row **out, struct err *e);

#endif
