#include "engine/score_columns.h"

#include "engine/score_internal.h"

#include <stdbool.h>
#include <string.h>

/* Respondents scored together. A chunk's answers (n_items × CHUNK int16_t,
 * 15 KB for the Big Five) stay in L1, and the fixed trip count lets the
 * compiler unroll the per-lane vector loops. */
#define CHUNK 64

/* The scratch of one chunk. ans is item-major: ans[i * CHUNK + r] is
 * respondent r's answer to item i as given, Q_MISSING for lanes past the
 * last respondent. The rest are per lane: the sums of the current scale,
 * its table keys (0 where miss is set: not in the table), and the lane's
 * norm. */
struct chunk {
	int16_t *ans;
	int16_t sum16[CHUNK], answered16[CHUNK];
	int32_t sum[CHUNK], answered[CHUNK], key[CHUNK];
	uint8_t miss[CHUNK];
	int32_t norm_at[CHUNK];            /* the lane's norm block in the T tables */
	uint32_t norm_idx[CHUNK];          /* its norm, q->norms.n_norms for none */
};

size_t score_columns_scratch_size(const struct questionnaire *q)
{
	return q->n_items * CHUNK * sizeof(int16_t);
}

/* Rows r0.. (nr of them), items i0.. (ni) of the row-major answers into
 * item-major order one value at a time: the portable path, and the edges
 * the 8 × 8 blocks below do not cover. */
static inline __attribute__((always_inline)) void
transpose_scalar(const int16_t *rows, size_t n_items, size_t r0, size_t nr, size_t i0, size_t ni,
		 int16_t *ans)
{
	for (size_t r = r0; r < r0 + nr; r++)
		for (size_t i = i0; i < i0 + ni; i++)
			ans[i * CHUNK + r] = rows[r * n_items + i];
}

#ifdef __SSE2__
#include <emmintrin.h>

/* An 8 × 8 block of int16_t (8 respondents × 8 items) transposed in
 * registers: 24 unpacks instead of 64 scattered 2-byte stores, which cost
 * more than all the scoring arithmetic. SSE2 is part of x86-64; other
 * targets take transpose_scalar. */
static inline __attribute__((always_inline)) void transpose8(const int16_t *src, size_t stride,
							     int16_t *dst)
{
	__m128i a[8], b[8], c[8];
	for (int k = 0; k < 8; k++)
		a[k] = _mm_loadu_si128((const __m128i *)(const void *)(src + k * stride));
	for (int k = 0; k < 4; k++) {
		b[2 * k] = _mm_unpacklo_epi16(a[2 * k], a[2 * k + 1]);
		b[2 * k + 1] = _mm_unpackhi_epi16(a[2 * k], a[2 * k + 1]);
	}
	/* c[0..3]: items (0,1) (2,3) (4,5) (6,7) of rows 0-3; c[4..7] of rows 4-7. */
	for (int h = 0; h < 2; h++) {
		c[4 * h + 0] = _mm_unpacklo_epi32(b[4 * h + 0], b[4 * h + 2]);
		c[4 * h + 1] = _mm_unpackhi_epi32(b[4 * h + 0], b[4 * h + 2]);
		c[4 * h + 2] = _mm_unpacklo_epi32(b[4 * h + 1], b[4 * h + 3]);
		c[4 * h + 3] = _mm_unpackhi_epi32(b[4 * h + 1], b[4 * h + 3]);
	}
	for (int k = 0; k < 4; k++) {
		_mm_storeu_si128((__m128i *)(void *)(dst + (2 * k) * CHUNK),
				 _mm_unpacklo_epi64(c[k], c[k + 4]));
		_mm_storeu_si128((__m128i *)(void *)(dst + (2 * k + 1) * CHUNK),
				 _mm_unpackhi_epi64(c[k], c[k + 4]));
	}
}
#endif

/* The chunk's m rows into item-major order; lanes past m (the last chunk)
 * are marked missing so the fixed-width sums below read defined values. */
static inline __attribute__((always_inline)) void
transpose_chunk(const struct questionnaire *q, size_t m, const int16_t *rows, struct chunk *c)
{
	size_t ni = q->n_items, r8 = 0, i8 = 0;
	if (m < CHUNK)
		for (size_t k = 0; k < ni * CHUNK; k++)
			c->ans[k] = Q_MISSING;
#ifdef __SSE2__
	r8 = m / 8 * 8;
	i8 = ni / 8 * 8;
	for (size_t r = 0; r < r8; r += 8)
		for (size_t i = 0; i < i8; i += 8)
			transpose8(rows + r * ni + i, ni, c->ans + i * CHUNK + r);
	transpose_scalar(rows, ni, 0, r8, i8, ni - i8, c->ans);
#endif
	transpose_scalar(rows, ni, r8, m - r8, 0, ni, c->ans);
}

/* The keyed sums and answer counts of item scale sc for the whole chunk:
 * one vector loop per item across the lanes; the keying (add + mul * v) is
 * a constant of the loop. A scale with a table has sums within ±16384
 * (Q_LUT_MAX_KEYS), so 16-bit lanes hold them: twice the lanes per vector. */
static inline __attribute__((always_inline)) void
sum_items16(const struct questionnaire *q, const struct q_scale *sc, struct chunk *c)
{
	const uint32_t *it = q->plan_item + sc->plan_start;
	const int16_t *add = q->plan_add + sc->plan_start;
	const int8_t *mul = q->plan_mul + sc->plan_start;
	int16_t *restrict sum = c->sum16, *restrict answered = c->answered16;
	for (size_t r = 0; r < CHUNK; r++)
		sum[r] = answered[r] = 0;
	for (uint32_t k = 0; k < sc->n_asked; k++) {
		const int16_t *restrict v = c->ans + (size_t)it[k] * CHUNK;
		int16_t a = add[k], b = mul[k];
		for (size_t r = 0; r < CHUNK; r++) {
			int16_t ok = (int16_t)(v[r] != Q_MISSING);
			sum[r] = (int16_t)(sum[r] + (ok ? (int16_t)(a + b * v[r]) : 0));
			answered[r] = (int16_t)(answered[r] + ok);
		}
	}
	for (size_t r = 0; r < CHUNK; r++) {
		c->sum[r] = sum[r];
		c->answered[r] = answered[r];
	}
}

/* The same in 32-bit lanes, for scales too long for a table. */
static inline __attribute__((always_inline)) void
sum_items32(const struct questionnaire *q, const struct q_scale *sc, struct chunk *c)
{
	const uint32_t *it = q->plan_item + sc->plan_start;
	const int16_t *add = q->plan_add + sc->plan_start;
	const int8_t *mul = q->plan_mul + sc->plan_start;
	int32_t *restrict sum = c->sum, *restrict answered = c->answered;
	for (size_t r = 0; r < CHUNK; r++)
		sum[r] = answered[r] = 0;
	for (uint32_t k = 0; k < sc->n_asked; k++) {
		const int16_t *restrict v = c->ans + (size_t)it[k] * CHUNK;
		int32_t a = add[k], b = mul[k];
		for (size_t r = 0; r < CHUNK; r++) {
			int32_t ok = v[r] != Q_MISSING;
			sum[r] += ok ? a + b * v[r] : 0;
			answered[r] += ok;
		}
	}
}

/* Where the results of scale j for the chunk's lanes go. */
struct col {
	double *restrict raw, *restrict t, *restrict pct;
	int8_t *restrict band;
	uint8_t *restrict flags;
	uint16_t *restrict answered;
};

static inline __attribute__((always_inline)) struct col col_at(struct score_columns *out,
							       size_t j, size_t n, size_t r0)
{
	size_t at = j * n + r0;
	return (struct col){ out->raw + at, out->t + at, out->pct + at,
			     out->band + at, out->flags + at, out->answered + at };
}

/* A lane's band: from T where there is one, else from the raw score's
 * cut-offs when the scale has them (a scale without a norm), as score_one
 * does; arithmetic, since the bands of random respondents are as
 * unpredictable as a coin. */
static inline __attribute__((always_inline)) int8_t
lane_band(const struct questionnaire *q, const struct q_scale *sc, double t, double raw)
{
	const double lo = q->norms.low_below, hi = q->norms.high_above;
	const double rlo = sc->raw_low_below, rhi = sc->raw_high_above;
	int8_t nb = (int8_t)((t >= lo) * (1 + (t > hi)) - (t != t));
	if (!sc->has_raw_bands)
		return nb;
	int8_t rb = (int8_t)((raw >= rlo) * (1 + (raw > rhi)) - (raw != raw));
	return nb < 0 ? rb : nb;
}

/* T, percentile and band of the lanes outside the T table (those with
 * c->miss set; all of them when the scale has no table): a derived sum
 * with a prorated part, answers score_check refuses, or a scale without a
 * table. Listed first without a branch: which lanes miss is as random as
 * the gaps. */
static inline __attribute__((always_inline)) void
fix_lanes(const struct questionnaire *q, size_t j, const struct q_lut *l, size_t m,
	  const struct chunk *c, struct col o)
{
	const struct q_scale *sc = &q->scales[j];
	uint8_t list[CHUNK];
	size_t n_list = 0;
	bool all = l->norm != Q_NORM_TABLE;
	for (size_t r = 0; r < m; r++) {
		list[n_list] = (uint8_t)r;
		n_list += all | c->miss[r];
	}
	if (l->n_frac) {
		/* Sums with a prorated part (a third of the domains of a
		 * respondent with one gap), in two passes: first each lane's
		 * place in the table, by arithmetic (its line prefetched), then
		 * the loads, in a loop so short that many of them are in flight
		 * at once (one loop doing both held three or four). What the
		 * table lacks (no score, answers score_check refuses) stays
		 * listed for the formula. */
		const double *restrict ftp = l->frac_tp;
		const uint32_t n_frac = l->n_frac;
		uint32_t at[CHUNK];
		uint8_t rest[CHUNK];
		size_t n_rest = 0;
		for (size_t k = 0; k < n_list; k++) {
			size_t r = list[k];
			uint32_t i = score_frac_find(l, o.raw[r]);
			int none = i == SCORE_FRAC_NONE;
			at[k] = 2 * (c->norm_idx[r] * n_frac + (none ? 0 : i));
			__builtin_prefetch(ftp + at[k]);
			rest[n_rest] = (uint8_t)r;
			n_rest += (size_t)none;
		}
		for (size_t k = 0; k < n_list; k++) {
			size_t r = list[k];
			double t = ftp[at[k]];
			o.t[r] = t;
			o.pct[r] = ftp[at[k] + 1];
			o.band[r] = lane_band(q, sc, t, o.raw[r]);
		}
		memcpy(list, rest, n_rest);
		n_list = n_rest;
	}
	for (size_t k = 0; k < n_list; k++) {
		size_t r = list[k];
		struct scale_score s = { .raw = o.raw[r] };
		score_norm_key(q, j, l, c->norm_idx[r], -1, &s);
		o.t[r] = s.t;
		o.pct[r] = s.percentile;
		o.band[r] = s.band;
	}
}

/* The (T, percentile) pairs at tp + at[r] of m lanes into t and pct: a
 * pair is one 16-byte load, two lanes' pairs become a T and a percentile
 * vector with two shuffles (compilers gather them one double at a time). */
static inline __attribute__((always_inline)) void
pairs_lanes(const double *restrict tp, const int32_t *restrict at, size_t m, double *restrict t,
	    double *restrict pct)
{
	size_t r = 0;
#ifdef __SSE2__
	for (; r + 2 <= m; r += 2) {
		__m128d a = _mm_loadu_pd(tp + at[r]), b = _mm_loadu_pd(tp + at[r + 1]);
		_mm_storeu_pd(t + r, _mm_unpacklo_pd(a, b));
		_mm_storeu_pd(pct + r, _mm_unpackhi_pd(a, b));
	}
#endif
	for (; r < m; r++) {
		t[r] = tp[at[r]];
		pct[r] = tp[at[r] + 1];
	}
}

/* T, percentile and band of m lanes whose raw scores are in o.raw, by the
 * keys in c (lanes with miss set: by the formula), in one pass. A lane
 * without a norm reads the "no norm" block: NaN. */
static inline __attribute__((always_inline)) void
norm_lanes(const struct questionnaire *q, size_t j, const struct q_lut *l, size_t m, bool miss,
	   const struct chunk *c, struct col o)
{
	const struct q_scale *sc = &q->scales[j];
	if (l->norm == Q_NORM_TABLE) {
		const int32_t width = (int32_t)l->width, hot = l->tp_hot, cold = l->tp_cold;
		int32_t at[CHUNK];
		for (size_t r = 0; r < m; r++) {
			int32_t k = c->key[r];
			at[r] = 2 * (c->norm_at[r] + k + (k < width ? hot : cold));
		}
		pairs_lanes(l->tp, at, m, o.t, o.pct);
		for (size_t r = 0; r < m; r++)
			o.band[r] = lane_band(q, sc, o.t[r], o.raw[r]);
	} else {
		/* No T: the band is the raw score's, or none. */
		for (size_t r = 0; r < m; r++) {
			o.t[r] = o.pct[r] = NAN;
			o.band[r] = lane_band(q, sc, NAN, o.raw[r]);
		}
		miss = l->norm == Q_NORM_FORMULA;
	}
	if (miss)
		fix_lanes(q, j, l, m, c, o);
}

/* Item scale j: sums, then raw score by table key and flags by count, then
 * the norms. Lanes whose sum lies outside the table (answers score_check
 * refuses) and scales without a table go through score_item_raw. */
static inline __attribute__((always_inline)) void
items_col(const struct questionnaire *q, size_t j, const struct q_lut *l, size_t m,
	  struct chunk *c, struct col o)
{
	const struct q_scale *sc = &q->scales[j];
	bool miss = false;
	if (l->kind != Q_LUT_ITEMS) {
		uint8_t base = sc->n_asked < sc->n_items ? SCORE_ITEMS_EXCLUDED : 0;
		sum_items32(q, sc, c);
		for (size_t r = 0; r < m; r++) {
			uint8_t f = base;
			o.raw[r] = score_item_raw(sc, c->sum[r], (uint32_t)c->answered[r], &f);
			o.flags[r] = f;
			o.answered[r] = (uint16_t)c->answered[r];
			c->key[r] = 0;
			c->miss[r] = 1;
		}
		norm_lanes(q, j, l, m, true, c, o);
		return;
	}
	sum_items16(q, sc, c);
	const int32_t lo = l->lo, n_asked = (int32_t)l->n_asked, width = (int32_t)l->width;
	const uint32_t n_items = l->n_items, min_scored = l->min_scored;
	const uint8_t base = l->base_flags;
	const double *restrict rawt = l->raw;
	int any = 0;
	for (size_t r = 0; r < CHUNK; r++) {
		uint32_t off = (uint32_t)(c->sum[r] - lo);
		int32_t key = (n_asked - c->answered[r]) * width + (int32_t)off;
		int out = off >= (uint32_t)width;
		c->key[r] = out ? 0 : key;
		c->miss[r] = (uint8_t)out;
		any |= out;
	}
	for (size_t r = 0; r < m; r++) {
		uint32_t a = (uint32_t)c->answered[r];
		o.raw[r] = rawt[c->key[r]];
		o.flags[r] = score_items_flags(base, n_items, min_scored, a);
		o.answered[r] = (uint16_t)a;
	}
	if (any) {
		for (size_t r = 0; r < m; r++)
			if (c->miss[r]) {
				uint8_t f = base;
				o.raw[r] = score_item_raw(sc, c->sum[r], (uint32_t)c->answered[r], &f);
				o.flags[r] = f;
				miss = true;
			}
	}
	norm_lanes(q, j, l, m, miss, c, o);
}

/* d, or NaN when no is set: a select in integer bits, which compilers
 * vectorise where a conditional division or subtraction (which could
 * trap) they do not. The NaN is NAN's, as score_derived_raw returns. */
static inline __attribute__((always_inline)) double nan_if(int no, double d)
{
	static const double nan = NAN;
	uint64_t b, n, mask = (uint64_t)0 - (uint64_t)(no != 0);
	memcpy(&b, &d, sizeof b);
	memcpy(&n, &nan, sizeof n);
	b = (b & ~mask) | (n & mask);
	memcpy(&d, &b, sizeof d);
	return d;
}

/* Derived scale j from its parts' columns (earlier scales, already done):
 * counts and flags part by part, the raw score by score_derived_raw's rule
 * lane by lane in vector loops (the same operations in the same order). */
static inline __attribute__((always_inline)) void
derived_col(const struct questionnaire *q, size_t j, const struct q_lut *l, size_t n, size_t r0,
	    size_t m, struct chunk *c, struct score_columns *out, struct col o)
{
	const struct q_scale *sc = &q->scales[j];
	uint32_t answered[CHUNK];
	double sum[CHUNK];
	const double *part[5] = { 0 };
	for (uint32_t k = 0; k < sc->n_of; k++) {
		size_t at = sc->of[k] * n + r0;
		const uint16_t *restrict pa = out->answered + at;
		const uint8_t *restrict pf = out->flags + at;
		const double *restrict pr = out->raw + at;
		if (k < 5)
			part[k] = pr;
		if (k == 0) {
			/* 0.0 + v, not v: the same sum as score_derived_raw's, -0 included. */
			for (size_t r = 0; r < m; r++) {
				double v = pr[r];
				answered[r] = pa[r];
				o.flags[r] = (uint8_t)((pf[r] & SCORE_INHERITED) | (v != v) * SCORE_NO_SCORE);
				sum[r] = 0.0 + v;
			}
			continue;
		}
		for (size_t r = 0; r < m; r++) {
			double v = pr[r];
			answered[r] += pa[r];
			o.flags[r] |= (uint8_t)((pf[r] & SCORE_INHERITED) | (v != v) * SCORE_NO_SCORE);
			sum[r] += v;
		}
	}
	for (size_t r = 0; r < m; r++)
		o.answered[r] = score_count16(answered[r]);
	double *restrict raw = o.raw;
	const uint8_t *restrict flags = o.flags;
	const uint32_t n_of = sc->n_of;
	const double *restrict p0 = part[0], *restrict p1 = part[1], *restrict p2 = part[2],
		     *restrict p3 = part[3], *restrict p4 = part[4];
	switch (sc->combine) {
	case Q_COMBINE_SUM:
		for (size_t r = 0; r < m; r++)
			raw[r] = nan_if(flags[r] & SCORE_NO_SCORE, sum[r]);
		break;
	case Q_COMBINE_MEAN:
		for (size_t r = 0; r < m; r++)
			raw[r] = nan_if(flags[r] & SCORE_NO_SCORE, sum[r] / n_of);
		break;
	case Q_COMBINE_MPS:
		for (size_t r = 0; r < m; r++)
			raw[r] = nan_if(flags[r] & SCORE_NO_SCORE,
					((p0[r] + p1[r] + p2[r]) / 3.0) * p3[r] * p4[r]);
		break;
	case Q_COMBINE_DIFFERENCE:
		for (size_t r = 0; r < m; r++)
			raw[r] = nan_if(flags[r] & SCORE_NO_SCORE, p0[r] - p1[r]);
		break;
	}
	int any = 1;
	if (l->kind == Q_LUT_WHOLE) {
		/* Adding 2^52 + 2^51 rounds a double below 2^51 to a whole number
		 * held in the low bits of the sum: a whole-number test and the
		 * conversion in plain arithmetic, which vectorises (a NaN or a
		 * value out of range fails the comparisons and misses). */
		const double magic = 6755399441055744.0;
		const int32_t ilo = l->lo;
		const double lo = ilo, end = (double)ilo + l->width;
		int32_t *restrict key = c->key;
		uint8_t *restrict miss = c->miss;
		any = 0;
		for (size_t r = 0; r < m; r++) {
			double v = raw[r], y = v + magic;
			int64_t bits;
			memcpy(&bits, &y, sizeof bits);
			int hit = (v >= lo) & (v < end) & (y - magic == v);
			key[r] = hit ? (int32_t)bits - ilo : 0;
			miss[r] = (uint8_t)!hit;
			any |= !hit;
		}
	} else {
		for (size_t r = 0; r < m; r++) {
			c->key[r] = 0;
			c->miss[r] = 1;
		}
	}
	norm_lanes(q, j, l, m, any, c, o);
}

/* The chunk's norms, looked up once rather than once per scale. */
static inline __attribute__((always_inline)) void
chunk_norms(const struct questionnaire *q, const struct norm_choice *const *norms, size_t m,
	    size_t stride, struct chunk *c)
{
	for (size_t r = 0; r < CHUNK; r++) {
		uint32_t g = score_norm_index(q, norms && r < m ? norms[r] : NULL);
		c->norm_idx[r] = g;
		c->norm_at[r] = (int32_t)(g * stride);
	}
}

/* One chunk of m respondents, rows r0.. of the batch. */
static inline __attribute__((always_inline)) void
score_chunk(const struct questionnaire *q, const struct q_lut *luts, size_t stride, size_t n,
	    size_t r0, size_t m, const int16_t *rows, const struct norm_choice *const *norms,
	    struct chunk *c, struct score_columns *out)
{
	/* The next chunk's rows, fetched a slice per scale while this one is
	 * scored: the transposition otherwise waits for memory. */
	const char *next = (const char *)(rows + m * q->n_items);
	size_t ahead = r0 + m < n ? (n - r0 - m < CHUNK ? n - r0 - m : CHUNK) : 0;
	size_t lines = (ahead * q->n_items * sizeof *rows + 63) / 64, done = 0;
	chunk_norms(q, norms, m, stride, c);
	transpose_chunk(q, m, rows, c);
	/* Pack order, so a derived scale's parts are done when it is reached. */
	for (size_t j = 0; j < q->n_scales; j++) {
		for (size_t until = lines * (j + 1) / q->n_scales; done < until; done++)
			__builtin_prefetch(next + done * 64);
		struct col o = col_at(out, j, n, r0);
		if (q->scales[j].kind == Q_SCALE_ITEMS)
			items_col(q, j, &luts[j], m, c, o);
		else
			derived_col(q, j, &luts[j], n, r0, m, c, out, o);
	}
}

typedef void chunk_fn(const struct questionnaire *q, const struct q_lut *luts, size_t stride,
		      size_t n, size_t r0, size_t m, const int16_t *rows,
		      const struct norm_choice *const *norms, struct chunk *c,
		      struct score_columns *out);

/* The same code compiled twice: for the x86-64 baseline (SSE2) and, chosen
 * at run time, for AVX2, whose gathers and 256-bit lanes the baseline
 * binary may not use (docs/performance.md). */
static void chunk_base(const struct questionnaire *q, const struct q_lut *luts, size_t stride,
		       size_t n, size_t r0, size_t m, const int16_t *rows,
		       const struct norm_choice *const *norms, struct chunk *c,
		       struct score_columns *out)
{
	score_chunk(q, luts, stride, n, r0, m, rows, norms, c, out);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_AVX2_CLONE 1
__attribute__((target("avx2"))) static void
chunk_avx2(const struct questionnaire *q, const struct q_lut *luts, size_t stride, size_t n,
	   size_t r0, size_t m, const int16_t *rows, const struct norm_choice *const *norms,
	   struct chunk *c, struct score_columns *out)
{
	score_chunk(q, luts, stride, n, r0, m, rows, norms, c, out);
}
#endif

static enum score_isa isa_forced = SCORE_ISA_AUTO;

void score_isa_force(enum score_isa isa)
{
	isa_forced = isa;
}

enum score_isa score_isa_used(void)
{
#ifdef HAVE_AVX2_CLONE
	__builtin_cpu_init();
	/* __builtin_cpu_supports also checks that the OS saves the AVX state. */
	if (isa_forced != SCORE_ISA_BASELINE && __builtin_cpu_supports("avx2"))
		return SCORE_ISA_AVX2;
#endif
	return SCORE_ISA_BASELINE;
}

static chunk_fn *chunk_kernel(void)
{
#ifdef HAVE_AVX2_CLONE
	if (score_isa_used() == SCORE_ISA_AVX2)
		return chunk_avx2;
#endif
	return chunk_base;
}

/* asked does not depend on the answers: once per call. */
static void fill_asked(const struct questionnaire *q, uint16_t *asked)
{
	for (size_t j = 0; j < q->n_scales; j++) {
		const struct q_scale *sc = &q->scales[j];
		uint32_t sum = 0;
		if (sc->kind == Q_SCALE_ITEMS) {
			asked[j] = (uint16_t)sc->n_asked;
			continue;
		}
		for (uint32_t k = 0; k < sc->n_of; k++)
			sum += asked[sc->of[k]];
		asked[j] = score_count16(sum);
	}
}

void score_batch_columns(const struct questionnaire *q, size_t n, const int16_t *answers,
			 const struct norm_choice *const *norms, struct score_columns *out,
			 void *scratch)
{
	const struct q_lut *luts = score_luts(q);
	size_t stride = 0;
	for (size_t j = 0; j < q->n_scales && !stride; j++)
		stride = luts[j].norm == Q_NORM_TABLE ? luts[j].tp_stride : 0;
	/* norm_at below holds g * stride in an int32_t: TP_MAX_BYTES keeps it small. */
	chunk_fn *kernel = chunk_kernel();
	struct chunk c = { .ans = scratch };
	fill_asked(q, out->asked);
	for (size_t r0 = 0; r0 < n; r0 += CHUNK) {
		size_t m = n - r0 < CHUNK ? n - r0 : CHUNK;
		kernel(q, luts, stride, n, r0, m, answers + r0 * q->n_items, norms ? norms + r0 : NULL,
		       &c, out);
	}
}
