/* The batch scoring tables (score_internal.h): every value in them is
 * computed here by the same functions the reference path calls
 * (score_item_raw, norm_apply), so a lookup returns bit for bit what the
 * formula would. */
#include "engine/score_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

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

/* The most distinct raw scores enumerated for one scale, and the most sums
 * tried in one step of the enumeration: beyond them the formula serves. */
#define FRAC_MAX 65536
#define FRAC_TRIES (1u << 20)

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* A set of doubles (never NaN; zero is stored as +0) by open addressing on
 * their bits, NaN's bits marking a free slot: deduplicating the sums of one
 * enumeration step costs a hash per sum, not a sort. It starts small and
 * doubles, since a step's distinct sums are far fewer than its tries. */
struct dset {
	struct arena *tmp;
	uint64_t *slot;
	size_t cap, n;
	unsigned shift;                /* 64 - log2(cap): the product's top bits */
	double *v;                     /* the members in insertion order, cap / 2 of room */
};

static const uint64_t DSET_FREE = 0x7ff8000000000000ull;

static void dset_put(struct dset *d, uint64_t bits)
{
	for (size_t h = (size_t)((bits * 0x9e3779b97f4a7c15ull) >> d->shift);; h++) {
		uint64_t *s = &d->slot[h & (d->cap - 1)];
		if (*s == DSET_FREE) {
			*s = bits;
			return;
		}
	}
}

static void dset_alloc(struct dset *d, size_t cap, unsigned shift)
{
	d->slot = arena_array(d->tmp, cap, sizeof *d->slot);
	for (size_t i = 0; i < cap; i++)
		d->slot[i] = DSET_FREE;
	d->cap = cap;
	d->shift = shift;
}

static void dset_init(struct arena *tmp, struct dset *d)
{
	*d = (struct dset){ .tmp = tmp };
	dset_alloc(d, 1024, 54);
	d->v = arena_array(tmp, d->cap / 2, sizeof *d->v);
}

static void dset_add(struct dset *d, double x)
{
	uint64_t bits;
	if (x == 0)
		x = 0.0;
	memcpy(&bits, &x, sizeof bits);
	for (size_t h = (size_t)((bits * 0x9e3779b97f4a7c15ull) >> d->shift);; h++) {
		uint64_t *s = &d->slot[h & (d->cap - 1)];
		if (*s == bits)
			return;
		if (*s == DSET_FREE)
			break;
	}
	if (d->n == d->cap / 2) {
		/* Half full: twice the slots, every member hashed again. */
		double *v = arena_array(d->tmp, d->cap, sizeof *v);
		memcpy(v, d->v, d->n * sizeof *v);
		d->v = v;
		dset_alloc(d, d->cap * 2, d->shift - 1);
		for (size_t i = 0; i < d->n; i++) {
			uint64_t b;
			memcpy(&b, &d->v[i], sizeof b);
			dset_put(d, b);
		}
	}
	dset_put(d, bits);
	d->v[d->n++] = x;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Every raw score (other than no score) item scale j can give, distinct,
 * in tmp; NULL when the scale has no table. Only sums that `a` answers can
 * make count: from the a lowest minima to the a highest maxima of its
 * asked items (the table spans a wider rectangle). */
static const double *item_values(struct arena *tmp, const struct questionnaire *q,
				 const struct q_lut *luts, size_t j, size_t *n)
{
	const struct q_lut *l = &luts[j];
	const struct q_scale *sc = &q->scales[j];
	if (sc->kind != Q_SCALE_ITEMS || l->kind != Q_LUT_ITEMS)
		return NULL;
	const uint32_t *it = q->plan_item + sc->plan_start;
	int *mins = arena_array(tmp, sc->n_asked + 1, sizeof *mins);
	int *maxs = arena_array(tmp, sc->n_asked + 1, sizeof *maxs);
	for (uint32_t k = 0; k < sc->n_asked; k++) {
		mins[k] = q->items[it[k]].min;
		maxs[k] = -q->items[it[k]].max; /* ascending = highest maxima first */
	}
	qsort(mins, sc->n_asked, sizeof *mins, cmp_int);
	qsort(maxs, sc->n_asked, sizeof *maxs, cmp_int);
	struct dset d;
	dset_init(tmp, &d);
	int32_t lo = 0, hi = 0;
	for (uint32_t a = 0; a <= sc->n_asked; a++) {
		for (int32_t sum = lo; sum <= hi; sum++) {
			int32_t key = score_items_key(l, sum, a);
			if (key >= 0 && !isnan(l->raw[key]))
				dset_add(&d, l->raw[key]);
		}
		if (a < sc->n_asked) {
			lo += mins[a];
			hi -= maxs[a];
		}
	}
	*n = d.n;
	return d.v;
}

/* Every raw score derived sum j can reach, exactly as score_derived_raw
 * computes it (0 plus each part in order, in doubles): the set after k
 * parts is every sum of a member of the set after k - 1 and a value of part
 * k. In tmp; NULL when a part has no table or the set grows too large. */
static double *reachable(struct arena *tmp, const struct questionnaire *q,
			 const struct q_lut *luts, size_t j, size_t *n_out)
{
	const struct q_scale *sc = &q->scales[j];
	double *set = arena_alloc(tmp, sizeof *set);
	size_t n = 1;
	set[0] = 0.0;
	for (uint32_t k = 0; k < sc->n_of; k++) {
		size_t nv = 0;
		const double *v = item_values(tmp, q, luts, sc->of[k], &nv);
		if (!v || n * nv > FRAC_TRIES)
			return NULL;
		struct dset d;
		dset_init(tmp, &d);
		for (size_t a = 0; a < n; a++)
			for (size_t b = 0; b < nv; b++)
				dset_add(&d, set[a] + v[b]);
		set = d.v;
		n = d.n;
		if (n > FRAC_MAX)
			return NULL;
	}
	*n_out = n;
	return set;
}

static uint32_t gcd(uint32_t a, uint32_t b)
{
	while (b) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The most ulps a reachable sum may lie from its multiple of 1/frac_den to
 * be keyed (the Big Five's lie within 2), and the most keys of one scale. */
#define FRAC_ULPS_MAX 8
#define FRAC_KEYS_MAX (1u << 20)

/* The smallest D such that every raw score of every part of derived sum j
 * is a multiple of 1/D: a prorated item sum is sum * n_items / answered, a
 * multiple of 1 / (answered / gcd(n_items, answered)). 0 when D would pass
 * FRAC_KEYS_MAX or a part has no table. */
static uint32_t frac_den(const struct questionnaire *q, const struct q_lut *luts, size_t j)
{
	const struct q_scale *sc = &q->scales[j];
	uint32_t den = 1;
	for (uint32_t k = 0; k < sc->n_of; k++) {
		const struct q_lut *p = &luts[sc->of[k]];
		if (p->kind != Q_LUT_ITEMS)
			return 0; /* reachable() enumerates only parts with a table */
		uint32_t top = p->n_asked < p->n_items ? p->n_asked : p->n_items - 1;
		for (uint32_t a = p->min_scored; a <= top; a++) {
			uint32_t d = a / gcd(p->n_items, a);
			den = den / gcd(den, d) * d;
			if (den > FRAC_KEYS_MAX)
				return 0;
		}
	}
	return den;
}

/* The reachable raw scores of derived sum j that are not whole numbers,
 * with their T and percentile under every norm and their keys
 * (score_frac_find). A value that lies further than FRAC_ULPS_MAX from its
 * multiple of 1/D, or on the other side of zero, is left to the formula. */
static void frac_table(struct questionnaire *q, const struct q_lut *luts, size_t j,
		       struct q_lut *l)
{
	const struct q_norms *nr = &q->norms;
	struct arena tmp = ARENA_INIT;
	size_t n = 0, m = 0;
	uint32_t den = frac_den(q, luts, j), ulps = 0;
	/* N * D in an int32_t for every raw score of the range. */
	if ((uint64_t)den * ((uint64_t)llabs(l->lo) + l->width) > INT32_MAX / 2)
		den = 0;
	double *set = den ? reachable(&tmp, q, luts, j, &n) : NULL;
	l->frac_den = (int32_t)den;
	for (size_t i = 0; set && i < n; i++) {
		double v = set[i];
		if (v == floor(v) || !(v >= l->lo && v < (double)l->lo + l->width))
			continue;
		uint64_t off;
		l->frac_ulps = FRAC_ULPS_MAX;
		score_frac_key(l, v, &off);
		if (off > 2 * FRAC_ULPS_MAX)
			continue;
		uint32_t dist = off > FRAC_ULPS_MAX ? (uint32_t)off - FRAC_ULPS_MAX
						    : FRAC_ULPS_MAX - (uint32_t)off;
		ulps = dist > ulps ? dist : ulps;
		set[m++] = v;
	}
	size_t n_keys = ((size_t)den * l->width + 1) * (2 * ulps + 1);
	if (m == 0 || m >= SCORE_FRAC_NONE || n_keys > FRAC_KEYS_MAX) {
		arena_free(&tmp);
		l->frac_den = 0;
		l->frac_ulps = 0;
		return;
	}
	l->frac_ulps = ulps;
	qsort(set, m, sizeof *set, cmp_double);
	uint16_t *idx = arena_array(&q->arena, n_keys, sizeof *idx);
	double *tp = arena_array(&q->arena, 2 * (nr->n_norms + 1) * m, sizeof *tp);
	for (size_t k = 0; k < n_keys; k++)
		idx[k] = SCORE_FRAC_NONE;
	for (size_t i = 0; i < m; i++) {
		uint64_t off;
		idx[score_frac_key(l, set[i], &off)] = (uint16_t)i;
		for (size_t g = 0; g <= nr->n_norms; g++) {
			struct scale_score s = { .raw = set[i], .t = NAN, .percentile = NAN };
			if (g < nr->n_norms)
				norm_apply(nr, nr->norms[g].mean[j], nr->norms[g].sd[j], &s);
			tp[2 * (g * m + i)] = s.t;
			tp[2 * (g * m + i) + 1] = s.percentile;
		}
	}
	arena_free(&tmp);
	l->n_frac = (uint32_t)m;
	l->frac_idx = idx;
	l->frac_tp = tp;
}

const struct q_lut *score_tables_build(struct questionnaire *q)
{
	struct q_lut *luts = arena_array(&q->arena, q->n_scales + 1, sizeof *luts);
	/* Without tables every scale is Q_LUT_NONE, its norm Q_NORM_FORMULA. */
	for (size_t j = 0; j < q->n_scales && !q->no_batch_tables; j++) {
		if (q->scales[j].kind == Q_SCALE_ITEMS)
			items_table(q, &q->scales[j], &luts[j]);
		else
			whole_table(q, j, &luts[j]);
	}
	norm_tables(q, luts);
	for (size_t j = 0; j < q->n_scales; j++)
		if (luts[j].kind == Q_LUT_WHOLE && luts[j].norm == Q_NORM_TABLE)
			frac_table(q, luts, j, &luts[j]);
	return luts;
}
