/* What the beheerder's pages need of the store (docs/web.md, "Administration"):
 * the organisation's users, the registered packs, a client found by its
 * number for caseload sharing, and the user and pack registrations of
 * store.h with the actor who made them in the audit row. Conventions as in
 * store.h; strings passed to callbacks are valid during the call only. */
#ifndef IPM_STORE_STORE_ADMIN_H
#define IPM_STORE_STORE_ADMIN_H

#include "store/store.h"

/* store_user_create and store_pack_register with their audit row ('create'
 * of 'user' / 'pack') written as `who` instead of the system
 * (src/store/sqlite_registry.c). */
int store_user_create_by(struct store *s, const struct store_actor *who,
			 const struct store_user *u, int64_t *id, struct err *e);
int store_pack_register_by(struct store *s, const struct store_actor *who, const char *pack_id,
			   const char *version, const char *kind, const char *title,
			   const char *sha256, const char *content, struct err *e);

/* The users of org_id, by user name; password_hash is never filled. Not
 * audited: an account is not a dossier. */
typedef int (*store_user_fn)(void *ctx, const struct store_user *u, struct err *e);
int store_users_each(struct store *s, int64_t org_id, store_user_fn fn, void *ctx,
		     struct err *e);

/* A registered pack version, without its content. */
struct store_pack_row {
	const char *pack_id, *version, *kind, *title, *sha256, *registered_at;
	int64_t size; /* bytes of the content */
};
typedef int (*store_pack_fn)(void *ctx, const struct store_pack_row *p, struct err *e);
/* Every registered pack version, by pack id, then registration. */
int store_packs_each(struct store *s, store_pack_fn fn, void *ctx, struct err *e);

/* The id of org_id's client with that client number. Not audited: it reads
 * nothing of the dossier (the caller audits what it then does, e.g.
 * store_client_share). IPM_ENOTFOUND when there is none. */
int store_client_by_reference(struct store *s, int64_t org_id, const char *reference,
			      int64_t *client_id, struct err *e);

#endif
