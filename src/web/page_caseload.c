/* /clients: the professional's caseload, with search, and where each client
 * is on the route. Only clients the user owns or that are shared with them;
 * the list is one audited read. */
#include "web/pages.h"
#include "web/view.h"

#include <string.h>

#define CASELOAD_LIMIT 200

static const struct web_text texts[] = {
	{ "heading", N_("My clients") },
	{ "search", N_("Search by client number or name") },
	{ "search_button", N_("Search") },
	{ "reference", N_("Client number") },
	{ "name", N_("Name") },
	{ "step", N_("Route step") },
	{ "access", N_("Access") },
	{ "updated", N_("Last change") },
	{ "none", N_("No clients found.") },
	{ "all", N_("Show all") },
	{ "caption", N_("Clients in your caseload") },
	{ "new", N_("New client") },
};

struct rows {
	struct web_request *req;
	json_t *list;
};

static int add_row(void *ctx, const struct store_caseload_row *r, struct err *e)
{
	(void)e;
	struct rows *rs = ctx;
	struct web_request *req = rs->req;
	json_t *o = json_object();
	struct buf b = BUF_INIT;
	buf_printf(&b, "/clients/%lld", (long long)r->client_id);
	web_view_set(o, "href", b.data);
	buf_reset(&b);
	buf_printf(&b, "%s %s", r->given_name, r->family_name);
	web_view_set(o, "name", b.data);
	web_view_set(o, "reference", r->reference);
	int idx = web_step_index(r->route_step);
	buf_reset(&b);
	if (idx >= 0)
		buf_printf(&b, web_text(req, N_("%s (step %d of %d)")),
			   web_step_label(req, r->route_step), idx + 1, web_step_count());
	else
		buf_puts(&b, r->route_step);
	web_view_set(o, "step", b.data);
	json_object_set_new(o, "progress", json_integer(idx >= 0 ? idx + 1 : 0));
	web_view_set(o, "access", web_text(req, r->access && r->access[0] == 'o' ? N_("own")
										: N_("shared")));
	buf_reset(&b);
	buf_add(&b, r->updated_at, r->updated_at && strlen(r->updated_at) >= 10 ? 10 : 0);
	web_view_set(o, "updated", b.data);
	buf_free(&b);
	json_array_append_new(rs->list, o);
	return IPM_OK;
}

int page_caseload(struct web_request *req)
{
	if (!access_allows(req->user.role, PERM_CASELOAD))
		return web_refuse(req, 0, "caseload");
	const char *q = web_query(req, "q");
	if (q && strlen(q) > 100)
		q = NULL;
	struct rows rs = { req, json_array() };
	struct store_actor who = { .user_id = req->user.user_id };
	struct err e;
	int rc = store_caseload_each(req->store, &who, q, CASELOAD_LIMIT, add_row, &rs, &e);
	if (rc) {
		json_decref(rs.list);
		return rc;
	}
	json_t *v = web_view(req);
	web_view_set(v, "q", q);
	json_object_set_new(v, "searched", json_boolean(q && *q));
	json_object_set_new(v, "any", json_boolean(json_array_size(rs.list) > 0));
	json_object_set_new(v, "clients", rs.list);
	json_object_set_new(v, "steps", json_integer(web_step_count()));
	/* The intake is where a new client starts: for roles that may make one. */
	json_object_set_new(v, "may_add", json_boolean(access_allows(req->user.role,
								     PERM_DOSSIER_WRITE)));
	WEB_TEXTS(req, v, texts);
	return web_render(req, "caseload", N_("My clients"), v);
}
