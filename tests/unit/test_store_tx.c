/* Transactions of the store (src/store/sqlite.c, sqlite_shared.c): a read
 * batch holds reads only, with their audit rows; threads of one process
 * writing to one file all get through, each write whole with its audit row;
 * a statement from the cache is not disturbed by the same query run while
 * it is in use. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "store/store.h"
#include "store/store_web.h"
#include "support/store_fixture.h"

#include <pthread.h>
#include <sqlite3.h>
#include <string.h>

static int64_t count(const struct store_fixture *f, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

struct reads {
	const struct store_fixture *f;
	struct arena a;
	int write_too; /* also record a consent: must be refused */
};

static int two_reads(struct store *s, void *ctx, struct err *e)
{
	struct reads *r = ctx;
	struct store_client c;
	struct store_dossier_counts dc;
	int rc = store_client_get(s, &r->f->who, r->f->client, &c, &r->a, e);
	if (rc == IPM_OK)
		rc = store_dossier_counts(s, &r->f->who, r->f->client, &dc, NULL, NULL, e);
	if (rc == IPM_OK && r->write_too) {
		int64_t id;
		rc = store_consent_record(s, &r->f->who, r->f->client, "tx-test", 1, "basis", &id,
					  e);
	}
	return rc;
}

static void test_a_read_batch_audits_each_read_in_one_transaction(void **state)
{
	struct store_fixture *f = *state;
	struct reads r = { .f = f };
	struct err e = { 0 };
	int64_t before = count(f, "SELECT count(*) FROM audit_log");
	store_expect(store_batch_read(f->s, "tx test", two_reads, &r, &e), IPM_OK, &e, NULL);
	/* One row for the client, one for the route summary. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log") - before, 2);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'read' AND"
				  " entity IN ('client', 'dossier_summary') AND client_id = 1"),
			 2);
	arena_free(&r.a);
}

static void test_a_write_inside_a_read_batch_is_refused_and_nothing_stays(void **state)
{
	struct store_fixture *f = *state;
	struct reads r = { .f = f, .write_too = 1 };
	struct err e = { 0 };
	int64_t audit = count(f, "SELECT count(*) FROM audit_log");
	int64_t consents = count(f, "SELECT count(*) FROM consents");
	store_expect(store_batch_read(f->s, "tx test", two_reads, &r, &e), IPM_ESTORE, &e,
		     "a write inside a read-only transaction");
	/* The reads' audit rows went with the refused batch. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log"), audit);
	assert_int_equal(count(f, "SELECT count(*) FROM consents"), consents);
	/* The connection is usable and writes as before. */
	int64_t id;
	store_expect(store_consent_record(f->s, &f->who, f->client, "tx-test", 1, "basis", &id,
					  &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(count(f, "SELECT count(*) FROM consents"), consents + 1);
	arena_free(&r.a);
}

#define THREADS 4
#define WRITES 40

struct writer {
	const struct store_fixture *f;
	int index, failures;
	char msg[256];
};

/* Alternates single use cases and batches of two, so that savepoints inside
 * a batch meet the other threads' transactions. */
static int two_consents(struct store *s, void *ctx, struct err *e)
{
	const struct writer *w = ctx;
	int64_t id;
	int rc = store_consent_record(s, &w->f->who, w->f->client, "thread", 1, "a", &id, e);
	if (rc == IPM_OK)
		rc = store_consent_record(s, &w->f->who, w->f->client, "thread", 0, "b", &id, e);
	return rc;
}

static void *write_some(void *arg)
{
	struct writer *w = arg;
	struct store *s = NULL;
	struct err e = { 0 };
	if (store_open(w->f->db, &s, &e) != IPM_OK) {
		w->failures = WRITES;
		return NULL;
	}
	struct arena a = { 0 };
	for (int i = 0; i < WRITES; i++) {
		int64_t id;
		struct store_client c;
		int rc = i % 2 ? store_batch(s, "thread batch", two_consents, w, &e)
			       : store_consent_record(s, &w->f->who, w->f->client, "thread", 1,
						      "single", &id, &e);
		if (rc == IPM_OK) /* a read between the writes */
			rc = store_client_get(s, &w->f->who, w->f->client, &c, &a, &e);
		if (rc != IPM_OK) {
			w->failures++;
			memcpy(w->msg, e.msg, sizeof w->msg - 1);
		}
	}
	arena_free(&a);
	store_close(s);
	return NULL;
}

static void test_threads_writing_one_file_all_get_through(void **state)
{
	struct store_fixture *f = *state;
	pthread_t t[THREADS];
	struct writer w[THREADS];
	int64_t audit = count(f, "SELECT count(*) FROM audit_log");
	for (int i = 0; i < THREADS; i++) {
		w[i] = (struct writer){ .f = f, .index = i };
		assert_int_equal(pthread_create(&t[i], NULL, write_some, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		if (w[i].failures)
			print_error("thread %d: %s\n", i, w[i].msg);
		assert_int_equal(w[i].failures, 0);
	}
	/* Per thread WRITES/2 singles and WRITES/2 batches of two. */
	int64_t consents = THREADS * (WRITES / 2 + WRITES);
	assert_int_equal(count(f, "SELECT count(*) FROM consents WHERE purpose = 'thread'"),
			 consents);
	/* Each consent with its audit row, each read with its own. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log") - audit,
			 consents + THREADS * WRITES);
}

/* A row function that runs the query it is being called from: the inner
 * walk gets a statement of its own, and the outer walk goes on where it
 * was (the statement cache must not hand out a statement in use). */
struct nested {
	struct store *s;
	const struct store_actor *who;
	int outer_rows, inner_rows;
	int64_t ids[4];
};

static int inner_row(void *ctx, const struct store_caseload_row *row, struct err *e)
{
	(void)row;
	(void)e;
	((struct nested *)ctx)->inner_rows++;
	return IPM_OK;
}

static int outer_row(void *ctx, const struct store_caseload_row *row, struct err *e)
{
	struct nested *n = ctx;
	if (n->outer_rows < 4)
		n->ids[n->outer_rows] = row->client_id;
	n->outer_rows++;
	return n->outer_rows == 1 ? store_caseload_each(n->s, n->who, NULL, 10, inner_row, n, e)
				  : IPM_OK;
}

static void test_a_query_run_inside_its_own_walk(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct store_client c = { .org_id = f->org, .reference = "K-2", .given_name = "Bram",
				  .family_name = "Zijlstra", .birth_date = "1980-02-03" };
	int64_t second;
	store_expect(store_client_create(f->s, &f->who, &c, &second, &e), IPM_OK, &e, NULL);
	struct nested n = { .s = f->s, .who = &f->who };
	int64_t audit = count(f, "SELECT count(*) FROM audit_log");
	store_expect(store_caseload_each(f->s, &f->who, NULL, 10, outer_row, &n, &e), IPM_OK, &e,
		     NULL);
	assert_int_equal(n.inner_rows, 2);
	assert_int_equal(n.outer_rows, 2);
	assert_true(n.ids[0] != n.ids[1]);
	assert_true((n.ids[0] == f->client && n.ids[1] == second) ||
		    (n.ids[1] == f->client && n.ids[0] == second));
	/* Two walks, two audit rows, one transaction. */
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log") - audit, 2);
	/* And the cached statement works afterwards. */
	n = (struct nested){ .s = f->s, .who = &f->who, .outer_rows = 1 };
	store_expect(store_caseload_each(f->s, &f->who, NULL, 10, outer_row, &n, &e), IPM_OK, &e,
		     NULL);
	assert_int_equal(n.outer_rows, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		STORE_FIXTURE_TEST(test_a_read_batch_audits_each_read_in_one_transaction),
		STORE_FIXTURE_TEST(test_a_write_inside_a_read_batch_is_refused_and_nothing_stays),
		STORE_FIXTURE_TEST(test_threads_writing_one_file_all_get_through),
		STORE_FIXTURE_TEST(test_a_query_run_inside_its_own_walk),
	};
	return cmocka_run_group_tests_name("store_tx", tests, NULL, NULL);
}
