/* The SQLite connection and the helper layer every use case is written in
 * (sqlite_internal.h). Use cases live in sqlite_dossier.c and
 * sqlite_registry.c, schema upkeep in sqlite_schema.c, backup in
 * sqlite_backup.c. */
#include "store/sqlite_internal.h"
#include "store/sqlite_catalogue_internal.h"

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

/* Long enough for a busy server to finish its write, short enough that a
 * stuck lock surfaces as an error instead of a hung request. */
#define STORE_BUSY_TIMEOUT_MS 5000

/* WAL lets readers (and backups) run while one writer writes; FULL syncs the
 * WAL on every commit, which is what makes an acknowledged write survive
 * kill -9 and power loss. Foreign keys are off by default in SQLite.
 * secure_delete overwrites deleted content with zeros, so an erased dossier
 * (store_client_erase) does not linger in free pages of the file
 * (docs/retention.md). */
static const char *const connection_pragmas =
	"PRAGMA foreign_keys = ON;"
	"PRAGMA synchronous = FULL;"
	"PRAGMA secure_delete = ON;";

static int connect_fail(sqlite3 *db, const char *op, struct err *e)
{
	int rc = db_fail(db, op, e);
	sqlite3_close(db);
	return rc;
}

static int set_wal(sqlite3 *db, struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "store journal mode", e);
	int rc = IPM_OK;
	if (sqlite3_step(st) != SQLITE_ROW) {
		rc = db_fail(db, "store journal mode", e);
	} else {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		if (!mode || strcmp(mode, "wal") != 0)
			rc = err_set(e, IPM_ESTORE, "store journal mode: WAL is not available");
	}
	sqlite3_finalize(st);
	return rc;
}

int db_connect(const char *path, int flags, sqlite3 **out, struct err *e)
{
	sqlite3 *db = NULL;
	*out = NULL;
	if (sqlite3_open_v2(path, &db, flags, NULL) != SQLITE_OK) {
		if (!db)
			return err_set(e, IPM_ENOMEM, "store open: out of memory");
		return connect_fail(db, "store open", e);
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, STORE_BUSY_TIMEOUT_MS);
	if (sqlite3_exec(db, connection_pragmas, NULL, NULL, NULL) != SQLITE_OK)
		return connect_fail(db, "store settings", e);
	int rc = set_wal(db, e);
	if (rc == IPM_OK) /* the catalogue's full-text table needs it (docs/store.md) */
		rc = fts_nl_register(db, e);
	if (rc != IPM_OK) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return IPM_OK;
}

int store_open(const char *path, struct store **out, struct err *e)
{
	*out = NULL;
	if (!path || !*path)
		return err_set(e, IPM_EINVAL, "store open: no database path given");
	/* Create the file ourselves so it is 0600 whatever the umask: it holds
	 * personal data. SQLite gives the -wal and -shm files the same mode.
	 * Only when it is missing: closing any descriptor of a file drops every
	 * POSIX lock this process holds on it, so an open()/close() beside live
	 * connections (the web server opens one per worker thread) would let
	 * another process take the database for unused and delete its WAL. */
	if (access(path, F_OK) != 0) {
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno != EEXIST)
			return err_set(e, IPM_EIO, "store open: %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	}

	sqlite3 *db = NULL;
	int rc = db_connect(path, SQLITE_OPEN_READWRITE, &db, e);
	if (rc != IPM_OK)
		return err_prefix(e, "%s", path);
	struct db_shared *shared = NULL;
	rc = db_shared_get(path, &shared, e);
	if (rc != IPM_OK) {
		sqlite3_close(db);
		return err_prefix(e, "%s", path);
	}
	struct store *s = xcalloc(1, sizeof *s);
	s->db = db;
	s->path = xstrdup(path);
	s->shared = shared;
	*out = s;
	return IPM_OK;
}

static void stmt_cache_free(struct store *s);

void store_close(struct store *s)
{
	if (!s)
		return;
	cat_index_free(s->cat_index); /* finalizes its statements first */
	stmt_cache_free(s);
	sqlite3_close(s->db);
	db_shared_put(s->shared);
	free(s->path);
	free(s);
}

/* "CHECK constraint failed: role" -> "role": SQLite's constraint messages
 * carry the constraint or column name after the colon, never the value. */
static const char *constraint_subject(const char *msg)
{
	const char *colon = strstr(msg, ": ");
	return colon ? colon + 2 : msg;
}

int db_fail(sqlite3 *db, const char *op, struct err *e)
{
	int rc = sqlite3_extended_errcode(db);
	const char *msg = sqlite3_errmsg(db);
	const char *subject = constraint_subject(msg);

	switch (rc) {
	case SQLITE_CONSTRAINT_CHECK:
		return err_set(e, IPM_EINVAL, "%s: %s: value not allowed", op, subject);
	case SQLITE_CONSTRAINT_NOTNULL:
		return err_set(e, IPM_EINVAL, "%s: %s is required", op, subject);
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return err_set(e, IPM_ECONFLICT, "%s: %s already exists", op, subject);
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return err_set(e, IPM_EINVAL, "%s: refers to a row that does not exist", op);
	case SQLITE_CONSTRAINT_TRIGGER:
		/* Our triggers RAISE with a sentence meant for people. */
		return err_set(e, IPM_ECONFLICT, "%s: %s", op, msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, IPM_ESTORE, "%s: the database is busy, try again", op);
	default:
		if ((rc & 0xff) == SQLITE_CONSTRAINT)
			return err_set(e, IPM_ECONFLICT, "%s: %s", op, msg);
		return err_set(e, IPM_ESTORE, "%s: %s", op, msg);
	}
}

static int bind_one(sqlite3_stmt *st, int i, char type, va_list *ap)
{
	switch (type) {
	case 's': {
		const char *v = va_arg(*ap, const char *);
		return v ? sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
	}
	case 'i':
		return sqlite3_bind_int64(st, i, va_arg(*ap, int64_t));
	case 'I': {
		int64_t v = va_arg(*ap, int64_t);
		return v ? sqlite3_bind_int64(st, i, v) : sqlite3_bind_null(st, i);
	}
	case 't': {
		int v = va_arg(*ap, int);
		return v >= 0 ? sqlite3_bind_int(st, i, v != 0) : sqlite3_bind_null(st, i);
	}
	case 'd': {
		double v = va_arg(*ap, double);
		return isnan(v) ? sqlite3_bind_null(st, i) : sqlite3_bind_double(st, i, v);
	}
	case 'x': {
		const void *p = va_arg(*ap, const void *);
		size_t n = va_arg(*ap, size_t);
		return p ? sqlite3_bind_blob64(st, i, p, n, SQLITE_TRANSIENT)
			 : sqlite3_bind_null(st, i);
	}
	default:
		return SQLITE_MISUSE;
	}
}

/* The connection's statement cache: every SQL text the helpers run is
 * prepared once per connection and kept (the texts are constants, so the set
 * is small and fixed); parsing was most of the CPU of a page view. A text
 * whose statement is still in use (a walk whose row function runs the same
 * query) gets a statement of its own, finalized after use. */
static int stmt_get(struct store *s, const char *sql, sqlite3_stmt **out)
{
	size_t n = strlen(sql);
	uint32_t id = dict_add(&s->stmt_sql, sql, n);
	if (id >= s->stmts_cap) {
		size_t cap = s->stmts_cap ? 2 * s->stmts_cap : 64;
		s->stmts = xrealloc(s->stmts, cap * sizeof *s->stmts);
		memset(s->stmts + s->stmts_cap, 0, (cap - s->stmts_cap) * sizeof *s->stmts);
		s->stmts_cap = cap;
	}
	struct stmt_slot *slot = &s->stmts[id];
	if (slot->in_use)
		return sqlite3_prepare_v2(s->db, sql, (int)n + 1, out, NULL);
	if (!slot->st) {
		int rc = sqlite3_prepare_v3(s->db, sql, (int)n + 1, SQLITE_PREPARE_PERSISTENT,
					    &slot->st, NULL);
		if (rc != SQLITE_OK)
			return rc;
	}
	slot->in_use = true;
	*out = slot->st;
	return SQLITE_OK;
}

void db_done(struct store *s, sqlite3_stmt *st)
{
	if (!st)
		return;
	const char *sql = sqlite3_sql(st);
	uint32_t id = dict_find(&s->stmt_sql, sql, strlen(sql));
	if (id != DICT_NONE && s->stmts[id].st == st) {
		/* Reset ends the statement's read of the database; the
		 * bindings may point at the caller's (transient copies of)
		 * values, which must not outlive the call. */
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		s->stmts[id].in_use = false;
		return;
	}
	sqlite3_finalize(st);
}

static void stmt_cache_free(struct store *s)
{
	for (size_t i = 0; i < s->stmts_cap; i++)
		sqlite3_finalize(s->stmts[i].st);
	free(s->stmts);
	dict_free(&s->stmt_sql);
}

static int prepare_bind(struct store *s, struct err *e, const char *op, sqlite3_stmt **out,
			const char *sql, const char *types, va_list *ap)
{
	sqlite3_stmt *st = NULL;
	*out = NULL;
	if (stmt_get(s, sql, &st) != SQLITE_OK)
		return db_fail(s->db, op, e);
	int n = (int)strlen(types);
	if (n != sqlite3_bind_parameter_count(st)) {
		int have = sqlite3_bind_parameter_count(st);
		db_done(s, st);
		return err_set(e, IPM_ESTORE, "%s: %d parameters bound, statement has %d", op, n,
			       have);
	}
	for (int i = 0; i < n; i++) {
		if (bind_one(st, i + 1, types[i], ap) != SQLITE_OK) {
			int rc = db_fail(s->db, op, e);
			db_done(s, st);
			return rc;
		}
	}
	*out = st;
	return IPM_OK;
}

int db_exec(struct store *s, struct err *e, const char *op, int64_t *rowid, int *changes,
	    const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = prepare_bind(s, e, op, &st, sql, types, &ap);
	va_end(ap);
	if (rc != IPM_OK)
		return rc;
	int step = sqlite3_step(st);
	while (step == SQLITE_ROW) /* e.g. a PRAGMA that reports its result */
		step = sqlite3_step(st);
	if (step != SQLITE_DONE) {
		rc = db_fail(s->db, op, e);
		goto out_finalize;
	}
	if (rowid)
		*rowid = sqlite3_last_insert_rowid(s->db);
	if (changes)
		*changes = sqlite3_changes(s->db);
out_finalize:
	db_done(s, st);
	return rc;
}

static int query_v(struct store *s, struct err *e, const char *op, sqlite3_stmt **out,
		   const char *sql, const char *types, va_list *ap)
{
	sqlite3_stmt *st;
	int rc = prepare_bind(s, e, op, &st, sql, types, ap);
	if (rc != IPM_OK)
		return rc;
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		*out = st;
		return IPM_OK;
	}
	rc = step == SQLITE_DONE ? IPM_ENOTFOUND : db_fail(s->db, op, e);
	db_done(s, st);
	return rc;
}

int db_query(struct store *s, struct err *e, const char *op, sqlite3_stmt **out,
	     const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = query_v(s, e, op, out, sql, types, &ap);
	va_end(ap);
	return rc;
}

int db_scalar(struct store *s, struct err *e, const char *op, int64_t *out, const char *sql,
	      const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(s, e, op, &st, sql, types, &ap);
	va_end(ap);
	if (rc != IPM_OK)
		return rc;
	*out = sqlite3_column_int64(st, 0);
	db_done(s, st);
	return IPM_OK;
}

const char *db_col_text(sqlite3_stmt *st, int col, struct arena *a)
{
	const unsigned char *v = sqlite3_column_text(st, col);
	if (!v)
		return NULL;
	return arena_strndup(a, (const char *)v, (size_t)sqlite3_column_bytes(st, col));
}

/* Steps through a statement already stepped once (st holds the first row);
 * releases st. */
static int each_row(struct store *s, const char *op, sqlite3_stmt *st, row_fn row, void *ctx,
		    struct err *e)
{
	int rc = IPM_OK, step = SQLITE_ROW;
	while (step == SQLITE_ROW) {
		rc = row(st, ctx, e);
		if (rc != IPM_OK)
			goto out;
		step = sqlite3_step(st);
	}
	if (step != SQLITE_DONE)
		rc = db_fail(s->db, op, e);
out:
	db_done(s, st);
	return rc;
}

int db_each(struct store *s, struct err *e, const char *op, row_fn row, void *ctx,
	    const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	va_start(ap, types);
	int rc = query_v(s, e, op, &st, sql, types, &ap);
	va_end(ap);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK; /* no rows is an empty walk */
	if (rc != IPM_OK)
		return rc;
	return each_row(s, op, st, row, ctx, e);
}

/* The connection's durability for the next transaction: changed between
 * transactions only (SQLite refuses it inside one). Not a cached statement:
 * a PRAGMA takes effect when it is prepared. */
static int set_synchronous(struct store *s, const char *op, bool normal, struct err *e)
{
	if (sqlite3_exec(s->db, normal ? "PRAGMA synchronous = NORMAL" : "PRAGMA synchronous = FULL",
			 NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s->db, op, e);
	return IPM_OK;
}

/* tx_run and tx_read. A read transaction commits with synchronous NORMAL
 * (docs/store.md, "Durability"): its only writes may be its audit rows, so
 * it is checked that nothing else changed, and a write use case inside it
 * is refused. Every other transaction commits with FULL, and the connection
 * is back at FULL after a read, so an autocommit write is FULL too. */
static int tx_do(struct store *s, const char *op, bool reads, tx_fn fn, void *ctx,
		 struct err *e)
{
	/* Inside store_batch the use case joins the batch's transaction as a
	 * savepoint: it still happens whole or not at all, and the batch
	 * commits once. */
	bool nested = !sqlite3_get_autocommit(s->db);
	if (nested && !reads && s->tx_reads)
		return err_set(e, IPM_ESTORE, "%s: a write inside a read-only transaction", op);
	bool locked = !nested && db_shared_lock(s->shared);
	int rc = IPM_OK;
	if (!nested && reads)
		rc = set_synchronous(s, op, true, e);
	if (rc == IPM_OK)
		rc = db_exec(s, e, op, NULL, NULL,
			     nested ? "SAVEPOINT use_case" : "BEGIN IMMEDIATE", "");
	if (rc != IPM_OK)
		goto out_unlock;
	if (!nested) {
		s->tx_reads = reads;
		s->tx_audit_rows = 0;
		s->tx_changes0 = sqlite3_total_changes64(s->db);
	}
	rc = fn(s, ctx, e);
	int64_t changes = sqlite3_total_changes64(s->db) - s->tx_changes0;
	if (rc == IPM_OK && !nested && reads && changes != s->tx_audit_rows)
		rc = err_set(e, IPM_ESTORE, "%s: a read-only transaction changed more than its audit rows",
			     op);
	if (rc == IPM_OK)
		rc = db_exec(s, e, op, NULL, NULL, nested ? "RELEASE use_case" : "COMMIT", "");
	/* Some errors (I/O, full disk) already rolled back; a second ROLLBACK
	 * would only report "no transaction is active". */
	if (rc != IPM_OK && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, nested ? "ROLLBACK TO use_case; RELEASE use_case" : "ROLLBACK",
			     NULL, NULL, NULL);
	if (!nested) {
		s->tx_reads = false;
		/* Still under the write mutex, so no other commit of this
		 * process comes between the commit and its note. */
		if (rc == IPM_OK && changes > 0)
			reads ? db_shared_unsynced(s->shared) : db_shared_synced(s->shared);
	}
out_unlock:
	if (!nested && reads) {
		struct err e2;
		int rc2 = set_synchronous(s, op, false, &e2);
		if (rc == IPM_OK && rc2 != IPM_OK) {
			*e = e2;
			rc = rc2;
		}
	}
	if (locked)
		db_shared_unlock(s->shared);
	return rc;
}

int tx_run(struct store *s, const char *op, tx_fn fn, void *ctx, struct err *e)
{
	return tx_do(s, op, false, fn, ctx, e);
}

int tx_read(struct store *s, const char *op, tx_fn fn, void *ctx, struct err *e)
{
	return tx_do(s, op, true, fn, ctx, e);
}

int store_batch(struct store *s, const char *op, store_batch_fn fn, void *ctx, struct err *e)
{
	return tx_run(s, op, fn, ctx, e);
}

int store_batch_read(struct store *s, const char *op, store_batch_fn fn, void *ctx,
		     struct err *e)
{
	return tx_read(s, op, fn, ctx, e);
}

int audit_write(struct store *s, const struct store_actor *who, const char *action,
		const char *entity, int64_t entity_id, int64_t client_id, struct err *e)
{
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = db_exec(s, e, "audit write", NULL, NULL,
			 "INSERT INTO audit_log (at, user_id, action, entity, entity_id, client_id,"
			 " reason) VALUES (?, ?, ?, ?, ?, ?, ?)",
			 "sIssIIs", now, who ? who->user_id : (int64_t)0, action, entity, entity_id,
			 client_id, who ? who->reason : NULL);
	if (rc == IPM_OK)
		s->tx_audit_rows++; /* what a read transaction may change (tx_read) */
	return rc;
}
