/* Reads across many clients' answers, for the quality statistics of an
 * instrument (`ipm pack stats`): the current answers of every completed
 * assessment of one pack version, and the registered versions of a pack.
 * Rows are handed to a callback one at a time, so a large answer table is
 * never held twice. */
#include "store/sqlite_internal.h"

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
	/* The latest row per item is the answer; earlier rows are its history.
	 * answers_item (assessment_id, item_id, seq) serves the MAX. No
	 * answers yet is an empty result, not an error. */
	int rc = db_each(s, e, "answers read", answer_row, x,
			 "SELECT a.assessment_id, a.item_id, a.value FROM answers a"
			 " JOIN assessments s ON s.id = a.assessment_id"
			 " WHERE s.pack_id = ? AND s.pack_version = ? AND s.completed_at IS NOT NULL"
			 " AND a.seq = (SELECT MAX(b.seq) FROM answers b"
			 " WHERE b.assessment_id = a.assessment_id AND b.item_id = a.item_id)"
			 " ORDER BY a.assessment_id, a.item_id",
			 "ss", x->pack_id, x->version);
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
	return tx_read(s, "answers read", answers_each_tx, &x, e);
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
	struct versions_each x = { fn, ctx };
	return db_each(s, e, "pack versions", version_row, &x,
		       "SELECT version, content FROM packs WHERE pack_id = ?"
		       " ORDER BY registered_at, rowid",
		       "s", pack_id);
}
