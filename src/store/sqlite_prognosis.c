/* What a prognosis and a model fit read of the dossiers: per client the
 * dates of the client record, the latest completed assessment of the factor
 * catalogue with its current answers (the ratings; no table of its own, so
 * ratings are as immutable and audited as any answer), the first day of
 * work and the first day the route ended otherwise. One statement gives one
 * row per answer; the rows of a client are gathered here so callers see
 * whole clients. */
#include "store/sqlite_internal.h"

#include <stdbool.h>
#include <string.h>

/* The latest completed assessment of the catalogue per client (latest by
 * completion, then by id), joined with its current answers (highest seq per
 * item, as in sqlite_answers.c); LEFT JOIN so a client with no answer at
 * all is still a client. An outcome's day is its start_date, else the UTC
 * day it was recorded: an outcome without a start date still ended the
 * wait by then (store.h). The client's part is materialised first, so that
 * the outcome subqueries run once per client, not once per answer (10,000
 * clients of 31 answers: 0.37 s instead of 0.53 s in the sqlite3 shell).
 * Bound: org (twice), client (twice), catalogue. */
static const char inputs_sql[] =
	"WITH cl AS MATERIALIZED (SELECT c.id, c.org_id, c.birth_date, c.benefit_start, c.sex,"
	" s.id AS assessment_id, s.completed_at,"
	" (SELECT MIN(COALESCE(o.start_date, substr(o.recorded_at, 1, 10))) FROM outcomes o"
	"  WHERE o.client_id = c.id AND o.outcome = 'werk'),"
	" (SELECT MIN(COALESCE(o.start_date, substr(o.recorded_at, 1, 10))) FROM outcomes o"
	"  WHERE o.client_id = c.id AND o.outcome <> 'werk')"
	" FROM clients c JOIN assessments s ON s.client_id = c.id"
	" WHERE (? = 0 OR c.org_id = ?) AND (? = 0 OR c.id = ?)"
	" AND s.id = (SELECT t.id FROM assessments t WHERE t.client_id = c.id"
	"  AND t.pack_id = ? AND t.completed_at IS NOT NULL"
	"  ORDER BY t.completed_at DESC, t.id DESC LIMIT 1))"
	" SELECT cl.*, a.item_id, a.value FROM cl"
	" LEFT JOIN answers a ON a.assessment_id = cl.assessment_id"
	"  AND a.seq = (SELECT MAX(b.seq) FROM answers b"
	"  WHERE b.assessment_id = a.assessment_id AND b.item_id = a.item_id)"
	" ORDER BY cl.id, a.item_id";

struct gather {
	store_prognosis_input_fn fn;
	void *ctx;
	struct arena *a;     /* the current client's strings */
	bool own_arena;      /* freed after each client (a walk), else the caller's */
	struct store_prognosis_input in;
	struct store_rating *ratings;
	size_t cap;
	size_t clients;
};

static int flush(struct gather *g, struct err *e)
{
	if (!g->in.client_id)
		return IPM_OK;
	g->in.ratings = g->ratings;
	int rc = g->fn(g->ctx, &g->in, e);
	g->clients++;
	g->in = (struct store_prognosis_input){ 0 };
	g->ratings = NULL;
	g->cap = 0;
	if (g->own_arena)
		arena_free(g->a);
	return rc;
}

static int input_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct gather *g = ctx;
	int64_t id = sqlite3_column_int64(st, 0);
	int rc = IPM_OK;
	if (id != g->in.client_id) {
		if ((rc = flush(g, e)) != IPM_OK)
			return rc;
		struct arena *a = g->a;
		g->in = (struct store_prognosis_input){
			.client_id = id,
			.org_id = sqlite3_column_int64(st, 1),
			.birth_date = db_col_text(st, 2, a),
			.benefit_start = db_col_text(st, 3, a),
			.sex = db_col_text(st, 4, a),
			.assessment_id = sqlite3_column_int64(st, 5),
			.assessed_at = db_col_text(st, 6, a),
			.work_start = db_col_text(st, 7, a),
			.exit_date = db_col_text(st, 8, a),
		};
	}
	if (sqlite3_column_type(st, 9) == SQLITE_NULL)
		return IPM_OK; /* an assessment without answers */
	if (g->in.n_ratings == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 64;
		struct store_rating *grown = arena_array(g->a, cap, sizeof *grown);
		if (g->in.n_ratings)
			memcpy(grown, g->ratings, g->in.n_ratings * sizeof *grown);
		g->ratings = grown;
		g->cap = cap;
	}
	g->ratings[g->in.n_ratings++] = (struct store_rating){ db_col_text(st, 9, g->a),
							       db_col_text(st, 10, g->a) };
	return IPM_OK;
}

/* Runs the statement for org_id / client_id (0 = any) and hands over every
 * client; the walk's own audit row is the caller's. */
static int gather_run(struct store *s, struct gather *g, int64_t org_id, int64_t client_id,
		      const char *factors_pack, struct err *e)
{
	int rc = db_each(s, e, "prognosis inputs", input_row, g, inputs_sql, "iiiis", org_id,
			 org_id, client_id, client_id, factors_pack);
	if (rc == IPM_OK)
		rc = flush(g, e);
	return rc;
}

struct inputs_each {
	const struct store_actor *who;
	int64_t org_id;
	const char *factors_pack;
	store_prognosis_input_fn fn;
	void *ctx;
};

static int inputs_each_tx(struct store *s, void *ctx, struct err *e)
{
	struct inputs_each *x = ctx;
	struct arena a = ARENA_INIT;
	struct gather g = { .fn = x->fn, .ctx = x->ctx, .a = &a, .own_arena = true };
	int rc = gather_run(s, &g, x->org_id, 0, x->factors_pack, e);
	arena_free(&a);
	if (rc != IPM_OK)
		return rc;
	/* One row for the aggregate, naming no client (see store_answers_each). */
	return audit_write(s, x->who, "read", "prognosis_inputs", 0, 0, e);
}

int store_prognosis_inputs_each(struct store *s, const struct store_actor *who, int64_t org_id,
				const char *factors_pack, store_prognosis_input_fn fn, void *ctx,
				struct err *e)
{
	if (!factors_pack)
		return err_set(e, IPM_EINVAL, "prognosis inputs: the catalogue id is required");
	struct inputs_each x = { who, org_id, factors_pack, fn, ctx };
	return tx_read(s, "prognosis inputs", inputs_each_tx, &x, e);
}

int store_client_org(struct store *s, int64_t client_id, int64_t *org_id, struct err *e)
{
	int rc = db_scalar(s, e, "client organisation", org_id,
			   "SELECT org_id FROM clients WHERE id = ?", "i", client_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "client organisation: no client with that id");
	return rc;
}

struct input_get {
	const struct store_actor *who;
	int64_t client_id;
	const char *factors_pack;
	struct store_prognosis_input *out;
	struct arena *a;
};

static int keep_input(void *ctx, const struct store_prognosis_input *in, struct err *e)
{
	(void)e;
	*(struct store_prognosis_input *)ctx = *in;
	return IPM_OK;
}

static int input_get_tx(struct store *s, void *ctx, struct err *e)
{
	struct input_get *x = ctx;
	const char *op = "prognosis input";
	int64_t org = 0;
	int rc = store_client_org(s, x->client_id, &org, e);
	if (rc != IPM_OK)
		return rc;
	struct store_prognosis_input in = { 0 };
	struct gather g = { .fn = keep_input, .ctx = &in, .a = x->a };
	if ((rc = gather_run(s, &g, 0, x->client_id, x->factors_pack, e)) != IPM_OK)
		return rc;
	if (!g.clients)
		return err_set(e, IPM_ENOTFOUND,
			       "%s: the client has no completed assessment of %s (the factor "
			       "ratings)",
			       op, x->factors_pack);
	*x->out = in;
	return audit_write(s, x->who, "read", "prognosis_inputs", x->client_id, x->client_id, e);
}

int store_prognosis_input_get(struct store *s, const struct store_actor *who, int64_t client_id,
			      const char *factors_pack, struct store_prognosis_input *out,
			      struct arena *a, struct err *e)
{
	if (!factors_pack)
		return err_set(e, IPM_EINVAL, "prognosis input: the catalogue id is required");
	struct input_get x = { who, client_id, factors_pack, out, a };
	return tx_read(s, "prognosis input", input_get_tx, &x, e);
}
