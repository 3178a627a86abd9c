/* The client's rights over their dossier in the store (AVG art. 15 and 17;
 * docs/inzage.md, docs/retention.md): everything stored about one client,
 * read in one snapshot for an inzage, and the dates that decide how long a
 * dossier is kept. Erasure itself is store_client_erase (store.h).
 *
 * As in store.h: one call is one transaction with its audit row; strings
 * passed to callbacks are valid during the call only. */
#ifndef IPM_STORE_STORE_PRIVACY_H
#define IPM_STORE_STORE_PRIVACY_H

#include "store/store.h"

/* --- inzage ------------------------------------------------------------- */

enum store_value_type { STORE_V_NULL, STORE_V_INT, STORE_V_REAL, STORE_V_TEXT, STORE_V_BLOB };

/* One column of one stored row, as the database holds it. */
struct store_value {
	const char *name; /* the column as the export names it */
	enum store_value_type type;
	int json;         /* TEXT that holds JSON as stored (results.data, a CV, ...) */
	int64_t i;
	double d;
	const char *text;
	const void *blob;
	size_t len;       /* bytes of text or blob */
};

/* Called for every row of every part, parts in the order of
 * store_export_parts; within a part by id (the audit trail by time). */
typedef int (*store_export_fn)(void *ctx, const char *part, size_t n,
			       const struct store_value *row, struct err *e);

/* The parts of an export, in order, NULL-terminated: "client",
 * "organisation", "access", "consents", "assessments", "answers",
 * "assessment_links", "results", "cvs", "judgements", "advice",
 * "advice_decisions", "trajectplans", "plan_activities", "jobcoach_advice",
 * "reports", "outcomes", "audit". docs/inzage.md describes each. */
extern const char *const store_export_parts[];

/* Every row stored about the client, in one read transaction that first
 * writes the audit row 'export' of 'client' (so the export is in its own
 * audit part). Left out, and why (docs/inzage.md): the bytes and document
 * model of issued reports (metadata and size only: the report itself is
 * handed over separately), the token hashes of one-time links (secrets,
 * not data about the client). clients.sensitive is passed as the sealed
 * blob; the caller opens it for a role that may see it. Answers include
 * every corrected earlier answer. IPM_ENOTFOUND for no such client. */
int store_client_export(struct store *s, const struct store_actor *who, int64_t client_id,
			store_export_fn fn, void *ctx, struct err *e);

/* --- retention ------------------------------------------------------------ */

/* The dates of one dossier that its retention period is counted from. */
struct store_retention {
	int64_t client_id, org_id;
	const char *reference;
	const char *route_step;
	const char *created_at;      /* ISO-8601 */
	const char *last_write;      /* the latest create/update in the audit trail, ISO-8601;
				      * created_at when the trail has none */
	const char *last_outcome;    /* the latest outcome's recorded_at; NULL = none */
	const char *retention_until; /* clients.retention_until (a hold); NULL = none */
};
typedef int (*store_retention_fn)(void *ctx, const struct store_retention *r, struct err *e);

/* One client's dates; audit 'read' of 'retention' with its client id.
 * Strings in `a`. IPM_ENOTFOUND for no such client. */
int store_retention_get(struct store *s, const struct store_actor *who, int64_t client_id,
			struct store_retention *out, struct arena *a, struct err *e);

/* Every client of org_id (0 = every organisation), by id; one audit row
 * 'read' of 'retention' without a client (dates and client numbers only). */
int store_retention_each(struct store *s, const struct store_actor *who, int64_t org_id,
			 store_retention_fn fn, void *ctx, struct err *e);

#endif
