/* Shared by the engine's scoring files only: the lookup tables that let a
 * batch skip the normal CDF whenever a raw score is a whole number (every
 * fully answered sum scale, and sums of such scales such as a Big Five
 * domain), and the formulas both the tables and the direct path use, so that
 * the two paths give bit-identical results. */
#ifndef IPM_ENGINE_SCORE_INTERNAL_H
#define IPM_ENGINE_SCORE_INTERNAL_H

#include "engine/questionnaire.h"
#include "engine/score.h"

#include <stdint.h>

/* A table covers the whole raw scores lo..lo+n-1 a scale can reach; it is
 * built only up to this many values. */
#define Q_LUT_MAX 4096

struct q_lut_entry {
	double t, pct;
	int8_t band;
};

struct q_lut {
	int32_t lo;
	uint32_t n;                    /* 0: no table, score directly */
	const struct q_lut_entry *e;
};

/* Fills s->t, s->percentile and s->band from s->raw (NaN and -1 when raw is
 * NaN or mean is NaN). */
void norm_apply(const struct q_norms *n, double mean, double sd, struct scale_score *s);

/* T, percentile and band of o->raw under norm nm for scale j: from the table
 * when raw is a whole number it covers, else by the formulas. Inline: it
 * runs once per scale per respondent. */
static inline void norm_apply_scale(const struct questionnaire *q, const struct q_norm *nm,
				    size_t j, struct scale_score *o)
{
	const struct q_lut *lut = &nm->lut[j];
	double r = o->raw;
	/* The comparisons are false for NaN, which takes the direct path. */
	if (lut->n && r >= lut->lo && r < (double)lut->lo + lut->n && r == (double)(int32_t)r) {
		const struct q_lut_entry *en = &lut->e[(int32_t)r - lut->lo];
		o->t = en->t;
		o->percentile = en->pct;
		o->band = en->band;
		return;
	}
	norm_apply(&q->norms, nm->mean[j], nm->sd[j], o);
}

/* The raw score of an item scale from the keyed sum of `answered` asked
 * items; sets SCORE_PRORATED or SCORE_NO_SCORE in *flags. NaN = no score. */
double score_item_raw(const struct q_scale *sc, int32_t sum, uint32_t answered, uint8_t *flags);

/* Builds q->norms.norms (groups, then mixtures) with their tables. */
int norm_prepare(struct questionnaire *q, struct err *e);

#endif
