#include "engine/score_columns.h"

#include "engine/score_internal.h"

#include <stdbool.h>

/* Respondents scored together. A chunk's answers (n_items × CHUNK int16_t,
 * 15 KB for the Big Five) stay in L1, and the fixed trip count lets the
 * compiler unroll the per-item vector loops. 64 measured best (16: 9.8×,
 * 32: 7.0×, 64 and 128: 6.6× memcpy with complete answers). */
#define CHUNK 64

/* The scratch of one chunk, item-major: ans[i * CHUNK + r] is respondent
 * r's answer to item i as given (keying happens in the sums, where it is a
 * per-item constant), Q_MISSING for lanes past the last respondent. */
struct chunk {
	int16_t *ans;
	int32_t sum[CHUNK], answered[CHUNK];
};

size_t score_columns_scratch_size(const struct questionnaire *q)
{
	return q->n_items * CHUNK * sizeof(int16_t);
}

/* Rows r0.. (nr of them), items i0.. (ni) of the row-major answers into
 * item-major order one value at a time: the portable path, and the edges
 * the 8 × 8 blocks below do not cover. */
static void transpose_scalar(const int16_t *rows, size_t n_items, size_t r0, size_t nr,
			     size_t i0, size_t ni, int16_t *ans)
{
	for (size_t r = r0; r < r0 + nr; r++)
		for (size_t i = i0; i < i0 + ni; i++)
			ans[i * CHUNK + r] = rows[r * n_items + i];
}

#ifdef __SSE2__
#include <emmintrin.h>

/* An 8 × 8 block of int16_t (8 respondents × 8 items) transposed in
 * registers: 24 unpacks instead of 64 scattered 2-byte stores, which cost
 * more than all the scoring arithmetic. SSE2 is part of x86-64, so no
 * dispatch is needed; other targets take transpose_scalar. */
static void transpose8(const int16_t *src, size_t stride, int16_t *dst)
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
static void transpose_chunk(const struct questionnaire *q, size_t m, const int16_t *rows,
			    struct chunk *c)
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
 * one vector loop per item, no per-respondent gathers; the keying
 * (add + mul * v, prepared per plan entry) is a constant of the loop. */
/* Kept out of line: inlined into the scale loop, gcc 12 -O3 produces code
 * that makes the whole batch ~15 % slower (measured, bench_score). */
__attribute__((noinline)) static void sum_items(const struct questionnaire *q,
						const struct q_scale *sc, struct chunk *c)
{
	const uint32_t *it = q->plan_item + sc->plan_start;
	const int16_t *add = q->plan_add + sc->plan_start;
	const int8_t *mul = q->plan_mul + sc->plan_start;
	for (size_t r = 0; r < CHUNK; r++)
		c->sum[r] = c->answered[r] = 0;
	for (uint32_t k = 0; k < sc->n_asked; k++) {
		const int16_t *v = c->ans + (size_t)it[k] * CHUNK;
		int32_t a = add[k], b = mul[k];
		for (size_t r = 0; r < CHUNK; r++) {
			int32_t ok = v[r] != Q_MISSING;
			c->sum[r] += ok ? a + b * v[r] : 0;
			c->answered[r] += ok;
		}
	}
}

/* Raw score, flags and answered of item scale j for m respondents at
 * column offset at. Every lane first gets the full-length score (a vector
 * loop: score_item_raw with answered = n_items has no branch left); the
 * lanes with a gap are then redone one by one. */
static void score_items_col(const struct questionnaire *q, size_t j, size_t m, size_t at,
			    struct chunk *c, struct score_columns *out)
{
	const struct q_scale *sc = &q->scales[j];
	uint8_t base = sc->n_asked < sc->n_items ? SCORE_ITEMS_EXCLUDED : 0, unused = 0;
	double *restrict raw = out->raw + at;
	uint8_t *restrict flags = out->flags + at;
	uint16_t *restrict answered = out->answered + at;
	sum_items(q, sc, c);
	for (size_t r = 0; r < m; r++) {
		raw[r] = score_item_raw(sc, c->sum[r], sc->n_items, &unused);
		flags[r] = base;
		answered[r] = (uint16_t)c->answered[r];
	}
	for (size_t r = 0; r < m; r++)
		if ((uint32_t)c->answered[r] != sc->n_items) {
			uint8_t f = base;
			raw[r] = score_item_raw(sc, c->sum[r], (uint32_t)c->answered[r], &f);
			flags[r] = f;
		}
}

/* Derived scale j from its parts' columns (earlier scales, already done),
 * the counts and flags part by part over the chunk, the raw scores one
 * respondent at a time (score_derived_raw, shared with score_batch). restrict: uint8_t stores could otherwise
 * alias every pointer and keep the loops scalar. */
static void score_derived_col(const struct questionnaire *q, size_t j, size_t n, size_t m,
			      size_t r0, struct score_columns *out)
{
	const struct q_scale *sc = &q->scales[j];
	size_t at = j * n + r0;
	uint32_t answered[CHUNK] = { 0 };
	uint8_t *restrict flags = out->flags + at;
	for (size_t r = 0; r < m; r++)
		flags[r] = 0;
	for (uint32_t k = 0; k < sc->n_of; k++) {
		const uint16_t *restrict pa = out->answered + sc->of[k] * n + r0;
		const uint8_t *restrict pf = out->flags + sc->of[k] * n + r0;
		for (size_t r = 0; r < m; r++) {
			answered[r] += pa[r];
			flags[r] |= pf[r] & SCORE_INHERITED;
		}
	}
	uint16_t *restrict ans = out->answered + at;
	double *restrict raw = out->raw + at;
	for (size_t r = 0; r < m; r++)
		ans[r] = score_count16(answered[r]);
	for (size_t r = 0; r < m; r++)
		raw[r] = score_derived_raw(sc, out->raw + r0 + r, n * sizeof(double), &flags[r]);
}

/* T, percentile and band of scale j for m respondents under nm[r] (NULL:
 * none). Scale-major order keeps this scale's table of every norm hot
 * across the chunk. Without any norm the loop has no lookups and the
 * compiler vectorises it. */
static void norm_col(const struct questionnaire *q, size_t j, size_t m, size_t at,
		     const struct q_norm *const *nm, bool any_norm, struct score_columns *out)
{
	const struct q_scale *sc = &q->scales[j];
	const double *restrict raw = out->raw + at;
	double *restrict t = out->t + at, *restrict pct = out->pct + at;
	int8_t *restrict band = out->band + at;
	if (!any_norm) {
		for (size_t r = 0; r < m; r++) {
			t[r] = pct[r] = NAN;
			band[r] = score_raw_band(sc, raw[r], Q_BAND_NONE);
		}
		return;
	}
	for (size_t r = 0; r < m; r++) {
		struct scale_score s = { .raw = raw[r], .t = NAN, .percentile = NAN,
					 .band = Q_BAND_NONE };
		if (nm[r])
			norm_apply_scale(q, nm[r], j, &s);
		t[r] = s.t;
		pct[r] = s.percentile;
		band[r] = score_raw_band(sc, s.raw, s.band);
	}
}

/* The chunk's norms, looked up once rather than once per scale; false
 * when none of its respondents has one. */
static bool chunk_norms(const struct norm_choice *const *norms, size_t m,
			const struct q_norm **nm)
{
	bool any = false;
	for (size_t r = 0; r < m; r++) {
		nm[r] = norms && norms[r] ? norms[r]->norm : NULL;
		any |= nm[r] != NULL;
	}
	return any;
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
	struct chunk c = { .ans = scratch };
	fill_asked(q, out->asked);
	for (size_t r0 = 0; r0 < n; r0 += CHUNK) {
		size_t m = n - r0 < CHUNK ? n - r0 : CHUNK;
		const struct q_norm *nm[CHUNK];
		bool any_norm = chunk_norms(norms ? norms + r0 : NULL, m, nm);
		transpose_chunk(q, m, answers + r0 * q->n_items, &c);
		/* Pack order, so a derived scale's parts are done when it is reached. */
		for (size_t j = 0; j < q->n_scales; j++) {
			if (q->scales[j].kind == Q_SCALE_ITEMS)
				score_items_col(q, j, m, j * n + r0, &c, out);
			else
				score_derived_col(q, j, n, m, r0, out);
			norm_col(q, j, m, j * n + r0, nm, any_norm, out);
		}
	}
}
