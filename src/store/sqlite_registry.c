/* Use cases that are not about one client: organisations, users, packs.
 * They are audited too (as the system, or as the beheerder who did it:
 * store_admin.h), because who may see dossiers and
 * which instruments scored them is part of the trail. */
#include "store/sqlite_internal.h"
#include "store/store_admin.h"
#include "store/store_web.h"

#include "core/timeutil.h"

#include <string.h>

struct org_create {
	const char *name, *kind;
	int64_t *id;
};

static int org_create_tx(struct store *s, void *ctx, struct err *e)
{
	struct org_create *c = ctx;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = db_exec(s, e, "organisation create", c->id, NULL,
			 "INSERT INTO organisations (name, kind, created_at) VALUES (?, ?, ?)", "sss",
			 c->name, c->kind, now);
	if (rc != IPM_OK)
		return rc;
	return audit_write(s, NULL, "create", "organisation", *c->id, 0, e);
}

int store_org_create(struct store *s, const char *name, const char *kind, int64_t *id,
		     struct err *e)
{
	int64_t local;
	struct org_create c = { name, kind, id ? id : &local };
	return tx_run(s, "organisation create", org_create_tx, &c, e);
}

struct user_create {
	const struct store_actor *who;
	const struct store_user *u;
	int64_t *id;
};

static int user_create_tx(struct store *s, void *ctx, struct err *e)
{
	struct user_create *c = ctx;
	const struct store_user *u = c->u;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = db_exec(s, e, "user create", c->id, NULL,
			 "INSERT INTO users (org_id, username, display_name, role, password_hash,"
			 " disabled, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			 "Issssts", u->org_id, u->username, u->display_name, u->role,
			 u->password_hash, u->disabled != 0, now);
	if (rc != IPM_OK)
		return rc;
	return audit_write(s, c->who, "create", "user", *c->id, 0, e);
}

int store_user_create_by(struct store *s, const struct store_actor *who,
			 const struct store_user *u, int64_t *id, struct err *e)
{
	int64_t local;
	struct user_create c = { who, u, id ? id : &local };
	return tx_run(s, "user create", user_create_tx, &c, e);
}

int store_user_create(struct store *s, const struct store_user *u, int64_t *id, struct err *e)
{
	return store_user_create_by(s, NULL, u, id, e);
}

#define USER_SELECT                                                                          \
	"SELECT id, org_id, username, display_name, role, password_hash, disabled, created_at" \
	" FROM users WHERE "

/* The row of a USER_SELECT into *out, its strings in the arena; gives the
 * statement back. */
static void user_read(struct store *s, sqlite3_stmt *st, struct store_user *out,
		      struct arena *a)
{
	*out = (struct store_user){
		.id = sqlite3_column_int64(st, 0),
		.org_id = sqlite3_column_int64(st, 1),
		.username = db_col_text(st, 2, a),
		.display_name = db_col_text(st, 3, a),
		.role = db_col_text(st, 4, a),
		.password_hash = db_col_text(st, 5, a),
		.disabled = sqlite3_column_int(st, 6),
		.created_at = db_col_text(st, 7, a),
	};
	db_done(s, st);
}

int store_user_find(struct store *s, const char *username, struct store_user *out,
		    struct arena *a, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "user find", &st, USER_SELECT "username = ?", "s", username);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "user find: no user with that username");
	if (rc == IPM_OK)
		user_read(s, st, out, a);
	return rc;
}

int store_user_get(struct store *s, int64_t id, struct store_user *out, struct arena *a,
		   struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "user get", &st, USER_SELECT "id = ?", "i", id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "user get: no user with that id");
	if (rc == IPM_OK)
		user_read(s, st, out, a);
	return rc;
}

struct pack_register {
	const struct store_actor *who;
	const char *pack_id, *version, *kind, *title, *sha256, *content;
};

static int pack_register_tx(struct store *s, void *ctx, struct err *e)
{
	struct pack_register *p = ctx;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "pack register", &st,
			  "SELECT sha256 FROM packs WHERE pack_id = ? AND version = ?", "ss",
			  p->pack_id, p->version);
	if (rc == IPM_OK) {
		/* Results name the pack version they were computed with; if that
		 * version's content could change, old results would lie. */
		const char *have = (const char *)sqlite3_column_text(st, 0);
		int same = have && p->sha256 && strcmp(have, p->sha256) == 0;
		db_done(s, st);
		if (same)
			return IPM_OK;
		return err_set(e, IPM_ECONFLICT,
			       "pack %s %s is already registered with different content",
			       p->pack_id, p->version);
	}
	if (rc != IPM_ENOTFOUND)
		return rc;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	rc = db_exec(s, e, "pack register", NULL, NULL,
		     "INSERT INTO packs (pack_id, version, kind, title, sha256, content, registered_at)"
		     " VALUES (?, ?, ?, ?, ?, ?, ?)",
		     "sssssss", p->pack_id, p->version, p->kind, p->title, p->sha256, p->content,
		     now);
	if (rc != IPM_OK)
		return rc;
	return audit_write(s, p->who, "create", "pack", 0, 0, e);
}

int store_pack_register_by(struct store *s, const struct store_actor *who, const char *pack_id,
			   const char *version, const char *kind, const char *title,
			   const char *sha256, const char *content, struct err *e)
{
	if (!pack_id || !version)
		return err_set(e, IPM_EINVAL, "pack register: pack id and version are required");
	struct pack_register p = { who, pack_id, version, kind, title, sha256, content };
	return tx_run(s, "pack register", pack_register_tx, &p, e);
}

int store_pack_register(struct store *s, const char *pack_id, const char *version,
			const char *kind, const char *title, const char *sha256,
			const char *content, struct err *e)
{
	return store_pack_register_by(s, NULL, pack_id, version, kind, title, sha256, content,
				      e);
}
