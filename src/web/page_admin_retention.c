/* /admin/retention: the beheerder's view of the retention policy
 * (services/retention.h): the periods that apply to the organisation and
 * why, the files whose date has passed (client number and dates only, one
 * audited read of 'retention'), and a client number to look up for a
 * client's request for erasure. Erasing is one file at a time on
 * /clients/{id}/erasure; `ipm retention run` does all that are due. */
#include "core/timeutil.h"
#include "services/retention.h"
#include "store/store_admin.h"
#include "web/pages_admin.h"
#include "web/view.h"

#include <string.h>

static const struct web_text texts[] = {
	{ "heading", N_("Retention") },
	{ "intro", N_("How long your organisation keeps client files, and which files may now "
		      "be erased. Erasing removes the file and everything stored with it; the "
		      "audit trail stays, without personal data.") },
	{ "summary", N_("There is a problem") },
	{ "policy", N_("Retention periods") },
	{ "after_end", N_("After a route that ended with an outcome") },
	{ "after_activity", N_("After the last change, without an outcome") },
	{ "basis", N_("Basis") },
	{ "years", N_("years") },
	{ "due", N_("Files past their retention date") },
	{ "none_due", N_("No file has passed its retention date.") },
	{ "reference", N_("Client number") },
	{ "last_change", N_("Last change") },
	{ "until", N_("Kept until") },
	{ "open", N_("Erase…") },
	{ "checked", N_("Files checked") },
	{ "lookup", N_("A client's request") },
	{ "lookup_intro", N_("Look up a file by its client number to see its retention date and, "
			     "once it has passed, erase it.") },
	{ "client", N_("Client number") },
	{ "lookup_button", N_("Look up") },
};

static void due_row(void *ctx, const struct store_retention *r,
		    const struct retention_status *st)
{
	json_t *rows = ctx;
	json_t *o = json_object();
	web_view_set(o, "reference", r->reference);
	web_view_set(o, "last_change", st->from);
	web_view_set(o, "until", st->until);
	struct buf b = BUF_INIT;
	buf_printf(&b, "/clients/%lld/erasure", (long long)r->client_id);
	web_view_set(o, "href", b.data);
	buf_free(&b);
	json_array_append_new(rows, o);
}

int page_admin_retention(struct web_request *req)
{
	int rc = admin_page_check(req);
	if (rc)
		return rc;
	struct err e;
	json_t *v = web_view(req);
	const char *lookup = web_query(req, "client");
	if (lookup && *lookup) {
		int64_t id;
		rc = store_client_by_reference(req->store, req->user.org_id, lookup, &id, &e);
		if (rc == IPM_OK) {
			json_decref(v);
			struct buf to = BUF_INIT;
			buf_printf(&to, "/clients/%lld/erasure", (long long)id);
			rc = web_redirect(req, buf_str(&to));
			buf_free(&to);
			return rc;
		}
		if (rc != IPM_ENOTFOUND) {
			json_decref(v);
			return rc;
		}
		web_view_set(v, "f_client", lookup);
		admin_page_error(v, "client", web_text(req, N_("No client of your organisation has "
							       "this number.")));
		req->status = MHD_HTTP_NOT_FOUND;
	}
	struct retention_policy p;
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", req->app->data_dir, RETENTION_POLICY_FILE);
	rc = retention_policy_load(buf_str(&path), &p, &e);
	buf_free(&path);
	if (rc) {
		json_decref(v);
		return IPM_EIO;
	}
	char today[TIME_ISO_LEN];
	time_now_iso(today);
	today[10] = '\0';
	struct store_actor who = { .user_id = req->user.user_id };
	json_t *rows = json_array();
	size_t checked = 0;
	rc = retention_due_each(req->store, &who, req->user.org_id, &p, today, due_row, rows,
				&checked, &e);
	const struct retention_rule *rule = retention_rule_for(&p, req->user.org_id);
	json_object_set_new(v, "years_after_end", json_integer(rule->years_after_end));
	json_object_set_new(v, "years_after_activity",
			    json_integer(rule->years_after_last_activity));
	web_view_set(v, "basis", p.basis);
	retention_policy_free(&p);
	json_object_set_new(v, "any_due", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(v, "due", rows);
	json_object_set_new(v, "checked", json_integer((json_int_t)checked));
	if (rc) {
		json_decref(v);
		return rc;
	}
	admin_page_view(req, v, "retention");
	WEB_TEXTS(req, v, texts);
	return web_render(req, "admin_retention", N_("Retention"), v);
}
