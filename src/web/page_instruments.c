/* /clients/{id}/instruments: step 6 of the route. The Sol intermediate
 * goals and the ranked instruments of the organisation's catalogue with the
 * reasons that put them there ("past bij: …"), and the jobcoach
 * interventions with who carries them out (services/match.h, as `ipm match
 * --client`); the current trajectplan, to which an instrument is added as
 * an activity (services/plan.h: a new version of the plan), and the advice
 * items (services/advice.h: randvoorwaarde or ontwikkelpunt with its
 * learnability; a rejection needs a written reason). The jobcoach reads;
 * only roles that may change the dossier get the forms. */
#include "services/advice.h"
#include "services/match.h"
#include "services/plan.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define INSTRUMENTS_SHOWN 15

static const struct web_text texts[] = {
	{ "heading", N_("Matched instruments") },
	{ "intro", N_("Goals and instruments from your organisation's catalogue that fit what "
		      "hinders this client, best first, each with why it fits.") },
	{ "goals", N_("Intermediate goals") },
	{ "instruments", N_("Instruments") },
	{ "fits", N_("Fits") },
	{ "provider", N_("Provider") },
	{ "interventions", N_("Job coaching: interventions") },
	{ "executor", N_("Carried out by") },
	{ "suggested", N_("suggested by the factors") },
	{ "none_goals", N_("No hindering factors, so no intermediate goals.") },
	{ "none_instruments", N_("No published instrument in the catalogue fits.") },
	{ "no_interview", N_("Matching needs a finished factor interview.") },
	{ "tile", N_("Current tile of the work landscape") },
	{ "any_tile", N_("No tile chosen") },
	{ "apply", N_("Apply") },
	{ "default_model", N_("The needs are weighed with the default model (not calibrated).") },
	{ "plan", N_("Trajectplan") },
	{ "plan_none", N_("There is no trajectplan yet.") },
	{ "plan_goal", N_("Goal of the plan") },
	{ "add", N_("Add to the trajectplan") },
	{ "start", N_("Start date") },
	{ "hours", N_("Hours of guidance per week (optional)") },
	{ "activities", N_("Activities") },
	{ "advice", N_("Advice items") },
	{ "advice_none", N_("No advice items yet.") },
	{ "type", N_("Type") },
	{ "randvoorwaarde", N_("Condition (the workplace adapts)") },
	{ "ontwikkelpunt", N_("Development point (the client learns)") },
	{ "text", N_("Text") },
	{ "learnability", N_("Learnability (development point only)") },
	{ "learn_note", N_("Note on learnability") },
	{ "goed", N_("good") },
	{ "matig", N_("moderate") },
	{ "beperkt", N_("limited") },
	{ "add_advice", N_("Add the advice item") },
	{ "accept", N_("Accept") },
	{ "reject", N_("Reject") },
	{ "reject_reason", N_("Reason for rejecting (required)") },
	{ "status", N_("Status") },
	{ "hint_condition", N_("Hardly learnable: consider making this a condition.") },
	{ "choose", N_("Choose…") },
	{ "error", N_("Not saved: fill in every required field.") },
};

static const char *status_label(struct web_request *req, const char *status)
{
	if (status && !strcmp(status, "accepted"))
		return web_text(req, N_("accepted"));
	if (status && !strcmp(status, "rejected"))
		return web_text(req, N_("rejected"));
	return web_text(req, N_("proposed"));
}

static json_t *reasons_json(const struct match_reason *r, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(r[i].text_nl));
	return a;
}

static void matching(struct web_request *req, json_t *v, const struct match_made *m,
		     const struct client_page *cp)
{
	json_t *goals = json_array(), *ins = json_array(), *iv = json_array();
	for (size_t i = 0; i < m->r.n_goals; i++) {
		const struct match_goal *g = &m->r.goals[i];
		json_t *o = json_object();
		web_view_set(o, "code", g->def->code);
		web_view_set(o, "label", g->def->label_nl);
		json_object_set_new(o, "reasons", reasons_json(g->reasons, g->n_reasons));
		json_array_append_new(goals, o);
	}
	for (size_t i = 0; i < m->r.n_instruments; i++) {
		const struct match_instrument *x = &m->r.instruments[i];
		const struct cat_instrument *in = x->instrument;
		json_t *o = json_object();
		web_view_set(o, "id", in->id);
		web_view_set(o, "name", in->name);
		web_view_set(o, "summary", in->summary);
		struct buf href = BUF_INIT;
		buf_printf(&href, "/catalogue/%s", in->id);
		web_view_set(o, "href", href.data);
		buf_free(&href);
		const char *provider = in->provider;
		for (size_t k = 0; k < m->cat.n_providers; k++)
			if (!strcmp(m->cat.providers[k].id, in->provider))
				provider = m->cat.providers[k].name;
		web_view_set(o, "provider", provider);
		client_page_number(req, o, "score", x->score, 2);
		json_object_set_new(o, "reasons", reasons_json(x->reasons, x->n_reasons));
		web_view_set(o, "today", cp->today);
		json_array_append_new(ins, o);
	}
	for (size_t i = 0; i < m->r.n_interventions; i++) {
		const struct match_intervention *x = &m->r.interventions[i];
		json_t *o = json_object();
		web_view_set(o, "kenmerk", x->kenmerk->label_nl);
		web_view_set(o, "label", x->def->label_nl);
		web_view_set(o, "description", x->def->description_nl);
		const struct code_entry *ex = code_list_find(&m->ref.terms, x->def->executor);
		web_view_set(o, "executor", ex && ex->label_nl ? ex->label_nl : x->def->executor);
		json_object_set_new(o, "suggested", json_boolean(x->suggested));
		json_array_append_new(iv, o);
	}
	json_object_set_new(v, "any_goals", json_boolean(m->r.n_goals > 0));
	json_object_set_new(v, "goals", goals);
	json_object_set_new(v, "any_instruments", json_boolean(m->r.n_instruments > 0));
	json_object_set_new(v, "instruments", ins);
	json_object_set_new(v, "any_interventions", json_boolean(m->r.n_interventions > 0));
	json_object_set_new(v, "interventions", iv);
	json_object_set_new(v, "default_model", json_boolean(m->default_model));
	json_t *tiles = json_array();
	const char *chosen = web_query(req, "tile");
	for (size_t i = 0; i < m->ref.tiles.n; i++) {
		json_t *o = json_object();
		web_view_set(o, "code", m->ref.tiles.v[i].code);
		web_view_set(o, "label", m->ref.tiles.v[i].label_nl);
		json_object_set_new(o, "selected", json_boolean(chosen && !strcmp(chosen,
										m->ref.tiles.v[i].code)));
		json_array_append_new(tiles, o);
	}
	json_object_set_new(v, "tiles", tiles);
}

static int plan_json(struct web_request *req, const struct client_page *cp, json_t *v)
{
	struct store_trajectplan p;
	struct err e;
	int rc = store_trajectplan_get(req->store, &cp->who, cp->id, &p, &req->arena, &e);
	json_t *goals = json_array();
	static const char *const codes[] = { "werk", "beroep", "participatie", "zorg", "geen" };
	for (size_t i = 0; i < 5; i++) {
		json_t *o = json_object();
		web_view_set(o, "code", codes[i]);
		web_view_set(o, "label", plan_goal_label(codes[i], cp->lang));
		json_object_set_new(o, "selected",
				    json_boolean(rc == IPM_OK ? !strcmp(p.goal, codes[i]) : i == 0));
		json_array_append_new(goals, o);
	}
	json_object_set_new(v, "plan_goals", goals);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc)
		return rc;
	json_t *plan = json_object(), *acts = json_array();
	web_view_set(plan, "goal", plan_goal_label(p.goal, cp->lang));
	web_view_set(plan, "occupation", p.target_occupation);
	web_view_set(plan, "by", p.created_by_name);
	for (size_t i = 0; i < p.n_activities; i++) {
		const struct store_plan_activity *a = &p.activities[i];
		json_t *o = json_object();
		web_view_set(o, "text", a->text ? a->text : a->instrument_id);
		web_view_set(o, "provider", a->provider);
		web_view_set(o, "start", a->start_date);
		if (!isnan(a->hours_per_week))
			client_page_number(req, o, "hours", a->hours_per_week, 1);
		json_array_append_new(acts, o);
	}
	json_object_set_new(plan, "activities", acts);
	json_object_set_new(v, "plan", plan);
	return IPM_OK;
}

struct advice_ctx {
	struct web_request *req;
	const struct client_page *cp;
	json_t *list;
};

static int advice_row(void *ctx, const struct store_advice *a, struct err *e)
{
	(void)e;
	struct advice_ctx *x = ctx;
	struct web_request *req = x->req;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(a->id));
	web_view_set(o, "type", web_text(req, !strcmp(a->type, "randvoorwaarde")
						    ? N_("Condition (the workplace adapts)")
						    : N_("Development point (the client learns)")));
	web_view_set(o, "text", a->text);
	if (a->learnability)
		web_view_set(o, "learnability",
			     web_text(req, !strcmp(a->learnability, "goed")    ? N_("good")
					   : !strcmp(a->learnability, "matig") ? N_("moderate")
									       : N_("limited")));
	web_view_set(o, "learnability_note", a->learnability_note);
	web_view_set(o, "status", status_label(req, a->status));
	web_view_set(o, "status_reason", a->status_reason);
	web_view_set(o, "decided_by", a->decided_by_name);
	json_object_set_new(o, "open", json_boolean(!a->status || !strcmp(a->status, "proposed")));
	json_object_set_new(o, "hint_condition", json_boolean(advice_suggest_condition(a)));
	struct buf b = BUF_INIT;
	buf_printf(&b, "advice/%lld", (long long)a->id);
	web_view_set(o, "action", client_page_href(req, x->cp->id, b.data));
	buf_free(&b);
	json_array_append_new(x->list, o);
	return IPM_OK;
}

static int show(struct web_request *req, struct client_page *cp, bool error)
{
	struct match_made m;
	struct err e;
	const char *tile = web_query(req, "tile");
	/* A role that may not see special-category data gets a matching
	 * without those factors: a reason such as "door: Justitie" or an
	 * addiction service ranked first would tell it what it may not know. */
	struct match_options o = { .today = cp->today, .max = INSTRUMENTS_SHOWN,
				   .no_special = !access_allows(req->user.role, PERM_SENSITIVE) };
	if (tile && *tile) {
		const char **t = arena_alloc(&req->arena, sizeof *t);
		t[0] = tile;
		o.tiles = (struct cat_strs){ t, 1 };
	}
	int rc = match_for_client(req->store, &cp->who, req->app->data_dir, cp->id, &o, &m, &e);
	if (rc == IPM_EINVAL && tile) { /* an unknown tile: as if none was chosen */
		match_made_free(&m);
		o.tiles = (struct cat_strs){ 0 };
		rc = match_for_client(req->store, &cp->who, req->app->data_dir, cp->id, &o, &m, &e);
	}
	if (rc && rc != IPM_ENOTFOUND) {
		match_made_free(&m);
		return rc;
	}
	json_t *v = web_view(req);
	client_page_view(req, cp, v, "instruments");
	if (rc == IPM_ENOTFOUND)
		json_object_set_new(v, "no_interview", json_true());
	else
		matching(req, v, &m, cp);
	match_made_free(&m);
	int write = access_allows(req->user.role, PERM_DOSSIER_WRITE);
	json_object_set_new(v, "write", json_boolean(write));
	json_object_set_new(v, "error", json_boolean(error));
	web_view_set(v, "today", cp->today);
	web_view_set(v, "self", client_page_href(req, cp->id, "instruments"));
	web_view_set(v, "plan_action", client_page_href(req, cp->id, "plan"));
	web_view_set(v, "advice_action", client_page_href(req, cp->id, "advice"));
	struct advice_ctx ax = { req, cp, json_array() };
	json_object_set_new(v, "advice", ax.list);
	if ((rc = plan_json(req, cp, v)) ||
	    (rc = store_advice_each(req->store, &cp->who, cp->id, advice_row, &ax, &e))) {
		json_decref(v);
		return rc;
	}
	json_object_set_new(v, "any_advice", json_boolean(json_array_size(ax.list) > 0));
	WEB_TEXTS(req, v, texts);
	return web_render(req, "instruments", N_("Matched instruments"), v);
}

int page_instruments(struct web_request *req)
{
	struct client_page cp;
	int rc = client_page_open(req, PERM_CONCLUSIONS, "result", &cp);
	return rc ? rc : show(req, &cp, false);
}

static const char *field(struct web_request *req, const char *name)
{
	const char *s = form_get(&req->form, name);
	return s && *s ? s : NULL;
}

/* A new version of the plan: the activities so far and this one. */
int page_plan_add(struct web_request *req)
{
	struct client_page cp;
	struct store_trajectplan p = { 0 }, cur;
	struct err e;
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "trajectplan", &cp);
	if (rc)
		return rc;
	rc = store_trajectplan_get(req->store, &cp.who, cp.id, &cur, &req->arena, &e);
	if (rc && rc != IPM_ENOTFOUND)
		return rc;
	bool have = rc == IPM_OK;
	p = have ? cur : (struct store_trajectplan){ 0 };
	p.client_id = cp.id;
	const char *goal = field(req, "goal");
	if (goal)
		p.goal = goal;
	if (p.n_activities >= PLAN_ACTIVITIES_MAX)
		return IPM_EINVAL;
	struct store_plan_activity *acts =
		arena_array(&req->arena, p.n_activities + 1, sizeof *acts);
	if (p.n_activities)
		memcpy(acts, p.activities, p.n_activities * sizeof *acts);
	const char *hours = field(req, "hours");
	char *end = NULL;
	double h = hours ? strtod(hours, &end) : NAN;
	if (hours && (!end || *end))
		h = -1; /* not a number: plan_save names the field */
	acts[p.n_activities] = (struct store_plan_activity){
		.instrument_id = field(req, "instrument"),
		.text = field(req, "name"),
		.provider = field(req, "provider"),
		.start_date = field(req, "start"),
		.hours_per_week = h,
	};
	p.activities = acts;
	p.n_activities++;
	rc = plan_save(req->store, &cp.who, &p, NULL, &e);
	if (rc == IPM_EINVAL) {
		req->status = MHD_HTTP_BAD_REQUEST;
		return show(req, &cp, true);
	}
	return rc ? rc : web_redirect(req, client_page_href(req, cp.id, "instruments#plan"));
}

int page_advice_add(struct web_request *req)
{
	struct client_page cp;
	struct err e;
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "advice", &cp);
	if (rc)
		return rc;
	const char *type = field(req, "type");
	bool dev = type && !strcmp(type, "ontwikkelpunt");
	struct store_advice a = {
		.client_id = cp.id,
		.type = type,
		.text = field(req, "text"),
		.learnability = dev ? field(req, "learnability") : NULL,
		.learnability_note = dev ? field(req, "learnability_note") : NULL,
	};
	rc = advice_add(req->store, &cp.who, &a, NULL, &e);
	if (rc == IPM_EINVAL) {
		req->status = MHD_HTTP_BAD_REQUEST;
		return show(req, &cp, true);
	}
	return rc ? rc : web_redirect(req, client_page_href(req, cp.id, "instruments#advice"));
}

int page_advice_decide(struct web_request *req)
{
	struct client_page cp;
	struct err e;
	int64_t aid = web_param_id(req, "aid");
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "advice", &cp);
	if (rc)
		return rc;
	if (aid < 0)
		return IPM_ENOTFOUND;
	/* The item must be this client's: the store decides on an id alone. */
	struct advice_ctx ax = { req, &cp, json_array() };
	rc = store_advice_each(req->store, &cp.who, cp.id, advice_row, &ax, &e);
	bool mine = false;
	size_t i;
	json_t *o;
	json_array_foreach(ax.list, i, o)
		mine |= json_integer_value(json_object_get(o, "id")) == aid;
	json_decref(ax.list);
	if (rc)
		return rc;
	if (!mine)
		return IPM_ENOTFOUND;
	const char *status = field(req, "status");
	rc = advice_decide(req->store, &cp.who, aid, status, field(req, "reason"), &e);
	if (rc == IPM_EINVAL) {
		req->status = MHD_HTTP_BAD_REQUEST;
		return show(req, &cp, true);
	}
	return rc ? rc : web_redirect(req, client_page_href(req, cp.id, "instruments#advice"));
}
