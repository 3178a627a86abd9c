/* The career-phases taxonomy pack → the engine's stage table (engine/career.h). */
#ifndef IPM_PACK_CAREER_BUILD_H
#define IPM_PACK_CAREER_BUILD_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/career.h"
#include "pack/pack.h"

/* The top-level terms with their age ranges, copied into the arena. Besides
 * the taxonomy checks (ranges follow each other without gap or overlap), the
 * table must cover every age: ranges on all terms, the first from 0, the last
 * open-ended; otherwise IPM_EINVAL naming the JSON path. */
int career_stages_from_pack(const struct pack *p, struct arena *a, struct career_stages *out,
			    struct err *e);

#endif
