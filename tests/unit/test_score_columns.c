/* The batch paths against score_one (the formulas, no tables), bit for bit,
 * on the shipped packs of the career-research battery: score_batch_columns
 * with the x86-64 baseline kernel and with the AVX2 kernel (when the CPU
 * has it), and the row batch score_batch; every respondent, scale and
 * field, with complete answers, 2 % and 30 % of the answers missing, every
 * norm of the pack (groups and sex-unknown mixtures) and none, and batch
 * sizes that are not a multiple of the engine's chunk. Answers are valid
 * for score_check, as a real client's are: ipsative blocks are split in
 * full or left empty. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/score.h"
#include "engine/score_columns.h"
#include "engine/score_internal.h"
#include "pack/pack.h"
#include "pack/questionnaire_build.h"
#include "support/questionnaire_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Respondents per pack and missing rate: odd, so the last chunk is partial. */
enum { N = 3001 };

static uint64_t rng = 0x2545f4914f6cdd1dull;
static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

/* A valid row: per mille of the rating answers missing, every ipsative
 * block split at random or (at the same rate) left wholly empty. */
static void synth(const struct questionnaire *q, uint32_t missing, int16_t *row)
{
	for (size_t i = 0; i < q->n_items; i++) {
		const struct q_item *it = &q->items[i];
		if (it->excluded || it->points || next() % 1000 < missing)
			row[i] = Q_MISSING;
		else
			row[i] = (int16_t)(it->min + (int)(next() % (uint32_t)(it->max - it->min + 1)));
	}
	for (size_t b = 0; b < q->n_blocks; b++) {
		const struct q_block *bl = &q->blocks[b];
		if (next() % 1000 < missing)
			continue;
		int left = bl->total;
		for (uint32_t k = 0; k + 1 < bl->n_items; k++) {
			int v = (int)(next() % (uint32_t)(left + 1));
			row[bl->items[k]] = (int16_t)v;
			left -= v;
		}
		row[bl->items[bl->n_items - 1]] = (int16_t)left;
	}
}

static bool same_bits(double a, double b)
{
	return memcmp(&a, &b, sizeof a) == 0;
}

struct cols {
	struct score_columns c;
	void *scratch;
};

static struct cols cols_alloc(const struct questionnaire *q, size_t n)
{
	size_t k = q->n_scales * n;
	struct cols x = { .c = { .raw = malloc(k * sizeof(double)), .t = malloc(k * sizeof(double)),
				 .pct = malloc(k * sizeof(double)), .band = malloc(k),
				 .flags = malloc(k), .answered = malloc(k * sizeof(uint16_t)),
				 .asked = malloc(q->n_scales * sizeof(uint16_t)) },
			  .scratch = malloc(score_columns_scratch_size(q)) };
	assert_non_null(x.c.raw && x.c.t && x.c.pct && x.c.band && x.c.flags && x.c.answered &&
			x.c.asked && x.scratch);
	return x;
}

static void cols_free(struct cols *x)
{
	free(x->c.raw);
	free(x->c.t);
	free(x->c.pct);
	free(x->c.band);
	free(x->c.flags);
	free(x->c.answered);
	free(x->c.asked);
	free(x->scratch);
}

static void expect_same(const struct questionnaire *q, const char *path, size_t r, size_t n, size_t j,
			const struct scale_score *x, const struct scale_score *y)
{
	if (!(same_bits(x->raw, y->raw) && same_bits(x->t, y->t) &&
	      same_bits(x->percentile, y->percentile) && x->band == y->band &&
	      x->flags == y->flags && x->answered == y->answered && x->asked == y->asked))
		fail_msg("%s %s: respondent %zu of %zu, scale %s: raw %.17g/%.17g t %.17g/%.17g "
			 "pct %.17g/%.17g band %d/%d flags %d/%d answered %d/%d asked %d/%d",
			 q->pack_id, path, r, n, q->scales[j].id, x->raw, y->raw, x->t, y->t,
			 x->percentile, y->percentile, x->band, y->band, x->flags, y->flags,
			 x->answered, y->answered, x->asked, y->asked);
}

/* The batch paths on n respondents against score_one on each; returns the
 * number of (respondent, scale) results compared per path. */
static size_t compare(const struct questionnaire *q, size_t n, const int16_t *ans,
		      const struct norm_choice *const *norms)
{
	static const enum score_isa isas[2] = { SCORE_ISA_BASELINE, SCORE_ISA_AVX2 };
	static const char *const isa_name[2] = { "columns (baseline)", "columns (AVX2)" };
	struct cols x[2] = { cols_alloc(q, n), cols_alloc(q, n) };
	struct scale_score *one = malloc(q->n_scales * sizeof *one);
	struct scale_score *rows = malloc(n * q->n_scales * sizeof *rows);
	assert_non_null(one);
	assert_non_null(rows);
	for (int k = 0; k < 2; k++) {
		score_isa_force(isas[k]);
		score_batch_columns(q, n, ans, norms, &x[k].c, x[k].scratch);
	}
	score_isa_force(SCORE_ISA_AUTO);
	score_batch(q, n, ans, norms, rows);
	for (size_t r = 0; r < n; r++) {
		score_one(q, ans + r * q->n_items, norms ? norms[r] : NULL, one);
		for (size_t j = 0; j < q->n_scales; j++) {
			for (int k = 0; k < 2; k++) {
				size_t at = j * n + r;
				struct scale_score c = {
					.raw = x[k].c.raw[at], .t = x[k].c.t[at],
					.percentile = x[k].c.pct[at], .band = x[k].c.band[at],
					.flags = x[k].c.flags[at], .answered = x[k].c.answered[at],
					.asked = x[k].c.asked[j],
				};
				expect_same(q, isa_name[k], r, n, j, &c, &one[j]);
			}
			expect_same(q, "score_batch", r, n, j, &rows[r * q->n_scales + j], &one[j]);
		}
	}
	free(rows);
	free(one);
	cols_free(&x[0]);
	cols_free(&x[1]);
	return n * q->n_scales;
}

/* Every norm the pack can give (groups and mixtures), plus none. */
static size_t norm_pool(const struct questionnaire *q, struct norm_choice *pool, size_t cap)
{
	static const char sexes[3] = { 'm', 'v', 0 };
	size_t k = 0;
	for (int s = 0; s < 3; s++)
		for (int age = 15; age <= 90 && k < cap; age += 3) {
			struct err e = { 0 };
			if (q->norms.n_groups && norm_select(q, sexes[s], age, &pool[k], &e) == IPM_OK)
				k++;
		}
	return k;
}

/* The batch paths on q against score_one; label names the case. Frees q. */
static void equals_one_by_one(struct questionnaire *q, const char *pack, const char *label)
{
	static const uint32_t missing[3] = { 0, 20, 300 };
	static const size_t sizes[] = { N, 1, 31, 33, 64, 95 };
	struct norm_choice pool[256];
	size_t n_pool = norm_pool(q, pool, 256), compared = 0;
	/* Every norm of the pack is in the pool: each group, each mixture. */
	for (size_t g = 0; g < q->norms.n_norms; g++) {
		bool seen = false;
		for (size_t k = 0; k < n_pool; k++)
			seen |= pool[k].norm == &q->norms.norms[g];
		if (!seen)
			fail_msg("%s: norm %zu not in the test pool", pack, g);
	}
	int16_t *ans = malloc(N * q->n_items * sizeof *ans);
	const struct norm_choice **norms = malloc(N * sizeof *norms);
	assert_non_null(ans);
	assert_non_null(norms);
	for (size_t m = 0; m < 3; m++) {
		for (size_t r = 0; r < N; r++) {
			struct err e = { 0 };
			synth(q, missing[m], ans + r * q->n_items);
			if (score_check(q, ans + r * q->n_items, &e))
				fail_msg("%s", e.msg);
			/* One in eight without a norm, the rest spread over the pool. */
			norms[r] = n_pool && next() % 8 ? &pool[next() % n_pool] : NULL;
		}
		for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
			compared += compare(q, sizes[s], ans, norms);
			compared += compare(q, sizes[s], ans, NULL);
		}
	}
	assert_true(compared > 0);
	print_message("%s%s: %zu results bit-identical in each of 3 paths (AVX2 kernel %s)\n",
		      pack, label, compared,
		      score_isa_used() == SCORE_ISA_AVX2 ? "tested" : "not available");
	free(norms);
	free(ans);
	questionnaire_free(q);
}

static void pack_equals_one_by_one(const char *pack, bool include_excluded)
{
	equals_one_by_one(test_questionnaire(pack, include_excluded), pack,
			  include_excluded ? " (excluded items asked)" : "");
}

/* A questionnaire built without the batch tables (for score_one only)
 * still scores batches right: every scale by the formulas. */
static void without_batch_tables(void **state)
{
	(void)state;
	static const char *const packs[] = { "data/packs/ipip-neo-120.json",
					     "tests/fixtures/packs/engine-score.json",
					     "tests/fixtures/packs/score-fractions.json" };
	for (size_t k = 0; k < sizeof packs / sizeof *packs; k++) {
		struct pack *p = NULL;
		struct questionnaire *q = NULL;
		struct err e = { 0 };
		struct questionnaire_opts o = { .no_batch_tables = true };
		if (pack_load_file(packs[k], &p, &e) || questionnaire_build(p, &o, &q, &e))
			fail_msg("%s", e.msg);
		pack_free(p);
		const struct q_lut *luts = score_luts(q);
		for (size_t j = 0; j < q->n_scales; j++)
			assert_int_equal(luts[j].kind, Q_LUT_NONE);
		equals_one_by_one(q, packs[k], " (no batch tables)");
	}
}

static void big_five(void **state)
{
	(void)state;
	pack_equals_one_by_one("data/packs/ipip-neo-120.json", false);
	pack_equals_one_by_one("data/packs/ipip-neo-120.json", true);
}

static void career_anchors(void **state)
{
	(void)state;
	pack_equals_one_by_one("data/packs/career-anchors.json", false);
}

static void career_clusters(void **state)
{
	(void)state;
	pack_equals_one_by_one("data/packs/career-clusters.json", false);
}

static void culture_preference(void **state)
{
	(void)state;
	pack_equals_one_by_one("data/packs/culture-preference.json", false);
}

static void job_characteristics(void **state)
{
	(void)state;
	pack_equals_one_by_one("data/packs/job-characteristics.json", false);
}

/* The engine's own fixture: prorated means, excluded items, every kind of
 * derived scale, raw bands and norms on a handful of items. */
static void engine_fixture(void **state)
{
	(void)state;
	pack_equals_one_by_one("tests/fixtures/packs/engine-score.json", false);
}

/* Derived sums of parts prorated by other fractions than the Big Five's
 * thirds (fifths and quarters of a 5-item scale, halves and fifths of a
 * 6-item one, halves of a 3-item one): multiples of 1/60. */
static void other_fractions(void **state)
{
	(void)state;
	pack_equals_one_by_one("tests/fixtures/packs/score-fractions.json", false);
}

/* The fractional table of a derived sum serves every raw score with a
 * prorated part that respondents reach, with score_one's T and percentile
 * under every norm: the batch would be right without it too (the formula
 * takes what the table lacks), only slow, so this holds the table itself. */
static void fractional_sums_are_tabled(void **state)
{
	(void)state;
	static const struct {
		const char *pack;
		int32_t den;
	} packs[] = { { "data/packs/ipip-neo-120.json", 3 },
		      { "tests/fixtures/packs/score-fractions.json", 60 } };
	for (size_t p = 0; p < sizeof packs / sizeof *packs; p++) {
		struct questionnaire *q = test_questionnaire(packs[p].pack, false);
		const struct q_lut *luts = score_luts(q);
		int16_t *row = malloc(q->n_items * sizeof *row);
		struct scale_score *one = malloc(q->n_scales * sizeof *one);
		assert_non_null(row);
		assert_non_null(one);
		size_t found = 0;
		for (size_t j = 0; j < q->n_scales; j++)
			if (q->scales[j].kind == Q_SCALE_DERIVED)
				assert_int_equal(luts[j].frac_den, packs[p].den);
		for (size_t r = 0; r < 20000; r++) {
			synth(q, r % 2 ? 300 : 100, row);
			score_one(q, row, NULL, one);
			for (size_t j = 0; j < q->n_scales; j++) {
				const struct q_lut *l = &luts[j];
				double raw = one[j].raw;
				if (q->scales[j].kind != Q_SCALE_DERIVED || isnan(raw) || raw == floor(raw))
					continue;
				uint32_t i = score_frac_find(l, raw);
				if (i == SCORE_FRAC_NONE)
					fail_msg("%s %s: raw %.17g not in the fractional table", packs[p].pack,
						 q->scales[j].id, raw);
				for (size_t g = 0; g <= q->norms.n_norms; g++) {
					struct scale_score s = { .raw = raw, .t = NAN, .percentile = NAN };
					if (g < q->norms.n_norms)
						norm_apply(&q->norms, q->norms.norms[g].mean[j],
							   q->norms.norms[g].sd[j], &s);
					assert_true(same_bits(l->frac_tp[2 * (g * l->n_frac + i)], s.t));
					assert_true(same_bits(l->frac_tp[2 * (g * l->n_frac + i) + 1],
							      s.percentile));
				}
				found++;
			}
		}
		assert_true(found > 1000);
		free(one);
		free(row);
		questionnaire_free(q);
	}
}

/* Answers score_check would refuse (outside the response scale) are not
 * the batch's to judge: they still score exactly as score_one scores them,
 * through the paths for sums outside the tables. */
static void unchecked_answers(void **state)
{
	(void)state;
	static const char *const packs[] = { "tests/fixtures/packs/engine-score.json",
					     "data/packs/ipip-neo-120.json" };
	enum { M = 777 };
	for (size_t p = 0; p < 2; p++) {
		struct questionnaire *q = test_questionnaire(packs[p], false);
		struct norm_choice pool[256];
		size_t n_pool = norm_pool(q, pool, 256);
		int16_t *ans = malloc(M * q->n_items * sizeof *ans);
		const struct norm_choice **norms = malloc(M * sizeof *norms);
		assert_non_null(ans);
		assert_non_null(norms);
		for (size_t r = 0; r < M; r++) {
			for (size_t i = 0; i < q->n_items; i++) {
				const struct q_item *it = &q->items[i];
				int span = it->max - it->min + 1 + 2 * 40;
				ans[r * q->n_items + i] = next() % 10 == 0
					? Q_MISSING : (int16_t)(it->min - 40 + (int)(next() % (uint32_t)span));
			}
			norms[r] = n_pool ? &pool[next() % n_pool] : NULL;
		}
		assert_true(compare(q, M, ans, norms) > 0);
		free(norms);
		free(ans);
		questionnaire_free(q);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(big_five),
		cmocka_unit_test(career_anchors),
		cmocka_unit_test(career_clusters),
		cmocka_unit_test(culture_preference),
		cmocka_unit_test(job_characteristics),
		cmocka_unit_test(engine_fixture),
		cmocka_unit_test(other_fractions),
		cmocka_unit_test(fractional_sums_are_tabled),
		cmocka_unit_test(without_batch_tables),
		cmocka_unit_test(unchecked_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
