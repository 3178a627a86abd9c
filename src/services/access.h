/* Who may do what: the roles, their permissions and per-client access, in
 * one place (docs/web.md has the same table for people). Every page and
 * command asks here; none decides on its own.
 *
 * A professional opens a dossier when it is in their caseload (owner or
 * shared). Exceptional access ("break the glass") to a dossier of the same
 * organisation outside the caseload needs a role that may do it and a
 * written reason, and is audited with that reason. Anything else is refused
 * and the refusal is audited as 'denied'. */
#ifndef IPM_SERVICES_ACCESS_H
#define IPM_SERVICES_ACCESS_H

#include "core/err.h"
#include "store/store.h"

#include <stdint.h>

enum access_role {
	ROLE_CONSULENT, /* consulent / werkcoach / klantmanager */
	ROLE_PSYCHOLOOG,
	ROLE_JOBCOACH,
	ROLE_MANAGER,
	ROLE_BEHEERDER,
	ROLE_N
};

enum access_perm {
	PERM_CASELOAD,      /* has a caseload of clients */
	PERM_DOSSIER_READ,  /* personalia and the route of a client */
	PERM_DOSSIER_WRITE, /* intake, sessions, judgement, plan */
	PERM_TEST_DETAILS,  /* questionnaire answers and scale scores */
	PERM_CONCLUSIONS,   /* prognosis, judgement, advice, plan, report */
	PERM_SENSITIVE,     /* special-category fields */
	PERM_BREAK_GLASS,   /* open a dossier outside the caseload, with a reason */
	PERM_AGGREGATES,    /* management information, never one client */
	PERM_USERS,         /* manage users and packs */
	PERM_N
};

/* IPM_EINVAL for a name that is not a role (STORE_ROLES). */
int access_role_parse(const char *name, enum access_role *out);
const char *access_role_name(enum access_role r);
int access_allows(enum access_role r, enum access_perm p);

struct access_user {
	int64_t user_id, org_id;
	enum access_role role;
};

struct access_grant {
	int break_glass; /* opened outside the caseload, with a reason */
	const char *via; /* "owner", "shared" or "reason" */
};

/* May u use `perm` on the client's dossier? IPM_OK fills *g; IPM_EPERM
 * (audited 'denied' of `entity`) when not; IPM_ENOTFOUND for no such client.
 * `reason` (NULL or "" = none) asks for exceptional access; the caller then
 * passes it in the store_actor of what it reads, so that it is audited. */
int access_client(struct store *s, const struct access_user *u, int64_t client_id,
		  enum access_perm perm, const char *reason, const char *entity,
		  struct access_grant *g, struct err *e);

#endif
