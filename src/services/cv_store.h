/* The client's CV in the dossier: checked exactly as a CV file is
 * (cv_json_parse against the code lists of the registered taxonomy packs)
 * and saved as the current CV; a later save replaces it as current and
 * keeps the earlier one (store_route.h). */
#ifndef IPM_SERVICES_CV_STORE_H
#define IPM_SERVICES_CV_STORE_H

#include "core/err.h"
#include "engine/cv.h"
#include "store/store.h"

/* IPM_EINVAL with cv_json_parse's message (named "cv") for a CV that does
 * not pass; nothing is saved then. */
int cv_record(struct store *s, const struct store_actor *who, int64_t client_id,
	      const char *json, const struct cv_vocab *vocab, int64_t *id, struct err *e);

#endif
