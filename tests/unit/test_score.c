/* The scoring engine on tests/fixtures/packs/engine-score.json. Every
 * expected value is computed by hand in the comment beside it; the rules
 * are those of docs/contracts/questionnaire-pack-v2.md.
 *
 * Items (pack order): a1 a2 a3 a4 | b1 b2 b3 | c1 c2 | p1 p2, all 1..5
 * except p1, p2 (points 0..100, block "blk" of 100). a2 and a4 are keyed
 * "-", b3 is excluded by default. Scales: A = sum(a1..a4), min 3, prorate;
 * B = mean(b1..b3), min 2, prorate; C = sum(c1, c2), method none; P1, P2;
 * S = A + C; M = (A + C) / 2; D = A - C; MPS = ((A + B + C)/3)·P1·P2.
 * Norms: m 18–40 A (12, 2), B (3, 0.5), S (20, 5); v 18–40 A (10, 4),
 * B (3.5, 1), S (22, 5); both sexes 41–65 A (11, 3). Bands 45/55.
 * Raw bands (used without a norm): C laag < 4, hoog > 8; S laag < 100. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/score.h"
#include "pack/questionnaire_build.h"
#include "support/questionnaire_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define M Q_MISSING
enum { A, B, C, P1, P2, S, MEAN, D, MPS, N_SCALES };
enum { N_ITEMS = 11 };

static int setup(void **state)
{
	*state = test_questionnaire("tests/fixtures/packs/engine-score.json", false);
	return 0;
}

static int teardown(void **state)
{
	questionnaire_free(*state);
	return 0;
}

static void assert_near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, want %.17g", got, want);
}

static void score(const struct questionnaire *q, const int16_t *answers,
		  const struct norm_choice *nc, struct scale_score *out)
{
	struct err e = { 0 };
	assert_int_equal(q->n_items, N_ITEMS);
	assert_int_equal(q->n_scales, N_SCALES);
	if (score_check(q, answers, &e))
		fail_msg("%s", e.msg);
	score_one(q, answers, nc, out);
}

static struct norm_choice choose(const struct questionnaire *q, char sex, int age)
{
	struct norm_choice nc;
	struct err e = { 0 };
	if (norm_select(q, sex, age, &nc, &e))
		fail_msg("%s", e.msg);
	return nc;
}

/* --- item scales ------------------------------------------------------------ */

static void reverse_keying_and_sum(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[N_SCALES];
	/* A: a1 5 + (1+5−1) 5 + a3 4 + (1+5−2) 4 = 18 */
	int16_t ans[N_ITEMS] = { 5, 1, 4, 2, M, M, M, M, M, M, M };
	score(q, ans, NULL, s);
	assert_true(s[A].raw == 18.0);
	assert_int_equal(s[A].answered, 4);
	assert_int_equal(s[A].asked, 4);
	assert_int_equal(s[A].flags, 0);
	assert_true(isnan(s[A].t) && isnan(s[A].percentile));
	assert_int_equal(s[A].band, Q_BAND_NONE);
	/* the lowest keyed answers: 1 + (1+5−5) + 1 + (1+5−5) = 4 */
	int16_t low[N_ITEMS] = { 1, 5, 1, 5, M, M, M, M, M, M, M };
	score(q, low, NULL, s);
	assert_true(s[A].raw == 4.0);
}

static void prorate_at_min_and_below(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[N_SCALES];
	/* 3 answered = min_answered: 5 + 5 + 4 = 14, prorated 14·4/3 */
	int16_t three[N_ITEMS] = { 5, 1, 4, M, M, M, M, M, M, M, M };
	score(q, three, NULL, s);
	assert_true(s[A].raw == 14.0 * 4 / 3);
	assert_int_equal(s[A].answered, 3);
	assert_int_equal(s[A].flags, SCORE_PRORATED);
	/* 2 answered < 3: no score */
	int16_t two[N_ITEMS] = { 5, 1, M, M, M, M, M, M, M, M, M };
	score(q, two, NULL, s);
	assert_true(isnan(s[A].raw));
	assert_int_equal(s[A].flags, SCORE_NO_SCORE);
	assert_int_equal(s[A].answered, 2);
	/* C has method none: one gap is no score even though min_answered... */
	int16_t gap[N_ITEMS] = { M, M, M, M, M, M, M, 2, M, M, M };
	score(q, gap, NULL, s);
	assert_true(isnan(s[C].raw));
	assert_int_equal(s[C].flags, SCORE_NO_SCORE);
	/* ...and complete it is the plain sum 2 + 5 = 7 */
	int16_t full[N_ITEMS] = { M, M, M, M, M, M, M, 2, 5, M, M };
	score(q, full, NULL, s);
	assert_true(s[C].raw == 7.0);
	assert_int_equal(s[C].flags, 0);
}

static void mean_with_excluded_item(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[N_SCALES];
	/* B: b3 not asked; mean of b1 4, b2 3 = 3.5, prorated and flagged */
	int16_t ans[N_ITEMS] = { M, M, M, M, 4, 3, M, M, M, M, M };
	score(q, ans, NULL, s);
	assert_true(s[B].raw == 3.5);
	assert_int_equal(s[B].answered, 2);
	assert_int_equal(s[B].asked, 2);
	assert_int_equal(s[B].flags, SCORE_PRORATED | SCORE_ITEMS_EXCLUDED);
	/* only b1: 1 < min 2 */
	ans[5] = M;
	score(q, ans, NULL, s);
	assert_true(isnan(s[B].raw));
	assert_int_equal(s[B].flags, SCORE_NO_SCORE | SCORE_ITEMS_EXCLUDED);

	/* Switched on by the organisation: b3 is asked, (4 + 3 + 2)/3 = 3 */
	struct questionnaire *all = test_questionnaire("tests/fixtures/packs/engine-score.json", true);
	int16_t with[N_ITEMS] = { M, M, M, M, 4, 3, 2, M, M, M, M };
	score(all, with, NULL, s);
	assert_true(s[B].raw == 3.0);
	assert_int_equal(s[B].asked, 3);
	assert_int_equal(s[B].flags, 0);
	questionnaire_free(all);
}

/* --- derived scales --------------------------------------------------------- */

static void derived_scales(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[N_SCALES];
	/* A 18, B 3.5 (prorated, excluded), C 2+5 = 7, P1 30, P2 70 */
	int16_t ans[N_ITEMS] = { 5, 1, 4, 2, 4, 3, M, 2, 5, 30, 70 };
	score(q, ans, NULL, s);
	assert_true(s[P1].raw == 30.0 && s[P2].raw == 70.0);
	assert_true(s[S].raw == 25.0);    /* 18 + 7 */
	assert_true(s[MEAN].raw == 12.5); /* (18 + 7)/2 */
	assert_true(s[D].raw == 11.0);    /* 18 − 7 */
	/* ((18 + 3.5 + 7)/3)·30·70 = 9.5·2100 = 19950 */
	assert_true(s[MPS].raw == 19950.0);
	assert_int_equal(s[MPS].flags, SCORE_PRORATED | SCORE_ITEMS_EXCLUDED);
	assert_int_equal(s[S].flags, 0);
	assert_int_equal(s[S].answered, 6); /* 4 of A + 2 of C */
	assert_int_equal(s[S].asked, 6);
	/* a part without a score: C incomplete → S, M, D, MPS no score */
	ans[8] = M;
	score(q, ans, NULL, s);
	for (int j = S; j <= MPS; j++) {
		assert_true(isnan(s[j].raw));
		assert_true(s[j].flags & SCORE_NO_SCORE);
	}
	assert_true(s[A].raw == 18.0);
}

/* --- norms ------------------------------------------------------------------ */

static void percentile_is_exact_normal_cdf(void **state)
{
	(void)state;
	/* Φ(1), Φ(−1.96), Φ(0) at T = 60, 30.4, 50 */
	assert_near(norm_percentile(60.0) / 100, 0.841344746068543, 1e-12);
	assert_near(norm_percentile(50.0 + 10 * -1.96) / 100, 0.0249978951482204, 1e-12);
	assert_true(norm_percentile(50.0) == 50.0);
	assert_near(norm_percentile(80.0) / 100, 0.998650101968370, 1e-12); /* Φ(3) */
	assert_true(isnan(norm_percentile(NAN)));
}

static void t_percentile_and_bands(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[N_SCALES];
	struct norm_choice m = choose(q, 'm', 30);
	/* A 18 against m (12, 2): T = 50 + 10·6/2 = 80, 100·Φ(3), hoog */
	int16_t ans[N_ITEMS] = { 5, 1, 4, 2, 4, 3, M, 2, 5, 30, 70 };
	score(q, ans, &m, s);
	assert_true(s[A].t == 80.0);
	assert_near(s[A].percentile, 99.8650101968370, 1e-10);
	assert_int_equal(s[A].band, Q_BAND_HOOG);
	/* B 3.5 against (3, 0.5): T = 60, Φ(1) */
	assert_true(s[B].t == 60.0);
	assert_near(s[B].percentile, 84.1344746068543, 1e-10);
	/* derived S 25 against (20, 5): T = 60 */
	assert_true(s[S].t == 60.0);
	/* C is not in the norm: raw only, banded on its raw cut-offs (4 ≤ 7 ≤ 8) */
	assert_true(s[C].raw == 7.0 && isnan(s[C].t) && isnan(s[C].percentile));
	assert_int_equal(s[C].band, Q_BAND_GEMIDDELD);

	/* Cut-offs: raw 11 → T 45 and raw 13 → T 55 are both gemiddeld;
	 * raw 10 → T 40 laag, raw 14 → T 60 hoog. a2, a4 reversed. */
	int16_t t45[N_ITEMS] = { 3, 4, 3, 2, M, M, M, M, M, M, M }; /* 3 + 2 + 3 + 4 = 12 */
	score(q, t45, &m, s);
	assert_true(s[A].raw == 12.0 && s[A].t == 50.0);
	t45[0] = 2; /* 11 → T = 50 + 10·(−1)/2 = 45 */
	score(q, t45, &m, s);
	assert_true(s[A].t == 45.0);
	assert_int_equal(s[A].band, Q_BAND_GEMIDDELD);
	t45[0] = 1; /* 10 → 40 */
	score(q, t45, &m, s);
	assert_true(s[A].t == 40.0);
	assert_int_equal(s[A].band, Q_BAND_LAAG);
	t45[0] = 4; /* 13 → 55 */
	score(q, t45, &m, s);
	assert_true(s[A].t == 55.0);
	assert_int_equal(s[A].band, Q_BAND_GEMIDDELD);
	t45[0] = 5; /* 14 → 60 */
	score(q, t45, &m, s);
	assert_true(s[A].t == 60.0);
	assert_int_equal(s[A].band, Q_BAND_HOOG);
	/* Prorated scores are normed too (no table): 14·4/3 → T = 50 + 5·(56/3 − 12) */
	int16_t pr[N_ITEMS] = { 5, 1, 4, M, M, M, M, M, M, M, M };
	score(q, pr, &m, s);
	assert_near(s[A].t, 50.0 + 5.0 * (56.0 / 3 - 12), 1e-12);
	assert_true(s[A].percentile == norm_percentile(s[A].t));
	/* no score: no T */
	pr[2] = M;
	score(q, pr, &m, s);
	assert_true(isnan(s[A].t) && isnan(s[A].percentile));
	assert_int_equal(s[A].band, Q_BAND_NONE);
}

/* Scales without a norm are banded on their raw score; a norm's T bands
 * take precedence over raw bands. */
static void raw_bands_without_norm(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[N_SCALES];
	static const struct { int16_t c1, c2; int8_t band; } cases[] = {
		{ 1, 2, Q_BAND_LAAG },      /* 3 < 4 */
		{ 2, 2, Q_BAND_GEMIDDELD }, /* 4 is not below 4 */
		{ 4, 4, Q_BAND_GEMIDDELD }, /* 8 is not above 8 */
		{ 4, 5, Q_BAND_HOOG },      /* 9 > 8 */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int16_t ans[N_ITEMS] = { M, M, M, M, M, M, M, cases[k].c1, cases[k].c2, M, M };
		score(q, ans, NULL, s);
		assert_int_equal(s[C].band, cases[k].band);
		assert_true(isnan(s[C].t));
	}
	/* No score, no band. */
	int16_t none[N_ITEMS] = { M, M, M, M, M, M, M, 3, M, M, M };
	score(q, none, NULL, s);
	assert_int_equal(s[C].band, Q_BAND_NONE);

	/* S = A + C = 12 + 8 = 20: raw bands say laag (< 100) without a norm; the
	 * m 18–40 norm (20, 5) gives T 50, gemiddeld. */
	int16_t all[N_ITEMS] = { 3, 3, 3, 3, M, M, M, 4, 4, M, M };
	score(q, all, NULL, s);
	assert_true(s[S].raw == 20.0);
	assert_int_equal(s[S].band, Q_BAND_LAAG);
	struct norm_choice m30 = choose(q, 'm', 30);
	score(q, all, &m30, s);
	assert_true(s[S].t == 50.0);
	assert_int_equal(s[S].band, Q_BAND_GEMIDDELD);
}

static void norm_choice_and_mixture(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[N_SCALES];
	struct err e = { 0 };
	struct norm_choice nc = choose(q, 'm', 18);
	assert_string_equal(nc.description.t[Q_NL], "man, 18\u201340 jaar");
	assert_string_equal(nc.description.t[Q_EN], "male, aged 18\u201340");
	assert_false(nc.mixture);
	nc = choose(q, 'v', 40);
	assert_string_equal(nc.description.t[Q_NL], "vrouw, 18\u201340 jaar");
	/* Unknown sex, 30: mixture of A (12, 2) and (10, 4): mean 11,
	 * variance (4 + 16)/2 + ((12 − 10)/2)² = 11, sd √11 */
	nc = choose(q, 0, 30);
	assert_true(nc.mixture);
	assert_string_equal(nc.description.t[Q_NL],
			    "gemengd man/vrouw (geslacht onbekend), 18\u201340 jaar");
	assert_string_equal(nc.description.t[Q_DE],
			    "gemischt Mann/Frau (Geschlecht unbekannt), 18\u201340 Jahre");
	assert_true(nc.mean[A] == 11.0);
	assert_near(nc.sd[A], sqrt(11.0), 1e-15);
	/* B: (3, 0.5) and (3.5, 1): mean 3.25, var (0.25 + 1)/2 + 0.0625 = 0.6875 */
	assert_true(nc.mean[B] == 3.25);
	assert_near(nc.sd[B] * nc.sd[B], 0.6875, 1e-15);
	assert_true(isnan(nc.mean[C]));
	/* A 18 → T = 50 + 10·7/√11 */
	int16_t ans[N_ITEMS] = { 5, 1, 4, 2, M, M, M, M, M, M, M };
	score(q, ans, &nc, s);
	assert_near(s[A].t, 50.0 + 70.0 / sqrt(11.0), 1e-12);
	/* Group for both sexes, 41–65: used for unknown sex and as fallback */
	nc = choose(q, 0, 50);
	assert_false(nc.mixture);
	assert_string_equal(nc.description.t[Q_NL], "man en vrouw, 41\u201365 jaar");
	nc = choose(q, 'v', 65);
	assert_true(nc.mean[A] == 11.0);
	/* outside every group */
	assert_int_equal(norm_select(q, 'm', 17, &nc, &e), IPM_EINVAL);
	assert_string_equal(e.msg,
			    "age: no norm group of pack \"engine-score\" covers the client's age and sex");
	assert_int_equal(norm_select(q, 0, 66, &nc, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "age: no norm group of pack \"engine-score\" covers the client's age");
	assert_int_equal(norm_select(q, 'x', 30, &nc, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "sex: expected \"m\", \"v\" or unknown");
	/* a pack without norms */
	struct questionnaire *r = test_questionnaire("tests/fixtures/packs/engine-riasec.json", false);
	assert_int_equal(norm_select(r, 'm', 30, &nc, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "pack \"engine-riasec\" has no norms");
	questionnaire_free(r);
}

/* --- answer checks ---------------------------------------------------------- */

static void expect_refused(const struct questionnaire *q, const int16_t *ans, const char *want)
{
	struct err e = { 0 };
	assert_int_equal(score_check(q, ans, &e), IPM_EINVAL);
	assert_string_equal(e.msg, want);
}

static void answers_refused(void **state)
{
	const struct questionnaire *q = *state;
	struct err e = { 0 };
	int16_t ok[N_ITEMS] = { 5, 1, 4, 2, 4, 3, M, 2, 5, 30, 70 };
	assert_int_equal(score_check(q, ok, &e), IPM_OK);
	int16_t none[N_ITEMS] = { M, M, M, M, M, M, M, M, M, M, M };
	assert_int_equal(score_check(q, none, &e), IPM_OK); /* an empty block is unanswered */

	int16_t bad[N_ITEMS];
	memcpy(bad, ok, sizeof bad);
	bad[0] = 6;
	expect_refused(q, bad, "item \"a1\": answer outside 1..5");
	bad[0] = 0;
	expect_refused(q, bad, "item \"a1\": answer outside 1..5");
	memcpy(bad, ok, sizeof bad);
	bad[6] = 3;
	expect_refused(q, bad, "item \"b3\": not asked (excluded by default), the answer must be empty");
	memcpy(bad, ok, sizeof bad);
	bad[10] = 60;
	expect_refused(q, bad, "block \"blk\": points add up to 90, expected 100");
	bad[10] = M;
	expect_refused(q, bad, "block \"blk\": 1 of 2 items answered; give points to all or none");
	bad[10] = 101;
	expect_refused(q, bad, "item \"p2\": answer outside 0..100");
}

/* --- batch ------------------------------------------------------------------ */

static bool same(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static void batch_equals_one_by_one(void **state)
{
	const struct questionnaire *q = *state;
	enum { N = 5000 };
	int16_t *ans = calloc(N * N_ITEMS, sizeof *ans);
	struct scale_score *batch = calloc(N * N_SCALES, sizeof *batch);
	const struct norm_choice **norms = calloc(N, sizeof *norms);
	struct norm_choice choice[4] = { choose(q, 'm', 30), choose(q, 'v', 30), choose(q, 0, 30),
					 choose(q, 0, 50) };
	srand(12345);
	for (size_t r = 0; r < N; r++) {
		int16_t *row = ans + r * N_ITEMS;
		for (size_t i = 0; i < 9; i++)
			row[i] = rand() % 8 == 0 ? M : (int16_t)(1 + rand() % 5);
		row[6] = M; /* excluded */
		row[9] = (int16_t)(rand() % 101);
		row[10] = (int16_t)(100 - row[9]);
		int k = rand() % 5;
		norms[r] = k == 4 ? NULL : &choice[k];
	}
	score_batch(q, N, ans, norms, batch);
	for (size_t r = 0; r < N; r++) {
		struct scale_score one[N_SCALES];
		score(q, ans + r * N_ITEMS, norms[r], one);
		for (size_t j = 0; j < N_SCALES; j++) {
			const struct scale_score *x = &batch[r * N_SCALES + j], *y = &one[j];
			assert_true(same(x->raw, y->raw) && same(x->t, y->t) &&
				    same(x->percentile, y->percentile));
			assert_true(x->answered == y->answered && x->asked == y->asked &&
				    x->band == y->band && x->flags == y->flags);
			/* The tables give what the formulas give. */
			if (norms[r] && !isnan(x->raw) && !isnan(norms[r]->mean[j])) {
				double t = 50.0 + 10.0 * (x->raw - norms[r]->mean[j]) / norms[r]->sd[j];
				assert_true(x->t == t);
				assert_true(x->percentile == norm_percentile(t));
			}
		}
	}
	score_batch(q, N, ans, NULL, batch);
	for (size_t r = 0; r < N; r++)
		assert_true(isnan(batch[r * N_SCALES + A].t));
	free(norms);
	free(batch);
	free(ans);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reverse_keying_and_sum),
		cmocka_unit_test(prorate_at_min_and_below),
		cmocka_unit_test(mean_with_excluded_item),
		cmocka_unit_test(derived_scales),
		cmocka_unit_test(percentile_is_exact_normal_cdf),
		cmocka_unit_test(t_percentile_and_bands),
		cmocka_unit_test(raw_bands_without_norm),
		cmocka_unit_test(norm_choice_and_mixture),
		cmocka_unit_test(answers_refused),
		cmocka_unit_test(batch_equals_one_by_one),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
