/* The view model of the templates: the report document with what Mustache
 * cannot compute itself (formatted numbers and dates, enum flags), so that a
 * template never needs logic and never shows "0.4089" where a reader
 * expects "41%". */
#include "report/report_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const section_ids[REPORT_SECTIONS] = {
	"loopbaanfase", "persoonlijkheid", "cv", "loopbaanankers", "carrierecluster",
	"cultuur", "functieanalyse", "belemmerend", "faciliterend", "advies",
};

/* String fields whose value a template branches on: {{#status_rejected}}.
 * Every known value gets its flag, false but for the current one, so that a
 * flag never leaks in from an enclosing object (Mustache looks names up
 * outwards: a facet without band_laag would find its domain's). The values
 * are report-doc-v1's; an unknown value still gets its own flag. */
static const struct {
	const char *key;
	const char *values[8];
} enums[] = {
	{ "decision", { "accept", "override" } },
	{ "status", { "proposed", "accepted", "rejected" } },
	{ "type", { "randvoorwaarde", "ontwikkelpunt" } },
	{ "influence", { "intern", "extern", "niet" } },
	{ "strength", { "sterk", "licht" } },
	{ "band", { "laag", "gemiddeld", "hoog", "0-25", "25-50", "50-75", "75-100" } },
	{ "light", { "groen", "oranje", "rood" } },
	{ "source", { "organisatie", "model" } }, /* light_thresholds */
	{ "learnability", { "goed", "matig", "beperkt" } },
	{ "goal", { "werk", "beroep", "participatie", "zorg", "geen" } },
	{ "kind", { "factor", "kenmerk" } },
};

static void flag(json_t *add, const char *key, const char *value, bool on)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s_%s", key, value);
	for (char *c = b.data; *c; c++)
		if (*c == '-')
			*c = '_';
	json_object_set_new(add, buf_str(&b), json_boolean(on));
	buf_free(&b);
}

static void enum_flags(json_t *add, const char *key, const json_t *v)
{
	for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++) {
		if (strcmp(key, enums[i].key))
			continue;
		for (size_t k = 0; k < 8 && enums[i].values[k]; k++)
			flag(add, key, enums[i].values[k], false);
		if (json_is_string(v) && json_string_length(v) < 40)
			flag(add, key, json_string_value(v), true);
	}
}

struct fmt {
	const struct chart_words *w;
	const char *and_word;
	const char *months[12];
	char month_store[256];
};

static void set_str(json_t *o, const char *key, const char *suffix, const struct buf *b)
{
	struct buf k = BUF_INIT;
	buf_printf(&k, "%s%s", key, suffix);
	json_object_set_new(o, buf_str(&k), json_string(buf_str(b)));
	buf_free(&k);
}

/* "2026-06-15" or "2026-06-10T09:12:00Z" → "15 juni 2026". */
static bool long_date(const struct fmt *f, const char *s, struct buf *out)
{
	size_t n = strlen(s);
	if (n != 10 && !(n == 20 && s[10] == 'T' && s[19] == 'Z'))
		return false;
	int y, m, d;
	char tail;
	if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) < 3 || s[4] != '-' || s[7] != '-' ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	buf_printf(out, "%d %s %d", d, f->months[m - 1], y);
	return true;
}

static void percent(const struct fmt *f, double v, int decimals, struct buf *b)
{
	chart_put_number(b, f->w, v * 100, decimals);
	buf_puts(b, "%");
}

static void points(const struct fmt *f, double v, struct buf *b)
{
	if (v > 0)
		buf_puts(b, "+");
	chart_put_number(b, f->w, v * 100, 1);
	buf_puts(b, " pp"); /* procentpunt / percentage point / Prozentpunkt */
}

static void annotate(const struct fmt *f, json_t *v, int depth);

/* A list of objects with labels as a phrase: "a, b en c". */
static bool join_labels(const struct fmt *f, const json_t *list, struct buf *b)
{
	size_t n = json_array_size(list), i;
	const json_t *x;
	if (!n)
		return false;
	json_array_foreach(list, i, x)
		if (!json_is_string(json_object_get(x, "label")))
			return false;
	json_array_foreach(list, i, x) {
		if (i)
			buf_puts(b, i + 1 == n ? f->and_word : ", ");
		buf_puts(b, json_string_value(json_object_get(x, "label")));
	}
	return true;
}

/* A list of texts as one: "a; b" (the texts may hold commas and "en"
 * themselves, such as the matching's reasons). */
static bool join_strings(const json_t *list, struct buf *b)
{
	size_t i;
	const json_t *x;
	json_array_foreach(list, i, x)
		if (!json_is_string(x))
			return false;
	json_array_foreach(list, i, x) {
		if (i)
			buf_puts(b, "; ");
		buf_puts(b, json_string_value(x));
	}
	return json_array_size(list) > 0;
}

static void annotate_object(const struct fmt *f, json_t *o, int depth)
{
	const char *key;
	json_t *v;
	struct buf b = BUF_INIT;
	/* Added after the walk: inserting while iterating could rehash. */
	json_t *add = json_object();
	/* Probabilities: p6/p12 of a prognosis (it has a band), p12 of a
	 * contribution (it has lp), gains and contributions in points. */
	bool prognosis = json_object_get(o, "band") && json_object_get(o, "calibrated");
	bool contribution = json_object_get(o, "lp") != NULL;
	/* The traffic light's limits (light_thresholds): p12 values too, one
	 * decimal, since a tercile like 10.3 % is close to clients' chances. */
	bool limits = json_object_get(o, "lower") && json_object_get(o, "upper");
	json_object_foreach(o, key, v) {
		buf_reset(&b);
		if (json_is_number(v)) {
			double d = json_number_value(v);
			if (prognosis && (!strcmp(key, "p6") || !strcmp(key, "p12"))) {
				percent(f, d, 0, &b);
				set_str(add, key, "_pct", &b);
				buf_reset(&b);
			} else if ((contribution && !strcmp(key, "p12")) || !strcmp(key, "gain") ||
				   !strcmp(key, "contribution_p12")) {
				points(f, d, &b);
				set_str(add, key, "_pp", &b);
				buf_reset(&b);
			} else if (limits && (!strcmp(key, "lower") || !strcmp(key, "upper"))) {
				percent(f, d, 1, &b);
				set_str(add, key, "_pct", &b);
				buf_reset(&b);
			} else if (!strcmp(key, "p_work")) {
				percent(f, d, 0, &b);
				set_str(add, key, "_pct", &b);
				buf_reset(&b);
			}
			if (json_is_integer(v))
				buf_printf(&b, "%lld", (long long)json_integer_value(v));
			else
				chart_put_number(&b, f->w, d, !strcmp(key, "r") ? 2 : 1);
			set_str(add, key, "_s", &b);
		} else if (json_is_string(v)) {
			if (long_date(f, json_string_value(v), &b))
				set_str(add, key, "_long", &b);
			enum_flags(add, key, v);
		} else {
			if (json_is_null(v))
				enum_flags(add, key, v);
			if (json_is_array(v)) {
				buf_printf(&b, "has_%s", key);
				json_object_set_new(add, buf_str(&b), json_boolean(json_array_size(v)));
				buf_reset(&b);
				if (join_labels(f, v, &b))
					set_str(add, key, "_labels", &b);
				else if (join_strings(v, &b))
					set_str(add, key, "_list", &b);
			}
			annotate(f, v, depth + 1);
		}
		if (!strcmp(key, "sha256") && json_is_string(v)) {
			buf_reset(&b);
			buf_add(&b, json_string_value(v), json_string_length(v) < 12 ? json_string_length(v) : 12);
			set_str(add, key, "_short", &b);
		}
	}
	json_object_update(o, add);
	json_decref(add);
	buf_free(&b);
}

static void annotate(const struct fmt *f, json_t *v, int depth)
{
	if (depth > 32)
		return;
	if (json_is_object(v))
		annotate_object(f, v, depth);
	else if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x)
			annotate(f, x, depth + 1);
	}
}

static void month_names(const struct report_templates *t, struct fmt *f)
{
	const char *all = report_templates_word(t, "months", "");
	snprintf(f->month_store, sizeof f->month_store, "%s", all);
	char *p = f->month_store;
	for (int m = 0; m < 12; m++) {
		while (*p == ' ')
			*p++ = '\0';
		f->months[m] = p;
		while (*p && *p != ' ')
			p++;
	}
	if (*p)
		*p = '\0';
}

const char *report_doc_version(const json_t *doc)
{
	const char *v = json_string_value(json_object_get(doc, "version"));
	return v ? v : "";
}

int report_doc_check(const json_t *doc, struct err *e)
{
	const char *c = json_string_value(json_object_get(doc, "contract"));
	if (!c || strcmp(c, "report-doc-v1"))
		return err_set(e, IPM_EINVAL, "report document: $.contract: expected \"report-doc-v1\"");
	const char *v = report_doc_version(doc);
	if (strcmp(v, "prof") && strcmp(v, "client") && strcmp(v, "employer"))
		return err_set(e, IPM_EINVAL,
			       "report document: $.version: expected prof, client or employer");
	const json_t *s = json_object_get(doc, "sections");
	if (json_array_size(s) != REPORT_SECTIONS)
		return err_set(e, IPM_EINVAL, "report document: $.sections: expected %d sections",
			       REPORT_SECTIONS);
	for (size_t i = 0; i < REPORT_SECTIONS; i++) {
		const json_t *x = json_array_get(s, i);
		const char *id = json_string_value(json_object_get(x, "id"));
		if (!id || strcmp(id, section_ids[i]))
			return err_set(e, IPM_EINVAL,
				       "report document: $.sections[%zu].id: expected \"%s\"", i,
				       section_ids[i]);
		if (!json_is_string(json_object_get(x, "title")))
			return err_set(e, IPM_EINVAL,
				       "report document: $.sections[%zu].title: expected a string", i);
	}
	if (!json_is_object(json_object_get(doc, "client")) ||
	    !json_is_object(json_object_get(doc, "versions")))
		return err_set(e, IPM_EINVAL, "report document: $.client and $.versions are required");
	return IPM_OK;
}

int report_view_build(const json_t *doc, const struct report_templates *t,
		      const struct report_charts *rc, json_t **out, struct err *e)
{
	struct buf and_word = BUF_INIT;
	buf_printf(&and_word, " %s ", report_templates_word(t, "and", "en"));
	struct fmt f = { .w = report_templates_chart_words(t), .and_word = buf_str(&and_word) };
	month_names(t, &f);
	json_t *view = json_deep_copy(doc);
	annotate(&f, view, 0);
	buf_free(&and_word);
	const char *v = report_doc_version(doc);
	json_object_set_new(view, "is_prof", json_boolean(!strcmp(v, "prof")));
	json_object_set_new(view, "is_client", json_boolean(!strcmp(v, "client")));
	json_object_set_new(view, "is_employer", json_boolean(!strcmp(v, "employer")));
	struct buf b = BUF_INIT;
	buf_printf(&b, "version-%s", v);
	json_object_set_new(view, "version_label",
			    json_string(report_templates_word(t, buf_str(&b), v)));
	char sha_short[13];
	snprintf(sha_short, sizeof sha_short, "%s", report_templates_sha256(t));
	json_object_set_new(view, "template_pack",
			    json_pack("{s:s, s:s, s:s, s:s}", "id", report_templates_id(t), "version",
				      report_templates_version(t), "sha256",
				      report_templates_sha256(t), "sha256_short", sha_short));
	json_t *charts = json_object();
	for (int k = 0; k < RC_COUNT; k++) {
		if (!rc->has[k])
			continue;
		buf_reset(&b);
		buf_printf(&b, "<figure data-chart=\"%s\"></figure>", report_chart_names[k]);
		json_object_set_new(charts, report_chart_names[k], json_string(buf_str(&b)));
	}
	json_object_set_new(view, "charts", charts);
	/* Each section: may it be shown, and its intro. */
	json_t *sections = json_object_get(view, "sections");
	for (size_t i = 0; i < REPORT_SECTIONS; i++) {
		json_t *s = json_array_get(sections, i);
		bool shared = !json_is_false(json_object_get(s, "shared"));
		bool has = shared && json_is_true(json_object_get(s, "available")) &&
			   json_is_object(json_object_get(s, "data"));
		json_object_set_new(s, "has_data", json_boolean(has));
		json_object_set_new(s, "not_shared", json_boolean(!shared));
		const char *id = section_ids[i];
		const char *names[2] = { NULL, NULL };
		struct buf n1 = BUF_INIT, n2 = BUF_INIT;
		buf_printf(&n1, "intro/%s/%s", v, id);
		buf_printf(&n2, "intro/%s", id);
		names[0] = buf_str(&n1);
		names[1] = buf_str(&n2);
		buf_reset(&b);
		int rc2 = IPM_OK;
		json_object_set(view, "section", s);
		for (int k = 0; k < 2; k++)
			if (report_templates_has(t, names[k])) {
				rc2 = report_templates_render(t, names[k], view, &b, e);
				break;
			}
		buf_free(&n1);
		buf_free(&n2);
		if (rc2) {
			buf_free(&b);
			json_decref(view);
			return rc2;
		}
		json_object_set_new(s, "intro", json_string(buf_str(&b)));
	}
	json_object_del(view, "section");
	buf_free(&b);
	*out = view;
	return IPM_OK;
}

int report_section_markup(json_t *view, const struct report_templates *t, size_t i,
			  struct buf *out, struct err *e)
{
	json_t *s = json_array_get(json_object_get(view, "sections"), i);
	json_object_set(view, "section", s);
	/* A section the client did not share shows its title and that fact only. */
	if (!json_is_true(json_object_get(s, "not_shared")))
		buf_puts(out, json_string_value(json_object_get(s, "intro")));
	int rc;
	if (json_is_true(json_object_get(s, "has_data"))) {
		struct buf name = BUF_INIT;
		buf_printf(&name, "section/%s", section_ids[i]);
		rc = report_templates_render(t, buf_str(&name), view, out, e);
		buf_free(&name);
	} else {
		buf_puts(out, "<p class=\"note\">");
		rc = report_word_render(t, json_is_true(json_object_get(s, "not_shared"))
						   ? "words/not-shared" : "words/no-data",
					view, out, e);
		buf_puts(out, "</p>");
	}
	json_object_del(view, "section");
	return rc;
}

int report_word_render(const struct report_templates *t, const char *name, const json_t *view,
		       struct buf *out, struct err *e)
{
	return report_templates_render(t, name, view, out, e);
}
