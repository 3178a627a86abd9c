/* Advice items (DOMAIN §7; seed 002 §3.11, §8 req. 21, 22, 34): each item is
 * a randvoorwaarde (a condition the workplace must meet) or an
 * ontwikkelpunt (a goal the client can learn, with a learnability
 * judgement), linked to the factor or kenmerk it answers. A consultant
 * accepts or rejects each one; a rejection needs a written reason, which
 * the psychologist and the manager can read. */
#ifndef IPM_SERVICES_ADVICE_H
#define IPM_SERVICES_ADVICE_H

#include "core/err.h"
#include "store/store_route.h"

#define ADVICE_TEXT_MAX 2000
#define ADVICE_TYPES "randvoorwaarde, ontwikkelpunt"
#define ADVICE_LEARNABILITY "goed, matig, beperkt"
#define ADVICE_STATUSES "proposed, accepted, rejected"

/* Checks and adds an item (status proposed). IPM_EINVAL naming the field,
 * nothing stored: type; text (required, ≤ ADVICE_TEXT_MAX characters);
 * learnability (required for an ontwikkelpunt, refused for a
 * randvoorwaarde: the workplace adapts, nobody has to learn it);
 * learnability_note; source_kind factor|kenmerk with a source_code, both or
 * neither. */
int advice_add(struct store *s, const struct store_actor *who, const struct store_advice *a,
	       int64_t *id, struct err *e);

/* Sets the status; "reason: is required for a rejection" when rejected
 * without a written reason. */
int advice_decide(struct store *s, const struct store_actor *who, int64_t advice_id,
		  const char *status, const char *reason, struct err *e);

/* An ontwikkelpunt judged "beperkt" leerbaar is better made a
 * randvoorwaarde (seed 002 §3.11: coaching a trait that is hardly learnable
 * costs much and brings little). true for such an item: forms and the
 * report show the hint. */
bool advice_suggest_condition(const struct store_advice *a);

#endif
