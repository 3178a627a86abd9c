#include "services/access.h"
#include "store/store_web.h"

#include <string.h>

static const char *const role_names[ROLE_N] = {
	[ROLE_CONSULENT] = "consulent", [ROLE_PSYCHOLOOG] = "psycholoog",
	[ROLE_JOBCOACH] = "jobcoach",   [ROLE_MANAGER] = "manager",
	[ROLE_BEHEERDER] = "beheerder",
};

#define C (1u << ROLE_CONSULENT)
#define P (1u << ROLE_PSYCHOLOOG)
#define J (1u << ROLE_JOBCOACH)
#define M (1u << ROLE_MANAGER)
#define B (1u << ROLE_BEHEERDER)

/* The permission table. Why each row is as it is:
 * - the jobcoach guides the client at work from the conclusions and the
 *   advice; the answers and scores behind them are not needed for that
 *   (DOMAIN §10), nor special-category data, nor changing the dossier;
 * - the manager steers on aggregates and never opens a dossier;
 * - the beheerder runs the installation and sees no client at all. */
static const unsigned perms[PERM_N] = {
	[PERM_CASELOAD] = C | P | J,
	[PERM_DOSSIER_READ] = C | P | J,
	[PERM_DOSSIER_WRITE] = C | P,
	[PERM_TEST_DETAILS] = C | P,
	[PERM_CONCLUSIONS] = C | P | J,
	[PERM_SENSITIVE] = C | P,
	[PERM_BREAK_GLASS] = C | P,
	[PERM_AGGREGATES] = M,
	[PERM_USERS] = B,
};

int access_role_parse(const char *name, enum access_role *out)
{
	for (int r = 0; r < ROLE_N; r++)
		if (name && strcmp(name, role_names[r]) == 0) {
			*out = (enum access_role)r;
			return IPM_OK;
		}
	return IPM_EINVAL;
}

const char *access_role_name(enum access_role r)
{
	return r < ROLE_N ? role_names[r] : "?";
}

int access_allows(enum access_role r, enum access_perm p)
{
	return r < ROLE_N && p < PERM_N && (perms[p] >> r & 1u);
}

static int deny(struct store *s, const struct access_user *u, int64_t client_id,
		const char *entity, struct err *e)
{
	struct store_actor who = { .user_id = u->user_id };
	int rc = store_access_denied(s, &who, client_id, entity, e);
	if (rc)
		return rc;
	return err_set(e, IPM_EPERM, "access: not allowed for this user");
}

int access_client(struct store *s, const struct access_user *u, int64_t client_id,
		  enum access_perm perm, const char *reason, const char *entity,
		  struct access_grant *g, struct err *e)
{
	int64_t org = 0;
	const char *via = NULL;
	int rc = store_client_access(s, client_id, u->user_id, &org, &via, e);
	if (rc)
		return rc;
	*g = (struct access_grant){ 0 };
	if (!access_allows(u->role, perm) || !access_allows(u->role, PERM_DOSSIER_READ) ||
	    org != u->org_id)
		return deny(s, u, client_id, entity, e);
	if (via) {
		g->via = via;
		return IPM_OK;
	}
	if (reason && *reason && access_allows(u->role, PERM_BREAK_GLASS)) {
		g->via = "reason";
		g->break_glass = 1;
		return IPM_OK;
	}
	return deny(s, u, client_id, entity, e);
}
