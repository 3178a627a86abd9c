/* Where the catalogue's offer has gaps (DOMAIN §5: "policy staff see where
 * the offer has gaps"): for every tile × klantkenmerk × target group, how
 * many instruments published on a day serve it, and which cells have fewer
 * than a minimum. Pure: over a loaded catalogue and the tile and
 * klantkenmerk code lists of the packs (for their order and labels).
 *
 * The rules (docs/catalogue.md, "Gap report"):
 * - klantkenmerken are counted on the nodes without children (1..4, 5.1,
 *   5.2, 5.3, 6, 7, 8.1, 8.2, 9, 10.1, 10.2); an instrument linked to a
 *   parent ("5") serves each of its children;
 * - the target-group columns are "voor iedereen" (instruments without a
 *   target group) and every target group of the catalogue; `specific`
 *   counts the instruments for exactly that column, `available` what a
 *   client of that group can use: its own plus those for everyone (Eva: an
 *   instrument without a target group is for everyone);
 * - a cell is a gap when `available` < min. */
#ifndef IPM_ENGINE_CATALOGUE_GAPS_H
#define IPM_ENGINE_CATALOGUE_GAPS_H

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "engine/catalogue.h"
#include "engine/codes.h"

#include <stddef.h>

#define CAT_GAPS_MIN_DEFAULT 2

struct cat_gap {
	const struct code_entry *tile;
	const struct code_entry *klantkenmerk;
	const struct cat_target_group *group; /* NULL: voor iedereen */
	size_t specific, available;
};

struct cat_gap_report {
	struct date on;
	size_t min;
	size_t instruments, published;
	size_t n_tiles, n_klantkenmerken, n_groups; /* n_groups counts "voor iedereen" */
	const struct cat_gap *gaps; /* tile order, then klantkenmerk, then group (iedereen first) */
	size_t n_gaps;
};

/* The gaps on `on` with threshold `min` (>= 1). IPM_EINVAL when a code list
 * is empty or min is 0. Everything lives in the arena. */
int cat_gaps(const struct catalogue *c, const struct code_list *tiles,
	     const struct code_list *klantkenmerken, struct date on, size_t min,
	     struct cat_gap_report *out, struct arena *a, struct err *e);

#endif
