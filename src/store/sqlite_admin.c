/* The beheerder's reads (store_admin.h): users, packs, a client by number. */
#include "store/sqlite_internal.h"
#include "store/store_admin.h"

struct user_walk {
	store_user_fn fn;
	void *ctx;
};

static int user_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct user_walk *w = ctx;
	struct store_user u = {
		.id = sqlite3_column_int64(st, 0),
		.org_id = sqlite3_column_int64(st, 1),
		.username = (const char *)sqlite3_column_text(st, 2),
		.display_name = (const char *)sqlite3_column_text(st, 3),
		.role = (const char *)sqlite3_column_text(st, 4),
		.disabled = sqlite3_column_int(st, 5),
		.created_at = (const char *)sqlite3_column_text(st, 6),
	};
	return w->fn(w->ctx, &u, e);
}

int store_users_each(struct store *s, int64_t org_id, store_user_fn fn, void *ctx,
		     struct err *e)
{
	struct user_walk w = { fn, ctx };
	return db_each(s, e, "user list", user_row, &w,
		       "SELECT id, org_id, username, display_name, role, disabled, created_at"
		       " FROM users WHERE org_id = ? ORDER BY username",
		       "i", org_id);
}

struct pack_walk {
	store_pack_fn fn;
	void *ctx;
};

static int pack_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct pack_walk *w = ctx;
	struct store_pack_row p = {
		.pack_id = (const char *)sqlite3_column_text(st, 0),
		.version = (const char *)sqlite3_column_text(st, 1),
		.kind = (const char *)sqlite3_column_text(st, 2),
		.title = (const char *)sqlite3_column_text(st, 3),
		.sha256 = (const char *)sqlite3_column_text(st, 4),
		.registered_at = (const char *)sqlite3_column_text(st, 5),
		.size = sqlite3_column_int64(st, 6),
	};
	return w->fn(w->ctx, &p, e);
}

int store_packs_each(struct store *s, store_pack_fn fn, void *ctx, struct err *e)
{
	struct pack_walk w = { fn, ctx };
	return db_each(s, e, "pack list", pack_row, &w,
		       "SELECT pack_id, version, kind, title, sha256, registered_at,"
		       " length(CAST(content AS BLOB)) FROM packs ORDER BY pack_id, registered_at,"
		       " rowid",
		       "");
}

int store_client_by_reference(struct store *s, int64_t org_id, const char *reference,
			      int64_t *client_id, struct err *e)
{
	int rc = db_scalar(s, e, "client by reference", client_id,
			   "SELECT id FROM clients WHERE org_id = ? AND reference = ?", "is", org_id,
			   reference);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "client by reference: no client with that number");
	return rc;
}
