/* A fit (engine/fit.h) turned back into a prognosis model, so that the
 * model fitted on some clients can predict for others (k-fold validation,
 * ipm model validate --fit) without writing a pack in between. */
#ifndef IPM_ENGINE_FITTED_MODEL_H
#define IPM_ENGINE_FITTED_MODEL_H

#include "core/err.h"
#include "engine/fit.h"
#include "engine/prognosis.h"

/* The monthly baseline of a fitted model: bucket 37+ is the last, so 60
 * months hold every bucket and "the last value holds" covers the rest. */
#define FITTED_MONTHS 60

/* *out (zeroed by the caller; free with arena_free(&out->arena)) gets the
 * features of `base` (labels, domains and ranges shared with base, which
 * must outlive it) with β from `r`, the baseline from r's γ, calibrated =
 * true, and the same pack id with version "fitted". IPM_EINVAL when r's
 * features do not match base's or prog_model_prepare refuses. */
int fitted_model(const struct prog_model *base, const struct fit_result *r,
		 struct prog_model *out, struct err *e);

#endif
