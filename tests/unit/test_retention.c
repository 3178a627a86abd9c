/* Retention policy and dates (services/retention.h, docs/retention.md):
 * the policy file's checks name the JSON path; the date a dossier is kept
 * until, worked out by hand for each rule (ended or not, an organisation's
 * own periods, 29 February, a later hold); erasure allowed only after it;
 * and retention_erase on a real store refuses early and erases late. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "services/retention.h"
#include "support/raw_db.h"
#include "support/store_fixture.h"

#include <stdio.h>
#include <string.h>

static const char policy_text[] =
	"{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"test\","
	" \"default\": {\"years_after_end\": 5, \"years_after_last_activity\": 2},"
	" \"organisations\": [{\"org_id\": 7, \"years_after_end\": 10,"
	" \"years_after_last_activity\": 0, \"note\": \"own\"}]}";

static void parse(struct retention_policy *p)
{
	struct err e = { 0 };
	int rc = retention_policy_parse("p.json", policy_text, strlen(policy_text), p, &e);
	if (rc)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, IPM_OK);
}

static void refused(const char *text, const char *message)
{
	struct retention_policy p;
	struct err e = { 0 };
	assert_int_equal(retention_policy_parse("p.json", text, strlen(text), &p, &e), IPM_EINVAL);
	if (!strstr(e.msg, message))
		fprintf(stderr, "got: %s\nwant: %s\n", e.msg, message);
	assert_non_null(strstr(e.msg, message));
}

static void policy_errors_name_the_path(void **state)
{
	(void)state;
	refused("{", "p.json:1:");
	refused("[]", "p.json: $: expected an object");
	refused("{\"policy\": \"x\"}", "p.json: $.policy: expected \"ipm-retention\"");
	refused("{\"policy\": \"ipm-retention\", \"version\": 2}", "p.json: $.version: expected 1");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1}", "p.json: $.basis: required");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"b\"}",
		"p.json: $.default: required");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"b\","
		" \"default\": {\"years_after_end\": 5}}",
		"p.json: $.default.years_after_last_activity: required");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"b\","
		" \"default\": {\"years_after_end\": 101, \"years_after_last_activity\": 1}}",
		"p.json: $.default.years_after_end: expected a whole number of years from 0 to 100");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"b\","
		" \"default\": {\"years_after_end\": 1.5, \"years_after_last_activity\": 1}}",
		"$.default.years_after_end: expected a whole number");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"b\","
		" \"default\": {\"years_after_end\": 1, \"years_after_last_activity\": 1,"
		" \"years\": 3}}",
		"p.json: $.default.years: unknown key");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"b\","
		" \"default\": {\"years_after_end\": 1, \"years_after_last_activity\": 1},"
		" \"organisations\": [{\"org_id\": 1, \"years_after_end\": 1,"
		" \"years_after_last_activity\": 1}, {\"org_id\": 1, \"years_after_end\": 2,"
		" \"years_after_last_activity\": 2}]}",
		"p.json: $.organisations[1].org_id: organisation given twice");
	refused("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"b\","
		" \"default\": {\"years_after_end\": 1, \"years_after_last_activity\": 1},"
		" \"organisations\": [{\"years_after_end\": 1, \"years_after_last_activity\": 1}]}",
		"p.json: $.organisations[0].org_id: expected an organisation id");
}

static void shipped_policy_loads(void **state)
{
	(void)state;
	struct retention_policy p;
	struct err e = { 0 };
	assert_int_equal(retention_policy_load("data/retention.json", &p, &e), IPM_OK);
	assert_int_equal(p.def.years_after_end, 5);
	assert_int_equal(p.def.years_after_last_activity, 5);
	assert_non_null(strstr(p.basis, "geen juridisch advies"));
	retention_policy_free(&p);
}

struct dates_case {
	int64_t org;
	const char *last_write, *last_outcome, *hold, *today;
	const char *until;
	int years, ended, held, erasable;
};

static void dates_by_hand(void **state)
{
	(void)state;
	/* Each `until` worked out by hand from the rule in docs/retention.md. */
	static const struct dates_case cases[] = {
		/* route ended: 5 years after the last change */
		{ 1, "2019-06-15T08:00:00Z", "2019-06-01T10:00:00Z", NULL, "2024-06-15",
		  "2024-06-15", 5, 1, 0, 0 },
		{ 1, "2019-06-15T08:00:00Z", "2019-06-01T10:00:00Z", NULL, "2024-06-16",
		  "2024-06-15", 5, 1, 0, 1 },
		/* no outcome: 2 years after the last change */
		{ 1, "2022-01-31T23:59:59Z", NULL, NULL, "2024-01-31", "2024-01-31", 2, 0, 0, 0 },
		{ 1, "2022-01-31T23:59:59Z", NULL, NULL, "2024-02-01", "2024-01-31", 2, 0, 0, 1 },
		/* 29 February + 2 years is 1 March in a common year */
		{ 1, "2024-02-29T12:00:00Z", NULL, NULL, "2026-03-01", "2026-03-01", 2, 0, 0, 0 },
		/* the same from 2020, seen the day after */
		{ 1, "2020-02-29T12:00:00Z", NULL, NULL, "2022-03-02", "2022-03-01", 2, 0, 0, 1 },
		/* organisation 7's own periods: 10 after the end, 0 without */
		{ 7, "2015-03-10T00:00:00Z", "2015-03-10T00:00:00Z", NULL, "2025-03-10",
		  "2025-03-10", 10, 1, 0, 0 },
		{ 7, "2024-05-05T09:00:00Z", NULL, NULL, "2024-05-06", "2024-05-05", 0, 0, 0, 1 },
		/* a later hold wins; an earlier one changes nothing */
		{ 1, "2015-01-01T00:00:00Z", "2015-01-01T00:00:00Z", "2030-12-31", "2026-01-01",
		  "2030-12-31", 5, 1, 1, 0 },
		{ 1, "2015-01-01T00:00:00Z", "2015-01-01T00:00:00Z", "2016-01-01", "2026-01-01",
		  "2020-01-01", 5, 1, 0, 1 },
	};
	struct retention_policy p;
	parse(&p);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct dates_case *c = &cases[i];
		struct store_retention r = { .client_id = 1, .org_id = c->org,
					     .last_write = c->last_write,
					     .last_outcome = c->last_outcome,
					     .retention_until = c->hold };
		struct retention_status st;
		struct err e = { 0 };
		assert_int_equal(retention_status(&p, &r, c->today, &st, &e), IPM_OK);
		if (strcmp(st.until, c->until))
			fprintf(stderr, "case %zu: until %s, want %s\n", i, st.until, c->until);
		assert_string_equal(st.until, c->until);
		assert_int_equal(st.years, c->years);
		assert_int_equal(st.ended, c->ended);
		assert_int_equal(st.held, c->held);
		assert_int_equal(st.erasable, c->erasable);
		assert_int_equal(strncmp(st.from, c->last_write, 10), 0);
	}
	/* A damaged stored date is named, not guessed. */
	struct store_retention bad = { .org_id = 1, .last_write = "gisteren" };
	struct retention_status st;
	struct err e = { 0 };
	assert_int_equal(retention_status(&p, &bad, "2024-01-01", &st, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "last change"));
	retention_policy_free(&p);
}

static void erase_refuses_early_and_erases_late(void **state)
{
	(void)state;
	struct store_fixture f;
	store_fixture_up(&f);
	struct retention_policy p;
	parse(&p);
	struct retention_status st;
	struct err e = { 0 };
	/* The fixture's client changed today: with 2 years, kept until today
	 * + 2 years, so erasing today is refused and nothing goes. */
	store_expect(retention_erase(f.s, &f.who, &p, f.client, "2000-01-01", &st, &e),
		     IPM_ECONFLICT, &e, "kept until");
	int64_t n;
	store_expect(store_client_count(f.s, 0, &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n, 1);
	/* Seen from a day far enough ahead, it may go. */
	struct store_actor who = { .user_id = f.user, .reason = "verzoek van de cliënt" };
	store_expect(retention_erase(f.s, &who, &p, f.client, "2999-01-01", &st, &e), IPM_OK, &e,
		     NULL);
	assert_int_equal(st.erasable, 1);
	store_expect(store_client_count(f.s, 0, &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n, 0);
	store_expect(retention_erase(f.s, &who, &p, f.client, "2999-01-01", &st, &e),
		     IPM_ENOTFOUND, &e, NULL);
	sqlite3 *db = raw_open(f.db);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE client_id = ? AND action ="
				 " 'erase' AND reason = ?",
				 "is", f.client, "verzoek van de cliënt"),
			 1);
	sqlite3_close(db);
	retention_policy_free(&p);
	store_fixture_down(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(policy_errors_name_the_path),
		cmocka_unit_test(shipped_policy_loads),
		cmocka_unit_test(dates_by_hand),
		cmocka_unit_test(erase_refuses_early_and_erases_late),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
