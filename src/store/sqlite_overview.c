/* store_clients_per_step (store_web.h): the manager's counts of clients per
 * route step, with the clients of one client-number prefix counted apart. */
#include "store/sqlite_internal.h"
#include "store/store_web.h"

struct tally {
	const struct store_actor *who;
	int64_t org_id;
	const char *prefix;
	store_step_tally_fn fn;
	void *ctx;
};

static int tally_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct tally *t = ctx;
	return t->fn(t->ctx, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
		     sqlite3_column_int64(st, 2), e);
}

static int tally_tx(struct store *s, void *ctx, struct err *e)
{
	struct tally *t = ctx;
	int rc = audit_write(s, t->who, "read", "aggregates", 0, 0, e);
	/* substr(..., 1, length(?)) = ?: a prefix test without LIKE, whose
	 * _ and % a prefix could hold. */
	if (rc == IPM_OK)
		rc = db_each(s, e, "clients per step", tally_row, t,
			     "SELECT route_step, coalesce(substr(reference, 1, length(?1)) = ?1, 0)"
			     " AS apart, count(*) FROM clients WHERE org_id = ?2"
			     " GROUP BY apart, route_step ORDER BY apart, route_step",
			     "si", t->prefix, t->org_id);
	return rc;
}

int store_clients_per_step(struct store *s, const struct store_actor *who, int64_t org_id,
			   const char *apart_prefix, store_step_tally_fn fn, void *ctx,
			   struct err *e)
{
	struct tally t = { who, org_id, apart_prefix && *apart_prefix ? apart_prefix : NULL, fn,
			   ctx };
	return tx_read(s, "clients per step", tally_tx, &t, e);
}
