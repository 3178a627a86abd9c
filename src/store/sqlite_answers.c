/* Reads across many clients' answers, for the quality statistics of an
 * instrument (`ipm pack stats`): the current answers of every completed
 * assessment of one pack version, and the registered versions of a pack.
 * Rows are handed to a callback one at a time, so a large answer table is
 * never held twice. */
#include "store/sqlite_internal.h"

/* Steps through a statement db_query has already stepped once (st holds the
 * first row) and calls `row` for each row; finalizes st. */
typedef int (*row_fn)(sqlite3_stmt *st, void *ctx, struct err *e);

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
	sqlite3_finalize(st);
	return rc;
}

struct answers_each {
	const struct store_actor *who;
	const char *pack_id, *version;
	store_answer_fn fn;
	void *ctx;
};

static int answer_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct answers_each *x = ctx;
	return x->fn(x->ctx, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1),
		     (const char *)sqlite3_column_text(st, 2), e);
}

static int answers_each_tx(struct store *s, void *ctx, struct err *e)
{
	struct answers_each *x = ctx;
	const char *op = "answers read";
	sqlite3_stmt *st = NULL;
	/* The latest row per item is the answer; earlier rows are its history.
	 * answers_item (assessment_id, item_id, seq) serves the MAX. */
	int rc = db_query(s, e, op, &st,
			  "SELECT a.assessment_id, a.item_id, a.value FROM answers a"
			  " JOIN assessments s ON s.id = a.assessment_id"
			  " WHERE s.pack_id = ? AND s.pack_version = ? AND s.completed_at IS NOT NULL"
			  " AND a.seq = (SELECT MAX(b.seq) FROM answers b"
			  " WHERE b.assessment_id = a.assessment_id AND b.item_id = a.item_id)"
			  " ORDER BY a.assessment_id, a.item_id",
			  "ss", x->pack_id, x->version);
	if (rc == IPM_OK)
		rc = each_row(s, op, st, answer_row, x, e);
	else if (rc == IPM_ENOTFOUND)
		rc = IPM_OK; /* no answers yet is an empty result, not an error */
	if (rc != IPM_OK)
		return rc;
	/* One row for the whole aggregate: it reads many dossiers but is about
	 * none of them, so it names no client (and must not list them all). */
	return audit_write(s, x->who, "read", "pack_stats", 0, 0, e);
}

int store_answers_each(struct store *s, const struct store_actor *who, const char *pack_id,
		       const char *version, store_answer_fn fn, void *ctx, struct err *e)
{
	if (!pack_id || !version)
		return err_set(e, IPM_EINVAL, "answers read: pack id and version are required");
	struct answers_each x = { who, pack_id, version, fn, ctx };
	return tx_run(s, "answers read", answers_each_tx, &x, e);
}

struct versions_each {
	store_pack_version_fn fn;
	void *ctx;
};

static int version_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct versions_each *x = ctx;
	return x->fn(x->ctx, (const char *)sqlite3_column_text(st, 0),
		     (const char *)sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1),
		     e);
}

int store_pack_versions_each(struct store *s, const char *pack_id, store_pack_version_fn fn,
			     void *ctx, struct err *e)
{
	const char *op = "pack versions";
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, op, &st,
			  "SELECT version, content FROM packs WHERE pack_id = ?"
			  " ORDER BY registered_at, rowid",
			  "s", pack_id);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc != IPM_OK)
		return rc;
	struct versions_each x = { fn, ctx };
	return each_row(s, op, st, version_row, &x, e);
}
