/* Use cases on a client's dossier. Each runs in one transaction with its
 * audit row (AVG: every read and write of a dossier is logged), so an access
 * that is not recorded cannot have happened. */
#include "store/sqlite_internal.h"

#include "core/timeutil.h"

#include <math.h>
#include <string.h>

static int64_t actor_id(const struct store_actor *who)
{
	return who ? who->user_id : 0;
}

/* SQLite stores any text in a date column, and PostgreSQL would refuse a
 * bad one only later: check it where the message can name the field. */
static int check_date(const char *op, const char *field, const char *v, struct err *e)
{
	if (v && !time_date_valid(v))
		return err_set(e, IPM_EINVAL, "%s: %s: not a valid date (YYYY-MM-DD)", op, field);
	return IPM_OK;
}

/* A row that names a client that does not exist is "not found" for the
 * caller (a stale link, a wrong id), not a malformed request. */
static int client_must_exist(struct store *s, const char *op, int64_t client_id,
			     struct err *e)
{
	int64_t n = 0;
	int rc = db_scalar(s, e, op, &n, "SELECT count(*) FROM clients WHERE id = ?", "i",
			   client_id);
	if (rc == IPM_OK && !n)
		rc = err_set(e, IPM_ENOTFOUND, "%s: no client with that id", op);
	return rc;
}

/* The client an assessment belongs to, and whether it is completed. */
static int assessment_lookup(struct store *s, const char *op, int64_t assessment_id,
			     int64_t *client_id, int *completed, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, op, &st,
			  "SELECT client_id, completed_at IS NOT NULL FROM assessments WHERE id = ?",
			  "i", assessment_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no assessment with that id", op);
	if (rc != IPM_OK)
		return rc;
	*client_id = sqlite3_column_int64(st, 0);
	*completed = sqlite3_column_int(st, 1);
	db_done(s, st);
	return IPM_OK;
}

/* --- clients --------------------------------------------------------------- */

struct client_create {
	const struct store_actor *who;
	const struct store_client *c;
	int64_t *id;
};

static int client_create_tx(struct store *s, void *ctx, struct err *e)
{
	struct client_create *cc = ctx;
	const struct store_client *c = cc->c;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = db_exec(
		s, e, "client create", cc->id, NULL,
		"INSERT INTO clients (org_id, reference, given_name, family_name, birth_date, sex,"
		" email, phone, street, postcode, city, gemeente, benefit_type, benefit_start,"
		" education_level, language_level, route_language, household, target_groups,"
		" route_step, sensitive, created_at, updated_at, retention_until)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, 'nl'), ?,"
		" COALESCE(?, '[]'), COALESCE(?, 'intake'), ?, ?, ?, ?)",
		"Isssssssssssssssssssxsss", c->org_id, c->reference, c->given_name,
		c->family_name, c->birth_date, c->sex, c->email, c->phone, c->street, c->postcode,
		c->city, c->gemeente, c->benefit_type, c->benefit_start, c->education_level,
		c->language_level, c->route_language, c->household, c->target_groups,
		c->route_step, (const void *)c->sensitive, c->sensitive_len, now, now,
		c->retention_until);
	if (rc != IPM_OK)
		return rc;
	if (actor_id(cc->who)) {
		rc = db_exec(s, e, "client create", NULL, NULL,
			     "INSERT INTO client_access (client_id, user_id, kind, granted_at)"
			     " VALUES (?, ?, 'owner', ?)",
			     "iis", *cc->id, actor_id(cc->who), now);
		if (rc != IPM_OK)
			return rc;
	}
	return audit_write(s, cc->who, "create", "client", *cc->id, *cc->id, e);
}

int store_client_create(struct store *s, const struct store_actor *who,
			const struct store_client *c, int64_t *id, struct err *e)
{
	const char *op = "client create";
	int rc = check_date(op, "clients.birth_date", c->birth_date, e);
	if (rc == IPM_OK)
		rc = check_date(op, "clients.benefit_start", c->benefit_start, e);
	if (rc == IPM_OK)
		rc = check_date(op, "clients.retention_until", c->retention_until, e);
	if (rc != IPM_OK)
		return rc;
	int64_t local;
	struct client_create cc = { who, c, id ? id : &local };
	return tx_run(s, op, client_create_tx, &cc, e);
}

struct client_get {
	const struct store_actor *who;
	int64_t id;
	struct store_client *out;
	struct arena *a;
};

static void client_from_row(sqlite3_stmt *st, struct store_client *c, struct arena *a)
{
	int col = 0;
	c->id = sqlite3_column_int64(st, col++);
	c->org_id = sqlite3_column_int64(st, col++);
	/* In the SELECT's column order, which matches the struct's. */
	const char **text[] = {
		&c->reference,	     &c->given_name,	 &c->family_name,    &c->birth_date,
		&c->sex,	     &c->email,		 &c->phone,	     &c->street,
		&c->postcode,	     &c->city,		 &c->gemeente,	     &c->benefit_type,
		&c->benefit_start,   &c->education_level, &c->language_level, &c->route_language,
		&c->household,	     &c->target_groups,	 &c->route_step,
	};
	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		*text[i] = db_col_text(st, col++, a);
	const void *blob = sqlite3_column_blob(st, col);
	size_t n = (size_t)sqlite3_column_bytes(st, col++);
	if (blob) {
		unsigned char *copy = arena_alloc(a, n ? n : 1);
		memcpy(copy, blob, n);
		c->sensitive = copy;
		c->sensitive_len = n;
	}
	c->retention_until = db_col_text(st, col++, a);
	c->created_at = db_col_text(st, col++, a);
	c->updated_at = db_col_text(st, col++, a);
}

static int client_get_tx(struct store *s, void *ctx, struct err *e)
{
	struct client_get *g = ctx;
	sqlite3_stmt *st = NULL;
	int rc = db_query(
		s, e, "client get", &st,
		"SELECT id, org_id, reference, given_name, family_name, birth_date, sex, email,"
		" phone, street, postcode, city, gemeente, benefit_type, benefit_start,"
		" education_level, language_level, route_language, household, target_groups,"
		" route_step, sensitive, retention_until, created_at, updated_at"
		" FROM clients WHERE id = ?",
		"i", g->id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "client get: no client with that id");
	if (rc != IPM_OK)
		return rc;
	*g->out = (struct store_client){ 0 };
	client_from_row(st, g->out, g->a);
	db_done(s, st);
	return audit_write(s, g->who, "read", "client", g->id, g->id, e);
}

int store_client_get(struct store *s, const struct store_actor *who, int64_t id,
		     struct store_client *out, struct arena *a, struct err *e)
{
	struct client_get g = { who, id, out, a };
	return tx_read(s, "client get", client_get_tx, &g, e);
}

int store_client_count(struct store *s, int64_t org_id, int64_t *count, struct err *e)
{
	return db_scalar(s, e, "client count", count,
			 "SELECT count(*) FROM clients WHERE ? = 0 OR org_id = ?", "ii", org_id,
			 org_id);
}

struct client_erase {
	const struct store_actor *who;
	int64_t id;
};

static int client_erase_tx(struct store *s, void *ctx, struct err *e)
{
	struct client_erase *x = ctx;
	int changes = 0;
	/* ON DELETE CASCADE removes consents, access, assessments with their
	 * answers, results and outcomes; audit_log has no foreign key. */
	int rc = db_exec(s, e, "client erase", NULL, &changes, "DELETE FROM clients WHERE id = ?",
			 "i", x->id);
	if (rc != IPM_OK)
		return rc;
	if (!changes)
		return err_set(e, IPM_ENOTFOUND, "client erase: no client with that id");
	return audit_write(s, x->who, "erase", "client", x->id, x->id, e);
}

int store_client_erase(struct store *s, const struct store_actor *who, int64_t id,
		       struct err *e)
{
	struct client_erase x = { who, id };
	return tx_run(s, "client erase", client_erase_tx, &x, e);
}

/* --- rows added to a dossier ------------------------------------------ */

/* Consents, assessments, results and outcomes are all added the same way:
 * the client must exist, the row is inserted, the addition is audited. Each
 * use case supplies only its INSERT. */
struct dossier_add {
	const char *op, *entity;
	const struct store_actor *who;
	int64_t client_id;
	int64_t *id;
	int (*insert)(struct store *s, const struct dossier_add *d, const char *now,
		      struct err *e);
	const void *args; /* the use case's own input, for insert */
};

static int dossier_add_tx(struct store *s, void *ctx, struct err *e)
{
	struct dossier_add *d = ctx;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = client_must_exist(s, d->op, d->client_id, e);
	if (rc == IPM_OK)
		rc = d->insert(s, d, now, e);
	if (rc != IPM_OK)
		return rc;
	return audit_write(s, d->who, "create", d->entity, *d->id, d->client_id, e);
}

static int dossier_add(struct store *s, struct dossier_add *d, struct err *e)
{
	int64_t local;
	if (!d->id)
		d->id = &local;
	return tx_run(s, d->op, dossier_add_tx, d, e);
}

struct consent_args {
	const char *purpose, *basis;
	int granted;
};

static int consent_insert(struct store *s, const struct dossier_add *d, const char *now,
			  struct err *e)
{
	const struct consent_args *c = d->args;
	return db_exec(s, e, d->op, d->id, NULL,
		       "INSERT INTO consents (client_id, purpose, granted, basis, recorded_at,"
		       " recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
		       "isissI", d->client_id, c->purpose, (int64_t)(c->granted != 0), c->basis,
		       now, actor_id(d->who));
}

int store_consent_record(struct store *s, const struct store_actor *who, int64_t client_id,
			 const char *purpose, int granted, const char *basis, int64_t *id,
			 struct err *e)
{
	struct consent_args c = { purpose, basis, granted };
	struct dossier_add d = { "consent record", "consent", who, client_id, id,
				 consent_insert, &c };
	return dossier_add(s, &d, e);
}

struct assessment_args {
	const char *pack_id, *pack_version, *taken_by;
};

static int assessment_insert(struct store *s, const struct dossier_add *d, const char *now,
			     struct err *e)
{
	const struct assessment_args *a = d->args;
	return db_exec(s, e, d->op, d->id, NULL,
		       "INSERT INTO assessments (client_id, pack_id, pack_version, started_at,"
		       " taken_by) VALUES (?, ?, ?, ?, ?)",
		       "issss", d->client_id, a->pack_id, a->pack_version, now, a->taken_by);
}

int store_assessment_start(struct store *s, const struct store_actor *who, int64_t client_id,
			   const char *pack_id, const char *pack_version, const char *taken_by,
			   int64_t *id, struct err *e)
{
	struct assessment_args a = { pack_id, pack_version, taken_by };
	struct dossier_add d = { "assessment start", "assessment", who, client_id, id,
				 assessment_insert, &a };
	return dossier_add(s, &d, e);
}

/* An assessment taken elsewhere: inserted started, answered and completed
 * on its own day, before the answers_closed trigger would refuse answers. */
struct assessment_import {
	struct assessment_args a;
	const char *at; /* YYYY-MM-DDT12:00:00Z */
	size_t n;
	const struct store_rating *answers;
};

static int assessment_import_insert(struct store *s, const struct dossier_add *d,
				    const char *now, struct err *e)
{
	(void)now; /* the audit row says when it was imported; the rows when it happened */
	const struct assessment_import *x = d->args;
	int rc = db_exec(s, e, d->op, d->id, NULL,
			 "INSERT INTO assessments (client_id, pack_id, pack_version, started_at,"
			 " taken_by) VALUES (?, ?, ?, ?, ?)",
			 "issss", d->client_id, x->a.pack_id, x->a.pack_version, x->at, x->a.taken_by);
	for (size_t k = 0; k < x->n && rc == IPM_OK; k++)
		rc = db_exec(s, e, d->op, NULL, NULL,
			     "INSERT INTO answers (assessment_id, seq, item_id, value, answered_at)"
			     " VALUES (?, ?, ?, ?, ?)",
			     "iisss", *d->id, (int64_t)k + 1, x->answers[k].item_id,
			     x->answers[k].value, x->at);
	if (rc == IPM_OK)
		rc = db_exec(s, e, d->op, NULL, NULL,
			     "UPDATE assessments SET completed_at = ? WHERE id = ?", "si", x->at,
			     *d->id);
	return rc;
}

int store_assessment_import(struct store *s, const struct store_actor *who, int64_t client_id,
			    const char *pack_id, const char *pack_version, const char *taken_by,
			    const char *day, size_t n, const struct store_rating *answers,
			    int64_t *id, struct err *e)
{
	const char *op = "assessment import";
	char now[TIME_ISO_LEN], at[TIME_ISO_LEN];
	time_now_iso(now);
	if (!day || !time_date_valid(day) || strncmp(day, now, 10) > 0)
		return err_set(e, IPM_EINVAL,
			       "%s: completed_at: expected a date YYYY-MM-DD, not in the future", op);
	for (size_t k = 0; k < n; k++)
		if (!answers[k].item_id || !*answers[k].item_id)
			return err_set(e, IPM_EINVAL, "%s: answers.item_id is required", op);
	/* Midday UTC: the day stays the same day in every Dutch time zone. */
	memcpy(at, day, 10);
	memcpy(at + 10, "T12:00:00Z", sizeof "T12:00:00Z");
	struct assessment_import x = { { pack_id, pack_version, taken_by }, at, n, answers };
	struct dossier_add d = { op, "assessment", who, client_id, id, assessment_import_insert,
				 &x };
	return dossier_add(s, &d, e);
}

struct result_args {
	int64_t assessment_id;
	const char *kind, *pack_id, *pack_version, *data_json;
};

static int result_insert(struct store *s, const struct dossier_add *d, const char *now,
			 struct err *e)
{
	const struct result_args *r = d->args;
	if (r->assessment_id) {
		int64_t owner = 0;
		int completed = 0;
		int rc = assessment_lookup(s, d->op, r->assessment_id, &owner, &completed, e);
		if (rc != IPM_OK)
			return rc;
		if (owner != d->client_id)
			return err_set(e, IPM_EINVAL,
				       "%s: results.assessment_id belongs to another client", d->op);
	}
	return db_exec(s, e, d->op, d->id, NULL,
		       "INSERT INTO results (client_id, assessment_id, kind, pack_id,"
		       " pack_version, computed_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
		       "iIsssss", d->client_id, r->assessment_id, r->kind, r->pack_id,
		       r->pack_version, now, r->data_json);
}

int store_result_save(struct store *s, const struct store_actor *who, int64_t client_id,
		      int64_t assessment_id, const char *kind, const char *pack_id,
		      const char *pack_version, const char *data_json, int64_t *id,
		      struct err *e)
{
	struct result_args r = { assessment_id, kind, pack_id, pack_version, data_json };
	struct dossier_add d = { "result save", "result", who, client_id, id, result_insert, &r };
	return dossier_add(s, &d, e);
}

static int outcome_insert(struct store *s, const struct dossier_add *d, const char *now,
			  struct err *e)
{
	const struct store_outcome *o = d->args;
	return db_exec(s, e, d->op, d->id, NULL,
		       "INSERT INTO outcomes (client_id, recorded_at, recorded_by, outcome,"
		       " start_date, hours_per_week, contract, durable_6m, durable_12m, reason)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "isIssdstts", d->client_id, now, actor_id(d->who), o->outcome,
		       o->start_date, o->has_hours ? o->hours_per_week : NAN, o->contract,
		       o->durable_6m, o->durable_12m, o->reason);
}

int store_outcome_record(struct store *s, const struct store_actor *who,
			 const struct store_outcome *o, int64_t *id, struct err *e)
{
	struct dossier_add d = { "outcome record", "outcome", who, o->client_id, id,
				 outcome_insert, o };
	int rc = check_date(d.op, "outcomes.start_date", o->start_date, e);
	if (rc != IPM_OK)
		return rc;
	return dossier_add(s, &d, e);
}

/* --- assessments and answers ------------------------------------------- */

/* Answering and completing are both writes to an open assessment: look it
 * up, refuse once it is completed, write, audit. item_id NULL = complete. */
struct assessment_write {
	const char *op;
	const struct store_actor *who;
	int64_t assessment_id;
	const char *item_id, *value;
};

static int assessment_write_tx(struct store *s, void *ctx, struct err *e)
{
	struct assessment_write *w = ctx;
	int64_t client_id = 0;
	int completed = 0;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = assessment_lookup(s, w->op, w->assessment_id, &client_id, &completed, e);
	if (rc != IPM_OK)
		return rc;
	/* For answers the answers_closed trigger refuses it as well; this
	 * gives the clear message without relying on it. */
	if (completed)
		return err_set(e, IPM_ECONFLICT, "%s: the assessment is already completed", w->op);
	if (w->item_id)
		rc = db_exec(s, e, w->op, NULL, NULL,
			     "INSERT INTO answers (assessment_id, seq, item_id, value, answered_at)"
			     " VALUES (?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM answers"
			     " WHERE assessment_id = ?), ?, ?, ?)",
			     "iisss", w->assessment_id, w->assessment_id, w->item_id, w->value, now);
	else
		rc = db_exec(s, e, w->op, NULL, NULL,
			     "UPDATE assessments SET completed_at = ? WHERE id = ?", "si", now,
			     w->assessment_id);
	if (rc != IPM_OK)
		return rc;
	return audit_write(s, w->who, "update", "assessment", w->assessment_id, client_id, e);
}

int store_answer_put(struct store *s, const struct store_actor *who, int64_t assessment_id,
		     const char *item_id, const char *value, struct err *e)
{
	if (!item_id || !*item_id)
		return err_set(e, IPM_EINVAL, "answer put: answers.item_id is required");
	struct assessment_write w = { "answer put", who, assessment_id, item_id, value };
	return tx_run(s, w.op, assessment_write_tx, &w, e);
}

int store_assessment_complete(struct store *s, const struct store_actor *who,
			      int64_t assessment_id, struct err *e)
{
	struct assessment_write w = { "assessment complete", who, assessment_id, NULL, NULL };
	return tx_run(s, w.op, assessment_write_tx, &w, e);
}

int store_audit_count(struct store *s, int64_t client_id, const char *action, int64_t *count,
		      struct err *e)
{
	return db_scalar(s, e, "audit count", count,
			 "SELECT count(*) FROM audit_log"
			 " WHERE (? = 0 OR client_id = ?) AND (? IS NULL OR action = ?)",
			 "iiss", client_id, client_id, action, action);
}
