/* /clients/{id}/reports: the adviesrapport (DOMAIN §7). Issuing renders the
 * document of the client and stores it immutably (services/report_issue.h,
 * as `ipm report`), then hands it over as a download; the issued reports
 * are listed and can be downloaded again, byte for byte as issued.
 *
 * Who may do what (services/access.h): issuing writes the dossier, so it
 * is for roles with PERM_DOSSIER_WRITE. The professional version holds test
 * details (T-scores, item-level findings) and the client version is the
 * client's own copy, which names the special-category factors (health,
 * addiction, justice) and the result of each questionnaire scale in plain
 * words: issuing or downloading either needs PERM_TEST_DETAILS and
 * PERM_SENSITIVE. The employer version holds what the client agreed to share
 * with an employer and is readable with PERM_CONCLUSIONS — which is what the
 * jobcoach gets, once a consulent or psychologist issued it. */
#include "report/report.h"
#include "report/templates.h"
#include "services/report_issue.h"
#include "store/store_route.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <string.h>

static const struct web_text texts[] = {
	{ "heading", N_("Reports") },
	{ "intro", N_("The advisory report, issued and kept unchanged. A professional version with "
		      "all details, a version for the client in plain language, and a version for "
		      "an employer with only what the client agreed to share.") },
	{ "issue", N_("Issue a report") },
	{ "version", N_("Version") },
	{ "format", N_("Format") },
	{ "issue_button", N_("Issue and download") },
	{ "issued", N_("Issued reports") },
	{ "none", N_("No report has been issued yet.") },
	{ "date", N_("Issued on") },
	{ "by", N_("by") },
	{ "download", N_("Download") },
	{ "size", N_("Size") },
};

static const char *version_label(struct web_request *req, enum report_version v)
{
	return web_text(req, v == REPORT_PROF     ? N_("Professional")
			     : v == REPORT_CLIENT ? N_("Client")
						  : N_("Employer"));
}

/* The employer version needs the conclusions; the others test details and
 * special-category data (see above). */
static bool may_read(const struct web_request *req, enum report_version v)
{
	if (v == REPORT_EMPLOYER)
		return access_allows(req->user.role, PERM_CONCLUSIONS);
	return access_allows(req->user.role, PERM_TEST_DETAILS) &&
	       access_allows(req->user.role, PERM_SENSITIVE);
}

struct list {
	struct web_request *req;
	const struct client_page *cp;
	json_t *rows;
};

static int report_row(void *ctx, const struct store_report *r, struct err *e)
{
	(void)e;
	struct list *l = ctx;
	enum report_version v;
	if (report_version_parse(r->version, &v) != 0 || !may_read(l->req, v))
		return IPM_OK;
	json_t *o = json_object();
	web_view_set(o, "version", version_label(l->req, v));
	web_view_set(o, "format", !strcmp(r->format, "pdf") ? "PDF" : "HTML");
	web_view_set(o, "date", r->report_date);
	web_view_set(o, "by", r->issued_by_name);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%zu kB", (r->n_bytes + 1023) / 1024);
	web_view_set(o, "size", b.data);
	buf_reset(&b);
	buf_printf(&b, "reports/%lld", (long long)r->id);
	web_view_set(o, "href", client_page_href(l->req, l->cp->id, b.data));
	buf_free(&b);
	json_array_append_new(l->rows, o);
	return IPM_OK;
}

int page_reports(struct web_request *req)
{
	struct client_page cp;
	struct err e;
	int rc = client_page_open(req, PERM_CONCLUSIONS, "report", &cp);
	if (rc)
		return rc;
	struct list l = { req, &cp, json_array() };
	if ((rc = store_reports_each(req->store, &cp.who, cp.id, report_row, &l, &e))) {
		json_decref(l.rows);
		return rc;
	}
	json_t *v = web_view(req);
	client_page_view(req, &cp, v, "reports");
	json_object_set_new(v, "any", json_boolean(json_array_size(l.rows) > 0));
	json_object_set_new(v, "reports", l.rows);
	if (access_allows(req->user.role, PERM_DOSSIER_WRITE)) {
		json_t *vs = json_array();
		for (int k = REPORT_PROF; k <= REPORT_EMPLOYER; k++) {
			if (!may_read(req, (enum report_version)k))
				continue;
			json_array_append_new(vs, json_pack("{s:s, s:s}", "code",
							    report_version_name((enum report_version)k),
							    "label",
							    version_label(req, (enum report_version)k)));
		}
		json_object_set_new(v, "versions", vs);
		web_view_set(v, "action", client_page_href(req, cp.id, "reports"));
	}
	WEB_TEXTS(req, v, texts);
	return web_render(req, "reports", N_("Reports"), v);
}

int page_report_issue(struct web_request *req)
{
	struct client_page cp;
	struct err e;
	struct report_templates *t = NULL;
	struct report_rendered r = { 0 };
	enum report_version ver;
	enum report_format fmt;
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "report", &cp);
	if (rc)
		return rc;
	const char *vs = form_get(&req->form, "version"), *fs = form_get(&req->form, "format");
	if (!vs || report_version_parse(vs, &ver) != 0 || !fs || report_format_parse(fs, &fmt) != 0)
		return IPM_EINVAL;
	if (!may_read(req, ver))
		return web_refuse(req, cp.id, "report");
	/* The client reads the route's language; a professional reads their own. */
	enum q_lang lang = cp.lang;
	if (ver == REPORT_CLIENT)
		lang = cp.c.route_language && !strcmp(cp.c.route_language, "en")   ? Q_EN
		       : cp.c.route_language && !strcmp(cp.c.route_language, "de") ? Q_DE
										   : Q_NL;
	static const char *const codes[] = { "nl", "en", "de" };
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/templates/report-%s.json", req->app->data_dir, codes[lang]);
	struct report_doc_opts o = { .client_id = cp.id, .version = ver, .date = cp.today,
				     .lang = lang };
	int64_t id = 0;
	if ((rc = report_templates_load(buf_str(&path), codes[lang], &t, &e)) ||
	    (rc = report_issue_render(req->store, &cp.who, t, &o, fmt, &r, &e)) ||
	    (rc = report_issue_store(req->store, &cp.who, t, cp.id, &r, &id, &e)))
		goto out;
	struct buf to = BUF_INIT;
	buf_printf(&to, "reports/%lld", (long long)id);
	rc = web_redirect(req, client_page_href(req, cp.id, buf_str(&to)));
	buf_free(&to);
out:
	report_rendered_free(&r);
	report_templates_free(t);
	buf_free(&path);
	return rc;
}

int page_report_get(struct web_request *req)
{
	struct client_page cp;
	struct store_report r;
	struct err e;
	enum report_version ver;
	enum report_format fmt;
	int rc = client_page_open(req, PERM_CONCLUSIONS, "report", &cp);
	if (rc)
		return rc;
	int64_t rid = web_param_id(req, "rid");
	if (rid < 0)
		return IPM_ENOTFOUND;
	/* Only this client's report: another's {rid} is not found (and its
	 * read is not audited as if it had been shown). */
	if ((rc = store_client_report_get(req->store, &cp.who, cp.id, rid, &r, &req->arena, &e)))
		return rc;
	if (report_version_parse(r.version, &ver) != 0 || report_format_parse(r.format, &fmt) != 0)
		return IPM_ENOTFOUND;
	if (!may_read(req, ver))
		return web_refuse(req, cp.id, "report");
	buf_add(&req->body, r.bytes, r.n_bytes);
	req->content_type = report_format_mime(fmt);
	struct buf disp = BUF_INIT;
	buf_printf(&disp, "attachment; filename=\"adviesrapport-%lld-%s.%s\"", (long long)rid,
		   r.version, report_format_ext(fmt));
	web_header(req, "Content-Disposition", disp.data);
	buf_free(&disp);
	req->status = MHD_HTTP_OK;
	return IPM_OK;
}
