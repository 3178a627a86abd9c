/* The later route steps in the store and their use cases (store_route.h,
 * services/judgement.h, advice.h, plan.h): an override keeps the computed
 * value and needs a reason code and text, a new decision appends and the
 * latest counts, the override rate is an aggregate; an ontwikkelpunt needs
 * a learnability judgement and a rejection a written reason; a plan's
 * fields are checked by name; jobcoaching hours are contract hours × grade
 * (hand-computed); issued reports never change; every use case leaves its
 * audit row. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "services/advice.h"
#include "services/judgement.h"
#include "services/plan.h"
#include "store/store_route.h"
#include "support/raw_db.h"
#include "support/store_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int64_t audits(struct store_fixture *f)
{
	struct err e = { 0 };
	int64_t n = 0;
	store_expect(store_audit_count(f->s, f->client, NULL, &n, &e), IPM_OK, &e, NULL);
	return n;
}

/* --- judgement ------------------------------------------------------------ */

static void expect_refused(struct store_fixture *f, struct store_judgement j, const char *needle)
{
	struct err e = { 0 };
	int64_t before = audits(f);
	j.client_id = f->client;
	store_expect(judgement_record(f->s, &f->who, &j, NULL, &e), IPM_EINVAL, &e, needle);
	assert_int_equal(audits(f), before); /* nothing written, not even an audit row */
}

static void test_override_needs_code_and_text(void **state)
{
	struct store_fixture *f = *state;
	const struct store_judgement base = { .subject = "factor:taalniveau", .computed = "-1",
					      .decision = "override", .value = "-2",
					      .reason_code = "gesprek-klant",
					      .reason_text = "Spreekt in het gesprek nauwelijks Nederlands." };
	struct store_judgement j = base;
	j.reason_code = NULL;
	expect_refused(f, j, "reason_code: is required for an override");
	j = base;
	j.reason_code = "omdat";
	expect_refused(f, j, "reason_code: expected one of");
	j = base;
	j.reason_text = "   ";
	expect_refused(f, j, "reason_text: is required");
	j = base;
	j.value = "-1";
	expect_refused(f, j, "value: equals the computed value");
	j = base;
	j.value = "3";
	expect_refused(f, j, "value: expected one of -2, -1, 0, 1, 2");
	j = base;
	j.subject = "sterrenbeeld";
	expect_refused(f, j, "subject: expected");
	j = base;
	j.decision = "accept";
	expect_refused(f, j, "value: only with an override");
	j = base;
	j.subject = "prognose.band";
	j.computed = "25-50";
	j.value = "30-60";
	expect_refused(f, j, "value: expected one of 0-25, 25-50, 50-75, 75-100");
}

struct seen {
	size_t n;
	char decision[4][16], computed[4][8], value[4][8];
};

static int collect(void *ctx, const struct store_judgement *j, struct err *e)
{
	(void)e;
	struct seen *s = ctx;
	assert_true(s->n < 4);
	strncpy(s->decision[s->n], j->decision, 15);
	strncpy(s->computed[s->n], j->computed, 7);
	strncpy(s->value[s->n], j->value ? j->value : "", 7);
	assert_string_equal(j->decided_by_name, "C. One");
	s->n++;
	return IPM_OK;
}

static void test_decisions_append_and_keep_computed(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct store_judgement j = { .client_id = f->client, .subject = "factor:schulden",
				     .computed = "-1", .decision = "override", .value = "-2",
				     .reason_code = "aanvullende-informatie",
				     .reason_text = "Er loopt een beslaglegging." };
	int64_t before = audits(f);
	store_expect(judgement_record(f->s, &f->who, &j, NULL, &e), IPM_OK, &e, NULL);
	j = (struct store_judgement){ .client_id = f->client, .subject = "factor:schulden",
				      .computed = "-1", .decision = "accept" };
	store_expect(judgement_record(f->s, &f->who, &j, NULL, &e), IPM_OK, &e, NULL);
	assert_int_equal(audits(f), before + 2);
	struct seen all = { 0 }, now = { 0 };
	store_expect(store_judgements_each(f->s, &f->who, f->client, false, collect, &all, &e),
		     IPM_OK, &e, NULL);
	store_expect(store_judgements_each(f->s, &f->who, f->client, true, collect, &now, &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(all.n, 2);
	assert_string_equal(all.decision[0], "override");
	assert_string_equal(all.value[0], "-2");
	assert_string_equal(all.computed[0], "-1");
	assert_int_equal(now.n, 1);
	assert_string_equal(now.decision[0], "accept");
	assert_string_equal(now.computed[0], "-1");
	/* The record of a decision cannot be changed behind the store's back. */
	sqlite3 *db = raw_open(f->db);
	assert_int_not_equal(raw_run(db, NULL, "UPDATE judgements SET value = '2'", ""), SQLITE_DONE);
	assert_int_not_equal(raw_run(db, NULL, "DELETE FROM judgements", ""), SQLITE_DONE);
	sqlite3_close(db);
}

static void test_override_rate(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	const struct store_judgement js[] = {
		{ .client_id = f->client, .subject = "loopbaanfase", .computed = "handhaving",
		  .decision = "override", .value = "exploratie", .reason_code = "gewijzigde-situatie",
		  .reason_text = "Oriënteert zich opnieuw." },
		{ .client_id = f->client, .subject = "prognose.band", .computed = "25-50",
		  .decision = "accept" },
		{ .client_id = f->client, .subject = "bigfive:n", .computed = "hoog",
		  .decision = "override", .value = "gemiddeld", .reason_code = "meetprobleem",
		  .reason_text = "Lijst ingevuld op een zware dag." },
		/* A changed mind: the band override replaces the acceptance. */
		{ .client_id = f->client, .subject = "prognose.band", .computed = "25-50",
		  .decision = "override", .value = "0-25", .reason_code = "gezondheid",
		  .reason_text = "Wacht op een operatie." },
		{ .client_id = f->client, .subject = "factor:netwerk", .computed = "1",
		  .decision = "accept" },
	};
	for (size_t i = 0; i < sizeof js / sizeof js[0]; i++)
		store_expect(judgement_record(f->s, &f->who, &js[i], NULL, &e), IPM_OK, &e, NULL);
	struct override_rate r;
	store_expect(judgement_override_rate(f->s, &f->who, 0, &r, &e), IPM_OK, &e, NULL);
	/* Current decisions: 4 subjects, 3 overridden. */
	assert_int_equal(r.judged, 4);
	assert_int_equal(r.overridden, 3);
	assert_true(fabs(r.rate - 0.75) < 1e-12);
	assert_int_equal(r.per_reason[judgement_reason_find("gewijzigde-situatie") - judgement_reasons], 1);
	assert_int_equal(r.per_reason[judgement_reason_find("gezondheid") - judgement_reasons], 1);
	assert_int_equal(r.per_reason[judgement_reason_find("meetprobleem") - judgement_reasons], 1);
	/* Another organisation has none. */
	store_expect(judgement_override_rate(f->s, &f->who, f->org + 1, &r, &e), IPM_OK, &e, NULL);
	assert_int_equal(r.judged, 0);
	assert_true(isnan(r.rate));
}

/* --- advice ------------------------------------------------------------------ */

struct advice_seen {
	size_t n;
	char status[4][16], reason[4][80];
};

static int advice_collect(void *ctx, const struct store_advice *a, struct err *e)
{
	(void)e;
	struct advice_seen *s = ctx;
	strncpy(s->status[s->n], a->status, 15);
	strncpy(s->reason[s->n], a->status_reason ? a->status_reason : "", 79);
	s->n++;
	return IPM_OK;
}

static void test_advice_types_and_rejection(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int64_t a1, a2;
	struct store_advice a = { .client_id = f->client, .type = "ontwikkelpunt",
				  .text = "Assertiever worden in overleg." };
	store_expect(advice_add(f->s, &f->who, &a, NULL, &e), IPM_EINVAL, &e,
		     "learnability: is required");
	a.learnability = "snel";
	store_expect(advice_add(f->s, &f->who, &a, NULL, &e), IPM_EINVAL, &e,
		     "learnability: expected one of goed, matig, beperkt");
	a.learnability = "matig";
	a.source_kind = "factor";
	store_expect(advice_add(f->s, &f->who, &a, NULL, &e), IPM_EINVAL, &e, "source_code");
	a.source_code = "zoekgedrag";
	store_expect(advice_add(f->s, &f->who, &a, &a1, &e), IPM_OK, &e, NULL);
	struct store_advice c = { .client_id = f->client, .type = "randvoorwaarde",
				  .text = "Een rustige werkplek.", .learnability = "goed" };
	store_expect(advice_add(f->s, &f->who, &c, NULL, &e), IPM_EINVAL, &e,
		     "learnability: only for an ontwikkelpunt");
	c.learnability = NULL;
	store_expect(advice_add(f->s, &f->who, &c, &a2, &e), IPM_OK, &e, NULL);
	store_expect(advice_decide(f->s, &f->who, a1, "rejected", NULL, &e), IPM_EINVAL, &e,
		     "reason: is required for a rejection");
	store_expect(advice_decide(f->s, &f->who, a1, "rejected", " ", &e), IPM_EINVAL, &e,
		     "reason: is required for a rejection");
	store_expect(advice_decide(f->s, &f->who, a1, "afgewezen", "x", &e), IPM_EINVAL, &e,
		     "status: expected one of");
	store_expect(advice_decide(f->s, &f->who, 999, "accepted", NULL, &e), IPM_ENOTFOUND, &e,
		     "no advice item");
	store_expect(advice_decide(f->s, &f->who, a1, "rejected", "Past niet bij de functie.", &e),
		     IPM_OK, &e, NULL);
	struct advice_seen s = { 0 };
	store_expect(store_advice_each(f->s, &f->who, f->client, advice_collect, &s, &e), IPM_OK,
		     &e, NULL);
	assert_int_equal(s.n, 2);
	assert_string_equal(s.status[0], "rejected");
	assert_string_equal(s.reason[0], "Past niet bij de functie.");
	assert_string_equal(s.status[1], "proposed");
	struct store_advice hard = { .type = "ontwikkelpunt", .learnability = "beperkt" };
	assert_true(advice_suggest_condition(&hard));
	assert_false(advice_suggest_condition(&c));
}

/* --- plan and jobcoaching ----------------------------------------------------- */

static void test_plan_fields_named(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct store_plan_activity acts[] = {
		{ .text = "Taalcursus", .provider = "ROC", .start_date = "2026-09-01",
		  .hours_per_week = 6 },
		{ .instrument_id = "sollicitatietraining", .provider = "Werkplein",
		  .start_date = "2026-02-30", .hours_per_week = NAN },
	};
	struct store_trajectplan p = { .client_id = f->client, .goal = "beroep",
				       .n_activities = 2, .activities = acts };
	store_expect(plan_save(f->s, &f->who, &p, NULL, &e), IPM_EINVAL, &e,
		     "target_occupation: is required");
	p.target_occupation = "Magazijnmedewerker";
	store_expect(plan_save(f->s, &f->who, &p, NULL, &e), IPM_EINVAL, &e,
		     "activities[1].start_date: expected a date YYYY-MM-DD");
	acts[1].start_date = "2026-10-01";
	acts[0].hours_per_week = 41;
	store_expect(plan_save(f->s, &f->who, &p, NULL, &e), IPM_EINVAL, &e,
		     "activities[0].hours_per_week");
	acts[0].hours_per_week = 6;
	acts[0].text = NULL;
	store_expect(plan_save(f->s, &f->who, &p, NULL, &e), IPM_EINVAL, &e,
		     "activities[0].text: is required");
	acts[0].text = "Taalcursus";
	p.goal = "vakantie";
	store_expect(plan_save(f->s, &f->who, &p, NULL, &e), IPM_EINVAL, &e,
		     "goal: expected one of werk, beroep, participatie, zorg, geen");
	p.goal = "beroep";
	store_expect(plan_save(f->s, &f->who, &p, NULL, &e), IPM_OK, &e, NULL);
	/* A second version becomes the plan. */
	p.goal = "werk";
	p.n_activities = 1;
	store_expect(plan_save(f->s, &f->who, &p, NULL, &e), IPM_OK, &e, NULL);
	struct arena a = ARENA_INIT;
	struct store_trajectplan got;
	store_expect(store_trajectplan_get(f->s, &f->who, f->client, &got, &a, &e), IPM_OK, &e, NULL);
	assert_string_equal(got.goal, "werk");
	assert_int_equal(got.n_activities, 1);
	assert_string_equal(got.activities[0].provider, "ROC");
	assert_true(got.activities[0].hours_per_week == 6);
	assert_string_equal(got.created_by_name, "C. One");
	arena_free(&a);
}

static void test_jobcoach_hours_by_hand(void **state)
{
	(void)state;
	struct err e = { 0 };
	double h;
	/* The seed's grades on a 32-hour contract: 0.96, 1.92, 3.2, 4.8. */
	const double grade[] = { 3, 6, 10, 15 }, want32[] = { 0.96, 1.92, 3.2, 4.8 },
		     want20[] = { 0.6, 1.2, 2.0, 3.0 };
	for (size_t i = 0; i < 4; i++) {
		store_expect(jobcoach_hours(32, grade[i], &h, &e), IPM_OK, &e, NULL);
		assert_true(h == want32[i]);
		store_expect(jobcoach_hours(20, grade[i], &h, &e), IPM_OK, &e, NULL);
		assert_true(h == want20[i]);
	}
	store_expect(jobcoach_hours(0, 10, &h, &e), IPM_EINVAL, &e, "contract_hours");
	store_expect(jobcoach_hours(61, 10, &h, &e), IPM_EINVAL, &e, "contract_hours");
	store_expect(jobcoach_hours(32, 0, &h, &e), IPM_EINVAL, &e, "percent");
	store_expect(jobcoach_hours(NAN, 10, &h, &e), IPM_EINVAL, &e, "contract_hours");
}

static void test_jobcoach_advice_stored(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	const struct code_entry grades_v[] = { { .code = "licht", .label_nl = "Licht", .value = 6 },
					       { .code = "matig", .label_nl = "Matig", .value = 10 } };
	const struct code_list grades = { FIXTURE_PACK_ID, grades_v, 2 };
	static const char *const kenmerken[] = { "zelfvertrouwen" };
	struct jobcoach_input in = { .client_id = f->client, .advised = true, .grade = "zwaar",
				     .contract_hours = 32, .kenmerken = kenmerken, .n_kenmerken = 1 };
	store_expect(jobcoach_advise(f->s, &f->who, &in, &grades, FIXTURE_PACK_VERSION, NULL, &e),
		     IPM_EINVAL, &e, "grade: unknown code (see pack " FIXTURE_PACK_ID ")");
	in.grade = "matig";
	static const char *const bad[] = { "Niet Goed" };
	in.interventions = bad;
	in.n_interventions = 1;
	store_expect(jobcoach_advise(f->s, &f->who, &in, &grades, FIXTURE_PACK_VERSION, NULL, &e),
		     IPM_EINVAL, &e, "interventions[0]: expected a code");
	in.n_interventions = 0;
	store_expect(jobcoach_advise(f->s, &f->who, &in, &grades, FIXTURE_PACK_VERSION, NULL, &e),
		     IPM_OK, &e, NULL);
	struct arena a = ARENA_INIT;
	struct store_jobcoach j;
	store_expect(store_jobcoach_get(f->s, &f->who, f->client, &j, &a, &e), IPM_OK, &e, NULL);
	assert_string_equal(j.grade, "matig");
	assert_true(j.percent == 10 && j.contract_hours == 32 && j.hours_per_week == 3.2);
	assert_string_equal(j.kenmerken, "[\"zelfvertrouwen\"]");
	assert_string_equal(j.interventions, "[]");
	arena_free(&a);
}

/* --- reports, CV, reads ---------------------------------------------------------- */

static int count_reports(void *ctx, const struct store_report *r, struct err *e)
{
	(void)e;
	assert_null(r->bytes);
	assert_int_equal(r->n_bytes, 5);
	++*(int *)ctx;
	return IPM_OK;
}

static void test_reports_are_immutable(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	const char sha[] = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
	struct store_report r = { .client_id = f->client, .version = "client", .format = "pdf",
				  .sha256 = sha, .bytes = (const unsigned char *)"hello",
				  .n_bytes = 5, .doc = "{}", .versions = "{}",
				  .report_date = "2026-06-15" };
	int64_t id;
	r.format = "docx";
	store_expect(store_report_issue(f->s, &f->who, &r, NULL, &e), IPM_EINVAL, &e, "format");
	r.format = "pdf";
	r.sha256 = "ABC";
	store_expect(store_report_issue(f->s, &f->who, &r, NULL, &e), IPM_EINVAL, &e, "sha256");
	r.sha256 = sha;
	store_expect(store_report_issue(f->s, &f->who, &r, &id, &e), IPM_OK, &e, NULL);
	struct arena a = ARENA_INIT;
	struct store_report got;
	store_expect(store_report_get(f->s, &f->who, id, &got, &a, &e), IPM_OK, &e, NULL);
	assert_int_equal(got.n_bytes, 5);
	assert_memory_equal(got.bytes, "hello", 5);
	assert_string_equal(got.sha256, sha);
	assert_string_equal(got.version, "client");
	assert_int_equal(got.client_id, f->client);
	int n = 0;
	store_expect(store_reports_each(f->s, &f->who, f->client, count_reports, &n, &e), IPM_OK, &e,
		     NULL);
	assert_int_equal(n, 1);
	sqlite3 *db = raw_open(f->db);
	assert_int_not_equal(raw_run(db, NULL, "UPDATE reports SET bytes = x'00'", ""), SQLITE_DONE);
	assert_int_not_equal(raw_run(db, NULL, "DELETE FROM reports", ""), SQLITE_DONE);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM audit_log WHERE entity = 'report'", ""),
			 3);
	sqlite3_close(db);
	arena_free(&a);
}

static int consent_last(void *ctx, const struct store_consent *c, struct err *e)
{
	(void)e;
	if (strcmp(c->purpose, "werkgever:cv") == 0)
		*(int *)ctx = c->granted;
	return IPM_OK;
}

static void test_reads_and_erase(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct arena a = ARENA_INIT;
	struct store_result r;
	const char *json = NULL;
	store_expect(store_result_latest(f->s, &f->who, f->client, "score", "ipip-neo-120", &r, &a,
					 &e),
		     IPM_ENOTFOUND, &e, "no score result of pack ipip-neo-120");
	store_expect(store_cv_get(f->s, &f->who, f->client, &json, NULL, &a, &e), IPM_ENOTFOUND, &e,
		     "no CV");
	store_expect(store_cv_save(f->s, &f->who, f->client, "[]", NULL, &e), IPM_EINVAL, &e,
		     "data");
	store_expect(store_cv_save(f->s, &f->who, f->client, "{\"work\": []}", NULL, &e), IPM_OK, &e,
		     NULL);
	store_expect(store_cv_get(f->s, &f->who, f->client, &json, NULL, &a, &e), IPM_OK, &e, NULL);
	assert_string_equal(json, "{\"work\": []}");
	store_expect(store_consent_record(f->s, &f->who, f->client, "werkgever:cv", 1, "toestemming",
					  NULL, &e),
		     IPM_OK, &e, NULL);
	store_expect(store_consent_record(f->s, &f->who, f->client, "werkgever:cv", 0, "toestemming",
					  NULL, &e),
		     IPM_OK, &e, NULL);
	int granted = -1;
	store_expect(store_consents_each(f->s, &f->who, f->client, consent_last, &granted, &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(granted, 0);
	store_expect(store_cv_save(f->s, &f->who, 999, "{}", NULL, &e), IPM_ENOTFOUND, &e,
		     "no client");
	/* Erasing the client takes the route with it; the trail stays. */
	struct store_advice ad = { .client_id = f->client, .type = "randvoorwaarde", .text = "x" };
	int64_t id;
	store_expect(store_advice_add(f->s, &f->who, &ad, &id, &e), IPM_OK, &e, NULL);
	store_expect(store_advice_decide(f->s, &f->who, id, "accepted", NULL, &e), IPM_OK, &e, NULL);
	store_expect(store_client_erase(f->s, &f->who, f->client, &e), IPM_OK, &e, NULL);
	sqlite3 *db = raw_open(f->db);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM cvs", ""), 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM advice_decisions", ""), 0);
	assert_true(raw_int(db, "SELECT count(*) FROM audit_log WHERE entity = 'cv'", "") == 2);
	sqlite3_close(db);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		STORE_FIXTURE_TEST(test_override_needs_code_and_text),
		STORE_FIXTURE_TEST(test_decisions_append_and_keep_computed),
		STORE_FIXTURE_TEST(test_override_rate),
		STORE_FIXTURE_TEST(test_advice_types_and_rejection),
		STORE_FIXTURE_TEST(test_plan_fields_named),
		cmocka_unit_test(test_jobcoach_hours_by_hand),
		STORE_FIXTURE_TEST(test_jobcoach_advice_stored),
		STORE_FIXTURE_TEST(test_reports_are_immutable),
		STORE_FIXTURE_TEST(test_reads_and_erase),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
