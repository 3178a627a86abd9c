/* Report charts: every chart renders to PNG and to inline SVG; the SVG is
 * fit for an HTML page (role, label, title, prefixed ids, no style
 * attributes); text alternatives say what the picture shows, and without
 * values they hold no number. Set CHART_PNG_DIR to keep the PNGs and look
 * at them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "report/chart.h"
#include "report/report.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_TYPES 7

static const struct chart_row bigfive_rows[] = {
	{ "Neuroticisme", 38.2, 0, false, "laag", 0 },
	{ "Extraversie", 61.7, 0, false, "hoog", 0 },
	{ "Hartelijkheid", 57.0, 1, false, "hoog", 0 },
	{ "Sociabiliteit", 66.4, 1, false, "hoog", 0 },
	{ "Assertiviteit", 49.0, 1, false, "gemiddeld", 0 },
	{ "Openheid", 52.3, 0, false, "gemiddeld", 0 },
	{ "Altruïsme", NAN, 0, false, NULL, 0 },
	{ "Consciëntieusheid", 71.0, 0, false, "hoog", 0 },
};

static const struct chart_row anchor_rows[] = {
	{ "Technisch-functionele competentie", 3.8, 0, false, NULL, 0 },
	{ "Algemeen management", 2.1, 0, false, NULL, 0 },
	{ "Autonomie en onafhankelijkheid", 4.6, 0, true, NULL, 0 },
	{ "Zekerheid en stabiliteit", 4.6, 0, true, NULL, 0 },
	{ "Ondernemerschap", 1.4, 0, false, NULL, 0 },
	{ "Dienstbaarheid", 3.9, 0, false, NULL, 0 },
	{ "Uitdaging", 2.8, 0, false, NULL, 0 },
	{ "Levensstijl", 3.3, 0, false, NULL, 0 },
};

static const struct chart_row factor_rows[] = {
	{ "Beheersing van het Nederlands", -0.082, 0, false, NULL, 0 },
	{ "Recente werkervaring", -0.051, 0, false, NULL, 0 },
	{ "Sociaal netwerk", 0.034, 0, false, NULL, 0 },
	{ "Motivatie om te werken", 0.061, 0, false, NULL, 0 },
	{ "Gezondheid", -0.012, 0, false, NULL, 0 },
};

static struct chart make(enum chart_type type, bool values)
{
	struct chart c = { .type = type, .w = &chart_words_nl, .show_values = values };
	switch (type) {
	case CHART_BIGFIVE:
		c.title = "Persoonlijkheid (Big Five)";
		c.u.bars = (struct chart_bars){ sizeof bigfive_rows / sizeof bigfive_rows[0],
						bigfive_rows, 20, 80, 45, 55, NULL, 1 };
		break;
	case CHART_ANCHORS:
		c.title = "Loopbaanankers";
		c.u.bars = (struct chart_bars){ sizeof anchor_rows / sizeof anchor_rows[0],
						anchor_rows, 1, 5, NAN, NAN, NULL, 1 };
		break;
	case CHART_FACTORS:
		c.title = "Bijdrage van de factoren aan de kans op werk binnen 12 maanden";
		c.u.bars = (struct chart_bars){ sizeof factor_rows / sizeof factor_rows[0],
						factor_rows, -0.1, 0.1, NAN, NAN, "pp", 100 };
		break;
	case CHART_RIASEC:
		c.title = "Interesses (RIASEC)";
		c.u.riasec = (struct chart_riasec){
			{ "Realistisch", "Intellectueel", "Artistiek", "Sociaal", "Ondernemend",
			  "Conventioneel" },
			{ 2.2, 1.5, 2.9, 4.4, 3.6, 3.9 }, 1, 5, "SCE" };
		break;
	case CHART_CULTURE:
		c.title = "Cultuurvoorkeur";
		c.u.culture = (struct chart_culture){
			{ "Mensgericht", "Innovatief", "Beheersgericht", "Resultaatgericht" }, 2,
			{ "laatste werkplek", "voorkeur" },
			{ { 20, 10, 45, 25 }, { 40, 25, 15, 20 } }, 100 };
		break;
	case CHART_JCM:
		c.title = "Functiekenmerken";
		c.u.jcm = (struct chart_jcm){
			{ "Vaardigheidsvariatie", "Taakidentiteit", "Taakbelang", "Autonomie",
			  "Feedback" },
			{ "laatste functie", "gewenste functie" },
			{ { 3.0, 4.5, 5.0, 2.5, 3.5 }, { 5.5, 5.0, 6.0, 6.5, 5.0 } },
			{ 36.2, 178.8 }, 1, 7 };
		break;
	case CHART_PROGNOSIS: {
		c.title = "Kans op werk";
		struct chart_prognosis *g = &c.u.prognosis;
		g->n = g->n_year = 37;
		g->threshold = 0.30;
		g->kritisch = -1;
		/* A falling monthly hazard: duration dependence. */
		double s[80];
		s[0] = 1;
		for (int t = 1; t < 80; t++)
			s[t] = s[t - 1] * (1 - 0.09 * exp(-t / 14.0));
		for (size_t k = 0; k < g->n; k++) {
			g->cumulative[k] = 1 - s[k];
			g->year_ahead[k] = 1 - s[k + 12] / s[k];
			if (g->kritisch < 0 && g->year_ahead[k] < g->threshold)
				g->kritisch = (int)k;
		}
		break;
	}
	}
	return c;
}

static const char *type_name(enum chart_type t)
{
	static const char *names[] = { "bigfive", "anchors", "riasec", "culture",
				       "jcm", "prognosis", "factors" };
	return names[t];
}

/* The share of pixels that are not (nearly) white. */
static double inked(cairo_surface_t *s)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *d = cairo_image_surface_get_data(s);
	long n = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *px = d + y * stride + x * 4;
			if (px[0] < 235 || px[1] < 235 || px[2] < 235)
				n++;
		}
	return (double)n / (w * h);
}

static void renders_png(void **state)
{
	(void)state;
	const char *dir = getenv("CHART_PNG_DIR");
	for (int t = 0; t < N_TYPES; t++)
		for (int values = 0; values <= 1; values++) {
			struct chart c = make((enum chart_type)t, values);
			double w = 480, h = ceil(chart_height(&c, w));
			assert_true(h > 60 && h < 800);
			cairo_surface_t *s =
				cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w * 2, (int)h * 2);
			cairo_t *cr = cairo_create(s);
			cairo_scale(cr, 2, 2);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_paint(cr);
			chart_draw(cr, &c, 0, 0, w, h);
			assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
			cairo_surface_flush(s);
			double ink = inked(s);
			/* Something is drawn, and the chart is not a filled block. */
			assert_true(ink > 0.02);
			assert_true(ink < 0.7);
			if (dir) {
				char path[512];
				snprintf(path, sizeof path, "%s/%s-%s.png", dir, type_name(c.type),
					 values ? "prof" : "client");
				assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
			}
			cairo_destroy(cr);
			cairo_surface_destroy(s);
		}
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;
	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

static void svg_fits_an_html_page(void **state)
{
	(void)state;
	for (int t = 0; t < N_TYPES; t++) {
		struct chart c = make((enum chart_type)t, true);
		struct buf svg = BUF_INIT;
		struct err e = { 0 };
		assert_int_equal(chart_svg(&c, 480, "c7", &svg, &e), IPM_OK);
		const char *s = buf_str(&svg);
		assert_true(strncmp(s, "<svg role=\"img\" aria-label=\"", 28) == 0);
		assert_non_null(strstr(s, "<title>"));
		assert_non_null(strstr(s, c.title));
		assert_non_null(strstr(s, "viewBox=\"0 0 480 "));
		assert_null(strstr(s, "<?xml"));
		assert_null(strstr(s, "style="));
		assert_null(strstr(s, "pt\""));
		/* Every id and every reference carries the prefix. */
		assert_int_equal(count(s, "id=\""), count(s, "id=\"c7-"));
		assert_int_equal(count(s, "\"#"), count(s, "\"#c7-"));
		assert_int_equal(count(s, "url(#"), count(s, "url(#c7-"));
		assert_true(count(s, "<use ") > 10); /* the glyphs of the labels */
		assert_true(svg.len > 2000);
		assert_string_equal(s + svg.len - 7, "</svg>\n");
		buf_free(&svg);
	}
}

static void alt_texts_say_what_the_chart_shows(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	struct chart c = make(CHART_BIGFIVE, true);
	c.u.bars.n = 3;
	chart_alt(&c, &b);
	assert_string_equal(buf_str(&b), "Persoonlijkheid (Big Five). Neuroticisme: 38 (laag); "
					 "Extraversie: 62 (hoog); Hartelijkheid: 57 (hoog).");
	buf_reset(&b);
	c.show_values = false;
	chart_alt(&c, &b);
	assert_string_equal(buf_str(&b), "Persoonlijkheid (Big Five). Neuroticisme: laag; "
					 "Extraversie: hoog; Hartelijkheid: hoog.");

	buf_reset(&b);
	c = make(CHART_ANCHORS, true);
	c.u.bars.n = 3;
	chart_alt(&c, &b);
	assert_string_equal(buf_str(&b), "Loopbaanankers. Technisch-functionele competentie: 3,8; "
					 "Algemeen management: 2,1; "
					 "Autonomie en onafhankelijkheid: 4,6, sterkste.");

	buf_reset(&b);
	c = make(CHART_FACTORS, true);
	c.u.bars.n = 3;
	chart_alt(&c, &b);
	assert_string_equal(buf_str(&b),
			    "Bijdrage van de factoren aan de kans op werk binnen 12 maanden. "
			    "Beheersing van het Nederlands: belemmert \xe2\x88\x92" "8 pp; "
			    "Recente werkervaring: belemmert \xe2\x88\x92" "5 pp; "
			    "Sociaal netwerk: helpt +3 pp.");

	buf_reset(&b);
	c = make(CHART_RIASEC, false);
	chart_alt(&c, &b);
	assert_string_equal(buf_str(&b), "Interesses (RIASEC). Holland-code: SCE "
					 "(Sociaal, Conventioneel, Ondernemend).");

	buf_reset(&b);
	c = make(CHART_CULTURE, false);
	chart_alt(&c, &b);
	assert_string_equal(buf_str(&b), "Cultuurvoorkeur. laatste werkplek: Beheersgericht, "
					 "Resultaatgericht, Mensgericht, Innovatief; voorkeur: "
					 "Mensgericht, Innovatief, Resultaatgericht, Beheersgericht.");

	/* The prognosis: 1 − Π(1 − 0.09·e^(−t/14)) after 6 and 12 months,
	 * and the first month whose year ahead drops below 30 %. */
	buf_reset(&b);
	c = make(CHART_PROGNOSIS, true);
	chart_alt(&c, &b);
	char want[256];
	snprintf(want, sizeof want, "Kans op werk. kans op werk tot dan na 6 maanden %.0f%%, "
		 "na 12 maanden %.0f%%, na 24 maanden %.0f%%; kritisch moment: na %d maanden.",
		 c.u.prognosis.cumulative[6] * 100, c.u.prognosis.cumulative[12] * 100,
		 c.u.prognosis.cumulative[24] * 100, c.u.prognosis.kritisch);
	assert_string_equal(buf_str(&b), want);
	assert_true(c.u.prognosis.kritisch > 0);
	buf_free(&b);
}

/* The client version: no number in any chart's alternative except the
 * prognosis (a chance of work is no test internal) and digits in titles. */
static void without_values_no_numbers(void **state)
{
	(void)state;
	for (int t = 0; t < N_TYPES; t++) {
		if (t == CHART_PROGNOSIS)
			continue;
		struct chart c = make((enum chart_type)t, false);
		c.title = "x";
		struct buf b = BUF_INIT;
		chart_alt(&c, &b);
		for (const char *p = buf_str(&b); *p; p++)
			assert_false(isdigit((unsigned char)*p));
		buf_free(&b);
	}
}

static void numbers_in_dutch(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	chart_put_number(&b, &chart_words_nl, 3.25, 1);
	buf_puts(&b, " ");
	chart_put_number(&b, &chart_words_nl, -0.04, 1);
	buf_puts(&b, " ");
	chart_put_number(&b, &chart_words_nl, -12.5, 0);
	buf_puts(&b, " ");
	chart_put_number(&b, &chart_words_nl, NAN, 0);
	/* 3.25 is not exact in binary (3.25 is, rounds half away: 3,3). */
	assert_string_equal(buf_str(&b), "3,3 0,0 \xe2\x88\x92" "13 geen score");
	struct chart_words en = chart_words_nl;
	en.decimal_comma = false;
	buf_reset(&b);
	chart_put_number(&b, &en, 2.5, 1);
	assert_string_equal(buf_str(&b), "2.5");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(renders_png),
		cmocka_unit_test(svg_fits_an_html_page),
		cmocka_unit_test(alt_texts_say_what_the_chart_shows),
		cmocka_unit_test(without_values_no_numbers),
		cmocka_unit_test(numbers_in_dutch),
	};
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	report_fonts_release();
	return failed;
}
