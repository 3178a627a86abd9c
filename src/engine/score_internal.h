/* Shared by the engine's scoring files only: the tables that let a batch
 * replace the normal CDF and the proration arithmetic by lookups, and the
 * formulas that both the tables and the reference path (score_one) use, so
 * that every path gives bit-identical results.
 *
 * The tables hold nothing but values computed by these formulas at pack load
 * time (score_tables_build): for an item scale one entry per (answered count,
 * keyed sum) — the raw score of score_item_raw and, per norm, the T and
 * percentile of norm_apply on that raw score; for a derived sum (a Big Five
 * domain) one entry per whole raw score it can reach. docs/performance.md
 * "Batch scoring" gives the sizes. */
#ifndef IPM_ENGINE_SCORE_INTERNAL_H
#define IPM_ENGINE_SCORE_INTERNAL_H

#include "engine/questionnaire.h"
#include "engine/score.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A scale's keys (per norm) are built only up to this many; a scale with
 * more is scored by the formulas. */
#define Q_LUT_MAX_KEYS 16384

enum q_lut_kind {
	Q_LUT_NONE,    /* no table: raw score and norm by the formulas */
	Q_LUT_ITEMS,   /* item scale: key by (answered, keyed sum), score_items_key */
	Q_LUT_WHOLE,   /* derived sum: key = raw - lo for whole raw scores lo..lo+width-1 */
};

/* How a scale's T and percentile are found. */
enum q_lut_norm {
	Q_NORM_NEVER,   /* no norm of the pack norms the scale: always NaN */
	Q_NORM_TABLE,   /* tp for keys, norm_apply for the rest */
	Q_NORM_FORMULA, /* norm_apply (no table: too many keys, or not a whole-number scale) */
};

/* One per scale; every q_norm.lut points to the same array of them.
 * The T and percentile tables of all scales form one array of (T,
 * percentile) pairs, norm-major: norm g's block of tp_stride pairs holds
 * first the keys of complete answers of every scale (the ones a batch hits
 * nearly always: 17 KiB for the Big Five, a few pages), then the keys of
 * prorated scores. So the 35 lookups of one respondent stay on a few hot
 * pages and lines. A last block of NaN stands for "no norm", so a
 * respondent without a norm needs no branch. */
struct q_lut {
	uint8_t kind, norm;          /* enum q_lut_kind, enum q_lut_norm */
	uint8_t base_flags;          /* ITEMS: SCORE_ITEMS_EXCLUDED or 0 */
	int32_t lo;                  /* smallest keyed sum (ITEMS) or whole raw score (WHOLE) */
	uint32_t width;              /* sums per answered count (ITEMS), raw scores (WHOLE) */
	uint32_t n_asked, n_items;   /* ITEMS: the scale's asked and all items */
	uint32_t min_scored;         /* ITEMS: fewest answers short of complete that get a score */
	uint32_t n_keys;             /* (n_asked + 1) * width, or width */
	const double *raw;           /* ITEMS: [n_keys], score_item_raw of the key */
	/* Q_NORM_TABLE: key k under norm g is pair score_tp_at(l, g, k) of
	 * tp: T, then the percentile. */
	const double *tp;
	uint32_t tp_stride;          /* pairs per norm block, the same for every scale */
	int32_t tp_hot, tp_cold;     /* where keys < width and keys >= width start, minus their first key */
	/* WHOLE with Q_NORM_TABLE: the raw scores that are not whole numbers
	 * (a prorated part) but can be reached, enumerated exactly at load
	 * time, with their T and percentile: value i under norm g at
	 * frac_tp[2 * (g * n_frac + i)] (the last block NaN: no norm). Every
	 * part's raw score is a multiple of 1/frac_den, so each such sum lies
	 * a few ulps (never more than frac_ulps either way) from a multiple
	 * N/frac_den; N and that distance in ulps name the value exactly, and
	 * frac_idx maps them to i (score_frac_find): a lookup with arithmetic
	 * for a key, not a search. n_frac 0: none. */
	uint32_t n_frac;
	int32_t frac_den;
	uint32_t frac_ulps;
	const uint16_t *frac_idx;    /* [(frac_den * width + 1) * (2 * frac_ulps + 1)] */
	const double *frac_tp;
};

/* frac_idx of a (N, ulps) that no reachable raw score has. */
#define SCORE_FRAC_NONE UINT16_MAX

/* The key in l->frac_idx of raw score raw, which lies within l's whole
 * range: its nearest multiple N/frac_den (2^52 + 2^51 added rounds raw *
 * frac_den to a whole number; both are far below 2^51) and its distance from
 * that in ulps, as the bits of two doubles of one sign differ. *off_out
 * gets the distance plus frac_ulps (out of range when above 2 *
 * frac_ulps). */
static inline uint32_t score_frac_key(const struct q_lut *l, double raw, uint64_t *off_out)
{
	const double magic = 6755399441055744.0;
	double n = (raw * l->frac_den + magic) - magic, near = n / l->frac_den;
	uint64_t rb, nb;
	memcpy(&rb, &raw, sizeof rb);
	memcpy(&nb, &near, sizeof nb);
	*off_out = rb - nb + l->frac_ulps;
	return (uint32_t)((int32_t)n - l->frac_den * l->lo) * (2 * l->frac_ulps + 1) +
	       (uint32_t)*off_out;
}

/* The index of raw among the enumerated fractional raw scores of l, or
 * SCORE_FRAC_NONE (NaN, outside the range, not reachable). */
static inline uint32_t score_frac_find(const struct q_lut *l, double raw)
{
	if (!l->n_frac || !(raw >= l->lo && raw < (double)l->lo + l->width))
		return SCORE_FRAC_NONE;
	uint64_t off;
	uint32_t key = score_frac_key(l, raw, &off);
	return off <= 2 * l->frac_ulps ? l->frac_idx[key] : SCORE_FRAC_NONE;
}

/* The pair of key k of table l under norm block g. */
static inline size_t score_tp_at(const struct q_lut *l, uint32_t g, uint32_t k)
{
	return (size_t)g * l->tp_stride + k + (size_t)(k < l->width ? l->tp_hot : l->tp_cold);
}

/* The per-scale tables of q (one array for all norms). */
static inline const struct q_lut *score_luts(const struct questionnaire *q)
{
	/* norm_prepare allocates one entry past the last norm: the "no norm" one. */
	return q->norms.norms[q->norms.n_norms].lut;
}

/* The norm block of a respondent: its norm's index, or n_norms for none. */
static inline uint32_t score_norm_index(const struct questionnaire *q,
					const struct norm_choice *nc)
{
	return nc && nc->norm ? (uint32_t)(nc->norm - q->norms.norms) : (uint32_t)q->norms.n_norms;
}

/* Fills s->t, s->percentile and s->band from s->raw (NaN and -1 when raw is
 * NaN or mean is NaN). */
void norm_apply(const struct q_norms *n, double mean, double sd, struct scale_score *s);

/* The band of T-score t under the pack's cut-offs, Q_BAND_NONE for NaN:
 * norm_apply's rule (laag below low_below, else hoog above high_above, else
 * gemiddeld; equal for every t, whatever the cut-offs) as arithmetic, since
 * the bands of random respondents are as unpredictable as a coin and a
 * branch-free form vectorises. */
static inline int8_t norm_band(const struct q_norms *n, double t)
{
	int ge = t >= n->low_below, gt = t > n->high_above;
	return (int8_t)(ge + (ge & gt) - (t != t));
}

/* The raw score of an item scale from the keyed sum of `answered` asked
 * items; sets SCORE_PRORATED or SCORE_NO_SCORE in *flags. NaN = no score. */
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

/* The flags score_item_raw gives `answered` answers of an item scale with
 * table l (base_flags, n_items, min_scored), without the raw score: the
 * same rule in a form that vectorises. */
static inline uint8_t score_items_flags(uint8_t base, uint32_t n_items, uint32_t min_scored,
					uint32_t answered)
{
	return (uint8_t)(base | (answered == n_items ? 0
				 : answered >= min_scored ? SCORE_PRORATED : SCORE_NO_SCORE));
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
 * (and returns NaN) when a part has no score. */
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

/* The table key of an item scale's (answered, keyed sum), or -1 when the
 * sum lies outside the table (answers that score_check would refuse). */
static inline int32_t score_items_key(const struct q_lut *l, int32_t sum, uint32_t answered)
{
	/* Complete answers first: the keys a batch mostly hits share lines. */
	uint32_t off = (uint32_t)(sum - l->lo);
	return off < l->width ? (int32_t)((l->n_asked - answered) * l->width + off) : -1;
}

/* T, percentile and band of o->raw for scale j under norm block g (n_norms
 * = none), from the table when key >= 0, else from the enumerated
 * fractional raw scores, else by the formula. */
static inline void score_norm_key(const struct questionnaire *q, size_t j, const struct q_lut *l,
				  uint32_t g, int32_t key, struct scale_score *o)
{
	o->t = o->percentile = NAN;
	o->band = Q_BAND_NONE;
	if (l->norm == Q_NORM_TABLE && key >= 0) {
		size_t at = 2 * score_tp_at(l, g, (uint32_t)key);
		o->t = l->tp[at];
		o->percentile = l->tp[at + 1];
		o->band = norm_band(&q->norms, o->t);
	} else if (l->norm != Q_NORM_NEVER) {
		uint32_t i = score_frac_find(l, o->raw);
		if (i != SCORE_FRAC_NONE) {
			size_t at = 2 * ((size_t)g * l->n_frac + i);
			o->t = l->frac_tp[at];
			o->percentile = l->frac_tp[at + 1];
			o->band = norm_band(&q->norms, o->t);
		} else if (g < q->norms.n_norms) {
			const struct q_norm *nm = &q->norms.norms[g];
			norm_apply(&q->norms, nm->mean[j], nm->sd[j], o);
		}
	}
	o->band = score_raw_band(&q->scales[j], o->raw, o->band);
}

/* The instruction set of the batch kernels (score_batch_columns): AVX2
 * when the CPU (and OS) support it, else the x86-64 baseline. Tests force
 * the baseline to hold both kernels to score_one (forcing AVX2 on a CPU
 * without it gives the baseline); not for production use (not thread-safe). */
enum score_isa { SCORE_ISA_AUTO, SCORE_ISA_BASELINE, SCORE_ISA_AVX2 };
void score_isa_force(enum score_isa isa);
enum score_isa score_isa_used(void);

/* Builds q->norms.norms (groups, then mixtures, then the "no norm" entry)
 * and the scoring tables. */
int norm_prepare(struct questionnaire *q, struct err *e);

/* Builds the tables of every scale into q->arena; norm_prepare calls it once
 * the norms are final and points every q_norm.lut at the result. */
const struct q_lut *score_tables_build(struct questionnaire *q);

#endif
