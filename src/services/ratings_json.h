/* The ratings file of one client for `ipm prognosis` (docs/prognosis.md):
 *
 *   {"months_unemployed": 7, "age": 52,
 *    "ratings": {"taalniveau": -1, "gezondheid": 1, "schulden": null}}
 *
 * months_unemployed  required, whole months 0..PP_PERIOD_MAX: the duration
 *                    the prognosis starts from
 * age                optional, whole years 15..100: gives the client
 *                    attributes age_50_plus and age_under_27 (without it
 *                    they count as missing)
 * ratings            optional; per factor id of the catalogue a whole
 *                    number within the factor's rating scale (−2..2), or
 *                    null for not rated. A factor of the catalogue that the
 *                    model does not use is accepted and ignored; any other
 *                    key is an unknown factor.
 *
 * Messages read `NAME: $.ratings.taalniveau: message` (JSON syntax errors
 * `NAME:LINE:COLUMN: message`); they name the field, never its value. The
 * first problem stops the parse; on error *out is not filled. */
#ifndef IPM_SERVICES_RATINGS_JSON_H
#define IPM_SERVICES_RATINGS_JSON_H

#include "core/err.h"
#include "engine/prognosis.h"
#include "pack/pack.h"

#include <stddef.h>

#define RATINGS_AGE_MIN 15
#define RATINGS_AGE_MAX 100

/* `factors` is the model's catalogue (NULL: only the model's own factors
 * are known). */
int ratings_json_parse(const char *name, const char *text, size_t len,
		       const struct prog_model *m, const struct pack *factors,
		       struct prog_input *out, struct err *e);

#endif
