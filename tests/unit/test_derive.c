/* Prefilled factor ratings: the engine's maps (src/engine/derive.c), their
 * check in the pack (schema and semantic_factors.c, exact messages), the
 * converter (src/pack/derive_build.c), the suggestions with their reasons
 * (src/services/derive_ratings.c), and the shipped catalogue against the
 * conversion table of docs/factors.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pack/codes_build.h"
#include "pack/derive_build.h"
#include "services/derive_ratings.h"
#include "support/json_fixture.h"

#include <math.h>
#include <string.h>

#define FACTORS "tests/fixtures/packs/factors.json"
#define SHIPPED "data/packs/ipm-factors.json"

/* duur-werkloosheid's map: < 3 +2, 3–6 +1, 6–12 0, 12–24 −1, ≥ 24 −2. */
static const struct derive_band duur[] = { { 3, 2 }, { 6, 1 }, { 12, 0 }, { 24, -1 } };
static const struct derive_map duur_map = { duur, 4, -2, DERIVE_NO_RATING };

static int rating(const struct derive_map *m, double v)
{
	int r = 99;
	if (derive_rating(m, v, &r))
		fail_msg("no rating for %g", v);
	return r;
}

/* --- engine -------------------------------------------------------------- */

/* A value exactly at a threshold belongs to the band above it: every band
 * is [previous below, below). */
static void map_threshold_boundaries(void **state)
{
	(void)state;
	assert_int_equal(rating(&duur_map, -INFINITY), 2);
	assert_int_equal(rating(&duur_map, 0), 2);
	assert_int_equal(rating(&duur_map, nextafter(3, 0)), 2);
	assert_int_equal(rating(&duur_map, 3), 1);
	assert_int_equal(rating(&duur_map, nextafter(6, 0)), 1);
	assert_int_equal(rating(&duur_map, 6), 0);
	assert_int_equal(rating(&duur_map, 11.9), 0);
	assert_int_equal(rating(&duur_map, 12), -1);
	assert_int_equal(rating(&duur_map, nextafter(24, 0)), -1);
	assert_int_equal(rating(&duur_map, 24), -2);
	assert_int_equal(rating(&duur_map, 1e9), -2);
	assert_int_equal(rating(&duur_map, INFINITY), -2);
	int r = 99;
	assert_int_equal(derive_rating(&duur_map, NAN, &r), IPM_ENOTFOUND);
	assert_int_equal(r, 99);

	/* One band: the threshold splits the line in two. */
	const struct derive_band one[] = { { 0.5, -2 } };
	const struct derive_map m1 = { one, 1, 0, DERIVE_NO_RATING };
	assert_int_equal(rating(&m1, 0.49), -2);
	assert_int_equal(rating(&m1, 0.5), 0);
}

static void map_none(void **state)
{
	(void)state;
	int r = 99;
	assert_int_equal(derive_rating_none(&duur_map, &r), IPM_ENOTFOUND);
	assert_int_equal(r, 99);
	struct derive_map m = duur_map;
	m.none = -1;
	assert_int_equal(derive_rating_none(&m, &r), IPM_OK);
	assert_int_equal(r, -1);
}

static void levels_categorical(void **state)
{
	(void)state;
	const struct derive_levels l = { { -2, -1, 0, 1, 2, 2 } };
	const int want[] = { -2, -1, 0, 1, 2, 2 };
	for (int k = 0; k < DERIVE_CEFR_N; k++) {
		int r = 99;
		assert_int_equal(derive_level_rating(&l, derive_cefr[k], &r), IPM_OK);
		assert_int_equal(r, want[k]);
		assert_int_equal(derive_cefr_index(derive_cefr[k]), k);
	}
	int r = 99;
	assert_int_equal(derive_level_rating(&l, NULL, &r), IPM_ENOTFOUND);
	assert_int_equal(derive_level_rating(&l, "b1", &r), IPM_ENOTFOUND);
	assert_int_equal(derive_level_rating(&l, "B1 ", &r), IPM_ENOTFOUND);
	assert_int_equal(derive_level_rating(&l, "D1", &r), IPM_ENOTFOUND);
	assert_int_equal(r, 99);
	struct derive_levels gap = l;
	gap.rating[3] = DERIVE_NO_RATING;
	assert_int_equal(derive_level_rating(&gap, "B2", &r), IPM_ENOTFOUND);
}

static void sources(void **state)
{
	(void)state;
	enum derive_source s;
	assert_int_equal(derive_source_parse("cv", "months_since_paid_work", &s), 0);
	assert_int_equal(s, DERIVE_MONTHS_SINCE_WORK);
	assert_string_equal(derive_source_name(s), "cv.months_since_paid_work");
	assert_false(derive_source_is_level(s));
	assert_int_equal(derive_source_parse("intake", "language_level", &s), 0);
	assert_true(derive_source_is_level(s));
	assert_int_equal(derive_source_parse("cv", "language_level", &s), -1);
	assert_int_equal(derive_source_parse("intake", NULL, &s), -1);
	assert_int_equal(derive_source_parse(NULL, "c1", &s), -1);
}

static void expect_fault(int rc, const struct err *e, const struct derive_fault *at,
			 size_t band, const char *field, const char *msg)
{
	assert_int_equal(rc, IPM_EINVAL);
	assert_string_equal(e->msg, msg);
	assert_int_equal(at->band, band);
	if (field)
		assert_string_equal(at->field, field);
	else
		assert_null(at->field);
}

static void map_and_levels_checks(void **state)
{
	(void)state;
	struct derive_fault at;
	struct err e = { 0 };
	assert_int_equal(derive_map_check(&duur_map, -2, 2, &at, &e), IPM_OK);

	struct derive_band b[] = { { 3, 2 }, { 3, 1 } };
	struct derive_map m = { b, 2, 0, DERIVE_NO_RATING };
	expect_fault(derive_map_check(&m, -2, 2, &at, &e), &e, &at, 1, "below",
		     "threshold 3 is not above the previous one (3)");
	b[1].below = 2.5;
	expect_fault(derive_map_check(&m, -2, 2, &at, &e), &e, &at, 1, "below",
		     "threshold 2.5 is not above the previous one (3)");
	b[1].below = NAN;
	expect_fault(derive_map_check(&m, -2, 2, &at, &e), &e, &at, 1, "below",
		     "threshold is not a finite number");
	b[1].below = 4;
	b[0].rating = 3;
	expect_fault(derive_map_check(&m, -2, 2, &at, &e), &e, &at, 0, "rating",
		     "rating 3 is outside the rating scale (-2..2)");
	b[0].rating = 2;
	m.otherwise = -3;
	expect_fault(derive_map_check(&m, -2, 2, &at, &e), &e, &at, DERIVE_NO_BAND, "otherwise",
		     "rating -3 is outside the rating scale (-2..2)");
	m.otherwise = 0;
	m.none = 5;
	expect_fault(derive_map_check(&m, -2, 2, &at, &e), &e, &at, DERIVE_NO_BAND, "none",
		     "rating 5 is outside the rating scale (-2..2)");
	/* The scale is the factor's: 4 is fine on 0..4. */
	m.none = 4;
	b[0].rating = 3;
	assert_int_equal(derive_map_check(&m, 0, 4, &at, &e), IPM_OK);

	struct derive_levels l = { { -2, -1, 0, 1, 2, 2 } };
	assert_int_equal(derive_levels_check(&l, -2, 2, &at, &e), IPM_OK);
	l.rating[4] = DERIVE_NO_RATING;
	expect_fault(derive_levels_check(&l, -2, 2, &at, &e), &e, &at, DERIVE_NO_BAND, NULL,
		     "missing level \"C1\" (every level A1..C2 needs a rating)");
	l.rating[4] = 2;
	l.rating[0] = -7;
	expect_fault(derive_levels_check(&l, -2, 2, &at, &e), &e, &at, DERIVE_NO_BAND, "A1",
		     "rating -7 is outside the rating scale (-2..2)");
}

/* --- the pack: schema and semantic checks ----------------------------------- */

static json_t *factor(json_t *doc, size_t i)
{
	return json_array_get(json_object_get(doc, "factors"), i);
}

/* The fixture with a levels table on "taal" (0) and a map on "recent-werk" (3). */
static json_t *with_maps(void)
{
	json_t *doc = test_json_file(FACTORS);
	json_object_set_new(factor(doc, 0), "derived_from",
			    json_pack("{ss ss s{si si si si si si}}", "step", "intake", "ref",
				      "language_level", "levels", "A1", -2, "A2", -1, "B1", 0,
				      "B2", 1, "C1", 2, "C2", 2));
	json_object_set_new(factor(doc, 3), "derived_from",
			    json_pack("{ss ss s{s[{sisi}{sfsi}{sisi}] si si}}", "step", "cv", "ref",
				      "months_since_paid_work", "map", "bands", "below", 3,
				      "rating", 2, "below", 12.5, "rating", 0, "below", 60,
				      "rating", -1, "otherwise", -2, "none", -2));
	return doc;
}

static json_t *map_of(json_t *doc, size_t i)
{
	return json_object_get(json_object_get(factor(doc, i), "derived_from"), "map");
}

static json_t *band(json_t *doc, size_t i, size_t k)
{
	return json_array_get(json_object_get(map_of(doc, i), "bands"), k);
}

static void pack_accepts_maps(void **state)
{
	(void)state;
	struct pack *p = NULL;
	struct err e = { 0 };
	if (test_pack_parse(with_maps(), "ok.json", &p, &e))
		fail_msg("%s", e.msg);
	pack_free(p);
}

static void schema_errors(void **state)
{
	(void)state;
	json_t *doc = with_maps();
	json_object_set_new(band(doc, 3, 0), "above", json_integer(1));
	json_object_set_new(band(doc, 3, 1), "rating", json_real(0.5));
	json_object_del(map_of(doc, 3), "otherwise");
	json_object_set_new(json_object_get(json_object_get(factor(doc, 0), "derived_from"),
					    "levels"), "D1", json_integer(2));
	test_pack_refused(doc, "bad.json: $.factors[0].derived_from.levels.D1: unknown property\n"
			"bad.json: $.factors[3].derived_from.map: missing required property "
			"\"otherwise\"\n"
			"bad.json: $.factors[3].derived_from.map.bands[0].above: unknown property\n"
			"bad.json: $.factors[3].derived_from.map.bands[1].rating: expected integer, "
			"got number");

	doc = with_maps();
	json_array_clear(json_object_get(map_of(doc, 3), "bands"));
	test_pack_refused(doc, "bad.json: $.factors[3].derived_from.map.bands: expected at least 1 "
			"item, got 0");
}

static void semantic_errors(void **state)
{
	(void)state;
	json_t *doc = with_maps();
	json_object_set_new(band(doc, 3, 1), "below", json_integer(3));
	json_object_del(json_object_get(json_object_get(factor(doc, 0), "derived_from"),
					"levels"), "B2");
	test_pack_refused(doc, "bad.json: $.factors[0].derived_from.levels: missing level \"B2\" "
			"(every level A1..C2 needs a rating)\n"
			"bad.json: $.factors[3].derived_from.map.bands[1].below: threshold 3 is not "
			"above the previous one (3)");

	doc = with_maps();
	json_object_set_new(band(doc, 3, 2), "rating", json_integer(3));
	json_object_set_new(map_of(doc, 3), "none", json_integer(-3));
	json_object_set_new(json_object_get(json_object_get(factor(doc, 0), "derived_from"),
					    "levels"), "C2", json_integer(4));
	/* The first problem of a conversion is reported; fix it to see the next. */
	test_pack_refused(doc, "bad.json: $.factors[0].derived_from.levels.C2: rating 4 is outside "
			"the rating scale (-2..2)\n"
			"bad.json: $.factors[3].derived_from.map.bands[2].rating: rating 3 is "
			"outside the rating scale (-2..2)");

	doc = with_maps();
	json_t *taal = json_object_get(factor(doc, 0), "derived_from");
	json_object_set(json_object_get(factor(doc, 3), "derived_from"), "levels",
			json_object_get(taal, "levels"));
	json_object_set(taal, "map", map_of(doc, 3));
	json_object_del(taal, "levels");
	test_pack_refused(doc, "bad.json: $.factors[0].derived_from.map: intake.language_level is a "
			"language level: use \"levels\"\n"
			"bad.json: $.factors[3].derived_from: use \"map\" or \"levels\", not both");

	doc = with_maps();
	json_object_set_new(json_object_get(factor(doc, 3), "derived_from"), "ref",
			    json_string("months_since_work"));
	json_object_del(json_object_get(factor(doc, 0), "derived_from"), "ref");
	test_pack_refused(doc, "bad.json: $.factors[0].derived_from: missing required property \"ref\" "
			"(levels needs a source)\n"
			"bad.json: $.factors[3].derived_from.ref: no conversion from "
			"\"cv.months_since_work\" (known: intake.language_level, "
			"intake.benefit_start, cv.highest_diploma, cv.months_since_paid_work, "
			"cv.paid_fte_years, big_five.c1)");

	doc = with_maps();
	json_t *lv = json_object_get(json_object_get(factor(doc, 0), "derived_from"), "levels");
	json_object_set_new(json_object_get(factor(doc, 3), "derived_from"), "levels",
			    json_deep_copy(lv));
	json_object_del(json_object_get(factor(doc, 3), "derived_from"), "map");
	test_pack_refused(doc, "bad.json: $.factors[3].derived_from.levels: cv.months_since_paid_work "
			"is a number: use \"map\"");
}

/* --- the converter --------------------------------------------------------- */

static struct pack *load(const char *path)
{
	struct pack *p = NULL;
	struct err e = { 0 };
	if (pack_load_file(path, &p, &e))
		fail_msg("%s", e.msg);
	return p;
}

static void converter_reads_the_maps(void **state)
{
	(void)state;
	struct pack *p = NULL;
	struct derive_set *s = NULL;
	struct err e = { 0 };
	if (test_pack_parse(with_maps(), "ok.json", &p, &e) || derive_build(p, &s, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(s->pack, "test-factoren");
	assert_int_equal(s->n, 2);
	assert_string_equal(s->rules[0].factor, "taal");
	assert_int_equal(s->rules[0].source, DERIVE_LANGUAGE_LEVEL);
	assert_int_equal(s->rules[0].levels.rating[2], 0);
	const struct derive_rule *r = &s->rules[1];
	assert_string_equal(r->factor, "recent-werk");
	assert_int_equal(r->source, DERIVE_MONTHS_SINCE_WORK);
	assert_int_equal(r->map.n_bands, 3);
	assert_true(r->map.bands[1].below == 12.5 && r->map.bands[1].rating == 0);
	assert_int_equal(r->map.otherwise, -2);
	assert_int_equal(r->map.none, -2);
	/* Owned by the set: the pack may go first. */
	pack_free(p);
	assert_int_equal(rating(&r->map, 12.5), -1);
	derive_set_free(s);

	/* A catalogue without maps has no rules (the fixture's bare derived_from). */
	p = load(FACTORS);
	assert_int_equal(derive_build(p, &s, &e), IPM_OK);
	assert_int_equal(s->n, 0);
	derive_set_free(s);
	pack_free(p);
}

static void converter_errors(void **state)
{
	(void)state;
	struct pack *p = load("tests/fixtures/packs/prog-model.json");
	struct derive_set *s = NULL;
	struct err e = { 0 };
	assert_int_equal(derive_build(p, &s, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "pack \"prog-model\" is a model pack, not a factor catalogue");
	assert_null(s);
	pack_free(p);

	/* A document changed after its check (the converter does not trust a
	 * struct pack blindly): the same message, with the file and path. */
	struct err pe = { 0 };
	if (test_pack_parse(with_maps(), "changed.json", &p, &pe))
		fail_msg("%s", pe.msg);
	json_object_set_new(band(p->doc, 3, 2), "below", json_integer(1));
	assert_int_equal(derive_build(p, &s, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "changed.json: $.factors[3].derived_from.map.bands[2].below: "
			    "threshold 1 is not above the previous one (12.5)");
	assert_null(s);
	json_object_set_new(json_object_get(factor(p->doc, 3), "derived_from"), "step",
			    json_string("big_five"));
	assert_int_equal(derive_build(p, &s, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "changed.json: $.factors[3].derived_from.ref: no conversion "
			    "from \"big_five.months_since_paid_work\" (known: "
			    "intake.language_level, intake.benefit_start, cv.highest_diploma, "
			    "cv.months_since_paid_work, cv.paid_fte_years, big_five.c1)");
	pack_free(p);
}

/* --- the service ----------------------------------------------------------- */

static struct derive_set *shipped_set(void)
{
	struct pack *p = load(SHIPPED);
	struct derive_set *s = NULL;
	struct err e = { 0 };
	if (derive_build(p, &s, &e))
		fail_msg("%s", e.msg);
	pack_free(p);
	return s;
}

static const struct derive_inputs nothing = { NULL, -1, NULL, NAN };

static const struct derive_suggestion *find(const struct derive_suggestions *sg,
					    const char *factor)
{
	for (size_t k = 0; k < sg->n; k++)
		if (strcmp(sg->v[k].factor, factor) == 0)
			return &sg->v[k];
	return NULL;
}

/* The suggested rating of `factor` for `in`; 99 when there is none. */
static int suggested(const struct derive_set *s, const struct derive_inputs *in,
		     const char *factor)
{
	struct derive_suggestions sg;
	struct err e = { 0 };
	if (derive_suggest(s, in, &sg, &e))
		fail_msg("%s", e.msg);
	const struct derive_suggestion *x = find(&sg, factor);
	int r = x ? x->rating : 99;
	derive_suggestions_free(&sg);
	return r;
}

static void missing_inputs_give_no_suggestion(void **state)
{
	(void)state;
	struct derive_set *s = shipped_set();
	struct derive_suggestions sg;
	struct err e = { 0 };
	assert_int_equal(derive_suggest(s, &nothing, &sg, &e), IPM_OK);
	assert_int_equal(sg.n, 0);
	struct buf text = BUF_INIT;
	derive_suggestions_text(&sg, &text);
	assert_string_equal(buf_str(&text), DERIVE_NOTICE "\n");
	buf_free(&text);
	derive_suggestions_free(&sg);

	/* Only the CV: the three CV factors, nothing else. */
	struct cv_facts cv = { .months_since_paid_work = 14, .paid_fte_years = 3.0 };
	struct derive_inputs in = nothing;
	in.cv = &cv;
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_OK);
	assert_int_equal(sg.n, 3);
	assert_string_equal(sg.v[0].factor, "opleiding");
	assert_string_equal(sg.v[1].factor, "werkervaring-recent");
	assert_string_equal(sg.v[2].factor, "werkervaring-omvang");
	derive_suggestions_free(&sg);

	/* "Nothing" without a `none` rating is no suggestion either. */
	struct derive_band b[] = { { 3, 2 } };
	struct derive_rule r = { .factor = "x", .source = DERIVE_MONTHS_SINCE_WORK,
				 .map = { b, 1, 0, DERIVE_NO_RATING } };
	struct derive_set one = { .pack = "p", .version = "1.0.0", .rules = &r, .n = 1 };
	cv.months_since_paid_work = -1;
	assert_int_equal(derive_suggest(&one, &in, &sg, &e), IPM_OK);
	assert_int_equal(sg.n, 0);
	derive_suggestions_free(&sg);
	derive_set_free(s);
}

static void suggestions_name_their_source(void **state)
{
	(void)state;
	struct derive_set *s = shipped_set();
	const struct code_entry mbo2 = { "mbo-2", "Mbo niveau 2 (basisberoepsopleiding)", NULL, 5 };
	struct cv_facts cv = { .months_since_paid_work = 14, .paid_fte_years = 1.96,
			       .highest_diploma = &mbo2 };
	struct derive_inputs in = { "A2", 1, &cv, 44.96 };
	struct derive_suggestions sg;
	struct err e = { 0 };
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_OK);
	assert_string_equal(sg.pack, "ipm-factors");
	assert_string_equal(sg.version, "1.2.0");
	assert_int_equal(sg.n, 6);
	assert_int_equal(find(&sg, "werkervaring-recent")->source, DERIVE_MONTHS_SINCE_WORK);
	struct buf text = BUF_INIT;
	derive_suggestions_text(&sg, &text);
	/* Decimals are cut, not rounded: 1,96 years is below 2 and reads 1,9. */
	assert_string_equal(buf_str(&text),
		"taalniveau: -1 (afgeleid uit intake: taalniveau A2)\n"
		"opleiding: 0 (afgeleid uit cv: hoogste diploma Mbo niveau 2 "
		"(basisberoepsopleiding))\n"
		"werkervaring-recent: 0 (afgeleid uit cv: 14 maanden sinds laatste betaalde "
		"werk)\n"
		"werkervaring-omvang: -1 (afgeleid uit cv: 1,9 jaar betaald werk, omgerekend "
		"naar voltijd)\n"
		"zelfeffectiviteit: -1 (afgeleid uit Big Five: vertrouwen in eigen kunnen (C1), "
		"T-score 44,9)\n"
		"duur-werkloosheid: +2 (afgeleid uit intake: 1 maand werkloos (sinds het begin "
		"van de uitkering))\n" DERIVE_NOTICE "\n");
	buf_free(&text);
	derive_suggestions_free(&sg);

	/* The words for "nothing" and "now". */
	cv.highest_diploma = NULL;
	cv.months_since_paid_work = -1;
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_OK);
	assert_string_equal(buf_str(&find(&sg, "opleiding")->reason),
			    "afgeleid uit cv: geen diploma");
	assert_string_equal(buf_str(&find(&sg, "werkervaring-recent")->reason),
			    "afgeleid uit cv: nooit betaald gewerkt");
	derive_suggestions_free(&sg);
	cv.months_since_paid_work = 0;
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_OK);
	assert_string_equal(buf_str(&find(&sg, "werkervaring-recent")->reason),
			    "afgeleid uit cv: werkt nu betaald");
	derive_suggestions_free(&sg);
	derive_set_free(s);
}

static void bad_inputs_are_refused(void **state)
{
	(void)state;
	struct derive_set *s = shipped_set();
	struct derive_suggestions sg;
	struct err e = { 0 };
	struct derive_inputs in = nothing;
	in.language_level = "b1";
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "language_level: expected one of A1, A2, B1, B2, C1, C2");
	assert_int_equal(sg.n, 0);
	derive_suggestions_free(&sg);
	in = nothing;
	in.months_unemployed = -2;
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "months_unemployed: expected 0 or more, or -1 (unknown)");
	in = nothing;
	in.c1_t = INFINITY;
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "big_five.c1: the T-score is not a finite number");
	struct cv_facts cv = { .months_since_paid_work = -5 };
	in = nothing;
	in.cv = &cv;
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "cv.months_since_paid_work: expected 0 or more, or -1 "
			    "(never paid)");
	cv.months_since_paid_work = 0;
	cv.paid_fte_years = NAN;
	assert_int_equal(derive_suggest(s, &in, &sg, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "cv.paid_fte_years: expected a number of 0 or more");
	derive_set_free(s);
}

/* --- the shipped catalogue against docs/factors.md ---------------------------- */

static const struct code_entry *level(const struct code_list *l, const char *code)
{
	const struct code_entry *c = code_list_find(l, code);
	if (!c)
		fail_msg("no education level %s", code);
	return c;
}

static void shipped_maps_follow_the_docs(void **state)
{
	(void)state;
	struct derive_set *s = shipped_set();
	assert_int_equal(s->n, 6);
	struct derive_inputs in = nothing;

	/* taalniveau: A1 is −2; B1, what most work asks, is neutral. */
	const char *cefr[] = { "A1", "A2", "B1", "B2", "C1", "C2" };
	const int taal[] = { -2, -1, 0, 1, 2, 2 };
	for (int k = 0; k < 6; k++) {
		in.language_level = cefr[k];
		assert_int_equal(suggested(s, &in, "taalniveau"), taal[k]);
	}

	/* duur-werkloosheid: > 24 −2, 12–24 −1, 6–12 0, 3–6 +1, < 3 +2. */
	in = nothing;
	const int months[] = { 0, 2, 3, 5, 6, 11, 12, 23, 24, 36 };
	const int duur_want[] = { 2, 2, 1, 1, 0, 0, -1, -1, -2, -2 };
	for (int k = 0; k < 10; k++) {
		in.months_unemployed = months[k];
		assert_int_equal(suggested(s, &in, "duur-werkloosheid"), duur_want[k]);
	}

	/* werkervaring-recent: working or < 3 +2, 12–24 0, never or > 60 −2. */
	struct cv_facts cv = { 0 };
	in = nothing;
	in.cv = &cv;
	const int since[] = { -1, 0, 2, 3, 11, 12, 23, 24, 59, 60, 120 };
	const int recent_want[] = { -2, 2, 2, 1, 1, 0, 0, -1, -1, -2, -2 };
	for (int k = 0; k < 11; k++) {
		cv.months_since_paid_work = since[k];
		assert_int_equal(suggested(s, &in, "werkervaring-recent"), recent_want[k]);
	}

	/* werkervaring-omvang: < 0.5 −2, about 2–5 0, > 10 +2. */
	cv.months_since_paid_work = 0;
	const double years[] = { 0, 0.49, 0.5, 1.9, 2, 4.9, 5, 9.9, 10, 30 };
	const int omvang_want[] = { -2, -2, -1, -1, 0, 0, 1, 1, 2, 2 };
	for (int k = 0; k < 10; k++) {
		cv.paid_fte_years = years[k];
		assert_int_equal(suggested(s, &in, "werkervaring-omvang"), omvang_want[k]);
	}

	/* opleiding, by rank of education-levels: no diploma after primary
	 * school −2, below a startkwalificatie −1, startkwalificatie (mbo 2,
	 * havo, vwo) 0, higher education +1 (+2 needs the field and the work:
	 * the professional's call). */
	struct pack *lp = load("data/packs/education-levels.json");
	struct arena a = ARENA_INIT;
	struct code_list levels;
	struct err e = { 0 };
	if (code_list_ranked_from_pack(lp, &a, &levels, &e))
		fail_msg("%s", e.msg);
	const char *codes[] = { "basisonderwijs", "praktijkonderwijs", "vmbo", "mbo-1", "mbo-2",
				"mbo-4", "havo", "vwo", "hbo-bachelor", "wo-master" };
	const int opl_want[] = { -2, -2, -1, -1, 0, 0, 0, 0, 1, 1 };
	for (int k = 0; k < 10; k++) {
		cv.highest_diploma = level(&levels, codes[k]);
		assert_int_equal(suggested(s, &in, "opleiding"), opl_want[k]);
	}
	cv.highest_diploma = NULL;
	assert_int_equal(suggested(s, &in, "opleiding"), -2);
	arena_free(&a);
	pack_free(lp);

	/* zelfeffectiviteit: the T bands of the questionnaire (45/55) are the
	 * neutral band; 1.5 SD out is ±2. */
	in = nothing;
	const double t[] = { 20, 34.9, 35, 44.9, 45, 54.9, 55, 64.9, 65, 80 };
	const int c1_want[] = { -2, -2, -1, -1, 0, 0, 1, 1, 2, 2 };
	for (int k = 0; k < 10; k++) {
		in.c1_t = t[k];
		assert_int_equal(suggested(s, &in, "zelfeffectiviteit"), c1_want[k]);
	}
	derive_set_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(map_threshold_boundaries),
		cmocka_unit_test(map_none),
		cmocka_unit_test(levels_categorical),
		cmocka_unit_test(sources),
		cmocka_unit_test(map_and_levels_checks),
		cmocka_unit_test(pack_accepts_maps),
		cmocka_unit_test(schema_errors),
		cmocka_unit_test(semantic_errors),
		cmocka_unit_test(converter_reads_the_maps),
		cmocka_unit_test(converter_errors),
		cmocka_unit_test(missing_inputs_give_no_suggestion),
		cmocka_unit_test(suggestions_name_their_source),
		cmocka_unit_test(bad_inputs_are_refused),
		cmocka_unit_test(shipped_maps_follow_the_docs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
