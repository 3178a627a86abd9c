/* Taxonomy and factor packs → the matching engine's reference data
 * (engine/match.h, docs/matching.md). The links between packs are checked
 * here, where the packs meet: a kind's mechanisms must be in sol-mechanisms,
 * a kenmerk's factors in the factor catalogue, an intervention's executor in
 * lucrato-begrippen, and every factor's Eva and Sol links in eva-klantkenmerken
 * and sol-goals. Everything is copied into the arena; the packs may be freed
 * afterwards. */
#ifndef IPM_PACK_MATCH_BUILD_H
#define IPM_PACK_MATCH_BUILD_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/codes.h"
#include "engine/match.h"
#include "pack/pack.h"

/* The taxonomy packs matching reads, by id (file DIR/packs/<id>.json, or
 * as registered in the store): sol-goals, sol-mechanisms,
 * eva-klantkenmerken, eva-tiles, lucrato-kenmerken, lucrato-begrippen. */
#define MATCH_N_PACKS 6
extern const char *const match_pack_ids[MATCH_N_PACKS];

/* A factor of the catalogue as matching needs it: its links and label. */
struct match_factor {
	const char *id, *label_nl, *influence;
	bool profile_only;
	bool special; /* special-category data (AVG art. 9/10): "special_category" */
	struct cat_strs klantkenmerken, sol_goals;
	struct cat_strs sol_kinds; /* specific kinds, each a kind of one of sol_goals */
};

struct match_factors {
	const char *pack, *version;
	const struct match_factor *v;
	size_t n;
};

/* A pack the reference data was built from, as a result cites it. */
struct match_source {
	const char *id, *version, *sha256;
};

/* The reference data together with the code lists it points to. */
struct match_ref {
	struct match_refdata ref;
	struct code_list klantkenmerken, tiles, mechanisms, terms;
	struct match_source sources[MATCH_N_PACKS]; /* match_pack_ids' order */
};

/* Builds out from the packs (found by id among `packs`; the factor
 * catalogue is `factors`, for the kenmerken's factor links). IPM_EINVAL
 * naming the file and JSON path for a pack that is missing or not a
 * taxonomy, or a link to a code its target pack does not have. `out` must
 * stay where it is while out->ref is used (ref points into it). */
int match_ref_from_packs(struct pack *const *packs, size_t n, const struct pack *factors,
			 struct arena *a, struct match_ref *out, struct err *e);

/* The same from DATA_DIR/packs/<id>.json for each of match_pack_ids. */
int match_ref_load(const char *data_dir, const struct pack *factors, struct arena *a,
		   struct match_ref *out, struct err *e);

/* The factors of a factor catalogue pack with their links. */
int match_factors_from_pack(const struct pack *factors, struct arena *a,
			    struct match_factors *out, struct err *e);

/* IPM_EINVAL naming the factor ("ipm-factors: factor schulden:
 * eva_klantkenmerken: unknown code \"5.9\" (eva-klantkenmerken)") unless
 * every klantkenmerk, Sol goal and Sol kind of every factor is in `ref` and
 * every kind serves one of the factor's goals. */
int match_factors_check(const struct match_factors *f, const struct match_refdata *ref,
			struct err *e);

#endif
