/* Step 4 of the route in the browser: the I.P.M. factor interview
 * (DOMAIN §4, docs/factors.md). The factors of the catalogue as registered
 * in the store, the client's current ratings (an open factor assessment is
 * resumed; without one the latest completed assessment's ratings are the
 * starting point), and the suggestions of services/derive_ratings.h from
 * what earlier steps know. Saving appends the changed ratings to the open
 * assessment (starting one when there is none) in one transaction; finishing
 * completes it, so that the prognosis (services/prognosis_store.h) and the
 * matching read it. Every read and write is audited as `who`. */
#ifndef IPM_SERVICES_INTERVIEW_H
#define IPM_SERVICES_INTERVIEW_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/questionnaire.h"
#include "services/derive_ratings.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

#define INTERVIEW_PACK "ipm-factors"
#define INTERVIEW_DOMAINS 3
#define INTERVIEW_SCALE 5 /* −2..+2 */

struct interview_factor {
	const char *id, *domain, *influence; /* influence: intern|extern|niet */
	struct q_text label, question, rating; /* question: all NULL when the factor has none */
	bool special;                          /* special-category data (AVG art. 9/10) */
	const char *value;     /* current rating "-2".."2", or NULL: not rated */
	const struct derive_suggestion *suggestion; /* NULL: none */
};

struct interview {
	struct arena arena;          /* owns the strings below */
	const char *pack_id, *version; /* the catalogue (newest registered version) */
	struct {
		const char *id;
		struct q_text label;
	} domains[INTERVIEW_DOMAINS];
	struct q_text scale[INTERVIEW_SCALE]; /* labels of −2..+2, index value + 2 */
	struct interview_factor *factors;     /* in catalogue order */
	size_t n_factors;
	int64_t open_id;             /* the open assessment being resumed; 0: none */
	int64_t completed_id;        /* the latest completed assessment; 0: none */
	const char *completed_at;    /* its completion time, or NULL */
	struct derive_suggestions suggestions; /* the suggestions the factors point into */
};

/* The interview of a client on `today` (YYYY-MM-DD, for the months since
 * benefit_start and the CV's recency). IPM_ENOTFOUND for no such client;
 * IPM_EINVAL naming the pack when the catalogue is not registered. Free
 * with interview_free, also after an error. */
int interview_load(struct store *s, const struct store_actor *who, int64_t client_id,
		   const char *today, struct interview *out, struct err *e);

/* Only the catalogue's texts (no client, nothing read of a dossier):
 * factors without values or suggestions. */
int interview_catalogue(struct store *s, struct interview *out, struct err *e);

void interview_free(struct interview *iv);

/* The factor with `id`, or NULL. */
const struct interview_factor *interview_factor_find(const struct interview *iv,
						     const char *id);

/* One rating as a form sends it: value "-2".."2", or "" (not rated). */
struct interview_rating {
	const char *factor;
	const char *value;
};

/* Saves the ratings (factors not named keep their value) into the client's
 * open assessment of the catalogue, or a new one started with the latest
 * completed ratings carried over; `complete` then completes it. All in one
 * transaction: IPM_EINVAL naming "ratings.<factor>" for an unknown factor or
 * a value that is not "", -2..2, and nothing is stored. *assessment_id
 * gets the assessment written (may be NULL). */
int interview_save(struct store *s, const struct store_actor *who, int64_t client_id,
		   const struct interview_rating *r, size_t n, bool complete,
		   int64_t *assessment_id, struct err *e);

#endif
