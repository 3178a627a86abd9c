#include "engine/score.h"

#include "engine/score_columns.h"
#include "engine/score_internal.h"

#include <math.h>


int score_check(const struct questionnaire *q, const int16_t *answers, struct err *e)
{
	for (size_t i = 0; i < q->n_items; i++) {
		const struct q_item *it = &q->items[i];
		int v = answers[i];
		if (v == Q_MISSING)
			continue;
		/* Not asked means not processed: an excluded item may hold
		 * special-category data (AVG art. 9). */
		if (it->excluded)
			return err_set(e, IPM_EINVAL,
				       "item \"%s\": not asked (excluded by default), the answer must be empty",
				       it->id);
		if (v < it->min || v > it->max)
			return err_set(e, IPM_EINVAL, "item \"%s\": answer outside %d..%d", it->id,
				       it->min, it->max);
	}
	for (size_t b = 0; b < q->n_blocks; b++) {
		const struct q_block *bl = &q->blocks[b];
		long sum = 0;
		uint32_t given = 0;
		for (uint32_t k = 0; k < bl->n_items; k++) {
			int v = answers[bl->items[k]];
			if (v != Q_MISSING)
				sum += v, given++;
		}
		if (given == 0)
			continue;
		/* A split is one answer: a gap would be read as zero points by
		 * one person and as "no answer" by another. */
		if (given < bl->n_items)
			return err_set(e, IPM_EINVAL,
				       "block \"%s\": %u of %u items answered; give points to all or none",
				       bl->id, given, bl->n_items);
		if (sum != bl->total)
			return err_set(e, IPM_EINVAL, "block \"%s\": points add up to %ld, expected %d",
				       bl->id, sum, bl->total);
	}
	return IPM_OK;
}

/* Keys the whole row in one branch-free loop the compiler vectorises: the
 * keyed value (0 when missing) and whether the item was answered, so every
 * scale is then a plain sum over its items, gaps or not. */
static void key_row(const struct questionnaire *q, const int16_t *row, int16_t *keyed,
		    int16_t *given)
{
	for (size_t i = 0; i < q->n_items; i++) {
		int16_t v = row[i];
		int16_t ok = (int16_t)(v != Q_MISSING);
		given[i] = ok;
		keyed[i] = (int16_t)(ok * (q->item_add[i] + q->item_mul[i] * v));
	}
}

/* The keyed sum and answer count of item scale sc over a keyed row. */
static void sum_row(const struct questionnaire *q, const struct q_scale *sc, const int16_t *keyed,
		    const int16_t *given, int32_t *sum, uint32_t *answered)
{
	const uint32_t *it = q->plan_item + sc->plan_start;
	int32_t s = 0, a = 0;
	for (uint32_t k = 0; k < sc->n_asked; k++) {
		s += keyed[it[k]];
		a += given[it[k]];
	}
	*sum = s;
	*answered = (uint32_t)a;
}

/* A derived scale's counts and inherited flags from its parts. */
static void derived_counts(const struct q_scale *sc, const struct scale_score *out,
			   struct scale_score *o)
{
	uint32_t answered = 0, asked = 0;
	uint8_t flags = 0;
	for (uint32_t k = 0; k < sc->n_of; k++) {
		const struct scale_score *part = &out[sc->of[k]];
		answered += part->answered;
		asked += part->asked;
		flags |= part->flags & SCORE_INHERITED;
	}
	o->answered = score_count16(answered);
	o->asked = score_count16(asked);
	o->flags = flags;
}

/* The reference: every value by its formula, one respondent, scales in pack
 * order (a derived scale's parts come earlier). The batch paths use tables
 * built from these same formulas; the tests hold them to this, bit for bit. */
void score_one(const struct questionnaire *q, const int16_t *answers,
	       const struct norm_choice *norm, struct scale_score *out)
{
	int16_t keyed[Q_ITEMS_MAX], given[Q_ITEMS_MAX]; /* prepare checked n_items */
	const struct q_norm *nm = norm ? norm->norm : NULL;
	key_row(q, answers, keyed, given);
	for (size_t j = 0; j < q->n_scales; j++) {
		const struct q_scale *sc = &q->scales[j];
		struct scale_score *o = &out[j];
		if (sc->kind == Q_SCALE_ITEMS) {
			int32_t sum;
			uint32_t answered;
			uint8_t flags = sc->n_asked < sc->n_items ? SCORE_ITEMS_EXCLUDED : 0;
			sum_row(q, sc, keyed, given, &sum, &answered);
			o->answered = (uint16_t)answered;
			o->asked = (uint16_t)sc->n_asked;
			o->raw = score_item_raw(sc, sum, answered, &flags);
			o->flags = flags;
		} else {
			derived_counts(sc, out, o);
			o->raw = score_derived_raw(sc, &out->raw, sizeof *out, &o->flags);
		}
		o->t = o->percentile = NAN;
		o->band = Q_BAND_NONE;
		if (nm)
			norm_apply(&q->norms, nm->mean[j], nm->sd[j], o);
		o->band = score_raw_band(sc, o->raw, o->band);
	}
}

/* Through the column kernel (score_columns.h), CHUNK respondents at a
 * time into columns in a scratch arena, then written out as rows: the
 * kernel's tables and vectors are several times faster than any row-wise
 * loop, and one kernel means one batch path to hold to score_one. */
#define CHUNK 64

void score_batch(const struct questionnaire *q, size_t n, const int16_t *answers,
		 const struct norm_choice *const *norms, struct scale_score *out)
{
	struct arena a = ARENA_INIT;
	size_t ns = q->n_scales, k = ns * CHUNK;
	struct score_columns c = {
		.raw = arena_array(&a, k + 1, sizeof *c.raw),
		.t = arena_array(&a, k + 1, sizeof *c.t),
		.pct = arena_array(&a, k + 1, sizeof *c.pct),
		.band = arena_array(&a, k + 1, sizeof *c.band),
		.flags = arena_array(&a, k + 1, sizeof *c.flags),
		.answered = arena_array(&a, k + 1, sizeof *c.answered),
		.asked = arena_array(&a, ns + 1, sizeof *c.asked),
	};
	void *scratch = arena_alloc(&a, score_columns_scratch_size(q) + 1);
	for (size_t r0 = 0; r0 < n; r0 += CHUNK) {
		size_t m = n - r0 < CHUNK ? n - r0 : CHUNK;
		score_batch_columns(q, m, answers + r0 * q->n_items, norms ? norms + r0 : NULL, &c,
				    scratch);
		/* Column by column: each column is read in order, each result
		 * written whole. */
		for (size_t j = 0; j < ns; j++) {
			const double *raw = c.raw + j * m, *t = c.t + j * m, *pct = c.pct + j * m;
			const int8_t *band = c.band + j * m;
			const uint8_t *flags = c.flags + j * m;
			const uint16_t *answered = c.answered + j * m;
			struct scale_score *o = out + r0 * ns + j;
			for (size_t r = 0; r < m; r++)
				o[r * ns] = (struct scale_score){
					.raw = raw[r], .t = t[r], .percentile = pct[r],
					.answered = answered[r], .asked = c.asked[j],
					.band = band[r], .flags = flags[r],
				};
		}
	}
	arena_free(&a);
}
