/* Prognosis models per organisation: which registered model version is
 * active (the latest activation; docs/store.md, "Models"), the history of
 * activations and the registered model versions. */
#include "store/sqlite_internal.h"

#include "core/timeutil.h"

#include <string.h>

struct activate {
	const struct store_actor *who;
	int64_t org_id;
	const char *pack_id, *version, *reason;
};

static int activate_tx(struct store *s, void *ctx, struct err *e)
{
	struct activate *x = ctx;
	const char *op = "model activate";
	int64_t n = 0, id = 0;
	int rc = db_scalar(s, e, op, &n, "SELECT count(*) FROM organisations WHERE id = ?", "i",
			   x->org_id);
	if (rc != IPM_OK)
		return rc;
	if (!n)
		return err_set(e, IPM_ENOTFOUND, "%s: no organisation with that id", op);
	sqlite3_stmt *st = NULL;
	rc = db_query(s, e, op, &st, "SELECT kind FROM packs WHERE pack_id = ? AND version = ?",
		      "ss", x->pack_id, x->version);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: pack %s@%s is not registered", op, x->pack_id,
			       x->version);
	if (rc != IPM_OK)
		return rc;
	/* Only a model computes prognoses; activating a questionnaire would
	 * make every later prognosis fail to load. */
	const char *kind = (const char *)sqlite3_column_text(st, 0);
	if (!kind || strcmp(kind, "model") != 0)
		rc = err_set(e, IPM_EINVAL, "%s: pack %s@%s is a %s pack, not a model", op,
			     x->pack_id, x->version, kind ? kind : "(no kind)");
	db_done(s, st);
	if (rc != IPM_OK)
		return rc;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	rc = db_exec(s, e, op, &id, NULL,
		     "INSERT INTO model_activations (org_id, pack_id, version, activated_at,"
		     " activated_by, reason) VALUES (?, ?, ?, ?, ?, ?)",
		     "isssIs", x->org_id, x->pack_id, x->version, now,
		     x->who ? x->who->user_id : (int64_t)0, x->reason);
	if (rc != IPM_OK)
		return rc;
	return audit_write(s, x->who, "update", "model", id, 0, e);
}

int store_model_activate(struct store *s, const struct store_actor *who, int64_t org_id,
			 const char *pack_id, const char *version, const char *reason,
			 struct err *e)
{
	const char *op = "model activate";
	if (!pack_id || !version)
		return err_set(e, IPM_EINVAL, "%s: pack id and version are required", op);
	/* Why a model changed is part of the record of every prognosis after. */
	if (!reason || !*reason)
		return err_set(e, IPM_EINVAL, "%s: model_activations.reason is required", op);
	struct activate x = { who, org_id, pack_id, version, reason };
	return tx_run(s, op, activate_tx, &x, e);
}

int store_model_active(struct store *s, int64_t org_id, const char **pack_id,
		       const char **version, struct arena *a, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "model active", &st,
			  "SELECT pack_id, version FROM model_activations WHERE org_id = ?"
			  " ORDER BY id DESC LIMIT 1",
			  "i", org_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "model active: the organisation has not activated a model");
	if (rc != IPM_OK)
		return rc;
	*pack_id = db_col_text(st, 0, a);
	*version = db_col_text(st, 1, a);
	db_done(s, st);
	return IPM_OK;
}

struct activations_each {
	store_activation_fn fn;
	void *ctx;
};

static int activation_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct activations_each *x = ctx;
	struct store_model_activation a = {
		.id = sqlite3_column_int64(st, 0),
		.org_id = sqlite3_column_int64(st, 1),
		.pack_id = (const char *)sqlite3_column_text(st, 2),
		.version = (const char *)sqlite3_column_text(st, 3),
		.activated_at = (const char *)sqlite3_column_text(st, 4),
		.activated_by = sqlite3_column_int64(st, 5),
		.reason = (const char *)sqlite3_column_text(st, 6),
	};
	return x->fn(x->ctx, &a, e);
}

int store_model_activations_each(struct store *s, int64_t org_id, store_activation_fn fn,
				 void *ctx, struct err *e)
{
	struct activations_each x = { fn, ctx };
	return db_each(s, e, "model activations", activation_row, &x,
		       "SELECT id, org_id, pack_id, version, activated_at, activated_by, reason"
		       " FROM model_activations WHERE ? = 0 OR org_id = ? ORDER BY id",
		       "ii", org_id, org_id);
}

struct versions_each {
	store_model_version_fn fn;
	void *ctx;
};

static int model_version_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct versions_each *x = ctx;
	struct store_model_version v = {
		.pack_id = (const char *)sqlite3_column_text(st, 0),
		.version = (const char *)sqlite3_column_text(st, 1),
		.title = (const char *)sqlite3_column_text(st, 2),
		.registered_at = (const char *)sqlite3_column_text(st, 3),
		.active_orgs = sqlite3_column_int64(st, 4),
	};
	return x->fn(x->ctx, &v, e);
}

int store_model_versions_each(struct store *s, int64_t org_id, store_model_version_fn fn,
			      void *ctx, struct err *e)
{
	struct versions_each x = { fn, ctx };
	/* An activation counts when it is its organisation's latest one. */
	return db_each(s, e, "model versions", model_version_row, &x,
		       "SELECT p.pack_id, p.version, p.title, p.registered_at,"
		       " (SELECT count(*) FROM model_activations a"
		       "  WHERE a.pack_id = p.pack_id AND a.version = p.version"
		       "  AND (? = 0 OR a.org_id = ?)"
		       "  AND a.id = (SELECT MAX(b.id) FROM model_activations b"
		       "  WHERE b.org_id = a.org_id))"
		       " FROM packs p WHERE p.kind = 'model'"
		       " ORDER BY p.pack_id, p.registered_at, p.rowid",
		       "ii", org_id, org_id);
}
