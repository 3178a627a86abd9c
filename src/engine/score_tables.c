/* The batch scoring tables (score_internal.h): every value in them is
 * computed here by the same functions the reference path calls
 * (score_item_raw, norm_apply), so a lookup returns bit for bit what the
 * formula would. */
#include "engine/score_internal.h"

#include <math.h>
#include <stdbool.h>

/* The T/percentile tables are built only up to this size (all scales and
 * norms; the Big Five needs 0.8 MiB); scales past it use the formula. */
#define TP_MAX_BYTES (4u << 20)

/* The whole raw scores a scale can reach, lo..hi: an item sum scale's
 * full-length item sums (proration restores the full length), and a derived
 * sum the sum of its parts' ranges. 0 when the scale's raw score is not a
 * whole-number sum (means, products, differences). */
static int raw_range(const struct questionnaire *q, size_t j, int32_t *lo, int32_t *hi)
{
	const struct q_scale *sc = &q->scales[j];
	*lo = *hi = 0;
	if (sc->kind == Q_SCALE_ITEMS) {
		if (sc->scoring != Q_SCORING_SUM)
			return 0;
		for (uint32_t k = 0; k < sc->n_items; k++) {
			*lo += q->items[sc->items[k]].min;
			*hi += q->items[sc->items[k]].max;
		}
		return 1;
	}
	if (sc->combine != Q_COMBINE_SUM)
		return 0;
	for (uint32_t k = 0; k < sc->n_of; k++) {
		int32_t plo, phi;
		if (!raw_range(q, sc->of[k], &plo, &phi))
			return 0;
		*lo += plo;
		*hi += phi;
	}
	return 1;
}

/* Item scale sc: the keyed sums any number of its asked items can give.
 * A keyed answer lies within its item's min..max (reversal maps the range
 * onto itself), so the sum of any subset lies within the sums of the
 * negative minima and the positive maxima. */
static void sum_range(const struct questionnaire *q, const struct q_scale *sc, int32_t *lo,
		      int32_t *hi)
{
	const uint32_t *it = q->plan_item + sc->plan_start;
	*lo = *hi = 0;
	for (uint32_t k = 0; k < sc->n_asked; k++) {
		const struct q_item *item = &q->items[it[k]];
		*lo += item->min < 0 ? item->min : 0;
		*hi += item->max > 0 ? item->max : 0;
	}
}

static void items_table(struct questionnaire *q, const struct q_scale *sc, struct q_lut *l)
{
	int32_t lo, hi;
	sum_range(q, sc, &lo, &hi);
	size_t width = (size_t)(hi - lo) + 1, n_keys = (sc->n_asked + 1) * width;
	if (n_keys > Q_LUT_MAX_KEYS)
		return;
	*l = (struct q_lut){
		.kind = Q_LUT_ITEMS, .lo = lo, .width = (uint32_t)width,
		.base_flags = sc->n_asked < sc->n_items ? SCORE_ITEMS_EXCLUDED : 0,
		.n_asked = sc->n_asked, .n_items = sc->n_items, .n_keys = (uint32_t)n_keys,
		/* score_item_raw scores a gap only when prorating, from
		 * min_answered and at least one answer. */
		.min_scored = !sc->prorate ? UINT32_MAX : sc->min_answered ? sc->min_answered : 1,
	};
	double *raw = arena_array(&q->arena, n_keys, sizeof *raw);
	for (uint32_t a = 0; a <= sc->n_asked; a++)
		for (int32_t s = lo; s <= hi; s++) {
			uint8_t f = l->base_flags;
			raw[score_items_key(l, s, a)] = score_item_raw(sc, s, a, &f);
		}
	l->raw = raw;
}

static void whole_table(struct questionnaire *q, size_t j, struct q_lut *l)
{
	int32_t lo, hi;
	if (!raw_range(q, j, &lo, &hi) || (size_t)(hi - lo) + 1 > Q_LUT_MAX_KEYS)
		return;
	*l = (struct q_lut){ .kind = Q_LUT_WHOLE, .lo = lo, .width = (uint32_t)(hi - lo + 1),
			     .n_keys = (uint32_t)(hi - lo + 1) };
}

/* The raw score that key k of table l stands for. */
static double key_raw(const struct q_lut *l, size_t k)
{
	return l->kind == Q_LUT_ITEMS ? l->raw[k] : (double)(l->lo + (int32_t)k);
}

/* Whether a norm of q norms scale j. */
static bool normed(const struct questionnaire *q, size_t j)
{
	for (size_t k = 0; k < q->norms.n_norms; k++)
		if (!isnan(q->norms.norms[k].mean[j]))
			return true;
	return false;
}

/* T and percentile of every key of every tabled scale under every norm, by
 * norm_apply; NaN in the last block (no norm) and wherever a norm does not
 * norm the scale. Within a norm's block the keys of complete answers of
 * all scales come first (score_internal.h). */
static void norm_tables(struct questionnaire *q, struct q_lut *luts)
{
	const struct q_norms *n = &q->norms;
	size_t stride = 0, blocks = n->n_norms + 1;
	for (size_t j = 0; j < q->n_scales; j++) {
		struct q_lut *l = &luts[j];
		if (!normed(q, j))
			continue; /* Q_NORM_NEVER */
		l->norm = Q_NORM_FORMULA;
		if (l->kind == Q_LUT_NONE ||
		    (stride + l->n_keys) * blocks * 2 * sizeof(double) > TP_MAX_BYTES)
			continue;
		l->norm = Q_NORM_TABLE;
		l->tp_hot = (int32_t)stride;
		stride += l->width;
	}
	for (size_t j = 0; j < q->n_scales; j++) {
		struct q_lut *l = &luts[j];
		if (l->norm != Q_NORM_TABLE)
			continue;
		l->tp_cold = (int32_t)stride - (int32_t)l->width;
		stride += l->n_keys - l->width;
	}
	if (stride == 0)
		return;
	double *tp = arena_array(&q->arena, 2 * blocks * stride, sizeof *tp);
	for (size_t j = 0; j < q->n_scales; j++) {
		struct q_lut *l = &luts[j];
		if (l->norm != Q_NORM_TABLE)
			continue;
		l->tp = tp;
		l->tp_stride = (uint32_t)stride;
		for (uint32_t b = 0; b < blocks; b++)
			for (uint32_t k = 0; k < l->n_keys; k++) {
				struct scale_score s = { .raw = key_raw(l, k), .t = NAN,
							 .percentile = NAN };
				if (b < n->n_norms)
					norm_apply(n, n->norms[b].mean[j], n->norms[b].sd[j], &s);
				tp[2 * score_tp_at(l, b, k)] = s.t;
				tp[2 * score_tp_at(l, b, k) + 1] = s.percentile;
			}
	}
}

const struct q_lut *score_tables_build(struct questionnaire *q)
{
	struct q_lut *luts = arena_array(&q->arena, q->n_scales + 1, sizeof *luts);
	for (size_t j = 0; j < q->n_scales; j++) {
		if (q->scales[j].kind == Q_SCALE_ITEMS)
			items_table(q, &q->scales[j], &luts[j]);
		else
			whole_table(q, j, &luts[j]);
	}
	norm_tables(q, luts);
	return luts;
}
