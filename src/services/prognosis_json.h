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

/* A prognosis made from the store also says on which day it was made and
 * where the traffic light's thresholds came from, because both change
 * while the ratings stay the same: after "light" it adds
 *   "as_of": "YYYY-MM-DD",
 *   "light_thresholds": {"source": "organisatie" | "model", "clients": N,
 *                        "lower": p, "upper": p, "compared_with": "..."}
 * (clients: the organisation's clients the terciles were computed from, 0
 * for the model's population_p12; compared_with: that group in words, in
 * `lang` — every client still waiting for work on as_of, each at their own
 * duration, not only those as long without work; null without
 * thresholds). */
struct prognosis_context {
	const char *as_of;
	const struct prog_thresholds *t; /* NULL: no light */
	bool from_population;            /* the organisation's terciles */
	size_t clients;
	size_t min_clients;              /* fewer: the model's thresholds */
};

void prognosis_json_write_context(struct buf *b, const struct prog_model *m, int months,
				  const struct prog_result *r, const struct prognosis_context *c,
				  enum q_lang lang);

/* "gekalibreerd" or "niet gekalibreerd": the words every result carries. */
const char *prognosis_calibration_name(bool calibrated);

#endif
