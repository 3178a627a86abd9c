/* The report's pieces: loading the template pack (errors with file line,
 * JSON path, template name and line), the report markup (what the PDF can
 * lay out, errors with their line), the view model (numbers, percentages,
 * dates and flags as the templates print them), and both renderers on the
 * sample documents of tests/fixtures/report (report-doc-v1). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "core/json.h"
#include "report/markup.h"
#include "report/report.h"
#include "report/report_internal.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PACK "data/templates/report-nl.json"

static struct report_templates *shipped(void)
{
	struct report_templates *t = NULL;
	struct err e = { 0 };
	int rc = report_templates_load(PACK, "nl", &t, &e);
	if (rc)
		fail_msg("%s", e.msg);
	return t;
}

static json_t *fixture(const char *name)
{
	struct buf path = BUF_INIT;
	buf_printf(&path, "tests/fixtures/report/%s", name);
	json_t *doc = json_load_file(buf_str(&path), 0, NULL);
	assert_non_null(doc);
	buf_free(&path);
	return doc;
}

/* The shipped pack with template `name`'s text replaced (or removed when
 * text is NULL), as JSON text with one template per line. */
static void altered_pack(const char *name, const char *text, struct buf *out)
{
	json_t *pack = json_load_file(PACK, 0, NULL);
	assert_non_null(pack);
	json_t *list = json_object_get(pack, "templates");
	size_t i, drop = (size_t)-1;
	json_t *tp;
	json_array_foreach(list, i, tp)
		if (!strcmp(json_string_value(json_object_get(tp, "name")), name)) {
			if (text)
				json_object_set_new(tp, "text", json_string(text));
			else
				drop = i;
		}
	if (drop != (size_t)-1)
		json_array_remove(list, drop);
	char *s = json_dumps(pack, JSON_INDENT(1));
	buf_puts(out, s);
	free(s);
	json_decref(pack);
}

static int parse_pack(const struct buf *text, struct err *e)
{
	struct report_templates *t = NULL;
	int rc = report_templates_parse("org.json", buf_str(text), text->len, "nl", &t, e);
	report_templates_free(t);
	return rc;
}

static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	assert_non_null(at);
	int line = 1;
	for (const char *c = text; c < at; c++)
		line += *c == '\n';
	return line;
}

static void shipped_pack_loads(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	assert_string_equal(report_templates_id(t), "report-nl");
	assert_true(report_templates_has(t, "section/advies"));
	assert_true(report_templates_has(t, "html/document"));
	assert_string_equal(report_templates_word(t, "contents", NULL), "Inhoud");
	assert_null(report_templates_word(t, "no-such-word", NULL));
	const struct chart_words *w = report_templates_chart_words(t);
	assert_string_equal(w->band[2], "hoog");
	assert_string_equal(w->kritisch, "kritisch moment");
	assert_true(w->decimal_comma);
	report_templates_free(t);
}

static void broken_template_names_file_line_and_template_line(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	altered_pack("section/cultuur", "<p>a</p>\n<p>b</p>\n{{#cultures}}<p>{{label}}</p>", &text);
	assert_int_equal(parse_pack(&text, &e), IPM_EINVAL);
	int line = line_of(buf_str(&text), "<p>a</p>\\n<p>b</p>");
	char want[160];
	snprintf(want, sizeof want, "org.json:%d: $.templates[", line);
	assert_true(strncmp(e.msg, want, strlen(want)) == 0);
	assert_non_null(strstr(e.msg, "].text (\"section/cultuur\", line 3): "));
	assert_non_null(strstr(e.msg, "never closed"));

	buf_reset(&text);
	altered_pack("part/judgement", "{{> part/nothing}}", &text);
	assert_int_equal(parse_pack(&text, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "org.json"));
	assert_non_null(strstr(e.msg, "part/nothing"));

	buf_reset(&text);
	altered_pack("words/chart/kritisch", NULL, &text);
	assert_int_equal(parse_pack(&text, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "org.json: $.templates: missing template "
				   "\"words/chart/kritisch\" (nl)");
	buf_free(&text);
}

static void pack_of_another_kind_or_language(void **state)
{
	(void)state;
	struct report_templates *t = NULL;
	struct err e = { 0 };
	assert_int_equal(report_templates_load("data/packs/career-phases.json", "nl", &t, &e),
			 IPM_EINVAL);
	assert_non_null(strstr(e.msg, "$.kind: expected \"templates\""));
	assert_int_equal(report_templates_load(PACK, "en", &t, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "no template in language \"en\""));
	assert_int_equal(report_templates_load(PACK, "fr", &t, &e), IPM_EINVAL);
	assert_int_equal(report_templates_load("no/such.json", "nl", &t, &e), IPM_EIO);
	assert_null(t);
}

static void markup_blocks(void **state)
{
	(void)state;
	struct mk_doc d;
	struct err e = { 0 };
	const char *m = "<h3>Kop &amp; zo</h3>\n<p class=\"note\">Een  <b>vet</b>\n woord&nbsp;en "
			"R&D</p><ol><li>een</li><li><i>twee</i><br>regel</li></ol>"
			"<table class=\"kv\"><thead><tr><th>A</th><th>B</th></tr></thead>"
			"<tr><th>k</th><td>v</td></tr></table><figure data-chart=\"jcm\"></figure>"
			"<!-- weg --><ul><li>x</li></ul>";
	assert_int_equal(markup_parse(m, "t", &d, &e), IPM_OK);
	assert_int_equal(d.n, 7);
	assert_int_equal(d.blocks[0].kind, MK_H3);
	assert_string_equal(d.blocks[0].markup, "Kop &amp; zo");
	assert_int_equal(d.blocks[1].kind, MK_P);
	assert_string_equal(d.blocks[1].cls, "note");
	/* White space collapses; &nbsp; becomes U+00A0; a bare & is escaped. */
	assert_string_equal(d.blocks[1].markup, "Een <b>vet</b> woord\xc2\xa0" "en R&amp;D");
	assert_int_equal(d.blocks[2].ordinal, 1);
	assert_true(d.blocks[2].list_start);
	assert_int_equal(d.blocks[3].ordinal, 2);
	assert_false(d.blocks[3].list_start);
	assert_string_equal(d.blocks[3].markup, "<i>twee</i>\nregel");
	const struct mk_block *tb = &d.blocks[4];
	assert_int_equal(tb->kind, MK_TABLE);
	assert_string_equal(tb->cls, "kv");
	assert_int_equal(tb->n_rows, 2);
	assert_int_equal(tb->n_cols, 2);
	assert_true(tb->rows[0].head);
	assert_false(tb->rows[1].head);
	assert_string_equal(tb->rows[1].cells[1], "v");
	assert_int_equal(d.blocks[5].kind, MK_FIGURE);
	assert_string_equal(d.blocks[5].chart, "jcm");
	assert_int_equal(d.blocks[6].ordinal, 0);
	markup_free(&d);
}

static void markup_errors_name_the_line(void **state)
{
	(void)state;
	static const struct {
		const char *in, *msg;
	} cases[] = {
		{ "<p>a</p>\n<div>x</div>", "s: markup line 2: <div> is not part of the report markup" },
		{ "<p>a\n</li>", "s: markup line 2: </li> closes p" },
		{ "los", "s: markup line 1: text outside a paragraph" },
		{ "<p>\n\n<b>x</p>", "s: markup line 3: </p> closes b" },
		{ "<ul>\n<li>a", "s: markup line 2: <li> is never closed" },
		{ "<li>a</li>", "s: markup line 1: <li> cannot stand inside the section itself" },
		{ "<ul><li><ul><li>a</li></ul></li></ul>", "s: markup line 1: <ul> cannot stand inside <li>" },
		{ "<figure></figure>", "s: markup line 1: <figure> needs a data-chart attribute" },
		{ "<p>&bogus;</p>", "s: markup line 1: unknown entity &bogus;" },
		{ "<p class=x>a</p>", "s: markup line 1: attribute values need quotes" },
		{ "<p>a < b</p>", "s: markup line 1: '<' that starts no tag" },
		{ "<td>x</td>", "s: markup line 1: <td> cannot stand inside the section itself" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct mk_doc d;
		struct err e = { 0 };
		assert_int_equal(markup_parse(cases[i].in, "s", &d, &e), IPM_EINVAL);
		if (strncmp(e.msg, cases[i].msg, strlen(cases[i].msg)))
			fail_msg("case %zu: got \"%s\"", i, e.msg);
		assert_null(d.blocks);
	}
}

static const json_t *section_data(const json_t *view, size_t i)
{
	return json_object_get(json_array_get(json_object_get(view, "sections"), i), "data");
}

static void view_formats_for_reading(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	json_t *doc = fixture("doc-prof.json");
	struct report_charts *rc = calloc(1, sizeof *rc);
	json_t *view = NULL;
	struct err e = { 0 };
	report_charts_build(doc, t, rc);
	assert_int_equal(report_view_build(doc, t, rc, &view, &e), IPM_OK);
	assert_true(json_is_true(json_object_get(view, "is_prof")));
	assert_false(json_is_true(json_object_get(view, "is_client")));
	assert_string_equal(json_string_value(json_object_get(view, "version_label")),
			    "versie voor de professional");
	assert_string_equal(json_string_value(json_object_get(view, "report_date_long")),
			    "15 juni 2026");
	/* Flags never leak in from an enclosing object: the domain is laag,
	 * its facet gemiddeld, and the facet's band_laag is there and false. */
	const json_t *n = json_array_get(json_object_get(section_data(view, 1), "domains"), 0);
	const json_t *n2 = json_array_get(json_object_get(n, "facets"), 1);
	assert_true(json_is_true(json_object_get(n, "band_laag")));
	assert_true(json_is_false(json_object_get(n2, "band_laag")));
	assert_true(json_is_true(json_object_get(n2, "band_gemiddeld")));
	assert_true(json_is_false(json_object_get(n2, "band_hoog")));
	const json_t *facts = json_object_get(section_data(view, 2), "facts");
	assert_string_equal(json_string_value(json_object_get(facts, "paid_years_s")), "28,4");
	assert_string_equal(json_string_value(json_object_get(facts, "months_since_paid_work_s")),
			    "6");
	const json_t *advies = section_data(view, 9);
	const json_t *p = json_object_get(advies, "prognosis");
	/* p12 0.4089 → 41%; a contribution −0.0812 → −8,1 pp; a gain +0.0431 → +4,3 pp */
	assert_string_equal(json_string_value(json_object_get(p, "p12_pct")), "41%");
	const json_t *c0 = json_array_get(json_object_get(p, "contributions"), 0);
	assert_string_equal(json_string_value(json_object_get(c0, "p12_pp")),
			    "\xe2\x88\x92" "8,1 pp");
	const json_t *r0 = json_array_get(json_object_get(p, "raise"), 0);
	assert_string_equal(json_string_value(json_object_get(r0, "gain_pp")), "+4,3 pp");
	assert_true(json_is_true(json_object_get(p, "band_25_50")));
	const json_t *a3 = json_array_get(json_object_get(advies, "advice"), 3);
	assert_true(json_is_true(json_object_get(a3, "status_rejected")));
	assert_true(json_is_true(json_object_get(a3, "type_randvoorwaarde")));
	assert_string_equal(json_string_value(json_object_get(a3, "decided_at_long")),
			    "11 juni 2026");
	assert_true(json_is_true(json_object_get(json_object_get(advies, "trajectplan"),
						 "has_activities")));
	/* Every chart of the prof version, as a figure for the markup. */
	const json_t *charts = json_object_get(view, "charts");
	assert_int_equal(json_object_size(charts), RC_COUNT);
	assert_string_equal(json_string_value(json_object_get(charts, "jcm")),
			    "<figure data-chart=\"jcm\"></figure>");
	json_decref(view);
	json_decref(doc);
	free(rc);
	report_templates_free(t);
}

/* The client version has the band chart of the Big Five, the culture map
 * and the JCM profile; not the charts made of test scores. */
static void client_charts(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	json_t *doc = fixture("doc-client.json");
	struct report_charts *rc = calloc(1, sizeof *rc);
	report_charts_build(doc, t, rc);
	assert_true(rc->has[RC_BIGFIVE]);
	assert_false(rc->c[RC_BIGFIVE].show_values);
	assert_int_equal(rc->rows[RC_BIGFIVE][1].band, 3); /* Extraversie: hoog */
	assert_true(rc->has[RC_CULTURE]);
	assert_true(rc->has[RC_JCM]);
	assert_false(rc->c[RC_JCM].show_values);
	assert_false(rc->has[RC_ANCHORS]);
	assert_false(rc->has[RC_RIASEC]);
	assert_false(rc->has[RC_PROGNOSIS]);
	assert_false(rc->has[RC_FACTORS]);
	json_decref(doc);
	free(rc);
	report_templates_free(t);
}

/* The prognosis chart from the curve: month 13 of unemployment with 5
 * behind is 8 months from now; the year-ahead chance is the curve's own
 * survival ratio. */
static void prognosis_chart_from_curve(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	json_t *doc = fixture("doc-prof.json");
	struct report_charts *rc = calloc(1, sizeof *rc);
	report_charts_build(doc, t, rc);
	const struct chart_prognosis *g = &rc->c[RC_PROGNOSIS].u.prognosis;
	assert_int_equal(g->n, 25);
	assert_int_equal(g->n_year, 13);
	assert_int_equal(g->kritisch, 8);
	const json_t *curve = json_object_get(
		json_object_get(json_object_get(json_array_get(json_object_get(doc, "sections"), 9),
						"data"),
				"prognosis"),
		"curve");
	double p8 = json_number_value(json_object_get(json_array_get(curve, 8), "p_work"));
	double p20 = json_number_value(json_object_get(json_array_get(curve, 20), "p_work"));
	assert_float_equal(g->year_ahead[8], 1 - (1 - p20) / (1 - p8), 1e-12);
	/* Consistent with the document's kritisch moment: below 30 % there, not before. */
	assert_true(g->year_ahead[8] < 0.30);
	assert_true(g->year_ahead[7] >= 0.30);
	/* The factor chart: symmetric axis in whole 5 pp around the largest. */
	assert_float_equal(rc->c[RC_FACTORS].u.bars.max, 0.10, 1e-12);
	assert_float_equal(rc->c[RC_FACTORS].u.bars.min, -0.10, 1e-12);
	json_decref(doc);
	free(rc);
	report_templates_free(t);
}

static json_t *data_of(json_t *doc, size_t i)
{
	return json_object_get(json_array_get(json_object_get(doc, "sections"), i), "data");
}

static void set_range(json_t *data, const char *key, double a, double b, const char *ka,
		      const char *kb)
{
	json_object_set_new(data, key, json_pack("{s:f, s:f}", ka, a, kb, b));
}

/* The charts' axes and limits are the document's (the packs' scale ranges,
 * the norms' band limits, the kritisch threshold), not the shipped packs'
 * numbers: changed in the document, they change in the charts. */
static void charts_take_scales_from_the_document(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	json_t *doc = fixture("doc-prof.json");
	struct report_charts *rc = calloc(1, sizeof *rc);
	report_charts_build(doc, t, rc);
	/* As the shipped packs have them: T bands 45/55 (norms), anchors 1-6,
	 * RIASEC 1-5, JCM 1-7, 100 culture points, Anker's 30 %. */
	assert_float_equal(rc->c[RC_BIGFIVE].u.bars.band_low, 45, 0);
	assert_float_equal(rc->c[RC_BIGFIVE].u.bars.band_high, 55, 0);
	assert_float_equal(rc->c[RC_ANCHORS].u.bars.min, 1, 0);
	assert_float_equal(rc->c[RC_ANCHORS].u.bars.max, 6, 0);
	assert_float_equal(rc->c[RC_RIASEC].u.riasec.min, 1, 0);
	assert_float_equal(rc->c[RC_RIASEC].u.riasec.max, 5, 0);
	assert_float_equal(rc->c[RC_JCM].u.jcm.min, 1, 0);
	assert_float_equal(rc->c[RC_JCM].u.jcm.max, 7, 0);
	assert_float_equal(rc->c[RC_CULTURE].u.culture.total, 100, 0);
	assert_float_equal(rc->c[RC_PROGNOSIS].u.prognosis.threshold, 0.30, 0);

	/* Another pack's numbers. */
	set_range(data_of(doc, 1), "bands", 40, 60, "low_below", "high_above");
	set_range(data_of(doc, 3), "scale", 0, 10, "min", "max");
	set_range(data_of(doc, 4), "scale", 0, 6, "min", "max");
	set_range(data_of(doc, 5), "scale", 0, 200, "min", "max");
	set_range(data_of(doc, 6), "scale", 0, 9, "min", "max");
	json_object_set_new(json_object_get(data_of(doc, 9), "prognosis"), "kritisch_threshold",
			    json_real(0.25));
	report_charts_build(doc, t, rc);
	assert_float_equal(rc->c[RC_BIGFIVE].u.bars.band_low, 40, 0);
	assert_float_equal(rc->c[RC_BIGFIVE].u.bars.band_high, 60, 0);
	assert_float_equal(rc->c[RC_ANCHORS].u.bars.min, 0, 0);
	assert_float_equal(rc->c[RC_ANCHORS].u.bars.max, 10, 0);
	assert_float_equal(rc->c[RC_RIASEC].u.riasec.min, 0, 0);
	assert_float_equal(rc->c[RC_RIASEC].u.riasec.max, 6, 0);
	assert_float_equal(rc->c[RC_JCM].u.jcm.min, 0, 0);
	assert_float_equal(rc->c[RC_JCM].u.jcm.max, 9, 0);
	assert_float_equal(rc->c[RC_CULTURE].u.culture.total, 200, 0);
	assert_float_equal(rc->c[RC_PROGNOSIS].u.prognosis.threshold, 0.25, 0);
	/* The shipped intros say the same numbers in words. */
	struct buf h = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(report_render(doc, t, REPORT_HTML, &h, &e), IPM_OK);
	assert_non_null(strstr(h.data, "normgroep hieronder: laag is onder 40, hoog boven 60."));
	assert_non_null(strstr(h.data, "De cliënt verdeelt telkens 200 punten over"));
	buf_free(&h);

	/* Without them: the anchors' axis from their values (whole numbers
	 * around the lowest and highest mean), the culture map's scale the
	 * points' sum, no band zones, no curve without its threshold. */
	double lo = INFINITY, hi = -INFINITY, sum = 0;
	size_t i;
	const json_t *x;
	json_array_foreach(json_object_get(data_of(doc, 3), "anchors"), i, x) {
		lo = fmin(lo, json_number_value(json_object_get(x, "mean")));
		hi = fmax(hi, json_number_value(json_object_get(x, "mean")));
	}
	json_array_foreach(json_object_get(data_of(doc, 5), "cultures"), i, x)
		sum += json_number_value(json_object_get(x, "points"));
	json_object_del(data_of(doc, 1), "bands");
	json_object_del(data_of(doc, 3), "scale");
	json_object_del(data_of(doc, 5), "scale");
	json_object_del(json_object_get(data_of(doc, 9), "prognosis"), "kritisch_threshold");
	report_charts_build(doc, t, rc);
	assert_true(isnan(rc->c[RC_BIGFIVE].u.bars.band_low));
	assert_float_equal(rc->c[RC_ANCHORS].u.bars.min, floor(fmin(lo, 1)), 0);
	assert_float_equal(rc->c[RC_ANCHORS].u.bars.max, ceil(hi), 0);
	assert_float_equal(rc->c[RC_CULTURE].u.culture.total, sum, 1e-9);
	assert_false(rc->has[RC_PROGNOSIS]);
	json_decref(doc);
	free(rc);
	report_templates_free(t);
}

/* strstr for bytes: a PDF holds NULs in its binary streams. */
static bool contains(const struct buf *b, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= b->len; i++)
		if (!memcmp(b->data + i, needle, n))
			return true;
	return false;
}

/* Matched goals and instruments say why: the client version lists the
 * needs' names as a phrase ("a, b en c"), the professional's the matching's
 * own reasons separated by semicolons (each may hold commas itself). */
static void match_reasons_read_as_lists(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	const char *docs[] = { "doc-client.json", "doc-prof.json" };
	const char *want[] = { "<li><b>Vacatureverwerving</b>: Netwerk, Taal en Schulden</li>",
			       "<li><b>Vacatureverwerving</b>: door: Netwerk (belemmerend); door: "
			       "Taal (belemmerend); door: Schulden (belemmerend)</li>" };
	const char *cell[] = { "<td>Werkpunt</td><td>Netwerk, Taal en Schulden</td>",
			       "<td>Werkpunt</td><td>door: Netwerk (belemmerend); door: Taal "
			       "(belemmerend); door: Schulden (belemmerend)</td>" };
	for (int k = 0; k < 2; k++) {
		json_t *doc = fixture(docs[k]);
		bool client = k == 0;
		json_t *needs = json_pack("[{s:s, s:s}, {s:s, s:s}, {s:s, s:s}]", "id", "netwerk",
					  "label", "Netwerk", "id", "taalniveau", "label", "Taal",
					  "id", "schulden", "label", "Schulden");
		json_t *reasons = client ? json_pack("[s, s, s]", "Netwerk", "Taal", "Schulden")
					 : json_pack("[s, s, s]", "door: Netwerk (belemmerend)",
						     "door: Taal (belemmerend)",
						     "door: Schulden (belemmerend)");
		json_t *m = json_pack("{s:b, s:[{s:s, s:s, s:O, s:O}], s:[{s:s, s:s, s:s, s:n, "
				      "s:O, s:O}]}",
				      "available", 1, "goals", "code", "vacatureverwerving", "label",
				      "Vacatureverwerving", "needs", needs, "reasons", reasons,
				      "instruments", "id", "netwerkgroep", "name", "Netwerkgroep",
				      "provider", "Werkpunt", "summary", "needs", needs, "reasons",
				      reasons);
		assert_non_null(m);
		json_object_set_new(data_of(doc, 9), "matches", m);
		struct buf h = BUF_INIT;
		struct err e = { 0 };
		assert_int_equal(report_render(doc, t, REPORT_HTML, &h, &e), IPM_OK);
		assert_non_null(strstr(h.data, want[k]));
		assert_non_null(strstr(h.data, cell[k]));
		buf_free(&h);
		json_decref(needs);
		json_decref(reasons);
		json_decref(doc);
	}
	report_templates_free(t);
}

static void renders_pdf_and_html(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	const char *docs[] = { "doc-prof.json", "doc-client.json" };
	for (int k = 0; k < 2; k++) {
		json_t *doc = fixture(docs[k]);
		struct buf a = BUF_INIT, b = BUF_INIT, h = BUF_INIT;
		struct err e = { 0 };
		assert_int_equal(report_render(doc, t, REPORT_PDF, &a, &e), IPM_OK);
		assert_true(strncmp(a.data, "%PDF-1.", 7) == 0);
		/* The same document gives the same bytes (the date is the report's). */
		assert_int_equal(report_render(doc, t, REPORT_PDF, &b, &e), IPM_OK);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		assert_true(contains(&a, "/Title (Adviesrapport K-2026-0042)"));
		assert_true(contains(&a, "/CreationDate (20260615000000Z)"));
		/* No name in the metadata (the text itself is in compressed streams). */
		assert_false(contains(&a, "Ingrid"));
		assert_int_equal(report_render(doc, t, REPORT_HTML, &h, &e), IPM_OK);
		assert_non_null(strstr(h.data, "<title>Adviesrapport K-2026-0042"));
		assert_non_null(strstr(h.data, "<h2 id=\"advies-title\">10. Advies en strategie</h2>"));
		buf_free(&a);
		buf_free(&b);
		buf_free(&h);
		json_decref(doc);
	}
	report_templates_free(t);
}

static void refuses_other_documents(void **state)
{
	(void)state;
	struct report_templates *t = shipped();
	struct buf out = BUF_INIT;
	struct err e = { 0 };
	json_t *doc = fixture("doc-prof.json");
	json_object_set_new(doc, "version", json_string("boss"));
	assert_int_equal(report_render(doc, t, REPORT_PDF, &out, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "report document: $.version: expected prof, client or employer");
	json_object_set_new(doc, "version", json_string("prof"));
	json_array_remove(json_object_get(doc, "sections"), 3);
	assert_int_equal(report_render(doc, t, REPORT_HTML, &out, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "report document: $.sections: expected 10 sections");
	json_object_set_new(doc, "contract", json_string("v0"));
	assert_int_equal(report_render(doc, t, REPORT_HTML, &out, &e), IPM_EINVAL);
	assert_int_equal(out.len, 0);
	json_decref(doc);
	buf_free(&out);
	report_templates_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_pack_loads),
		cmocka_unit_test(broken_template_names_file_line_and_template_line),
		cmocka_unit_test(pack_of_another_kind_or_language),
		cmocka_unit_test(markup_blocks),
		cmocka_unit_test(markup_errors_name_the_line),
		cmocka_unit_test(view_formats_for_reading),
		cmocka_unit_test(client_charts),
		cmocka_unit_test(prognosis_chart_from_curve),
		cmocka_unit_test(charts_take_scales_from_the_document),
		cmocka_unit_test(match_reasons_read_as_lists),
		cmocka_unit_test(renders_pdf_and_html),
		cmocka_unit_test(refuses_other_documents),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	report_fonts_release();
	return failed;
}
