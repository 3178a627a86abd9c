/* The prognosis engine (docs/contracts/prognosis-v1.md) on models built by
 * hand, so that every golden value can be recomputed from this file alone.
 *
 * The golden values come from an independent calculation that follows the
 * contract literally — per month h(t) = 1 − exp(−exp(γ(t) + lp)) with
 * γ(t) = log(−log(1 − h0(t))), survival as a plain product — in Python:
 *
 *   def h(h0, t, lp):
 *       b = h0[min(t, len(h0)) - 1]
 *       return 1 - math.exp(-math.exp(math.log(-math.log(1 - b)) + lp))
 *   def S(h0, d, k, lp):
 *       s = 1.0
 *       for t in range(d + 1, d + k + 1): s *= 1 - h(h0, t, lp)
 *       return s
 *   p6 = 1 - S(h0, d, 6, lp); p12 = 1 - S(h0, d, 12, lp)
 *   mean = sum(S(h0, d, k, lp) for k in range(60))
 *   median = next((k for k in range(1, 61) if S(h0, d, k, lp) <= 0.5), -1)
 *   kritisch = next((m for m in range(d, d + 121) if 1 - S(h0, m, 12, lp) < 0.30), -1)
 *
 * The engine computes the same products as exp(−e^{lp}·ΣC), so agreement to
 * 1e-12 shows both the formula and the shortcut. Model A: h0 = 0.1 in every
 * month (so S(0, k) = 0.9^k by hand). Model B: h0 = 0.1 in months 1–6, 0.02
 * from month 7 on; features taal (persoon, intern, β 0.2), gezondheid
 * (persoon, extern, 0.3), netwerk (omgeving, intern, 0.1), vraag
 * (arbeidsmarkt, niet, 0.25), schulden (omgeving, extern, 0.15), oud
 * (client age_50_plus, −0.4). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/prognosis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-12

/* cmocka's float assertion works in float; this one in double, naming
 * the line and both values. */
#define assert_double_equal(got, want, tol) near_at((got), (want), (tol), __LINE__)

static void near_at(double got, double want, double tol, int line)
{
	if (!(fabs(got - want) <= tol) && !(got == want))
		fail_msg("line %d: got %.17g, want %.17g (tolerance %g)", line, got, want, tol);
}

static const double h0_a[] = { 0.1 };
static const double h0_b[] = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.02 };

enum { TAAL, GEZONDHEID, NETWERK, VRAAG, SCHULDEN, OUD, NB };

static struct prog_feature factor(const char *id, enum prog_domain d, enum prog_influence i,
				  double beta)
{
	return (struct prog_feature){ .id = id, .kind = PROG_FACTOR, .ref = id,
				      .client = PROG_CLIENT_NONE, .beta = beta, .source = "test",
				      .domain = d, .influence = i, .min = -2, .max = 2 };
}

static void model_a(struct prog_model *m)
{
	*m = (struct prog_model){ .pack_id = "a", .version = "1.0.0", .h0 = h0_a, .n_months = 1 };
	struct err e = { 0 };
	if (prog_model_prepare(m, &e))
		fail_msg("%s", e.msg);
}

static struct prog_feature features_b[NB];

static void model_b(struct prog_model *m)
{
	features_b[TAAL] = factor("taal", PROG_PERSOON, PROG_INTERN, 0.2);
	features_b[GEZONDHEID] = factor("gezondheid", PROG_PERSOON, PROG_EXTERN, 0.3);
	features_b[NETWERK] = factor("netwerk", PROG_OMGEVING, PROG_INTERN, 0.1);
	features_b[VRAAG] = factor("vraag", PROG_ARBEIDSMARKT, PROG_NIET, 0.25);
	features_b[SCHULDEN] = factor("schulden", PROG_OMGEVING, PROG_EXTERN, 0.15);
	features_b[OUD] = (struct prog_feature){ .id = "oud", .kind = PROG_CLIENT, .ref = "age_50_plus",
						 .client = PROG_AGE_50_PLUS, .beta = -0.4,
						 .domain = PROG_DOMAIN_NONE, .influence = PROG_NIET,
						 .min = 0, .max = 1 };
	*m = (struct prog_model){ .pack_id = "b", .version = "2.0.0", .calibrated = false,
				  .h0 = h0_b, .n_months = 7, .features = features_b, .n_features = NB };
	struct err e = { 0 };
	if (prog_model_prepare(m, &e))
		fail_msg("%s", e.msg);
}

/* Every feature given with value 0, d months unemployed. */
static struct prog_input neutral(int d)
{
	struct prog_input in = { .months = d };
	for (int k = 0; k < PROG_FEATURES_MAX; k++)
		in.given[k] = true;
	return in;
}

static void predict(const struct prog_model *m, const struct prog_input *in,
		    const struct prog_thresholds *t, struct prog_result *r)
{
	struct err e = { 0 };
	if (prog_predict(m, in, t, r, &e))
		fail_msg("%s", e.msg);
}

static void hazard_and_window(void **state)
{
	(void)state;
	struct prog_model a, b;
	model_a(&a);
	model_b(&b);
	/* Hazard ratio 2 on h0 0.1: 1 − 0.9² = 0.19; month 5 lies past A's
	 * one-month table, so the last value holds. */
	assert_double_equal(prog_hazard(&a, 5, log(2)), 0.19, TOL);
	assert_double_equal(prog_hazard(&a, 1, 0), 0.1, TOL);
	assert_double_equal(prog_hazard(&b, 7, 0), 0.02, TOL);
	assert_double_equal(prog_hazard(&b, 200, 0), 0.02, TOL);
	assert_true(isnan(prog_hazard(&b, 0, 0)));
	/* 1 − 0.9^6 and 1 − 0.9^6·0.98^6 = 1 − 0.531441·0.885842380864. */
	assert_double_equal(prog_p_within(&a, 0, 6, 0), 0.468559, TOL);
	assert_double_equal(prog_p_within(&b, 0, 12, 0), 0.529227039271255, TOL);
	assert_double_equal(prog_p_within(&b, 3, 0, 50), 0, 0); /* k = 0, e^lp huge */
	assert_double_equal(prog_p_within(&b, 3, 12, 800), 1, 0); /* e^lp = inf */
	arena_free(&a.arena);
	arena_free(&b.arena);
}

/* One golden row: model B with the client feature "oud" = 1 and β_oud = lp
 * (so β·x = lp), d months unemployed; p6 NaN = not checked. */
struct golden {
	double lp;
	int d;
	double p6, p12, mean;
	int median, kritisch;
	bool now;
};

static const struct golden golden_b[] = {
	/* Reference: S(0,9) = 0.500188 > 0.5 ≥ S(0,10) = 0.490184, median 10.
	 * The window m+1..m+12 drops below 0.30 at m = 5 (0.9·0.98^11 = 0.7207
	 * survives: 0.2793), not at m = 4 (0.338). */
	{ 0, 0, 0.468559, 0.529227039271255, 22.3321277914279, 10, 5, false },
	{ 0, 4, 0.2528817904, 0.338171026421087, 29.8522050405759, 26, 5, false },
	/* At m = d the chance is already below 0.30: "nu al". */
	{ 0, 5, 0.18647128288, 0.279341784325184, 32.3368454886271, 31, 5, true },
	/* Past the table, only the 0.02 tail: p12 = 1 − 0.98^12. */
	{ 0, 9, 0.114157619136, 0.2152832762652, 35.1223428653939, 35, 9, true },
	/* log 2 doubles the cumulative hazard: the tail window keeps
	 * 1 − 0.98^24 = 0.384 ≥ 0.30, never critical within 120 months. */
	{ M_LN2, 0, 0.717570463519, 0.778372819446691, 10.1040510240104, 4, -1, false },
	/* −3: the median lies beyond 60 months; critical at once. */
	{ -3, 0, 0.0309834106619188, 0.0368138162083397, 56.8788965601159, -1, 0, true },
};

static void check_golden(const struct prog_model *m, const struct prog_input *in,
			 const struct golden *g)
{
	struct prog_result r;
	predict(m, in, NULL, &r);
	assert_double_equal(r.p6, g->p6, TOL);
	assert_double_equal(r.p12, g->p12, TOL);
	assert_double_equal(r.months_expected, g->mean, 1e-11);
	assert_int_equal(r.months_median, g->median);
	assert_int_equal(r.kritisch, g->kritisch);
	assert_int_equal(r.kritisch_now, g->now);
}

static void durations_and_kritisch(void **state)
{
	(void)state;
	struct prog_model a, b;
	struct prog_result r;
	model_a(&a);

	/* A: Σ_{k<60} 0.9^k = (1 − 0.9^60)/0.1; 0.9^6 = 0.531 > 0.5 ≥ 0.9^7;
	 * the 12-month chance is 0.7176 in every month: never critical. */
	const struct golden ga = { 0, 0, 0.468559, 0.717570463519, 9.98202989700086, 7, -1, false };
	check_golden(&a, &(struct prog_input){ .months = 0 }, &ga);
	predict(&a, &(struct prog_input){ .months = 0 }, NULL, &r);
	assert_double_equal(r.months_expected, (1 - pow(0.9, 60)) / 0.1, TOL);
	assert_int_equal(r.band, PROG_BAND_50_75);
	assert_int_equal(r.light, PROG_LIGHT_NONE);
	assert_string_equal(r.pack_id, "a");
	assert_false(r.calibrated);

	for (size_t i = 0; i < sizeof golden_b / sizeof golden_b[0]; i++) {
		model_b(&b);
		features_b[OUD].beta = golden_b[i].lp;
		prog_model_prepare(&b, NULL);
		struct prog_input in = neutral(golden_b[i].d);
		in.x[OUD] = 1;
		check_golden(&b, &in, &golden_b[i]);
		arena_free(&b.arena);
	}

	/* Far past the table the tail still holds and it is critical now. */
	model_b(&b);
	predict(&b, &(struct prog_input){ .months = 500 }, NULL, &r);
	assert_double_equal(r.p12, 1 - pow(0.98, 12), TOL);
	assert_int_equal(r.kritisch, 500);
	assert_true(r.kritisch_now);
	assert_int_equal(r.band, PROG_BAND_0_25);
	arena_free(&a.arena);
	arena_free(&b.arena);
}

static void bands_and_light(void **state)
{
	(void)state;
	assert_int_equal(prog_band_of(0), PROG_BAND_0_25);
	assert_int_equal(prog_band_of(nextafter(0.25, 0)), PROG_BAND_0_25);
	assert_int_equal(prog_band_of(0.25), PROG_BAND_25_50);
	assert_int_equal(prog_band_of(nextafter(0.5, 0)), PROG_BAND_25_50);
	assert_int_equal(prog_band_of(0.5), PROG_BAND_50_75);
	assert_int_equal(prog_band_of(nextafter(0.75, 0)), PROG_BAND_50_75);
	assert_int_equal(prog_band_of(0.75), PROG_BAND_75_100);
	assert_int_equal(prog_band_of(1), PROG_BAND_75_100);
	assert_string_equal(prog_band_name(PROG_BAND_25_50), "25-50");
	assert_string_equal(prog_band_name(PROG_BAND_75_100), "75-100");

	const struct prog_thresholds t = { .lower = 0.3, .upper = 0.6 };
	assert_int_equal(prog_light_of(0.6, &t), PROG_GROEN);
	assert_int_equal(prog_light_of(nextafter(0.6, 0), &t), PROG_ORANJE);
	assert_int_equal(prog_light_of(0.3, &t), PROG_ORANJE);
	assert_int_equal(prog_light_of(nextafter(0.3, 0), &t), PROG_ROOD);
	assert_int_equal(prog_light_of(0.9, NULL), PROG_LIGHT_NONE);
	const struct prog_thresholds same = { .lower = 0.4, .upper = 0.4 };
	assert_int_equal(prog_light_of(0.4, &same), PROG_GROEN);
	assert_int_equal(prog_light_of(0.39, &same), PROG_ROOD);
	assert_string_equal(prog_light_name(PROG_ORANJE), "oranje");
	assert_string_equal(prog_light_name(PROG_LIGHT_NONE), "");

	/* Through prog_predict: B's reference p12 0.529 is oranje between
	 * 0.3 and 0.6 and groen from 0.529. */
	struct prog_model b;
	struct prog_result r;
	model_b(&b);
	struct prog_input in = neutral(0);
	predict(&b, &in, &t, &r);
	assert_int_equal(r.light, PROG_ORANJE);
	assert_int_equal(r.band, PROG_BAND_50_75);
	predict(&b, &in, &(struct prog_thresholds){ .lower = 0.1, .upper = r.p12 }, &r);
	assert_int_equal(r.light, PROG_GROEN);
	arena_free(&b.arena);
}

/* One client on model B at d = 3: taal −2, gezondheid +1, netwerk not
 * rated, vraag +2, schulden −1, 50+. lp = −0.4 + 0.3 + 0.5 − 0.15 − 0.4. */
static struct prog_input client(void)
{
	struct prog_input in = neutral(3);
	in.x[TAAL] = -2;
	in.x[GEZONDHEID] = 1;
	in.x[NETWERK] = 2; /* ignored: not given */
	in.given[NETWERK] = false;
	in.x[VRAAG] = 2;
	in.x[SCHULDEN] = -1;
	in.x[OUD] = 1;
	return in;
}

static void contributions_and_domains(void **state)
{
	(void)state;
	struct prog_model b;
	struct prog_result r;
	model_b(&b);
	struct prog_input in = client();
	predict(&b, &in, NULL, &r);
	assert_double_equal(r.lp, -0.15, 1e-15);
	assert_double_equal(r.p6, 0.276908712492874, TOL);
	assert_double_equal(r.p12, 0.348548019165401, TOL);
	assert_double_equal(r.months_expected, 30.5382519303289, 1e-11);
	assert_int_equal(r.months_median, 28);
	assert_int_equal(r.kritisch, 4);
	assert_int_equal(r.band, PROG_BAND_25_50);
	assert_string_equal(r.version, "2.0.0");

	/* p12(x) − p12(x with x_k = 0), sorted by |·|; taal and oud tie
	 * exactly (both β·x = −0.4) and stay in model order. */
	static const struct { int k; double lp, p12; } want[] = {
		{ TAAL, -0.4, -0.12380290597798 },
		{ OUD, -0.4, -0.12380290597798 },
		{ VRAAG, 0.5, 0.119653827980261 },
		{ GEZONDHEID, 0.3, 0.0765301134287173 },
		{ SCHULDEN, -0.15, -0.0436498622417196 },
		{ NETWERK, 0, 0 },
	};
	assert_int_equal(r.n_contrib, NB);
	for (size_t i = 0; i < NB; i++) {
		assert_int_equal(r.contrib[i].feature, want[i].k);
		assert_double_equal(r.contrib[i].lp, want[i].lp, 1e-15);
		assert_double_equal(r.contrib[i].p12, want[i].p12, TOL);
	}
	assert_double_equal(r.contrib[5].x, 0, 0); /* the missing one counts as 0 */
	assert_double_equal(r.contrib[5].p12, 0, 0);

	/* Domains: the client attribute belongs to none. */
	const struct prog_domain_view *p = &r.domains[PROG_PERSOON];
	const struct prog_domain_view *o = &r.domains[PROG_OMGEVING];
	const struct prog_domain_view *a = &r.domains[PROG_ARBEIDSMARKT];
	assert_double_equal(p->lp, -0.1, 1e-15);
	assert_int_equal(p->n_hindering, 1);
	assert_int_equal(p->hindering[0], TAAL);
	assert_int_equal(p->n_facilitating, 1);
	assert_int_equal(p->facilitating[0], GEZONDHEID);
	assert_double_equal(o->lp, -0.15, 1e-15);
	assert_int_equal(o->n_hindering, 1);
	assert_int_equal(o->hindering[0], SCHULDEN);
	assert_int_equal(o->n_facilitating, 0);
	assert_double_equal(a->lp, 0.5, 0);
	assert_int_equal(a->n_hindering, 0);
	assert_int_equal(a->n_facilitating, 1);
	assert_int_equal(a->facilitating[0], VRAAG);

	assert_int_equal(r.n_missing, 1);
	assert_int_equal(r.missing[0], NETWERK);

	/* Sorting within a domain by |β·x|: taal −1 (0.2) and gezondheid −2
	 * (0.6) both hinder; gezondheid first. */
	in.x[TAAL] = -1;
	in.x[GEZONDHEID] = -2;
	predict(&b, &in, NULL, &r);
	assert_int_equal(r.domains[PROG_PERSOON].n_hindering, 2);
	assert_int_equal(r.domains[PROG_PERSOON].hindering[0], GEZONDHEID);
	assert_int_equal(r.domains[PROG_PERSOON].hindering[1], TAAL);
	assert_double_equal(r.domains[PROG_PERSOON].lp, -0.8, 1e-15);
	arena_free(&b.arena);
}

static void top_influenceable(void **state)
{
	(void)state;
	struct prog_model b;
	struct prog_result r;
	model_b(&b);
	struct prog_input in = client();
	predict(&b, &in, NULL, &r);
	/* Candidates: taal −2→−1, gezondheid 1→2, netwerk (missing, 0)→1,
	 * schulden −1→0; vraag is "niet" and oud a client attribute. The
	 * raised p12 from the same independent calculation; schulden's gain
	 * equals minus its contribution (raising −1 to 0 removes it). */
	assert_int_equal(r.n_top, 3);
	assert_int_equal(r.top[0].feature, GEZONDHEID);
	assert_double_equal(r.top[0].from, 1, 0);
	assert_double_equal(r.top[0].to, 2, 0);
	assert_double_equal(r.top[0].p12, 0.439252261837927, TOL);
	assert_double_equal(r.top[0].gain, 0.0907042426725264, TOL);
	assert_int_equal(r.top[1].feature, TAAL);
	assert_double_equal(r.top[1].to, -1, 0);
	assert_double_equal(r.top[1].p12, 0.407517590412876, TOL);
	assert_double_equal(r.top[1].gain, 0.0589695712474753, TOL);
	assert_int_equal(r.top[2].feature, SCHULDEN);
	assert_double_equal(r.top[2].p12, 0.392197881407121, TOL);
	assert_double_equal(r.top[2].gain, 0.0436498622417196, TOL);

	/* An unrated factor is never advice, however large its β: netwerk is
	 * missing for this client, so it stays out of the top and is listed as
	 * missing instead. */
	features_b[NETWERK].beta = 2.0;
	prog_model_prepare(&b, NULL);
	predict(&b, &in, NULL, &r);
	assert_int_equal(r.n_top, 3);
	for (size_t k = 0; k < r.n_top; k++)
		assert_int_not_equal(r.top[k].feature, NETWERK);
	assert_int_equal(r.n_missing, 1);

	/* At +2 nothing can be raised; β ≤ 0 is no advice. */
	in.x[GEZONDHEID] = 2;
	in.x[TAAL] = 2;
	in.x[SCHULDEN] = 2;
	features_b[NETWERK].beta = 0;
	prog_model_prepare(&b, NULL);
	predict(&b, &in, NULL, &r);
	assert_int_equal(r.n_top, 0);

	/* Ties: equal β and equal rating give exactly equal gains; model
	 * order decides, and the fourth is cut. */
	features_b[TAAL].beta = features_b[GEZONDHEID].beta = 0.2;
	features_b[NETWERK].beta = features_b[SCHULDEN].beta = 0.2;
	prog_model_prepare(&b, NULL);
	in = neutral(0);
	predict(&b, &in, NULL, &r);
	assert_int_equal(r.n_top, 3);
	assert_int_equal(r.top[0].feature, TAAL);
	assert_int_equal(r.top[1].feature, GEZONDHEID);
	assert_int_equal(r.top[2].feature, NETWERK);
	assert_double_equal(r.top[0].gain, r.top[2].gain, 0);
	/* A larger gain later in the model moves ahead of the tie. */
	features_b[SCHULDEN].beta = 0.5;
	prog_model_prepare(&b, NULL);
	predict(&b, &in, NULL, &r);
	assert_int_equal(r.top[0].feature, SCHULDEN);
	assert_int_equal(r.top[1].feature, TAAL);
	assert_int_equal(r.top[2].feature, GEZONDHEID);
	assert_int_equal(r.n_missing, 0);
	arena_free(&b.arena);
}

static void batch_equals_one_by_one(void **state)
{
	(void)state;
	struct prog_model b;
	model_b(&b);
	enum { N = 1000 };
	double *x = calloc(N * NB, sizeof *x), p6[N], p12[N];
	int d[N];
	unsigned s = 12345;
	for (int i = 0; i < N; i++) {
		for (int k = 0; k < NB; k++) {
			s = s * 1103515245u + 12345u;
			x[i * NB + k] = k == OUD ? (double)((s >> 16) & 1) : (double)((s >> 16) % 5) - 2;
		}
		d[i] = i % 150; /* inside and past the 7-month table */
	}
	d[7] = -3; /* read as 0 */
	prog_predict_batch(&b, N, x, d, p6, p12);
	for (int i = 0; i < N; i++) {
		struct prog_input in = neutral(d[i] < 0 ? 0 : d[i]);
		struct prog_result r;
		memcpy(in.x, x + i * NB, NB * sizeof *x);
		predict(&b, &in, NULL, &r);
		if (p6[i] != r.p6 || p12[i] != r.p12)
			fail_msg("row %d: batch %.17g %.17g, one %.17g %.17g", i, p6[i], p12[i],
				 r.p6, r.p12);
	}
	free(x);
	arena_free(&b.arena);
}

static void refused(void **state)
{
	(void)state;
	struct prog_model b;
	struct prog_result r;
	struct err e = { 0 };
	model_b(&b);
	struct prog_input in = neutral(0);
	in.x[GEZONDHEID] = 3;
	assert_int_equal(prog_predict(&b, &in, NULL, &r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "feature \"gezondheid\": value outside -2..2");
	in.x[GEZONDHEID] = NAN;
	assert_int_equal(prog_predict(&b, &in, NULL, &r, &e), IPM_EINVAL);
	in.given[GEZONDHEID] = false; /* not given: its value is never read */
	assert_int_equal(prog_predict(&b, &in, NULL, &r, &e), IPM_OK);
	in.x[OUD] = 2;
	assert_int_equal(prog_predict(&b, &in, NULL, &r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "feature \"oud\": value outside 0..1");
	in = neutral(-1);
	assert_int_equal(prog_predict(&b, &in, NULL, &r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "months unemployed: must be 0 or more");
	in = neutral(0);
	assert_int_equal(prog_predict(&b, &in, &(struct prog_thresholds){ 0.7, 0.6 }, &r, &e),
			 IPM_EINVAL);
	assert_string_equal(e.msg, "thresholds: need 0 <= lower <= upper <= 1");
	assert_int_equal(r.n_contrib, 0); /* nothing half-filled */

	struct prog_model bad = { .pack_id = "x", .h0 = h0_b, .n_months = 0 };
	assert_int_equal(prog_model_prepare(&bad, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "baseline_hazard: need 1 to 120 months");
	assert_int_equal(prog_predict(&bad, &in, NULL, &r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "model \"x\": not prepared");
	static const double one[] = { 0.1, 1.0 };
	bad.h0 = one;
	bad.n_months = 2;
	assert_int_equal(prog_model_prepare(&bad, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "baseline_hazard[1]: outside (0, 1)");
	bad.h0 = h0_b;
	bad.n_features = PROG_FEATURES_MAX + 1;
	assert_int_equal(prog_model_prepare(&bad, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "features: 65 features, at most 64");
	features_b[VRAAG].beta = INFINITY;
	assert_int_equal(prog_model_prepare(&b, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "features[3] \"vraag\": beta is not finite");
	features_b[VRAAG].beta = 0.25;
	b.has_population = true;
	b.population = (struct prog_thresholds){ 0.5, 1.5 };
	assert_int_equal(prog_model_prepare(&b, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "population_p12: need 0 <= lower <= upper <= 1");
	arena_free(&b.arena);
}

static void names_and_lookup(void **state)
{
	(void)state;
	struct prog_model b;
	model_b(&b);
	assert_int_equal(prog_feature_index(&b, "schulden"), SCHULDEN);
	assert_int_equal(prog_feature_index(&b, "geen"), -1);
	enum prog_domain d;
	enum prog_influence i;
	enum prog_client c;
	assert_int_equal(prog_domain_parse("omgeving", &d), 0);
	assert_int_equal(d, PROG_OMGEVING);
	assert_int_equal(prog_domain_parse("markt", &d), -1);
	assert_int_equal(prog_influence_parse("niet", &i), 0);
	assert_int_equal(i, PROG_NIET);
	assert_int_equal(prog_client_parse("age_under_27", &c), 0);
	assert_int_equal(c, PROG_AGE_UNDER_27);
	assert_int_equal(prog_client_parse("months_unemployed", &c), -1);
	assert_string_equal(prog_domain_name(PROG_ARBEIDSMARKT), "arbeidsmarkt");
	assert_string_equal(prog_domain_name(PROG_DOMAIN_NONE), "");
	assert_string_equal(prog_influence_name(PROG_EXTERN), "extern");
	assert_string_equal(prog_client_name(PROG_AGE_50_PLUS), "age_50_plus");
	arena_free(&b.arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hazard_and_window),
		cmocka_unit_test(durations_and_kritisch),
		cmocka_unit_test(bands_and_light),
		cmocka_unit_test(contributions_and_domains),
		cmocka_unit_test(top_influenceable),
		cmocka_unit_test(batch_equals_one_by_one),
		cmocka_unit_test(refused),
		cmocka_unit_test(names_and_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
