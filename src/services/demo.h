/* Demo data for `make run`: one fictional municipality, a user for every
 * role, a handful of fictional clients at different steps of the route,
 * and a synthetic history of past clients (docs/synth.md, "In the demo"). */
#ifndef IPM_SERVICES_DEMO_H
#define IPM_SERVICES_DEMO_H

#include "core/err.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* The synthetic history: this many past clients of the demo organisation,
 * drawn with this seed (the same clients on every machine). */
#define DEMO_HISTORY_CLIENTS 400
#define DEMO_HISTORY_SEED 20260101u
/* Their client numbers start with this (SYN-0001 ...): how the manager's
 * overview tells them from the caseload. */
#define DEMO_HISTORY_PREFIX "SYN-"

/* The password of every demo user (demo.consulent, demo.psycholoog,
 * demo.jobcoach, demo.manager, demo.beheerder). For the demo only: it is in
 * the README and printed by `ipm init --demo`. */
#define DEMO_PASSWORD "demo-wachtwoord"

/* Adds the demo data unless it is already there (then *added and
 * *synthetic are 0), all of it in one transaction (store_batch): the
 * demo clients (*added) and the synthetic history (*synthetic). */
int demo_seed(struct store *s, int *added, int *synthetic, struct err *e);

/* The synthetic history in organisation `org` as of `today` (YYYY-MM-DD):
 * DEMO_HISTORY_CLIENTS clients with reference SYN-NNNN drawn by
 * synth_client_outcome from the default model registered in the store,
 * each entered (factor assessment completed, store_assessment_import) on a
 * day in the month 24 months before today, with a 'werk' outcome when the
 * synthetic client found work within those 24 months. Nothing (and
 * *added 0) when the default model or its catalogue is not registered.
 * src/services/demo_history.c */
int demo_history(struct store *s, int64_t org, const char *today, int *added, struct err *e);

/* The demo catalogue, DATA_DIR/DEMO_CATALOGUE, imported (all rules checked;
 * audited as the system) when it exists and no catalogue was ever stored;
 * *added gets its instruments, 0 otherwise. src/services/demo_catalogue.c */
#define DEMO_CATALOGUE "catalogue/demo.json"
int demo_catalogue(struct store *s, const char *data_dir, size_t *added, struct err *e);

/* The whole route for one demo client as of `today` (YYYY-MM-DD): every
 * career questionnaire taken and scored, a CV, the prognosis (by the
 * registered default model when the organisation has none active), the
 * judgement with overrides, advice items, a trajectplan, jobcoaching advice
 * and the consents for an employer summary, all through the use cases.
 * The client needs a birth date and a factor assessment. Nothing when the
 * packs are not registered.
 * src/services/demo_route.c */
int demo_route(struct store *s, const struct store_actor *who, int64_t client,
	       const char *today, struct err *e);

#endif
