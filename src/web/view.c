#include "web/view.h"
#include "core/log.h"

#include <string.h>

void web_view_set(json_t *view, const char *key, const char *value)
{
	json_object_set_new(view, key, value ? json_string(value) : json_null());
}

json_t *web_view(struct web_request *req)
{
	json_t *v = json_object();
	web_view_set(v, "lang", i18n_lang_code(req->lang));
	if (req->session) {
		web_view_set(v, "csrf", req->session->csrf);
		json_t *u = json_object();
		web_view_set(u, "name", req->session->display_name);
		web_view_set(u, "role", web_role_label(req, req->session->role));
		json_object_set_new(v, "user", u);
	}
	return v;
}

void web_view_texts(struct web_request *req, json_t *view, const struct web_text *t, size_t n)
{
	json_t *texts = json_object_get(view, "t");
	if (!texts) {
		texts = json_object();
		json_object_set_new(view, "t", texts);
	}
	for (size_t i = 0; i < n; i++)
		json_object_set_new(texts, t[i].key, json_string(web_text(req, t[i].msgid)));
}

static const struct {
	const char *code, *msgid;
} roles[] = {
	{ "consulent", N_("Consultant / job coach") },
	{ "psycholoog", N_("Psychologist") },
	{ "jobcoach", N_("Workplace job coach") },
	{ "manager", N_("Manager") },
	{ "beheerder", N_("Administrator") },
};

const char *web_role_label(const struct web_request *req, const char *role)
{
	for (size_t i = 0; role && i < sizeof roles / sizeof roles[0]; i++)
		if (strcmp(role, roles[i].code) == 0)
			return web_text(req, roles[i].msgid);
	return role ? role : "";
}

static const struct {
	const char *code, *msgid;
} steps[] = {
	{ "intake", N_("Intake") },
	{ "loopbaanonderzoek", N_("Career research") },
	{ "ipm", N_("I.P.M.") },
	{ "oordeel", N_("Judgement") },
	{ "advies", N_("Advice") },
	{ "traject", N_("Plan") },
	{ "rapport", N_("Report") },
	{ "nazorg", N_("Follow-up") },
	{ "uitstroom", N_("Outflow") },
};

const char *web_step_label(const struct web_request *req, const char *step)
{
	for (size_t i = 0; step && i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(step, steps[i].code) == 0)
			return web_text(req, steps[i].msgid);
	return step ? step : "";
}

int web_step_index(const char *step)
{
	for (size_t i = 0; step && i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(step, steps[i].code) == 0)
			return (int)i;
	return -1;
}

int web_step_count(void)
{
	return (int)(sizeof steps / sizeof steps[0]);
}

static void asset_url(struct web_request *req, json_t *v, const char *key, const char *name)
{
	const struct web_asset *a = web_static_find(&req->app->assets, name);
	struct buf b = BUF_INIT;
	buf_printf(&b, "/static/%s", name);
	if (a)
		buf_printf(&b, "?v=%.16s", a->etag + 1);
	web_view_set(v, key, b.data);
	buf_free(&b);
}

static const struct web_text layout_texts[] = {
	{ "skip", N_("Skip to content") },
	{ "app", N_("IPM — Integration Prognosis Model") },
	{ "logout", N_("Log out") },
	{ "language", N_("Language") },
	{ "nav", N_("Main menu") },
	{ "footer", N_("IPM supports professionals who guide people to work. "
		       "Every look at a client file is recorded.") },
	{ "signed_in_as", N_("Signed in as") },
};

static void layout_nav(struct web_request *req, json_t *layout)
{
	json_t *nav = json_array();
	static const struct {
		enum access_perm perm;
		const char *href, *msgid;
	} items[] = {
		{ PERM_CASELOAD, "/clients", N_("Caseload") },
		{ PERM_CASELOAD, "/catalogue", N_("Catalogue") },
		{ PERM_AGGREGATES, "/overview", N_("Overview") },
		{ PERM_USERS, "/admin", N_("Administration") },
	};
	for (size_t i = 0; req->session && i < sizeof items / sizeof items[0]; i++) {
		if (!access_allows(req->user.role, items[i].perm))
			continue;
		json_t *it = json_object();
		web_view_set(it, "href", items[i].href);
		web_view_set(it, "label", web_text(req, items[i].msgid));
		json_object_set_new(it, "current",
				    json_boolean(strncmp(req->path, items[i].href,
							 strlen(items[i].href)) == 0));
		json_array_append_new(nav, it);
	}
	json_object_set_new(layout, "nav", nav);

	json_t *langs = json_array();
	static const char *const names[LANG_N] = { "Nederlands", "English", "Deutsch" };
	for (int l = 0; l < LANG_N; l++) {
		json_t *it = json_object();
		struct buf href = BUF_INIT;
		buf_printf(&href, "/lang?to=%s&back=", i18n_lang_code((enum web_lang)l));
		/* The path is ours and holds no query; it only needs '&' kept out. */
		for (const char *p = req->path; *p; p++)
			if (*p != '&' && *p != '#' && *p != '?')
				buf_putc(&href, *p);
		web_view_set(it, "code", i18n_lang_code((enum web_lang)l));
		web_view_set(it, "name", names[l]);
		web_view_set(it, "href", href.data);
		json_object_set_new(it, "current", json_boolean(l == (int)req->lang));
		json_array_append_new(langs, it);
		buf_free(&href);
	}
	json_object_set_new(layout, "langs", langs);
}

int web_render(struct web_request *req, const char *page, const char *title_msgid, json_t *view)
{
	struct err e;
	struct buf main = BUF_INIT;
	web_view_set(view, "title", web_text(req, title_msgid));
	int rc = tmpl_render(req->app->tmpl, page, view, &main, &e);
	if (rc) {
		log_event(LOG_ERROR, "web.render_failed", "template=%s code=%s", page,
			  err_code_name(rc));
		json_decref(view);
		buf_free(&main);
		return IPM_EIO;
	}
	json_t *layout = web_view(req);
	web_view_set(layout, "title", web_text(req, title_msgid));
	web_view_set(layout, "main", main.data);
	asset_url(req, layout, "css_nlds", "nlds.css");
	asset_url(req, layout, "css_ipm", "ipm.css");
	asset_url(req, layout, "css_steps", "ipm-steps.css");
	asset_url(req, layout, "css_admin", "ipm-admin.css");
	WEB_TEXTS(req, layout, layout_texts);
	layout_nav(req, layout);
	buf_free(&main);
	rc = tmpl_render(req->app->tmpl, "layout", layout, &req->body, &e);
	json_decref(layout);
	json_decref(view);
	if (rc) {
		log_event(LOG_ERROR, "web.render_failed", "template=layout code=%s", err_code_name(rc));
		return IPM_EIO;
	}
	if (!req->status)
		req->status = MHD_HTTP_OK;
	req->content_type = "text/html; charset=utf-8";
	return IPM_OK;
}
