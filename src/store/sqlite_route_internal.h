/* Shared by src/store/sqlite_route*.c only: the one shape of every use case
 * of store_route.h, so that "the client exists, do the SQL, audit it, all
 * in one transaction" is written once. */
#ifndef IPM_STORE_SQLITE_ROUTE_INTERNAL_H
#define IPM_STORE_SQLITE_ROUTE_INTERNAL_H

#include "store/sqlite_internal.h"
#include "store/store_route.h"

#include <stdbool.h>

/* One use case on one client's dossier: when need_client, the client must
 * exist (else IPM_ENOTFOUND naming nothing personal); `body` does the SQL
 * and sets entity_id (and client_id, for a row found by its own id, with
 * need_client false); then the access is audited as action/entity. */
struct route_tx {
	const char *op, *action, *entity;
	const struct store_actor *who;
	int64_t client_id, entity_id;
	bool need_client;
	int (*body)(struct store *s, struct route_tx *t, const char *now, struct err *e);
	void *args;
};

/* Runs t in one transaction; *id (when not NULL) gets t->entity_id. */
int route_run(struct store *s, struct route_tx *t, int64_t *id, struct err *e);

/* The actor's user id, 0 for the system. */
int64_t route_actor(const struct store_actor *who);

#endif
