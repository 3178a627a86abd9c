/* /clients/{id}/judgement: step 5 of the route. Every computed outcome
 * (services/outcomes.h) with the computed value, unchanged, beside the
 * professional's current decision, and a form to accept it or override it
 * with a value, a reason code (services/judgement.h) and a written reason;
 * the history of every subject below it. The POST takes the computed value
 * and its source from the server, never from the form. */
#include "services/judgement.h"
#include "services/outcomes.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <string.h>

static const struct web_text texts[] = {
	{ "heading", N_("Judgement") },
	{ "intro", N_("You have the final say. Accept each computed outcome or override it with "
		      "a reason. The computed value is kept unchanged beside your decision.") },
	{ "computed", N_("Computed") },
	{ "decision", N_("Your decision") },
	{ "none_yet", N_("Not judged yet") },
	{ "accepted", N_("Accepted") },
	{ "overridden", N_("Overridden") },
	{ "accept", N_("Accept") },
	{ "override", N_("Override") },
	{ "value", N_("Your value") },
	{ "reason_code", N_("Reason") },
	{ "reason_text", N_("Explanation") },
	{ "reason_hint", N_("Required for an override; a note with an acceptance is optional.") },
	{ "choose", N_("Choose…") },
	{ "history", N_("History") },
	{ "by", N_("by") },
	{ "none", N_("There is nothing computed to judge yet.") },
	{ "special", N_("Special category data") },
};

static const char *const group_msgids[OUTCOME_GROUPS] = {
	[OUTCOME_PHASE] = N_("Career stage"),
	[OUTCOME_BAND] = N_("Prognosis"),
	[OUTCOME_FACTOR] = N_("Factor ratings"),
	[OUTCOME_DERIVED] = N_("Suggestions derived from earlier steps"),
	[OUTCOME_BIGFIVE] = N_("Personality (Big Five)"),
};

struct hist {
	struct web_request *req;
	json_t *by_subject; /* subject -> {current, history[]} */
	const struct outcome *o;
	size_t n;
	enum q_lang lang;
};

static const struct outcome *find(const struct outcome *o, size_t n, const char *subject)
{
	for (size_t i = 0; subject && i < n; i++)
		if (!strcmp(o[i].subject, subject))
			return &o[i];
	return NULL;
}

static int decision_seen(void *ctx, const struct store_judgement *j, struct err *e)
{
	(void)e;
	struct hist *h = ctx;
	const struct outcome *o = find(h->o, h->n, j->subject);
	json_t *s = json_object_get(h->by_subject, j->subject);
	if (!s) {
		s = json_pack("{s:o}", "history", json_array());
		json_object_set_new(h->by_subject, j->subject, s);
	}
	bool over = !strcmp(j->decision, "override");
	json_t *d = json_object();
	json_object_set_new(d, "override", json_boolean(over));
	web_view_set(d, "decision", web_text(h->req, over ? N_("Overridden") : N_("Accepted")));
	web_view_set(d, "computed", o ? outcome_value_label(o, j->computed, h->lang) : j->computed);
	if (over)
		web_view_set(d, "value", o ? outcome_value_label(o, j->value, h->lang) : j->value);
	const struct judgement_reason *why = judgement_reason_find(j->reason_code);
	web_view_set(d, "reason", why ? q_text_get(&why->label, h->lang) : NULL);
	web_view_set(d, "text", j->reason_text);
	web_view_set(d, "by", j->decided_by_name);
	/* "2026-11-23 17:36": to the minute, as people read it. */
	char *at = j->decided_at ? arena_strndup(&h->req->arena, j->decided_at, 16) : NULL;
	if (at && strlen(at) > 10 && at[10] == 'T')
		at[10] = ' ';
	web_view_set(d, "at", at);
	/* Oldest first per subject: the last one is current. */
	json_object_set(s, "current", d);
	json_array_append_new(json_object_get(s, "history"), d);
	return IPM_OK;
}

static void anchor(struct buf *b, const char *subject)
{
	buf_puts(b, "j-");
	for (const char *c = subject; *c; c++)
		buf_putc(b, *c == ':' || *c == '.' ? '-' : *c);
}

static json_t *outcome_json(const struct outcome *o, json_t *state,
			    enum q_lang lang, const char *error_subject, const char *error)
{
	json_t *x = json_object();
	struct buf id = BUF_INIT;
	anchor(&id, o->subject);
	web_view_set(x, "anchor", id.data);
	buf_free(&id);
	web_view_set(x, "subject", o->subject);
	web_view_set(x, "label", q_text_get(&o->label, lang));
	web_view_set(x, "computed", outcome_value_label(o, o->computed, lang));
	web_view_set(x, "note", o->note);
	json_object_set_new(x, "special", json_boolean(o->special));
	json_t *vals = json_array();
	for (size_t k = 0; k < o->n_values; k++) {
		if (!strcmp(o->values[k].code, o->computed))
			continue; /* overriding with the computed value is agreeing */
		json_t *v = json_object();
		web_view_set(v, "code", o->values[k].code);
		web_view_set(v, "label", q_text_get(&o->values[k].label, lang));
		json_array_append_new(vals, v);
	}
	json_object_set_new(x, "values", vals);
	json_t *reasons = json_array();
	for (size_t k = 0; k < judgement_reason_count; k++) {
		json_t *r = json_object();
		web_view_set(r, "code", judgement_reasons[k].code);
		web_view_set(r, "label", q_text_get(&judgement_reasons[k].label, lang));
		json_array_append_new(reasons, r);
	}
	json_object_set_new(x, "reasons", reasons);
	if (state) {
		json_object_set(x, "current", json_object_get(state, "current"));
		json_t *h = json_object_get(state, "history");
		if (json_array_size(h) > 1) {
			json_object_set_new(x, "has_history", json_true());
			json_object_set(x, "history", h);
		}
	}
	if (error_subject && !strcmp(error_subject, o->subject))
		web_view_set(x, "error", error);
	return x;
}

static int show(struct web_request *req, struct client_page *cp, const char *error_subject,
		const char *error)
{
	struct outcome *o;
	size_t n;
	struct err e;
	int rc = outcomes_list(req->store, &cp->who, cp->id, cp->today, &req->arena, &o, &n, &e);
	if (rc)
		return rc;
	struct hist h = { req, json_object(), o, n, cp->lang };
	if ((rc = store_judgements_each(req->store, &cp->who, cp->id, false, decision_seen, &h,
					&e))) {
		json_decref(h.by_subject);
		return rc;
	}
	int sensitive = access_allows(req->user.role, PERM_SENSITIVE);
	json_t *v = web_view(req);
	client_page_view(req, cp, v, "judgement");
	web_view_set(v, "action", client_page_href(req, cp->id, "judgement"));
	json_t *groups = json_array();
	for (int g = 0; g < OUTCOME_GROUPS; g++) {
		json_t *items = json_array();
		for (size_t i = 0; i < n; i++)
			if (o[i].group == (enum outcome_group)g && (!o[i].special || sensitive))
				json_array_append_new(
					items, outcome_json(&o[i],
							    json_object_get(h.by_subject, o[i].subject),
							    cp->lang, error_subject, error));
		if (!json_array_size(items)) {
			json_decref(items);
			continue;
		}
		json_t *gr = json_object();
		web_view_set(gr, "label", web_text(req, group_msgids[g]));
		/* One outcome named like its group: the group's heading says it. */
		json_t *first = json_array_get(items, 0);
		if (json_array_size(items) == 1 &&
		    !strcmp(json_string_value(json_object_get(first, "label")),
			    web_text(req, group_msgids[g])))
			json_object_set_new(first, "same_as_group", json_true());
		json_object_set_new(gr, "items", items);
		json_array_append_new(groups, gr);
	}
	json_object_set_new(v, "any", json_boolean(json_array_size(groups) > 0));
	json_object_set_new(v, "groups", groups);
	json_decref(h.by_subject);
	WEB_TEXTS(req, v, texts);
	return web_render(req, "judgement", N_("Judgement"), v);
}

int page_judgement(struct web_request *req)
{
	struct client_page cp;
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "judgement", &cp);
	return rc ? rc : show(req, &cp, NULL, NULL);
}

static const char *nonblank(const char *s)
{
	for (const char *c = s; c && *c; c++)
		if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n')
			return s;
	return NULL;
}

int page_judgement_save(struct web_request *req)
{
	struct client_page cp;
	struct outcome *o;
	size_t n;
	struct err e;
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "judgement", &cp);
	if (rc || (rc = outcomes_list(req->store, &cp.who, cp.id, cp.today, &req->arena, &o, &n,
				      &e)))
		return rc;
	const char *subject = form_get(&req->form, "subject");
	const struct outcome *out = find(o, n, subject);
	if (!out || (out->special && !access_allows(req->user.role, PERM_SENSITIVE)))
		return IPM_EINVAL;
	const char *decision = form_get(&req->form, "decision");
	bool over = decision && !strcmp(decision, "override");
	struct store_judgement j = {
		.client_id = cp.id,
		.subject = out->subject,
		.computed = out->computed,
		.source = out->source,
		.decision = decision,
		.value = over ? nonblank(form_get(&req->form, "value")) : NULL,
		.reason_code = over ? nonblank(form_get(&req->form, "reason_code")) : NULL,
		.reason_text = nonblank(form_get(&req->form, "reason_text")),
	};
	rc = judgement_record(req->store, &cp.who, &j, NULL, &e);
	if (rc == IPM_EINVAL) {
		/* The form again, with what is missing next to the outcome. */
		req->status = MHD_HTTP_BAD_REQUEST;
		return show(req, &cp, out->subject,
			    web_text(req, N_("An override needs a value other than the computed "
					     "one, a reason and an explanation.")));
	}
	if (rc)
		return rc;
	struct buf to = BUF_INIT;
	buf_puts(&to, "judgement#");
	anchor(&to, out->subject);
	rc = web_redirect(req, client_page_href(req, cp.id, buf_str(&to)));
	buf_free(&to);
	return rc;
}
