/* Demo data for `make run`: one fictional municipality, a user for every
 * role, and a handful of fictional clients at different steps of the route. */
#ifndef IPM_SERVICES_DEMO_H
#define IPM_SERVICES_DEMO_H

#include "core/err.h"
#include "store/store.h"

/* Adds the demo data unless it is already there (then *added is 0). */
int demo_seed(struct store *s, int *added, struct err *e);

#endif
