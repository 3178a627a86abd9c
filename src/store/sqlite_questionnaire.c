/* Questionnaires in the browser: a client's assessments and one-time links
 * (store_questionnaire.h, migration 0006_assessment_links.sql). */
#include "core/timeutil.h"
#include "store/sqlite_internal.h"
#include "store/store_questionnaire.h"

#include <string.h>

/* --- a client's assessments ------------------------------------------------ */

struct list {
	const struct store_actor *who;
	int64_t client_id, now;
	const char *skip;
	store_assessment_fn fn;
	void *ctx;
};

static int list_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct list *l = ctx;
	const struct store_assessment_row r = {
		.id = sqlite3_column_int64(st, 0),
		.pack_id = (const char *)sqlite3_column_text(st, 1),
		.pack_version = (const char *)sqlite3_column_text(st, 2),
		.taken_by = (const char *)sqlite3_column_text(st, 3),
		.started_at = (const char *)sqlite3_column_text(st, 4),
		.completed_at = (const char *)sqlite3_column_text(st, 5),
		.answered = sqlite3_column_int64(st, 6),
		.link_expires = sqlite3_column_int64(st, 7),
	};
	return l->fn(l->ctx, &r, e);
}

static int list_tx(struct store *s, void *ctx, struct err *e)
{
	struct list *l = ctx;
	int64_t n = 0;
	int rc = db_scalar(s, e, "assessments", &n, "SELECT count(*) FROM clients WHERE id = ?",
			   "i", l->client_id);
	if (rc == IPM_OK && !n)
		return err_set(e, IPM_ENOTFOUND, "assessments: no client with that id");
	if (rc == IPM_OK)
		rc = audit_write(s, l->who, "read", "assessment", 0, l->client_id, e);
	if (rc != IPM_OK)
		return rc;
	/* The current answer of an item is its row with the highest seq. */
	return db_each(s, e, "assessments", list_row, l,
		       "SELECT a.id, a.pack_id, a.pack_version, a.taken_by, a.started_at,"
		       " a.completed_at,"
		       " (SELECT count(*) FROM answers x WHERE x.assessment_id = a.id"
		       "   AND x.value IS NOT NULL AND x.value <> ''"
		       "   AND x.seq = (SELECT MAX(y.seq) FROM answers y"
		       "     WHERE y.assessment_id = a.id AND y.item_id = x.item_id)),"
		       " CASE WHEN a.completed_at IS NULL THEN COALESCE((SELECT MAX(k.expires_unix)"
		       "   FROM assessment_links k WHERE k.assessment_id = a.id"
		       "   AND k.revoked_at IS NULL AND k.expires_unix > ?2), 0) ELSE 0 END"
		       " FROM assessments a WHERE a.client_id = ?1 AND (?3 IS NULL OR a.pack_id <> ?3)"
		       " ORDER BY a.started_at DESC, a.id DESC",
		       "iis", l->client_id, l->now, l->skip);
}

int store_assessments_each(struct store *s, const struct store_actor *who, int64_t client_id,
			   const char *skip_pack, int64_t now, store_assessment_fn fn, void *ctx,
			   struct err *e)
{
	struct list l = { who, client_id, now, skip_pack, fn, ctx };
	return tx_read(s, "assessments", list_tx, &l, e);
}

/* --- one-time links ------------------------------------------------------- */

struct link_new {
	const struct store_actor *who;
	int64_t assessment_id;
	const char *token_hash;
	int64_t expires;
	int64_t *id;
};

static int link_create_tx(struct store *s, void *ctx, struct err *e)
{
	struct link_new *x = ctx;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "link create", &st,
			  "SELECT client_id, completed_at IS NOT NULL FROM assessments WHERE id = ?",
			  "i", x->assessment_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "link create: no assessment with that id");
	if (rc != IPM_OK)
		return rc;
	int64_t client_id = sqlite3_column_int64(st, 0);
	int completed = sqlite3_column_int(st, 1);
	db_done(s, st);
	if (completed)
		return err_set(e, IPM_ECONFLICT, "link create: the assessment is already completed");
	if (!x->token_hash || strlen(x->token_hash) != 64)
		return err_set(e, IPM_EINVAL, "link create: assessment_links.token_hash is required");
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	/* One live link per assessment: a new one replaces the old, so a
	 * link that went astray can be made useless by making another. */
	rc = db_exec(s, e, "link create", NULL, NULL,
		     "UPDATE assessment_links SET revoked_at = ?"
		     " WHERE assessment_id = ? AND revoked_at IS NULL",
		     "si", now, x->assessment_id);
	int64_t id = 0;
	if (rc == IPM_OK)
		rc = db_exec(s, e, "link create", &id, NULL,
			     "INSERT INTO assessment_links (assessment_id, token_hash, created_by,"
			     " created_at, expires_unix) VALUES (?, ?, ?, ?, ?)",
			     "isIsi", x->assessment_id, x->token_hash, x->who ? x->who->user_id : 0,
			     now, x->expires);
	if (rc == IPM_OK)
		rc = audit_write(s, x->who, "create", "assessment_link", id, client_id, e);
	if (rc == IPM_OK && x->id)
		*x->id = id;
	return rc;
}

int store_link_create(struct store *s, const struct store_actor *who, int64_t assessment_id,
		      const char *token_hash, int64_t expires_unix, int64_t *id, struct err *e)
{
	struct link_new x = { who, assessment_id, token_hash, expires_unix, id };
	return tx_run(s, "link create", link_create_tx, &x, e);
}

struct link_open {
	const struct store_actor *who;
	const char *token_hash;
	int64_t now;
	struct store_link *out;
	struct arena *a;
};

static int link_open_tx(struct store *s, void *ctx, struct err *e)
{
	struct link_open *x = ctx;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "link open", &st,
			  "SELECT k.id, k.assessment_id, a.client_id, k.expires_unix, c.given_name,"
			  " c.route_language, a.pack_id, a.pack_version"
			  " FROM assessment_links k JOIN assessments a ON a.id = k.assessment_id"
			  " JOIN clients c ON c.id = a.client_id"
			  " WHERE k.token_hash = ? AND k.revoked_at IS NULL AND k.expires_unix > ?"
			  " AND a.completed_at IS NULL",
			  "si", x->token_hash, x->now);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "link open: no live link with that token");
	if (rc != IPM_OK)
		return rc;
	*x->out = (struct store_link){
		.id = sqlite3_column_int64(st, 0),
		.assessment_id = sqlite3_column_int64(st, 1),
		.client_id = sqlite3_column_int64(st, 2),
		.expires_unix = sqlite3_column_int64(st, 3),
		.given_name = db_col_text(st, 4, x->a),
		.route_language = db_col_text(st, 5, x->a),
		.pack_id = db_col_text(st, 6, x->a),
		.pack_version = db_col_text(st, 7, x->a),
	};
	db_done(s, st);
	return audit_write(s, x->who, "read", "assessment_link", x->out->id, x->out->client_id, e);
}

int store_link_open(struct store *s, const struct store_actor *who, const char *token_hash,
		    int64_t now, struct store_link *out, struct arena *a, struct err *e)
{
	if (!token_hash || strlen(token_hash) != 64)
		return err_set(e, IPM_ENOTFOUND, "link open: no live link with that token");
	struct link_open x = { who, token_hash, now, out, a };
	return tx_read(s, "link open", link_open_tx, &x, e);
}
