/* The prognosis fit (engine/fit.h) against R: glm(event ~ 0 +
 * factor(bucket) + x1 + x2 + x3, family = binomial(link = "cloglog")) on the
 * committed person-period data tests/golden/prognosis/pp.csv, coefficients
 * and standard errors to 1e-6 (issue 4 item 7), a ridge fit against an
 * independent penalised IRLS in R, recovery of a known model from 50,000
 * simulated clients with the held-out AUC of the fitted model within 1 % of
 * the true model's, and the refusals. Goldens: tests/golden/prognosis/make.R.
 * Runs from the repository root, like every test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "engine/fit.h"
#include "engine/validate.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN_DIR "tests/golden/prognosis/"

/* --- the golden person-period CSV: client,period,event,x1,x2,x3 ---------- */

struct pp_file {
	size_t rows, cap, p;
	int32_t *client, *period;
	uint8_t *event;
	double *x;
};

static void pp_file_free(struct pp_file *f)
{
	free(f->client);
	free(f->period);
	free(f->event);
	free(f->x);
}

static void pp_file_grow(struct pp_file *f)
{
	f->cap = f->cap ? 2 * f->cap : 1024;
	f->client = realloc(f->client, f->cap * sizeof *f->client);
	f->period = realloc(f->period, f->cap * sizeof *f->period);
	f->event = realloc(f->event, f->cap * sizeof *f->event);
	f->x = realloc(f->x, f->cap * f->p * sizeof *f->x);
}

static void read_pp(const char *path, size_t p, struct pp_file *f)
{
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	if (fs_read_file(path, &text, &e) != IPM_OK) {
		fprintf(stderr, "%s\n", e.msg);
		fail();
	}
	*f = (struct pp_file){ .p = p };
	const char *s = strchr(text.data, '\n') + 1; /* past the header */
	while (*s) {
		if (f->rows == f->cap)
			pp_file_grow(f);
		char *end;
		f->client[f->rows] = (int32_t)strtol(s, &end, 10);
		f->period[f->rows] = (int32_t)strtol(end + 1, &end, 10);
		f->event[f->rows] = (uint8_t)strtol(end + 1, &end, 10);
		for (size_t k = 0; k < p; k++)
			f->x[f->rows * p + k] = strtod(end + 1, &end);
		assert_true(*end == '\n');
		s = end + 1;
		f->rows++;
	}
	buf_free(&text);
}

static struct pp_data pp_view(const struct pp_file *f, const char *const *names)
{
	return (struct pp_data){ f->rows, f->p, f->client, f->period, f->event, f->x, names };
}

/* Row `from` of src becomes row `to` of dst (which may be src, to ≤ from). */
static void copy_row(struct pp_file *dst, size_t to, const struct pp_file *src, size_t from)
{
	dst->client[to] = src->client[from];
	dst->period[to] = src->period[from];
	dst->event[to] = src->event[from];
	memmove(dst->x + to * dst->p, src->x + from * src->p, src->p * sizeof *src->x);
}

static json_t *golden(void)
{
	json_error_t je;
	json_t *g = json_load_file(GOLDEN_DIR "glm.json", 0, &je);
	if (!g) {
		fprintf(stderr, "glm.json: %s\n", je.text);
		fail();
	}
	return g;
}

static const char *const names3[] = { "x1", "x2", "x3" };

/* The largest |C - R| per quantity, returned and checked against tol. */
static double compare(const struct fit_result *r, json_t *coef, json_t *se, double tol_coef,
		      double tol_se, const char *label)
{
	double dc = 0, ds = 0;
	for (size_t i = 0; i < FIT_BUCKETS + 3; i++) {
		double c = i < FIT_BUCKETS ? r->gamma[i] : r->beta[i - FIT_BUCKETS];
		double s = i < FIT_BUCKETS ? r->gamma_se[i] : r->beta_se[i - FIT_BUCKETS];
		dc = fmax(dc, fabs(c - json_number_value(json_array_get(coef, i))));
		ds = fmax(ds, fabs(s - json_number_value(json_array_get(se, i))));
	}
	printf("    %-12s max |C - R|: coefficients %.2e, SEs %.2e\n", label, dc, ds);
	assert_true(dc <= tol_coef);
	assert_true(ds <= tol_se);
	return dc;
}

/* glm's default control and the tight one (epsilon 1e-15, the optimum to
 * rounding): C stops at the optimum, so it is closer to the second; R's
 * default SEs use the weights of its second-last iterate, hence the looser
 * SE bound there (still 1e-6, the issue's). */
static void glm_equals_r(void **state)
{
	(void)state;
	struct pp_file f;
	read_pp(GOLDEN_DIR "pp.csv", 3, &f);
	json_t *g = golden();
	assert_int_equal(f.rows, (size_t)json_integer_value(json_object_get(g, "rows")));
	struct pp_data d = pp_view(&f, names3);
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct fit_result r;
	assert_int_equal(fit_cloglog(&d, NULL, &a, &r, &e), IPM_OK);
	assert_true(r.converged);
	assert_int_equal(r.events, (size_t)json_integer_value(json_object_get(g, "events")));
	assert_int_equal(r.rows, f.rows);
	json_t *def = json_object_get(g, "glm_default"), *tight = json_object_get(g, "glm_tight");
	compare(&r, json_object_get(def, "coefficients"), json_object_get(def, "se"), 1e-6, 1e-6,
		"glm default");
	compare(&r, json_object_get(tight, "coefficients"), json_object_get(tight, "se"), 1e-9,
		1e-9, "glm tight");
	double dev = json_number_value(json_object_get(tight, "deviance"));
	printf("    deviance |C - R| %.2e, %d iterations (R: %d)\n", fabs(r.deviance - dev),
	       r.iterations, (int)json_integer_value(json_object_get(def, "iterations")));
	assert_true(fabs(r.deviance - dev) <= 1e-8 * dev);
	assert_true(fabs(r.loglik + r.deviance / 2) < 1e-9);
	json_decref(g);
	arena_free(&a);
	pp_file_free(&f);
}

static void ridge_equals_r(void **state)
{
	(void)state;
	struct pp_file f;
	read_pp(GOLDEN_DIR "pp.csv", 3, &f);
	json_t *g = golden(), *ridge = json_object_get(g, "ridge");
	struct pp_data d = pp_view(&f, names3);
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct fit_result r;
	struct fit_opts o = { .ridge = json_number_value(json_object_get(ridge, "lambda")) };
	assert_int_equal(fit_cloglog(&d, &o, &a, &r, &e), IPM_OK);
	assert_true(r.converged);
	compare(&r, json_object_get(ridge, "coefficients"), json_object_get(ridge, "se"), 1e-9,
		1e-9, "ridge 25");
	json_decref(g);
	arena_free(&a);
	pp_file_free(&f);
}

static void buckets(void **state)
{
	(void)state;
	static const struct {
		int period, bucket;
	} cases[] = {
		{ 0, -1 }, { -5, -1 }, { 1, 0 }, { 3, 0 }, { 4, 1 }, { 6, 1 }, { 7, 2 },
		{ 9, 2 }, { 10, 3 }, { 12, 3 }, { 13, 4 }, { 18, 4 }, { 19, 5 }, { 24, 5 },
		{ 25, 6 }, { 36, 6 }, { 37, 7 }, { 600, 7 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(fit_bucket(cases[i].period), cases[i].bucket);
	assert_string_equal(fit_bucket_label(0), "1-3");
	assert_string_equal(fit_bucket_label(7), "37+");
	assert_string_equal(fit_bucket_label(8), "?");

	struct fit_result r = { .n_buckets = FIT_BUCKETS };
	for (int b = 0; b < FIT_BUCKETS; b++)
		r.gamma[b] = log(-log1p(-0.01 * (b + 1)));
	double h0[60];
	fit_baseline_hazard(&r, h0, 60);
	assert_true(fabs(h0[0] - 0.01) < 1e-15 && fabs(h0[2] - 0.01) < 1e-15);
	assert_true(fabs(h0[3] - 0.02) < 1e-15 && fabs(h0[12] - 0.05) < 1e-15);
	assert_true(fabs(h0[35] - 0.07) < 1e-15 && fabs(h0[36] - 0.08) < 1e-15);
	assert_true(fabs(h0[59] - 0.08) < 1e-15);
}

/* The fit does not depend on the order of the rows. Shuffled, no two
 * neighbouring rows share a feature vector run, so this also checks the
 * row-by-row path against the run-collapsing one (fit.c, pass). */
static void row_order(void **state)
{
	(void)state;
	struct pp_file f, g;
	read_pp(GOLDEN_DIR "pp.csv", 3, &f);
	read_pp(GOLDEN_DIR "pp.csv", 3, &g);
	size_t *perm = malloc(f.rows * sizeof *perm);
	for (size_t i = 0; i < f.rows; i++)
		perm[i] = i;
	uint64_t s = 99;
	for (size_t i = f.rows - 1; i > 0; i--) {
		size_t j = (size_t)(val_splitmix64(&s) % (i + 1)), t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
	for (size_t i = 0; i < f.rows; i++)
		copy_row(&g, i, &f, perm[i]);
	free(perm);
	struct pp_data d = pp_view(&f, names3), dg = pp_view(&g, names3);
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct fit_result r, rg;
	assert_int_equal(fit_cloglog(&d, NULL, &a, &r, &e), IPM_OK);
	assert_int_equal(fit_cloglog(&dg, NULL, &a, &rg, &e), IPM_OK);
	for (int b = 0; b < FIT_BUCKETS; b++) {
		assert_true(fabs(r.gamma[b] - rg.gamma[b]) < 1e-11);
		assert_true(fabs(r.gamma_se[b] - rg.gamma_se[b]) < 1e-11);
	}
	for (size_t k = 0; k < 3; k++) {
		assert_true(fabs(r.beta[k] - rg.beta[k]) < 1e-11);
		assert_true(fabs(r.beta_se[k] - rg.beta_se[k]) < 1e-11);
	}
	assert_true(fabs(r.loglik - rg.loglik) < 1e-8);
	arena_free(&a);
	pp_file_free(&f);
	pp_file_free(&g);
}

/* Without features each γ is the cloglog of its bucket's crude hazard. */
static void no_features(void **state)
{
	(void)state;
	struct pp_file f;
	read_pp(GOLDEN_DIR "pp.csv", 3, &f);
	struct pp_data d = pp_view(&f, NULL);
	d.n_features = 0;
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct fit_result r;
	assert_int_equal(fit_cloglog(&d, NULL, &a, &r, &e), IPM_OK);
	assert_true(r.converged);
	for (int b = 0; b < FIT_BUCKETS; b++) {
		double h = (double)r.bucket_events[b] / (double)r.bucket_rows[b];
		assert_true(fabs(r.gamma[b] - log(-log1p(-h))) < 1e-12);
	}
	arena_free(&a);
	pp_file_free(&f);
}

/* --- refusals ------------------------------------------------------------------ */

static void expect_error(const struct pp_data *d, const struct fit_opts *o, const char *msg)
{
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct fit_result r;
	assert_int_equal(fit_cloglog(d, o, &a, &r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, msg);
	arena_free(&a);
}

static void errors(void **state)
{
	(void)state;
	struct pp_file f;
	read_pp(GOLDEN_DIR "pp.csv", 3, &f);
	struct pp_data d = pp_view(&f, names3);

	struct pp_data empty = d;
	empty.rows = 0;
	expect_error(&empty, NULL, "fit: no person-period rows");
	struct pp_data wide = d;
	wide.n_features = 65;
	expect_error(&wide, NULL, "fit: 65 features; at most 64 are supported");
	struct fit_opts neg = { .ridge = -1 };
	expect_error(&d, &neg, "fit: ridge must be a finite number ≥ 0");

	f.period[9] = 0;
	expect_error(&d, NULL, "fit: row 10: period must be 1 or more");
	f.period[9] = f.period[8] + 1;
	f.event[4] = 2;
	expect_error(&d, NULL, "fit: row 5: event must be 0 or 1");
	f.event[4] = 0;
	f.x[6 * 3 + 1] = NAN;
	expect_error(&d, NULL, "fit: row 7: feature x2 is not a finite number");
	d.names = NULL;
	expect_error(&d, NULL, "fit: row 7: feature 2 is not a finite number");
	d.names = names3;
	f.x[6 * 3 + 1] = 0;

	/* x3 := x1 - 2·x2: collinear with the earlier features. */
	double *saved = malloc(f.rows * sizeof *saved);
	for (size_t r = 0; r < f.rows; r++) {
		saved[r] = f.x[r * 3 + 2];
		f.x[r * 3 + 2] = f.x[r * 3] - 2 * f.x[r * 3 + 1];
	}
	expect_error(&d, NULL,
		     "fit: feature x3 is constant or a linear combination of the duration "
		     "buckets and earlier features (singular information matrix)");
	/* A constant is collinear with the buckets, which sum to one. */
	for (size_t r = 0; r < f.rows; r++)
		f.x[r * 3 + 2] = 1;
	expect_error(&d, NULL,
		     "fit: feature x3 is constant or a linear combination of the duration "
		     "buckets and earlier features (singular information matrix)");
	/* The ridge makes it estimable (and shrinks it). */
	struct fit_opts ridge = { .ridge = 1 };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct fit_result r;
	assert_int_equal(fit_cloglog(&d, &ridge, &a, &r, &e), IPM_OK);
	assert_true(r.converged);
	/* x3 := event separates perfectly: β3 → ∞, found on the way there. */
	for (size_t i = 0; i < f.rows; i++)
		f.x[i * 3 + 2] = f.event[i];
	expect_error(&d, NULL,
		     "fit: no finite estimate for feature x3: it separates events from non-events, "
		     "so its coefficient runs off to infinity (a ridge penalty gives a finite one)");
	assert_int_equal(fit_cloglog(&d, &ridge, &a, &r, &e), IPM_OK);
	assert_true(r.converged && isfinite(r.beta[2]));
	for (size_t i = 0; i < f.rows; i++)
		f.x[i * 3 + 2] = saved[i];
	free(saved);

	/* Only the rows of months 1..36: bucket 37+ has no person-periods. */
	struct pp_data short_d = d;
	short_d.rows = 0;
	for (size_t i = 0; i < f.rows; i++)
		if (f.period[i] <= 36)
			copy_row(&f, short_d.rows++, &f, i);
	expect_error(&short_d, NULL,
		     "fit: duration bucket 37+ has no person-periods, so its baseline hazard has "
		     "no finite estimate (leave empty buckets out to fit without it)");
	arena_free(&a);
	pp_file_free(&f);
}

/* A bucket with rows but no events: left out, the fit equals the fit
 * without its rows (R's limit as γ → -∞), and it takes the γ before it. */
static void drop_empty_bucket(void **state)
{
	(void)state;
	struct pp_file f;
	read_pp(GOLDEN_DIR "pp.csv", 3, &f);
	struct pp_data d = pp_view(&f, names3);
	for (size_t i = 0; i < f.rows; i++)
		if (fit_bucket(f.period[i]) == 6)
			f.event[i] = 0;
	expect_error(&d, NULL,
		     "fit: duration bucket 25-36 has no events, so its baseline hazard has no "
		     "finite estimate (leave empty buckets out to fit without it)");
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct fit_opts o = { .drop_empty_buckets = true };
	struct fit_result with, without;
	assert_int_equal(fit_cloglog(&d, &o, &a, &with, &e), IPM_OK);
	assert_false(with.bucket_fitted[6]);
	assert_true(with.bucket_fitted[5] && with.bucket_fitted[7]);
	assert_true(with.gamma[6] == with.gamma[5]);
	assert_true(isnan(with.gamma_se[6]));
	assert_int_equal(with.rows, f.rows - with.bucket_rows[6]);

	uint8_t *keep = malloc(f.rows);
	for (size_t i = 0; i < f.rows; i++)
		keep[i] = fit_bucket(f.period[i]) != 6;
	struct pp_data sub;
	val_subset(&d, keep, &a, &sub);
	assert_int_equal(fit_cloglog(&sub, &o, &a, &without, &e), IPM_OK);
	for (size_t k = 0; k < 3; k++) {
		assert_true(fabs(with.beta[k] - without.beta[k]) < 1e-12);
		assert_true(fabs(with.beta_se[k] - without.beta_se[k]) < 1e-12);
	}
	free(keep);
	arena_free(&a);
	pp_file_free(&f);
}

/* --- recovery of a known model (issue 4 item 7) ------------------------------- */

#define REC_CLIENTS 50000
#define REC_P 6
#define REC_FOLLOW 24

static const double rec_beta[REC_P] = { 0.35, -0.25, 0.20, 0.15, -0.30, -0.45 };
static const double rec_h0[FIT_BUCKETS] = { 0.09, 0.08, 0.07, 0.06, 0.05, 0.04, 0.03, 0.025 };

static double uniform(uint64_t *s)
{
	return (double)(val_splitmix64(s) >> 11) * 0x1.0p-53;
}

struct rec_client {
	int entry;
	double lp; /* true linear predictor */
	double x[REC_P];
};

/* Ratings -2..2 (five factors), one 0/1 attribute; entry 0..40 months;
 * followed up to REC_FOLLOW months. */
static void simulate(struct pp_file *f, struct rec_client *cl)
{
	uint64_t s = 20240401;
	*f = (struct pp_file){ .p = REC_P };
	for (int i = 0; i < REC_CLIENTS; i++) {
		struct rec_client *c = &cl[i];
		c->entry = (int)(uniform(&s) * 41);
		c->lp = 0;
		for (int k = 0; k < REC_P; k++) {
			c->x[k] = k < REC_P - 1 ? (double)(int)(uniform(&s) * 5) - 2
						: (double)(uniform(&s) < 0.3);
			c->lp += rec_beta[k] * c->x[k];
		}
		for (int t = c->entry + 1; t <= c->entry + REC_FOLLOW; t++) {
			double g = log(-log1p(-rec_h0[fit_bucket(t)]));
			uint8_t ev = uniform(&s) < -expm1(-exp(g + c->lp));
			if (f->rows == f->cap)
				pp_file_grow(f);
			f->client[f->rows] = i + 1;
			f->period[f->rows] = t;
			f->event[f->rows] = ev;
			memcpy(f->x + f->rows * REC_P, c->x, sizeof c->x);
			f->rows++;
			if (ev)
				break;
		}
	}
}

/* P(work within 12 months) at entry (the contract's p12) under γ, β. */
static double p12(const double *gamma, const double *beta, const struct rec_client *c)
{
	double lp = 0, log_s = 0;
	for (int k = 0; k < REC_P; k++)
		lp += beta[k] * c->x[k];
	for (int t = c->entry + 1; t <= c->entry + 12; t++)
		log_s -= exp(gamma[fit_bucket(t)] + lp);
	return -expm1(log_s);
}

static void recovery(void **state)
{
	(void)state;
	struct rec_client *cl = malloc(REC_CLIENTS * sizeof *cl);
	struct pp_file f;
	simulate(&f, cl);
	struct pp_data d = pp_view(&f, NULL);
	struct arena a = ARENA_INIT;
	struct err e = { 0 };

	/* Fit on 70 % of the clients, validate on the held-out 30 %. */
	uint8_t *train = malloc(f.rows);
	for (size_t i = 0; i < f.rows; i++)
		train[i] = !val_held_out(f.client[i], 0.3, 7);
	struct pp_data td;
	val_subset(&d, train, &a, &td);
	struct fit_result r;
	assert_int_equal(fit_cloglog(&td, NULL, &a, &r, &e), IPM_OK);
	assert_true(r.converged);
	for (int k = 0; k < REC_P; k++) {
		double z = (r.beta[k] - rec_beta[k]) / r.beta_se[k];
		printf("    beta %d: %.4f (true %.2f, se %.4f, z %+.2f)\n", k + 1, r.beta[k],
		       rec_beta[k], r.beta_se[k], z);
		assert_true(fabs(z) <= 2.576);
	}

	struct val_clients cs;
	assert_int_equal(val_clients(&d, &a, &cs, &e), IPM_OK);
	assert_int_equal(cs.n, REC_CLIENTS);
	double *p_fit = arena_array(&a, cs.n, sizeof *p_fit);
	double *p_true = arena_array(&a, cs.n, sizeof *p_true);
	uint8_t *y = arena_array(&a, cs.n, sizeof *y);
	double gamma_true[FIT_BUCKETS];
	for (int b = 0; b < FIT_BUCKETS; b++)
		gamma_true[b] = log(-log1p(-rec_h0[b]));
	size_t n = 0;
	for (size_t i = 0; i < cs.n; i++) {
		const struct val_client *c = &cs.c[i];
		int outcome = val_outcome(c, 12);
		if (!val_held_out(c->id, 0.3, 7) || outcome < 0)
			continue;
		assert_int_equal(c->entry, cl[c->id - 1].entry);
		p_fit[n] = p12(r.gamma, r.beta, &cl[c->id - 1]);
		p_true[n] = p12(gamma_true, rec_beta, &cl[c->id - 1]);
		y[n++] = (uint8_t)outcome;
	}
	double auc_fit, auc_true;
	assert_int_equal(val_auc(p_fit, y, n, &a, &auc_fit, &e), IPM_OK);
	assert_int_equal(val_auc(p_true, y, n, &a, &auc_true, &e), IPM_OK);
	printf("    held-out p12: %zu clients, AUC fitted %.4f, true %.4f (ratio %.4f)\n", n,
	       auc_fit, auc_true, auc_fit / auc_true);
	assert_true(auc_fit >= 0.99 * auc_true);
	free(train);
	free(cl);
	arena_free(&a);
	pp_file_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(glm_equals_r),
		cmocka_unit_test(ridge_equals_r),
		cmocka_unit_test(buckets),
		cmocka_unit_test(row_order),
		cmocka_unit_test(no_features),
		cmocka_unit_test(errors),
		cmocka_unit_test(drop_empty_bucket),
		cmocka_unit_test(recovery),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
