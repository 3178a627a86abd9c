/* /clients/{id}/erasure: how long the client's file is kept and, once that
 * time is over, erasing it (AVG art. 17; services/retention.h,
 * docs/retention.md).
 *
 * Who: the beheerder of the client's organisation erases, with a written
 * reason and the client number typed again as the second confirmation
 * (a slip on the wrong line cannot erase a file). The beheerder sees no
 * dossier: this page shows the client number and dates only. A
 * professional of the caseload who may change the dossier sees the same
 * dates, to answer a client's request, but cannot erase. Anyone else is
 * refused (403, audited 'denied' of 'retention'). Before the retention
 * date the erasure is refused, in the same transaction that would erase. */
#include "core/timeutil.h"
#include "services/retention.h"
#include "web/pages_admin.h"
#include "web/view.h"

#include <string.h>

#define REASON_MIN 10
#define REASON_MAX 500

static const struct web_text texts[] = {
	{ "heading", N_("Retention and erasure") },
	{ "reference", N_("Client number") },
	{ "step", N_("Step on the route") },
	{ "created", N_("File created") },
	{ "last_change", N_("Last change") },
	{ "ended", N_("Route ended") },
	{ "period", N_("Retention period") },
	{ "until", N_("Kept until") },
	{ "now", N_("Erasure now") },
	{ "basis", N_("Basis of the retention periods") },
	{ "reason", N_("Reason for erasure") },
	{ "reason_hint", N_("10 to 500 characters, for example the client's request and its "
			    "date. Do not write personal data: the reason stays in the audit "
			    "trail.") },
	{ "confirm", N_("Type the client number again to confirm") },
	{ "submit", N_("Erase this file for good") },
	{ "warning", N_("Erasing removes the client record and everything stored with it: "
			"questionnaires, answers, results, judgements, advice, plans, reports and "
			"outcomes. It cannot be undone. The audit trail stays, without personal "
			"data.") },
	{ "only_admin", N_("Only an administrator of your organisation can erase a file. Ask "
			   "them when the client wants this and the date has passed.") },
	{ "back", N_("Back to retention") },
	{ "dossier", N_("Client file") },
};

struct erasure {
	int64_t id;
	int may_erase; /* beheerder of the client's organisation */
	struct store_actor who;
	struct store_retention r;
	struct retention_status st;
	struct retention_policy policy;
};

/* Who may see this page, and in which capacity. */
static int erasure_open(struct web_request *req, struct erasure *x, const char *reason)
{
	struct err e;
	memset(x, 0, sizeof *x);
	x->id = web_param_id(req, "id");
	if (x->id < 0)
		return IPM_ENOTFOUND;
	x->who = (struct store_actor){ .user_id = req->user.user_id, .reason = reason };
	int rc;
	if (access_allows(req->user.role, PERM_USERS)) {
		int64_t org;
		const char *access;
		if ((rc = store_client_access(req->store, x->id, req->user.user_id, &org, &access,
					      &e)))
			return rc;
		if (org != req->user.org_id) {
			store_access_denied(req->store, &x->who, x->id, "retention", &e);
			return IPM_EPERM;
		}
		x->may_erase = 1;
	} else {
		struct access_grant g;
		rc = access_client(req->store, &req->user, x->id, PERM_DOSSIER_WRITE, NULL,
				   "retention", &g, &e);
		if (rc == IPM_OK && g.break_glass)
			rc = IPM_EPERM;
		if (rc)
			return rc;
	}
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", req->app->data_dir, RETENTION_POLICY_FILE);
	rc = retention_policy_load(buf_str(&path), &x->policy, &e);
	buf_free(&path);
	if (rc)
		return IPM_EIO; /* the installation's file, not the user's input */
	char today[TIME_ISO_LEN];
	time_now_iso(today);
	today[10] = '\0';
	rc = store_retention_get(req->store, &x->who, x->id, &x->r, &req->arena, &e);
	if (rc == IPM_OK)
		rc = retention_status(&x->policy, &x->r, today, &x->st, &e);
	if (rc)
		retention_policy_free(&x->policy);
	return rc;
}

static int show(struct web_request *req, struct erasure *x, const char *error)
{
	json_t *v = web_view(req);
	admin_page_view(req, v, x->may_erase ? "retention" : NULL);
	web_view_set(v, "reference", x->r.reference);
	web_view_set(v, "step", web_step_label(req, x->r.route_step));
	web_view_set(v, "created", admin_time(req, x->r.created_at));
	web_view_set(v, "last_change", x->st.from);
	web_view_set(v, "until", x->st.until);
	web_view_set(v, "basis", x->policy.basis);
	web_view_set(v, "ended", web_text(req, x->st.ended ? N_("yes, an outcome is recorded")
							   : N_("no outcome recorded")));
	struct buf b = BUF_INIT;
	buf_printf(&b, web_text(req, x->st.ended ? N_("%d years after the last change (route "
						      "ended)")
						 : N_("%d years after the last change (no "
						      "outcome)")),
		   x->st.years);
	if (x->st.held)
		buf_printf(&b, "; %s", web_text(req, N_("a later date was set for this file")));
	web_view_set(v, "period", b.data);
	buf_free(&b);
	web_view_set(v, "now", web_text(req, x->st.erasable ? N_("allowed: the date has passed")
							    : N_("not allowed before the date "
								 "has passed")));
	json_object_set_new(v, "erasable", json_boolean(x->st.erasable));
	json_object_set_new(v, "may_erase", json_boolean(x->may_erase));
	json_object_set_new(v, "form", json_boolean(x->may_erase && x->st.erasable));
	struct buf action = BUF_INIT;
	buf_printf(&action, "/clients/%lld/erasure", (long long)x->id);
	web_view_set(v, "action", action.data);
	/* The professional came from the dossier; the beheerder may not open it. */
	if (!x->may_erase) {
		buf_reset(&action);
		buf_printf(&action, "/clients/%lld", (long long)x->id);
		web_view_set(v, "dossier_href", action.data);
	}
	buf_free(&action);
	if (error) {
		web_view_set(v, "error", error);
		json_object_set_new(v, "has_error", json_true());
	}
	WEB_TEXTS(req, v, texts);
	retention_policy_free(&x->policy);
	return web_render(req, "erasure", N_("Retention and erasure"), v);
}

int page_erasure(struct web_request *req)
{
	struct erasure x;
	int rc = erasure_open(req, &x, NULL);
	return rc ? rc : show(req, &x, NULL);
}

static const struct web_text done_texts[] = {
	{ "heading", N_("File erased") },
	{ "done", N_("The file and everything stored with it have been erased. The audit trail "
		     "records the erasure and your reason.") },
	{ "back", N_("Back to retention") },
};

int page_erasure_do(struct web_request *req)
{
	if (!access_allows(req->user.role, PERM_USERS))
		return admin_page_refuse(req);
	const char *reason = form_get(&req->form, "reason");
	const char *confirm = form_get(&req->form, "confirm");
	size_t n = reason ? strlen(reason) : 0;
	struct erasure x;
	/* The reason goes with the audit rows of this request, the erasure's
	 * included. */
	int rc = erasure_open(req, &x, n >= REASON_MIN && n <= REASON_MAX ? reason : NULL);
	if (rc)
		return rc;
	req->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
	if (n < REASON_MIN || n > REASON_MAX)
		return show(req, &x, web_text(req, N_("Write a reason of 10 to 500 characters.")));
	if (!confirm || strcmp(confirm, x.r.reference) != 0)
		return show(req, &x, web_text(req, N_("The client number you typed does not match "
						      "this file.")));
	char today[TIME_ISO_LEN];
	time_now_iso(today);
	today[10] = '\0';
	struct err e;
	rc = retention_erase(req->store, &x.who, &x.policy, x.id, today, &x.st, &e);
	if (rc == IPM_ECONFLICT) {
		req->status = MHD_HTTP_CONFLICT;
		return show(req, &x, web_text(req, N_("This file may not be erased before its "
						      "retention date has passed.")));
	}
	retention_policy_free(&x.policy);
	if (rc)
		return rc;
	req->status = MHD_HTTP_OK;
	json_t *v = web_view(req);
	admin_page_view(req, v, "retention");
	WEB_TEXTS(req, v, done_texts);
	return web_render(req, "erased", N_("File erased"), v);
}
