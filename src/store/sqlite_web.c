/* The web application's use cases (store_web.h, migration 0004_web.sql). */
#include "store/sqlite_internal.h"
#include "store/store_web.h"

#include "core/buf.h"
#include "core/timeutil.h"

#include <string.h>

/* --- users ------------------------------------------------------------- */

struct user_update {
	const struct store_actor *who;
	const char *username;
	const char *hash;
	int disabled; /* -1 = leave */
};

static int user_update_tx(struct store *s, void *ctx, struct err *e)
{
	struct user_update *u = ctx;
	int64_t id = 0;
	int rc = db_scalar(s, e, "user update", &id, "SELECT id FROM users WHERE username = ?", "s",
			   u->username);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "user update: no user with that name");
	if (rc != IPM_OK)
		return rc;
	if (u->hash)
		rc = db_exec(s, e, "user update", NULL, NULL,
			     "UPDATE users SET password_hash = ? WHERE id = ?", "si", u->hash, id);
	if (rc == IPM_OK && u->disabled >= 0)
		rc = db_exec(s, e, "user update", NULL, NULL,
			     "UPDATE users SET disabled = ? WHERE id = ?", "ii",
			     (int64_t)u->disabled, id);
	/* A new password or a disabled account ends every open session. */
	if (rc == IPM_OK)
		rc = db_exec(s, e, "user update", NULL, NULL,
			     "DELETE FROM web_sessions WHERE user_id = ?", "i", id);
	if (rc == IPM_OK)
		rc = audit_write(s, u->who, "update", "user", id, 0, e);
	return rc;
}

int store_user_set_password(struct store *s, const struct store_actor *who, const char *username,
			    const char *hash, struct err *e)
{
	struct user_update u = { who, username, hash, -1 };
	return tx_run(s, "user set password", user_update_tx, &u, e);
}

int store_user_set_disabled(struct store *s, const struct store_actor *who, const char *username,
			    int disabled, struct err *e)
{
	struct user_update u = { who, username, NULL, disabled ? 1 : 0 };
	return tx_run(s, "user set disabled", user_update_tx, &u, e);
}

int store_user_set_lang(struct store *s, int64_t user_id, const char *lang, struct err *e)
{
	return db_exec(s, e, "user set lang", NULL, NULL, "UPDATE users SET lang = ? WHERE id = ?",
		       "si", lang, user_id);
}

/* --- sessions ------------------------------------------------------------ */

struct session_create {
	const char *token_hash, *csrf;
	int64_t user_id, now;
};

static int session_create_tx(struct store *s, void *ctx, struct err *e)
{
	struct session_create *c = ctx;
	int rc = db_exec(s, e, "session create", NULL, NULL,
			 "INSERT INTO web_sessions (token_hash, user_id, csrf, created_unix, seen_unix)"
			 " VALUES (?, ?, ?, ?, ?)",
			 "sisii", c->token_hash, c->user_id, c->csrf, c->now, c->now);
	struct store_actor who = { .user_id = c->user_id };
	if (rc == IPM_OK)
		rc = audit_write(s, &who, "login", "session", 0, 0, e);
	return rc;
}

int store_session_create(struct store *s, const char *token_hash, int64_t user_id,
			 const char *csrf, int64_t now, struct err *e)
{
	struct session_create c = { token_hash, csrf, user_id, now };
	return tx_run(s, "session create", session_create_tx, &c, e);
}

int store_session_get(struct store *s, const char *token_hash, int64_t now, int64_t idle,
		      int64_t absolute, int64_t touch, struct store_session *out, struct arena *a,
		      struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "session get", &st,
			  "SELECT w.user_id, u.org_id, u.username, u.display_name, u.role, u.lang,"
			  " w.csrf, w.created_unix, w.seen_unix, u.disabled"
			  " FROM web_sessions w JOIN users u ON u.id = w.user_id"
			  " WHERE w.token_hash = ?",
			  "s", token_hash);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "session get: no such session");
	if (rc != IPM_OK)
		return rc;
	*out = (struct store_session){
		.user_id = sqlite3_column_int64(st, 0),
		.org_id = sqlite3_column_int64(st, 1),
		.username = db_col_text(st, 2, a),
		.display_name = db_col_text(st, 3, a),
		.role = db_col_text(st, 4, a),
		.lang = db_col_text(st, 5, a),
		.csrf = db_col_text(st, 6, a),
		.created_unix = sqlite3_column_int64(st, 7),
		.seen_unix = sqlite3_column_int64(st, 8),
	};
	int disabled = sqlite3_column_int(st, 9);
	db_done(s, st);
	if (disabled || now - out->created_unix >= absolute || now - out->seen_unix >= idle) {
		rc = db_exec(s, e, "session get", NULL, NULL,
			     "DELETE FROM web_sessions WHERE token_hash = ?", "s", token_hash);
		return rc ? rc : err_set(e, IPM_ENOTFOUND, "session get: the session has expired");
	}
	if (now - out->seen_unix >= touch) {
		rc = db_exec(s, e, "session get", NULL, NULL,
			     "UPDATE web_sessions SET seen_unix = ? WHERE token_hash = ?", "is", now,
			     token_hash);
		out->seen_unix = now;
	}
	return rc;
}

struct session_delete {
	const struct store_actor *who;
	const char *token_hash;
};

static int session_delete_tx(struct store *s, void *ctx, struct err *e)
{
	struct session_delete *d = ctx;
	int changes = 0;
	int rc = db_exec(s, e, "session delete", NULL, &changes,
			 "DELETE FROM web_sessions WHERE token_hash = ?", "s", d->token_hash);
	if (rc == IPM_OK && changes)
		rc = audit_write(s, d->who, "logout", "session", 0, 0, e);
	return rc;
}

int store_session_delete(struct store *s, const struct store_actor *who, const char *token_hash,
			 struct err *e)
{
	struct session_delete d = { who, token_hash };
	return tx_run(s, "session delete", session_delete_tx, &d, e);
}

/* --- failed logins ----------------------------------------------------------- */

int store_login_failures(struct store *s, const char *key, int64_t since, int64_t *count,
			 struct err *e)
{
	return db_scalar(s, e, "login failures", count,
			 "SELECT count(*) FROM login_failures WHERE key = ? AND at_unix >= ?", "si",
			 key, since);
}

struct failure_add {
	const char *const *keys;
	size_t n;
	int64_t now, forget_before;
};

static int failure_add_tx(struct store *s, void *ctx, struct err *e)
{
	struct failure_add *f = ctx;
	int rc = db_exec(s, e, "login failure", NULL, NULL,
			 "DELETE FROM login_failures WHERE at_unix < ?", "i", f->forget_before);
	for (size_t i = 0; rc == IPM_OK && i < f->n; i++)
		rc = db_exec(s, e, "login failure", NULL, NULL,
			     "INSERT INTO login_failures (key, at_unix) VALUES (?, ?)", "si",
			     f->keys[i], f->now);
	return rc;
}

int store_login_failure_add(struct store *s, const char *const *keys, size_t n, int64_t now,
			    int64_t forget_before, struct err *e)
{
	struct failure_add f = { keys, n, now, forget_before };
	return tx_run(s, "login failure", failure_add_tx, &f, e);
}

int store_login_failures_clear(struct store *s, const char *key, struct err *e)
{
	return db_exec(s, e, "login failures clear", NULL, NULL,
		       "DELETE FROM login_failures WHERE key = ?", "s", key);
}

/* --- caseload and access --------------------------------------------------- */

struct caseload {
	const struct store_actor *who;
	const char *search;
	int limit;
	store_caseload_fn fn;
	void *ctx;
	struct buf like; /* LIKE pattern with the search escaped */
};

static int caseload_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct caseload *c = ctx;
	struct store_caseload_row r = {
		.client_id = sqlite3_column_int64(st, 0),
		.reference = (const char *)sqlite3_column_text(st, 1),
		.given_name = (const char *)sqlite3_column_text(st, 2),
		.family_name = (const char *)sqlite3_column_text(st, 3),
		.route_step = (const char *)sqlite3_column_text(st, 4),
		.updated_at = (const char *)sqlite3_column_text(st, 5),
		.access = (const char *)sqlite3_column_text(st, 6),
	};
	return c->fn(c->ctx, &r, e);
}

static int caseload_tx(struct store *s, void *ctx, struct err *e)
{
	struct caseload *c = ctx;
	int rc = audit_write(s, c->who, "read", "caseload", 0, 0, e);
	if (rc != IPM_OK)
		return rc;
	if (!c->like.len)
		return db_each(s, e, "caseload", caseload_row, c,
			       "SELECT c.id, c.reference, c.given_name, c.family_name, c.route_step,"
			       " c.updated_at, a.kind FROM client_access a JOIN clients c"
			       " ON c.id = a.client_id WHERE a.user_id = ?"
			       " ORDER BY c.family_name, c.given_name, c.id LIMIT ?",
			       "ii", c->who->user_id, (int64_t)c->limit);
	return db_each(s, e, "caseload", caseload_row, c,
		       "SELECT c.id, c.reference, c.given_name, c.family_name, c.route_step,"
		       " c.updated_at, a.kind FROM client_access a JOIN clients c"
		       " ON c.id = a.client_id WHERE a.user_id = ?"
		       " AND (c.reference LIKE ? || '%' ESCAPE '\\'"
		       "  OR c.given_name LIKE '%' || ? || '%' ESCAPE '\\'"
		       "  OR c.family_name LIKE '%' || ? || '%' ESCAPE '\\'"
		       "  OR (c.given_name || ' ' || c.family_name) LIKE '%' || ? || '%' ESCAPE '\\')"
		       " ORDER BY c.family_name, c.given_name, c.id LIMIT ?",
		       "issssi", c->who->user_id, c->like.data, c->like.data, c->like.data,
		       c->like.data, (int64_t)c->limit);
}

int store_caseload_each(struct store *s, const struct store_actor *who, const char *search,
			int limit, store_caseload_fn fn, void *ctx, struct err *e)
{
	struct caseload c = { who, search, limit, fn, ctx, BUF_INIT };
	/* The search text is data, never pattern: escape LIKE's wildcards. */
	for (const char *p = search ? search : ""; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			buf_putc(&c.like, '\\');
		buf_putc(&c.like, *p);
	}
	int rc = tx_read(s, "caseload", caseload_tx, &c, e);
	buf_free(&c.like);
	return rc;
}

int store_client_access(struct store *s, int64_t client_id, int64_t user_id, int64_t *org_id,
			const char **access, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "client access", &st,
			  "SELECT c.org_id, (SELECT kind FROM client_access a WHERE a.client_id = c.id"
			  " AND a.user_id = ?) FROM clients c WHERE c.id = ?",
			  "ii", user_id, client_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "client access: no client with that id");
	if (rc != IPM_OK)
		return rc;
	*org_id = sqlite3_column_int64(st, 0);
	const char *kind = (const char *)sqlite3_column_text(st, 1);
	*access = !kind ? NULL : strcmp(kind, "owner") == 0 ? "owner" : "shared";
	db_done(s, st);
	return IPM_OK;
}

struct denied {
	const struct store_actor *who;
	int64_t client_id;
	const char *entity;
};

static int denied_tx(struct store *s, void *ctx, struct err *e)
{
	struct denied *d = ctx;
	return audit_write(s, d->who, "denied", d->entity, 0, d->client_id, e);
}

int store_access_denied(struct store *s, const struct store_actor *who, int64_t client_id,
			const char *entity, struct err *e)
{
	struct denied d = { who, client_id, entity };
	return tx_run(s, "access denied", denied_tx, &d, e);
}

struct share {
	const struct store_actor *who;
	int64_t client_id, user_id;
};

static int share_tx(struct store *s, void *ctx, struct err *e)
{
	struct share *sh = ctx;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = db_exec(s, e, "client share", NULL, NULL,
			 "INSERT INTO client_access (client_id, user_id, kind, granted_at)"
			 " VALUES (?, ?, 'shared', ?) ON CONFLICT (client_id, user_id) DO NOTHING",
			 "iis", sh->client_id, sh->user_id, now);
	if (rc == IPM_OK)
		rc = audit_write(s, sh->who, "update", "client_access", sh->user_id, sh->client_id, e);
	return rc;
}

int store_client_share(struct store *s, const struct store_actor *who, int64_t client_id,
		       int64_t user_id, struct err *e)
{
	struct share sh = { who, client_id, user_id };
	return tx_run(s, "client share", share_tx, &sh, e);
}

/* --- the dossier's route summary --------------------------------------------- */

struct counts {
	const struct store_actor *who;
	int64_t client_id;
	struct store_dossier_counts *out;
	store_pack_count_fn fn;
	void *ctx;
};

static int pack_count_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct counts *c = ctx;
	return c->fn(c->ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		     sqlite3_column_int64(st, 2), e);
}

static int counts_tx(struct store *s, void *ctx, struct err *e)
{
	struct counts *c = ctx;
	int64_t n = 0;
	int rc = db_scalar(s, e, "dossier counts", &n, "SELECT count(*) FROM clients WHERE id = ?",
			   "i", c->client_id);
	if (rc == IPM_OK && !n)
		return err_set(e, IPM_ENOTFOUND, "dossier counts: no client with that id");
	sqlite3_stmt *st = NULL;
	if (rc == IPM_OK)
		rc = db_query(s, e, "dossier counts", &st,
			      "SELECT (SELECT count(*) FROM consents WHERE client_id = ?1),"
			      " (SELECT count(*) FROM cvs WHERE client_id = ?1),"
			      " (SELECT count(*) FROM judgements WHERE client_id = ?1),"
			      " (SELECT count(*) FROM advice_items WHERE client_id = ?1),"
			      " (SELECT count(*) FROM trajectplans WHERE client_id = ?1),"
			      " (SELECT count(*) FROM jobcoach_advice WHERE client_id = ?1),"
			      " (SELECT count(*) FROM reports WHERE client_id = ?1),"
			      " (SELECT count(*) FROM outcomes WHERE client_id = ?1),"
			      " (SELECT count(*) FROM results WHERE client_id = ?1"
			      "  AND kind = 'prognosis')",
			      "i", c->client_id);
	if (rc != IPM_OK)
		return rc;
	int64_t *f[] = { &c->out->consents, &c->out->cvs,     &c->out->judgements,
			 &c->out->advice,   &c->out->plans,   &c->out->jobcoach,
			 &c->out->reports,  &c->out->outcomes, &c->out->prognoses };
	for (int i = 0; i < (int)(sizeof f / sizeof f[0]); i++)
		*f[i] = sqlite3_column_int64(st, i);
	db_done(s, st);
	if (c->fn)
		rc = db_each(s, e, "dossier counts", pack_count_row, c,
			     "SELECT pack_id, count(completed_at), count(*) - count(completed_at)"
			     " FROM assessments WHERE client_id = ? GROUP BY pack_id ORDER BY pack_id",
			     "i", c->client_id);
	if (rc == IPM_OK)
		rc = audit_write(s, c->who, "read", "dossier_summary", 0, c->client_id, e);
	return rc;
}

int store_dossier_counts(struct store *s, const struct store_actor *who, int64_t client_id,
			 struct store_dossier_counts *out, store_pack_count_fn fn, void *ctx,
			 struct err *e)
{
	*out = (struct store_dossier_counts){ 0 };
	struct counts c = { who, client_id, out, fn, ctx };
	return tx_read(s, "dossier counts", counts_tx, &c, e);
}

/* --- audit trail (the manager's aggregates: sqlite_overview.c) --------------- */

struct audit_walk {
	store_audit_fn fn;
	void *ctx;
};

static int audit_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct audit_walk *w = ctx;
	struct store_audit_row r = {
		.id = sqlite3_column_int64(st, 0),
		.at = (const char *)sqlite3_column_text(st, 1),
		.user_id = sqlite3_column_int64(st, 2),
		.action = (const char *)sqlite3_column_text(st, 3),
		.entity = (const char *)sqlite3_column_text(st, 4),
		.entity_id = sqlite3_column_int64(st, 5),
		.client_id = sqlite3_column_int64(st, 6),
		.reason = (const char *)sqlite3_column_text(st, 7),
	};
	return w->fn(w->ctx, &r, e);
}

int store_audit_each(struct store *s, int64_t client_id, int limit, store_audit_fn fn, void *ctx,
		     struct err *e)
{
	struct audit_walk w = { fn, ctx };
	return db_each(s, e, "audit list", audit_row, &w,
		       "SELECT id, at, user_id, action, entity, entity_id, client_id, reason"
		       " FROM audit_log WHERE ?1 = 0 OR client_id = ?1 ORDER BY id DESC LIMIT ?2",
		       "ii", client_id, (int64_t)limit);
}
