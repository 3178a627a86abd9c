/* The intake (route step 1): a new client record with the client's consent
 * per purpose, in one transaction, and the lists the intake form offers.
 *
 * Purposes of consent (AVG art. 6 and 7: specific, recorded, revocable):
 * the career research, the I.P.M. prognosis, sharing conclusions with the
 * jobcoach, and per report section sharing with an employer
 * ("werkgever:<section id>", docs/contracts/report-doc-v1.md, plus
 * "werkgever:naam" for the client's name). Every purpose the form showed is
 * recorded, given or not, so a refusal is on record as well. */
#ifndef IPM_SERVICES_INTAKE_H
#define IPM_SERVICES_INTAKE_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/questionnaire.h"
#include "store/store.h"

#include <stddef.h>

/* The purposes in the order the form shows them; the employer ones are
 * INTAKE_EMPLOYER_FIRST and after. */
extern const char *const intake_purposes[];
extern const size_t intake_purposes_n;
#define INTAKE_EMPLOYER_FIRST 3

struct intake_consent {
	const char *purpose;
	int granted; /* 0/1 */
};

/* Creates the client (owner: who->user_id) and records each consent with
 * basis "toestemming", all or nothing. IPM_ECONFLICT when the organisation
 * already has a client with that reference. */
int intake_create(struct store *s, const struct store_actor *who, const struct store_client *c,
		  const struct intake_consent *consents, size_t n, int64_t *id, struct err *e);

struct intake_term {
	const char *code, *label;
};

/* The terms of a taxonomy pack as registered (e.g. education-levels), in
 * pack order, labels in `lang` (Dutch when missing), in the arena. */
int intake_terms(struct store *s, const char *pack_id, enum q_lang lang, struct arena *a,
		 struct intake_term **out, size_t *n, struct err *e);

/* The target groups of the organisation's instrument catalogue (id and
 * name), in catalogue order; none when no catalogue was imported. */
int intake_target_groups(struct store *s, struct arena *a, struct intake_term **out, size_t *n,
			 struct err *e);

#endif
