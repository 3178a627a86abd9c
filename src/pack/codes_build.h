/* Taxonomy packs → engine code lists (engine/codes.h): sectors, competences,
 * education levels. The strings are copied into the arena, so the pack may
 * be freed afterwards. */
#ifndef IPM_PACK_CODES_BUILD_H
#define IPM_PACK_CODES_BUILD_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/codes.h"
#include "pack/pack.h"

/* The leaf terms (those without children) in document order: a cluster of
 * competences is a heading, not a competence, so only leaves are codes a CV
 * may use; `parent` is the enclosing term's code. */
int code_list_from_pack(const struct pack *p, struct arena *a, struct code_list *out,
			struct err *e);

/* Every term of the tree in document order, a parent before its children
 * (the klantkenmerken, where "5" and "5.3" are both codes). */
int code_list_all_from_pack(const struct pack *p, struct arena *a, struct code_list *out,
			    struct err *e);

/* Every leaf must carry a `value`, its rank; the list comes back sorted by
 * rank, lowest first, and two levels may not share a rank (which would make
 * "highest" ambiguous). */
int code_list_ranked_from_pack(const struct pack *p, struct arena *a, struct code_list *out,
			       struct err *e);

/* A term's label in `lang` copied into the arena, or NULL when missing. */
const char *pack_term_label(const json_t *term, const char *lang, struct arena *a);

/* IPM_EINVAL unless `p` is a taxonomy: "FILE: expected a taxonomy pack, got KIND". */
int pack_expect_taxonomy(const struct pack *p, struct err *e);

#endif
