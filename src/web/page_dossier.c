/* /clients/{id}: a client's dossier — personalia, the route as a timeline of
 * what exists, and the special-category fields for roles that may see them.
 *
 * Access goes through services/access.c. Someone outside the caseload whose
 * role may break the glass gets a form asking why; the POST with a reason
 * shows the dossier once, and every read it causes is audited with that
 * reason. */
#include "core/log.h"
#include "services/sensitive.h"
#include "web/client_page.h"
#include "web/pages.h"
#include "web/view.h"

#include <sodium.h>
#include <string.h>

#define REASON_MIN 10
#define REASON_MAX 500

static const struct web_text texts[] = {
	{ "reference", N_("Client number") },
	{ "birth_date", N_("Date of birth") },
	{ "benefit", N_("Benefit") },
	{ "benefit_start", N_("Since") },
	{ "language_level", N_("Dutch language level") },
	{ "route_language", N_("Language of the route") },
	{ "contact", N_("Contact") },
	{ "personal", N_("Personal details") },
	{ "route", N_("Route") },
	{ "route_intro", N_("What has been done so far, step by step.") },
	{ "sensitive", N_("Special category data") },
	{ "sensitive_none", N_("None recorded.") },
	{ "sensitive_locked", N_("Recorded, encrypted. The key is not loaded on this server.") },
	{ "sensitive_unreadable", N_("Recorded, but it cannot be opened: it is damaged or was "
				     "sealed for another client. Tell your administrator.") },
	{ "tests_hidden", N_("Test details are not shown for your role; the conclusions are.") },
	{ "glass", N_("You opened this file outside your caseload. Your reason is recorded with "
		      "every look at it.") },
	{ "steps_label", N_("Route steps") },
	{ "privacy", N_("Privacy") },
	{ "inzage", N_("Everything stored about this client (inzage)") },
	{ "retention", N_("Retention and erasure") },
};

static const struct web_text glass_texts[] = {
	{ "heading", N_("Not in your caseload") },
	{ "intro", N_("This client is not in your caseload. In an exceptional situation you may "
		      "open the file anyway. Write down why; your reason is recorded with every "
		      "look at the file and your organisation reviews it.") },
	{ "reason", N_("Reason for exceptional access") },
	{ "reason_hint", N_("At least 10 characters, for example the situation and who asked.") },
	{ "submit", N_("Open the file and record my reason") },
	{ "back", N_("Back to my clients") },
};

struct packs {
	int64_t bigfive_done, bigfive_open, career_done, career_open, factors_done, factors_open;
};

static int pack_seen(void *ctx, const char *pack_id, int64_t done, int64_t open, struct err *e)
{
	(void)e;
	struct packs *p = ctx;
	if (strcmp(pack_id, "ipip-neo-120") == 0) {
		p->bigfive_done += done;
		p->bigfive_open += open;
	} else if (strcmp(pack_id, "ipm-factors") == 0) {
		p->factors_done += done;
		p->factors_open += open;
	} else {
		p->career_done += done;
		p->career_open += open;
	}
	return IPM_OK;
}

/* "%lld thing(s)" translated and filled in, as an arena string. */
static const char *countf(struct web_request *req, const char *fmt, int64_t n)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, web_text(req, fmt), (long long)n);
	const char *s = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return s;
}

/* One step of the timeline: done when something exists, open when a
 * questionnaire was started and not finished; `what` says what exists;
 * `href` is the step's page when the role may open it (else NULL). */
static void step(struct web_request *req, json_t *list, const char *title, const char *href,
		 int64_t done, int64_t open, const char *what)
{
	json_t *o = json_object();
	web_view_set(o, "title", web_text(req, title));
	web_view_set(o, "href", href);
	web_view_set(o, "state", done ? "done" : open ? "open" : "todo");
	web_view_set(o, "state_label",
		     web_text(req, done ? N_("done") : open ? N_("in progress") : N_("not yet")));
	web_view_set(o, "what", done || open ? what : NULL);
	json_array_append_new(list, o);
}

/* The page of a step, for a role that may open it; under exceptional
 * access none (those pages refuse it). */
static const char *step_href(struct web_request *req, int64_t id, int glass, const char *page)
{
	return glass ? NULL : client_page_step_href(req, id, page);
}

static void timeline(struct web_request *req, json_t *v, int64_t id, int glass,
		     const struct store_dossier_counts *c, const struct packs *p, int details)
{
	json_t *list = json_array();
	const char *questionnaires = step_href(req, id, glass, "questionnaires");
	/* The interview for who may hold it, else its outcome. */
	const char *ipm = step_href(req, id, glass, "factors");
	if (!ipm)
		ipm = step_href(req, id, glass, "prognosis");
	/* Without test details the questionnaire steps say only whether they
	 * were done, not what was taken. The intake's record is this page;
	 * follow-up (outcomes) has no page of its own yet. */
	step(req, list, N_("Intake"), "#h-personal", 1, 0,
	     web_text(req, c->consents ? N_("Client record and consent")
				       : N_("Client record; no consent recorded yet")));
	step(req, list, N_("Session 2: career phase and personality"), questionnaires,
	     p->bigfive_done, p->bigfive_open,
	     details ? countf(req, N_("%lld Big Five questionnaire(s) completed"), p->bigfive_done)
		     : NULL);
	step(req, list, N_("Session 3: CV, anchors, interests, culture, job"), questionnaires,
	     p->career_done + c->cvs, p->career_open,
	     details ? countf(req, N_("%lld questionnaire(s) or CV"), p->career_done + c->cvs)
		     : NULL);
	step(req, list, N_("I.P.M.: factors and prognosis"), ipm, p->factors_done + c->prognoses,
	     p->factors_open, countf(req, N_("%lld prognosis/prognoses"), c->prognoses));
	step(req, list, N_("Judgement"), step_href(req, id, glass, "judgement"), c->judgements, 0,
	     countf(req, N_("%lld decision(s)"), c->judgements));
	step(req, list, N_("Advice and plan"), step_href(req, id, glass, "instruments"),
	     c->advice + c->plans + c->jobcoach, 0,
	     countf(req, N_("%lld advice item(s), plan version(s) or jobcoaching advice"),
		    c->advice + c->plans + c->jobcoach));
	step(req, list, N_("Report"), step_href(req, id, glass, "reports"), c->reports, 0,
	     countf(req, N_("%lld report(s) issued"), c->reports));
	step(req, list, N_("Follow-up"), NULL, c->outcomes, 0,
	     countf(req, N_("%lld outcome(s) recorded"), c->outcomes));
	json_object_set_new(v, "timeline", list);
}

static void personal(json_t *v, const struct store_client *c, struct web_request *req)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s", c->given_name, c->family_name);
	web_view_set(v, "name", b.data);
	buf_free(&b);
	web_view_set(v, "reference", c->reference);
	web_view_set(v, "birth_date", c->birth_date);
	web_view_set(v, "benefit", c->benefit_type);
	web_view_set(v, "benefit_start", c->benefit_start);
	web_view_set(v, "language_level", c->language_level);
	web_view_set(v, "route_language", c->route_language);
	web_view_set(v, "email", c->email);
	web_view_set(v, "phone", c->phone);
	web_view_set(v, "step", web_step_label(req, c->route_step));
}

static int sensitive(struct web_request *req, json_t *v, const struct store_client *c)
{
	if (!access_allows(req->user.role, PERM_SENSITIVE))
		return IPM_OK;
	json_object_set_new(v, "may_see_sensitive", json_true());
	if (!c->sensitive || !c->sensitive_len)
		return IPM_OK;
	if (!req->app->have_key) {
		json_object_set_new(v, "sensitive_locked", json_true());
		return IPM_OK;
	}
	struct buf plain = BUF_INIT;
	struct err e;
	/* A field that does not open (damaged, or a blob copied from another
	 * client's row) is said so; the rest of the dossier still shows. */
	if (sensitive_open(&req->app->key, c->org_id, c->reference, c->sensitive,
			   c->sensitive_len, &plain, &e) == IPM_OK) {
		web_view_set(v, "sensitive", plain.data);
	} else {
		json_object_set_new(v, "sensitive_unreadable", json_true());
		log_event(LOG_ERROR, "web.sensitive_unreadable", "client=%lld",
			  (long long)c->id);
	}
	if (plain.data)
		sodium_memzero(plain.data, plain.cap);
	buf_free(&plain);
	return IPM_OK;
}

/* What the page reads, in one transaction (store_batch_read): one view of
 * the dossier, its audit rows committed together. */
struct dossier_reads {
	struct web_request *req;
	int64_t id;
	struct store_actor who;
	struct store_client c;
	struct store_dossier_counts counts;
	struct packs packs;
};

static int dossier_reads(struct store *s, void *ctx, struct err *e)
{
	struct dossier_reads *r = ctx;
	int rc = store_client_get(s, &r->who, r->id, &r->c, &r->req->arena, e);
	if (rc == IPM_OK)
		rc = store_dossier_counts(s, &r->who, r->id, &r->counts, pack_seen, &r->packs, e);
	return rc;
}

static int show(struct web_request *req, int64_t id, const char *reason)
{
	struct access_grant g;
	struct err e;
	int rc = access_client(req->store, &req->user, id, PERM_DOSSIER_READ, reason, "client",
			       &g, &e);
	if (rc == IPM_EPERM && access_allows(req->user.role, PERM_BREAK_GLASS)) {
		json_t *v = web_view(req);
		struct buf action = BUF_INIT;
		buf_printf(&action, "/clients/%lld", (long long)id);
		web_view_set(v, "action", action.data);
		buf_free(&action);
		if (reason)
			web_view_set(v, "error", web_text(req, N_("Write a reason of at least 10 "
								  "characters.")));
		WEB_TEXTS(req, v, glass_texts);
		req->status = MHD_HTTP_FORBIDDEN;
		return web_render(req, "glass", N_("Not in your caseload"), v);
	}
	if (rc)
		return rc;
	struct dossier_reads r = { .req = req, .id = id,
				   .who = { .user_id = req->user.user_id,
					    .reason = g.break_glass ? reason : NULL } };
	rc = store_batch_read(req->store, "dossier", dossier_reads, &r, &e);
	if (rc)
		return rc;
	const struct store_client c = r.c;
	const struct store_dossier_counts counts = r.counts;
	const struct packs packs = r.packs;
	int details = access_allows(req->user.role, PERM_TEST_DETAILS);
	json_t *v = web_view(req);
	personal(v, &c, req);
	/* The steps' pages refuse exceptional access: no tabs to them then. */
	if (!g.break_glass) {
		struct client_page cp = { .id = id, .c = c };
		client_page_view(req, &cp, v, "");
	}
	timeline(req, v, id, g.break_glass, &counts, &packs, details);
	json_object_set_new(v, "break_glass", json_boolean(g.break_glass));
	json_object_set_new(v, "test_details", json_boolean(details));
	/* The client's rights (pages_admin.h): not in a break-the-glass look. */
	if (!g.break_glass && details)
		web_view_set(v, "inzage_href", client_page_href(req, id, "inzage"));
	if (!g.break_glass && access_allows(req->user.role, PERM_DOSSIER_WRITE))
		web_view_set(v, "retention_href", client_page_href(req, id, "erasure"));
	rc = sensitive(req, v, &c);
	if (rc) {
		json_decref(v);
		return rc;
	}
	WEB_TEXTS(req, v, texts);
	return web_render(req, "dossier", N_("Client file"), v);
}

int page_dossier(struct web_request *req)
{
	int64_t id = web_param_id(req, "id");
	return id < 0 ? IPM_ENOTFOUND : show(req, id, NULL);
}

int page_dossier_reason(struct web_request *req)
{
	int64_t id = web_param_id(req, "id");
	if (id < 0)
		return IPM_ENOTFOUND;
	const char *reason = form_get(&req->form, "reason");
	size_t n = reason ? strlen(reason) : 0;
	/* A reason too short to mean anything asks again (and is not a reason). */
	if (n < REASON_MIN || n > REASON_MAX)
		return show(req, id, "");
	return show(req, id, reason);
}
