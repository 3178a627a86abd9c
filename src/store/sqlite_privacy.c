/* The inzage (everything stored about one client) and the dates a dossier's
 * retention period counts from (store_privacy.h).
 *
 * The export is a fixed list of queries, one per part, each selecting every
 * column of its table except the few left out on purpose (store_privacy.h
 * says which and why). tests/unit/test_inzage_store.c checks that every
 * table holding rows of a client is one of the parts, so a table added by a
 * later migration cannot silently stay out of the inzage. */
#include "store/sqlite_internal.h"
#include "store/store_privacy.h"

#include <string.h>

struct part {
	const char *name;
	const char *json; /* "|col|col|": TEXT columns that hold JSON */
	const char *sql;  /* one parameter: the client id */
};

static const struct part parts[] = {
	{ "client", "|target_groups|",
	  "SELECT id, org_id, reference, given_name, family_name, birth_date, sex, email, phone,"
	  " street, postcode, city, gemeente, benefit_type, benefit_start, education_level,"
	  " language_level, route_language, household, target_groups, route_step, sensitive,"
	  " retention_until, created_at, updated_at FROM clients WHERE id = ?" },
	{ "organisation", "",
	  "SELECT o.id, o.name, o.kind FROM organisations o JOIN clients c ON c.org_id = o.id"
	  " WHERE c.id = ?" },
	{ "access", "",
	  "SELECT a.user_id, u.display_name AS user_name, u.role AS user_role, a.kind,"
	  " a.granted_at FROM client_access a JOIN users u ON u.id = a.user_id"
	  " WHERE a.client_id = ? ORDER BY a.granted_at, a.user_id" },
	{ "consents", "",
	  "SELECT id, purpose, granted, basis, recorded_at, recorded_by, withdrawn_at"
	  " FROM consents WHERE client_id = ? ORDER BY id" },
	{ "assessments", "",
	  "SELECT id, pack_id, pack_version, taken_by, started_at, completed_at"
	  " FROM assessments WHERE client_id = ? ORDER BY id" },
	{ "answers", "",
	  "SELECT a.assessment_id, a.seq, a.item_id, a.value, a.answered_at"
	  " FROM answers a JOIN assessments s ON s.id = a.assessment_id"
	  " WHERE s.client_id = ? ORDER BY a.assessment_id, a.seq" },
	{ "assessment_links", "",
	  "SELECT l.id, l.assessment_id, l.created_by, l.created_at, l.expires_unix,"
	  " l.revoked_at FROM assessment_links l JOIN assessments s ON s.id = l.assessment_id"
	  " WHERE s.client_id = ? ORDER BY l.id" },
	{ "results", "|data|",
	  "SELECT id, assessment_id, kind, pack_id, pack_version, computed_at, data"
	  " FROM results WHERE client_id = ? ORDER BY id" },
	{ "cvs", "|data|",
	  "SELECT id, data, created_by, created_at FROM cvs WHERE client_id = ? ORDER BY id" },
	{ "judgements", "",
	  "SELECT id, subject, computed, source, decision, value, reason_code, reason_text,"
	  " decided_by, decided_at FROM judgements WHERE client_id = ? ORDER BY id" },
	{ "advice", "",
	  "SELECT id, type, text, learnability, learnability_note, source_kind, source_code,"
	  " created_by, created_at FROM advice_items WHERE client_id = ? ORDER BY id" },
	{ "advice_decisions", "",
	  "SELECT d.id, d.advice_id, d.status, d.reason, d.decided_by, d.decided_at"
	  " FROM advice_decisions d JOIN advice_items i ON i.id = d.advice_id"
	  " WHERE i.client_id = ? ORDER BY d.id" },
	{ "trajectplans", "",
	  "SELECT id, goal, target_occupation, note, created_by, created_at"
	  " FROM trajectplans WHERE client_id = ? ORDER BY id" },
	{ "plan_activities", "",
	  "SELECT a.plan_id, a.seq, a.instrument_id, a.text, a.provider, a.start_date,"
	  " a.hours_per_week FROM plan_activities a JOIN trajectplans p ON p.id = a.plan_id"
	  " WHERE p.client_id = ? ORDER BY a.plan_id, a.seq" },
	{ "jobcoach_advice", "|interventions|kenmerken|",
	  "SELECT id, advised, grade, percent, contract_hours, hours_per_week, pack_id,"
	  " pack_version, interventions, kenmerken, note, created_by, created_at"
	  " FROM jobcoach_advice WHERE client_id = ? ORDER BY id" },
	{ "reports", "|versions|",
	  "SELECT id, version, format, sha256, length(bytes) AS size_bytes, versions,"
	  " report_date, issued_by, issued_at FROM reports WHERE client_id = ? ORDER BY id" },
	{ "outcomes", "",
	  "SELECT id, outcome, start_date, hours_per_week, contract, durable_6m, durable_12m,"
	  " reason, recorded_by, recorded_at FROM outcomes WHERE client_id = ? ORDER BY id" },
	{ "audit", "",
	  "SELECT l.id, l.at, l.user_id, u.display_name AS user_name, u.role AS user_role,"
	  " l.action, l.entity, l.entity_id, l.reason FROM audit_log l"
	  " LEFT JOIN users u ON u.id = l.user_id WHERE l.client_id = ? ORDER BY l.id" },
};

#define N_PARTS (sizeof parts / sizeof parts[0])

const char *const store_export_parts[] = {
	"client", "organisation", "access", "consents", "assessments", "answers",
	"assessment_links", "results", "cvs", "judgements", "advice", "advice_decisions",
	"trajectplans", "plan_activities", "jobcoach_advice", "reports", "outcomes", "audit",
	NULL,
};

/* Columns per row: the widest part (client) has 25. */
#define MAX_COLS 32

struct export_walk {
	const struct part *part;
	store_export_fn fn;
	void *ctx;
};

static int json_column(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = strchr(list, '|'); p && p[1]; p = strchr(p + 1, '|'))
		if (strncmp(p + 1, name, n) == 0 && p[1 + n] == '|')
			return 1;
	return 0;
}

static int export_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct export_walk *w = ctx;
	struct store_value row[MAX_COLS];
	int n = sqlite3_column_count(st);
	if (n > MAX_COLS)
		return err_set(e, IPM_ESTORE, "client export: %s: too many columns",
			       w->part->name);
	for (int c = 0; c < n; c++) {
		struct store_value *v = &row[c];
		*v = (struct store_value){ .name = sqlite3_column_name(st, c) };
		switch (sqlite3_column_type(st, c)) {
		case SQLITE_INTEGER:
			v->type = STORE_V_INT;
			v->i = sqlite3_column_int64(st, c);
			break;
		case SQLITE_FLOAT:
			v->type = STORE_V_REAL;
			v->d = sqlite3_column_double(st, c);
			break;
		case SQLITE_TEXT:
			v->type = STORE_V_TEXT;
			v->text = (const char *)sqlite3_column_text(st, c);
			v->len = (size_t)sqlite3_column_bytes(st, c);
			v->json = json_column(w->part->json, v->name);
			break;
		case SQLITE_BLOB:
			v->type = STORE_V_BLOB;
			v->blob = sqlite3_column_blob(st, c);
			v->len = (size_t)sqlite3_column_bytes(st, c);
			break;
		default:
			v->type = STORE_V_NULL;
		}
	}
	return w->fn(w->ctx, w->part->name, (size_t)n, row, e);
}

struct client_export {
	const struct store_actor *who;
	int64_t id;
	store_export_fn fn;
	void *ctx;
};

static int export_tx(struct store *s, void *ctx, struct err *e)
{
	struct client_export *x = ctx;
	int64_t n = 0;
	int rc = db_scalar(s, e, "client export", &n, "SELECT count(*) FROM clients WHERE id = ?",
			   "i", x->id);
	if (rc == IPM_OK && !n)
		rc = err_set(e, IPM_ENOTFOUND, "client export: no client with that id");
	/* First, so that the export shows itself in its audit part. */
	if (rc == IPM_OK)
		rc = audit_write(s, x->who, "export", "client", x->id, x->id, e);
	for (size_t i = 0; i < N_PARTS && rc == IPM_OK; i++) {
		struct export_walk w = { &parts[i], x->fn, x->ctx };
		rc = db_each(s, e, "client export", export_row, &w, parts[i].sql, "i", x->id);
	}
	return rc;
}

int store_client_export(struct store *s, const struct store_actor *who, int64_t client_id,
			store_export_fn fn, void *ctx, struct err *e)
{
	struct client_export x = { who, client_id, fn, ctx };
	return tx_read(s, "client export", export_tx, &x, e);
}

/* --- retention ------------------------------------------------------------ */

#define RETENTION_SELECT                                                                   \
	"SELECT c.id, c.org_id, c.reference, c.route_step, c.created_at,"                  \
	" COALESCE((SELECT max(l.at) FROM audit_log l WHERE l.client_id = c.id"           \
	"  AND l.action IN ('create', 'update')), c.created_at),"                          \
	" (SELECT max(o.recorded_at) FROM outcomes o WHERE o.client_id = c.id),"           \
	" c.retention_until FROM clients c"

static void retention_from_row(sqlite3_stmt *st, struct store_retention *r)
{
	*r = (struct store_retention){
		.client_id = sqlite3_column_int64(st, 0),
		.org_id = sqlite3_column_int64(st, 1),
		.reference = (const char *)sqlite3_column_text(st, 2),
		.route_step = (const char *)sqlite3_column_text(st, 3),
		.created_at = (const char *)sqlite3_column_text(st, 4),
		.last_write = (const char *)sqlite3_column_text(st, 5),
		.last_outcome = (const char *)sqlite3_column_text(st, 6),
		.retention_until = (const char *)sqlite3_column_text(st, 7),
	};
}

struct retention_get {
	const struct store_actor *who;
	int64_t id;
	struct store_retention *out;
	struct arena *a;
};

static int retention_get_tx(struct store *s, void *ctx, struct err *e)
{
	struct retention_get *g = ctx;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "retention get", &st, RETENTION_SELECT " WHERE c.id = ?", "i",
			  g->id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "retention get: no client with that id");
	if (rc != IPM_OK)
		return rc;
	struct store_retention r;
	retention_from_row(st, &r);
	const char **text[] = { &r.reference,	&r.route_step,	 &r.created_at,
				&r.last_write,	&r.last_outcome, &r.retention_until };
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (*text[i])
			*text[i] = arena_strdup(g->a, *text[i]);
	*g->out = r;
	db_done(s, st);
	return audit_write(s, g->who, "read", "retention", g->id, g->id, e);
}

int store_retention_get(struct store *s, const struct store_actor *who, int64_t client_id,
			struct store_retention *out, struct arena *a, struct err *e)
{
	struct retention_get g = { who, client_id, out, a };
	return tx_read(s, "retention get", retention_get_tx, &g, e);
}

struct retention_walk {
	const struct store_actor *who;
	int64_t org_id;
	store_retention_fn fn;
	void *ctx;
};

static int retention_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct retention_walk *w = ctx;
	struct store_retention r;
	retention_from_row(st, &r);
	return w->fn(w->ctx, &r, e);
}

static int retention_each_tx(struct store *s, void *ctx, struct err *e)
{
	struct retention_walk *w = ctx;
	int rc = audit_write(s, w->who, "read", "retention", 0, 0, e);
	if (rc == IPM_OK)
		rc = db_each(s, e, "retention list", retention_row, w,
			     RETENTION_SELECT " WHERE ?1 = 0 OR c.org_id = ?1 ORDER BY c.id", "i",
			     w->org_id);
	return rc;
}

int store_retention_each(struct store *s, const struct store_actor *who, int64_t org_id,
			 store_retention_fn fn, void *ctx, struct err *e)
{
	struct retention_walk w = { who, org_id, fn, ctx };
	return tx_read(s, "retention list", retention_each_tx, &w, e);
}
