/* Shared by the engine's scoring files only: the lookup tables that let a
 * batch skip the normal CDF for the common case (every asked item answered),
 * and the two formulas both the tables and the direct path use, so that the
 * two paths give bit-identical results. */
#ifndef IPM_ENGINE_SCORE_INTERNAL_H
#define IPM_ENGINE_SCORE_INTERNAL_H

#include "engine/questionnaire.h"
#include "engine/score.h"

#include <stdint.h>

/* Item sums of a scale span lo..lo+n-1 when every asked item is answered; a
 * table is built only up to this many values. */
#define Q_LUT_MAX 4096

struct q_lut_entry {
	double raw, t, pct;
	int8_t band;
	uint8_t flags;
};

struct q_lut {
	int32_t lo;
	uint32_t n;                    /* 0: no table, score directly */
	const struct q_lut_entry *e;
};

/* The raw score of an item scale from the keyed sum of `answered` asked
 * items; sets SCORE_PRORATED or SCORE_NO_SCORE in *flags. NaN = no score. */
double score_item_raw(const struct q_scale *sc, int32_t sum, uint32_t answered, uint8_t *flags);

/* Fills s->t, s->percentile and s->band from s->raw (NaN and -1 when raw is
 * NaN or mean is NaN). */
void norm_apply(const struct q_norms *n, double mean, double sd, struct scale_score *s);

/* Builds q->norms.norms (groups, then mixtures) with their tables. */
int norm_prepare(struct questionnaire *q, struct err *e);

#endif
