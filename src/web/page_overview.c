/* /overview: the manager's management information — how many clients are
 * at each step of the route in the organisation. Aggregates only: no names,
 * no client numbers, no ranking of professionals (DOMAIN §9). */
#include "web/pages.h"
#include "web/view.h"

#include <stdlib.h>

static const struct web_text texts[] = {
	{ "heading", N_("Overview of the organisation") },
	{ "intro", N_("Numbers of clients per route step. No individual client can be seen "
		      "here.") },
	{ "step", N_("Route step") },
	{ "clients", N_("Clients") },
	{ "total", N_("Total") },
	{ "caption", N_("Clients per route step") },
};

struct tally {
	struct web_request *req;
	json_t *rows;
	int64_t total;
};

static int step_row(void *ctx, const char *step, int64_t n, struct err *e)
{
	(void)e;
	struct tally *t = ctx;
	json_t *o = json_object();
	web_view_set(o, "step", web_step_label(t->req, step));
	json_object_set_new(o, "order", json_integer(web_step_index(step)));
	json_object_set_new(o, "clients", json_integer(n));
	json_array_append_new(t->rows, o);
	t->total += n;
	return IPM_OK;
}

static int by_order(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "order"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "order"));
	return (x > y) - (x < y);
}

int page_overview(struct web_request *req)
{
	if (!access_allows(req->user.role, PERM_AGGREGATES))
		return web_refuse(req, 0, "aggregates");
	struct tally t = { req, json_array(), 0 };
	struct store_actor who = { .user_id = req->user.user_id };
	struct err e;
	int rc = store_route_step_counts(req->store, &who, req->user.org_id, step_row, &t, &e);
	if (rc) {
		json_decref(t.rows);
		return rc;
	}
	/* In route order, not alphabetical. */
	size_t n = json_array_size(t.rows);
	json_t **tmp = arena_array(&req->arena, n ? n : 1, sizeof *tmp);
	for (size_t i = 0; i < n; i++)
		tmp[i] = json_incref(json_array_get(t.rows, i));
	qsort(tmp, n, sizeof *tmp, by_order);
	json_array_clear(t.rows);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(t.rows, tmp[i]);
	json_t *v = web_view(req);
	json_object_set_new(v, "rows", t.rows);
	json_object_set_new(v, "total", json_integer(t.total));
	WEB_TEXTS(req, v, texts);
	return web_render(req, "overview", N_("Overview"), v);
}
