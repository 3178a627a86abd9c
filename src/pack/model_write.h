/* A fitted model as a new version of its model pack (ipm model fit --out):
 * the base pack's text, features, factor catalogue and audit attributes,
 * with `calibrated: true`, `fitted_on`, the monthly baseline hazard for
 * months 1..MODEL_WRITE_MONTHS from the fitted γ per duration bucket, and
 * every β with its source ("fitted on N person-periods, DATE") and
 * uncertainty ("SE x"). The text is checked with pack_parse before it is
 * returned, so what is written passes `ipm pack check`. */
#ifndef IPM_PACK_MODEL_WRITE_H
#define IPM_PACK_MODEL_WRITE_H

#include "core/buf.h"
#include "core/err.h"
#include "engine/fit.h"
#include "engine/prognosis.h"
#include "pack/pack.h"

#include <stddef.h>

#define MODEL_WRITE_MONTHS 60

struct model_fit_meta {
	const char *version;   /* the new version; NULL: the base's minor version + 1 */
	const char *date;      /* YYYY-MM-DD of the fit */
	double ridge;          /* λ used (named in every source when > 0) */
	const char *data_name; /* the data file, for the pack's source note */
};

/* Appends the pack (indented JSON) to `out`. `m` is the model built from
 * `base`, whose features `r` was fitted on. IPM_EINVAL for a version that
 * is not a strict semver or not above the base's, a fit that did not
 * converge, or (a bug) a result pack_parse refuses. */
int model_write_fitted(const struct pack *base, const struct prog_model *m,
		       const struct fit_result *r, const struct model_fit_meta *meta,
		       struct buf *out, struct err *e);

#endif
