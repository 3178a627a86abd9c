/* Reads of a dossier for the later steps of the route and the report
 * (store_route.h). Each read is audited like any other dossier access; the
 * _each walks hand out strings valid during the callback only. */
#include "store/sqlite_route_internal.h"

#include <math.h>
#include <string.h>

/* A walk over rows, read by `row` into a struct and handed to the caller's
 * callback; `args` holds the query's parameters. */
struct route_walk {
	void (*fn)(void); /* the caller's callback, cast back by the row reader */
	void *ctx;
	const void *args;
};

/* NULL columns read as NaN (a REAL that was not given). */
static double col_real(sqlite3_stmt *st, int col)
{
	return sqlite3_column_type(st, col) == SQLITE_NULL ? NAN : sqlite3_column_double(st, col);
}

/* Column text valid until the next step: for walks. */
static const char *col_str(sqlite3_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(st, col);
}

/* --- consents -------------------------------------------------------------- */

static int consent_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct route_walk *w = ctx;
	struct store_consent c = {
		.id = sqlite3_column_int64(st, 0),
		.purpose = col_str(st, 1),
		.granted = sqlite3_column_int(st, 2),
		.basis = col_str(st, 3),
		.recorded_at = col_str(st, 4),
		.withdrawn_at = col_str(st, 5),
	};
	return ((store_consent_fn)w->fn)(w->ctx, &c, e);
}

static int consents_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	return db_each(s, e, t->op, consent_row, t->args,
		       "SELECT id, purpose, granted, basis, recorded_at, withdrawn_at FROM consents"
		       " WHERE client_id = ? ORDER BY id",
		       "i", t->client_id);
}

int store_consents_each(struct store *s, const struct store_actor *who, int64_t client_id,
			store_consent_fn fn, void *ctx, struct err *e)
{
	struct route_walk w = { (void (*)(void))fn, ctx, NULL };
	struct route_tx t = { "consents read", "read", "consent", who, client_id, 0, true,
			      consents_body, &w };
	return route_run(s, &t, NULL, e);
}

/* --- results ----------------------------------------------------------------- */

struct result_get {
	const char *kind, *pack_id;
	struct store_result *out;
	struct arena *a;
};

static int result_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct result_get *g = t->args;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, t->op, &st,
			  "SELECT id, client_id, assessment_id, kind, pack_id, pack_version,"
			  " computed_at, data FROM results"
			  " WHERE client_id = ? AND kind = ? AND (? IS NULL OR pack_id = ?)"
			  " ORDER BY computed_at DESC, id DESC LIMIT 1",
			  "isss", t->client_id, g->kind, g->pack_id, g->pack_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no %s result%s%s", t->op, g->kind,
			       g->pack_id ? " of pack " : "", g->pack_id ? g->pack_id : "");
	if (rc != IPM_OK)
		return rc;
	struct store_result *r = g->out;
	r->id = sqlite3_column_int64(st, 0);
	r->client_id = sqlite3_column_int64(st, 1);
	r->assessment_id = sqlite3_column_int64(st, 2);
	r->kind = db_col_text(st, 3, g->a);
	r->pack_id = db_col_text(st, 4, g->a);
	r->pack_version = db_col_text(st, 5, g->a);
	r->computed_at = db_col_text(st, 6, g->a);
	r->data = db_col_text(st, 7, g->a);
	t->entity_id = r->id;
	db_done(s, st);
	return IPM_OK;
}

int store_result_latest(struct store *s, const struct store_actor *who, int64_t client_id,
			const char *kind, const char *pack_id, struct store_result *out,
			struct arena *a, struct err *e)
{
	struct result_get g = { kind, pack_id, out, a };
	*out = (struct store_result){ 0 };
	struct route_tx t = { "result read", "read", "result", who, client_id, 0, true,
			      result_body, &g };
	return route_run(s, &t, NULL, e);
}

/* --- an assessment with its answers ------------------------------------------ */

struct assessment_get {
	struct store_assessment *out;
	struct arena *a;
	struct store_rating *v;
	size_t n, cap;
};

static int answer_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	(void)e;
	struct assessment_get *g = ctx;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 64;
		struct store_rating *v = arena_alloc(g->a, cap * sizeof *v);
		if (g->n)
			memcpy(v, g->v, g->n * sizeof *v);
		g->v = v;
		g->cap = cap;
	}
	g->v[g->n].item_id = db_col_text(st, 0, g->a);
	g->v[g->n].value = db_col_text(st, 1, g->a);
	g->n++;
	return IPM_OK;
}

static int assessment_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct assessment_get *g = t->args;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, t->op, &st,
			  "SELECT client_id, pack_id, pack_version, taken_by, started_at, completed_at"
			  " FROM assessments WHERE id = ?",
			  "i", t->entity_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no assessment with that id", t->op);
	if (rc != IPM_OK)
		return rc;
	struct store_assessment *o = g->out;
	o->id = t->entity_id;
	o->client_id = sqlite3_column_int64(st, 0);
	o->pack_id = db_col_text(st, 1, g->a);
	o->pack_version = db_col_text(st, 2, g->a);
	o->taken_by = db_col_text(st, 3, g->a);
	o->started_at = db_col_text(st, 4, g->a);
	o->completed_at = db_col_text(st, 5, g->a);
	db_done(s, st);
	/* Asked as one client's: another client's assessment is not there,
	 * and no read of it is audited. */
	if (t->client_id && o->client_id != t->client_id)
		return err_set(e, IPM_ENOTFOUND, "%s: no assessment of this client with that id",
			       t->op);
	t->client_id = o->client_id;
	/* The current answer is the row with the highest seq of its item. */
	rc = db_each(s, e, t->op, answer_row, g,
		     "SELECT a.item_id, a.value FROM answers a"
		     " WHERE a.assessment_id = ? AND a.seq = (SELECT MAX(b.seq) FROM answers b"
		     "  WHERE b.assessment_id = a.assessment_id AND b.item_id = a.item_id)"
		     " ORDER BY a.item_id",
		     "i", t->entity_id);
	o->answers = g->v;
	o->n_answers = g->n;
	return rc;
}

static int assessment_get(struct store *s, const struct store_actor *who, int64_t client_id,
			  int64_t assessment_id, struct store_assessment *out, struct arena *a,
			  struct err *e)
{
	*out = (struct store_assessment){ 0 };
	struct assessment_get g = { out, a, NULL, 0, 0 };
	struct route_tx t = { "assessment read", "read", "assessment", who, client_id,
			      assessment_id, false, assessment_body, &g };
	return route_run(s, &t, NULL, e);
}

int store_assessment_get(struct store *s, const struct store_actor *who, int64_t assessment_id,
			 struct store_assessment *out, struct arena *a, struct err *e)
{
	return assessment_get(s, who, 0, assessment_id, out, a, e);
}

int store_client_assessment_get(struct store *s, const struct store_actor *who, int64_t client_id,
				int64_t assessment_id, struct store_assessment *out,
				struct arena *a, struct err *e)
{
	if (client_id <= 0)
		return err_set(e, IPM_ENOTFOUND, "assessment read: no client with that id");
	return assessment_get(s, who, client_id, assessment_id, out, a, e);
}

/* --- not a dossier: packs and users -------------------------------------------- */

int store_pack_get(struct store *s, const char *pack_id, const char *version,
		   const char **sha256, const char **content, struct arena *a, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "pack read", &st,
			  "SELECT sha256, content FROM packs WHERE pack_id = ? AND version = ?", "ss",
			  pack_id, version);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "pack read: %s@%s is not registered", pack_id, version);
	if (rc != IPM_OK)
		return rc;
	if (sha256)
		*sha256 = db_col_text(st, 0, a);
	if (content)
		*content = db_col_text(st, 1, a);
	db_done(s, st);
	return IPM_OK;
}

int store_user_name(struct store *s, int64_t user_id, const char **name, const char **role,
		    struct arena *a, struct err *e)
{
	*name = *role = NULL;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "user read", &st,
			  "SELECT display_name, role FROM users WHERE id = ?", "i", user_id);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc != IPM_OK)
		return rc;
	*name = db_col_text(st, 0, a);
	*role = db_col_text(st, 1, a);
	db_done(s, st);
	return IPM_OK;
}

/* --- CV --------------------------------------------------------------------- */

struct cv_get {
	const char **json, **saved_at;
	struct arena *a;
};

static int cv_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct cv_get *g = t->args;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, t->op, &st,
			  "SELECT id, data, created_at FROM cvs WHERE client_id = ?"
			  " ORDER BY id DESC LIMIT 1",
			  "i", t->client_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no CV saved", t->op);
	if (rc != IPM_OK)
		return rc;
	t->entity_id = sqlite3_column_int64(st, 0);
	*g->json = db_col_text(st, 1, g->a);
	if (g->saved_at)
		*g->saved_at = db_col_text(st, 2, g->a);
	db_done(s, st);
	return IPM_OK;
}

int store_cv_get(struct store *s, const struct store_actor *who, int64_t client_id,
		 const char **json, const char **saved_at, struct arena *a, struct err *e)
{
	struct cv_get g = { json, saved_at, a };
	struct route_tx t = { "cv read", "read", "cv", who, client_id, 0, true, cv_body, &g };
	return route_run(s, &t, NULL, e);
}

/* --- judgements ------------------------------------------------------------ */

static int judgement_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct route_walk *w = ctx;
	struct store_judgement j = {
		.id = sqlite3_column_int64(st, 0),
		.client_id = sqlite3_column_int64(st, 1),
		.subject = col_str(st, 2),
		.computed = col_str(st, 3),
		.source = col_str(st, 4),
		.decision = col_str(st, 5),
		.value = col_str(st, 6),
		.reason_code = col_str(st, 7),
		.reason_text = col_str(st, 8),
		.decided_by = sqlite3_column_int64(st, 9),
		.decided_by_name = col_str(st, 10),
		.decided_at = col_str(st, 11),
	};
	return ((store_judgement_fn)w->fn)(w->ctx, &j, e);
}

static int judgements_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct route_walk *w = t->args;
	bool current = *(const bool *)w->args;
	return db_each(s, e, t->op, judgement_row, w,
		       "SELECT j.id, j.client_id, j.subject, j.computed, j.source, j.decision,"
		       " j.value, j.reason_code, j.reason_text, j.decided_by, u.display_name,"
		       " j.decided_at FROM judgements j LEFT JOIN users u ON u.id = j.decided_by"
		       " WHERE j.client_id = ? AND (? = 0 OR j.id = (SELECT MAX(k.id) FROM judgements k"
		       "  WHERE k.client_id = j.client_id AND k.subject = j.subject))"
		       " ORDER BY j.subject, j.id",
		       "ii", t->client_id, (int64_t)current);
}

int store_judgements_each(struct store *s, const struct store_actor *who, int64_t client_id,
			  bool current_only, store_judgement_fn fn, void *ctx, struct err *e)
{
	struct route_walk w = { (void (*)(void))fn, ctx, &current_only };
	struct route_tx t = { "judgements read", "read", "judgement", who, client_id, 0, true,
			      judgements_body, &w };
	return route_run(s, &t, NULL, e);
}

static int override_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct route_walk *w = ctx;
	return ((store_override_fn)w->fn)(w->ctx, col_str(st, 0), col_str(st, 1),
					  sqlite3_column_int64(st, 2), e);
}

static int override_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct route_walk *w = t->args;
	int64_t org = *(const int64_t *)w->args;
	return db_each(s, e, t->op, override_row, w,
		       "SELECT j.decision, j.reason_code, count(*) FROM judgements j"
		       " JOIN clients c ON c.id = j.client_id"
		       " WHERE (? = 0 OR c.org_id = ?) AND j.id = (SELECT MAX(k.id) FROM judgements k"
		       "  WHERE k.client_id = j.client_id AND k.subject = j.subject)"
		       " GROUP BY j.decision, j.reason_code ORDER BY j.decision, j.reason_code",
		       "ii", org, org);
}

int store_override_counts(struct store *s, const struct store_actor *who, int64_t org_id,
			  store_override_fn fn, void *ctx, struct err *e)
{
	struct route_walk w = { (void (*)(void))fn, ctx, &org_id };
	struct route_tx t = { "override counts", "read", "override_rate", who, 0, 0, false,
			      override_body, &w };
	return route_run(s, &t, NULL, e);
}

/* --- advice items ------------------------------------------------------------- */

static int advice_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct route_walk *w = ctx;
	struct store_advice a = {
		.id = sqlite3_column_int64(st, 0),
		.client_id = sqlite3_column_int64(st, 1),
		.type = col_str(st, 2),
		.text = col_str(st, 3),
		.learnability = col_str(st, 4),
		.learnability_note = col_str(st, 5),
		.source_kind = col_str(st, 6),
		.source_code = col_str(st, 7),
		.created_by = sqlite3_column_int64(st, 8),
		.created_at = col_str(st, 9),
		.status = col_str(st, 10),
		.status_reason = col_str(st, 11),
		.decided_by_name = col_str(st, 12),
		.decided_at = col_str(st, 13),
	};
	return ((store_advice_fn)w->fn)(w->ctx, &a, e);
}

static int advice_each_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	return db_each(s, e, t->op, advice_row, t->args,
		       "SELECT i.id, i.client_id, i.type, i.text, i.learnability, i.learnability_note,"
		       " i.source_kind, i.source_code, i.created_by, i.created_at,"
		       " COALESCE(d.status, 'proposed'), d.reason, u.display_name, d.decided_at"
		       " FROM advice_items i"
		       " LEFT JOIN advice_decisions d ON d.id = (SELECT MAX(x.id) FROM advice_decisions x"
		       "  WHERE x.advice_id = i.id)"
		       " LEFT JOIN users u ON u.id = d.decided_by"
		       " WHERE i.client_id = ? ORDER BY i.id",
		       "i", t->client_id);
}

int store_advice_each(struct store *s, const struct store_actor *who, int64_t client_id,
		      store_advice_fn fn, void *ctx, struct err *e)
{
	struct route_walk w = { (void (*)(void))fn, ctx, NULL };
	struct route_tx t = { "advice read", "read", "advice", who, client_id, 0, true,
			      advice_each_body, &w };
	return route_run(s, &t, NULL, e);
}

/* --- trajectplan ------------------------------------------------------------------ */

struct plan_get {
	struct store_trajectplan *out;
	struct arena *a;
	struct store_plan_activity *v;
	size_t n;
};

static int activity_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	(void)e;
	struct plan_get *g = ctx;
	struct store_plan_activity *a = &g->v[g->n++];
	a->instrument_id = db_col_text(st, 0, g->a);
	a->text = db_col_text(st, 1, g->a);
	a->provider = db_col_text(st, 2, g->a);
	a->start_date = db_col_text(st, 3, g->a);
	a->hours_per_week = col_real(st, 4);
	return IPM_OK;
}

static int plan_get_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct plan_get *g = t->args;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, t->op, &st,
			  "SELECT p.id, p.goal, p.target_occupation, p.note, p.created_by,"
			  " u.display_name, p.created_at,"
			  " (SELECT count(*) FROM plan_activities a WHERE a.plan_id = p.id)"
			  " FROM trajectplans p LEFT JOIN users u ON u.id = p.created_by"
			  " WHERE p.client_id = ? ORDER BY p.id DESC LIMIT 1",
			  "i", t->client_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no trajectplan saved", t->op);
	if (rc != IPM_OK)
		return rc;
	struct store_trajectplan *p = g->out;
	p->id = t->entity_id = sqlite3_column_int64(st, 0);
	p->client_id = t->client_id;
	p->goal = db_col_text(st, 1, g->a);
	p->target_occupation = db_col_text(st, 2, g->a);
	p->note = db_col_text(st, 3, g->a);
	p->created_by = sqlite3_column_int64(st, 4);
	p->created_by_name = db_col_text(st, 5, g->a);
	p->created_at = db_col_text(st, 6, g->a);
	size_t n = (size_t)sqlite3_column_int64(st, 7);
	db_done(s, st);
	g->v = arena_alloc(g->a, (n ? n : 1) * sizeof *g->v);
	rc = db_each(s, e, t->op, activity_row, g,
		     "SELECT instrument_id, text, provider, start_date, hours_per_week"
		     " FROM plan_activities WHERE plan_id = ? ORDER BY seq LIMIT ?",
		     "ii", p->id, (int64_t)n);
	p->activities = g->v;
	p->n_activities = g->n;
	return rc;
}

int store_trajectplan_get(struct store *s, const struct store_actor *who, int64_t client_id,
			  struct store_trajectplan *out, struct arena *a, struct err *e)
{
	*out = (struct store_trajectplan){ 0 };
	struct plan_get g = { out, a, NULL, 0 };
	struct route_tx t = { "trajectplan read", "read", "trajectplan", who, client_id, 0, true,
			      plan_get_body, &g };
	return route_run(s, &t, NULL, e);
}

/* --- jobcoaching advice ---------------------------------------------------------- */

struct jobcoach_get {
	struct store_jobcoach *out;
	struct arena *a;
};

static int jobcoach_get_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct jobcoach_get *g = t->args;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, t->op, &st,
			  "SELECT j.id, j.advised, j.grade, j.percent, j.contract_hours,"
			  " j.hours_per_week, j.pack_id, j.pack_version, j.interventions, j.kenmerken,"
			  " j.note, j.created_by, u.display_name, j.created_at"
			  " FROM jobcoach_advice j LEFT JOIN users u ON u.id = j.created_by"
			  " WHERE j.client_id = ? ORDER BY j.id DESC LIMIT 1",
			  "i", t->client_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no jobcoaching advice saved", t->op);
	if (rc != IPM_OK)
		return rc;
	struct store_jobcoach *j = g->out;
	j->id = t->entity_id = sqlite3_column_int64(st, 0);
	j->client_id = t->client_id;
	j->advised = sqlite3_column_int(st, 1);
	j->grade = db_col_text(st, 2, g->a);
	j->percent = col_real(st, 3);
	j->contract_hours = col_real(st, 4);
	j->hours_per_week = col_real(st, 5);
	j->pack_id = db_col_text(st, 6, g->a);
	j->pack_version = db_col_text(st, 7, g->a);
	j->interventions = db_col_text(st, 8, g->a);
	j->kenmerken = db_col_text(st, 9, g->a);
	j->note = db_col_text(st, 10, g->a);
	j->created_by = sqlite3_column_int64(st, 11);
	j->created_by_name = db_col_text(st, 12, g->a);
	j->created_at = db_col_text(st, 13, g->a);
	db_done(s, st);
	return IPM_OK;
}

int store_jobcoach_get(struct store *s, const struct store_actor *who, int64_t client_id,
		       struct store_jobcoach *out, struct arena *a, struct err *e)
{
	*out = (struct store_jobcoach){ 0 };
	struct jobcoach_get g = { out, a };
	struct route_tx t = { "jobcoach read", "read", "jobcoach_advice", who, client_id, 0, true,
			      jobcoach_get_body, &g };
	return route_run(s, &t, NULL, e);
}

/* --- issued reports ------------------------------------------------------------ */

#define REPORT_COLUMNS                                                                    \
	"r.id, r.client_id, r.version, r.format, r.sha256, length(r.bytes), r.report_date,"  \
	" r.issued_by, u.display_name, r.issued_at"

/* The columns of REPORT_COLUMNS; strings from `a`, or borrowed when a is NULL. */
static void report_from_row(sqlite3_stmt *st, struct store_report *r, struct arena *a)
{
	const char **text[] = { &r->version, &r->format, &r->sha256 };
	r->id = sqlite3_column_int64(st, 0);
	r->client_id = sqlite3_column_int64(st, 1);
	for (int i = 0; i < 3; i++)
		*text[i] = a ? db_col_text(st, 2 + i, a) : col_str(st, 2 + i);
	r->n_bytes = (size_t)sqlite3_column_int64(st, 5);
	r->report_date = a ? db_col_text(st, 6, a) : col_str(st, 6);
	r->issued_by = sqlite3_column_int64(st, 7);
	r->issued_by_name = a ? db_col_text(st, 8, a) : col_str(st, 8);
	r->issued_at = a ? db_col_text(st, 9, a) : col_str(st, 9);
}

struct report_get {
	struct store_report *out;
	struct arena *a;
};

static int report_get_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	struct report_get *g = t->args;
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, t->op, &st,
			  "SELECT " REPORT_COLUMNS ", r.bytes, r.doc, r.versions FROM reports r"
			  " LEFT JOIN users u ON u.id = r.issued_by WHERE r.id = ?",
			  "i", t->entity_id);
	if (rc == IPM_ENOTFOUND)
		return err_set(e, rc, "%s: no report with that id", t->op);
	if (rc != IPM_OK)
		return rc;
	struct store_report *r = g->out;
	report_from_row(st, r, g->a);
	unsigned char *bytes = arena_alloc(g->a, r->n_bytes ? r->n_bytes : 1);
	if (r->n_bytes)
		memcpy(bytes, sqlite3_column_blob(st, 10), r->n_bytes);
	r->bytes = bytes;
	r->doc = db_col_text(st, 11, g->a);
	r->versions = db_col_text(st, 12, g->a);
	db_done(s, st);
	/* Asked as one client's: another client's report is not there, and
	 * no read of it is audited. */
	if (t->client_id && r->client_id != t->client_id)
		return err_set(e, IPM_ENOTFOUND, "%s: no report of this client with that id", t->op);
	t->client_id = r->client_id;
	return IPM_OK;
}

static int report_get(struct store *s, const struct store_actor *who, int64_t client_id,
		      int64_t report_id, struct store_report *out, struct arena *a, struct err *e)
{
	*out = (struct store_report){ 0 };
	struct report_get g = { out, a };
	struct route_tx t = { "report read", "read", "report", who, client_id, report_id, false,
			      report_get_body, &g };
	return route_run(s, &t, NULL, e);
}

int store_report_get(struct store *s, const struct store_actor *who, int64_t report_id,
		     struct store_report *out, struct arena *a, struct err *e)
{
	return report_get(s, who, 0, report_id, out, a, e);
}

int store_client_report_get(struct store *s, const struct store_actor *who, int64_t client_id,
			    int64_t report_id, struct store_report *out, struct arena *a,
			    struct err *e)
{
	if (client_id <= 0)
		return err_set(e, IPM_ENOTFOUND, "report read: no client with that id");
	return report_get(s, who, client_id, report_id, out, a, e);
}

static int report_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	struct route_walk *w = ctx;
	struct store_report r = { 0 };
	report_from_row(st, &r, NULL);
	return ((store_report_fn)w->fn)(w->ctx, &r, e);
}

static int reports_body(struct store *s, struct route_tx *t, const char *now, struct err *e)
{
	(void)now;
	return db_each(s, e, t->op, report_row, t->args,
		       "SELECT " REPORT_COLUMNS " FROM reports r"
		       " LEFT JOIN users u ON u.id = r.issued_by WHERE r.client_id = ? ORDER BY r.id",
		       "i", t->client_id);
}

int store_reports_each(struct store *s, const struct store_actor *who, int64_t client_id,
		       store_report_fn fn, void *ctx, struct err *e)
{
	struct route_walk w = { (void (*)(void))fn, ctx, NULL };
	struct route_tx t = { "reports read", "read", "report", who, client_id, 0, true,
			      reports_body, &w };
	return route_run(s, &t, NULL, e);
}
