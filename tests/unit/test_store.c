/* The SQLite store: migrations, constraints, audit in the same transaction,
 * immutability, erasure and online backup. Raw SQL through a second
 * connection checks what the interface deliberately cannot do. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli/commands.h"
#include "core/arena.h"
#include "core/embedded.h"
#include "store/store.h"
#include "support/proc.h"
#include "support/store_fixture.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static sqlite3 *raw_open(const struct store_fixture *f)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
	return db;
}

/* count(*) of a query with one integer parameter. */
static int64_t raw_count(sqlite3 *db, const char *sql, int64_t arg)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, arg);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int64_t audit_rows(struct store_fixture *f, int64_t client, const char *action)
{
	struct err e = { 0 };
	int64_t n = -1;
	store_expect(store_audit_count(f->s, client, action, &n, &e), IPM_OK, &e, NULL);
	return n;
}

static int migrations_embedded(void)
{
	int n = 0;
	for (size_t i = 0; i < embedded_count; i++)
		if (strncmp(embedded_files[i].name, "src/store/migrations/sqlite/", 28) == 0)
			n++;
	return n;
}

/* --- schema ------------------------------------------------------------ */

static void test_migrate_fresh_and_again(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int v1 = 0, v2 = -1, v3 = -1;
	assert_true(migrations_embedded() >= 1);
	assert_int_equal(store_schema_version(f->s, &v1, &e), IPM_OK);
	assert_int_equal(v1, migrations_embedded());
	store_expect(store_migrate(f->s, &v2, &e), IPM_OK, &e, NULL);
	assert_int_equal(v2, v1);

	/* A brand-new file has version 0 before its first migration. */
	char *other = store_fixture_path(f, "fresh.db");
	struct store *s2 = NULL;
	store_expect(store_open(other, &s2, &e), IPM_OK, &e, NULL);
	assert_int_equal(store_schema_version(s2, &v3, &e), IPM_OK);
	assert_int_equal(v3, 0);
	store_close(s2);
	free(other);

	sqlite3 *db = raw_open(f);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM schema_migrations", 0), v1);
	sqlite3_close(db);
}

static void test_open_mode_and_missing_dir(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct stat st;
	assert_int_equal(stat(f->db, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	char *bad = store_fixture_path(f, "no/such/dir/ipm.db");
	struct store *s2 = NULL;
	store_expect(store_open(bad, &s2, &e), IPM_EIO, &e, "No such file");
	assert_null(s2);
	free(bad);
}

static void test_ping_integrity(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	store_expect(store_ping(f->s, &e), IPM_OK, &e, NULL);
	store_expect(store_integrity_check(f->s, &e), IPM_OK, &e, NULL);
}

static void test_foreign_keys_on(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int64_t id = 0;
	/* Unknown pack version: only the foreign key can refuse it. */
	store_expect(store_assessment_start(f->s, &f->who, f->client, FIXTURE_PACK_ID, "9.9",
					    "professional", &id, &e),
		     IPM_EINVAL, &e, "does not exist");
	struct store_user u = { .org_id = 999, .username = "x", .display_name = "X",
				.role = "jobcoach" };
	store_expect(store_user_create(f->s, &u, &id, &e), IPM_EINVAL, &e, "does not exist");
	store_expect(store_consent_record(f->s, &f->who, 4242, "diagnose", 1, "toestemming", &id,
					  &e),
		     IPM_ENOTFOUND, &e, "no client");
}

/* --- constraints ------------------------------------------------------- */

static void test_check_constraints_name_the_field(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int64_t id = 0, before_audit = audit_rows(f, 0, NULL), n = 0;

	struct store_user u = { .org_id = f->org, .username = "boss", .display_name = "B",
				.role = "admin" };
	store_expect(store_user_create(f->s, &u, &id, &e), IPM_EINVAL, &e, "role");
	u.role = "manager";
	u.username = "consulent1";
	store_expect(store_user_create(f->s, &u, &id, &e), IPM_ECONFLICT, &e, "users.username");
	store_expect(store_org_create(f->s, "X", "bank", &id, &e), IPM_EINVAL, &e, "kind");

	struct store_client c = { .org_id = f->org, .reference = "K-2", .given_name = "B",
				  .family_name = "C", .language_level = "D1" };
	store_expect(store_client_create(f->s, &f->who, &c, &id, &e), IPM_EINVAL, &e,
		     "language_level");
	c.language_level = "B1";
	c.birth_date = "1999-02-30";
	store_expect(store_client_create(f->s, &f->who, &c, &id, &e), IPM_EINVAL, &e,
		     "clients.birth_date");
	c.birth_date = NULL;
	c.target_groups = "{\"not\":\"an array\"}";
	store_expect(store_client_create(f->s, &f->who, &c, &id, &e), IPM_EINVAL, &e,
		     "target_groups");
	c.target_groups = NULL;
	c.reference = "K-1";
	store_expect(store_client_create(f->s, &f->who, &c, &id, &e), IPM_ECONFLICT, &e,
		     "clients.reference");
	c.reference = NULL;
	store_expect(store_client_create(f->s, &f->who, &c, &id, &e), IPM_EINVAL, &e,
		     "clients.reference is required");
	/* Messages name fields, never the values that were refused. */
	assert_null(strstr(e.msg, "K-1"));

	struct store_outcome o = { .client_id = f->client, .outcome = "werk", .has_hours = 1,
				   .hours_per_week = 500, .durable_6m = -1, .durable_12m = -1 };
	store_expect(store_outcome_record(f->s, &f->who, &o, &id, &e), IPM_EINVAL, &e,
		     "hours_per_week");

	/* Nothing of the refused use cases was written, audit rows included. */
	assert_int_equal(audit_rows(f, 0, NULL), before_audit);
	store_expect(store_client_count(f->s, f->org, &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n, 1);
}

static void test_client_roundtrip_and_read_audit(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct arena a = ARENA_INIT;
	static const unsigned char secret[] = { 0, 1, 2, 0xff, 0 };
	struct store_client c = {
		.org_id = f->org, .reference = "K-7", .given_name = "Piet", .family_name = "Bakker",
		.birth_date = "1975-06-01", .sex = "m", .email = "p@example.nl", .phone = "0600",
		.street = "Dorpsstraat 1", .postcode = "1234AB", .city = "Utrecht",
		.gemeente = "Utrecht", .benefit_type = "participatiewet",
		.benefit_start = "2024-01-01", .education_level = "mbo2", .language_level = "B2",
		.route_language = "en", .household = "alleenstaand",
		.target_groups = "[\"statushouder\"]", .sensitive = secret,
		.sensitive_len = sizeof secret, .retention_until = "2040-01-01",
	};
	int64_t id = 0;
	store_expect(store_client_create(f->s, &f->who, &c, &id, &e), IPM_OK, &e, NULL);
	assert_int_equal(audit_rows(f, id, "read"), 0);

	struct store_client got;
	store_expect(store_client_get(f->s, &f->who, id, &got, &a, &e), IPM_OK, &e, NULL);
	assert_int_equal(got.id, id);
	assert_string_equal(got.reference, "K-7");
	assert_string_equal(got.family_name, "Bakker");
	assert_string_equal(got.postcode, "1234AB");
	assert_string_equal(got.benefit_type, "participatiewet");
	assert_string_equal(got.route_language, "en");
	assert_string_equal(got.target_groups, "[\"statushouder\"]");
	assert_string_equal(got.route_step, "intake");
	assert_string_equal(got.retention_until, "2040-01-01");
	assert_int_equal(got.sensitive_len, sizeof secret);
	assert_memory_equal(got.sensitive, secret, sizeof secret);
	assert_non_null(got.created_at);
	assert_int_equal(audit_rows(f, id, "read"), 1);

	/* Defaults for what the intake did not give. */
	store_expect(store_client_get(f->s, &f->who, f->client, &got, &a, &e), IPM_OK, &e, NULL);
	assert_string_equal(got.route_language, "nl");
	assert_string_equal(got.target_groups, "[]");
	assert_null(got.email);
	assert_null(got.sensitive);

	store_expect(store_client_get(f->s, &f->who, 9999, &got, &a, &e), IPM_ENOTFOUND, &e,
		     "no client");
	assert_int_equal(audit_rows(f, 9999, NULL), 0);

	/* Owner access was granted to the creating professional. */
	sqlite3 *db = raw_open(f);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM client_access WHERE client_id = ?"
				       " AND kind = 'owner'",
				   id),
			 1);
	sqlite3_close(db);
	arena_free(&a);
}

static void test_user_find(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct arena a = ARENA_INIT;
	struct store_user u;
	store_expect(store_user_find(f->s, "consulent1", &u, &a, &e), IPM_OK, &e, NULL);
	assert_int_equal(u.id, f->user);
	assert_int_equal(u.org_id, f->org);
	assert_string_equal(u.role, "consulent");
	assert_null(u.password_hash);
	assert_int_equal(u.disabled, 0);
	store_expect(store_user_find(f->s, "nobody", &u, &a, &e), IPM_ENOTFOUND, &e, "no user");
	arena_free(&a);
}

/* --- every use case audits itself ------------------------------------- */

static void test_every_use_case_audited(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int64_t k = f->client, id = 0, aid = 0;
	assert_int_equal(audit_rows(f, k, "create"), 1); /* the fixture's client */

	store_expect(store_consent_record(f->s, &f->who, k, "diagnose", 1, "toestemming", &id, &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(audit_rows(f, k, "create"), 2);
	store_expect(store_assessment_start(f->s, &f->who, k, FIXTURE_PACK_ID,
					    FIXTURE_PACK_VERSION, "client", &aid, &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(audit_rows(f, k, "create"), 3);
	store_expect(store_answer_put(f->s, &f->who, aid, "q1", "3", &e), IPM_OK, &e, NULL);
	store_expect(store_answer_put(f->s, &f->who, aid, "q1", "4", &e), IPM_OK, &e, NULL);
	assert_int_equal(audit_rows(f, k, "update"), 2);
	store_expect(store_assessment_complete(f->s, &f->who, aid, &e), IPM_OK, &e, NULL);
	assert_int_equal(audit_rows(f, k, "update"), 3);
	store_expect(store_result_save(f->s, &f->who, k, aid, "bigfive", FIXTURE_PACK_ID,
				       FIXTURE_PACK_VERSION, "{\"E\":3.5}", &id, &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(audit_rows(f, k, "create"), 4);
	struct store_outcome o = { .client_id = k, .outcome = "werk", .start_date = "2025-03-01",
				   .has_hours = 1, .hours_per_week = 24, .contract = "bepaald",
				   .durable_6m = 1, .durable_12m = -1 };
	store_expect(store_outcome_record(f->s, &f->who, &o, &id, &e), IPM_OK, &e, NULL);
	assert_int_equal(audit_rows(f, k, "create"), 5);
	assert_int_equal(audit_rows(f, k, NULL), 8);

	/* The actor and an exceptional-access reason are recorded. */
	struct store_actor glass = { .user_id = f->user, .reason = "crisis" };
	struct arena a = ARENA_INIT;
	struct store_client got;
	store_expect(store_client_get(f->s, &glass, k, &got, &a, &e), IPM_OK, &e, NULL);
	arena_free(&a);
	sqlite3 *db = raw_open(f);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM audit_log WHERE client_id = ?"
				       " AND action = 'read' AND reason = 'crisis' AND user_id IS NOT NULL",
				   k),
			 1);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM answers WHERE assessment_id = ?", aid),
			 2);
	assert_int_equal(raw_count(db, "SELECT max(seq) FROM answers WHERE assessment_id = ?", aid),
			 2);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM outcomes WHERE client_id = ?"
				       " AND durable_6m = 1 AND durable_12m IS NULL AND hours_per_week = 24",
				   k),
			 1);
	sqlite3_close(db);
}

static void test_pack_register_idempotent(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	store_expect(store_pack_register(f->s, FIXTURE_PACK_ID, FIXTURE_PACK_VERSION,
					 "questionnaire", "Test pack", "abc123", "{}", &e),
		     IPM_OK, &e, NULL);
	store_expect(store_pack_register(f->s, FIXTURE_PACK_ID, FIXTURE_PACK_VERSION,
					 "questionnaire", "Test pack", "def456", "{\"x\":1}", &e),
		     IPM_ECONFLICT, &e,
		     "pack test-pack 1.0.0 is already registered with different content");
	store_expect(store_pack_register(f->s, FIXTURE_PACK_ID, "1.0.1", "questionnaire",
					 "Test pack", "def456", "{\"x\":1}", &e),
		     IPM_OK, &e, NULL);
	sqlite3 *db = raw_open(f);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM packs", 0), 2);
	sqlite3_close(db);
}

static void test_answers_closed_after_complete(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int64_t aid = 0, rid = 0;
	store_expect(store_assessment_start(f->s, &f->who, f->client, FIXTURE_PACK_ID,
					    FIXTURE_PACK_VERSION, "professional", &aid, &e),
		     IPM_OK, &e, NULL);
	store_expect(store_answer_put(f->s, &f->who, aid, "q1", "1", &e), IPM_OK, &e, NULL);
	store_expect(store_assessment_complete(f->s, &f->who, aid, &e), IPM_OK, &e, NULL);
	int64_t audit = audit_rows(f, f->client, NULL);
	store_expect(store_answer_put(f->s, &f->who, aid, "q2", "1", &e), IPM_ECONFLICT, &e,
		     "completed");
	store_expect(store_assessment_complete(f->s, &f->who, aid, &e), IPM_ECONFLICT, &e,
		     "already completed");
	store_expect(store_answer_put(f->s, &f->who, 777, "q2", "1", &e), IPM_ENOTFOUND, &e,
		     "no assessment");
	assert_int_equal(audit_rows(f, f->client, NULL), audit);

	/* The trigger guards it too, for writers that bypass the store. */
	sqlite3 *db = raw_open(f);
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "INSERT INTO answers (assessment_id, seq, item_id, value,"
					    " answered_at) VALUES (?, 99, 'q3', '1', 'now')",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_int64(st, 1, aid);
	assert_int_equal(sqlite3_step(st), SQLITE_CONSTRAINT);
	sqlite3_finalize(st);
	sqlite3_close(db);

	/* A result for another client's assessment is refused. */
	int64_t other = 0;
	struct store_client c = { .org_id = f->org, .reference = "K-3", .given_name = "D",
				  .family_name = "E" };
	store_expect(store_client_create(f->s, &f->who, &c, &other, &e), IPM_OK, &e, NULL);
	store_expect(store_result_save(f->s, &f->who, other, aid, "bigfive", FIXTURE_PACK_ID,
				       FIXTURE_PACK_VERSION, "{}", &rid, &e),
		     IPM_EINVAL, &e, "another client");
}

/* --- immutability and erasure ----------------------------------------- */

static int raw_exec_id(sqlite3 *db, const char *sql, int64_t id)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

/* A client with something in every dossier table; returns the assessment. */
static int64_t fill_dossier(struct store_fixture *f, int64_t k)
{
	struct err e = { 0 };
	int64_t id = 0, aid = 0;
	store_expect(store_consent_record(f->s, &f->who, k, "diagnose", 1, "toestemming", &id, &e),
		     IPM_OK, &e, NULL);
	store_expect(store_assessment_start(f->s, &f->who, k, FIXTURE_PACK_ID,
					    FIXTURE_PACK_VERSION, "client", &aid, &e),
		     IPM_OK, &e, NULL);
	store_expect(store_answer_put(f->s, &f->who, aid, "q1", "2", &e), IPM_OK, &e, NULL);
	store_expect(store_answer_put(f->s, &f->who, aid, "q1", "5", &e), IPM_OK, &e, NULL);
	store_expect(store_result_save(f->s, &f->who, k, aid, "bigfive", FIXTURE_PACK_ID,
				       FIXTURE_PACK_VERSION, "{\"N\":2}", &id, &e),
		     IPM_OK, &e, NULL);
	store_expect(store_result_save(f->s, &f->who, k, 0, "ipm", FIXTURE_PACK_ID,
				       FIXTURE_PACK_VERSION, "{\"p\":0.5}", &id, &e),
		     IPM_OK, &e, NULL);
	struct store_outcome o = { .client_id = k, .outcome = "geen", .reason = "verhuisd",
				   .durable_6m = -1, .durable_12m = -1 };
	store_expect(store_outcome_record(f->s, &f->who, &o, &id, &e), IPM_OK, &e, NULL);
	return aid;
}

/* store_batch: use cases inside commit together; a failing one undoes
 * the whole batch, the ones before it included, audit rows and all. */
struct batch {
	struct store_fixture *f;
	int fail;
	int64_t assessment;
};

static int batch_fn(struct store *s, void *ctx, struct err *e)
{
	struct batch *b = ctx;
	static const struct store_rating answers[] = { { "q1", "2" }, { "q2", NULL } };
	int rc = store_assessment_import(s, &b->f->who, b->f->client, FIXTURE_PACK_ID,
					 FIXTURE_PACK_VERSION, "professional", "2024-06-15", 2,
					 answers, &b->assessment, e);
	if (rc == IPM_OK && b->fail)
		rc = store_consent_record(s, &b->f->who, 999, "diagnose", 1, "x", NULL, e);
	return rc;
}

static void test_batch_and_assessment_import(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct batch b = { .f = f, .fail = 1 };
	int64_t audit = audit_rows(f, 0, NULL);
	store_expect(store_batch(f->s, "test batch", batch_fn, &b, &e), IPM_ENOTFOUND, &e,
		     "no client");
	sqlite3 *db = raw_open(f);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM assessments", 0), 0);
	assert_int_equal(audit_rows(f, 0, NULL), audit);
	b.fail = 0;
	store_expect(store_batch(f->s, "test batch", batch_fn, &b, &e), IPM_OK, &e, NULL);
	/* Backdated: started, answered and completed on the day given. */
	assert_int_equal(raw_count(db,
				   "SELECT count(*) FROM assessments WHERE id = ? AND started_at ="
				   " '2024-06-15T12:00:00Z' AND completed_at = started_at",
				   b.assessment),
			 1);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM answers WHERE assessment_id = ?"
				       " AND answered_at = '2024-06-15T12:00:00Z'",
				   b.assessment),
			 2);
	assert_int_equal(audit_rows(f, f->client, "create"), 2); /* the client, the import */
	/* Closed like any completed assessment; no day in the future. */
	store_expect(store_answer_put(f->s, &f->who, b.assessment, "q3", "1", &e), IPM_ECONFLICT,
		     &e, "completed");
	store_expect(store_assessment_import(f->s, &f->who, f->client, FIXTURE_PACK_ID,
					     FIXTURE_PACK_VERSION, "professional", "2999-01-01", 0,
					     NULL, NULL, &e),
		     IPM_EINVAL, &e, "assessment import: completed_at: expected a date");
	sqlite3_close(db);
}

static void test_immutable_rows_refuse_update_delete(void **state)
{
	struct store_fixture *f = *state;
	int64_t aid = fill_dossier(f, f->client);
	sqlite3 *db = raw_open(f);
	static const char *const refused[] = {
		"UPDATE results SET kind = 'x' WHERE client_id = ?",
		"DELETE FROM results WHERE client_id = ?",
		"UPDATE audit_log SET action = 'read' WHERE client_id = ?",
		"DELETE FROM audit_log WHERE client_id = ?",
		"UPDATE answers SET value = '1' WHERE assessment_id = ?",
		"DELETE FROM answers WHERE assessment_id = ?",
		"DELETE FROM assessments WHERE id = ?",
		"UPDATE assessments SET pack_version = '2' WHERE id = ?",
	};
	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
		int64_t arg = strstr(refused[i], "client_id") ? f->client : aid;
		int rc = raw_exec_id(db, refused[i], arg);
		if (rc != SQLITE_CONSTRAINT)
			fprintf(stderr, "not refused: %s\n", refused[i]);
		assert_int_equal(rc, SQLITE_CONSTRAINT);
		/* Refused by our triggers, not by some other constraint. */
		assert_int_equal(sqlite3_extended_errcode(db), SQLITE_CONSTRAINT_TRIGGER);
	}
	assert_int_equal(raw_count(db, "SELECT count(*) FROM answers WHERE assessment_id = ?", aid),
			 2);
	sqlite3_close(db);
}

static void test_erase_removes_dossier_keeps_audit(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int64_t k = f->client, other = 0;
	int64_t aid = fill_dossier(f, k);
	/* A second client whose dossier must be untouched. */
	struct store_client c = { .org_id = f->org, .reference = "K-9", .given_name = "F",
				  .family_name = "G" };
	store_expect(store_client_create(f->s, &f->who, &c, &other, &e), IPM_OK, &e, NULL);
	int64_t other_aid = fill_dossier(f, other);
	int64_t audit_before = audit_rows(f, k, NULL);

	store_expect(store_client_erase(f->s, &f->who, k, &e), IPM_OK, &e, NULL);

	sqlite3 *db = raw_open(f);
	static const char *const gone[] = {
		"SELECT count(*) FROM clients WHERE id = ?",
		"SELECT count(*) FROM client_access WHERE client_id = ?",
		"SELECT count(*) FROM consents WHERE client_id = ?",
		"SELECT count(*) FROM assessments WHERE client_id = ?",
		"SELECT count(*) FROM results WHERE client_id = ?",
		"SELECT count(*) FROM outcomes WHERE client_id = ?",
	};
	for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++)
		assert_int_equal(raw_count(db, gone[i], k), 0);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM answers WHERE assessment_id = ?", aid),
			 0);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM answers WHERE assessment_id = ?",
				   other_aid),
			 2);
	assert_int_equal(raw_count(db, "SELECT count(*) FROM results WHERE client_id = ?", other), 2);
	sqlite3_close(db);

	assert_int_equal(audit_rows(f, k, NULL), audit_before + 1);
	assert_int_equal(audit_rows(f, k, "erase"), 1);
	store_expect(store_client_erase(f->s, &f->who, k, &e), IPM_ENOTFOUND, &e, "no client");
	store_expect(store_integrity_check(f->s, &e), IPM_OK, &e, NULL);
}

/* --- backup ------------------------------------------------------------- */

/* Writes consents through its own connection until killed. */
static pid_t spawn_writer(const struct store_fixture *f)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid > 0)
		return pid;
	struct err e = { 0 };
	struct store *s = NULL;
	if (store_open(f->db, &s, &e) != IPM_OK)
		_exit(3);
	for (;;) {
		int64_t id;
		if (store_consent_record(s, &f->who, f->client, "diagnose", 1, "toestemming", &id,
					 &e) != IPM_OK)
			_exit(4);
	}
}

static void test_backup_while_writing(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct arena a = ARENA_INIT;
	int64_t k = f->client;
	fill_dossier(f, k);
	/* Enough rows that the copy takes several steps. */
	for (int i = 0; i < 300; i++) {
		struct store_client c = { .org_id = f->org, .given_name = "N", .family_name = "M",
					  .household = "a long enough household description to fill pages" };
		char ref[32];
		snprintf(ref, sizeof ref, "B-%d", i);
		c.reference = ref;
		store_expect(store_client_create(f->s, &f->who, &c, NULL, &e), IPM_OK, &e, NULL);
	}
	int64_t clients = 0;
	store_expect(store_client_count(f->s, 0, &clients, &e), IPM_OK, &e, NULL);

	pid_t writer = spawn_writer(f);
	usleep(50 * 1000);
	char *dest = store_fixture_path(f, "backup.db");
	for (int round = 0; round < 3; round++)
		store_expect(store_backup(f->s, dest, &e), IPM_OK, &e, NULL);
	kill(writer, SIGKILL);
	int status = 0;
	waitpid(writer, &status, 0);
	assert_true(WIFSIGNALED(status)); /* it was still writing, not failed */

	struct stat st;
	assert_int_equal(stat(dest, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);

	struct store *b = NULL;
	store_expect(store_open(dest, &b, &e), IPM_OK, &e, NULL);
	store_expect(store_integrity_check(b, &e), IPM_OK, &e, NULL);
	int v = 0, want = 0;
	store_expect(store_schema_version(b, &v, &e), IPM_OK, &e, NULL);
	store_expect(store_schema_version(f->s, &want, &e), IPM_OK, &e, NULL);
	assert_int_equal(v, want);
	int64_t n = 0;
	store_expect(store_client_count(b, 0, &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n, clients);
	struct store_client got;
	store_expect(store_client_get(b, &f->who, k, &got, &a, &e), IPM_OK, &e, NULL);
	assert_string_equal(got.family_name, "Jansen");
	store_close(b);

	/* The live database is not a valid destination. */
	store_expect(store_backup(f->s, f->db, &e), IPM_EINVAL, &e, "database itself");
	free(dest);
	arena_free(&a);
}

static int run_backup_cmd(const char *const args[])
{
	char *argv[8];
	int argc = 0;
	for (; args[argc] && argc < 7; argc++)
		argv[argc] = (char *)args[argc];
	argv[argc] = NULL;
	return cmd_backup(argc, argv);
}

static void test_backup_command(void **state)
{
	struct store_fixture *f = *state;
	char *dest = store_fixture_path(f, "cli-backup.db");
	char *missing = store_fixture_path(f, "missing.db");
	assert_int_equal(run_backup_cmd((const char *const[]){ "backup", "--db", f->db, NULL }),
			 2);
	assert_int_equal(run_backup_cmd((const char *const[]){ "backup", "--db", missing, dest,
								NULL }),
			 2);
	assert_false(access(missing, F_OK) == 0); /* not created by the attempt */
	assert_int_equal(run_backup_cmd((const char *const[]){ "backup", "--bogus", dest, NULL }),
			 2);
	assert_int_equal(run_backup_cmd((const char *const[]){ "backup", "--db", f->db, dest,
								NULL }),
			 0);
	/* A self-contained file: rollback journal, not WAL (header bytes 18-19). */
	unsigned char header[20] = { 0 };
	FILE *fp = fopen(dest, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(header, 1, sizeof header, fp), sizeof header);
	fclose(fp);
	assert_int_equal(header[18], 1);
	assert_int_equal(header[19], 1);
	free(dest);
	free(missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		STORE_FIXTURE_TEST(test_migrate_fresh_and_again),
		STORE_FIXTURE_TEST(test_open_mode_and_missing_dir),
		STORE_FIXTURE_TEST(test_ping_integrity),
		STORE_FIXTURE_TEST(test_foreign_keys_on),
		STORE_FIXTURE_TEST(test_check_constraints_name_the_field),
		STORE_FIXTURE_TEST(test_client_roundtrip_and_read_audit),
		STORE_FIXTURE_TEST(test_user_find),
		STORE_FIXTURE_TEST(test_every_use_case_audited),
		STORE_FIXTURE_TEST(test_pack_register_idempotent),
		STORE_FIXTURE_TEST(test_answers_closed_after_complete),
		STORE_FIXTURE_TEST(test_batch_and_assessment_import),
		STORE_FIXTURE_TEST(test_immutable_rows_refuse_update_delete),
		STORE_FIXTURE_TEST(test_erase_removes_dossier_keeps_audit),
		STORE_FIXTURE_TEST(test_backup_while_writing),
		STORE_FIXTURE_TEST(test_backup_command),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
