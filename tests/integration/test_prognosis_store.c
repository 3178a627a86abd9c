/* The prognosis from the database as a user runs it: after `ipm init --demo`
 * `ipm prognosis --client 1` prints the prognosis and stores it with the
 * model version that made it; with 30+ rated clients the traffic light uses
 * the organisation's terciles (checked against a hand computation of R's
 * type-7 quantiles); `ipm model fit --db` registers a new version without
 * activating it, `ipm model activate` switches the next prognosis to it,
 * and a second fit gets the next version; the demo's synthetic history is
 * enough to fit and validate on. Other history (assessments completed
 * months ago, outcomes) is laid down with SQL, so that a test controls
 * every row (the store backdates only through store_assessment_import,
 * which is for imports). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/fit.h"
#include "services/model_set.h"
#include "services/prognosis_store.h"
#include "support/cli_db.h"
#include "support/proc.h"
#include "support/raw_db.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MODEL_FILE "data/packs/ipm-model-default.json"

/* ipm prognosis --client ID as JSON (owned); err gets stderr when given. */
static json_t *prognosis(struct cli_db *f, int64_t client, const char *today, struct buf *err)
{
	struct buf out = BUF_INIT, id = BUF_INIT;
	buf_printf(&id, "%lld", (long long)client);
	const char *args[] = { "prognosis", "--client", id.data, "--db", f->db.data, "--data",
			       "data", today ? "--today" : NULL, today, NULL };
	assert_int_equal(test_run_ipm(&out, err, args), 0);
	json_t *doc = json_loadb(out.data, out.len, 0, NULL);
	assert_non_null(doc);
	buf_free(&out);
	buf_free(&id);
	return doc;
}

static const char *model_version(const json_t *doc)
{
	return json_string_value(json_object_get(json_object_get(doc, "model"), "version"));
}

static void test_demo_prognosis_is_stored_with_its_model(void **state)
{
	struct cli_db *f = *state;
	struct buf err = BUF_INIT, out = BUF_INIT;
	cli_db_init(f, 1);
	json_t *doc = prognosis(f, 1, NULL, &err);
	assert_non_null(strstr(err.data, "no active model: ipm-model-default@1.0.0"));
	assert_string_equal(model_version(doc), "1.0.0");
	assert_string_equal(json_string_value(json_object_get(doc, "calibration")),
			    "niet gekalibreerd");
	double p6 = json_real_value(json_object_get(doc, "p6"));
	double p12 = json_real_value(json_object_get(doc, "p12"));
	assert_true(p6 > 0 && p6 < p12 && p12 < 1);
	assert_non_null(json_string_value(json_object_get(doc, "band")));
	assert_non_null(json_string_value(json_object_get(doc, "light")));
	/* The synthetic history gives the demo organisation enough clients for
	 * its own terciles: those still without work, the demo clients included. */
	json_t *t = json_object_get(doc, "light_thresholds");
	assert_string_equal(json_string_value(json_object_get(t, "source")), "organisatie");
	assert_true(json_integer_value(json_object_get(t, "clients")) >= 30);
	/* A contribution for every feature of the model. */
	assert_int_equal(json_array_size(json_object_get(doc, "contributions")), 32);
	/* VB-0004's prognosis, stored by the demo itself, compares her with the
	 * same clients as every later one (the demo adds the history first). */
	sqlite3 *db0 = raw_open(f->db.data);
	char *src = raw_text(db0,
			     "SELECT json_extract(data, '$.light_thresholds.source') FROM results"
			     " WHERE client_id = 4 AND kind = 'prognosis' ORDER BY id LIMIT 1",
			     "");
	assert_string_equal(src, "organisatie");
	free(src);
	sqlite3_close(db0);

	sqlite3 *db = raw_open(f->db.data);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM results WHERE client_id = 1 AND kind = 'prognosis'"
				 " AND pack_id = 'ipm-model-default' AND pack_version = '1.0.0'"
				 " AND assessment_id IS NOT NULL",
				 ""),
			 1);
	assert_int_equal(raw_int(db,
				 "SELECT CAST(ROUND(json_extract(data, '$.p12') * 10000) AS INTEGER)"
				 " FROM results WHERE client_id = 1",
				 ""),
			 (int64_t)lround(p12 * 10000));
	sqlite3_close(db);
	json_decref(doc);

	/* Again: idempotent, nothing added twice. */
	const char *again[] = { "init", "--db", f->db.data, "--data", "data", "--demo", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, again), 0);
	assert_non_null(strstr(out.data, "demo data already present"));
	buf_free(&out);
	buf_free(&err);
}

/* `ipm init --demo` lays down a synthetic history (docs/synth.md, "In the
 * demo"): 400 labelled past clients whose outcomes model fit and validate
 * --db learn from, backdated assessments, 'werk' outcomes within the
 * follow-up, and nothing that a second init adds again. */
static void test_demo_history_fits(void **state)
{
	struct cli_db *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT;
	cli_db_init(f, 1);
	sqlite3 *db = raw_open(f->db.data);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM clients WHERE org_id = 1 AND reference LIKE"
				 " 'SYN-%' AND given_name = 'Synthetisch'",
				 ""),
			 400);
	/* Entered 24 months ago: every assessment completed in the past. */
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM assessments a JOIN clients c ON c.id = a.client_id"
				 " WHERE c.reference LIKE 'SYN-%' AND a.completed_at IS NOT NULL"
				 " AND a.completed_at < date('now', '-23 months')",
				 ""),
			 400);
	int64_t work = raw_int(db,
			       "SELECT count(*) FROM outcomes o JOIN clients c ON c.id = o.client_id"
			       " WHERE c.reference LIKE 'SYN-%' AND o.outcome = 'werk'"
			       " AND o.start_date <= date('now')",
			       "");
	assert_true(work > 100 && work < 300);
	struct buf counts = BUF_INIT;
	buf_printf(&counts,
		   "408 clients with a completed factor assessment: 400 followed (%lld until work, "
		   "0 until their route ended without work, %lld still waiting on ",
		   (long long)work, (long long)(400 - work));

	const char *fit_args[] = { "model", "fit", "--db", f->db.data, "--org", "1", NULL };
	int status = test_run_ipm(&out, &err, fit_args);
	if (status)
		fprintf(stderr, "%s%s", out.data, err.data);
	assert_int_equal(status, 0);
	/* 400 synthetic + 8 demo clients assessed today (nothing observed yet,
	 * and two whose wait ended before: VB-0005's work, VB-0007's education);
	 * the counts add up to 408. */
	assert_non_null(strstr(out.data, counts.data));
	assert_non_null(strstr(out.data, "), 6 assessed too recently to have a month observed, 2 "
					 "left out"));
	buf_free(&counts);
	assert_non_null(strstr(out.data, "registered ipm-model-default@1.1.0 (calibrated)"));
	/* The data were drawn from the default model: its strongest factor
	 * comes back with the sign it was drawn with. */
	const char *line = strstr(out.data, "\nage_50_plus ");
	assert_non_null(line);
	assert_true(strtod(line + strlen("\nage_50_plus "), NULL) < 0);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM packs WHERE pack_id = 'ipm-model-default'"
				 " AND version = '1.1.0'",
				 ""),
			 1);
	sqlite3_close(db);

	buf_reset(&out);
	const char *validate[] = { "model", "validate", "--db", f->db.data, "--org", "1", "--fit",
				   NULL };
	assert_int_equal(test_run_ipm(&out, NULL, validate), 0);
	assert_non_null(strstr(out.data, "on the database, organisation 1"));
	const char *row = strstr(out.data, "12 months       400");
	assert_non_null(row);
	double auc = 0;
	char work_s[16];
	assert_int_equal(sscanf(row, "12 months %*d %*d %15s %lf", work_s, &auc), 2);
	assert_true(auc > 0.65 && auc < 0.95);
	buf_free(&out);
	buf_free(&err);
}

/* History laid down directly: one organisation and its clients. */
static int64_t add_org(sqlite3 *db)
{
	int64_t id;
	assert_int_equal(raw_run(db, &id,
				 "INSERT INTO organisations (name, kind, created_at)"
				 " VALUES ('Test', 'gemeente', '2024-01-01T00:00:00Z')",
				 ""),
			 SQLITE_DONE);
	return id;
}

static int64_t add_client(sqlite3 *db, int64_t org, int i, const char *birth, const char *sex,
			  const char *benefit_start)
{
	struct buf ref = BUF_INIT;
	int64_t id;
	buf_printf(&ref, "T-%d", i);
	assert_int_equal(raw_run(db, &id,
				 "INSERT INTO clients (org_id, reference, given_name, family_name,"
				 " birth_date, sex, benefit_start, created_at, updated_at)"
				 " VALUES (?, ?, 'X', 'Y', ?, ?, ?, '2024-01-01T00:00:00Z',"
				 " '2024-01-01T00:00:00Z')",
				 "issss", org, ref.data, birth, sex, benefit_start),
			 SQLITE_DONE);
	buf_free(&ref);
	return id;
}

/* A completed assessment of the registered catalogue, completed at `at`:
 * answers go in while it is open, then it is completed once, as the
 * triggers allow. */
static void add_ratings(sqlite3 *db, int64_t client, const char *at, size_t n,
			const char *const *items, const int *ratings)
{
	int64_t id;
	assert_int_equal(raw_run(db, &id,
				 "INSERT INTO assessments (client_id, pack_id, pack_version, started_at,"
				 " taken_by) SELECT ?, pack_id, version, ?, 'professional' FROM packs"
				 " WHERE pack_id = 'ipm-factors' ORDER BY registered_at DESC LIMIT 1",
				 "is", client, at),
			 SQLITE_DONE);
	for (size_t k = 0; k < n; k++) {
		struct buf v = BUF_INIT;
		buf_printf(&v, "%d", ratings[k]);
		assert_int_equal(raw_run(db, NULL,
					 "INSERT INTO answers (assessment_id, seq, item_id, value,"
					 " answered_at) VALUES (?, ?, ?, ?, ?)",
					 "iisss", id, (int64_t)k + 1, items[k], v.data, at),
				 SQLITE_DONE);
		buf_free(&v);
	}
	assert_int_equal(raw_run(db, NULL, "UPDATE assessments SET completed_at = ? WHERE id = ?",
				 "si", at, id),
			 SQLITE_DONE);
}

static json_t *model_pack(void)
{
	json_t *doc = json_load_file(MODEL_FILE, 0, NULL);
	assert_non_null(doc);
	return doc;
}

static double beta_of(const json_t *pack, const char *feature)
{
	const json_t *c = json_object_get(pack, "coefficients");
	for (size_t i = 0; i < json_array_size(c); i++) {
		const json_t *x = json_array_get(c, i);
		if (strcmp(json_string_value(json_object_get(x, "feature")), feature) == 0)
			return json_number_value(json_object_get(x, "beta"));
	}
	fail_msg("no coefficient %s", feature);
	return 0;
}

/* p12 at 0 months for a rating r of werkvermogen, from the pack's numbers. */
static double hand_p12(const json_t *pack, double r)
{
	const json_t *h0 = json_object_get(pack, "baseline_hazard");
	double s = 1, hr = exp(beta_of(pack, "werkvermogen") * r);
	for (size_t t = 0; t < 12; t++)
		s *= pow(1 - json_number_value(json_array_get(h0, t)), hr);
	return 1 - s;
}

static void test_light_from_organisation_terciles(void **state)
{
	struct cli_db *f = *state;
	cli_db_init(f, 0);
	/* 32 clients, at 0 months, aged 36, differing only in werkvermogen. */
	static const int per_rating[5] = { 5, 6, 8, 7, 6 };
	const char *items[] = { "werkvermogen" };
	sqlite3 *db = raw_open(f->db.data);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	int64_t org = add_org(db), asked = 0;
	int i = 0;
	for (int r = -2; r <= 2; r++)
		for (int k = 0; k < per_rating[r + 2]; k++, i++) {
			int64_t c = add_client(db, org, i, "1990-01-01", "v", "2026-03-01");
			add_ratings(db, c, "2026-02-20T10:00:00Z", 1, items, &r);
			if (r == 0)
				asked = c;
		}
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	json_t *doc = prognosis(f, asked, "2026-03-01", NULL);
	json_t *pack = model_pack();
	/* Sorted p12: r = -2 at 0..4, -1 at 5..10, 0 at 11..18, 1 at 19..25,
	 * 2 at 26..31. Type 7: h = 31/3 lies between x[10] and x[11]; h = 62/3
	 * between x[20] and x[21], both r = 1. */
	double lower = hand_p12(pack, -1) + (1.0 / 3) * (hand_p12(pack, 0) - hand_p12(pack, -1));
	double upper = hand_p12(pack, 1);
	json_t *t = json_object_get(doc, "light_thresholds");
	assert_string_equal(json_string_value(json_object_get(t, "source")), "organisatie");
	assert_int_equal(json_integer_value(json_object_get(t, "clients")), 32);
	assert_true(fabs(json_real_value(json_object_get(t, "lower")) - lower) < 6e-5);
	assert_true(fabs(json_real_value(json_object_get(t, "upper")) - upper) < 6e-5);
	assert_true(fabs(json_real_value(json_object_get(doc, "p12")) - hand_p12(pack, 0)) < 6e-5);
	assert_string_equal(json_string_value(json_object_get(doc, "light")), "oranje");
	json_decref(pack);
	json_decref(doc);
}

/* p12 after `months` without work for a werkvermogen rating r, from the
 * pack's numbers: 1 − Π_{t=months+1}^{months+12} (1 − h0(t))^exp(β·r). */
static double hand_p12_at(const json_t *pack, int months, double r)
{
	const json_t *h0 = json_object_get(pack, "baseline_hazard");
	double s = 1, hr = exp(beta_of(pack, "werkvermogen") * r);
	for (int t = months + 1; t <= months + 12; t++)
		s *= pow(1 - json_number_value(json_array_get(h0, (size_t)t - 1)), hr);
	return 1 - s;
}

/* An outcome recorded at `recorded`; start NULL = no start_date. */
static void add_outcome(sqlite3 *db, int64_t client, const char *outcome, const char *start,
			const char *recorded)
{
	assert_int_equal(raw_run(db, NULL,
				 "INSERT INTO outcomes (client_id, recorded_at, outcome, start_date)"
				 " VALUES (?, ?, ?, ?)",
				 "isss", client, recorded, outcome, start),
			 SQLITE_DONE);
}

static void add_work(sqlite3 *db, int64_t client, const char *start)
{
	add_outcome(db, client, "werk", start, "2026-02-01T00:00:00Z");
}

/* The light compares a client with every client of the organisation still
 * waiting for work on that day, each at their own duration — not with the
 * clients as long without work (docs/prognosis.md, "Traffic light"). On
 * 2026-03-01, all aged 36, differing in months without work and in
 * werkvermogen (w):
 *   B  8 × 48 months, w −2: p12 = 1 − 0.989^(12·e^−0.4)      = 0.0851
 *   A 12 × 48 months, w  0: p12 = 1 − 0.989^12               = 0.1243
 *   C  6 × 24 months, w  0: p12 = 1 − 0.983^12               = 0.1860
 *   D  5 ×  0 months, w −2: p12 = 1 − (S₁₂ of the table)^e^−0.4 = 0.3754
 * (one D has work starting next month, one moves away next month, and one
 * B's route ended without work on a day recorded after it, without a start
 * date: still waiting). Left out: 4 more like B whose work started before
 * that day, 2 whose benefit starts later, and 5 more like B whose route
 * ended without work on or before that day (docs/prognosis.md,
 * "Censoring"): moved away, started education (and work after it), 'geen'
 * with a start date and without one (the day it was recorded), 'overig'
 * on that very day. Sorted, n = 31: B at 0..7, A at 8..19, C at 20..25,
 * D at 26..30; type 7: lower at h = 30/3 = 10 (an A), upper at h = 20 (a
 * C). So B rood, A oranje (p12 = lower: oranje), C groen — with 18.6 %
 * after two years, because most of the caseload has waited longer — and D
 * groen. With the 4 working clients counted, lower would be 0.0851 + ⅓·
 * (0.1243 − 0.0851) and upper an A: A groen. So too when the ended routes
 * count as waiting, as they did while only work ended the wait: 4 of them
 * (the fifth worked before that day), n = 35, B-like at 0..11, A at 12..23,
 * lower at h = 34/3 between a B and an A, upper at h = 68/3 an A. */
static void test_light_compares_with_every_waiting_client(void **state)
{
	struct cli_db *f = *state;
	cli_db_init(f, 0);
	static const char rec[] = "2026-02-28T12:00:00Z";
	static const struct {
		char group;
		int n, rating;
		const char *benefit_start, *work_start;
		const char *outcome, *start, *recorded; /* another outcome */
	} rows[] = {
		{ 'B', 7, -2, "2022-03-01", NULL, NULL, NULL, NULL },
		{ 'B', 1, -2, "2022-03-01", NULL, "geen", NULL, "2026-03-10T09:00:00Z" },
		{ 'A', 12, 0, "2022-03-01", NULL, NULL, NULL, NULL },
		{ 'C', 6, 0, "2024-03-01", NULL, NULL, NULL, NULL },
		{ 'D', 3, -2, "2026-03-01", NULL, NULL, NULL, NULL },
		{ 'D', 1, -2, "2026-03-01", "2026-04-01", NULL, NULL, NULL },
		{ 'D', 1, -2, "2026-03-01", NULL, "verhuisd", "2026-04-15", rec },
		{ 'W', 4, -2, "2022-03-01", "2026-01-15", NULL, NULL, NULL },
		{ 'L', 2, 0, "2026-05-01", NULL, NULL, NULL, NULL },
		{ 'X', 1, -2, "2022-03-01", NULL, "verhuisd", "2025-12-01", rec },
		{ 'X', 1, -2, "2022-03-01", "2026-02-25", "opleiding", "2026-02-01", rec },
		{ 'X', 1, -2, "2022-03-01", NULL, "geen", "2026-01-20", rec },
		{ 'X', 1, -2, "2022-03-01", NULL, "geen", NULL, "2026-02-15T16:00:00Z" },
		{ 'X', 1, -2, "2022-03-01", NULL, "overig", "2026-03-01", rec },
	};
	const char *items[] = { "werkvermogen" };
	int64_t first[256] = { 0 };
	sqlite3 *db = raw_open(f->db.data);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	int64_t org = add_org(db);
	int i = 0;
	for (size_t g = 0; g < sizeof rows / sizeof rows[0]; g++)
		for (int k = 0; k < rows[g].n; k++, i++) {
			int64_t c = add_client(db, org, i, "1990-01-01", "v", rows[g].benefit_start);
			add_ratings(db, c, "2026-02-20T10:00:00Z", 1, items, &rows[g].rating);
			if (rows[g].work_start)
				add_work(db, c, rows[g].work_start);
			if (rows[g].outcome)
				add_outcome(db, c, rows[g].outcome, rows[g].start, rows[g].recorded);
			if (!first[(unsigned char)rows[g].group])
				first[(unsigned char)rows[g].group] = c;
		}
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	json_t *pack = model_pack();
	double pb = hand_p12_at(pack, 48, -2), pa = hand_p12_at(pack, 48, 0),
	       pc = hand_p12_at(pack, 24, 0), pd = hand_p12_at(pack, 0, -2);
	/* The table's h0 is 0.011 from month 37 and 0.017 in months 25..36. */
	assert_true(fabs(pa - (1 - pow(0.989, 12))) < 1e-12);
	assert_true(fabs(pc - (1 - pow(0.983, 12))) < 1e-12);
	assert_true(pb < pa && pa < pc && pc < pd);
	static const struct {
		char group;
		const char *light;
	} want[] = { { 'B', "rood" }, { 'A', "oranje" }, { 'C', "groen" }, { 'D', "groen" } };
	const double p12[] = { pb, pa, pc, pd };
	for (size_t k = 0; k < 4; k++) {
		json_t *doc = prognosis(f, first[(unsigned char)want[k].group], "2026-03-01", NULL);
		json_t *t = json_object_get(doc, "light_thresholds");
		assert_string_equal(json_string_value(json_object_get(t, "source")), "organisatie");
		assert_int_equal(json_integer_value(json_object_get(t, "clients")), 31);
		assert_true(fabs(json_real_value(json_object_get(t, "lower")) - pa) < 6e-5);
		assert_true(fabs(json_real_value(json_object_get(t, "upper")) - pc) < 6e-5);
		assert_true(fabs(json_real_value(json_object_get(doc, "p12")) - p12[k]) < 6e-5);
		assert_string_equal(json_string_value(json_object_get(doc, "light")), want[k].light);
		/* The JSON says which group, in words. */
		assert_string_equal(json_string_value(json_object_get(t, "compared_with")),
				    "de 31 cliënten van de organisatie die op 2026-03-01 nog werk "
				    "zochten, ieder met de eigen duur zonder werk (niet alleen wie "
				    "even lang zonder werk is): groen bij het beste derde deel, rood "
				    "bij het laagste derde deel");
		json_decref(doc);
	}
	json_decref(pack);
}

/* Fewer than 30 waiting clients: the model's fixed limits, said as such. */
static void test_light_from_model_limits(void **state)
{
	struct cli_db *f = *state;
	cli_db_init(f, 0);
	const char *items[] = { "werkvermogen" };
	const int rating = 0;
	sqlite3 *db = raw_open(f->db.data);
	int64_t org = add_org(db), c = 0;
	for (int i = 0; i < 29; i++) {
		c = add_client(db, org, i, "1990-01-01", "v", "2024-03-01");
		add_ratings(db, c, "2026-02-20T10:00:00Z", 1, items, &rating);
	}
	sqlite3_close(db);
	json_t *doc = prognosis(f, c, "2026-03-01", NULL);
	json_t *t = json_object_get(doc, "light_thresholds");
	assert_string_equal(json_string_value(json_object_get(t, "source")), "model");
	assert_int_equal(json_integer_value(json_object_get(t, "clients")), 0);
	/* population_p12 of the default model: 30 % and 50 %. */
	assert_true(fabs(json_real_value(json_object_get(t, "lower")) - 0.30) < 1e-9);
	assert_true(fabs(json_real_value(json_object_get(t, "upper")) - 0.50) < 1e-9);
	/* 18.6 % after 24 months is below 30 %: rood, by the model's limit. */
	assert_string_equal(json_string_value(json_object_get(doc, "light")), "rood");
	assert_string_equal(json_string_value(json_object_get(t, "compared_with")),
			    "de vaste grenzen van het model (lower en upper), omdat de organisatie "
			    "op 2026-03-01 minder dan 30 cliënten had die nog werk zochten");
	json_decref(doc);
}

/* xorshift64: the test's own reproducible draws. */
static double draw(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return (double)(*s >> 11) * 0x1.0p-53;
}

/* 400 clients assessed on 2024-06-15, each factor rated, followed until
 * 2026-01-01; work drawn from a hazard that rises with werkvermogen. */
static void add_history(struct cli_db *f)
{
	json_t *pack = model_pack();
	const json_t *features = json_object_get(pack, "features");
	const char *items[64];
	int ratings[64];
	size_t n = 0, wv = 0;
	for (size_t k = 0; k < json_array_size(features) && n < 64; k++) {
		const json_t *x = json_array_get(features, k);
		if (strcmp(json_string_value(json_object_get(x, "source")), "factor") != 0)
			continue;
		if (strcmp(json_string_value(json_object_get(x, "ref")), "werkvermogen") == 0)
			wv = n;
		items[n++] = json_string_value(json_object_get(x, "ref"));
	}
	uint64_t seed = 20240615;
	sqlite3 *db = raw_open(f->db.data);
	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
	int64_t org = add_org(db);
	for (int i = 0; i < 400; i++) {
		struct buf birth = BUF_INIT, start = BUF_INIT, work = BUF_INIT;
		int before = (int)(draw(&seed) * 41); /* months unemployed at entry */
		int m = 2024 * 12 + 5 - before;       /* benefit_start: the 1st, `before` months earlier */
		buf_printf(&birth, "%d-03-10", 1960 + (int)(draw(&seed) * 45));
		buf_printf(&start, "%04d-%02d-01", m / 12, m % 12 + 1);
		int64_t c = add_client(db, org, i, birth.data, draw(&seed) < 0.5 ? "v" : "m",
				       start.data);
		for (size_t k = 0; k < n; k++)
			ratings[k] = (int)(draw(&seed) * 5) - 2;
		add_ratings(db, c, "2024-06-15T09:00:00Z", n, items, ratings);
		double h = 1 - exp(-exp(log(-log(1 - 0.06)) + 0.4 * ratings[wv]));
		for (int k = 1; k <= 18; k++)
			if (draw(&seed) < h) {
				int w = 2024 * 12 + 5 + k - 1;
				buf_printf(&work, "%04d-%02d-20", w / 12, w % 12 + 1);
				assert_int_equal(raw_run(db, NULL,
							 "INSERT INTO outcomes (client_id, recorded_at,"
							 " outcome, start_date) VALUES (?, ?, 'werk', ?)",
							 "iss", c, "2026-01-01T00:00:00Z", work.data),
						 SQLITE_DONE);
				break;
			}
		buf_free(&birth);
		buf_free(&start);
		buf_free(&work);
	}
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	json_decref(pack);
}

static void fit(struct cli_db *f, const char *want)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	const char *args[] = { "model", "fit", "--db", f->db.data, "--org", "1", "--ridge", "1",
			       "--date", "2026-01-01", NULL };
	int status = test_run_ipm(&out, &err, args);
	if (status)
		fprintf(stderr, "%s%s", out.data, err.data);
	assert_int_equal(status, 0);
	assert_non_null(strstr(out.data, "400 clients with a completed factor assessment"));
	/* The rows are right when the fit finds the hazard ratio they were
	 * drawn with: β = 0.4 for werkvermogen (SE ≈ 0.05). */
	const char *line = strstr(out.data, "\nwerkvermogen ");
	assert_non_null(line);
	double beta = strtod(line + strlen("\nwerkvermogen "), NULL);
	assert_true(beta > 0.25 && beta < 0.55);
	assert_non_null(strstr(out.data, want));
	buf_free(&out);
	buf_free(&err);
}

static void test_fit_register_activate(void **state)
{
	struct cli_db *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT;
	cli_db_init(f, 0);
	add_history(f);
	fit(f, "registered ipm-model-default@1.1.0 (calibrated); it is not active");
	sqlite3 *db = raw_open(f->db.data);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM packs WHERE pack_id = 'ipm-model-default'"
				 " AND version = '1.1.0' AND kind = 'model'",
				 ""),
			 1);
	const char *list[] = { "model", "list", "--db", f->db.data, "--org", "1", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, list), 0);
	assert_non_null(strstr(out.data, "1.1.0 "));
	assert_null(strstr(out.data, "ACTIVE"));

	/* Registered is not active: the next prognosis still uses the default. */
	json_t *doc = prognosis(f, 1, "2026-01-01", &err);
	assert_string_equal(model_version(doc), "1.0.0");
	assert_non_null(strstr(err.data, "no active model"));
	json_decref(doc);

	const char *no_reason[] = { "model", "activate", "ipm-model-default@1.1.0", "--db",
				    f->db.data, "--org", "1", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, no_reason), 2);
	const char *activate[] = { "model", "activate", "ipm-model-default@1.1.0", "--db",
				   f->db.data, "--org", "1", "--reason", "fitted on our outcomes",
				   NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, activate), 0);
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, NULL, list), 0);
	assert_non_null(strstr(out.data, "1.1.0     registered"));
	assert_non_null(strstr(out.data, "ACTIVE"));
	assert_non_null(strstr(out.data, "ipm-model-default@1.1.0  by the system: fitted on our"));

	doc = prognosis(f, 1, "2026-01-01", NULL);
	assert_string_equal(model_version(doc), "1.1.0");
	assert_string_equal(json_string_value(json_object_get(doc, "calibration")), "gekalibreerd");
	/* 400 rated clients, minus those at work by then: the organisation's terciles. */
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(doc, "light_thresholds"), "source")),
			    "organisatie");
	json_decref(doc);
	char *used = raw_text(db, "SELECT pack_version FROM results WHERE client_id = 1"
				  " ORDER BY id DESC LIMIT 1", "");
	assert_string_equal(used, "1.1.0");
	free(used);
	sqlite3_close(db);

	/* A second fit, from the active 1.1.0, is the next version. */
	fit(f, "registered ipm-model-default@1.2.0");
	buf_free(&out);
	buf_free(&err);
}

/* Clients of one organisation for pp_from_store: each entered on `at`
 * (their factor assessment, werkvermogen rated), with benefit_start and
 * outcomes as given (recorded at `recorded` unless said otherwise). */
struct route {
	int n, rating;
	const char *work, *outcome, *start, *recorded;
};

static int64_t add_routes(sqlite3 *db, const char *benefit_start, const char *at,
			  const struct route *r, size_t n_routes)
{
	const char *items[] = { "werkvermogen" };
	int64_t org = add_org(db);
	int i = 0;
	for (size_t g = 0; g < n_routes; g++)
		for (int k = 0; k < r[g].n; k++, i++) {
			int64_t c = add_client(db, org, i, "1990-01-01", "m", benefit_start);
			add_ratings(db, c, at, 1, items, &r[g].rating);
			if (r[g].work)
				add_outcome(db, c, "werk", r[g].work, "2024-01-01T00:00:00Z");
			if (r[g].outcome)
				add_outcome(db, c, r[g].outcome, r[g].start,
					    r[g].recorded ? r[g].recorded : "2024-01-01T00:00:00Z");
		}
	return org;
}

/* pp_from_store on the organisation as of `today`, with the default model. */
static void rows_of(struct cli_db *f, int64_t org, const char *today, struct model_set *ms,
		    struct pp_table *t, struct pp_store_counts *n)
{
	struct store *st = NULL;
	struct err e = { 0 };
	const struct store_actor system = { 0 };
	if (model_set_load("data", MODEL_DEFAULT, ms, &e) != IPM_OK ||
	    store_open(f->db.data, &st, &e) != IPM_OK ||
	    pp_from_store(st, &system, org, ms->m, today, t, n, &e) != IPM_OK)
		fail_msg("%s", e.msg);
	store_close(st);
}

/* The end of a route without work censors the client there (docs/
 * prognosis.md, "Censoring"). Entered on 2024-06-15 after 5 months without
 * work, so rows start at period 6; followed until 2026-01-01, which is 18
 * whole months after entry. */
static void test_rows_stop_where_the_route_ended(void **state)
{
	struct cli_db *f = *state;
	cli_db_init(f, 0);
	static const struct route r[] = {
		/* moved 7 months and 5 days after entry: 7 rows, no event */
		{ 1, 0, NULL, "verhuisd", "2025-01-20", NULL },
		/* education after exactly 3 months, work later: 3 rows, no event */
		{ 1, 0, "2024-12-01", "opleiding", "2024-09-15", NULL },
		/* work in month 4, the route ended after it: 4 rows, event */
		{ 1, 0, "2024-10-01", "geen", "2025-03-01", NULL },
		/* 'geen' without a start date, recorded after 2 months: 2 rows */
		{ 1, 0, NULL, "geen", NULL, "2024-08-20T08:00:00Z" },
		/* moved within the first month: nothing observed, left out */
		{ 1, 0, NULL, "verhuisd", "2024-07-01", NULL },
		/* moved before the assessment: not this route, left out */
		{ 1, 0, NULL, "verhuisd", "2024-05-01", NULL },
		/* moving after today: censored at today, 18 rows */
		{ 1, 0, NULL, "verhuisd", "2026-06-01", NULL },
		/* work and education on one day: work, in month 6 */
		{ 1, 0, "2024-11-15", "opleiding", "2024-11-15", NULL },
	};
	static const struct {
		int rows, event;
	} want[] = { { 7, 0 }, { 3, 0 }, { 4, 1 }, { 2, 0 }, { 18, 0 }, { 6, 1 } };
	sqlite3 *db = raw_open(f->db.data);
	int64_t org = add_routes(db, "2024-01-01", "2024-06-15T10:00:00Z", r,
				 sizeof r / sizeof r[0]);
	sqlite3_close(db);

	struct model_set ms = { 0 };
	struct pp_table t = { 0 };
	struct pp_store_counts n;
	rows_of(f, org, "2026-01-01", &ms, &t, &n);
	assert_int_equal(n.clients, 8);
	assert_int_equal(n.used, 6);
	assert_int_equal(n.work, 2);
	assert_int_equal(n.ended, 3);
	assert_int_equal(n.skipped, 2);
	assert_int_equal(n.too_new, 0);
	size_t row = 0;
	for (size_t c = 0; c < sizeof want / sizeof want[0]; c++)
		for (int k = 1; k <= want[c].rows; k++, row++) {
			assert_true(row < t.d.rows);
			/* One client's rows, then the next client's. */
			if (k > 1)
				assert_int_equal(t.d.client[row], t.d.client[row - 1]);
			else if (row > 0)
				assert_int_not_equal(t.d.client[row], t.d.client[row - 1]);
			assert_int_equal(t.d.period[row], 5 + k);
			assert_int_equal(t.d.event[row], k == want[c].rows ? want[c].event : 0);
		}
	assert_int_equal(t.d.rows, row);
	assert_int_equal(t.n_clients, 6);
	pp_table_free(&t);
	model_set_free(&ms);
}

/* log(−log(1 − h)): the cloglog of a monthly hazard. */
static double cloglog(double h)
{
	return log(-log1p(-h));
}

/* The fit on rows that stop at the end of the route. All enter at 0 months
 * on 2025-01-01 and are followed until 2025-04-01: months 1..3, one duration
 * bucket. With werkvermogen 0 or 1 as the one feature the model is
 * saturated, so the maximum-likelihood estimates are those of R's glm in
 * closed form: γ = cloglog(e0/n0), β = cloglog(e1/n1) − γ, and the Fisher
 * information gives SE(γ)² = 1/(n0·w0), SE(β)² = 1/(n0·w0) + 1/(n1·w1) with
 * w = log(1 − h)²·(1 − h)/h per row.
 *   werkvermogen 1: work in month 1 (2), 2 (1), 3 (1): 2 + 2 + 3 rows; 4
 *     moved after 1 month and a half: 4 rows; 2 waiting: 6 rows.
 *     n1 = 17, e1 = 4.
 *   werkvermogen 0: work in month 2 and 3: 2 + 3 rows; 8 waiting: 24 rows.
 *     n0 = 29, e0 = 2.
 * Had the 4 movers counted as waiting until 2025-04-01, n1 would be 25 and
 * β = cloglog(4/25) − γ: 0.892 instead of 1.323. */
static void test_fit_on_censored_routes(void **state)
{
	struct cli_db *f = *state;
	cli_db_init(f, 0);
	static const struct route r[] = {
		{ 2, 1, "2025-01-20", NULL, NULL, NULL },
		{ 1, 1, "2025-02-10", NULL, NULL, NULL },
		{ 1, 1, "2025-03-05", NULL, NULL, NULL },
		{ 4, 1, NULL, "verhuisd", "2025-02-15", NULL },
		{ 2, 1, NULL, NULL, NULL, NULL },
		{ 1, 0, "2025-02-10", NULL, NULL, NULL },
		{ 1, 0, "2025-03-05", NULL, NULL, NULL },
		{ 8, 0, NULL, NULL, NULL, NULL },
	};
	sqlite3 *db = raw_open(f->db.data);
	int64_t org = add_routes(db, "2025-01-01", "2025-01-01T10:00:00Z", r,
				 sizeof r / sizeof r[0]);
	sqlite3_close(db);

	struct model_set ms = { 0 };
	struct pp_table t = { 0 };
	struct pp_store_counts n;
	rows_of(f, org, "2025-04-01", &ms, &t, &n);
	assert_int_equal(n.used, 20);
	assert_int_equal(n.ended, 4);
	assert_int_equal(t.d.rows, 46);
	/* The one feature: werkvermogen's column of the model's rows. */
	int k = prog_feature_index(ms.m, "werkvermogen");
	assert_true(k >= 0);
	double *x = calloc(t.d.rows, sizeof *x);
	assert_non_null(x);
	for (size_t i = 0; i < t.d.rows; i++)
		x[i] = t.d.x[i * t.d.n_features + (size_t)k];
	const char *names[] = { "werkvermogen" };
	struct pp_data d = { .rows = t.d.rows, .n_features = 1, .client = t.d.client,
			     .period = t.d.period, .event = t.d.event, .x = x, .names = names };
	struct fit_opts fo = { .drop_empty_buckets = true };
	struct fit_result res;
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	if (fit_cloglog(&d, &fo, &a, &res, &e) != IPM_OK)
		fail_msg("%s", e.msg);
	assert_true(res.converged);
	assert_int_equal(res.rows, 46);
	assert_int_equal(res.events, 6);
	assert_true(res.bucket_fitted[0] && !res.bucket_fitted[1]);

	double h0 = 2.0 / 29, h1 = 4.0 / 17;
	double w0 = pow(log1p(-h0), 2) * (1 - h0) / h0, w1 = pow(log1p(-h1), 2) * (1 - h1) / h1;
	double gamma = cloglog(h0), beta = cloglog(h1) - gamma;
	assert_true(fabs(res.gamma[0] - gamma) < 1e-9);
	assert_true(fabs(res.beta[0] - beta) < 1e-9);
	assert_true(fabs(res.gamma_se[0] - sqrt(1 / (29 * w0))) < 1e-9);
	assert_true(fabs(res.beta_se[0] - sqrt(1 / (29 * w0) + 1 / (17 * w1))) < 1e-9);
	assert_true(fabs(beta - 1.3228) < 1e-4);
	/* Counting the movers as waiting would have given a visibly smaller β. */
	assert_true(res.beta[0] - (cloglog(4.0 / 25) - gamma) > 0.4);

	arena_free(&a);
	free(x);
	pp_table_free(&t);
	model_set_free(&ms);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo_prognosis_is_stored_with_its_model,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_demo_history_fits,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_light_from_organisation_terciles,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_light_compares_with_every_waiting_client,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_light_from_model_limits,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_fit_register_activate,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_rows_stop_where_the_route_ended,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_fit_on_censored_routes,
						cli_db_setup, cli_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
