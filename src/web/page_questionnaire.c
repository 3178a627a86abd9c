/* Answering a questionnaire, page by page (services/qform.h):
 *   /clients/{id}/questionnaires/{aid}   the professional with the client
 *   /q/{token}                           the client alone, by one-time link
 *
 * Both show the same pages: ~10 items, each a fieldset whose legend is the
 * statement and whose radio buttons are the answer scale (a typed number
 * per statement for the 100-point splits, one fieldset per split), a
 * progress indicator in words and as <progress>, and the items in the
 * client's route language. Every submit saves what is valid on the page
 * (so nothing is lost when someone stops halfway); going on needs the page
 * complete, with an error summary that links to each unanswered item.
 * Without a page number the questionnaire resumes at the first page with
 * an unanswered item. The last page completes and scores the assessment.
 *
 * The link page shows the client's first name only, and nothing of the
 * dossier; what the client does through it is audited as the system with
 * the link as reason (services/assessment_link.h). */
#include "services/assessment_link.h"
#include "services/qform.h"
#include "store/store_route.h"
#include "web/pages.h"
#include "web/view.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const struct web_text texts[] = {
	{ "progress_label", N_("Progress") },
	{ "next", N_("Save and continue") },
	{ "prev", N_("Previous page") },
	{ "stop", N_("Save and stop for now") },
	{ "complete", N_("Save and finish") },
	{ "summary", N_("There is a problem") },
	{ "points_total", N_("Total") },
	{ "points_hint", N_("Divide 100 points over the statements below.") },
	{ "points_unit", N_("points") },
	{ "resume_note", N_("Some questions are not answered yet. They are shown here.") },
	{ "excluded_note", N_("Some statements of this questionnaire are not asked by default "
			      "(for example about political preference); the score is computed "
			      "without them.") },
	{ "back", N_("Back to the questionnaires") },
};

static const struct web_text link_texts[] = {
	{ "link_intro", N_("Your professional asked you to fill in this questionnaire. Your "
			   "answers are saved on every page. You can stop and come back later with "
			   "the same link.") },
};

struct take {
	struct web_request *req;
	struct store_actor who;
	int64_t client_id;
	struct store_assessment as;
	const struct qform *f;
	enum q_lang lang;     /* of the items: the client's route language */
	const char *base;     /* the page's own path */
	const char *first_name; /* link pages only */
	const char *csrf;       /* link pages: the pre-session token */
	bool *answered;       /* [q->n_items] */
	const char **current; /* [q->n_items]: the stored answer, or NULL */
};

static void take_free(struct take *t)
{
	qform_release(t->f);
	t->f = NULL;
}

static enum q_lang lang_of(const char *code)
{
	if (code && !strcmp(code, "en"))
		return Q_EN;
	if (code && !strcmp(code, "de"))
		return Q_DE;
	return Q_NL;
}

/* Loads the form and the current answers (an audited read). */
static int take_load(struct take *t, int64_t assessment_id)
{
	struct web_request *req = t->req;
	struct err e;
	/* Only the client's own: another's {aid} is not found, and its read
	 * is not audited as if it had been shown. */
	int rc = store_client_assessment_get(req->store, &t->who, t->client_id, assessment_id,
					     &t->as, &req->arena, &e);
	if (rc)
		return rc;
	if ((rc = qform_get(req->store, t->as.pack_id, t->as.pack_version, &t->f, &e)))
		return rc;
	const struct questionnaire *q = t->f->q;
	t->answered = arena_array(&req->arena, q->n_items + 1, sizeof *t->answered);
	t->current = arena_array(&req->arena, q->n_items + 1, sizeof *t->current);
	for (size_t k = 0; k < t->as.n_answers; k++) {
		int32_t i = questionnaire_item_index(q, t->as.answers[k].item_id);
		const char *v = t->as.answers[k].value;
		if (i < 0 || !v || !*v)
			continue;
		t->current[i] = v;
		t->answered[i] = true;
	}
	return IPM_OK;
}

static size_t answered_count(const struct take *t)
{
	size_t n = 0;
	for (size_t k = 0; k < t->f->n_asked; k++)
		n += t->answered[t->f->asked[k]];
	return n;
}

static const char *textf(struct web_request *req, const char *msgid, ...)
	__attribute__((format(printf, 2, 3)));

/* A translated format filled in, as an arena string. The msgid is a
 * constant of this file, so the format is ours. */
static const char *textf(struct web_request *req, const char *msgid, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, msgid);
	buf_vprintf(&b, web_text(req, msgid), ap);
	va_end(ap);
	const char *s = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return s;
}

/* Page p with `sent[k]` (what was posted for the page's k-th item, or
 * NULL to show the stored answers) and problems to show. */
static int render(struct take *t, size_t p, const char *const *sent,
		  const struct qform_problem *probs, size_t n_probs, int resume_note)
{
	struct web_request *req = t->req;
	const struct qform *f = t->f;
	const struct questionnaire *q = f->q;
	const struct qform_page *pg = &f->pages[p];
	json_t *v = web_view(req);
	const char *title = q_text_get(&q->title, t->lang);
	web_view_set(v, "heading", title);
	web_view_set(v, "marking", q->marking.t[Q_NL] ? q_text_get(&q->marking, t->lang) : NULL);
	web_view_set(v, "action", t->base);
	json_object_set_new(v, "page", json_integer((json_int_t)p));
	if (p == 0) {
		web_view_set(v, "description", q_text_get(&f->description, t->lang));
		json_object_set_new(v, "excluded", json_boolean(f->n_excluded > 0));
	}
	/* Progress: where in the questionnaire, and how much is answered. */
	size_t done = answered_count(t);
	json_object_set_new(v, "answered", json_integer((json_int_t)done));
	json_object_set_new(v, "asked", json_integer((json_int_t)f->n_asked));
	web_view_set(v, "progress_text",
		     textf(req, N_("Page %zu of %zu · %zu of %zu questions answered"), p + 1,
			   f->n_pages, done, f->n_asked));
	json_object_set_new(v, "has_prev", json_boolean(p > 0));
	json_object_set_new(v, "is_last", json_boolean(p + 1 == f->n_pages));
	json_object_set_new(v, "resume_note", json_boolean(resume_note));
	web_view_set(v, "lang_items", i18n_lang_code((enum web_lang)t->lang));

	json_t *errors = json_array();
	json_t *items = json_array();
	json_t *block = NULL; /* the open points block */
	int32_t open_block = -1;
	for (size_t k = 0; k < pg->n; k++) {
		uint32_t i = f->asked[pg->first + k];
		const struct q_item *it = &q->items[i];
		const struct qform_scale *sc = f->scale_of[i];
		const char *value = sent ? sent[k] : t->current[i];
		json_t *o = json_object();
		struct buf id = BUF_INIT;
		buf_printf(&id, "q%zu", pg->first + k + 1);
		web_view_set(o, "id", id.data);
		buf_reset(&id);
		buf_printf(&id, "a_%s", it->id);
		web_view_set(o, "name", id.data);
		buf_free(&id);
		json_object_set_new(o, "number", json_integer((json_int_t)(pg->first + k + 1)));
		web_view_set(o, "text", q_text_get(&it->text, t->lang));
		web_view_set(o, "value", value);
		const char *error = NULL;
		for (size_t j = 0; j < n_probs; j++)
			if (probs[j].item == i && probs[j].kind != QFORM_BLOCK_SUM)
				error = probs[j].kind == QFORM_MISSING
						? web_text(req, N_("Choose an answer."))
						: sc && sc->points
							  ? web_text(req, N_("Type a whole number from 0 to 100."))
							  : web_text(req, N_("Choose one of the answers."));
		web_view_set(o, "error", error);
		if (error) {
			json_t *er = json_object();
			struct buf h = BUF_INIT;
			buf_printf(&h, "#q%zu%s", pg->first + k + 1, sc && sc->points ? "" : "-0");
			web_view_set(er, "href", h.data);
			buf_free(&h);
			web_view_set(er, "text", textf(req, N_("Question %zu: %s"), pg->first + k + 1,
						       error));
			json_array_append_new(errors, er);
		}
		if (sc && sc->points) {
			json_object_set_new(o, "is_points", json_true());
			json_object_set_new(o, "min", json_integer(sc->min));
			json_object_set_new(o, "max", json_integer(sc->max));
		} else if (sc) {
			json_object_set_new(o, "is_rating", json_true());
			json_t *opts = json_array();
			for (size_t m = 0; m < sc->n_options; m++) {
				json_t *op = json_object();
				struct buf b = BUF_INIT;
				buf_printf(&b, "q%zu-%zu", pg->first + k + 1, m);
				web_view_set(op, "oid", b.data);
				buf_reset(&b);
				buf_printf(&b, "%d", sc->options[m].value);
				web_view_set(op, "ovalue", b.data);
				json_object_set_new(op, "checked",
						    json_boolean(value && !strcmp(value, b.data)));
				buf_free(&b);
				web_view_set(op, "olabel", q_text_get(&sc->options[m].label, t->lang));
				json_array_append_new(opts, op);
			}
			json_object_set_new(o, "options", opts);
		}
		/* Points items are grouped under their block's fieldset. */
		if (it->block >= 0 && sc && sc->points) {
			if (it->block != open_block) {
				const struct q_block *b = &q->blocks[it->block];
				block = json_object();
				struct buf bid = BUF_INIT;
				buf_printf(&bid, "b%d", it->block + 1);
				web_view_set(block, "id", bid.data);
				buf_free(&bid);
				json_object_set_new(block, "is_block", json_true());
				web_view_set(block, "legend", q_text_get(&b->label, t->lang));
				json_object_set_new(block, "total", json_integer(b->total));
				json_object_set_new(block, "members", json_array());
				json_array_append_new(items, block);
				open_block = it->block;
			}
			json_array_append_new(json_object_get(block, "members"), o);
		} else {
			open_block = -1;
			json_object_set_new(o, "is_single", json_true());
			json_array_append_new(items, o);
		}
		for (size_t j = 0; j < n_probs; j++)
			if (probs[j].kind == QFORM_BLOCK_SUM && probs[j].item == i && block) {
				const char *msg = textf(req, N_("The points add up to %ld; they must add "
								"up to %d."),
							probs[j].sum, q->blocks[probs[j].block].total);
				web_view_set(block, "error", msg);
				json_t *er = json_object();
				struct buf h = BUF_INIT;
				buf_printf(&h, "#q%zu", pg->first + k + 1);
				web_view_set(er, "href", h.data);
				buf_free(&h);
				web_view_set(er, "text", msg);
				json_array_append_new(errors, er);
			}
	}
	json_object_set_new(v, "items", items);
	json_object_set_new(v, "has_errors", json_boolean(json_array_size(errors) > 0));
	json_object_set_new(v, "errors", errors);
	if (t->first_name) {
		web_view_set(v, "csrf", t->csrf);
		WEB_TEXTS(req, v, link_texts);
		web_view_set(v, "hello", textf(req, N_("Hello %s,"), t->first_name));
	}
	WEB_TEXTS(req, v, texts);
	if (!t->first_name) {
		struct buf back = BUF_INIT;
		buf_printf(&back, "/clients/%lld/questionnaires", (long long)t->client_id);
		web_view_set(v, "back_href", back.data);
		buf_free(&back);
	}
	if (n_probs)
		req->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
	return web_render(req, "questionnaire", title, v);
}

/* The page asked for in ?p= (1-based), or where to resume. */
static size_t page_wanted(struct take *t, int *resume)
{
	const char *p = web_query(t->req, "p");
	*resume = 0;
	if (p) {
		long n = strtol(p, NULL, 10);
		if (n >= 1 && (size_t)n <= t->f->n_pages)
			return (size_t)n - 1;
	}
	size_t r = qform_resume_page(t->f, t->answered);
	return r < t->f->n_pages ? r : t->f->n_pages - 1;
}

static int show(struct take *t)
{
	if (t->as.completed_at)
		return IPM_ENOTFOUND;
	int resume;
	size_t p = page_wanted(t, &resume);
	const char *m = web_query(t->req, "missing");
	return render(t, p, NULL, NULL, 0, m && !strcmp(m, "1"));
}

static int go(struct take *t, size_t page, int missing)
{
	struct buf to = BUF_INIT;
	buf_printf(&to, "%s?p=%zu%s", t->base, page + 1, missing ? "&missing=1" : "");
	int rc = web_redirect(t->req, to.data);
	buf_free(&to);
	return rc;
}

/* A plain page for the link flow: stopped, done. */
static int link_note(struct web_request *req, const char *heading, const char *text)
{
	json_t *v = web_view(req);
	web_view_set(v, "heading", web_text(req, heading));
	web_view_set(v, "text", web_text(req, text));
	return web_render(req, "link_note", heading, v);
}

/* The POST of a page: save, then go where the button says. `done` is
 * where to go after completion (NULL: the link's thank-you page). */
static int save(struct take *t, const char *done_href)
{
	struct web_request *req = t->req;
	if (t->as.completed_at)
		return IPM_ENOTFOUND;
	const struct qform *f = t->f;
	const char *ps = form_get(&req->form, "page");
	long p = ps ? strtol(ps, NULL, 10) : -1;
	if (p < 0 || (size_t)p >= f->n_pages)
		return IPM_EINVAL;
	const struct qform_page *pg = &f->pages[p];
	const char **sent = arena_array(&req->arena, pg->n + 1, sizeof *sent);
	const char **ids = arena_array(&req->arena, pg->n + 1, sizeof *ids);
	const char **valid = arena_array(&req->arena, pg->n + 1, sizeof *valid);
	for (size_t k = 0; k < pg->n; k++) {
		uint32_t i = f->asked[pg->first + k];
		struct buf name = BUF_INIT;
		buf_printf(&name, "a_%s", f->q->items[i].id);
		sent[k] = form_get(&req->form, name.data);
		buf_free(&name);
		ids[k] = f->q->items[i].id;
		int v;
		if (sent[k] && qform_value(f, i, sent[k], &v) == 0) {
			struct buf b = BUF_INIT;
			buf_printf(&b, "%d", v);
			valid[k] = arena_strdup(&req->arena, b.data);
			buf_free(&b);
			t->answered[i] = true;
			t->current[i] = valid[k];
		}
	}
	struct err e;
	int rc = qform_save(req->store, &t->who, t->as.id, pg->n, ids, valid, &e);
	if (rc)
		return rc;
	const char *action = form_get(&req->form, "action");
	if (!action)
		action = "next";
	if (!strcmp(action, "prev"))
		return go(t, p > 0 ? (size_t)p - 1 : 0, 0);
	if (!strcmp(action, "stop")) {
		if (!done_href)
			return link_note(req, N_("Your answers are saved"),
					 N_("You can close this page. Open the same link again to go "
					    "on where you stopped."));
		struct buf back = BUF_INIT;
		buf_printf(&back, "/clients/%lld/questionnaires", (long long)t->client_id);
		rc = web_redirect(req, back.data);
		buf_free(&back);
		return rc;
	}
	struct qform_problem *probs = arena_array(&req->arena, 2 * pg->n + 1, sizeof *probs);
	size_t n = qform_check_page(f, (size_t)p, sent, probs);
	if (n)
		return render(t, (size_t)p, sent, probs, n, 0);
	if ((size_t)p + 1 < f->n_pages)
		return go(t, (size_t)p + 1, 0);
	/* The last page: finish when every page is complete, else show the
	 * first page that is not. */
	size_t r = qform_resume_page(f, t->answered);
	if (r < f->n_pages)
		return go(t, r, 1);
	int64_t result_id = 0;
	rc = qform_complete(req->store, &t->who, t->as.id, &result_id, &e);
	if (rc == IPM_EINVAL) {
		/* The stored answers do not pass scoring's checks (a split that
		 * was changed on another page): show the first incomplete page. */
		return go(t, 0, 1);
	}
	if (rc)
		return rc;
	if (done_href)
		return web_redirect(req, done_href);
	return link_note(req, N_("Thank you!"),
			 N_("Your answers are saved. Your professional will talk with you about "
			    "the results. You can close this page now."));
}

/* --- the professional ------------------------------------------------------ */

static int prof_take(struct web_request *req, struct take *t, int write)
{
	int64_t id = web_param_id(req, "id"), aid = web_param_id(req, "aid");
	if (id < 0 || aid < 0)
		return IPM_ENOTFOUND;
	struct access_grant g;
	struct err e;
	int rc = access_client(req->store, &req->user, id, PERM_TEST_DETAILS, NULL, "assessment",
			       &g, &e);
	if (rc)
		return rc;
	if (write && !access_allows(req->user.role, PERM_DOSSIER_WRITE))
		return web_refuse(req, id, "assessment");
	*t = (struct take){ .req = req, .who = { .user_id = req->user.user_id }, .client_id = id };
	/* The items in the client's language: the route language of the record. */
	struct store_client c;
	if ((rc = store_client_get(req->store, &t->who, id, &c, &req->arena, &e)))
		return rc;
	t->lang = lang_of(c.route_language);
	struct buf base = BUF_INIT;
	buf_printf(&base, "/clients/%lld/questionnaires/%lld", (long long)id, (long long)aid);
	t->base = arena_strdup(&req->arena, base.data);
	buf_free(&base);
	return take_load(t, aid);
}

int page_questionnaire(struct web_request *req)
{
	struct take t = { 0 };
	int rc = prof_take(req, &t, 0);
	if (rc == IPM_OK)
		rc = show(&t);
	take_free(&t);
	return rc;
}

int page_questionnaire_save(struct web_request *req)
{
	struct take t = { 0 };
	int rc = prof_take(req, &t, 1);
	if (rc == IPM_OK) {
		struct buf done = BUF_INIT;
		buf_printf(&done, "/clients/%lld/results/%s", (long long)t.client_id, t.as.pack_id);
		rc = save(&t, done.data);
		buf_free(&done);
	}
	take_free(&t);
	return rc;
}

/* --- the client, by one-time link ------------------------------------------ */

static int gone(struct web_request *req)
{
	req->status = MHD_HTTP_GONE;
	return link_note(req, N_("This link does not work (any more)"),
			 N_("The link has expired, was replaced by a new one, or the questionnaire "
			    "is already finished. Ask your professional for a new link if you still "
			    "need to fill it in."));
}

/* The link page's forms carry the pre-session token (as the login form
 * does): the client has no session, and another site must not be able to
 * post answers in the client's name. */
static const char *pre_token(struct web_request *req)
{
	const char *pre = web_cookie(req, "ipm_pre");
	if (pre && strlen(pre) == 64)
		return pre;
	unsigned char raw[32];
	char fresh[65];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(fresh, sizeof fresh, raw, sizeof raw);
	web_cookie_set(req, "ipm_pre", fresh, -1, 1);
	return arena_strdup(&req->arena, fresh);
}

static int link_take(struct web_request *req, struct take *t)
{
	const char *token = web_param(req, "token");
	struct store_link l;
	struct err e;
	*t = (struct take){ .req = req };
	int rc = link_open(req->store, token, (int64_t)time(NULL), &l, &t->who, &req->arena, &e);
	if (rc)
		return rc;
	t->client_id = l.client_id;
	t->lang = lang_of(l.route_language);
	t->first_name = l.given_name;
	/* The page speaks the client's language, unless the client chose
	 * another with the language links. */
	enum web_lang chosen;
	if (i18n_lang_parse(web_cookie(req, "ipm_lang"), &chosen) != 0)
		req->lang = (enum web_lang)t->lang;
	t->csrf = pre_token(req);
	struct buf base = BUF_INIT;
	buf_printf(&base, "/q/%s", token);
	t->base = arena_strdup(&req->arena, base.data);
	buf_free(&base);
	return take_load(t, l.assessment_id);
}

int page_link_form(struct web_request *req)
{
	struct take t;
	int rc = link_take(req, &t);
	if (rc == IPM_ENOTFOUND) {
		take_free(&t);
		return gone(req);
	}
	if (rc == IPM_OK)
		rc = show(&t);
	take_free(&t);
	return rc;
}

int page_link_save(struct web_request *req)
{
	struct take t;
	int rc = link_take(req, &t);
	if (rc == IPM_ENOTFOUND) {
		take_free(&t);
		return gone(req);
	}
	if (rc == IPM_OK)
		rc = save(&t, NULL);
	take_free(&t);
	return rc;
}
