/* /clients/{id}/tests: which questionnaires a client took — test details,
 * so only for roles with PERM_TEST_DETAILS (not the jobcoach); a refused
 * attempt is audited. The results pages with charts build on this. */
#include "web/pages.h"
#include "web/view.h"

static const struct web_text texts[] = {
	{ "heading", N_("Questionnaires") },
	{ "pack", N_("Questionnaire") },
	{ "done", N_("Completed") },
	{ "open", N_("In progress") },
	{ "none", N_("No questionnaires yet.") },
	{ "back", N_("Back to the client file") },
	{ "caption", N_("Questionnaires of this client") },
};

static int pack_row(void *ctx, const char *pack_id, int64_t done, int64_t open, struct err *e)
{
	(void)e;
	json_t *o = json_object();
	web_view_set(o, "pack", pack_id);
	json_object_set_new(o, "done", json_integer(done));
	json_object_set_new(o, "open", json_integer(open));
	json_array_append_new(ctx, o);
	return IPM_OK;
}

int page_tests(struct web_request *req)
{
	int64_t id = web_param_id(req, "id");
	if (id < 0)
		return IPM_ENOTFOUND;
	struct access_grant g;
	struct err e;
	int rc = access_client(req->store, &req->user, id, PERM_TEST_DETAILS, NULL, "assessment",
			       &g, &e);
	if (rc)
		return rc;
	struct store_actor who = { .user_id = req->user.user_id };
	struct store_dossier_counts counts;
	json_t *list = json_array();
	rc = store_dossier_counts(req->store, &who, id, &counts, pack_row, list, &e);
	if (rc) {
		json_decref(list);
		return rc;
	}
	json_t *v = web_view(req);
	json_object_set_new(v, "packs", list);
	struct buf back = BUF_INIT;
	buf_printf(&back, "/clients/%lld", (long long)id);
	web_view_set(v, "back_href", back.data);
	buf_free(&back);
	WEB_TEXTS(req, v, texts);
	return web_render(req, "tests", N_("Questionnaires"), v);
}
