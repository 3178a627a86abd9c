/* Packs as registered in the store (ipm init registers the data directory's
 * packs with their bytes), so that a use case works from the exact bytes a
 * stored result cites and needs no data directory. */
#ifndef IPM_SERVICES_STORED_PACK_H
#define IPM_SERVICES_STORED_PACK_H

#include "core/err.h"
#include "pack/pack.h"
#include "services/career_packs.h"
#include "store/store.h"

/* The pack `spec` (ID@VERSION, or ID for the highest registered version)
 * of kind `kind`, parsed and checked; free with pack_free. IPM_EINVAL
 * naming the spec when it is not registered or of another kind. */
int stored_pack_load(struct store *s, const char *spec, enum pack_kind kind, struct pack **out,
		     struct err *e);

/* The reference data of career research (services/career_packs.h) from
 * the newest registered versions of career-phases, education-levels,
 * sectors and competences, built into `a`. */
int stored_career_packs(struct store *s, struct arena *a, struct career_packs *out,
			struct err *e);

#endif
