/* /admin/packs: the packs registered in the store (id, version, kind,
 * sha256, when), a new pack version registered from its JSON text with the
 * checks of `ipm pack check` (pack_parse: syntax, schema of the kind,
 * semantic rules; every problem named as FILE: $.json.path: message), and
 * the organisation's prognosis model: which version is active, its history,
 * and activating another with a reason (store_model_activate, audited).
 *
 * The text comes from a textarea, not a file upload: the server takes form
 * bodies as application/x-www-form-urlencoded up to 256 KiB (docs/web.md),
 * and urlencoding grows JSON: packs of more than about 100 kB are installed
 * with `ipm init` from the data directory. A registered version never changes: the same id and version
 * with other content is refused. */
#include "pack/pack.h"
#include "store/store_admin.h"
#include "store/store_route.h"
#include "web/pages_admin.h"
#include "web/view.h"

#include <string.h>

#define REASON_MIN 10
#define REASON_MAX 500
#define SOURCE_MAX 100

static const struct web_text texts[] = {
	{ "heading", N_("Packs and models") },
	{ "intro", N_("Questionnaires, factor catalogues, prognosis models, taxonomies and report "
		      "templates are packs: data, not code. A registered version never changes; "
		      "results name the version they were computed with.") },
	{ "summary", N_("There is a problem") },
	{ "registered", N_("Registered packs") },
	{ "pack", N_("Pack") },
	{ "version", N_("Version") },
	{ "kind", N_("Kind") },
	{ "title_col", N_("Title") },
	{ "sha256", N_("SHA-256") },
	{ "registered_at", N_("Registered") },
	{ "size", N_("Size") },
	{ "upload", N_("Register a new pack version") },
	{ "upload_intro", N_("Paste the pack's JSON. It is checked as by ipm pack check: syntax, "
			     "the schema of its kind and the rules a schema cannot express. Nothing "
			     "is stored when a check fails.") },
	{ "file", N_("File name (for messages)") },
	{ "content", N_("Pack (JSON)") },
	{ "check_button", N_("Check and register") },
	{ "models", N_("Prognosis model") },
	{ "active", N_("Active model") },
	{ "none_active", N_("No model has been activated; the default model is used.") },
	{ "activate", N_("Activate a model version") },
	{ "model", N_("Model version") },
	{ "reason", N_("Reason") },
	{ "reason_hint", N_("10 to 500 characters: why this version, for example the validation "
			    "that supports it.") },
	{ "activate_button", N_("Activate") },
	{ "history", N_("Activations") },
	{ "at", N_("When") },
	{ "by", N_("By") },
	{ "system", N_("the system") },
};

struct lists {
	struct web_request *req;
	json_t *packs, *models, *history;
	const char *chosen;
};

static int pack_row(void *ctx, const struct store_pack_row *p, struct err *e)
{
	(void)e;
	struct lists *l = ctx;
	json_t *o = json_object();
	web_view_set(o, "id", p->pack_id);
	web_view_set(o, "version", p->version);
	web_view_set(o, "kind", p->kind);
	web_view_set(o, "title", p->title);
	web_view_set(o, "sha256", p->sha256);
	web_view_set(o, "at", admin_time(l->req, p->registered_at));
	struct buf b = BUF_INIT;
	buf_printf(&b, "%lld kB", (long long)((p->size + 1023) / 1024));
	web_view_set(o, "size", b.data);
	buf_free(&b);
	json_array_append_new(l->packs, o);
	return IPM_OK;
}

static int model_row(void *ctx, const struct store_model_version *m, struct err *e)
{
	(void)e;
	struct lists *l = ctx;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s@%s", m->pack_id, m->version);
	json_array_append_new(l->models,
			      json_pack("{s:s, s:s, s:b}", "spec", b.data, "title",
					m->title ? m->title : "", "selected",
					l->chosen && !strcmp(l->chosen, b.data)));
	buf_free(&b);
	return IPM_OK;
}

static int activation_row(void *ctx, const struct store_model_activation *a, struct err *e)
{
	struct lists *l = ctx;
	const char *name = NULL, *role = NULL;
	int rc = store_user_name(l->req->store, a->activated_by, &name, &role, &l->req->arena, e);
	if (rc)
		return rc;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s@%s", a->pack_id, a->version);
	/* Newest first. */
	json_array_insert_new(l->history, 0,
			      json_pack("{s:s, s:s, s:s, s:s}", "spec", b.data, "at",
					admin_time(l->req, a->activated_at), "by",
					name ? name : web_text(l->req, N_("the system")), "reason",
					a->reason));
	buf_free(&b);
	return IPM_OK;
}

static int render(struct web_request *req, json_t *v)
{
	struct err e;
	struct lists l = { req, json_array(), json_array(), json_array(),
			   json_string_value(json_object_get(v, "f_model")) };
	const char *pack_id = NULL, *version = NULL;
	int rc = store_packs_each(req->store, pack_row, &l, &e);
	if (rc == IPM_OK)
		rc = store_model_versions_each(req->store, req->user.org_id, model_row, &l, &e);
	if (rc == IPM_OK)
		rc = store_model_activations_each(req->store, req->user.org_id, activation_row,
						  &l, &e);
	if (rc == IPM_OK) {
		rc = store_model_active(req->store, req->user.org_id, &pack_id, &version,
					&req->arena, &e);
		if (rc == IPM_ENOTFOUND)
			rc = IPM_OK;
	}
	json_object_set_new(v, "packs", l.packs);
	json_object_set_new(v, "models", l.models);
	json_object_set_new(v, "any_history", json_boolean(json_array_size(l.history) > 0));
	json_object_set_new(v, "history", l.history);
	if (rc) {
		json_decref(v);
		return rc;
	}
	if (pack_id) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s@%s", pack_id, version);
		web_view_set(v, "active", b.data);
		buf_free(&b);
	}
	admin_page_view(req, v, "packs");
	WEB_TEXTS(req, v, texts);
	return web_render(req, "admin_packs", N_("Packs and models"), v);
}

int page_admin_packs(struct web_request *req)
{
	int rc = admin_page_check(req);
	return rc ? rc : render(req, web_view(req));
}

/* Each line of a pack error is one entry of the error summary. */
static void pack_errors(json_t *v, const char *msg)
{
	struct buf line = BUF_INIT;
	for (const char *p = msg; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		buf_reset(&line);
		buf_add(&line, p, n);
		if (n)
			admin_page_error(v, "content", buf_str(&line));
		p += n + (nl != NULL);
	}
	buf_free(&line);
}

int page_admin_pack_add(struct web_request *req)
{
	int rc = admin_page_check(req);
	if (rc)
		return rc;
	const char *name = form_get(&req->form, "file");
	const char *content = form_get(&req->form, "content");
	if (!name || !*name || strlen(name) > SOURCE_MAX)
		name = "upload.json";
	json_t *v = web_view(req);
	web_view_set(v, "f_file", name);
	web_view_set(v, "f_content", content);
	struct pack *p = NULL;
	struct err e = { 0 };
	if (!content || !*content) {
		admin_page_error(v, "content", web_text(req, N_("Paste the pack's JSON.")));
	} else if ((rc = pack_parse(name, content, strlen(content), &p, &e)) != IPM_OK) {
		if (rc != IPM_EINVAL) {
			json_decref(v);
			return rc;
		}
		pack_errors(v, e.msg);
	} else {
		struct store_actor who = { .user_id = req->user.user_id };
		rc = store_pack_register_by(req->store, &who, p->id, p->version,
					    pack_kind_name(p->kind), p->title_nl, p->sha256,
					    content, &e);
		if (rc == IPM_ECONFLICT) {
			pack_errors(v, e.msg);
		} else if (rc) {
			pack_free(p);
			json_decref(v);
			return rc;
		} else {
			struct buf b = BUF_INIT;
			buf_printf(&b, web_text(req, N_("Registered: %s %s (%s), sha256 %s.")), p->id,
				   p->version, pack_kind_name(p->kind), p->sha256);
			web_view_set(v, "notice", b.data);
			buf_free(&b);
			/* Registered: the form starts empty again. */
			web_view_set(v, "f_content", NULL);
		}
	}
	pack_free(p);
	if (json_object_get(v, "has_errors"))
		req->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
	return render(req, v);
}

int page_admin_model_activate(struct web_request *req)
{
	int rc = admin_page_check(req);
	if (rc)
		return rc;
	const char *spec = form_get(&req->form, "model");
	const char *reason = form_get(&req->form, "reason");
	json_t *v = web_view(req);
	web_view_set(v, "f_model", spec);
	web_view_set(v, "f_reason", reason);
	const char *at = spec ? strchr(spec, '@') : NULL;
	size_t n = reason ? strlen(reason) : 0;
	if (!at || at == spec || !at[1])
		admin_page_error(v, "model", web_text(req, N_("Choose a model version.")));
	if (n < REASON_MIN || n > REASON_MAX)
		admin_page_error(v, "reason",
				 web_text(req, N_("Write a reason of 10 to 500 characters.")));
	if (!json_object_get(v, "has_errors")) {
		struct err e;
		struct store_actor who = { .user_id = req->user.user_id };
		const char *id = arena_strndup(&req->arena, spec, (size_t)(at - spec));
		rc = store_model_activate(req->store, &who, req->user.org_id, id, at + 1, reason,
					  &e);
		if (rc == IPM_ENOTFOUND || rc == IPM_EINVAL) {
			admin_page_error(v, "model",
					 web_text(req, N_("This is not a registered model "
							  "version.")));
		} else if (rc) {
			json_decref(v);
			return rc;
		} else {
			json_decref(v);
			return web_redirect(req, "/admin/packs");
		}
	}
	req->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
	return render(req, v);
}
