/* /clients/{id}/inzage: everything stored about the client (AVG art. 15),
 * read from services/inzage.h and shown part by part, printable, with its
 * headings in the language of the client's route (it is meant for the
 * client). ?download=json hands over the JSON document (docs/inzage.md),
 * ?download=html the same page as one self-contained HTML file.
 *
 * Who: a professional of the client's caseload whose role may see test
 * details (the export holds every answer); special-category data only for
 * a role with PERM_SENSITIVE. Each view or download is one audited
 * 'export' of 'client'; a refusal is audited as 'denied' of 'export'. */
#include "core/json.h"
#include "services/inzage.h"
#include "store/store_privacy.h"
#include "web/client_page.h"
#include "web/pages_admin.h"
#include "web/view.h"

#include <sodium.h>
#include <string.h>

struct part_text {
	const char *part, *title, *intro;
};

static const struct part_text part_texts[] = {
	{ "client", N_("Your details"), N_("What we recorded about you at the intake.") },
	{ "organisation", N_("Organisation"), N_("The organisation that keeps your file.") },
	{ "access", N_("Who may open your file"), N_("The professionals with your file in their "
						    "caseload.") },
	{ "consents", N_("Consent"), N_("What you agreed to, and when.") },
	{ "assessments", N_("Questionnaires"), N_("The questionnaires you filled in.") },
	{ "answers", N_("Answers"), N_("Every answer you gave, also answers you changed later.") },
	{ "assessment_links", N_("Links to questionnaires"),
	  N_("Links we made so you could fill in a questionnaire on your own.") },
	{ "results", N_("Results"), N_("Scores and prognoses computed from your answers.") },
	{ "cvs", N_("CV"), N_("Your CV as recorded.") },
	{ "judgements", N_("Judgements"), N_("What your professional decided about the computed "
					     "outcomes, and why.") },
	{ "advice", N_("Advice"), N_("The advice items in your file.") },
	{ "advice_decisions", N_("Decisions on advice"), N_("Whether advice was accepted or "
							   "rejected, and why.") },
	{ "trajectplans", N_("Plan"), N_("Every version of your plan.") },
	{ "plan_activities", N_("Activities in the plan"), N_("What the plan contains.") },
	{ "jobcoach_advice", N_("Job coaching"), N_("Advice about guidance at work.") },
	{ "reports", N_("Reports"), N_("Reports that were issued. You can ask for a copy.") },
	{ "outcomes", N_("Outcomes"), N_("Work, study or another outcome of your route.") },
	{ "audit", N_("Who looked at your file"), N_("Every time someone opened, changed or "
						     "exported your file.") },
};

/* Column labels; a column without one is shown by its name. */
static const struct {
	const char *col, *msgid;
} col_texts[] = {
	{ "id", N_("Number") },
	{ "reference", N_("Client number") },
	{ "given_name", N_("First name") },
	{ "family_name", N_("Last name") },
	{ "birth_date", N_("Date of birth") },
	{ "sex", N_("Sex") },
	{ "email", N_("E-mail") },
	{ "phone", N_("Phone") },
	{ "street", N_("Street") },
	{ "postcode", N_("Postcode") },
	{ "city", N_("Town") },
	{ "gemeente", N_("Municipality") },
	{ "benefit_type", N_("Benefit") },
	{ "benefit_start", N_("Benefit since") },
	{ "education_level", N_("Education") },
	{ "language_level", N_("Dutch language level") },
	{ "route_language", N_("Language of the route") },
	{ "household", N_("Household") },
	{ "target_groups", N_("Target groups") },
	{ "route_step", N_("Step on the route") },
	{ "sensitive", N_("Special category data") },
	{ "retention_until", N_("Kept at least until") },
	{ "created_at", N_("Created") },
	{ "updated_at", N_("Changed") },
	{ "name", N_("Name") },
	{ "kind", N_("Kind") },
	{ "user_name", N_("Professional") },
	{ "user_role", N_("Role") },
	{ "purpose", N_("Purpose") },
	{ "granted", N_("Given") },
	{ "basis", N_("Basis") },
	{ "recorded_at", N_("Recorded") },
	{ "withdrawn_at", N_("Withdrawn") },
	{ "pack_id", N_("Questionnaire or model") },
	{ "pack_version", N_("Version") },
	{ "taken_by", N_("Filled in by") },
	{ "started_at", N_("Started") },
	{ "completed_at", N_("Completed") },
	{ "assessment_id", N_("Questionnaire number") },
	{ "item_id", N_("Question") },
	{ "value", N_("Value") },
	{ "answered_at", N_("Answered") },
	{ "data", N_("Content") },
	{ "at", N_("When") },
	{ "action", N_("What") },
	{ "entity", N_("Part of the file") },
	{ "reason", N_("Reason") },
	{ "outcome", N_("Outcome") },
	{ "start_date", N_("Start date") },
	{ "hours_per_week", N_("Hours per week") },
	{ "text", N_("Text") },
	{ "decision", N_("Decision") },
	{ "subject", N_("Subject") },
	{ "computed", N_("Computed") },
	{ "goal", N_("Goal") },
	{ "provider", N_("Provider") },
	{ "status", N_("Status") },
	{ "report_date", N_("Report date") },
	{ "version", N_("Version") },
	{ "format", N_("Format") },
	{ "size_bytes", N_("Size (bytes)") },
	{ "org_id", N_("Organisation number") },
	{ "user_id", N_("User number") },
	{ "granted_at", N_("Granted on") },
	{ "recorded_by", N_("By (user number)") },
	{ "created_by", N_("By (user number)") },
	{ "decided_by", N_("By (user number)") },
	{ "issued_by", N_("By (user number)") },
	{ "entity_id", N_("Number of that part") },
	{ "seq", N_("Order") },
	{ "expires_unix", N_("Expires (Unix time)") },
	{ "revoked_at", N_("Revoked") },
	{ "source", N_("Source") },
	{ "reason_code", N_("Reason code") },
	{ "reason_text", N_("Reason") },
	{ "type", N_("Type") },
	{ "learnability", N_("Learnability") },
	{ "learnability_note", N_("Note on learnability") },
	{ "source_kind", N_("Based on") },
	{ "source_code", N_("Code") },
	{ "advice_id", N_("Advice number") },
	{ "plan_id", N_("Plan number") },
	{ "instrument_id", N_("Instrument") },
	{ "target_occupation", N_("Target occupation") },
	{ "note", N_("Note") },
	{ "advised", N_("Advised") },
	{ "grade", N_("Grade") },
	{ "percent", N_("Percentage") },
	{ "contract_hours", N_("Contract hours") },
	{ "interventions", N_("Interventions") },
	{ "kenmerken", N_("Characteristics") },
	{ "sha256", N_("SHA-256") },
	{ "versions", N_("Versions used") },
	{ "issued_at", N_("Issued") },
	{ "contract", N_("Contract") },
	{ "durable_6m", N_("Still working after 6 months") },
	{ "durable_12m", N_("Still working after 12 months") },
	{ "computed_at", N_("Computed") },
	{ "decided_at", N_("Decided") },
};

static const struct web_text texts[] = {
	{ "heading", N_("Everything we store about you") },
	{ "intro", N_("This is a complete copy of what IPM keeps about you: your details, your "
		      "answers, the results, the decisions about your route and a record of who "
		      "looked at your file. You have a right to this copy (AVG, article 15).") },
	{ "made", N_("Made on") },
	{ "none", N_("Nothing recorded.") },
	{ "rows", N_("Entries") },
	{ "download", N_("Download") },
	{ "download_json", N_("Download as JSON (for computers)") },
	{ "download_html", N_("Download as a web page (to keep or print)") },
	{ "print_hint", N_("Use your browser's print function to print this page or save it "
			   "as PDF.") },
	{ "contents", N_("Contents") },
};

/* The client's route language, for the texts meant for the client. */
static enum web_lang route_lang(const struct client_page *cp)
{
	enum web_lang l;
	return cp->c.route_language && i18n_lang_parse(cp->c.route_language, &l) == 0 ? l
										       : LANG_NL;
}

struct render {
	struct web_request *req;
	enum web_lang lang;
};

static const char *tr(const struct render *r, const char *msgid)
{
	return i18n_text(&r->req->app->i18n, r->lang, msgid);
}

static const char *col_label(const struct render *r, const char *col)
{
	for (size_t i = 0; i < sizeof col_texts / sizeof col_texts[0]; i++)
		if (!strcmp(col_texts[i].col, col))
			return tr(r, col_texts[i].msgid);
	return col;
}

static int scalars_only(const json_t *arr)
{
	size_t i;
	const json_t *x;
	json_array_foreach(arr, i, x)
	{
		if (json_is_object(x) || json_is_array(x))
			return 0;
	}
	return 1;
}

/* A value as text; *pre when it is JSON shown indented. */
static void cell_text(const struct render *r, const char *col, const json_t *v, struct buf *out,
		      int *pre)
{
	*pre = 0;
	if (!strcmp(col, "sensitive") && json_is_object(v)) {
		const char *st = json_string_value(json_object_get(v, "status"));
		const json_t *text = json_object_get(v, "text");
		if (text)
			buf_puts(out, json_string_value(text));
		else
			buf_puts(out, tr(r, !strcmp(st, "withheld") ? N_("Recorded; not shown for "
									 "this role.")
					    : !strcmp(st, "locked") ? N_("Recorded, encrypted; the key "
									 "is not loaded.")
					    : !strcmp(st, "unreadable")
						    ? N_("Recorded, but it cannot be opened: it is "
							 "damaged or was sealed for another client.")
						    : N_("None recorded.")));
		return;
	}
	switch (json_typeof(v)) {
	case JSON_NULL: buf_puts(out, "—"); break;
	case JSON_STRING: buf_puts(out, admin_time(r->req, json_string_value(v))); break;
	case JSON_INTEGER: buf_printf(out, "%lld", (long long)json_integer_value(v)); break;
	case JSON_REAL: buf_printf(out, "%g", json_real_value(v)); break;
	case JSON_ARRAY:
		if (scalars_only(v)) {
			size_t i;
			const json_t *x;
			json_array_foreach(v, i, x)
			{
				int inner;
				if (i)
					buf_puts(out, ", ");
				cell_text(r, "", x, out, &inner);
			}
			if (!json_array_size(v))
				buf_puts(out, "—");
			break;
		}
		/* fall through */
	default:
		json_to_buf(v, out, 1);
		*pre = 1;
	}
}

/* A part with few plain columns is a table; one with nested JSON or many
 * columns is a list of records, each a data list. */
static int as_table(const json_t *rows)
{
	const json_t *first = json_array_get(rows, 0);
	if (json_object_size(first) > 8)
		return 0;
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)first, k, v)
	{
		if (json_is_object(v) || (json_is_array(v) && !scalars_only(v)))
			return 0;
	}
	return 1;
}

static json_t *part_view(const struct render *r, const struct part_text *pt, const json_t *doc)
{
	const json_t *val = json_object_get(doc, pt->part);
	json_t *rows = json_is_array(val) ? json_incref((json_t *)val) : json_array();
	if (json_is_object(val))
		json_array_append(rows, (json_t *)val);
	json_t *p = json_object();
	web_view_set(p, "id", pt->part);
	web_view_set(p, "title", tr(r, pt->title));
	web_view_set(p, "intro", tr(r, pt->intro));
	json_object_set_new(p, "count", json_integer((json_int_t)json_array_size(rows)));
	json_object_set_new(p, "empty", json_boolean(json_array_size(rows) == 0));
	int table = as_table(rows);
	json_t *cols = json_array(), *out = json_array();
	struct buf b = BUF_INIT;
	size_t i;
	const json_t *row;
	json_array_foreach(rows, i, row)
	{
		json_t *cells = json_array();
		const char *k;
		const json_t *v;
		json_object_foreach((json_t *)row, k, v)
		{
			if (i == 0 && table)
				json_array_append_new(cols, json_pack("{s:s}", "label",
								      col_label(r, k)));
			int pre;
			buf_reset(&b);
			cell_text(r, k, v, &b, &pre);
			json_t *c = json_object();
			web_view_set(c, "label", col_label(r, k));
			web_view_set(c, "text", buf_str(&b));
			json_object_set_new(c, "pre", json_boolean(pre));
			json_array_append_new(cells, c);
		}
		json_array_append_new(out, json_pack("{s:o}", "cells", cells));
	}
	buf_free(&b);
	json_decref(rows);
	json_object_set_new(p, "table", json_boolean(table));
	json_object_set_new(p, "columns", cols);
	json_object_set_new(p, "rows", out);
	return p;
}

static json_t *inzage_view(struct web_request *req, const struct client_page *cp,
			   const json_t *doc)
{
	struct render r = { req, route_lang(cp) };
	json_t *v = web_view(req);
	/* The texts for the client in the route's language; the page's own
	 * chrome (layout, tabs) stays in the professional's. */
	json_t *t = json_object();
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++)
		json_object_set_new(t, texts[i].key, json_string(tr(&r, texts[i].msgid)));
	json_object_set_new(v, "t", t);
	web_view_set(v, "doc_lang", i18n_lang_code(r.lang));
	web_view_set(v, "made", json_string_value(json_object_get(doc, "generated_at")));
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s", cp->c.given_name, cp->c.family_name);
	web_view_set(v, "name", b.data);
	buf_free(&b);
	web_view_set(v, "reference", cp->c.reference);
	json_t *parts = json_array();
	for (size_t i = 0; i < sizeof part_texts / sizeof part_texts[0]; i++)
		json_array_append_new(parts, part_view(&r, &part_texts[i], doc));
	json_object_set_new(v, "parts", parts);
	web_view_set(v, "json_href", client_page_href(req, cp->id, "inzage?download=json"));
	web_view_set(v, "html_href", client_page_href(req, cp->id, "inzage?download=html"));
	return v;
}

static void attachment(struct web_request *req, const struct client_page *cp, const char *ext)
{
	struct buf disp = BUF_INIT;
	buf_printf(&disp, "attachment; filename=\"inzage-%lld.%s\"", (long long)cp->id, ext);
	web_header(req, "Content-Disposition", disp.data);
	buf_free(&disp);
	req->status = MHD_HTTP_OK;
}

int page_inzage(struct web_request *req)
{
	struct client_page cp;
	struct err e;
	int rc = client_page_open(req, PERM_TEST_DETAILS, "export", &cp);
	if (rc)
		return rc;
	const char *download = web_query(req, "download");
	if (download && strcmp(download, "json") && strcmp(download, "html"))
		return IPM_EINVAL;
	struct inzage_opts o = {
		.key = req->app->have_key ? &req->app->key : NULL,
		.may_see_sensitive = access_allows(req->user.role, PERM_SENSITIVE),
	};
	json_t *doc = NULL;
	if ((rc = inzage_build(req->store, &cp.who, cp.id, &o, &doc, &e)))
		return rc;
	if (download && !strcmp(download, "json")) {
		inzage_write(doc, &req->body);
		json_decref(doc);
		req->content_type = "application/json; charset=utf-8";
		attachment(req, &cp, "json");
		return IPM_OK;
	}
	json_t *v = inzage_view(req, &cp, doc);
	json_decref(doc);
	if (download) {
		/* One file that stands alone: its own small style sheet, no
		 * links back into the application. */
		rc = tmpl_render(req->app->tmpl, "inzage_file", v, &req->body, &e);
		json_decref(v);
		if (rc)
			return IPM_EIO;
		req->content_type = "text/html; charset=utf-8";
		attachment(req, &cp, "html");
		return IPM_OK;
	}
	client_page_view(req, &cp, v, "inzage");
	return web_render(req, "inzage", N_("Client data export"), v);
}
