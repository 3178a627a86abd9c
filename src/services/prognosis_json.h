/* The prognosis of one client as JSON (docs/contracts/prognosis-v1.md,
 * "Prognosis for one client"; fields in docs/prognosis.md):
 *
 *   model {id, version}, calibration ("niet gekalibreerd" | "gekalibreerd"),
 *   months_unemployed, p6, p12, months_expected (restricted to 5 years),
 *   months_median (null beyond 60), kritisch_moment {month, now} (null when
 *   not reached within 120 months), band, light (null without thresholds),
 *   lp, contributions [...] by |p12| descending, domains {persoon, omgeving,
 *   arbeidsmarkt}: {lp, hindering, facilitating}, top [...] (at most 3),
 *   missing [...].
 *
 * Probabilities with 4 decimals, contributions to the linear predictor
 * with 4 significant digits: more would suggest a precision the model does
 * not have. Labels in `lang`, falling back to Dutch. */
#ifndef IPM_SERVICES_PROGNOSIS_JSON_H
#define IPM_SERVICES_PROGNOSIS_JSON_H

#include "core/buf.h"
#include "engine/prognosis.h"

void prognosis_json_write(struct buf *b, const struct prog_model *m, int months,
			  const struct prog_result *r, enum q_lang lang);

/* "gekalibreerd" or "niet gekalibreerd": the words every result carries. */
const char *prognosis_calibration_name(bool calibrated);

#endif
