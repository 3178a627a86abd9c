/* Shared by the src/store/sqlite_*.c files only: the connection and the small
 * helper layer that every use case is written in, so that preparing, binding,
 * stepping, mapping errors and wrapping a transaction exist once. Nothing
 * outside src/store includes this (store.h stays opaque). */
#ifndef IPM_STORE_SQLITE_INTERNAL_H
#define IPM_STORE_SQLITE_INTERNAL_H

#include "core/arena.h"
#include "core/dict.h"
#include "core/err.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

/* A prepared statement of the connection's cache (sqlite.c). */
struct stmt_slot {
	sqlite3_stmt *st;
	bool in_use; /* handed out and not yet given back with db_done */
};

struct db_shared;

struct store {
	sqlite3 *db;
	char *path; /* for store_backup, which reads through its own connection */
	struct db_shared *shared; /* with this process's other connections to the file */
	struct cat_index *cat_index; /* catalogue search, built on first use */
	struct dict stmt_sql;    /* the SQL texts run through the helpers below */
	struct stmt_slot *stmts; /* by the text's number in stmt_sql */
	size_t stmts_cap;
	/* The open transaction of tx_run / tx_read: */
	bool tx_reads;           /* a read: only audit rows may change */
	int64_t tx_audit_rows;   /* audit rows written since it began */
	int64_t tx_changes0;     /* sqlite3_total_changes64 when it began */
};

/* Opens a connection on path with IPM's settings (WAL, foreign keys,
 * synchronous FULL, busy timeout). flags as for sqlite3_open_v2. */
int db_connect(const char *path, int flags, sqlite3 **out, struct err *e);

/* How long the audit rows of a read may stay unsynced (written to the WAL,
 * not yet on disk): docs/store.md, "Durability". */
#define STORE_READ_SYNC_MS 200

/* The entry of the database file at path (which exists) that this
 * process's connections to it share (sqlite_shared.c); counted, give it back
 * with db_shared_put. */
int db_shared_get(const char *path, struct db_shared **out, struct err *e);
void db_shared_put(struct db_shared *d);
/* Takes the file's write lock for this process, waiting for it; false (and
 * nothing taken) when this thread holds it already. */
bool db_shared_lock(struct db_shared *d);
void db_shared_unlock(struct db_shared *d);
/* A read transaction committed with synchronous NORMAL: its WAL frames are
 * written but not synced. The file's syncer thread syncs the WAL within
 * STORE_READ_SYNC_MS unless a FULL commit does it first. */
void db_shared_unsynced(struct db_shared *d);
/* A transaction that changed rows committed with synchronous FULL: the WAL
 * is synced up to it, and with it every earlier frame. */
void db_shared_synced(struct db_shared *d);

/* Turns the connection's last error into an IPM code and a message that
 * starts with `op` and names the column or constraint, never a value. */
int db_fail(sqlite3 *db, const char *op, struct err *e);

/* Bind specifications: one character per `?`, read from the variadic list:
 *   s  const char *       NULL binds NULL
 *   i  int64_t
 *   I  int64_t            0 binds NULL (an optional reference)
 *   t  int                negative binds NULL (an unknown 0/1)
 *   d  double             NaN binds NULL
 *   x  const void *, size_t   blob; NULL binds NULL */

/* Runs one statement to completion; *rowid (when not NULL) gets the rowid of
 * an INSERT, *changes (when not NULL) the number of rows changed. */
int db_exec(struct store *s, struct err *e, const char *op, int64_t *rowid, int *changes,
	    const char *sql, const char *types, ...);

/* Every helper prepares its SQL text once per connection and keeps the
 * statement for the next call (a cache keyed by the text), so the text must
 * be a constant with placeholders, never built from values. */

/* Prepares, binds and steps once. IPM_OK: *out holds the first row, the caller
 * reads it and gives the statement back with db_done (never sqlite3_finalize:
 * it belongs to the cache). IPM_ENOTFOUND: no row, *out is NULL and `e` is
 * left for the caller, who knows what was not found. */
int db_query(struct store *s, struct err *e, const char *op, sqlite3_stmt **out,
	     const char *sql, const char *types, ...);

/* Gives back a statement from db_query: reset for the next use. NULL is
 * ignored. */
void db_done(struct store *s, sqlite3_stmt *st);

/* The first column of the first row as an integer; IPM_ENOTFOUND as db_query. */
int db_scalar(struct store *s, struct err *e, const char *op, int64_t *out, const char *sql,
	      const char *types, ...);

/* A column as an arena string, NULL when the column is NULL. */
const char *db_col_text(sqlite3_stmt *st, int col, struct arena *a);

/* Prepares, binds and calls `row` for every row, which reads the columns it
 * needs; no row is IPM_OK. A code other than IPM_OK from `row` stops the
 * walk and is returned. */
typedef int (*row_fn)(sqlite3_stmt *st, void *ctx, struct err *e);
int db_each(struct store *s, struct err *e, const char *op, row_fn row, void *ctx,
	    const char *sql, const char *types, ...);

/* One use case, one transaction: BEGIN IMMEDIATE (so a writer waits for the
 * lock up front instead of failing halfway), run fn, COMMIT; ROLLBACK when
 * anything fails so nothing partial is ever written. Threads of one process
 * queue for the write lock on the file's db_shared mutex. Inside another
 * transaction (store_batch) it is a SAVEPOINT of that one. */
typedef int (*tx_fn)(struct store *s, void *ctx, struct err *e);
int tx_run(struct store *s, const char *op, tx_fn fn, void *ctx, struct err *e);

/* The same for a read use case, whose only writes are its audit rows: it
 * commits with synchronous NORMAL, so it costs no fsync of its own; its audit
 * rows survive a crash of the process at once and reach the disk within
 * STORE_READ_SYNC_MS (docs/store.md, "Durability"). When the transaction
 * changed anything but audit rows it fails and rolls back; tx_run inside it
 * is refused. */
int tx_read(struct store *s, const char *op, tx_fn fn, void *ctx, struct err *e);

/* Appends to the audit trail; called inside the use case's transaction so the
 * access and its record commit or vanish together. */
int audit_write(struct store *s, const struct store_actor *who, const char *action,
		const char *entity, int64_t entity_id, int64_t client_id, struct err *e);

#endif
