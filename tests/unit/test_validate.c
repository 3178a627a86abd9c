/* Validation measures (engine/validate.h): AUC, Brier and calibration
 * against R (pROC::auc, glm(y ~ qlogis(p)), glm(y ~ offset(qlogis(p))) on
 * the committed case tests/golden/prognosis/auc.csv, made by make.R there),
 * cases small enough to compute by hand, outcomes from person-period rows,
 * the splits by client, the audit rows and the refusals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "engine/validate.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN_DIR "tests/golden/prognosis/"

static void near(double got, double want, double tol, const char *what)
{
	if (!(fabs(got - want) <= tol)) {
		fprintf(stderr, "%s: got %.17g, want %.17g\n", what, got, want);
		fail();
	}
}

/* auc.csv: header p,y then 200 rows. */
static size_t read_auc(double *p, uint8_t *y, size_t cap)
{
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(fs_read_file(GOLDEN_DIR "auc.csv", &text, &e), IPM_OK);
	const char *s = strchr(text.data, '\n') + 1;
	size_t n = 0;
	while (*s && n < cap) {
		char *end;
		p[n] = strtod(s, &end);
		y[n] = (uint8_t)strtol(end + 1, &end, 10);
		s = end + 1;
		n++;
	}
	buf_free(&text);
	return n;
}

static void equals_r(void **state)
{
	(void)state;
	double p[256];
	uint8_t y[256];
	size_t n = read_auc(p, y, 256);
	assert_int_equal(n, 200);
	json_error_t je;
	json_t *g = json_load_file(GOLDEN_DIR "auc.json", 0, &je);
	assert_non_null(g);
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	double auc, brier;
	struct val_calibration c;
	assert_int_equal(val_auc(p, y, n, &a, &auc, &e), IPM_OK);
	assert_int_equal(val_brier(p, y, n, &brier, &e), IPM_OK);
	assert_int_equal(val_calibrate(p, y, n, &c, &e), IPM_OK);
	assert_true(c.converged);
#define R(key) json_number_value(json_object_get(g, key))
	printf("    max |C - R|: AUC %.1e, Brier %.1e, slope %.1e, its intercept %.1e, "
	       "calibration-in-the-large %.1e\n",
	       fabs(auc - R("auc")), fabs(brier - R("brier")), fabs(c.slope - R("slope")),
	       fabs(c.slope_intercept - R("slope_intercept")), fabs(c.intercept - R("intercept")));
	near(auc, R("auc"), 1e-12, "auc");
	near(brier, R("brier"), 1e-12, "brier");
	near(c.slope, R("slope"), 1e-9, "slope");
	near(c.slope_intercept, R("slope_intercept"), 1e-9, "slope intercept");
	near(c.intercept, R("intercept"), 1e-9, "intercept");
#undef R
	json_decref(g);
	arena_free(&a);
}

/* Cases: 0.4 and 0.8; controls 0.1 and 0.4. Pairs: 1 + ½ + 1 + 1 of 4. */
static void by_hand(void **state)
{
	(void)state;
	const double p[] = { 0.4, 0.1, 0.8, 0.4 };
	const uint8_t y[] = { 1, 0, 1, 0 };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	double auc, brier;
	assert_int_equal(val_auc(p, y, 4, &a, &auc, &e), IPM_OK);
	near(auc, 3.5 / 4, 1e-15, "auc");
	assert_int_equal(val_brier(p, y, 4, &brier, &e), IPM_OK);
	near(brier, (0.36 + 0.01 + 0.04 + 0.16) / 4, 1e-15, "brier");

	/* Everything tied: ½. Cases always higher: 1; always lower: 0 (no flip). */
	const double same[] = { 0.3, 0.3, 0.3 };
	const uint8_t ys[] = { 1, 0, 0 };
	assert_int_equal(val_auc(same, ys, 3, &a, &auc, &e), IPM_OK);
	near(auc, 0.5, 0, "tied");
	const double up[] = { 0.9, 0.2, 0.1 };
	assert_int_equal(val_auc(up, ys, 3, &a, &auc, &e), IPM_OK);
	near(auc, 1, 0, "perfect");
	const double down[] = { 0.05, 0.2, 0.1 };
	assert_int_equal(val_auc(down, ys, 3, &a, &auc, &e), IPM_OK);
	near(auc, 0, 0, "reversed");

	/* Perfectly calibrated in the large and in slope when the observed
	 * rate in each of two groups equals its prediction. */
	double pc[10];
	uint8_t yc[10];
	for (int i = 0; i < 10; i++) {
		pc[i] = i < 5 ? 0.2 : 0.6;
		yc[i] = i < 5 ? i == 0 : i < 8;
	}
	struct val_calibration c;
	assert_int_equal(val_calibrate(pc, yc, 10, &c, &e), IPM_OK);
	assert_true(c.converged);
	near(c.slope, 1, 1e-12, "slope");
	near(c.slope_intercept, 0, 1e-12, "slope intercept");
	/* Mean p 0.4 = observed 4/10, but the intercept is not 0: the logit
	 * scale weighs the groups differently; R gives the same. */
	assert_true(fabs(c.intercept) < 0.05);
	arena_free(&a);
}

/* 20 predictions 0.05, 0.10, ..., 1.00: deciles of two, outcomes 1 for
 * every third. */
static void deciles(void **state)
{
	(void)state;
	double p[20];
	uint8_t y[20];
	for (int i = 0; i < 20; i++) {
		p[19 - i] = (i + 1) * 0.05; /* reversed: the sort must put them back */
		y[19 - i] = i % 3 == 0;
	}
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct val_decile d[10];
	assert_int_equal(val_deciles(p, y, 20, &a, d, &e), IPM_OK);
	for (int g = 0; g < 10; g++) {
		assert_int_equal(d[g].n, 2);
		near(d[g].p_min, (2 * g + 1) * 0.05, 1e-15, "p_min");
		near(d[g].p_max, (2 * g + 2) * 0.05, 1e-15, "p_max");
		near(d[g].mean_p, (2 * g + 1.5) * 0.05, 1e-15, "mean_p");
		double obs = ((2 * g) % 3 == 0) + ((2 * g + 1) % 3 == 0);
		near(d[g].observed, obs / 2, 0, "observed");
	}
	/* Three predictions: deciles 3, 6 and 9 hold one each (g·n/10). */
	assert_int_equal(val_deciles(p, y, 3, &a, d, &e), IPM_OK);
	size_t total = 0;
	for (int g = 0; g < 10; g++) {
		total += d[g].n;
		assert_true(d[g].n ? !isnan(d[g].mean_p) : isnan(d[g].mean_p));
	}
	assert_int_equal(total, 3);
	assert_int_equal(d[3].n + d[6].n + d[9].n, 3);
	arena_free(&a);
}

/* --- outcomes from person-period rows ------------------------------------- */

static void outcomes(void **state)
{
	(void)state;
	/* client 7: entry 0, work in month 5 → y6 1, y12 1
	 * client 3: entry 3, censored after month 10 → y6 0 (event-free
	 *           through 9), y12 excluded (not observed through 15)
	 * client 9: entry 2, work in month 14 → y6 0, y12 1 (14 ≤ 2 + 12)
	 * client 4: entry 1, work in month 7 = d + 6 → y6 1 */
	static const int32_t client[] = { 7, 7, 7, 7, 7, 3, 3, 3, 3, 3, 3, 3, 9, 9, 9, 9, 9,
					  9, 9, 9, 9, 9, 9, 9, 4, 4, 4, 4, 4, 4 };
	static const int32_t period[] = { 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 10, 3, 4, 5, 6, 7,
					  8, 9, 10, 11, 12, 13, 14, 2, 3, 4, 5, 6, 7 };
	uint8_t event[30] = { 0 };
	event[4] = event[23] = event[29] = 1;
	double x[30] = { 0 };
	struct pp_data d = { 30, 1, client, period, event, x, NULL };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct val_clients cs;
	assert_int_equal(val_clients(&d, &a, &cs, &e), IPM_OK);
	assert_int_equal(cs.n, 4);
	static const struct {
		int32_t id;
		int entry, last, y6, y12;
	} want[] = { { 7, 0, 5, 1, 1 }, { 3, 3, 10, 0, -1 }, { 9, 2, 14, 0, 1 }, { 4, 1, 7, 1, 1 } };
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(cs.c[i].id, want[i].id);
		assert_int_equal(cs.c[i].entry, want[i].entry);
		assert_int_equal(cs.c[i].last_period, want[i].last);
		assert_int_equal(val_outcome(&cs.c[i], 6), want[i].y6);
		assert_int_equal(val_outcome(&cs.c[i], 12), want[i].y12);
	}
	assert_int_equal(cs.c[1].first_row, 5);
	assert_int_equal(cs.c[1].n_rows, 7);

	/* Refusals, each naming the row. */
	int32_t c2[30], p2[30];
	memcpy(c2, client, sizeof c2);
	memcpy(p2, period, sizeof p2);
	d.client = c2;
	d.period = p2;
	p2[8] = 8;
	assert_int_equal(val_clients(&d, &a, &cs, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "row 9: period is not the previous row's period + 1");
	p2[8] = 7;
	event[2] = 1;
	assert_int_equal(val_clients(&d, &a, &cs, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "row 4: the client has rows after its event (row 3)");
	event[2] = 0;
	/* client 4's run split by a copy of client 7 at rows 27..30 */
	for (size_t r = 26; r < 30; r++)
		c2[r] = 7, p2[r] = (int32_t)r - 20;
	event[29] = 0;
	assert_int_equal(val_clients(&d, &a, &cs, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "row 27: the client's rows are not together (its earlier "
				   "rows start at row 1)");
	p2[0] = 0;
	assert_int_equal(val_clients(&d, &a, &cs, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "row 1: period must be 1 or more");
	arena_free(&a);
}

static void splits(void **state)
{
	(void)state;
	enum { N = 20000, K = 5 };
	size_t count[K] = { 0 }, held = 0, moved = 0;
	for (int32_t id = 1; id <= N; id++) {
		int f = val_fold(id, K, 42);
		assert_true(f >= 0 && f < K);
		assert_int_equal(f, val_fold(id, K, 42)); /* deterministic */
		count[f]++;
		held += val_held_out(id, 0.25, 42);
		moved += val_fold(id, K, 43) != f;
	}
	for (int f = 0; f < K; f++)
		assert_true(count[f] > N / K * 0.95 && count[f] < N / K * 1.05);
	assert_true(held > N * 0.24 && held < N * 0.26);
	assert_true(moved > N * 0.75); /* another seed is another split */
	assert_int_equal(val_fold(5, 1, 42), 0);
	assert_false(val_held_out(5, 0, 42));
	assert_true(val_held_out(5, 1, 42));

	/* SplitMix64's published first outputs for seed 0. */
	uint64_t s = 0;
	assert_true(val_splitmix64(&s) == 0xE220A8397B1DCDAFu);
	assert_true(val_splitmix64(&s) == 0x6E789E6AA1B965F4u);
}

/* --- audit --------------------------------------------------------------------- */

static void audit(void **state)
{
	(void)state;
	/* group 0: p 0.7 0.6 0.2 0.1, y 1 0 1 0 → FP 1 of 2, FN 1 of 2
	 * group 1: p 0.8 0.3 0.55, y 1 0 1 → FP 0 of 1, FN 0 of 2
	 * group 2: all y 0 → calibration intercept NaN, fnr NaN
	 * group -1: not recorded, left out. */
	const double p[] = { 0.7, 0.6, 0.2, 0.1, 0.8, 0.3, 0.55, 0.4, 0.5, 0.9 };
	const uint8_t y[] = { 1, 0, 1, 0, 1, 0, 1, 0, 0, 1 };
	const int group[] = { 0, 0, 0, 0, 1, 1, 1, 2, 2, -1 };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct val_audit_row *rows;
	assert_int_equal(val_audit(p, y, group, 10, 3, &a, &rows, &e), IPM_OK);
	assert_int_equal(rows[0].n, 4);
	assert_int_equal(rows[0].cases, 2);
	near(rows[0].mean_p, 0.4, 1e-15, "mean_p");
	near(rows[0].observed, 0.5, 0, "observed");
	near(rows[0].fpr, 0.5, 0, "fpr");
	near(rows[0].fnr, 0.5, 0, "fnr");
	struct val_calibration c;
	assert_int_equal(val_calibrate(p, y, 4, &c, &e), IPM_OK);
	near(rows[0].calibration_intercept, c.intercept, 1e-12, "intercept");
	near(rows[1].fpr, 0, 0, "fpr 1");
	near(rows[1].fnr, 0, 0, "fnr 1");
	assert_int_equal(rows[2].n, 2);
	near(rows[2].fpr, 0.5, 0, "fpr 2 (0.5 counts as positive)");
	assert_true(isnan(rows[2].fnr));
	assert_true(isnan(rows[2].calibration_intercept));

	const int bad[] = { 0, 3 };
	assert_int_equal(val_audit(p, y, bad, 2, 3, &a, &rows, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "audit: group of prediction 2 is out of range");
	arena_free(&a);
}

static void errors(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	double v;
	struct val_calibration c;
	const double p[] = { 0.2, 0.7, 1.5 };
	const uint8_t y[] = { 0, 1, 1 }, y0[] = { 0, 0, 0 }, y2[] = { 0, 2, 1 };
	assert_int_equal(val_auc(p, y, 0, &a, &v, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "AUC: no predictions with an outcome");
	assert_int_equal(val_auc(p, y, 3, &a, &v, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "AUC: prediction 3 is not a probability in [0, 1]");
	assert_int_equal(val_brier(p, y2, 2, &v, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "Brier: outcome 2 is not 0 or 1");
	assert_int_equal(val_auc(p, y0, 2, &a, &v, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "AUC: the outcomes are all 0; it needs both 0 and 1");
	const double nan[] = { 0.2, NAN };
	assert_int_equal(val_brier(nan, y, 2, &v, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "Brier: prediction 2 is not a probability in [0, 1]");
	const double edge[] = { 0.2, 1 };
	assert_int_equal(val_calibrate(edge, y, 2, &c, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "calibration: prediction 2 is exactly 0 or 1, so its logit "
				   "is infinite");
	assert_int_equal(val_calibrate(p, y0, 2, &c, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "calibration: the outcomes are all 0; it needs both 0 and 1");
	/* Perfect separation: no finite slope, reported as not converged. */
	const double sep[] = { 0.1, 0.2, 0.8, 0.9 };
	const uint8_t ysep[] = { 0, 0, 1, 1 };
	assert_int_equal(val_calibrate(sep, ysep, 4, &c, &e), IPM_OK);
	assert_false(c.converged);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equals_r),
		cmocka_unit_test(by_hand),
		cmocka_unit_test(deciles),
		cmocka_unit_test(outcomes),
		cmocka_unit_test(splits),
		cmocka_unit_test(audit),
		cmocka_unit_test(errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
