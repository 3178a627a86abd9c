/* The prognosis model an organisation works with: its active model
 * (`ipm model activate`, store_model_active) as registered in the store,
 * else the default model MODEL_DEFAULT. The prognosis (β and baseline) and
 * the matching (the needs' weights, |β × rating|) both take their model
 * from here, so that one client is weighed alike by both. */
#ifndef IPM_SERVICES_ACTIVE_MODEL_H
#define IPM_SERVICES_ACTIVE_MODEL_H

#include "core/err.h"
#include "services/model_set.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* Fills *out (free with model_set_free, also after an error) and
 * *is_default. Without an active model the default comes from data_dir,
 * and is registered in the store when it is not yet, so that a result
 * naming its version names these bytes (IPM_ECONFLICT when the registered
 * copy of that version differs); with data_dir NULL it is the highest
 * version registered in the store (ipm init registered it), so the caller
 * needs no data directory. IPM_EINVAL naming the spec for a model that is
 * not registered or not a model. */
int active_model_load(struct store *s, int64_t org, const char *data_dir, struct model_set *out,
		      bool *is_default, struct err *e);

#endif
