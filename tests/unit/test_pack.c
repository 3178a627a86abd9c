/* Pack loading: syntax, envelope, each kind's schema, the semantic checks,
 * the shipped packs, directory loading and `ipm pack check`. Messages are
 * golden: they are the user interface of a pack author. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/fs.h"
#include "core/json.h"
#include "pack/pack.h"
#include "support/proc.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURES "tests/fixtures/packs/"

static json_t *fixture(const char *name)
{
	struct buf path = BUF_INIT;
	json_error_t je;
	buf_printf(&path, FIXTURES "%s", name);
	json_t *doc = json_load_file(buf_str(&path), 0, &je);
	if (!doc)
		fail_msg("%s: %s", buf_str(&path), je.text);
	buf_free(&path);
	return doc;
}

static json_t *elem(json_t *doc, const char *array, size_t i)
{
	return json_array_get(json_object_get(doc, array), i);
}

static int parse_doc(const json_t *doc, struct pack **p, struct err *e)
{
	struct buf text = BUF_INIT;
	json_to_buf(doc, &text, 1);
	int rc = pack_parse("bad.json", buf_str(&text), text.len, p, e);
	buf_free(&text);
	return rc;
}

/* Takes `doc`; the pack must be refused with exactly `want`. */
static void expect_msg(json_t *doc, const char *want)
{
	struct pack *p = (struct pack *)1;
	struct err e = { 0 };
	int rc = parse_doc(doc, &p, &e);
	json_decref(doc);
	if (rc != IPM_EINVAL || strcmp(e.msg, want) != 0)
		fail_msg("rc=%d\n got: %s\nwant: %s", rc, e.msg, want);
	assert_null(p);
}

static void expect_text(const char *text, const char *want)
{
	struct pack *p;
	struct err e = { 0 };
	int rc = pack_parse("bad.json", text, strlen(text), &p, &e);
	if (rc != IPM_EINVAL || strcmp(e.msg, want) != 0)
		fail_msg("rc=%d\n got: %s\nwant: %s", rc, e.msg, want);
}

/* --- valid packs ---------------------------------------------------------- */

static void fixtures_and_shipped_packs_load(void **state)
{
	(void)state;
	static const char *const files[] = {
		FIXTURES "questionnaire.json", FIXTURES "factors.json", FIXTURES "model.json",
		FIXTURES "templates.json",     "data/packs/career-phases.json",
		"data/packs/eva-tiles.json",   "data/packs/jobcoach-intensity.json",
	};
	static const enum pack_kind kinds[] = { PACK_QUESTIONNAIRE, PACK_FACTORS, PACK_MODEL,
						PACK_TEMPLATES,     PACK_TAXONOMY, PACK_TAXONOMY,
						PACK_TAXONOMY };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct pack *p;
		struct err e = { 0 };
		if (pack_load_file(files[i], &p, &e))
			fail_msg("%s", e.msg);
		assert_int_equal(p->kind, kinds[i]);
		assert_string_equal(p->source_name, files[i]);
		assert_int_equal(strlen(p->sha256), 64);
		pack_free(p);
	}
}

static void pack_fields_and_sha256(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	struct pack *p;
	assert_int_equal(fs_read_file("data/packs/jobcoach-intensity.json", &text, &e), IPM_OK);
	assert_int_equal(pack_parse("j.json", buf_str(&text), text.len, &p, &e), IPM_OK);
	assert_string_equal(p->id, "jobcoach-intensity");
	assert_string_equal(p->version, "1.0.0");
	assert_int_equal(p->semver.major, 1);
	assert_string_equal(p->title_nl, "Intensiteit van jobcoaching");
	assert_string_equal(pack_kind_name(p->kind), "taxonomy");
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[65];
	crypto_hash_sha256(hash, (const unsigned char *)text.data, text.len);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	assert_string_equal(p->sha256, hex);
	const json_t *first = elem(p->doc, "terms", 0);
	assert_int_equal(json_integer_value(json_object_get(first, "value")), 3);
	pack_free(p);
	buf_free(&text);
}

static void kind_names_round_trip(void **state)
{
	(void)state;
	enum pack_kind k;
	for (int i = PACK_QUESTIONNAIRE; i <= PACK_TEMPLATES; i++) {
		assert_int_equal(pack_kind_parse(pack_kind_name((enum pack_kind)i), &k), 0);
		assert_int_equal(k, i);
	}
	assert_int_equal(pack_kind_parse("norms", &k), -1);
	assert_string_equal(pack_kind_name((enum pack_kind)99), "unknown");
}

/* --- syntax and hostile input --------------------------------------------- */

static void syntax_errors_name_line_and_column(void **state)
{
	(void)state;
	expect_text("{\"pack\": \"x\",\n \"version\": 1,,\n}",
		    "bad.json:2:15: string or '}' expected near ','");
	expect_text("{\"a\": 1, \"a\": 2}", "bad.json:1:12: duplicate object key near '\"a\"'");
	expect_text("{\"a\": \"\xff\"}", "bad.json:1:7: unable to decode byte 0xff near '\"'");
	expect_text("{\"a\": 1e400}", "bad.json:1:11: real number overflow near '1e400'");
	expect_text("{\"a\": 123456789012345678901234}", "bad.json:1:30: too big integer");
	expect_text("{\"a\": NaN}", "bad.json:1:9: invalid token near 'NaN'");
	expect_text("", "bad.json:1:0: '[' or '{' expected near end of file");
}

static void nul_characters_are_refused(void **state)
{
	(void)state;
	json_t *doc = fixture("templates.json");
	json_object_set_new(doc, "pack", json_stringn("ab\0c", 4));
	expect_msg(doc, "bad.json: $.pack: contains a NUL character");
}

static void deep_nesting_is_refused(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	buf_puts(&text, "{\"x\": ");
	for (int i = 0; i < 1000; i++)
		buf_putc(&text, '[');
	for (int i = 0; i < 1000; i++)
		buf_putc(&text, ']');
	buf_putc(&text, '}');
	struct pack *p;
	struct err e = { 0 };
	assert_int_equal(pack_parse("bad.json", text.data, text.len, &p, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, ": nested deeper than 32 levels"));
	assert_true(strncmp(e.msg, "bad.json: $.x[0][0]", 19) == 0);
	buf_free(&text);
}

/* --- envelope ------------------------------------------------------------- */

static void envelope_errors(void **state)
{
	(void)state;
	expect_text("[]", "bad.json: $: expected object, got array");
	expect_text("{\"pack\": \"Bad Id\", \"version\": \"1.0\", \"kind\": \"norms\", "
		    "\"title\": {\"nl\": \"\"}, \"languages\": [\"nl\", \"fr\", \"nl\"], \"x\": 1}",
		    "bad.json: $.pack: expected a lowercase id of a-z, 0-9, '.', '_', '-' such "
		    "as ipip-neo-120\n"
		    "bad.json: $.version: expected a semantic version "
		    "MAJOR.MINOR.PATCH[-PRERELEASE] such as 1.2.0\n"
		    "bad.json: $.kind: expected one of \"questionnaire\", \"factors\", \"model\", "
		    "\"taxonomy\", \"templates\"\n"
		    "bad.json: $.title.nl: expected at least 1 character, got 0\n"
		    "bad.json: $.languages[1]: expected one of \"nl\", \"en\", \"de\"\n"
		    "bad.json: $.languages[2]: duplicate of item 0");
	expect_text("{\"version\": \"1.0.0\"}",
		    "bad.json: $: missing required property \"pack\"\n"
		    "bad.json: $: missing required property \"kind\"\n"
		    "bad.json: $: missing required property \"title\"\n"
		    "bad.json: $: missing required property \"languages\"");
	json_t *doc = fixture("templates.json");
	json_object_set_new(doc, "version", json_string("1.0.0-01"));
	expect_msg(doc, "bad.json: $.version: not a semantic version "
			"MAJOR.MINOR.PATCH[-PRERELEASE]");
	doc = fixture("templates.json");
	json_object_set_new(doc, "languages", json_pack("[s]", "en"));
	expect_msg(doc, "bad.json: $.languages: must include \"nl\": Dutch is the language "
			"every pack provides");
}

static void unknown_properties_and_translations(void **state)
{
	(void)state;
	json_t *doc = fixture("questionnaire.json");
	json_object_set_new(doc, "extra", json_true());
	json_object_set_new(elem(doc, "items", 0), "kyed", json_string("+"));
	json_object_del(json_object_get(elem(doc, "items", 2), "text"), "en");
	expect_msg(doc, "bad.json: $.items[0].kyed: unknown property\n"
			"bad.json: $.items[2].text: missing the \"en\" text ($.languages lists it)\n"
			"bad.json: $.extra: unknown property");
}

/* --- each schema keyword, through the kind schemas ------------------------ */

static void schema_keywords_in_kind_schemas(void **state)
{
	(void)state;
	json_t *doc = fixture("questionnaire.json");
	json_object_set_new(elem(doc, "items", 1), "keyed", json_string("x"));
	json_object_del(elem(doc, "items", 0), "keyed");
	json_object_set_new(elem(doc, "response_scales", 0), "min", json_integer(-101));
	json_object_set_new(elem(doc, "scales", 0), "scoring", json_integer(1));
	json_object_set_new(json_object_get(elem(doc, "scales", 1), "missing"), "min_answered",
			    json_real(1.5));
	expect_msg(doc, "bad.json: $.response_scales[0].min: expected a value >= -100, got -101\n"
			"bad.json: $.items[0]: missing required property \"keyed\"\n"
			"bad.json: $.items[1].keyed: expected one of \"+\", \"-\"\n"
			"bad.json: $.scales[0].scoring: expected one of \"sum\", \"mean\"\n"
			"bad.json: $.scales[1].missing.min_answered: expected integer, got number");

	doc = fixture("model.json");
	json_object_set_new(elem(doc, "coefficients", 0), "beta", json_integer(25));
	json_array_set_new(json_object_get(doc, "baseline_hazard"), 0, json_integer(0));
	json_array_set_new(json_object_get(doc, "baseline_hazard"), 1, json_real(1.5));
	json_object_set_new(doc, "features", json_array());
	json_object_set_new(elem(doc, "coefficients", 1), "source", json_string(""));
	expect_msg(doc, "bad.json: $.baseline_hazard[0]: expected a value > 0, got 0\n"
			"bad.json: $.baseline_hazard[1]: expected a value < 1, got 1.5\n"
			"bad.json: $.features: expected at least 1 item, got 0\n"
			"bad.json: $.coefficients[0].beta: expected a value <= 20, got 25\n"
			"bad.json: $.coefficients[1].source: expected at least 1 character, got 0");

	doc = fixture("templates.json");
	json_object_set_new(elem(doc, "templates", 0), "name", json_string("Rapport"));
	json_object_set_new(elem(doc, "templates", 1), "lang", json_string("fr"));
	expect_msg(doc, "bad.json: $.templates[0].name: does not match the pattern "
			"\"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$\"\n"
			"bad.json: $.templates[1].lang: expected one of \"nl\", \"en\", \"de\"");

	doc = fixture("factors.json");
	json_array_append_new(json_object_get(elem(doc, "factors", 0), "sol_goals"),
			      json_string("kennisvergroting"));
	json_object_set_new(elem(doc, "factors", 1), "eva_klantkenmerken", json_pack("[s]", "11"));
	expect_msg(doc, "bad.json: $.factors[0].sol_goals[1]: duplicate of item 0\n"
			"bad.json: $.factors[1].eva_klantkenmerken[0]: expected one of \"1\", \"2\", "
			"\"3\", \"4\", \"5\", \"5.1\", \"5.2\", \"5.3\", \"6\", \"7\", \"8\", \"8.1\", "
			"\"8.2\", \"9\", \"10\", \"10.1\", \"10.2\"");
}

/* --- semantic checks ------------------------------------------------------ */

static void questionnaire_semantics(void **state)
{
	(void)state;
	json_t *doc = fixture("questionnaire.json");
	json_object_set_new(elem(doc, "items", 1), "id", json_string("s1"));
	json_object_set_new(elem(doc, "items", 3), "response_scale", json_string("vijf"));
	json_object_del(elem(doc, "items", 5), "exclusion_reason");
	json_object_set_new(elem(doc, "items", 4), "exclusion_reason", json_pack("{ss}", "nl", "x"));
	json_object_set_new(elem(doc, "items", 4), "response_scale", json_string("janee"));
	json_object_set_new(json_object_get(elem(doc, "scales", 0), "missing"), "min_answered",
			    json_integer(4));
	json_array_append_new(json_object_get(elem(doc, "groups", 0), "scales"),
			      json_string("stress"));
	json_object_set_new(json_object_get(elem(doc, "items", 4), "exclusion_reason"), "en",
			    json_string("x"));
	expect_msg(doc,
		   "bad.json: $.items[1].id: duplicate \"s1\", first at $.items[0].id\n"
		   "bad.json: $.items[3].response_scale: unknown response scale \"vijf\"\n"
		   "bad.json: $.items[4].exclusion_reason: only allowed with \"default_excluded\": "
		   "true\n"
		   "bad.json: $.items[5]: missing required property \"exclusion_reason\" "
		   "(default_excluded is true)\n"
		   "bad.json: $.scales[0].items[1]: unknown item \"s2\"\n"
		   "bad.json: $.scales[0].missing.min_answered: 4 is more than the scale's 3 items\n"
		   "bad.json: $.scales[1].items[1]: item \"c2\" uses response scale \"janee\", "
		   "item \"c1\" uses \"vijf\"\n"
		   "bad.json: $.groups[0].scales[2]: unknown scale \"stress\"");
}

static void response_scale_semantics(void **state)
{
	(void)state;
	json_t *doc = fixture("questionnaire.json");
	json_t *labels = json_object_get(elem(doc, "response_scales", 0), "labels");
	json_object_set_new(json_array_get(labels, 1), "value", json_integer(1));
	json_object_set_new(json_array_get(labels, 4), "value", json_integer(7));
	json_object_set_new(elem(doc, "response_scales", 1), "max", json_integer(0));
	json_object_set_new(elem(doc, "response_scales", 1), "id", json_string("eens5"));
	expect_msg(doc, "bad.json: $.response_scales[0].labels[1].value: a second label for 1\n"
			"bad.json: $.response_scales[0].labels[4].value: 7 is outside min..max "
			"(1..5)\n"
			"bad.json: $.response_scales[1].max: must be greater than min (0)\n"
			"bad.json: $.response_scales[1].id: duplicate \"eens5\", first at "
			"$.response_scales[0].id\n"
			"bad.json: $.items[5].response_scale: unknown response scale \"janee\"");
	doc = fixture("questionnaire.json");
	json_array_remove(json_object_get(elem(doc, "response_scales", 0), "labels"), 4);
	expect_msg(doc, "bad.json: $.response_scales[0].labels: expected one label for each "
			"value from 1 to 5 (5), got 4");
}

static void factors_semantics(void **state)
{
	(void)state;
	json_t *doc = fixture("factors.json");
	json_array_remove(json_object_get(doc, "domains"), 2);
	json_object_set_new(elem(doc, "factors", 1), "rating_scale", json_string("schaal"));
	json_object_del(elem(doc, "factors", 1), "question");
	json_object_set_new(elem(doc, "factors", 3), "derived_from", json_pack("{ss}", "step", "factor"));
	json_object_set_new(elem(doc, "factors", 4), "derived_from",
			    json_pack("{ssss}", "step", "factor", "ref", "netwerk"));
	expect_msg(doc, "bad.json: $.factors[1].rating_scale: unknown rating scale \"schaal\"\n"
			"bad.json: $.factors[1]: needs \"question\", \"rating\" or both\n"
			"bad.json: $.factors[2].domain: unknown domain \"arbeidsmarkt\"\n"
			"bad.json: $.factors[3].derived_from: missing required property \"ref\" "
			"(step is \"factor\")\n"
			"bad.json: $.factors[4].derived_from: a factor cannot be derived from itself");
	doc = fixture("factors.json");
	json_object_set_new(elem(doc, "factors", 4), "derived_from",
			    json_pack("{ssss}", "step", "factor", "ref", "opleiding"));
	expect_msg(doc, "bad.json: $.factors[4].derived_from.ref: unknown factor \"opleiding\"");
}

static void forbidden_predictors_are_refused(void **state)
{
	(void)state;
	struct pack *p;
	struct err e = { 0 };
	assert_int_equal(pack_load_file(FIXTURES "invalid-model-forbidden.json", &p, &e),
			 IPM_EINVAL);
	assert_string_equal(e.msg, FIXTURES "invalid-model-forbidden.json: $.features[2].ref: "
					    "feature \"herkomst\" uses \"nationality\", a forbidden "
					    "predictor: sex, ethnicity, nationality and migration "
					    "background may only be audit_attributes");
	static const char *const words[][2] = {
		{ "client.Sex", "sex" },
		{ "geslacht", "geslacht" },
		{ "migration-background", "migration_background" },
		{ "land_geboorteland_moeder", "geboorteland" },
		{ "etniciteit", "etniciteit" },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		json_t *doc = fixture("model.json");
		json_object_set_new(elem(doc, "features", 2), "id", json_string(words[i][0]));
		json_object_set_new(elem(doc, "coefficients", 2), "feature", json_string(words[i][0]));
		struct buf want = BUF_INIT;
		buf_printf(&want, "bad.json: $.features[2].id: feature \"%s\" uses \"%s\", a forbidden "
				  "predictor: sex, ethnicity, nationality and migration background "
				  "may only be audit_attributes", words[i][0], words[i][1]);
		expect_msg(doc, buf_str(&want));
		buf_free(&want);
	}
	/* Whole words only: "sextant" and "sussex" are no sex. */
	json_t *doc = fixture("model.json");
	json_object_set_new(elem(doc, "features", 2), "ref", json_string("sussex_sextant"));
	assert_int_equal(parse_doc(doc, &p, &e), IPM_OK);
	pack_free(p);
	json_decref(doc);
}

static void model_semantics(void **state)
{
	(void)state;
	json_t *doc = fixture("model.json");
	json_object_set_new(elem(doc, "coefficients", 1), "feature", json_string("taal"));
	json_object_set_new(elem(doc, "coefficients", 2), "feature", json_string("leeftijd"));
	json_object_set_new(doc, "calibrated", json_true());
	expect_msg(doc, "bad.json: $.coefficients[1].feature: duplicate \"taal\", first at "
			"$.coefficients[0].feature\n"
			"bad.json: $.features[1]: feature \"gezondheid\" has no coefficient\n"
			"bad.json: $.features[2]: feature \"duur\" has no coefficient\n"
			"bad.json: $.coefficients[2].feature: unknown feature \"leeftijd\"\n"
			"bad.json: $: missing required property \"fitted_on\" (calibrated is true)");
}

static void taxonomy_semantics(void **state)
{
	(void)state;
	struct pack *p;
	struct err e = { 0 };
	assert_int_equal(pack_load_file("data/packs/career-phases.json", &p, &e), IPM_OK);
	json_t *doc = json_deep_copy(p->doc);
	pack_free(p);
	json_object_set_new(json_object_get(elem(doc, "terms", 1), "range"), "from", json_integer(16));
	json_object_set_new(json_object_get(elem(doc, "terms", 2), "range"), "to", json_integer(20));
	json_object_del(json_object_get(elem(doc, "terms", 3), "range"), "to");
	json_object_set_new(elem(doc, "terms", 3), "children",
			    json_pack("[{ss s{ssssss}}]", "code", "groei", "label", "nl", "Groei",
				      "en", "Growth", "de", "Wachstum"));
	expect_msg(doc, "bad.json: $.terms[1].range.from: expected 15 (right after the previous "
			"range), got 16\n"
			"bad.json: $.terms[2].range.to: 20 is below from (25)\n"
			"bad.json: $.terms[3].range.from: expected 21 (right after the previous "
			"range), got 45\n"
			"bad.json: $.terms[3].children[0].code: duplicate \"groei\", first at "
			"$.terms[0].code\n"
			"bad.json: $.terms[4].range.from: follows an open-ended range");
	assert_int_equal(pack_load_file("data/packs/eva-tiles.json", &p, &e), IPM_OK);
	doc = json_deep_copy(p->doc);
	pack_free(p);
	json_object_set_new(elem(doc, "terms", 2), "range", json_pack("{si}", "from", 1));
	expect_msg(doc, "bad.json: $.terms[2]: has a \"range\", its first sibling has none");
}

static void templates_semantics(void **state)
{
	(void)state;
	json_t *doc = fixture("templates.json");
	json_object_set_new(elem(doc, "templates", 1), "lang", json_string("nl"));
	json_array_append_new(json_object_get(doc, "templates"),
			      json_pack("{ssssss}", "name", "x", "lang", "de", "text", ""));
	expect_msg(doc, "bad.json: $.templates[1].name: duplicate \"rapport/loopbaanfase (nl)\", "
			"first at $.templates[0].name\n"
			"bad.json: $.templates[2].lang: \"de\" is not in $.languages");
}

/* --- error list ----------------------------------------------------------- */

static void many_errors_are_truncated(void **state)
{
	(void)state;
	json_t *doc = fixture("templates.json");
	json_t *list = json_object_get(doc, "templates");
	for (int i = 0; i < 40; i++)
		json_array_append_new(list, json_pack("{sssiss}", "name", "a", "lang", 1, "text", ""));
	struct pack *p;
	struct err e = { 0 };
	assert_int_equal(parse_doc(doc, &p, &e), IPM_EINVAL);
	json_decref(doc);
	assert_true(strlen(e.msg) < ERR_MSG_MAX);
	size_t lines = 0;
	for (const char *s = e.msg; (s = strchr(s, '\n')) != NULL; s++)
		lines++;
	const char *tail = strrchr(e.msg, '\n') + 1;
	size_t more = 0;
	assert_int_equal(sscanf(tail, "... and %zu more", &more), 1);
	assert_int_equal(lines + more, 40);
	assert_true(lines >= 10);
	assert_true(strncmp(e.msg, "bad.json: $.templates[2].lang: expected one of", 46) == 0);
}

/* --- directories ---------------------------------------------------------- */

/* Every shipped pack loads, in file-name order, and the ones the route
 * depends on are there; adding a pack must not need this test changed. */
static void shipped_directory_loads_sorted(void **state)
{
	(void)state;
	struct pack **packs;
	size_t n;
	struct err e = { 0 };
	if (pack_load_dir("data/packs", &packs, &n, &e))
		fail_msg("%s", e.msg);
	assert_true(n >= 3);
	static const char *const required[] = { "career-phases", "eva-tiles", "jobcoach-intensity" };
	for (size_t r = 0; r < sizeof required / sizeof required[0]; r++) {
		size_t found = 0;
		for (size_t i = 0; i < n; i++)
			found += strcmp(packs[i]->id, required[r]) == 0;
		assert_int_equal(found, 1);
	}
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(packs[i - 1]->source_name, packs[i]->source_name) < 0);
	pack_free_all(packs, n);
	assert_int_equal(pack_load_dir("no/such/dir", &packs, &n, &e), IPM_EIO);
}

static void copy_file(const char *from, const char *to)
{
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(fs_read_file(from, &text, &e), IPM_OK);
	assert_int_equal(fs_write_atomic(to, text.data, text.len, &e), IPM_OK);
	buf_free(&text);
}

static void directory_refuses_duplicate_ids_and_bad_packs(void **state)
{
	(void)state;
	char dir[] = "/tmp/ipm-test-pack-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct buf a = BUF_INIT, b = BUF_INIT, c = BUF_INIT;
	buf_printf(&a, "%s/a.json", dir);
	buf_printf(&b, "%s/b.json", dir);
	buf_printf(&c, "%s/c.json", dir);
	copy_file(FIXTURES "templates.json", a.data);
	copy_file(FIXTURES "templates.json", b.data);
	struct pack **packs;
	size_t n;
	struct err e = { 0 };
	assert_int_equal(pack_load_dir(dir, &packs, &n, &e), IPM_EINVAL);
	struct buf want = BUF_INIT;
	buf_printf(&want, "%s: $.pack: pack \"test-sjablonen\" is already loaded from %s", b.data,
		   a.data);
	assert_string_equal(e.msg, want.data);
	unlink(b.data);
	copy_file(FIXTURES "invalid-syntax.json", c.data);
	assert_int_equal(pack_load_dir(dir, &packs, &n, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "c.json:3:7: "));
	unlink(a.data);
	unlink(c.data);
	rmdir(dir);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&want);
}

/* --- ipm pack check ------------------------------------------------------- */

/* Exit status of `ipm ARGS...`; stdout and stderr kept for the caller. */
static int run_ipm(struct buf *out, struct buf *errout, const char *const args[])
{
	buf_reset(out);
	buf_reset(errout);
	return test_run_ipm(out, errout, args);
}

static void cli_exit_codes_and_output(void **state)
{
	(void)state;
	if (access(test_ipm_bin(), X_OK) != 0)
		skip();
	struct buf out = BUF_INIT, errout = BUF_INIT;
	const char *const good[] = { "pack", "check", FIXTURES "model.json",
				     "data/packs/eva-tiles.json", NULL };
	assert_int_equal(run_ipm(&out, &errout, good), 0);
	const char *ok_line = FIXTURES "model.json: ok (model test-model 0.1.0, sha256 ";
	assert_true(strncmp(buf_str(&out), ok_line, strlen(ok_line)) == 0);
	assert_non_null(strstr(buf_str(&out), "\ndata/packs/eva-tiles.json: ok (taxonomy eva-tiles "
						"1.0.0, sha256 "));
	assert_string_equal(buf_str(&errout), "");
	const char *const mixed[] = { "pack", "check", FIXTURES "model.json",
				      FIXTURES "invalid-model-forbidden.json", NULL };
	assert_int_equal(run_ipm(&out, &errout, mixed), 2);
	assert_non_null(strstr(buf_str(&errout), FIXTURES "invalid-model-forbidden.json: "
							"$.features[2].ref: feature \"herkomst\""));
	const char *const syntax[] = { "pack", "check", FIXTURES "invalid-syntax.json", NULL };
	assert_int_equal(run_ipm(&out, &errout, syntax), 2);
	assert_string_equal(buf_str(&errout),
			    FIXTURES "invalid-syntax.json:3:7: '}' expected near '\"kind\"'\n");
	const char *const missing[] = { "pack", "check", "no/such/file.json", NULL };
	assert_int_equal(run_ipm(&out, &errout, missing), 2);
	assert_string_equal(buf_str(&errout), "no/such/file.json: No such file or directory\n");
	const char *const none[] = { "pack", "check", NULL };
	assert_int_equal(run_ipm(&out, &errout, none), 2);
	const char *const unknown[] = { "pack", "frobnicate", NULL };
	assert_int_equal(run_ipm(&out, &errout, unknown), 2);
	const char *const bad_opt[] = { "pack", "check", "--frob", NULL };
	assert_int_equal(run_ipm(&out, &errout, bad_opt), 2);
	const char *const help[] = { "pack", "check", "--help", NULL };
	assert_int_equal(run_ipm(&out, &errout, help), 0);
	assert_true(strncmp(buf_str(&out), "usage: ipm pack check FILE...", 29) == 0);
	const char *const help2[] = { "pack", "--help", NULL };
	assert_int_equal(run_ipm(&out, &errout, help2), 0);
	buf_free(&out);
	buf_free(&errout);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixtures_and_shipped_packs_load),
		cmocka_unit_test(pack_fields_and_sha256),
		cmocka_unit_test(kind_names_round_trip),
		cmocka_unit_test(syntax_errors_name_line_and_column),
		cmocka_unit_test(nul_characters_are_refused),
		cmocka_unit_test(deep_nesting_is_refused),
		cmocka_unit_test(envelope_errors),
		cmocka_unit_test(unknown_properties_and_translations),
		cmocka_unit_test(schema_keywords_in_kind_schemas),
		cmocka_unit_test(questionnaire_semantics),
		cmocka_unit_test(response_scale_semantics),
		cmocka_unit_test(factors_semantics),
		cmocka_unit_test(forbidden_predictors_are_refused),
		cmocka_unit_test(model_semantics),
		cmocka_unit_test(taxonomy_semantics),
		cmocka_unit_test(templates_semantics),
		cmocka_unit_test(many_errors_are_truncated),
		cmocka_unit_test(shipped_directory_loads_sorted),
		cmocka_unit_test(directory_refuses_duplicate_ids_and_bad_packs),
		cmocka_unit_test(cli_exit_codes_and_output),
	};
	return cmocka_run_group_tests_name("pack", tests, NULL, NULL);
}
