/* Step 5 of the route: the professional's judgement of every computed
 * outcome (DOMAIN §2, §4; AVG art. 22: the professional has, and must use,
 * the final say). A decision accepts the computed value or overrides it
 * with a value, a reason code from a fixed list and a written reason; the
 * computed value is recorded beside it and never changed, and a changed
 * mind is a new decision (store_route.h). docs/route.md lists the subjects
 * and the reason codes. */
#ifndef IPM_SERVICES_JUDGEMENT_H
#define IPM_SERVICES_JUDGEMENT_H

#include "core/err.h"
#include "engine/questionnaire.h"
#include "store/store_route.h"

#include <stddef.h>

#define JUDGEMENT_TEXT_MAX 2000 /* characters of a written reason */

struct judgement_reason {
	const char *code;
	struct q_text label; /* nl, en, de */
};

/* The fixed list, in the order a form shows it (STORE_REASON_CODES). */
extern const struct judgement_reason judgement_reasons[];
extern const size_t judgement_reason_count;

/* The reason with `code`, or NULL. */
const struct judgement_reason *judgement_reason_find(const char *code);

/* Checks and records one decision (j->client_id, subject, computed,
 * decision, and for an override value, reason_code and reason_text).
 * IPM_EINVAL naming the field, nothing stored:
 *   subject      not one of loopbaanfase, prognose.band, factor:<id>,
 *                afgeleid:<id>, bigfive:<scale id>
 *   computed     missing, or not a value the subject can have
 *   decision     not accept or override
 *   value        missing for an override, equal to computed (that is
 *                agreement), not a value the subject can have, or given
 *                with accept
 *   reason_code  missing for an override or not in the list
 *   reason_text  missing or blank for an override, longer than
 *                JUDGEMENT_TEXT_MAX characters */
int judgement_record(struct store *s, const struct store_actor *who,
		     const struct store_judgement *j, int64_t *id, struct err *e);

/* The override rate of an organisation (org 0: all) over the current
 * decisions, for management information (DOMAIN §9: an aggregate; nobody
 * is ranked): how many outcomes were judged, how many overridden, and how
 * many per reason code (in judgement_reasons order). */
struct override_rate {
	int64_t judged, overridden;
	double rate; /* overridden / judged; NaN when nothing was judged */
	int64_t per_reason[16]; /* by index in judgement_reasons */
};

int judgement_override_rate(struct store *s, const struct store_actor *who, int64_t org_id,
			    struct override_rate *out, struct err *e);

#endif
