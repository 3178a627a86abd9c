/* What the web application keeps in the store (migration 0004_web.sql;
 * docs/web.md): users' passwords and settings, sessions, failed logins for
 * the rate limit, the caseload and who may open which dossier, and the
 * summary a dossier page shows. Conventions as in store.h: one call is one
 * transaction with its audit row; strings filled in live in the arena. */
#ifndef IPM_STORE_STORE_WEB_H
#define IPM_STORE_STORE_WEB_H

#include "store/store.h"

/* --- users ------------------------------------------------------------- */

/* By id, not audited (it is not a dossier). IPM_ENOTFOUND. */
int store_user_get(struct store *s, int64_t id, struct store_user *out, struct arena *a,
		   struct err *e);
/* Sets the Argon2id hash and ends the user's sessions. Audit 'update' of
 * 'user' by `who`. IPM_ENOTFOUND when no user has that name. */
int store_user_set_password(struct store *s, const struct store_actor *who, const char *username,
			    const char *hash, struct err *e);
/* disabled 0/1; disabling ends the user's sessions. Audit 'update' of 'user'. */
int store_user_set_disabled(struct store *s, const struct store_actor *who, const char *username,
			    int disabled, struct err *e);
/* lang nl|en|de or NULL (follow the browser). Not audited: a preference. */
int store_user_set_lang(struct store *s, int64_t user_id, const char *lang, struct err *e);

/* --- sessions ------------------------------------------------------------ */

#define STORE_HASH_HEX 64 /* SHA-256 as lower-case hex */

struct store_session {
	int64_t user_id, org_id;
	const char *username, *display_name, *role;
	const char *lang; /* NULL = no preference */
	const char *csrf; /* the session's synchronizer token (hex) */
	int64_t created_unix, seen_unix;
};

/* A new session for user_id; audit 'login' of 'session' by that user. */
int store_session_create(struct store *s, const char *token_hash, int64_t user_id,
			 const char *csrf, int64_t now, struct err *e);
/* The live session with that token hash: created less than `absolute`
 * seconds and seen less than `idle` seconds before `now`, of a user that is
 * not disabled. seen_unix is moved to now when it is `touch` or more seconds
 * old (a write per request would cost an fsync each). A session past a
 * limit is deleted. IPM_ENOTFOUND when there is no live one. */
int store_session_get(struct store *s, const char *token_hash, int64_t now, int64_t idle,
		      int64_t absolute, int64_t touch, struct store_session *out, struct arena *a,
		      struct err *e);
/* Ends it; audit 'logout' of 'session' by `who`. No such session is fine. */
int store_session_delete(struct store *s, const struct store_actor *who, const char *token_hash,
			 struct err *e);

/* --- failed logins (keys are SHA-256 hex of "user:NAME" / "ip:ADDR") --- */

int store_login_failures(struct store *s, const char *key, int64_t since, int64_t *count,
			 struct err *e);
/* Records one failure under each key and forgets failures older than
 * `forget_before`, in one transaction. */
int store_login_failure_add(struct store *s, const char *const *keys, size_t n, int64_t now,
			    int64_t forget_before, struct err *e);
int store_login_failures_clear(struct store *s, const char *key, struct err *e);

/* --- caseload and access --------------------------------------------------- */

struct store_caseload_row {
	int64_t client_id;
	const char *reference, *given_name, *family_name, *route_step, *updated_at;
	const char *access; /* owner|shared */
};
typedef int (*store_caseload_fn)(void *ctx, const struct store_caseload_row *r, struct err *e);

/* The clients in who->user_id's caseload (owner or shared), by family name;
 * `search` (NULL or "" = all) matches the start of the reference or a part
 * of the given or family name, case-insensitively for ASCII. At most `limit`
 * rows. One audit row: 'read' of 'caseload', no client id. The row and its
 * strings are valid during the call only. */
int store_caseload_each(struct store *s, const struct store_actor *who, const char *search,
			int limit, store_caseload_fn fn, void *ctx, struct err *e);

/* Where a client lives and whether user_id is in its caseload: *access is
 * "owner", "shared" or NULL (static strings). Not audited: it reads nothing
 * of the dossier, and the caller audits what it then does. IPM_ENOTFOUND. */
int store_client_access(struct store *s, int64_t client_id, int64_t user_id, int64_t *org_id,
			const char **access, struct err *e);
/* Audit 'denied' of `entity` for the client: an attempt that was refused. */
int store_access_denied(struct store *s, const struct store_actor *who, int64_t client_id,
			const char *entity, struct err *e);
/* Adds user_id to the client's caseload as 'shared' (idempotent). Audit
 * 'update' of 'client_access'. */
int store_client_share(struct store *s, const struct store_actor *who, int64_t client_id,
		       int64_t user_id, struct err *e);

/* --- the dossier's route summary --------------------------------------------- */

struct store_dossier_counts {
	int64_t consents, cvs, judgements, advice, plans, jobcoach, reports, outcomes, prognoses;
};
/* Completed assessments of one pack. */
typedef int (*store_pack_count_fn)(void *ctx, const char *pack_id, int64_t completed,
				   int64_t open, struct err *e);
/* How many of each kind of record the client has, and per pack its completed
 * and open assessments; one audit row 'read' of 'dossier_summary'. */
int store_dossier_counts(struct store *s, const struct store_actor *who, int64_t client_id,
			 struct store_dossier_counts *out, store_pack_count_fn fn, void *ctx,
			 struct err *e);

/* --- aggregates (manager) ------------------------------------------------------ */

/* Clients of org_id per route step, in two tallies: those whose client
 * number starts with `apart_prefix` (the demo's synthetic history) with
 * apart = 1, the others with apart = 0; NULL keeps every client in the
 * first. Per tally the steps in code order. One audit row 'read' of
 * 'aggregates' (sqlite_overview.c). */
typedef int (*store_step_tally_fn)(void *ctx, const char *route_step, int apart,
				   int64_t clients, struct err *e);
int store_clients_per_step(struct store *s, const struct store_actor *who, int64_t org_id,
			   const char *apart_prefix, store_step_tally_fn fn, void *ctx,
			   struct err *e);

/* Audit rows, newest first, for tests and the beheerder: at most limit. */
struct store_audit_row {
	int64_t id, user_id, client_id, entity_id;
	const char *at, *action, *entity, *reason;
};
typedef int (*store_audit_fn)(void *ctx, const struct store_audit_row *r, struct err *e);
int store_audit_each(struct store *s, int64_t client_id, int limit, store_audit_fn fn, void *ctx,
		     struct err *e);

#endif
