/* /clients/{id}/factors: the I.P.M. factor interview (route step 4). Per
 * domain every factor with its question to the client (in the route's
 * language), the anchors of its rating, the professional's rating −2..+2,
 * its influence class, a mark on special-category factors, and for derived
 * factors the suggestion with its source, preselected but to be confirmed.
 * "Save" keeps the ratings in the open assessment (resumed next time);
 * "Save and finish" completes it and computes the prognosis, then shows the
 * profile. The work of it is services/interview.c. */
#include "services/interview.h"
#include "services/prognosis_store.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <string.h>

static const struct web_text texts[] = {
	{ "heading", N_("Factor interview") },
	{ "intro", N_("Ask the client each question, listen, and rate the factor together: from "
		      "-2 (strongly hindering) to +2 (strongly facilitating). Leave a factor "
		      "unrated when the client does not want to talk about it.") },
	{ "notice", N_("Suggestions come from earlier steps. They are proposals, not ratings: you "
		       "confirm or change each one with the client.") },
	{ "question", N_("Question to the client") },
	{ "question_ui", N_("In your language") },
	{ "anchors", N_("How to rate") },
	{ "rating", N_("Rating") },
	{ "not_rated", N_("Not rated") },
	{ "suggestion", N_("Suggestion") },
	{ "special", N_("Special category data") },
	{ "special_hint", N_("Record only the effect on work, never a diagnosis or offence.") },
	{ "influence", N_("Can be influenced by") },
	{ "save", N_("Save and continue later") },
	{ "finish", N_("Save and finish") },
	{ "finish_hint", N_("Finishing records the ratings as the factor profile and computes the "
			    "prognosis.") },
	{ "saved", N_("Saved. You can continue later where you left off.") },
	{ "resumed", N_("You are continuing an interview that was saved earlier.") },
	{ "new_round", N_("A new round: the ratings of the last finished interview are filled in.") },
	{ "first", N_("No interview has been finished for this client yet.") },
};

static json_t *factor_json(struct web_request *req, const struct client_page *cp,
			   const struct interview *iv, const struct interview_factor *f)
{
	static const char *const codes[] = { "-2", "-1", "0", "1", "2" };
	json_t *o = json_object();
	enum q_lang route = Q_NL;
	if (cp->c.route_language && !strcmp(cp->c.route_language, "en"))
		route = Q_EN;
	else if (cp->c.route_language && !strcmp(cp->c.route_language, "de"))
		route = Q_DE;
	web_view_set(o, "id", f->id);
	web_view_set(o, "label", q_text_get(&f->label, cp->lang));
	if (f->question.t[Q_NL]) {
		web_view_set(o, "question", q_text_get(&f->question, route));
		web_view_set(o, "question_lang", route == Q_EN ? "en" : route == Q_DE ? "de" : "nl");
		if (route != cp->lang)
			web_view_set(o, "question_ui", q_text_get(&f->question, cp->lang));
	}
	web_view_set(o, "anchors", q_text_get(&f->rating, cp->lang));
	json_object_set_new(o, "special", json_boolean(f->special));
	web_view_set(o, "influence", client_page_influence(req, f->influence));
	/* What is checked: the saved value, else the suggestion, else none. */
	const char *checked = f->value;
	if (f->suggestion) {
		json_t *sg = json_object();
		web_view_set(sg, "value", client_page_signed(f->suggestion->rating));
		web_view_set(sg, "reason", buf_str(&f->suggestion->reason));
		json_object_set_new(o, "suggestion", sg);
		if (!checked)
			checked = codes[f->suggestion->rating + 2];
	}
	json_t *opts = json_array();
	for (int k = 0; k < INTERVIEW_SCALE; k++) {
		json_t *x = json_object();
		web_view_set(x, "value", codes[k]);
		web_view_set(x, "shown", client_page_signed(k - 2));
		web_view_set(x, "label", q_text_get(&iv->scale[k], cp->lang));
		json_object_set_new(x, "checked",
				    json_boolean(checked && !strcmp(checked, codes[k])));
		json_array_append_new(opts, x);
	}
	json_object_set_new(o, "options", opts);
	json_object_set_new(o, "unrated", json_boolean(!checked));
	return o;
}

/* The interview writes the dossier and shows test details: both rights. */
static int open_page(struct web_request *req, struct client_page *cp)
{
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "assessment", cp);
	if (rc == IPM_OK && !access_allows(req->user.role, PERM_TEST_DETAILS))
		rc = IPM_EPERM;
	return rc;
}

static int show(struct web_request *req)
{
	struct client_page cp;
	struct interview iv;
	struct err e;
	int rc = open_page(req, &cp);
	if (rc)
		return rc;
	if ((rc = interview_load(req->store, &cp.who, cp.id, cp.today, &iv, &e))) {
		interview_free(&iv);
		return rc;
	}
	int sensitive = access_allows(req->user.role, PERM_SENSITIVE);
	json_t *v = web_view(req);
	client_page_view(req, &cp, v, "factors");
	json_t *domains = json_array();
	for (size_t d = 0; d < INTERVIEW_DOMAINS; d++) {
		if (!iv.domains[d].id)
			continue;
		json_t *dom = json_object(), *fs = json_array();
		web_view_set(dom, "id", iv.domains[d].id);
		web_view_set(dom, "label", q_text_get(&iv.domains[d].label, cp.lang));
		for (size_t i = 0; i < iv.n_factors; i++) {
			const struct interview_factor *f = &iv.factors[i];
			if (strcmp(f->domain, iv.domains[d].id) != 0 || (f->special && !sensitive))
				continue;
			json_array_append_new(fs, factor_json(req, &cp, &iv, f));
		}
		json_object_set_new(dom, "factors", fs);
		json_array_append_new(domains, dom);
	}
	json_object_set_new(v, "domains", domains);
	web_view_set(v, "action", client_page_href(req, cp.id, "factors"));
	const char *state = iv.open_id ? "resumed" : iv.completed_id ? "new_round" : "first";
	json_object_set_new(v, state, json_true());
	json_object_set_new(v, "saved", json_boolean(web_query(req, "saved") != NULL));
	json_object_set_new(v, "any_suggestion", json_boolean(iv.suggestions.n > 0));
	interview_free(&iv);
	WEB_TEXTS(req, v, texts);
	return web_render(req, "factors", N_("Factor interview"), v);
}

int page_factors(struct web_request *req)
{
	return show(req);
}

int page_factors_save(struct web_request *req)
{
	struct client_page cp;
	struct err e;
	int rc = open_page(req, &cp);
	if (rc)
		return rc;
	/* Every radio group is "r.<factor>"; anything else is not a rating. */
	struct interview_rating *r =
		arena_array(&req->arena, req->form.n ? req->form.n : 1, sizeof *r);
	size_t n = 0;
	int sensitive = access_allows(req->user.role, PERM_SENSITIVE);
	for (size_t i = 0; i < req->form.n; i++) {
		const struct form_field *f = &req->form.fields[i];
		if (strncmp(f->name, "r.", 2) != 0)
			continue;
		r[n++] = (struct interview_rating){ f->name + 2, f->value };
	}
	if (!sensitive) {
		/* A role without special-category access never sees those
		 * factors, so it cannot rate them either. */
		struct interview iv;
		if ((rc = interview_load(req->store, &cp.who, cp.id, cp.today, &iv, &e))) {
			interview_free(&iv);
			return rc;
		}
		for (size_t i = 0; i < n && rc == IPM_OK; i++) {
			const struct interview_factor *f = interview_factor_find(&iv, r[i].factor);
			if (f && f->special)
				rc = IPM_EPERM;
		}
		interview_free(&iv);
		if (rc)
			return rc;
	}
	const char *action = form_get(&req->form, "action");
	bool complete = action && !strcmp(action, "finish");
	if ((rc = interview_save(req->store, &cp.who, cp.id, r, n, complete, NULL, &e)))
		return rc;
	if (!complete)
		return web_redirect(req, client_page_href(req, cp.id, "factors?saved=1"));
	/* The profile and the prognosis follow from the finished interview. */
	struct prognosis_made pm;
	rc = prognosis_for_client(req->store, &cp.who, req->app->data_dir, cp.id, cp.today, &pm,
				  &e);
	prognosis_made_free(&pm);
	/* A client without benefit_start has ratings but no prognosis yet:
	 * the profile page says so. */
	if (rc && rc != IPM_EINVAL)
		return rc;
	return web_redirect(req, client_page_href(req, cp.id, "profile"));
}
