/* /clients/{id}/questionnaires: the career research questionnaires of a
 * client — start one (with the professional, or for the client alone by a
 * one-time link), continue an open one, open the results of a finished one.
 *
 * Questionnaire answers and scores are test details: roles without
 * PERM_TEST_DETAILS (the jobcoach) are refused here, and the refusal is
 * audited. Making a link shows the link once; the store keeps only its hash. */
#include "core/timeutil.h"
#include "services/assessment_link.h"
#include "services/qform.h"
#include "store/store_route.h"
#include "web/client_page.h"
#include "web/pages.h"
#include "web/view.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

/* The career research instruments (DOMAIN §3), in the order of the route.
 * The factor interview of the I.P.M. has its own pages. */
static const char *const career_packs[] = {
	"ipip-neo-120", "career-anchors", "career-clusters", "culture-preference",
	"job-characteristics",
};
#define N_CAREER (sizeof career_packs / sizeof career_packs[0])

static const struct web_text texts[] = {
	{ "heading", N_("Questionnaires") },
	{ "intro", N_("The questionnaires of the career research. Take one together with the "
		      "client, or make a link so that the client can fill it in alone.") },
	{ "start", N_("Start with the client") },
	{ "start_link", N_("Start and make a link for the client") },
	{ "open", N_("In progress") },
	{ "done", N_("Completed") },
	{ "none_open", N_("Nothing in progress.") },
	{ "none_done", N_("Nothing completed yet.") },
	{ "questionnaire", N_("Questionnaire") },
	{ "started", N_("Started") },
	{ "completed", N_("Completed on") },
	{ "progress", N_("Answered") },
	{ "by", N_("Filled in by") },
	{ "link", N_("Link for the client") },
	{ "continue", N_("Continue") },
	{ "new_link", N_("Make a new link") },
	{ "results", N_("Results") },
	{ "available", N_("Start a questionnaire") },
	{ "actions", N_("Actions") },
};

static const char *pack_title(struct web_request *req, const char *pack_id,
			      const char *version, const char **marking)
{
	const struct qform *f = NULL;
	struct err e;
	*marking = NULL;
	if (qform_get(req->store, pack_id, version, &f, &e) != IPM_OK)
		return pack_id;
	enum q_lang l = (enum q_lang)req->lang;
	const char *t = arena_strdup(&req->arena, q_text_get(&f->q->title, l));
	if (f->q->marking.t[Q_NL])
		*marking = arena_strdup(&req->arena, q_text_get(&f->q->marking, l));
	qform_release(f);
	return t;
}

struct rows {
	struct web_request *req;
	int64_t client_id;
	json_t *open, *done, *titles;
};

static const char *title_of(struct rows *r, const char *pack_id, const char *version)
{
	struct buf key = BUF_INIT;
	buf_printf(&key, "%s@%s", pack_id, version);
	const char *t = json_string_value(json_object_get(r->titles, key.data));
	if (!t) {
		const char *marking;
		t = pack_title(r->req, pack_id, version, &marking);
		json_object_set_new(r->titles, key.data, json_string(t));
	}
	buf_free(&key);
	return t;
}

static void day_of(struct buf *b, const char *iso)
{
	buf_reset(b);
	buf_add(b, iso ? iso : "", iso && strlen(iso) >= 10 ? 10 : 0);
}

static int row(void *ctx, const struct store_assessment_row *a, struct err *e)
{
	(void)e;
	struct rows *r = ctx;
	struct web_request *req = r->req;
	json_t *o = json_object();
	struct buf b = BUF_INIT;
	web_view_set(o, "title", title_of(r, a->pack_id, a->pack_version));
	day_of(&b, a->started_at);
	web_view_set(o, "started", b.data);
	day_of(&b, a->completed_at);
	web_view_set(o, "completed", b.data);
	web_view_set(o, "by", web_text(req, !strcmp(a->taken_by, "client")
						   ? N_("the client alone")
						   : N_("the client with the professional")));
	json_object_set_new(o, "answered", json_integer(a->answered));
	buf_reset(&b);
	buf_printf(&b, "/clients/%lld/questionnaires/%lld", (long long)r->client_id,
		   (long long)a->id);
	web_view_set(o, "href", b.data);
	buf_puts(&b, "/link");
	web_view_set(o, "link_action", b.data);
	if (a->link_expires) {
		char iso[TIME_ISO_LEN];
		time_format_iso((time_t)a->link_expires, iso);
		buf_reset(&b);
		buf_printf(&b, web_text(req, N_("active until %.10s")), iso);
		web_view_set(o, "link_state", b.data);
	} else {
		web_view_set(o, "link_state", web_text(req, N_("none")));
	}
	buf_reset(&b);
	buf_printf(&b, "/clients/%lld/results/%s", (long long)r->client_id, a->pack_id);
	web_view_set(o, "results_href", b.data);
	buf_free(&b);
	json_array_append_new(a->completed_at ? r->done : r->open, o);
	return IPM_OK;
}

/* Access for the forms here: test details of the client and
 * PERM_DOSSIER_WRITE. */
static int may_write(struct web_request *req, int64_t id)
{
	struct access_grant g;
	struct err e;
	int rc = access_client(req->store, &req->user, id, PERM_TEST_DETAILS, NULL, "assessment",
			       &g, &e);
	/* A refusal is on record, also for a role that may read but not write. */
	if (rc == IPM_OK && !access_allows(req->user.role, PERM_DOSSIER_WRITE))
		rc = web_refuse(req, id, "assessment");
	return rc;
}

int page_questionnaires(struct web_request *req)
{
	struct client_page cp;
	int rc = client_page_open(req, PERM_TEST_DETAILS, "assessment", &cp);
	if (rc)
		return rc;
	int64_t id = cp.id;
	struct rows r = { req, id, json_array(), json_array(), json_object() };
	struct err e;
	rc = store_assessments_each(req->store, &cp.who, id, "ipm-factors", (int64_t)time(NULL),
				    row, &r, &e);
	json_decref(r.titles);
	if (rc) {
		json_decref(r.open);
		json_decref(r.done);
		return rc;
	}
	json_t *v = web_view(req);
	client_page_view(req, &cp, v, "questionnaires");
	json_t *avail = json_array();
	for (size_t i = 0; i < N_CAREER; i++) {
		const char *marking;
		const char *t = pack_title(req, career_packs[i], "", &marking);
		json_t *o = json_object();
		web_view_set(o, "pack", career_packs[i]);
		web_view_set(o, "title", t);
		web_view_set(o, "marking", marking);
		json_array_append_new(avail, o);
	}
	json_object_set_new(v, "available", avail);
	/* An empty table is not shown: a sentence says there is nothing. */
	json_object_set_new(v, "any_open", json_boolean(json_array_size(r.open) > 0));
	json_object_set_new(v, "any_done", json_boolean(json_array_size(r.done) > 0));
	json_object_set_new(v, "open", r.open);
	json_object_set_new(v, "done", r.done);
	web_view_set(v, "action", client_page_href(req, id, "questionnaires"));
	json_object_set_new(v, "may_write",
			    json_boolean(access_allows(req->user.role, PERM_DOSSIER_WRITE)));
	WEB_TEXTS(req, v, texts);
	return web_render(req, "questionnaires", N_("Questionnaires"), v);
}

static const struct web_text link_texts[] = {
	{ "heading", N_("Link for the client") },
	{ "intro", N_("Give this link to the client, for example by e-mail. It is shown only "
		      "this once: IPM keeps no copy it could show again. Anyone with the link can "
		      "fill in this one questionnaire, and nothing else, until it expires or is "
		      "finished. Making a new link stops this one.") },
	{ "url", N_("Link") },
	{ "continue", N_("Back to the questionnaires") },
};

/* Makes a link for an open assessment and shows it, once. */
static int make_link(struct web_request *req, int64_t id, int64_t aid)
{
	struct store_actor who = { .user_id = req->user.user_id };
	char token[LINK_TOKEN_LEN + 1];
	int64_t expires = 0;
	struct err e;
	int rc = link_create(req->store, &who, aid, (int64_t)time(NULL), token, &expires, &e);
	if (rc == IPM_ECONFLICT)
		return IPM_ENOTFOUND;
	if (rc)
		return rc;
	json_t *v = web_view(req);
	struct buf url = BUF_INIT;
	const char *host = web_header_in(req, MHD_HTTP_HEADER_HOST);
	/* The Host header is only echoed into the page of the one who sent it. */
	if (host && strlen(host) < 256 && !strpbrk(host, "\"<>/ "))
		buf_printf(&url, "%s://%s", web_is_https(req) ? "https" : "http", host);
	buf_printf(&url, "/q/%s", token);
	sodium_memzero(token, sizeof token);
	web_view_set(v, "url", url.data);
	sodium_memzero(url.data, url.len);
	buf_free(&url);
	char iso[TIME_ISO_LEN];
	time_format_iso((time_t)expires, iso);
	struct buf b = BUF_INIT;
	buf_printf(&b, web_text(req, N_("The link works until %.10s (UTC).")), iso);
	web_view_set(v, "expires", b.data);
	buf_reset(&b);
	buf_printf(&b, "/clients/%lld/questionnaires", (long long)id);
	web_view_set(v, "back_href", b.data);
	buf_free(&b);
	WEB_TEXTS(req, v, link_texts);
	return web_render(req, "link_made", N_("Link for the client"), v);
}

int page_questionnaire_start(struct web_request *req)
{
	int64_t id = web_param_id(req, "id");
	if (id < 0)
		return IPM_ENOTFOUND;
	int rc = may_write(req, id);
	if (rc)
		return rc;
	const char *pack = form_get(&req->form, "pack");
	const char *how = form_get(&req->form, "how");
	size_t i = 0;
	while (i < N_CAREER && (!pack || strcmp(pack, career_packs[i])))
		i++;
	if (i == N_CAREER)
		return IPM_EINVAL;
	int by_link = how && !strcmp(how, "link");
	/* The newest registered version: its version is what the assessment
	 * records, and what its answers are scored with. */
	const struct qform *f = NULL;
	struct err e;
	if ((rc = qform_get(req->store, career_packs[i], "", &f, &e)))
		return rc;
	const char *version = arena_strdup(&req->arena, f->q->version);
	qform_release(f);
	struct store_actor who = { .user_id = req->user.user_id };
	int64_t aid = 0;
	rc = store_assessment_start(req->store, &who, id, career_packs[i], version,
				    by_link ? "client" : "professional", &aid, &e);
	if (rc)
		return rc;
	if (by_link)
		return make_link(req, id, aid);
	struct buf to = BUF_INIT;
	buf_printf(&to, "/clients/%lld/questionnaires/%lld", (long long)id, (long long)aid);
	rc = web_redirect(req, to.data);
	buf_free(&to);
	return rc;
}

int page_link_create(struct web_request *req)
{
	int64_t id = web_param_id(req, "id"), aid = web_param_id(req, "aid");
	if (id < 0 || aid < 0)
		return IPM_ENOTFOUND;
	int rc = may_write(req, id);
	if (rc)
		return rc;
	/* The assessment must be this client's (another's is not found, and
	 * not read), open, and a career questionnaire: a link opens nothing
	 * else, such as the factor interview. */
	struct store_actor who = { .user_id = req->user.user_id };
	struct err e;
	struct store_assessment as;
	rc = store_client_assessment_get(req->store, &who, id, aid, &as, &req->arena, &e);
	if (rc)
		return rc;
	size_t i = 0;
	while (i < N_CAREER && strcmp(as.pack_id, career_packs[i]))
		i++;
	if (as.completed_at || i == N_CAREER)
		return IPM_ENOTFOUND;
	return make_link(req, id, aid);
}
