/* How long a dossier is kept, and erasing it once that time is over (AVG
 * art. 5(1)(e) and 17; docs/retention.md).
 *
 * The organisation states its periods in a policy file (data/retention.json,
 * or one given with --policy): a default and, per organisation, its own. A
 * dossier is kept until `years_after_end` years after its last change when
 * the route ended with a recorded outcome, else `years_after_last_activity`
 * years after its last change; a later clients.retention_until (a hold)
 * wins. It may be erased from the day after that date on, not before:
 * retention_erase refuses earlier erasure and checks in the same
 * transaction as it erases. */
#ifndef IPM_SERVICES_RETENTION_H
#define IPM_SERVICES_RETENTION_H

#include "core/err.h"
#include "store/store_privacy.h"

#include <stddef.h>
#include <stdint.h>

#define RETENTION_POLICY_FILE "retention.json" /* in the data directory */
#define RETENTION_MAX_YEARS 100

struct retention_rule {
	int years_after_end;           /* the route ended with an outcome */
	int years_after_last_activity; /* no outcome: an abandoned or open route */
};

struct retention_org {
	int64_t org_id;
	struct retention_rule rule;
};

struct retention_policy {
	struct retention_rule def;
	struct retention_org *orgs; /* owned */
	size_t n_orgs;
	char *basis;                /* owned: why these periods (the organisation's words) */
};

/* Checks and reads a policy document of `len` bytes; errors read
 * "NAME: $.json.path: message" (IPM_EINVAL). *out is untouched on error. */
int retention_policy_parse(const char *name, const char *text, size_t len,
			   struct retention_policy *out, struct err *e);
/* The same on a file; an unreadable file is IPM_EIO naming it. */
int retention_policy_load(const char *path, struct retention_policy *out, struct err *e);
void retention_policy_free(struct retention_policy *p);

/* The rule of an organisation: its own, else the default. */
const struct retention_rule *retention_rule_for(const struct retention_policy *p,
						int64_t org_id);

struct retention_status {
	char from[11];   /* YYYY-MM-DD: the last change the period counts from */
	char until[11];  /* YYYY-MM-DD: kept up to and including this day */
	int ended;       /* the route ended with an outcome */
	int years;       /* the period that applied */
	int held;        /* until is the dossier's own hold date */
	int erasable;    /* today is after until */
};

/* The status of one dossier on `today` (YYYY-MM-DD). IPM_EINVAL naming the
 * field for a stored date that is not one. */
int retention_status(const struct retention_policy *p, const struct store_retention *r,
		     const char *today, struct retention_status *out, struct err *e);

/* Reads the dates of the dossier (audited as 'read' of 'retention'),
 * computes its status into *st and, when it may be erased on `today`,
 * erases it (store_client_erase; the 'erase' audit row carries
 * who->reason) — all in one transaction. IPM_ECONFLICT "kept until DATE"
 * (nothing erased) before that, IPM_ENOTFOUND for no such client. */
int retention_erase(struct store *s, const struct store_actor *who,
		    const struct retention_policy *p, int64_t client_id, const char *today,
		    struct retention_status *st, struct err *e);

/* Called for each dossier past its date, before it is erased (or instead,
 * in a dry run). */
typedef void (*retention_due_fn)(void *ctx, const struct store_retention *r,
				 const struct retention_status *st);

/* Every dossier of organisation org_id (0: of all) past its retention date
 * on `today`, each given to fn; nothing is erased. The read is audited as
 * `who` (store_retention_each); *checked counts the dossiers looked at. */
int retention_due_each(struct store *s, const struct store_actor *who, int64_t org_id,
		       const struct retention_policy *p, const char *today, retention_due_fn fn,
		       void *ctx, size_t *checked, struct err *e);

/* Every dossier of every organisation past its retention date on `today`,
 * erased unless dry_run, each by retention_erase as `who` (the system,
 * normally) with the reason "retention policy: kept until DATE".
 * *checked counts the dossiers looked at, *erased those erased (or, in a
 * dry run, that would be). */
int retention_run(struct store *s, const struct store_actor *who,
		  const struct retention_policy *p, const char *today, int dry_run,
		  retention_due_fn fn, void *ctx, size_t *checked, size_t *erased, struct err *e);

#endif
