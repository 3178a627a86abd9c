/* Scoring an assessment taken in IPM (answers in the store) and saving the
 * result: the same engine, checks, norm choice and JSON as `ipm score`
 * (services/scoring.h, score_json.h), from the pack version the assessment
 * was taken with as registered in the store. */
#ifndef IPM_SERVICES_ASSESSMENT_SCORE_H
#define IPM_SERVICES_ASSESSMENT_SCORE_H

#include "core/err.h"
#include "store/store.h"

#include <stdint.h>

/* Scores the completed assessment and saves the result (kind "score", the
 * JSON of score_json_write with respondent = the client reference) for its
 * client. Norms from the client's sex (v, m; x or none = the 50/50 mixture)
 * and age on the day the assessment was completed. IPM_EINVAL naming the
 * item for a stored answer that is not a whole number or that score_check
 * refuses, and for an assessment not yet completed; nothing is saved then. */
int assessment_score(struct store *s, const struct store_actor *who, int64_t assessment_id,
		     int64_t *result_id, struct err *e);

#endif
