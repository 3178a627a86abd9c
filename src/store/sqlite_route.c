/* The later steps of the route (store_route.h): CV, judgements, advice
 * items, trajectplan, jobcoaching advice and issued reports. Every use case
 * is one transaction with its audit row; every table is append-only
 * (0005_route.sql), so a write is always an INSERT. */
#include "store/sqlite_route_internal.h"

#include "core/timeutil.h"

#include <math.h>
#include <string.h>

int64_t route_actor(const struct store_actor *who)
{
	return who ? who->user_id : 0;
}

static int route_tx_fn(struct store *s, void *ctx, struct err *e)
{
	struct route_tx *t = ctx;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	int rc = IPM_OK;
	if (t->need_client) {
		int64_t n = 0;
		rc = db_scalar(s, e, t->op, &n, "SELECT count(*) FROM clients WHERE id = ?", "i",
			       t->client_id);
		if (rc == IPM_OK && !n)
			rc = err_set(e, IPM_ENOTFOUND, "%s: no client with that id", t->op);
	}
	if (rc == IPM_OK)
		rc = t->body(s, t, now, e);
	if (rc == IPM_OK)
		rc = audit_write(s, t->who, t->action, t->entity, t->entity_id, t->client_id, e);
	return rc;
}

int route_run(struct store *s, struct route_tx *t, int64_t *id, struct err *e)
{
	/* A read's only write is its audit row (tx_read). */
	int rc = strcmp(t->action, "read") == 0 ? tx_read(s, t->op, route_tx_fn, t, e)
						: tx_run(s, t->op, route_tx_fn, t, e);
	if (rc == IPM_OK && id)
		*id = t->entity_id;
	return rc;
}

/* --- CV ------------------------------------------------------------------- */

static int cv_save_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	return db_exec(s, e, t->op, &t->entity_id, NULL,
		       "INSERT INTO cvs (client_id, data, created_by, created_at) VALUES (?, ?, ?, ?)",
		       "isIs", t->client_id, (const char *)t->args, route_actor(t->who), now);
}

int store_cv_save(struct store *s, const struct store_actor *who, int64_t client_id,
		  const char *json, int64_t *id, struct err *e)
{
	if (!json)
		return err_set(e, IPM_EINVAL, "cv save: cvs.data is required");
	struct route_tx t = { "cv save", "create", "cv", who, client_id, 0, true, cv_save_body,
			      (void *)json };
	return route_run(s, &t, id, e);
}

/* --- judgement --------------------------------------------------------------- */

static int judgement_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	const struct store_judgement *j = t->args;
	return db_exec(s, e, t->op, &t->entity_id, NULL,
		       "INSERT INTO judgements (client_id, subject, computed, source, decision, value,"
		       " reason_code, reason_text, decided_by, decided_at)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "isssssssIs", t->client_id, j->subject, j->computed, j->source, j->decision,
		       j->value, j->reason_code, j->reason_text, route_actor(t->who), now);
}

int store_judgement_add(struct store *s, const struct store_actor *who,
			const struct store_judgement *j, int64_t *id, struct err *e)
{
	struct route_tx t = { "judgement add", "create", "judgement", who, j->client_id, 0, true,
			      judgement_body, (void *)j };
	return route_run(s, &t, id, e);
}

/* --- advice items ------------------------------------------------------------ */

static int advice_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	const struct store_advice *a = t->args;
	return db_exec(s, e, t->op, &t->entity_id, NULL,
		       "INSERT INTO advice_items (client_id, type, text, learnability,"
		       " learnability_note, source_kind, source_code, created_by, created_at)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "issssssIs", t->client_id, a->type, a->text, a->learnability,
		       a->learnability_note, a->source_kind, a->source_code, route_actor(t->who), now);
}

int store_advice_add(struct store *s, const struct store_actor *who, const struct store_advice *a,
		     int64_t *id, struct err *e)
{
	struct route_tx t = { "advice add", "create", "advice", who, a->client_id, 0, true,
			      advice_body, (void *)a };
	return route_run(s, &t, id, e);
}

struct advice_decision {
	const char *status, *reason;
};

static int advice_decide_body(struct store *s, struct route_tx *t, const char *now,
			      struct err *e)
{
	const struct advice_decision *d = t->args;
	int rc = db_scalar(s, e, t->op, &t->client_id,
			   "SELECT client_id FROM advice_items WHERE id = ?", "i", t->entity_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no advice item with that id", t->op);
	if (rc != IPM_OK)
		return rc;
	return db_exec(s, e, t->op, NULL, NULL,
		       "INSERT INTO advice_decisions (advice_id, status, reason, decided_by,"
		       " decided_at) VALUES (?, ?, ?, ?, ?)",
		       "issIs", t->entity_id, d->status, d->reason, route_actor(t->who), now);
}

int store_advice_decide(struct store *s, const struct store_actor *who, int64_t advice_id,
			const char *status, const char *reason, struct err *e)
{
	struct advice_decision d = { status, reason };
	struct route_tx t = { "advice decide", "update", "advice", who, 0, advice_id, false,
			      advice_decide_body, &d };
	return route_run(s, &t, NULL, e);
}

/* --- trajectplan -------------------------------------------------------------- */

static int plan_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	const struct store_trajectplan *p = t->args;
	int rc = db_exec(s, e, t->op, &t->entity_id, NULL,
			 "INSERT INTO trajectplans (client_id, goal, target_occupation, note,"
			 " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			 "isssIs", t->client_id, p->goal, p->target_occupation, p->note,
			 route_actor(t->who), now);
	for (size_t i = 0; i < p->n_activities && rc == IPM_OK; i++) {
		const struct store_plan_activity *a = &p->activities[i];
		if (a->start_date && !time_date_valid(a->start_date))
			return err_set(e, IPM_EINVAL,
				       "%s: activities[%zu].start_date: not a valid date (YYYY-MM-DD)",
				       t->op, i);
		rc = db_exec(s, e, t->op, NULL, NULL,
			     "INSERT INTO plan_activities (plan_id, seq, instrument_id, text, provider,"
			     " start_date, hours_per_week) VALUES (?, ?, ?, ?, ?, ?, ?)",
			     "iissssd", t->entity_id, (int64_t)i + 1, a->instrument_id, a->text,
			     a->provider, a->start_date, a->hours_per_week);
	}
	return rc;
}

int store_trajectplan_save(struct store *s, const struct store_actor *who,
			   const struct store_trajectplan *p, int64_t *id, struct err *e)
{
	struct route_tx t = { "trajectplan save", "create", "trajectplan", who, p->client_id, 0,
			      true, plan_body, (void *)p };
	return route_run(s, &t, id, e);
}

/* --- jobcoaching advice ---------------------------------------------------- */

static int jobcoach_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	const struct store_jobcoach *j = t->args;
	/* Not advised: the grade fields stay empty whatever was passed. */
	bool on = j->advised != 0;
	return db_exec(s, e, t->op, &t->entity_id, NULL,
		       "INSERT INTO jobcoach_advice (client_id, advised, grade, percent,"
		       " contract_hours, hours_per_week, pack_id, pack_version, interventions,"
		       " kenmerken, note, created_by, created_at)"
		       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, '[]'), COALESCE(?, '[]'), ?, ?, ?)",
		       "itsdddsssssIs", t->client_id, (int)on, on ? j->grade : NULL,
		       on ? j->percent : NAN, on ? j->contract_hours : NAN,
		       on ? j->hours_per_week : NAN, on ? j->pack_id : NULL,
		       on ? j->pack_version : NULL, j->interventions, j->kenmerken, j->note,
		       route_actor(t->who), now);
}

int store_jobcoach_save(struct store *s, const struct store_actor *who,
			const struct store_jobcoach *j, int64_t *id, struct err *e)
{
	struct route_tx t = { "jobcoach save", "create", "jobcoach_advice", who, j->client_id, 0,
			      true, jobcoach_body, (void *)j };
	return route_run(s, &t, id, e);
}

/* --- issued reports ------------------------------------------------------- */

static int report_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	const struct store_report *r = t->args;
	if (!r->report_date || !time_date_valid(r->report_date))
		return err_set(e, IPM_EINVAL, "%s: reports.report_date: not a valid date (YYYY-MM-DD)",
			       t->op);
	if (!r->bytes)
		return err_set(e, IPM_EINVAL, "%s: reports.bytes is required", t->op);
	return db_exec(s, e, t->op, &t->entity_id, NULL,
		       "INSERT INTO reports (client_id, version, format, sha256, bytes, doc, versions,"
		       " report_date, issued_by, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "isssxsssIs", t->client_id, r->version, r->format, r->sha256,
		       (const void *)r->bytes, r->n_bytes, r->doc, r->versions, r->report_date,
		       route_actor(t->who), now);
}

int store_report_issue(struct store *s, const struct store_actor *who,
		       const struct store_report *r, int64_t *id, struct err *e)
{
	struct route_tx t = { "report issue", "create", "report", who, r->client_id, 0, true,
			      report_body, (void *)r };
	return route_run(s, &t, id, e);
}
