/* Within-person read-outs: top scale, Holland code, Iachan's M, Pearson's r
 * and the ranking of reference profiles, on hand-computed values and on
 * tests/fixtures/packs/engine-riasec.json (six one-item scales R I A S E C;
 * entries zorg 1 2 2 5 3 2 "SEA", techniek 5 4 1 1 2 3 "RIC", administratie
 * 2 2 1 2 3 5 "CES", onderwijs = zorg's values with "SAE", vlak all 3). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/score.h"
#include "pack/questionnaire_build.h"

#include <math.h>
#include <string.h>

#define M Q_MISSING

static int setup(void **state)
{
	struct pack *p = NULL;
	struct questionnaire *q = NULL;
	struct err e = { 0 };
	if (pack_load_file("tests/fixtures/packs/engine-riasec.json", &p, &e) ||
	    questionnaire_build(p, NULL, &q, &e))
		fail_msg("%s", e.msg);
	pack_free(p);
	*state = q;
	return 0;
}

static int teardown(void **state)
{
	questionnaire_free(*state);
	return 0;
}

static void expect_code(const double v[6], const char *want, bool want_tied)
{
	char code[4];
	bool tied = !want_tied;
	assert_int_equal(holland_code(v, code, &tied), IPM_OK);
	assert_string_equal(code, want);
	assert_int_equal(tied, want_tied);
}

static void holland_codes_and_ties(void **state)
{
	(void)state;
	char code[4];
	bool tied;
	expect_code((const double[6]){ 1, 2, 3, 5, 4, 3.5 }, "SEC", false);
	/* three equal at the top: R, I, A order decides, flagged */
	expect_code((const double[6]){ 3, 3, 3, 1, 1, 1 }, "RIA", true);
	/* A and S equal first: A before S */
	expect_code((const double[6]){ 1, 2, 5, 5, 4, 0 }, "ASE", true);
	/* A and S tie for third place: A wins it, flagged */
	expect_code((const double[6]){ 5, 4, 3, 3, 1, 0 }, "RIA", true);
	/* a tie below the third letter does not matter */
	expect_code((const double[6]){ 5, 4, 3, 2, 2, 0 }, "RIA", false);
	/* within 1e-9 counts as equal */
	expect_code((const double[6]){ 1, 1 + 1e-12, 0, 0, 0, 0 }, "RIA", true);
	assert_int_equal(holland_code((const double[6]){ 1, NAN, 0, 0, 0, 0 }, code, &tied),
			 IPM_EINVAL);
}

static void iachan_m_index(void **state)
{
	(void)state;
	/* w = [[22,10,4],[10,5,2],[4,2,1]], summed over matching letters */
	assert_int_equal(iachan_m("SEC", "SEC"), 28); /* 22 + 5 + 1 */
	assert_int_equal(iachan_m("SEC", "ESC"), 21); /* S0-S1 10, E1-E0 10, C2-C2 1 */
	assert_int_equal(iachan_m("SEC", "SAE"), 24); /* S0-S0 22, E1-E2 2 */
	assert_int_equal(iachan_m("SEC", "CRS"), 8);  /* S0-S2 4, C2-C0 4 */
	assert_int_equal(iachan_m("SEC", "RIA"), 0);
	assert_int_equal(iachan_m("SEI", "RIC"), 2);  /* I2-I1 2 */
	assert_int_equal(iachan_m("SEI", "CES"), 9);  /* S0-S2 4, E1-E1 5 */
	assert_int_equal(iachan_m("SSE", "SEC"), -1);
	assert_int_equal(iachan_m("SE", "SEC"), -1);
	assert_int_equal(iachan_m("SEX", "SEC"), -1);
	assert_int_equal(iachan_m(NULL, "SEC"), -1);
}

static void pearson(void **state)
{
	(void)state;
	/* a − 3 = (−2 −1 0 1 2), b − 4 = (−2 0 1 0 1): Σab 6, Σa² 10, Σb² 6:
	 * r = 6/√60 */
	const double a[] = { 1, 2, 3, 4, 5 }, b[] = { 2, 4, 5, 4, 5 };
	assert_true(fabs(profile_pearson(a, b, 5) - 0.7745966692414834) < 1e-15);
	assert_true(fabs(profile_pearson(a, a, 5) - 1.0) < 1e-15);
	const double flat[] = { 3, 3, 3, 3, 3 };
	assert_true(isnan(profile_pearson(a, flat, 5)));
	assert_true(isnan(profile_pearson(a, b, 1)));
}

static void top_scales(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[6];
	uint32_t top[6];
	int16_t ans[6] = { 1, 2, 2, 5, 3, 2 };
	score_one(q, ans, NULL, s);
	assert_int_equal(score_top(q, s, top), 1);
	assert_int_equal(top[0], 3); /* S */
	int16_t tie[6] = { 5, 5, 1, M, 1, 1 };
	score_one(q, tie, NULL, s);
	assert_int_equal(score_top(q, s, top), 2); /* R and I, S has no score */
	assert_int_equal(top[0], 0);
	assert_int_equal(top[1], 1);
	int16_t none[6] = { M, M, M, M, M, M };
	score_one(q, none, NULL, s);
	assert_int_equal(score_top(q, s, top), 0);
}

static void profiles_ranked(void **state)
{
	const struct questionnaire *q = *state;
	struct scale_score s[6];
	struct profile_rank r[5];
	struct err e = { 0 };
	char code[4];
	bool tied;
	int16_t ans[6] = { 1, 2, 2, 5, 3, 2 };
	score_one(q, ans, NULL, s);
	/* S 5, E 3, then I = A = C = 2: I by order, tied */
	assert_int_equal(score_holland(q, s, code, &tied, &e), IPM_OK);
	assert_string_equal(code, "SEI");
	assert_true(tied);
	assert_int_equal(profiles_rank(q, s, r, &e), IPM_OK);
	static const char *const order[] = { "zorg", "onderwijs", "administratie", "techniek",
					     "vlak" };
	for (int k = 0; k < 5; k++)
		assert_string_equal(q->profiles.entries[r[k].entry].id, order[k]);
	/* zorg and onderwijs equal the person: r 1, broken by M 27 vs 24 */
	assert_true(fabs(r[0].r - 1) < 1e-15 && r[0].r == r[1].r);
	assert_int_equal(r[0].congruence, 27); /* SEI vs SEA: 22 + 5 */
	assert_int_equal(r[1].congruence, 24); /* SEI vs SAE: 22 + 2 */
	/* administratie: Σdp·da = −0.5, Σdp² = Σda² = 9.5: r = −1/19 */
	assert_true(fabs(r[2].r - -1.0 / 19) < 1e-15);
	assert_int_equal(r[2].congruence, 9);
	/* techniek: Σdp·dt = −8, Σdp² 9.5, Σdt² 480/36: r = −8/√(9.5·40/3) */
	assert_true(fabs(r[3].r - -8 / sqrt(9.5 * 40 / 3)) < 1e-15);
	assert_int_equal(r[3].congruence, 2);
	assert_true(isnan(r[4].r));
	assert_int_equal(r[4].congruence, -1);

	ans[0] = M;
	score_one(q, ans, NULL, s);
	assert_int_equal(profiles_rank(q, s, r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "profiles: scale \"R\" has no score");
	assert_int_equal(score_holland(q, s, code, &tied, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "holland: scale \"R\" has no score");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(holland_codes_and_ties),
		cmocka_unit_test(iachan_m_index),
		cmocka_unit_test(pearson),
		cmocka_unit_test(top_scales),
		cmocka_unit_test(profiles_ranked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
