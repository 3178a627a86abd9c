/* A questionnaire as the scoring engine sees it: items, item scales and
 * derived scales, ipsative blocks, norms, and the within-person read-outs
 * (top scale, Holland code, reference profiles). It is built from a validated
 * pack by src/pack/questionnaire_build.c (json_t never reaches the engine)
 * and is read-only once questionnaire_prepare has run.
 *
 * Everything the struct points to lives in `arena`, owned by the struct, so
 * one questionnaire_free (pack/questionnaire_build.h) releases it all. The
 * arrays are writable only for the builder and questionnaire_prepare; every
 * scoring function takes a const struct questionnaire.
 * Indices (uint32_t) point into the arrays of the same struct; arrays are in
 * pack order. See docs/contracts/questionnaire-pack-v2.md for the rules. */
#ifndef IPM_ENGINE_QUESTIONNAIRE_H
#define IPM_ENGINE_QUESTIONNAIRE_H

#include "core/arena.h"
#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An answer that was not given. Answers are int16_t per item; INT16_MIN can
 * never be a response value (response scales lie within -100..100). */
#define Q_MISSING INT16_MIN

/* The most items a questionnaire may have (packs allow 2000). */
#define Q_ITEMS_MAX 2048

enum q_lang { Q_NL = 0, Q_EN = 1, Q_DE = 2, Q_LANGS = 3 };

/* A text in nl/en/de; a language the pack does not provide is NULL. */
struct q_text {
	const char *t[Q_LANGS];
};

/* The text in `lang`, falling back to Dutch (every pack text has nl); ""
 * for a text that is absent altogether. */
static inline const char *q_text_get(const struct q_text *x, enum q_lang lang)
{
	if (x->t[lang])
		return x->t[lang];
	return x->t[Q_NL] ? x->t[Q_NL] : "";
}

struct q_item {
	const char *id;
	struct q_text text;
	const char *response_scale; /* its id */
	int16_t min, max;           /* the response scale's range */
	bool reversed;              /* keyed "-": scored as min + max - v */
	bool points;                /* response scale kind "points" (ipsative share) */
	bool excluded;              /* not asked: default_excluded and not switched on */
	bool default_excluded;      /* as in the pack, even when switched on */
	struct q_text exclusion_reason;
	int32_t block;              /* index into blocks, -1 when in none */
	/* Precomputed keying so that the scored value is key_add + key_mul * v
	 * without a branch: (0, 1) for "+", (min + max, -1) for "-". */
	int16_t key_add;
	int8_t key_mul;
};

enum q_scale_kind { Q_SCALE_ITEMS, Q_SCALE_DERIVED };
enum q_scoring { Q_SCORING_SUM, Q_SCORING_MEAN };
enum q_combine { Q_COMBINE_SUM, Q_COMBINE_MEAN, Q_COMBINE_MPS, Q_COMBINE_DIFFERENCE };
enum q_band { Q_BAND_NONE = -1, Q_BAND_LAAG = 0, Q_BAND_GEMIDDELD = 1, Q_BAND_HOOG = 2 };

struct q_scale {
	const char *id;
	struct q_text label;
	enum q_scale_kind kind;

	/* Q_SCALE_ITEMS: all of the scale's items, excluded ones included,
	 * because proration restores the full length. */
	uint32_t n_items;
	const uint32_t *items;      /* indices into q->items */
	uint32_t n_asked;           /* items not excluded */
	enum q_scoring scoring;
	uint16_t min_answered;
	bool prorate;               /* missing.method "prorate"; "none" = no score on any gap */

	/* Q_SCALE_DERIVED: parts are scales defined earlier (lower index), so
	 * scoring in array order always has the parts ready. */
	enum q_combine combine;
	uint32_t n_of;
	const uint32_t *of;         /* indices into q->scales */

	bool has_bands;
	struct q_text bands[3];     /* interpretation per enum q_band 0..2 */
	/* Bands on the raw score for a scale without a norm: laag below
	 * raw_low_below, hoog above raw_high_above. */
	bool has_raw_bands;
	double raw_low_below, raw_high_above;

	/* Internal (questionnaire_prepare): this scale's span of the flat item
	 * plan, so that batch scoring walks one contiguous array. */
	uint32_t plan_start;
};

/* Ipsative: the points given to the block's items add up to `total`. */
struct q_block {
	const char *id;
	struct q_text label;
	uint32_t n_items;
	const uint32_t *items;      /* indices into q->items */
	int32_t total;
};

/* Presentation grouping (a Big Five domain with its facets). */
struct q_group {
	const char *id;
	struct q_text label;
	uint32_t n_scales;
	const uint32_t *scales;
};

/* A norm group of the pack: sex 'm', 'v', or 0 for both sexes. */
struct q_norm_group {
	const char *id;
	struct q_text label;
	char sex;
	int age_min, age_max;       /* inclusive */
	const double *mean, *sd;    /* [n_scales]; NaN where the group has no value */
};

struct q_lut; /* internal: normed values per whole item sum */

/* A norm that can be used as is: one group, or the 50/50 mixture of a male
 * and a female group over the ages both cover (built by questionnaire_prepare). */
struct q_norm {
	struct q_text description;  /* "man, 21–40 jaar", "gemengd man/vrouw (geslacht onbekend), 21–40 jaar" */
	char sex;                   /* 'm', 'v', 0 = both sexes or a mixture */
	bool mixture;
	int age_min, age_max;
	uint32_t group_a, group_b;  /* the group(s) it came from; group_b == group_a unless mixture */
	const double *mean, *sd;    /* [n_scales]; NaN = scale not normed */
	const struct q_lut *lut;    /* [n_scales], internal */
};

struct q_norms {
	struct q_text source, note;
	double low_below, high_above; /* band cut-offs on the T scale, e.g. 45 and 55 */
	size_t n_groups;
	struct q_norm_group *groups;
	size_t n_norms;               /* groups first (same index), then mixtures */
	struct q_norm *norms;
};

struct q_top {
	struct q_text label;
	uint32_t n_scales;            /* 0: the pack has no `top` */
	const uint32_t *scales;
};

struct q_profile_entry {
	const char *id;
	struct q_text label;
	const double *values;         /* one per q->profiles.n_scales */
	char holland[4];              /* "SEC", or "" when the entry has none */
};

struct q_profiles {
	struct q_text label;
	uint32_t n_scales;            /* 0: the pack has no `profiles` */
	const uint32_t *scales;
	size_t n_entries;
	struct q_profile_entry *entries;
};

struct questionnaire {
	struct arena arena;           /* owns everything below */
	const char *pack_id, *version, *sha256;
	struct q_text title, marking; /* marking.t[Q_NL] NULL when the pack has none */

	size_t n_items;
	struct q_item *items;
	size_t n_scales;
	struct q_scale *scales;
	size_t n_blocks;
	struct q_block *blocks;
	size_t n_groups;
	struct q_group *groups;

	struct q_norms norms;         /* n_groups 0: not normed */
	struct q_top top;
	bool has_holland;
	uint32_t holland[6];          /* scale indices in R, I, A, S, E, C order */
	struct q_profiles profiles;
	/* Set before questionnaire_prepare for a questionnaire that scores one
	 * respondent at a time (score_one): the batch tables are not built.
	 * Batches still give the same results, by the formulas, only slower. */
	bool no_batch_tables;

	/* Internal (questionnaire_prepare): the flat item plan of all item
	 * scales with the keying folded in, and the keying per item in
	 * contiguous arrays so that a whole row can be keyed in one vector loop. */
	const uint32_t *plan_item;
	const int16_t *plan_add;
	const int8_t *plan_mul;
	const int16_t *item_add, *item_mul, *item_asked; /* [n_items]; asked 1/0 */
};

/* Completes a questionnaire whose public fields are filled (the builder
 * calls it): keying offsets, the flat item plan, norm mixtures and the
 * lookup tables that make batch scoring fast. Allocates in q->arena only.
 * IPM_EINVAL when the struct breaks an invariant the pack checks should
 * have caught (a derived scale naming a later scale, an index out of range). */
int questionnaire_prepare(struct questionnaire *q, struct err *e);

/* The index of the scale or item with this id, or -1. */
int32_t questionnaire_scale_index(const struct questionnaire *q, const char *id);
int32_t questionnaire_item_index(const struct questionnaire *q, const char *id);

#endif
