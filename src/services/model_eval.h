/* ipm model validate and ipm model audit without the printing: predictions
 * at each client's entry (docs/contracts/prognosis-v1.md, "Validation"),
 * either from a given model or by k-fold refitting by client, compared with
 * the outcomes at 6 and 12 months (engine/validate.h). */
#ifndef IPM_SERVICES_MODEL_EVAL_H
#define IPM_SERVICES_MODEL_EVAL_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/pp_table.h"
#include "engine/prognosis.h"
#include "engine/validate.h"

#include <stdint.h>

#define EVAL_HORIZONS 2 /* 6 and 12 months */

struct eval_horizon {
	int horizon;
	size_t n, cases, excluded;  /* clients with an outcome, of them with work, censored */
	size_t clamped;             /* p of exactly 0 or 1 moved 1e-9 inward (model_eval.c) */
	/* IPM_OK, or the measures are missing and `why` says why (e.g. no
	 * cases: an AUC needs both outcomes). */
	int status;
	char why[ERR_MSG_MAX];
	double auc, brier;
	struct val_calibration cal;
	struct val_decile deciles[10];
};

struct eval_opts {
	int folds;       /* 0: the model as given; ≥ 2: refit per fold by client */
	uint64_t seed;   /* of the split */
	double ridge;    /* of the refits */
};

struct model_eval {
	size_t clients, rows;
	int folds;
	struct eval_horizon h[EVAL_HORIZONS];
};

/* IPM_EINVAL for folds of 1 or above EVAL_FOLDS_MAX, and for a fold whose
 * refit fails or does not converge (the message names the fold). */
#define EVAL_FOLDS_MAX 20
int model_eval_run(const struct prog_model *m, const struct pp_data *d,
		   const struct eval_opts *o, struct model_eval *out, struct err *e);

/* One group of one audit attribute, at the 12-month outcome. */
struct eval_group {
	const char *attribute, *value; /* point into the table */
	struct val_audit_row row;
};

/* Every value of every audit attribute of `t`, with the predictions of `m`
 * at entry. *groups lives in `a`. Clients without a recorded value, or
 * censored before 12 months, are not in any group (*excluded counts the
 * latter); *clamped counts predictions of exactly 0 or 1 moved 1e-9 inward. */
int model_audit_run(const struct prog_model *m, const struct pp_table *t, struct arena *a,
		    struct eval_group **groups, size_t *n_groups, size_t *excluded,
		    size_t *clamped, struct err *e);

#endif
