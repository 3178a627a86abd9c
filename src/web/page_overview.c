/* /overview: the manager's management information — how many clients are
 * at each step of the route in the organisation. Aggregates only: no names,
 * no client numbers, no ranking of professionals (DOMAIN §9).
 *
 * The demo's synthetic history (client numbers SYN-…, docs/synth.md) is
 * past clients made up for fitting the prognosis model, not a caseload:
 * counted apart, in a table of its own that says so, so that the
 * composition of the real caseload is not drowned by 400 invented people. */
#include "services/demo.h"
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
	{ "synthetic", N_("Synthetic history (demo)") },
	{ "synthetic_intro", N_("Made-up past clients with client numbers starting with SYN-, "
				"added by the demo so that the prognosis model has outcomes to "
				"be fitted on. They are not clients and are not counted above.") },
	{ "synthetic_caption", N_("Synthetic past clients per route step") },
};

struct part {
	json_t *rows;
	int64_t total;
};

struct tally {
	struct web_request *req;
	struct part part[2]; /* the clients; the synthetic history */
};

static int step_row(void *ctx, const char *step, int apart, int64_t n, struct err *e)
{
	(void)e;
	struct tally *t = ctx;
	struct part *p = &t->part[apart ? 1 : 0];
	json_t *o = json_object();
	web_view_set(o, "step", web_step_label(t->req, step));
	json_object_set_new(o, "order", json_integer(web_step_index(step)));
	json_object_set_new(o, "clients", json_integer(n));
	json_array_append_new(p->rows, o);
	p->total += n;
	return IPM_OK;
}

static int by_order(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "order"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "order"));
	return (x > y) - (x < y);
}

/* In route order, not alphabetical. */
static void route_order(struct web_request *req, json_t *rows)
{
	size_t n = json_array_size(rows);
	json_t **tmp = arena_array(&req->arena, n ? n : 1, sizeof *tmp);
	for (size_t i = 0; i < n; i++)
		tmp[i] = json_incref(json_array_get(rows, i));
	qsort(tmp, n, sizeof *tmp, by_order);
	json_array_clear(rows);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(rows, tmp[i]);
}

int page_overview(struct web_request *req)
{
	if (!access_allows(req->user.role, PERM_AGGREGATES))
		return web_refuse(req, 0, "aggregates");
	struct tally t = { req, { { json_array(), 0 }, { json_array(), 0 } } };
	struct store_actor who = { .user_id = req->user.user_id };
	struct err e;
	int rc = store_clients_per_step(req->store, &who, req->user.org_id, DEMO_HISTORY_PREFIX,
					step_row, &t, &e);
	if (rc) {
		json_decref(t.part[0].rows);
		json_decref(t.part[1].rows);
		return rc;
	}
	json_t *v = web_view(req);
	route_order(req, t.part[0].rows);
	route_order(req, t.part[1].rows);
	json_object_set_new(v, "rows", t.part[0].rows);
	json_object_set_new(v, "total", json_integer(t.part[0].total));
	json_object_set_new(v, "any_synthetic", json_boolean(t.part[1].total > 0));
	json_object_set_new(v, "synthetic_rows", t.part[1].rows);
	json_object_set_new(v, "synthetic_total", json_integer(t.part[1].total));
	WEB_TEXTS(req, v, texts);
	return web_render(req, "overview", N_("Overview"), v);
}
