/* Prefilled factor ratings (docs/factors.md, "Prefilled factors"): the
 * conversion of a value from an earlier step — the intake, the CV, the Big
 * Five — into a suggested rating of a factor. The conversions are data (the
 * factor catalogue's `derived_from.map` / `levels`, read by
 * src/pack/derive_build.c); this file only applies and checks them. Pure:
 * no I/O, no json_t, no allocation.
 *
 * A numeric map is a list of bands ordered by strictly increasing `below`
 * and a rating for everything above: the rating of a value is that of the
 * first band with value < below, else `otherwise`. So a band is the
 * half-open interval [previous below, below): a value exactly at a threshold
 * belongs to the next band. "3 to 6 months" reads as 3 ≤ months < 6.
 *
 * A source may have no value at all — never paid work, no diploma — which is
 * not the same as a missing input (no CV): the map's `none` rating covers
 * the first, nothing covers the second (no suggestion). */
#ifndef IPM_ENGINE_DERIVE_H
#define IPM_ENGINE_DERIVE_H

#include "core/arena.h"
#include "core/err.h"

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#define DERIVE_BANDS_MAX 16      /* the schema's maxItems */
#define DERIVE_NO_RATING INT_MIN /* a level or `none` without a rating */

/* The values IPM knows how to take from an earlier step. The catalogue names
 * them as derived_from {step, ref}; a map on any other source would never
 * give a suggestion, so the pack check refuses it. */
enum derive_source {
	DERIVE_LANGUAGE_LEVEL,    /* intake.language_level: CEFR A1..C2 (categorical) */
	DERIVE_MONTHS_UNEMPLOYED, /* intake.benefit_start: whole months since */
	DERIVE_DIPLOMA_RANK,      /* cv.highest_diploma: rank in education-levels; none = no diploma */
	DERIVE_MONTHS_SINCE_WORK, /* cv.months_since_paid_work: 0 working; none = never paid */
	DERIVE_FTE_YEARS,         /* cv.paid_fte_years */
	DERIVE_BIG_FIVE_C1,       /* big_five.c1: T-score of "vertrouwen in eigen kunnen" */
	DERIVE_SOURCES
};

/* Returns 0 and sets *out for a known {step, ref}; -1 otherwise. */
int derive_source_parse(const char *step, const char *ref, enum derive_source *out);
/* "cv.months_since_paid_work" */
const char *derive_source_name(enum derive_source s);
/* Whether the source is a CEFR level (a `levels` table) rather than a number (a `map`). */
bool derive_source_is_level(enum derive_source s);

struct derive_band {
	double below;
	int rating;
};

struct derive_map {
	const struct derive_band *bands;
	size_t n_bands;
	int otherwise;
	int none; /* DERIVE_NO_RATING: "no value" gives no suggestion */
};

/* The CEFR levels in order; derive_levels.rating is indexed by them. */
enum { DERIVE_CEFR_N = 6 };
extern const char *const derive_cefr[DERIVE_CEFR_N];

struct derive_levels {
	int rating[DERIVE_CEFR_N]; /* DERIVE_NO_RATING where the table has none */
};

/* Where derive_map_check / derive_levels_check found a problem, so that the
 * caller can name it: bands[band].field, or `field` alone ("otherwise",
 * "none", a CEFR level) when band is DERIVE_NO_BAND. */
#define DERIVE_NO_BAND ((size_t)-1)
struct derive_fault {
	size_t band;
	const char *field;
};

/* IPM_EINVAL with the fault's place and a message without a path when a
 * threshold is not finite or not above the previous one, or a rating is
 * outside min..max. */
int derive_map_check(const struct derive_map *m, int min, int max, struct derive_fault *at,
		     struct err *e);

/* IPM_EINVAL when a level has no rating or a rating is outside min..max. */
int derive_levels_check(const struct derive_levels *l, int min, int max,
			struct derive_fault *at, struct err *e);

/* The rating of `value` (rules at the top). IPM_ENOTFOUND for NaN: no value
 * has no band. */
int derive_rating(const struct derive_map *m, double value, int *rating);

/* The `none` rating, for a source that says there is nothing; IPM_ENOTFOUND
 * when the map has none. */
int derive_rating_none(const struct derive_map *m, int *rating);

/* The rating of a CEFR level "A1".."C2" (exact, upper case); IPM_ENOTFOUND
 * for NULL or anything else. */
int derive_level_rating(const struct derive_levels *l, const char *level, int *rating);

/* Index of a CEFR level in derive_cefr, -1 when it is not one. */
int derive_cefr_index(const char *level);

/* One factor's conversion, as the catalogue gives it. */
struct derive_rule {
	const char *factor;          /* factor id */
	enum derive_source source;
	struct derive_map map;       /* a number source */
	struct derive_levels levels; /* a CEFR level source */
};

/* Every conversion of one catalogue, in catalogue order (built by
 * src/pack/derive_build.c; everything in the arena). */
struct derive_set {
	struct arena arena;
	const char *pack, *version; /* the catalogue, named with every suggestion's origin */
	struct derive_rule *rules;
	size_t n;
};

#endif
