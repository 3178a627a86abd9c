/* An acknowledged write survives kill -9, and so does the audit row of an
 * acknowledged read.
 *
 * A child process records consents, one transaction each, and after every
 * successful commit writes (id, n) to a pipe: that is the acknowledgement a
 * caller would have seen. The parent kills it with SIGKILL at varying moments,
 * then opens the database fresh and checks that it is intact and that every
 * acknowledged row is there, whole, with its audit row. Several rounds run on
 * the same file, so recovery after a crash is itself crashed into. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "store/store.h"
#include "support/store_fixture.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 5
#define ROUND_MAX_MS 2000

struct ack {
	int64_t id;
	int64_t n; /* the child's sequence number: basis "basis-N", granted N % 2 */
};

struct acks {
	struct ack *v;
	size_t len, cap;
};

static void acks_push(struct acks *a, struct ack x)
{
	if (a->len == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 1024;
		a->v = realloc(a->v, a->cap * sizeof *a->v);
		assert_non_null(a->v);
	}
	a->v[a->len++] = x;
}

static void basis_of(int64_t n, struct buf *b)
{
	buf_reset(b);
	buf_printf(b, "basis-%lld", (long long)n);
}

static _Noreturn void child_write(const struct store_fixture *f, int fd, int64_t first_n)
{
	struct err e = { 0 };
	struct store *s = NULL;
	struct buf basis = BUF_INIT;
	if (store_open(f->db, &s, &e) != IPM_OK)
		_exit(3);
	for (int64_t n = first_n;; n++) {
		struct ack a = { .n = n };
		basis_of(n, &basis);
		if (store_consent_record(s, &f->who, f->client, "crash-test", (int)(n % 2),
					 buf_str(&basis), &a.id, &e) != IPM_OK)
			_exit(4);
		/* A pipe write of this size is atomic: the parent never sees half an ack. */
		if (write(fd, &a, sizeof a) != (ssize_t)sizeof a)
			_exit(5);
	}
}

/* Reads acks until `want` arrived or time is up (or, when draining, until
 * the pipe is closed). Returns how many were read. */
static size_t read_acks(int fd, struct acks *all, size_t want, int64_t deadline_ms)
{
	size_t got = 0;
	while (got < want) {
		int64_t left = deadline_ms - time_mono_ms();
		if (left <= 0)
			break;
		struct pollfd p = { .fd = fd, .events = POLLIN };
		if (poll(&p, 1, (int)left) <= 0)
			continue;
		struct ack a;
		ssize_t r = read(fd, &a, sizeof a);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		assert_int_equal(r, sizeof a);
		acks_push(all, a);
		got++;
	}
	return got;
}

static void verify(const struct store_fixture *f, const struct acks *all)
{
	struct err e = { 0 };
	struct store *s = NULL;
	struct buf basis = BUF_INIT;
	store_expect(store_open(f->db, &s, &e), IPM_OK, &e, NULL);
	store_expect(store_integrity_check(s, &e), IPM_OK, &e, NULL);
	store_close(s);

	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT c.purpose, c.granted, c.basis, c.client_id,"
					    " (SELECT count(*) FROM audit_log a WHERE a.entity = 'consent'"
					    "  AND a.entity_id = c.id AND a.action = 'create')"
					    " FROM consents c WHERE c.id = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	for (size_t i = 0; i < all->len; i++) {
		const struct ack *a = &all->v[i];
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, a->id);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW)
			fprintf(stderr, "acknowledged consent %lld (n=%lld) is missing\n",
				(long long)a->id, (long long)a->n);
		assert_int_equal(rc, SQLITE_ROW);
		basis_of(a->n, &basis);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), "crash-test");
		assert_int_equal(sqlite3_column_int64(st, 1), a->n % 2);
		assert_string_equal((const char *)sqlite3_column_text(st, 2), buf_str(&basis));
		assert_int_equal(sqlite3_column_int64(st, 3), f->client);
		assert_int_equal(sqlite3_column_int64(st, 4), 1);
	}
	sqlite3_finalize(st);

	/* Nothing half-done either: no consent without its audit row. */
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT count(*) FROM consents),"
					    " (SELECT count(*) FROM audit_log WHERE entity = 'consent')",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1));
	assert_true((size_t)sqlite3_column_int64(st, 0) >= all->len);
	sqlite3_finalize(st);
	sqlite3_close(db);
	buf_free(&basis);
}

typedef void (*child_fn)(const struct store_fixture *f, int fd, int64_t first_n);
typedef void (*verify_fn)(const struct store_fixture *f, const struct acks *all);

/* ROUNDS times: a child runs `child` and acknowledges through a pipe, is
 * killed with SIGKILL at a different moment each round, and `verify` checks
 * that everything acknowledged so far is in the database. */
static void kill_rounds(child_fn child, verify_fn verify_acks, const char *what)
{
	struct store_fixture f;
	struct acks all = { 0 };
	store_fixture_up(&f);
	/* The child opens its own connection; ours must not hold the file. */
	store_close(f.s);
	f.s = NULL;

	int64_t next_n = 0;
	for (int round = 0; round < ROUNDS; round++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			child(&f, fds[1], next_n);
		}
		close(fds[1]);

		/* Different kill moments: after a growing number of acks, then a
		 * few hundred microseconds more, so the kill lands in varying
		 * phases of a commit (and, later on, of a checkpoint). */
		size_t want = 50 + (size_t)round * 120;
		size_t before = all.len;
		read_acks(fds[0], &all, want, time_mono_ms() + ROUND_MAX_MS);
		usleep((useconds_t)(round * 337));
		assert_int_equal(kill(pid, SIGKILL), 0);
		int status = 0;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		/* Killed while still working, not stopped by an error of its own. */
		assert_true(WIFSIGNALED(status));
		assert_int_equal(WTERMSIG(status), SIGKILL);
		/* Acks written before the kill are acknowledgements too. */
		read_acks(fds[0], &all, SIZE_MAX, time_mono_ms() + ROUND_MAX_MS);
		close(fds[0]);
		assert_true(all.len > before);
		next_n += (int64_t)(all.len - before) + 1000;

		verify_acks(&f, &all);
	}
	fprintf(stderr, "store crash: %d rounds, %zu acknowledged %s verified\n", ROUNDS, all.len,
		what);
	free(all.v);
	store_fixture_down(&f);
}

static void test_acknowledged_writes_survive_sigkill(void **state)
{
	(void)state;
	kill_rounds(child_write, verify, "writes");
}

/* A read commits with synchronous NORMAL (docs/store.md, "Durability"): its
 * audit row is in the WAL when the read returns, so a kill -9 loses none.
 * The child reads the client with the reason "crash-read-N" (the reason is
 * stored in the audit row) and acknowledges N after each read returned. */
static _Noreturn void child_read(const struct store_fixture *f, int fd, int64_t first_n)
{
	struct err e = { 0 };
	struct store *s = NULL;
	struct buf reason = BUF_INIT;
	struct arena a = { 0 };
	if (store_open(f->db, &s, &e) != IPM_OK)
		_exit(3);
	for (int64_t n = first_n;; n++) {
		buf_reset(&reason);
		buf_printf(&reason, "crash-read-%lld", (long long)n);
		struct store_actor who = { .user_id = f->who.user_id, .reason = buf_str(&reason) };
		struct store_client c;
		if (store_client_get(s, &who, f->client, &c, &a, &e) != IPM_OK)
			_exit(4);
		arena_free(&a);
		struct ack ack = { .id = 0, .n = n };
		if (write(fd, &ack, sizeof ack) != (ssize_t)sizeof ack)
			_exit(5);
	}
}

static void verify_reads(const struct store_fixture *f, const struct acks *all)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	struct buf reason = BUF_INIT;
	assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT count(*) FROM audit_log WHERE action = 'read'"
					    " AND entity = 'client' AND client_id = ? AND reason = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	for (size_t i = 0; i < all->len; i++) {
		buf_reset(&reason);
		buf_printf(&reason, "crash-read-%lld", (long long)all->v[i].n);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, f->client);
		sqlite3_bind_text(st, 2, buf_str(&reason), -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (sqlite3_column_int64(st, 0) != 1)
			fprintf(stderr, "the audit row of acknowledged read %lld is missing\n",
				(long long)all->v[i].n);
		assert_int_equal(sqlite3_column_int64(st, 0), 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	buf_free(&reason);
}

static void test_acknowledged_reads_keep_their_audit_rows_after_sigkill(void **state)
{
	(void)state;
	kill_rounds(child_read, verify_reads, "reads' audit rows");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_acknowledged_writes_survive_sigkill),
		cmocka_unit_test(test_acknowledged_reads_keep_their_audit_rows_after_sigkill),
	};
	return cmocka_run_group_tests_name("store_crash", tests, NULL, NULL);
}
