/* /clients/new: the intake (route step 1) — a new client record with the
 * client's consent per purpose (services/intake.h).
 *
 * The form works without JavaScript and follows the NL Design System form
 * pattern: every field has a label, radio groups and checkbox groups are
 * fieldsets with a legend, and a refused form comes back with what was
 * typed, an error summary at the top whose links lead to the fields, and
 * the message beside each field (aria-describedby, aria-invalid). Special-
 * category data is sealed with the server's key before it reaches the store. */
#include "core/date.h"
#include "services/intake.h"
#include "web/pages.h"
#include "web/view.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define SENSITIVE_MAX 4000

enum kind { TEXT, DATE, EMAIL, TEL, SELECT, RADIO, TEXTAREA };

struct field {
	const char *name, *label, *hint;
	enum kind kind;
	int required;
	size_t max;
	const char *autocomplete;
};

/* The fields in the order of the form, per group (legend). */
static const struct field personal[] = {
	{ "reference", N_("Client number"), N_("Your organisation's own number for this client."),
	  TEXT, 1, 40, "off" },
	{ "given_name", N_("Given name"), NULL, TEXT, 1, 100, "off" },
	{ "family_name", N_("Family name"), N_("With prefixes such as \"van\" or \"de\"."), TEXT,
	  1, 100, "off" },
	{ "birth_date", N_("Date of birth"), N_("Day-month-year, for example 31-05-1990."), DATE, 1,
	  10, "off" },
	{ "sex", N_("Sex"), N_("Used only to choose the norm group of the personality test."),
	  RADIO, 0, 1, NULL },
};
static const struct field contact[] = {
	{ "email", N_("E-mail address"), NULL, EMAIL, 0, 200, "off" },
	{ "phone", N_("Telephone number"), NULL, TEL, 0, 40, "off" },
	{ "street", N_("Street and house number"), NULL, TEXT, 0, 200, "off" },
	{ "postcode", N_("Postcode"), NULL, TEXT, 0, 10, "off" },
	{ "city", N_("Place of residence"), NULL, TEXT, 0, 100, "off" },
	{ "gemeente", N_("Municipality"), N_("The municipality that is responsible, if it is not the "
					     "place of residence."),
	  TEXT, 0, 100, "off" },
};
static const struct field situation[] = {
	{ "benefit_type", N_("Benefit"), NULL, SELECT, 1, 20, NULL },
	{ "benefit_start", N_("Benefit since"), N_("Day-month-year, for example 01-09-2025."), DATE,
	  0, 10, "off" },
	{ "education_level", N_("Highest education"), NULL, SELECT, 0, 40, NULL },
	{ "language_level", N_("Dutch language level"),
	  N_("Common European Framework: A1 (beginner) to C2 (near native)."), SELECT, 0, 2, NULL },
	{ "household", N_("Household"), NULL, SELECT, 0, 40, NULL },
	{ "route_language", N_("Language of the route"),
	  N_("The language of the questionnaires and the client's report."), RADIO, 1, 2, NULL },
};

static const struct {
	const char *code, *msgid;
} benefits[] = {
	{ "participatiewet", N_("Participatiewet (social assistance)") },
	{ "ww", N_("WW (unemployment benefit)") },
	{ "wia", N_("WIA (work disability benefit)") },
	{ "wajong", N_("Wajong (young disabled persons)") },
	{ "anw", N_("Anw (surviving dependants)") },
	{ "ioaw", N_("IOAW (older unemployed workers)") },
	{ "geen", N_("No benefit") },
	{ "anders", N_("Other") },
}, households[] = {
	{ "alleenstaand", N_("Single") },
	{ "alleenstaand met kinderen", N_("Single with children") },
	{ "samenwonend", N_("Living together") },
	{ "samenwonend met kinderen", N_("Living together with children") },
	{ "bij ouders", N_("Living with parents") },
	{ "anders", N_("Other") },
}, sexes[] = {
	{ "v", N_("Female") },
	{ "m", N_("Male") },
	{ "x", N_("Other or not stated") },
}, route_langs[] = {
	{ "nl", N_("Dutch") },
	{ "en", N_("English") },
	{ "de", N_("German") },
};
static const char *const levels[] = { "A1", "A2", "B1", "B2", "C1", "C2" };

/* What each purpose of consent means, for the client who gives it. */
static const char *const purpose_msgid[] = {
	N_("Career research: questionnaires about personality, career anchors, interests, "
	   "culture and work, and the analysis of the CV"),
	N_("The Integration Prognosis Model: factors that hinder or help, and the chance of work"),
	N_("Sharing the conclusions and the advice with the jobcoach"),
	N_("The client's name"),
	N_("Career phase"),
	N_("Personality"),
	N_("CV analysis"),
	N_("Career anchors"),
	N_("Career clusters (interests)"),
	N_("Culture preference"),
	N_("Job analysis"),
	N_("Hindering factors"),
	N_("Facilitating factors"),
	N_("Advice and strategy"),
};

static const struct web_text texts[] = {
	{ "heading", N_("New client") },
	{ "intro", N_("The intake: who the client is, their situation and what they agree to. "
		      "Fields marked (required) must be filled in.") },
	{ "required", N_("(required)") },
	{ "personal", N_("Personal details") },
	{ "contact", N_("Contact details") },
	{ "situation", N_("Benefit, education and language") },
	{ "groups", N_("Target groups") },
	{ "groups_hint", N_("Choose the groups of your organisation's instrument catalogue this "
			    "client belongs to.") },
	{ "groups_other", N_("Other target groups") },
	{ "groups_other_hint", N_("Separate them with commas, for example: jongeren, statushouders.") },
	{ "sensitive", N_("Special category data") },
	{ "sensitive_label", N_("Health and other special category data") },
	{ "sensitive_hint", N_("Only what is needed for the route, for example a medical limitation "
			       "for work. Stored encrypted; only roles that need it can read it.") },
	{ "consent", N_("Consent (AVG)") },
	{ "consent_intro", N_("Explain each purpose to the client and tick the ones the client "
			      "agrees to. What is not ticked is recorded as not given. The client "
			      "can withdraw consent at any time.") },
	{ "consent_route", N_("Purposes within the route") },
	{ "consent_employer", N_("Sharing with an employer: which parts of the report") },
	{ "informed", N_("I have told the client what IPM records, why, who can see it and how "
			 "long it is kept.") },
	{ "submit", N_("Save the client") },
	{ "cancel", N_("Back to my clients") },
	{ "summary", N_("There is a problem") },
	{ "choose", N_("Choose…") },
};

struct form_state {
	struct web_request *req;
	json_t *errors; /* the summary: [{href, text}] */
	json_t *values; /* name -> what was sent */
};

static const char *val(const struct form_state *st, const char *name)
{
	return json_string_value(json_object_get(st->values, name));
}

static int digits(const char **p, int min, int max)
{
	int v = 0, n = 0;
	while (**p >= '0' && **p <= '9' && n < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n >= min ? v : -1;
}

/* A day as people in the Netherlands write it: 31-05-1990, also 31-5-1990,
 * 31/05/1990 or 31.05.1990; or as 1990-05-31. A date field is a text field
 * (memorable dates are typed, not picked), so that the hint and what the
 * field shows are the same in every browser. *iso gets YYYY-MM-DD. */
static bool day_parse(const char *s, struct date *d, char iso[20])
{
	if (date_parse(s, d)) {
		memcpy(iso, s, 10);
		iso[10] = '\0';
		return true;
	}
	const char *p = s;
	int day = digits(&p, 1, 2);
	char sep = *p;
	if (day < 0 || !sep || !strchr("-/.", sep))
		return false;
	p++;
	int month = digits(&p, 1, 2);
	if (month < 0 || *p != sep)
		return false;
	p++;
	int year = digits(&p, 4, 4);
	if (year < 0 || *p)
		return false;
	snprintf(iso, 20, "%04d-%02d-%02d", year, month, day);
	return date_parse(iso, d);
}

/* The field's date as YYYY-MM-DD (checked already), or NULL when empty. */
static const char *date_of(struct form_state *st, const char *name)
{
	const char *v = val(st, name);
	struct date d;
	char iso[20];
	return v && day_parse(v, &d, iso) ? arena_strdup(&st->req->arena, iso) : NULL;
}

static void fail(struct form_state *st, const char *name, const char *anchor, const char *label,
		 const char *msgid)
{
	json_t *fe = json_object_get(st->values, "_errors");
	if (!fe) {
		fe = json_object();
		json_object_set_new(st->values, "_errors", fe);
	}
	if (json_object_get(fe, name))
		return;
	const char *text = web_text(st->req, msgid);
	json_object_set_new(fe, name, json_string(text));
	struct buf b = BUF_INIT;
	json_t *o = json_object();
	buf_printf(&b, "#%s", anchor);
	web_view_set(o, "href", b.data);
	buf_reset(&b);
	buf_printf(&b, "%s: %s", web_text(st->req, label), text);
	web_view_set(o, "text", b.data);
	buf_free(&b);
	json_array_append_new(st->errors, o);
}

static const char *field_error(const struct form_state *st, const char *name)
{
	return json_string_value(json_object_get(json_object_get(st->values, "_errors"), name));
}

/* The options of a select or radio field, with the sent value chosen. */
static json_t *options(struct form_state *st, const struct field *f, struct intake_term *edu,
		       size_t n_edu)
{
	json_t *list = json_array();
	const char *sent = val(st, f->name);
	const char *dflt = strcmp(f->name, "route_language") == 0 ? "nl" : NULL;
	if (!sent)
		sent = dflt;
#define ADD(code, label)                                                                  \
	do {                                                                              \
		json_t *o = json_object();                                                \
		web_view_set(o, "value", code);                                           \
		web_view_set(o, "label", label);                                          \
		json_object_set_new(o, "selected", json_boolean(sent && !strcmp(sent, code))); \
		json_array_append_new(list, o);                                           \
	} while (0)
	if (!strcmp(f->name, "benefit_type"))
		for (size_t i = 0; i < sizeof benefits / sizeof benefits[0]; i++)
			ADD(benefits[i].code, web_text(st->req, benefits[i].msgid));
	else if (!strcmp(f->name, "household"))
		for (size_t i = 0; i < sizeof households / sizeof households[0]; i++)
			ADD(households[i].code, web_text(st->req, households[i].msgid));
	else if (!strcmp(f->name, "sex"))
		for (size_t i = 0; i < sizeof sexes / sizeof sexes[0]; i++)
			ADD(sexes[i].code, web_text(st->req, sexes[i].msgid));
	else if (!strcmp(f->name, "route_language"))
		for (size_t i = 0; i < sizeof route_langs / sizeof route_langs[0]; i++)
			ADD(route_langs[i].code, web_text(st->req, route_langs[i].msgid));
	else if (!strcmp(f->name, "language_level"))
		for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
			ADD(levels[i], levels[i]);
	else if (!strcmp(f->name, "education_level"))
		for (size_t i = 0; i < n_edu; i++)
			ADD(edu[i].code, edu[i].label);
#undef ADD
	/* Radio options get ids of their own: f-NAME-0, f-NAME-1, ... */
	for (size_t i = 0; i < json_array_size(list); i++) {
		struct buf id = BUF_INIT;
		buf_printf(&id, "f-%s-%zu", f->name, i);
		web_view_set(json_array_get(list, i), "id", id.data);
		buf_free(&id);
	}
	return list;
}

static json_t *field_view(struct form_state *st, const struct field *f, struct intake_term *edu,
			  size_t n_edu)
{
	struct web_request *req = st->req;
	json_t *o = json_object();
	struct buf b = BUF_INIT;
	buf_printf(&b, "f-%s", f->name);
	web_view_set(o, "id", b.data);
	buf_free(&b);
	web_view_set(o, "name", f->name);
	web_view_set(o, "label", web_text(req, f->label));
	web_view_set(o, "hint", f->hint ? web_text(req, f->hint) : NULL);
	web_view_set(o, "error", field_error(st, f->name));
	web_view_set(o, "value", val(st, f->name));
	web_view_set(o, "autocomplete", f->autocomplete);
	json_object_set_new(o, "required", json_boolean(f->required));
	json_object_set_new(o, "maxlength", json_integer((json_int_t)f->max));
	static const char *const types[] = { "text", "text", "email", "tel" };
	if (f->kind <= TEL) {
		json_object_set_new(o, "is_input", json_true());
		web_view_set(o, "type", types[f->kind]);
	} else if (f->kind == SELECT) {
		json_object_set_new(o, "is_select", json_true());
		json_object_set_new(o, "options", options(st, f, edu, n_edu));
	} else if (f->kind == RADIO) {
		json_object_set_new(o, "is_radio", json_true());
		json_object_set_new(o, "options", options(st, f, edu, n_edu));
	}
	return o;
}

static json_t *group_view(struct form_state *st, const char *legend, const struct field *f,
			  size_t n, struct intake_term *edu, size_t n_edu)
{
	json_t *g = json_object();
	web_view_set(g, "legend", web_text(st->req, legend));
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, field_view(st, &f[i], edu, n_edu));
	json_object_set_new(g, "fields", list);
	return g;
}

static int sent_has(const struct form *f, const char *name, const char *value)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->fields[i].name, name) && !strcmp(f->fields[i].value, value))
			return 1;
	return 0;
}

static json_t *checks(struct web_request *req, const char *name, const char *const *codes,
		      const char *const *labels, size_t n, int translate, int posted)
{
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		struct buf id = BUF_INIT;
		buf_printf(&id, "f-%s-%zu", name, i);
		web_view_set(o, "id", id.data);
		buf_free(&id);
		web_view_set(o, "name", name);
		web_view_set(o, "value", codes[i]);
		web_view_set(o, "label", translate ? web_text(req, labels[i]) : labels[i]);
		json_object_set_new(o, "checked", json_boolean(posted && sent_has(&req->form, name,
										  codes[i])));
		json_array_append_new(list, o);
	}
	return list;
}

static int show(struct web_request *req, struct form_state *st, int posted)
{
	struct err e;
	struct intake_term *edu = NULL, *groups = NULL;
	size_t n_edu = 0, n_groups = 0;
	int rc = intake_terms(req->store, "education-levels", (enum q_lang)req->lang, &req->arena,
			      &edu, &n_edu, &e);
	if (rc == IPM_OK)
		rc = intake_target_groups(req->store, &req->arena, &groups, &n_groups, &e);
	if (rc)
		return rc;
	json_t *v = web_view(req);
	json_t *gl = json_array();
	json_array_append_new(gl, group_view(st, N_("Personal details"), personal,
					     sizeof personal / sizeof personal[0], edu, n_edu));
	json_array_append_new(gl, group_view(st, N_("Contact details"), contact,
					     sizeof contact / sizeof contact[0], edu, n_edu));
	json_array_append_new(gl, group_view(st, N_("Benefit, education and language"), situation,
					     sizeof situation / sizeof situation[0], edu, n_edu));
	json_object_set_new(v, "groups", gl);

	const char **codes = arena_array(&req->arena, n_groups + 1, sizeof *codes);
	const char **names = arena_array(&req->arena, n_groups + 1, sizeof *names);
	for (size_t i = 0; i < n_groups; i++) {
		codes[i] = groups[i].code;
		names[i] = groups[i].label ? groups[i].label : groups[i].code;
	}
	json_object_set_new(v, "target_groups",
			    checks(req, "target_group", codes, names, n_groups, 0, posted));
	web_view_set(v, "groups_other", val(st, "groups_other"));
	json_object_set_new(v, "purposes_route",
			    checks(req, "consent", intake_purposes, purpose_msgid,
				   INTAKE_EMPLOYER_FIRST, 1, posted));
	json_object_set_new(v, "purposes_employer",
			    checks(req, "consent", intake_purposes + INTAKE_EMPLOYER_FIRST,
				   purpose_msgid + INTAKE_EMPLOYER_FIRST,
				   intake_purposes_n - INTAKE_EMPLOYER_FIRST, 1, posted));
	json_object_set_new(v, "informed_checked",
			    json_boolean(posted && form_get(&req->form, "informed")));
	web_view_set(v, "informed_error", field_error(st, "informed"));
	if (access_allows(req->user.role, PERM_SENSITIVE)) {
		json_object_set_new(v, "may_sensitive", json_true());
		web_view_set(v, "sensitive", val(st, "sensitive"));
		web_view_set(v, "sensitive_error", field_error(st, "sensitive"));
	}
	web_view_set(v, "groups_other_error", field_error(st, "groups_other"));
	json_object_set_new(v, "has_errors", json_boolean(json_array_size(st->errors) > 0));
	json_object_set_new(v, "errors", st->errors);
	st->errors = NULL;
	WEB_TEXTS(req, v, texts);
	return web_render(req, "intake", N_("New client"), v);
}

static int may_intake(const struct web_request *req)
{
	return access_allows(req->user.role, PERM_CASELOAD) &&
	       access_allows(req->user.role, PERM_DOSSIER_WRITE);
}

int page_intake_form(struct web_request *req)
{
	if (!may_intake(req))
		return web_refuse(req, 0, "client");
	struct form_state st = { req, json_array(), json_object() };
	int rc = show(req, &st, 0);
	json_decref(st.errors);
	json_decref(st.values);
	return rc;
}

/* Trims spaces around a sent value; NULL for nothing. */
static const char *trimmed(struct web_request *req, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n ? arena_strndup(&req->arena, s, n) : NULL;
}

static int in_options(const struct form_state *st, const struct field *f, const char *value,
		      struct intake_term *edu, size_t n_edu)
{
	json_t *list = options((struct form_state *)st, f, edu, n_edu);
	int found = 0;
	for (size_t i = 0; i < json_array_size(list) && !found; i++)
		found = !strcmp(json_string_value(json_object_get(json_array_get(list, i), "value")),
				value);
	json_decref(list);
	return found;
}

/* Checks one field; the message names what is wrong, never echoes it. */
static void check(struct form_state *st, const struct field *f, struct intake_term *edu,
		  size_t n_edu)
{
	const char *v = val(st, f->name);
	struct buf anchor = BUF_INIT;
	buf_printf(&anchor, f->kind == RADIO ? "f-%s-0" : "f-%s", f->name);
	if (!v) {
		if (f->required)
			fail(st, f->name, anchor.data, f->label,
			     f->kind == SELECT || f->kind == RADIO ? N_("choose one of the options.")
								   : N_("fill this in."));
	} else if (strlen(v) > f->max) {
		fail(st, f->name, anchor.data, f->label, N_("this is too long."));
	} else if (f->kind == DATE) {
		struct date d;
		char today[11], iso[20];
		time_t now = time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		if (!day_parse(v, &d, iso))
			fail(st, f->name, anchor.data, f->label,
			     N_("enter a real date as day-month-year, for example 31-05-1990."));
		else if (strcmp(iso, today) > 0)
			fail(st, f->name, anchor.data, f->label, N_("this date is in the future."));
		else if (d.y < 1900)
			fail(st, f->name, anchor.data, f->label, N_("this date is too long ago."));
	} else if (f->kind == EMAIL) {
		const char *at = strchr(v, '@');
		if (!at || at == v || !strchr(at, '.') || strchr(v, ' '))
			fail(st, f->name, anchor.data, f->label,
			     N_("enter an e-mail address such as name@example.nl."));
	} else if ((f->kind == SELECT || f->kind == RADIO) && !in_options(st, f, v, edu, n_edu)) {
		fail(st, f->name, anchor.data, f->label, N_("choose one of the options."));
	}
	buf_free(&anchor);
}

/* The target groups as the JSON array clients.target_groups holds: the
 * catalogue's ids ticked, then the other ones typed. */
static char *target_groups(struct web_request *req, struct form_state *st)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < req->form.n; i++)
		if (!strcmp(req->form.fields[i].name, "target_group") &&
		    strlen(req->form.fields[i].value) <= 100)
			json_array_append_new(arr, json_string(req->form.fields[i].value));
	const char *other = val(st, "groups_other");
	while (other && *other) {
		const char *comma = strchr(other, ',');
		size_t n = comma ? (size_t)(comma - other) : strlen(other);
		const char *one = trimmed(req, arena_strndup(&req->arena, other, n));
		if (one)
			json_array_append_new(arr, json_string(one));
		other = comma ? comma + 1 : NULL;
	}
	char *s = json_dumps(arr, JSON_COMPACT);
	json_decref(arr);
	char *out = arena_strdup(&req->arena, s);
	free(s);
	return out;
}

int page_intake(struct web_request *req)
{
	if (!may_intake(req))
		return web_refuse(req, 0, "client");
	struct form_state st = { req, json_array(), json_object() };
	static const char *const extra[] = { "groups_other", "sensitive" };
	const struct {
		const struct field *f;
		size_t n;
	} all[] = { { personal, sizeof personal / sizeof personal[0] },
		    { contact, sizeof contact / sizeof contact[0] },
		    { situation, sizeof situation / sizeof situation[0] } };
	for (size_t g = 0; g < 3; g++)
		for (size_t i = 0; i < all[g].n; i++) {
			const char *v = trimmed(req, form_get(&req->form, all[g].f[i].name));
			if (v)
				json_object_set_new(st.values, all[g].f[i].name, json_string(v));
		}
	for (size_t i = 0; i < 2; i++) {
		const char *v = trimmed(req, form_get(&req->form, extra[i]));
		if (v)
			json_object_set_new(st.values, extra[i], json_string(v));
	}

	struct err e;
	struct intake_term *edu = NULL;
	size_t n_edu = 0;
	int rc = intake_terms(req->store, "education-levels", (enum q_lang)req->lang, &req->arena,
			      &edu, &n_edu, &e);
	for (size_t g = 0; rc == IPM_OK && g < 3; g++)
		for (size_t i = 0; i < all[g].n; i++)
			check(&st, &all[g].f[i], edu, n_edu);
	const char *other = val(&st, "groups_other");
	if (other && strlen(other) > 500)
		fail(&st, "groups_other", "f-groups_other", N_("Other target groups"),
		     N_("this is too long."));
	const char *sens = val(&st, "sensitive");
	int may_sens = access_allows(req->user.role, PERM_SENSITIVE);
	if (sens && (!may_sens || strlen(sens) > SENSITIVE_MAX))
		fail(&st, "sensitive", "f-sensitive", N_("Health and other special category data"),
		     may_sens ? N_("this is too long.") : N_("your role may not record this."));
	else if (sens && !req->app->have_key)
		fail(&st, "sensitive", "f-sensitive", N_("Health and other special category data"),
		     N_("this server has no encryption key, so it cannot be stored. Leave it empty "
			"or ask your administrator."));
	if (!form_get(&req->form, "informed"))
		fail(&st, "informed", "f-informed", N_("Consent (AVG)"),
		     N_("confirm that you have informed the client."));

	if (rc == IPM_OK && json_array_size(st.errors) == 0) {
		struct store_client c = {
			.org_id = req->user.org_id,
			.reference = val(&st, "reference"),
			.given_name = val(&st, "given_name"),
			.family_name = val(&st, "family_name"),
			.birth_date = date_of(&st, "birth_date"),
			.sex = val(&st, "sex"),
			.email = val(&st, "email"),
			.phone = val(&st, "phone"),
			.street = val(&st, "street"),
			.postcode = val(&st, "postcode"),
			.city = val(&st, "city"),
			.gemeente = val(&st, "gemeente"),
			.benefit_type = val(&st, "benefit_type"),
			.benefit_start = date_of(&st, "benefit_start"),
			.education_level = val(&st, "education_level"),
			.language_level = val(&st, "language_level"),
			.route_language = val(&st, "route_language"),
			.household = val(&st, "household"),
			.target_groups = target_groups(req, &st),
		};
		struct buf sealed = BUF_INIT;
		if (sens) {
			sensitive_seal(&req->app->key, c.org_id, c.reference, sens, strlen(sens),
				       &sealed);
			c.sensitive = (const unsigned char *)sealed.data;
			c.sensitive_len = sealed.len;
		}
		struct intake_consent consents[32];
		for (size_t i = 0; i < intake_purposes_n; i++)
			consents[i] = (struct intake_consent){
				intake_purposes[i], sent_has(&req->form, "consent", intake_purposes[i])
			};
		struct store_actor who = { .user_id = req->user.user_id };
		int64_t id = 0;
		rc = intake_create(req->store, &who, &c, consents, intake_purposes_n, &id, &e);
		buf_free(&sealed);
		if (rc == IPM_OK) {
			json_decref(st.errors);
			json_decref(st.values);
			struct buf to = BUF_INIT;
			buf_printf(&to, "/clients/%lld", (long long)id);
			rc = web_redirect(req, to.data);
			buf_free(&to);
			return rc;
		}
		if (rc == IPM_ECONFLICT) {
			rc = IPM_OK;
			fail(&st, "reference", "f-reference", N_("Client number"),
			     N_("your organisation already has a client with this number."));
		}
	}
	if (rc == IPM_OK) {
		req->status = MHD_HTTP_UNPROCESSABLE_CONTENT;
		rc = show(req, &st, 1);
	}
	json_decref(st.errors);
	json_decref(st.values);
	return rc;
}
