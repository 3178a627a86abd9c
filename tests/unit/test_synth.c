/* The synthetic population (engine/synth.h): the same seed gives the same
 * clients, a larger sample extends a smaller one, ratings and attributes
 * have the documented shares (docs/synth.md), and the outcomes follow the
 * true model: the observed 12-month outflow equals the model's p12, overall
 * and for the reference client. The true model is built in code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/score.h"
#include "engine/synth.h"
#include "engine/validate.h"
#include "pack/questionnaire_build.h"
#include "support/questionnaire_fixture.h"

#include <math.h>
#include <string.h>

static struct prog_model truth;

static int setup(void **state)
{
	(void)state;
	static struct prog_feature f[3];
	static const double h0[6] = { 0.08, 0.07, 0.06, 0.05, 0.04, 0.03 };
	f[0] = (struct prog_feature){ .id = "taal", .kind = PROG_FACTOR, .ref = "taalniveau",
				      .client = PROG_CLIENT_NONE, .beta = 0.3, .min = -2, .max = 2 };
	f[1] = (struct prog_feature){ .id = "motivatie", .kind = PROG_FACTOR, .ref = "motivatie",
				      .client = PROG_CLIENT_NONE, .beta = 0.2, .min = -2, .max = 2 };
	f[2] = (struct prog_feature){ .id = "age_50_plus", .kind = PROG_CLIENT,
				      .ref = "age_50_plus", .client = PROG_AGE_50_PLUS,
				      .beta = -0.5, .min = 0, .max = 1 };
	truth = (struct prog_model){ .pack_id = "truth", .version = "1.0.0", .n_months = 6,
				     .h0 = h0, .n_features = 3, .features = f };
	struct err e;
	return prog_model_prepare(&truth, &e);
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&truth.arena);
	return 0;
}

static void population(size_t n, uint64_t seed, struct pp_table *t)
{
	struct synth_opts o = { .n = n, .seed = seed };
	struct err e = { 0 };
	assert_int_equal(synth_population(&truth, &o, t, &e), IPM_OK);
}

static bool same_rows(const struct pp_table *a, const struct pp_table *b, size_t rows)
{
	size_t p = a->d.n_features;
	return memcmp(a->d.client, b->d.client, rows * sizeof *a->d.client) == 0 &&
	       memcmp(a->d.period, b->d.period, rows * sizeof *a->d.period) == 0 &&
	       memcmp(a->d.event, b->d.event, rows) == 0 &&
	       memcmp(a->d.x, b->d.x, rows * p * sizeof *a->d.x) == 0 &&
	       memcmp(a->audit[0].value, b->audit[0].value, rows * sizeof(int32_t)) == 0;
}

static void same_seed_same_clients(void **state)
{
	(void)state;
	struct pp_table a, b, c, big;
	population(500, 42, &a);
	population(500, 42, &b);
	population(500, 43, &c);
	population(1000, 42, &big);
	assert_int_equal(a.n_clients, 500);
	assert_int_equal(a.d.rows, b.d.rows);
	assert_true(same_rows(&a, &b, a.d.rows));
	assert_false(a.d.rows == c.d.rows && same_rows(&a, &c, a.d.rows));
	/* A larger sample extends a smaller one. */
	assert_true(big.d.rows > a.d.rows);
	assert_true(same_rows(&a, &big, a.d.rows));
	/* Golden: the first client of seed 42 (a change to the draws shows here). */
	struct synth_client first;
	struct synth_opts o = { .n = 1, .seed = 42 };
	synth_client(&truth, &o, 0, &first);
	assert_int_equal(a.d.period[0], first.entry + 1);
	assert_true(a.d.x[0] == first.x[0] && a.d.x[2] == (first.age >= 50));
	pp_table_free(&a);
	pp_table_free(&b);
	pp_table_free(&c);
	pp_table_free(&big);
}

static void rows_follow_the_contract(void **state)
{
	(void)state;
	struct pp_table t;
	population(2000, 7, &t);
	struct arena a = ARENA_INIT;
	struct val_clients cs;
	struct err e = { 0 };
	/* Contiguous, consecutive, nothing after an event. */
	assert_int_equal(val_clients(&t.d, &a, &cs, &e), IPM_OK);
	assert_int_equal(cs.n, 2000);
	for (size_t i = 0; i < cs.n; i++) {
		const struct val_client *c = &cs.c[i];
		assert_true(c->entry >= 0 && c->entry <= SYNTH_ENTRY_MAX);
		assert_true(c->event || (int)c->n_rows == SYNTH_FOLLOW_UP);
	}
	assert_int_equal(t.n_audit, SYNTH_AUDIT);
	assert_string_equal(t.audit[1].name, "age_band");
	assert_string_equal(t.audit[1].values[2], "50-67");
	arena_free(&a);
	pp_table_free(&t);
}

static void shares_as_documented(void **state)
{
	(void)state;
	enum { N = 20000 };
	struct synth_opts o = { .n = N, .seed = 3 };
	size_t count[5] = { 0 }, women = 0, migration = 0, old = 0;
	double sxy = 0, sx = 0, sy = 0, sxx = 0, syy = 0;
	for (size_t i = 0; i < N; i++) {
		struct synth_client c;
		synth_client(&truth, &o, i, &c);
		count[(int)c.x[1] + 2]++;
		women += c.audit[0] == 1;
		migration += c.audit[2] == 1;
		old += c.x[2] == 1;
		assert_true(c.x[2] == (c.age >= 50));
		sx += c.x[0], sy += c.x[1], sxx += c.x[0] * c.x[0], syy += c.x[1] * c.x[1];
		sxy += c.x[0] * c.x[1];
	}
	static const double share[5] = { 0.1, 0.2, 0.4, 0.2, 0.1 };
	for (int k = 0; k < 5; k++)
		assert_true(fabs((double)count[k] / N - share[k]) < 0.015);
	assert_true(fabs((double)women / N - 0.5) < 0.015);
	assert_true(fabs((double)migration / N - 0.25) < 0.015);
	assert_true(fabs((double)old / N - 18.0 / 50) < 0.015); /* ages 50..67 of 18..67 */
	/* Two factors share the latent distance to work: correlated, mildly. */
	double r = (sxy / N - sx / N * sy / N) /
		   sqrt((sxx / N - sx / N * sx / N) * (syy / N - sy / N * sy / N));
	assert_true(r > 0.08 && r < 0.25);
}

/* The observed share with work within 12 months of entry against the true
 * model's p12, over all clients and over the reference client (x = 0). */
static void outcomes_follow_the_true_model(void **state)
{
	(void)state;
	enum { N = 30000 };
	struct pp_table t;
	population(N, 11, &t);
	struct arena a = ARENA_INIT;
	struct val_clients cs;
	struct err e = { 0 };
	assert_int_equal(val_clients(&t.d, &a, &cs, &e), IPM_OK);
	double pred = 0, obs = 0, var = 0, ref_pred = 0, ref_obs = 0, ref_var = 0;
	size_t ref = 0;
	for (size_t i = 0; i < cs.n; i++) {
		const struct val_client *c = &cs.c[i];
		const double *x = t.d.x + c->first_row * 3;
		double lp = 0.3 * x[0] + 0.2 * x[1] - 0.5 * x[2];
		double p = prog_p_within(&truth, c->entry, 12, lp);
		int y = val_outcome(c, 12);
		assert_true(y >= 0); /* follow-up 24 > 12: nobody is censored before */
		pred += p, obs += y, var += p * (1 - p);
		if (x[0] == 0 && x[1] == 0 && x[2] == 0) {
			ref++;
			ref_pred += p, ref_obs += y, ref_var += p * (1 - p);
		}
	}
	/* Within 4 standard errors of the binomial sum. */
	assert_true(fabs(obs - pred) < 4 * sqrt(var));
	assert_true(ref > 1000);
	assert_true(fabs(ref_obs - ref_pred) < 4 * sqrt(ref_var));
	arena_free(&a);
	pp_table_free(&t);
}

static void bad_options(void **state)
{
	(void)state;
	struct pp_table t = { 0 };
	struct err e = { 0 };
	struct synth_opts o = { .n = 0, .seed = 1 };
	assert_int_equal(synth_population(&truth, &o, &t, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "n: expected 1 to 10000000 clients");
	o = (struct synth_opts){ .n = 1, .follow_up = 121 };
	assert_int_equal(synth_population(&truth, &o, &t, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "follow_up: expected 1 to 120 months");
	assert_int_equal(t.d.rows, 0);
}

/* tests/fixtures/packs/score-test.json: a1, a2, b1, b2 keyed "+", a3 "-",
 * all 1..5; x1 excluded by default; p1..p3 an ipsative block. */
#define ANSWERS_PACK "tests/fixtures/packs/score-test.json"

static void answers_are_deterministic(void **state)
{
	(void)state;
	struct questionnaire *q = test_questionnaire(ANSWERS_PACK, false);
	int16_t a[Q_ITEMS_MAX], b[Q_ITEMS_MAX], c[Q_ITEMS_MAX];
	size_t n = q->n_items, differ = 0, seed_differs = 0;
	for (size_t i = 0; i < 50; i++) {
		synth_answers(q, 42, i, 0.3, a);
		synth_answers(q, 42, i, 0.3, b);
		assert_memory_equal(a, b, n * sizeof *a);
		synth_answers(q, 42, i + 1, 0.3, c);
		differ += memcmp(a, c, n * sizeof *a) != 0;
		synth_answers(q, 43, i, 0.3, c);
		seed_differs += memcmp(a, c, n * sizeof *a) != 0;
	}
	assert_true(differ > 40 && seed_differs > 40);
	/* Drawing answers leaves the client's own draws alone (its own stream). */
	struct synth_client x, y;
	struct synth_opts o = { .n = 1, .seed = 42 };
	synth_client(&truth, &o, 0, &x);
	synth_answers(q, 42, 0, x.closeness, a);
	synth_client(&truth, &o, 0, &y);
	assert_memory_equal(&x, &y, sizeof x);
	questionnaire_free(q);
}

static void answers_fit_the_pack(void **state)
{
	(void)state;
	struct questionnaire *q = test_questionnaire(ANSWERS_PACK, false);
	int16_t row[Q_ITEMS_MAX];
	int32_t x1 = questionnaire_item_index(q, "x1");
	assert_true(x1 >= 0 && q->n_blocks == 1);
	const struct q_block *blk = &q->blocks[0];
	for (size_t i = 0; i < 2000; i++) {
		synth_answers(q, 5, i, (double)i / 500 - 2, row);
		struct err e = { 0 };
		/* The engine's own check: within scale, blocks at their total,
		 * nothing for an item that is not asked. */
		assert_int_equal(score_check(q, row, &e), IPM_OK);
		assert_int_equal(row[x1], Q_MISSING);
		int sum = 0;
		for (uint32_t j = 0; j < blk->n_items; j++) {
			assert_true(row[blk->items[j]] >= 0);
			sum += row[blk->items[j]];
		}
		assert_int_equal(sum, blk->total);
		for (size_t k = 0; k < q->n_items; k++)
			if (!q->items[k].points && !q->items[k].excluded)
				assert_true(row[k] >= q->items[k].min && row[k] <= q->items[k].max);
	}
	questionnaire_free(q);
	/* Switched on, the excluded item is answered too. */
	q = test_questionnaire(ANSWERS_PACK, true);
	x1 = questionnaire_item_index(q, "x1");
	synth_answers(q, 5, 0, 0, row);
	assert_true(row[x1] >= 1 && row[x1] <= 5);
	questionnaire_free(q);
}

/* The documented mean: min + (K − 1)·logistic(0.8·closeness), for the
 * keyed score; a reverse-keyed item's raw answer goes the other way. */
static void closeness_shifts_the_mean(void **state)
{
	(void)state;
	enum { N = 4000 };
	struct questionnaire *q = test_questionnaire(ANSWERS_PACK, false);
	int32_t a1 = questionnaire_item_index(q, "a1"), a3 = questionnaire_item_index(q, "a3");
	int16_t row[Q_ITEMS_MAX];
	static const double z[3] = { -1, 0, 1 };
	double mean_a1[3], mean_a3[3];
	for (int k = 0; k < 3; k++) {
		double s1 = 0, s3 = 0;
		for (size_t i = 0; i < N; i++) {
			synth_answers(q, 9, i, z[k], row);
			s1 += row[a1], s3 += row[a3];
		}
		mean_a1[k] = s1 / N, mean_a3[k] = s3 / N;
		double want = 1 + 4 / (1 + exp(-SYNTH_ANSWER_SLOPE * z[k]));
		/* SD of a Binomial(4, p) mean over N: below 0.016; 4 SDs. */
		assert_true(fabs(mean_a1[k] - want) < 0.064);
		assert_true(fabs((6 - mean_a3[k]) - want) < 0.064);
	}
	assert_true(mean_a1[0] < mean_a1[1] && mean_a1[1] < mean_a1[2]);
	assert_true(mean_a3[0] > mean_a3[1] && mean_a3[1] > mean_a3[2]);
	questionnaire_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_seed_same_clients),
		cmocka_unit_test(rows_follow_the_contract),
		cmocka_unit_test(shares_as_documented),
		cmocka_unit_test(outcomes_follow_the_true_model),
		cmocka_unit_test(bad_options),
		cmocka_unit_test(answers_are_deterministic),
		cmocka_unit_test(answers_fit_the_pack),
		cmocka_unit_test(closeness_shifts_the_mean),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
