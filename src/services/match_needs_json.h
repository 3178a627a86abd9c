/* The needs file of `ipm match --needs` (docs/matching.md): one client's
 * factor ratings and place, for matching without a database.
 *
 *   {"ratings": {"schulden": -2, "taalniveau": -1, "netwerk": null},
 *    "gemeente": "voorbeeldstad", "wijk": "voorbeeldstad-noord",
 *    "target_groups": ["statushouders"], "tiles": ["maatschappelijk-fit"],
 *    "kenmerken": ["zelfvertrouwen"]}
 *
 * ratings        required; per factor id of the factor catalogue a whole
 *                number −2..2, or null for not rated
 * gemeente, wijk optional catalogue ids (null = not known)
 * target_groups  optional catalogue target group ids
 * tiles          optional Eva tile codes: where the client is now
 * kenmerken      optional Lucrato kenmerk codes noted by the professional
 *
 * Every other key is refused. Messages read `NAME: $.ratings.x: message`
 * (syntax errors `NAME:LINE:COLUMN: message`) and never repeat a value. The
 * first problem stops the parse; on error *out is not filled. Codes are
 * checked where they are used (match_for_needs, match_run). */
#ifndef IPM_SERVICES_MATCH_NEEDS_JSON_H
#define IPM_SERVICES_MATCH_NEEDS_JSON_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/catalogue.h"
#include "pack/match_build.h"

#include <stddef.h>

struct match_needs_file {
	struct cat_strs factors;   /* rated factors, in file order */
	const int *ratings;        /* [factors.n], −2..2 */
	struct cat_strs tiles, target_groups, kenmerken;
	const char *gemeente, *wijk;
};

int match_needs_json_parse(const char *name, const char *text, size_t len,
			   const struct match_factors *fs, struct match_needs_file *out,
			   struct arena *a, struct err *e);

#endif
