/* Shared by the engine's scoring files only: the lookup tables that let a
 * batch skip the normal CDF whenever a raw score is a whole number (every
 * fully answered sum scale, and sums of such scales such as a Big Five
 * domain), and the formulas both the tables and the direct path use, so that
 * the two paths give bit-identical results. */
#ifndef IPM_ENGINE_SCORE_INTERNAL_H
#define IPM_ENGINE_SCORE_INTERNAL_H

#include "engine/questionnaire.h"
#include "engine/score.h"

#include <math.h>
#include <stddef.h>
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
 * items; sets SCORE_PRORATED or SCORE_NO_SCORE in *flags. NaN = no score.
 * Inline: both the row and the column batch run it per scale per respondent. */
static inline double score_item_raw(const struct q_scale *sc, int32_t sum, uint32_t answered,
				    uint8_t *flags)
{
	if (answered == sc->n_items)
		return sc->scoring == Q_SCORING_MEAN ? (double)sum / answered : (double)sum;
	if (!sc->prorate || answered < sc->min_answered || answered == 0) {
		*flags |= SCORE_NO_SCORE;
		return NAN;
	}
	*flags |= SCORE_PRORATED;
	/* Prorated to the full length: a mean is already length-free. */
	return sc->scoring == Q_SCORING_MEAN ? (double)sum / answered
					     : (double)sum * sc->n_items / answered;
}

/* The flags a derived scale takes over from each of its parts. */
#define SCORE_INHERITED (SCORE_PRORATED | SCORE_ITEMS_EXCLUDED)

/* A derived scale's answered/asked: the parts' counts summed, clamped to
 * what the uint16_t field holds. */
static inline uint16_t score_count16(uint32_t n)
{
	return (uint16_t)(n > UINT16_MAX ? UINT16_MAX : n);
}

/* The raw score of derived scale sc from its parts' raw scores, part p's at
 * byte offset p * stride from raw: a row of struct scale_score and a
 * scale-major column share this one rule. Sets SCORE_NO_SCORE in *flags
 * (and returns NaN) when a part has no score. One respondent at a time, in
 * registers: a version looping over many respondents part by part made
 * score_batch 6 % slower and the column batch no faster (measured). */
static inline double score_derived_raw(const struct q_scale *sc, const double *raw, size_t stride,
				       uint8_t *flags)
{
	double p[5] = { 0 }, sum = 0;
	uint8_t f = *flags;
	for (uint32_t k = 0; k < sc->n_of; k++) {
		double v = *(const double *)(const void *)((const char *)raw + sc->of[k] * stride);
		if (k < 5)
			p[k] = v;
		sum += v;
		if (isnan(v))
			f |= SCORE_NO_SCORE;
	}
	*flags = f;
	if (f & SCORE_NO_SCORE)
		return NAN;
	switch (sc->combine) {
	case Q_COMBINE_SUM: return sum;
	case Q_COMBINE_MEAN: return sum / sc->n_of;
	case Q_COMBINE_MPS: return ((p[0] + p[1] + p[2]) / 3.0) * p[3] * p[4];
	case Q_COMBINE_DIFFERENCE: return p[0] - p[1];
	}
	return NAN; /* not reached: the builder admits only the four */
}

/* The band of a scale without a normed one (band still Q_BAND_NONE): from
 * its raw-score cut-offs, when the pack gives them and there is a score. */
static inline int8_t score_raw_band(const struct q_scale *sc, double raw, int8_t band)
{
	if (band != Q_BAND_NONE || !sc->has_raw_bands || isnan(raw))
		return band;
	return raw < sc->raw_low_below ? Q_BAND_LAAG
	     : raw > sc->raw_high_above ? Q_BAND_HOOG : Q_BAND_GEMIDDELD;
}

/* Builds q->norms.norms (groups, then mixtures) with their tables. */
int norm_prepare(struct questionnaire *q, struct err *e);

#endif
