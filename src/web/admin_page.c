#include "store/store_web.h"
#include "web/pages_admin.h"
#include "web/view.h"

#include <string.h>

int admin_page_refuse(struct web_request *req)
{
	/* The refusal is on record even though it names no client. */
	return web_refuse(req, 0, "admin");
}

int admin_page_check(struct web_request *req)
{
	return access_allows(req->user.role, PERM_USERS) ? IPM_OK : admin_page_refuse(req);
}

void admin_page_view(struct web_request *req, json_t *v, const char *current)
{
	static const struct {
		const char *id, *href, *msgid;
	} tabs[] = {
		{ "users", "/admin/users", N_("Users") },
		{ "packs", "/admin/packs", N_("Packs and models") },
		{ "retention", "/admin/retention", N_("Retention") },
	};
	if (!current || !access_allows(req->user.role, PERM_USERS))
		return;
	json_t *list = json_array();
	for (size_t i = 0; i < sizeof tabs / sizeof tabs[0]; i++) {
		json_t *t = json_object();
		web_view_set(t, "href", tabs[i].href);
		web_view_set(t, "label", web_text(req, tabs[i].msgid));
		json_object_set_new(t, "current", json_boolean(strcmp(tabs[i].id, current) == 0));
		json_array_append_new(list, t);
	}
	json_object_set_new(v, "tabs", list);
	web_view_set(v, "tabs_label", web_text(req, N_("Administration")));
}

const char *admin_time(struct web_request *req, const char *iso)
{
	if (!iso || strlen(iso) != 20 || iso[10] != 'T' || iso[19] != 'Z')
		return iso;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%.10s %.5s UTC", iso, iso + 11);
	const char *s = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return s;
}

void admin_page_error(json_t *v, const char *field_id, const char *text)
{
	json_t *list = json_object_get(v, "errors");
	if (!list) {
		list = json_array();
		json_object_set_new(v, "errors", list);
	}
	json_t *o = json_object();
	struct buf href = BUF_INIT;
	buf_printf(&href, "#%s", field_id);
	web_view_set(o, "href", href.data);
	buf_free(&href);
	web_view_set(o, "text", text);
	json_array_append_new(list, o);
	json_object_set_new(v, "has_errors", json_true());
}
