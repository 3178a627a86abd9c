/* How much does the store's shape cost? One use case = one transaction with
 * its audit row, through prepared statements, synchronous FULL. The reference
 * is bare SQLite doing the same durable work by hand in the same run: one
 * INSERT of the same row plus one audit INSERT per transaction, same pragmas.
 * A second reference shows what batching many writes into one transaction
 * would buy (which the store deliberately does not do for dossier writes).
 *
 * usage: bench_store [N]   (default 2000 writes per variant) */
#include "core/buf.h"
#include "core/timeutil.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

_Noreturn static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, msg);
	exit(1);
}

static struct store *fresh_store(const char *path, int64_t *client)
{
	struct store *s;
	struct err e;
	int version;
	unlink(path);
	if (store_open(path, &s, &e) || store_migrate(s, &version, &e))
		die("store", e.msg);
	int64_t org;
	if (store_org_create(s, "Bench", "gemeente", &org, &e))
		die("org", e.msg);
	struct store_client c = { .org_id = org, .reference = "B-1", .given_name = "A",
				  .family_name = "B", .birth_date = "1990-01-01" };
	const struct store_actor sys = { 0 };
	if (store_client_create(s, &sys, &c, client, &e) ||
	    store_pack_register(s, "bench", "1.0.0", "taxonomy", "Bench", "0", "{}", &e))
		die("setup", e.msg);
	return s;
}

static double bench_store_api(const char *path, int n)
{
	int64_t client, id;
	struct store *s = fresh_store(path, &client);
	const struct store_actor who = { 0 };
	struct err e;
	double t0 = now_s();
	for (int i = 0; i < n; i++)
		if (store_result_save(s, &who, client, 0, "bench", "bench", "1.0.0",
				      "{\"score\":42}", &id, &e))
			die("result", e.msg);
	double t = now_s() - t0;
	store_close(s);
	return t;
}

static void exec_or_die(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die(sql, msg ? msg : "?");
}

/* Bare SQLite on the same schema: `per_tx` rows per transaction. */
static double bench_raw(const char *path, int n, int per_tx)
{
	int64_t client;
	store_close(fresh_store(path, &client));
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("open", sqlite3_errmsg(db));
	exec_or_die(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON");
	sqlite3_stmt *res, *aud;
	if (sqlite3_prepare_v2(db,
			       "INSERT INTO results(client_id, kind, pack_id, pack_version, "
			       "computed_at, data) VALUES (?, 'bench', 'bench', '1.0.0', ?, ?)",
			       -1, &res, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "INSERT INTO audit_log(at, action, entity, entity_id, client_id) "
			       "VALUES (?, 'create', 'result', ?, ?)",
			       -1, &aud, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));
	char ts[TIME_ISO_LEN];
	double t0 = now_s();
	for (int i = 0; i < n; i++) {
		if (i % per_tx == 0)
			exec_or_die(db, "BEGIN IMMEDIATE");
		time_now_iso(ts);
		sqlite3_bind_int64(res, 1, client);
		sqlite3_bind_text(res, 2, ts, -1, SQLITE_STATIC);
		sqlite3_bind_text(res, 3, "{\"score\":42}", -1, SQLITE_STATIC);
		if (sqlite3_step(res) != SQLITE_DONE)
			die("insert", sqlite3_errmsg(db));
		sqlite3_reset(res);
		sqlite3_bind_text(aud, 1, ts, -1, SQLITE_STATIC);
		sqlite3_bind_int64(aud, 2, sqlite3_last_insert_rowid(db));
		sqlite3_bind_int64(aud, 3, client);
		if (sqlite3_step(aud) != SQLITE_DONE)
			die("audit", sqlite3_errmsg(db));
		sqlite3_reset(aud);
		if (i % per_tx == per_tx - 1 || i == n - 1)
			exec_or_die(db, "COMMIT");
	}
	double t = now_s() - t0;
	sqlite3_finalize(res);
	sqlite3_finalize(aud);
	sqlite3_close(db);
	return t;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	if (n <= 0)
		n = 2000;
	char dir[] = "/tmp/ipm-bench-XXXXXX";
	if (!mkdtemp(dir))
		die("mkdtemp", "failed");
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/bench.db", dir);

	double api = bench_store_api(path.data, n);
	double raw = bench_raw(path.data, n, 1);
	double batched = bench_raw(path.data, n, 1000);

	printf("store writes: %d durable transactions each (result + audit row, synchronous=FULL)\n", n);
	printf("%-44s %10s %12s %8s\n", "variant", "seconds", "writes/s", "ratio");
	printf("%-44s %10.3f %12.0f %8.2f\n", "ipm store_result_save (1 use case = 1 tx)", api,
	       n / api, 1.0);
	printf("%-44s %10.3f %12.0f %8.2f\n", "bare SQLite, same 2 INSERTs per tx", raw, n / raw,
	       api / raw);
	printf("%-44s %10.3f %12.0f %8.2f\n", "bare SQLite, 1000 rows per tx (batched)",
	       batched, n / batched, api / batched);
	printf("ratio = ipm time / variant time; 1.00 means no overhead over hand-written SQLite\n");
	unlink(path.data);
	buf_reset(&path);
	buf_printf(&path, "%s/bench.db-wal", dir);
	unlink(path.data);
	buf_reset(&path);
	buf_printf(&path, "%s/bench.db-shm", dir);
	unlink(path.data);
	rmdir(dir);
	buf_free(&path);
	return 0;
}
