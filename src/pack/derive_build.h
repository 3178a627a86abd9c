/* Reads the conversions of a factor catalogue (`derived_from.map` and
 * `derived_from.levels`, docs/factors.md) into the engine's struct
 * derive_set, so that json_t stays inside src/pack. The reading and
 * checking of one factor's conversion is shared with the pack check
 * (semantic_factors.c): one set of rules, two ways to report. */
#ifndef IPM_PACK_DERIVE_BUILD_H
#define IPM_PACK_DERIVE_BUILD_H

#include "core/err.h"
#include "core/json.h"
#include "engine/derive.h"
#include "pack/pack.h"

/* Where derive_read found a problem, relative to the factor's
 * `derived_from`: `key` ("ref", "map", "levels" or NULL for derived_from
 * itself), then the fault inside it. */
struct derive_where {
	const char *key;
	struct derive_fault at;
};

/* Pushes the place of `w` onto `p` (after "…derived_from"). */
void derive_where_push(struct jpath *p, const struct derive_where *w);

/* Reads factor `i` of the factor catalogue `doc` into *r, its bands into
 * `bands` (room for DERIVE_BANDS_MAX; r->map.bands points there), and
 * checks it against the factor's rating scale. IPM_ENOTFOUND when the
 * factor has no `map` or `levels`; IPM_EINVAL with *w and a message without
 * a path when it names no known source, uses the wrong shape for its source
 * (or both), or derive_map_check / derive_levels_check refuse it. */
int derive_read(const json_t *doc, size_t i, struct derive_rule *r,
		struct derive_band bands[DERIVE_BANDS_MAX], struct derive_where *w, struct err *e);

/* Every conversion of `factors` (a factors pack that passed pack_parse),
 * owned by *out; free with derive_set_free. IPM_EINVAL for a pack of another
 * kind, or `FILE: $.factors[i].derived_from…: message` for a conversion
 * derive_read refuses. */
int derive_build(const struct pack *factors, struct derive_set **out, struct err *e);

void derive_set_free(struct derive_set *s);

#endif
