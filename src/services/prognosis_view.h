/* The latest stored prognosis of a client as a page or a chart shows it:
 * the result as saved (services/prognosis_store.h; never recomputed, so
 * what the page shows is what was recorded with its model version) and the
 * curve of the chance of work over the months ahead, recomputed from the
 * stored ratings by the model that made it on the day it was made (the
 * stored linear predictor is rounded for reading). Reads audited as `who`. */
#ifndef IPM_SERVICES_PROGNOSIS_VIEW_H
#define IPM_SERVICES_PROGNOSIS_VIEW_H

#include "core/arena.h"
#include "core/err.h"
#include "store/store_route.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#define PROGNOSIS_CURVE_MONTHS 36

struct prognosis_view {
	struct store_result r;  /* strings in the caller's arena */
	json_t *doc;            /* the result's JSON; owned */
	int months;             /* months unemployed on the day it was made */
	size_t n;               /* curve[0..n-1]: P(work within k months), k = 0 now */
	double curve[PROGNOSIS_CURVE_MONTHS + 1];
};

/* IPM_ENOTFOUND when the client has no prognosis. Free with
 * prognosis_view_free, also after an error. */
int prognosis_view_latest(struct store *s, const struct store_actor *who, int64_t client_id,
			  struct arena *a, struct prognosis_view *out, struct err *e);

void prognosis_view_free(struct prognosis_view *v);

#endif
