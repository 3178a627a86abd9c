/* Questionnaire packs v2: the schema and semantic rules of
 * docs/contracts/questionnaire-pack-v2.md with their exact messages, and
 * the conversion of a valid pack into the engine's struct questionnaire. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/json.h"
#include "pack/pack.h"
#include "pack/questionnaire_build.h"
#include "support/json_fixture.h"

#include <math.h>
#include <string.h>

#define SCORE_PACK "tests/fixtures/packs/engine-score.json"
#define RIASEC_PACK "tests/fixtures/packs/engine-riasec.json"


static json_t *elem(json_t *doc, const char *array, size_t i)
{
	return json_array_get(json_object_get(doc, array), i);
}

static json_t *at(json_t *o, const char *a, const char *b)
{
	return json_object_get(json_object_get(o, a), b);
}

static void shipped_and_fixture_packs_build(void **state)
{
	(void)state;
	static const char *const files[] = {
		SCORE_PACK, RIASEC_PACK, "tests/fixtures/packs/questionnaire.json",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		struct pack *p = NULL;
		struct questionnaire *q = NULL;
		struct err e = { 0 };
		if (pack_load_file(files[i], &p, &e) || questionnaire_build(p, NULL, &q, &e))
			fail_msg("%s: %s", files[i], e.msg);
		questionnaire_free(q);
		pack_free(p);
	}
	/* Every shipped questionnaire must convert too. */
	struct pack **packs = NULL;
	size_t n = 0;
	struct err e = { 0 };
	if (pack_load_dir("data/packs", &packs, &n, &e))
		fail_msg("%s", e.msg);
	for (size_t i = 0; i < n; i++) {
		struct questionnaire *q = NULL;
		if (packs[i]->kind != PACK_QUESTIONNAIRE)
			continue;
		if (questionnaire_build(packs[i], NULL, &q, &e))
			fail_msg("%s: %s", packs[i]->source_name, e.msg);
		questionnaire_free(q);
	}
	pack_free_all(packs, n);
}

static void build_converts_every_part(void **state)
{
	(void)state;
	struct pack *p = NULL;
	struct questionnaire *q = NULL;
	struct err e = { 0 };
	assert_int_equal(pack_load_file(SCORE_PACK, &p, &e), IPM_OK);
	assert_int_equal(questionnaire_build(p, NULL, &q, &e), IPM_OK);
	assert_string_equal(q->pack_id, "engine-score");
	assert_string_equal(q->version, "1.0.0");
	assert_string_equal(q->sha256, p->sha256);
	assert_string_equal(q_text_get(&q->marking, Q_EN), "own questionnaire, not normed");
	assert_string_equal(q_text_get(&q->title, Q_DE), "Scoringstest"); /* falls back to nl */
	assert_int_equal(q->n_items, 11);
	const struct q_item *a2 = &q->items[1], *b3 = &q->items[6], *p1 = &q->items[9];
	assert_string_equal(a2->id, "a2");
	assert_true(a2->reversed && a2->min == 1 && a2->max == 5);
	assert_true(a2->key_add == 6 && a2->key_mul == -1);
	assert_true(b3->excluded && b3->default_excluded);
	assert_string_equal(b3->exclusion_reason.t[Q_NL], "Bijzonder persoonsgegeven");
	assert_true(p1->points && p1->block == 0 && p1->max == 100);
	assert_int_equal(q->n_blocks, 1);
	assert_int_equal(q->blocks[0].total, 100);
	assert_int_equal(q->n_scales, 9);
	const struct q_scale *A = &q->scales[0], *B = &q->scales[1], *mps = &q->scales[8];
	assert_true(A->kind == Q_SCALE_ITEMS && A->scoring == Q_SCORING_SUM && A->prorate);
	assert_int_equal(A->min_answered, 3);
	assert_true(A->has_bands);
	assert_string_equal(A->bands[Q_BAND_HOOG].t[Q_EN], "high text");
	assert_true(B->scoring == Q_SCORING_MEAN && B->n_items == 3 && B->n_asked == 2);
	assert_true(mps->kind == Q_SCALE_DERIVED && mps->combine == Q_COMBINE_MPS);
	assert_int_equal(mps->n_of, 5);
	assert_int_equal(mps->of[3], 3);
	assert_int_equal(q->n_groups, 1);
	assert_int_equal(q->norms.n_groups, 3);
	assert_true(q->norms.low_below == 45 && q->norms.high_above == 55);
	assert_true(q->norms.groups[0].sex == 'm' && q->norms.groups[2].sex == 0);
	assert_true(q->norms.groups[1].mean[0] == 10 && q->norms.groups[1].sd[0] == 4);
	assert_true(isnan(q->norms.groups[2].mean[1]));
	assert_int_equal(q->norms.n_norms, 4); /* 3 groups + 1 mixture (m18 × v18) */
	assert_int_equal(q->top.n_scales, 3);
	assert_false(q->has_holland);
	questionnaire_free(q);

	struct questionnaire_opts all = { .include_excluded = true };
	assert_int_equal(questionnaire_build(p, &all, &q, &e), IPM_OK);
	assert_false(q->items[6].excluded);
	assert_true(q->items[6].default_excluded);
	assert_int_equal(q->scales[1].n_asked, 3);
	questionnaire_free(q);
	pack_free(p);

	assert_int_equal(pack_load_file(RIASEC_PACK, &p, &e), IPM_OK);
	assert_int_equal(questionnaire_build(p, NULL, &q, &e), IPM_OK);
	assert_true(q->has_holland && q->holland[5] == 5);
	assert_int_equal(q->profiles.n_entries, 5);
	assert_string_equal(q->profiles.entries[0].holland, "SEA");
	assert_string_equal(q->profiles.entries[4].holland, "");
	assert_true(q->profiles.entries[1].values[0] == 5);
	questionnaire_free(q);
	pack_free(p);

	assert_int_equal(pack_load_file("tests/fixtures/packs/factors.json", &p, &e), IPM_OK);
	assert_int_equal(questionnaire_build(p, NULL, &q, &e), IPM_EINVAL);
	assert_null(q);
	assert_string_equal(e.msg, "pack \"test-factoren\" is a factors pack, not a questionnaire");
	pack_free(p);
}

static void response_scale_kinds(void **state)
{
	(void)state;
	json_t *doc = test_json_file(SCORE_PACK);
	json_t *pts = elem(doc, "response_scales", 1);
	json_object_set_new(pts, "min", json_integer(1));
	json_object_set(pts, "labels", json_object_get(elem(doc, "response_scales", 0), "labels"));
	json_object_del(elem(doc, "response_scales", 0), "labels");
	json_object_set_new(elem(doc, "response_scales", 0), "kind", json_string("rating"));
	test_pack_refused(doc, "bad.json: $.response_scales[0]: missing required property \"labels\" "
			"(kind \"rating\")\n"
			"bad.json: $.response_scales[1].min: a \"points\" scale starts at 0\n"
			"bad.json: $.response_scales[1].labels: only allowed with kind \"rating\"");
	doc = test_json_file(SCORE_PACK);
	json_object_set_new(elem(doc, "response_scales", 1), "kind", json_string("share"));
	test_pack_refused(doc, "bad.json: $.response_scales[1].kind: expected one of \"rating\", \"points\"");
}

static void blocks(void **state)
{
	(void)state;
	json_t *doc = test_json_file(SCORE_PACK);
	json_t *blk = elem(doc, "blocks", 0);
	json_array_append_new(json_object_get(blk, "items"), json_string("a1"));
	json_array_append_new(json_object_get(blk, "items"), json_string("zz"));
	json_array_append_new(json_object_get(doc, "blocks"),
			      json_pack("{ss s{ssss} s[ss] si}", "id", "blk2", "label", "nl", "x", "en", "x",
					"items", "p2", "p1", "total", 100));
	test_pack_refused(doc, "bad.json: $.blocks[0].items[2]: item \"a1\" uses response scale \"e5\", "
			"which is not of kind \"points\"\n"
			"bad.json: $.blocks[0].items[3]: unknown item \"zz\"\n"
			"bad.json: $.blocks[1].items[0]: item \"p2\" is already in block \"blk\"\n"
			"bad.json: $.blocks[1].items[1]: item \"p1\" is already in block \"blk\"");
	doc = test_json_file(SCORE_PACK);
	json_object_set_new(elem(doc, "blocks", 0), "total", json_integer(50));
	test_pack_refused(doc, "bad.json: $.blocks[0].items[0]: item \"p1\" can take 100 points "
			"(response scale \"pts\"), the block total is 50\n"
			"bad.json: $.blocks[0].items[1]: item \"p2\" can take 100 points "
			"(response scale \"pts\"), the block total is 50");
	doc = test_json_file(SCORE_PACK);
	json_array_remove(json_object_get(elem(doc, "blocks", 0), "items"), 1);
	test_pack_refused(doc, "bad.json: $.blocks[0].items: expected at least 2 items, got 1");
}

static void scale_shapes(void **state)
{
	(void)state;
	json_t *doc = test_json_file(SCORE_PACK);
	json_t *A = elem(doc, "scales", 0), *S = elem(doc, "scales", 5);
	json_object_set_new(A, "of", json_pack("[s]", "B"));
	json_object_del(elem(doc, "scales", 1), "scoring");
	json_object_set_new(elem(doc, "scales", 2), "combine", json_string("sum"));
	json_object_set_new(S, "scoring", json_string("sum"));
	json_object_del(elem(doc, "scales", 6), "combine");
	json_object_del(elem(doc, "scales", 6), "of");
	test_pack_refused(doc, "bad.json: $.scales[0]: expected either \"items\" (item scale) or \"of\" "
			"(derived scale)\n"
			"bad.json: $.scales[1]: missing required property \"scoring\" (item scale)\n"
			"bad.json: $.scales[2].combine: only allowed with \"of\"\n"
			"bad.json: $.scales[5].scoring: only allowed with \"items\"\n"
			"bad.json: $.scales[6]: expected either \"items\" (item scale) or \"of\" "
			"(derived scale)");
}

static void derived_parts(void **state)
{
	(void)state;
	json_t *doc = test_json_file(SCORE_PACK);
	json_array_append_new(json_object_get(elem(doc, "scales", 5), "of"), json_string("MPS"));
	json_array_append_new(json_object_get(elem(doc, "scales", 6), "of"), json_string("M"));
	json_array_append_new(json_object_get(elem(doc, "scales", 6), "of"), json_string("nope"));
	json_array_append_new(json_object_get(elem(doc, "scales", 7), "of"), json_string("B"));
	json_array_remove(json_object_get(elem(doc, "scales", 8), "of"), 4);
	json_object_del(elem(doc, "scales", 5), "combine");
	test_pack_refused(doc, "bad.json: $.scales[5]: missing required property \"combine\" (derived scale)\n"
			"bad.json: $.scales[5].of[2]: scale \"MPS\" is not defined before this one\n"
			"bad.json: $.scales[6].of[2]: scale \"M\" is not defined before this one\n"
			"bad.json: $.scales[6].of[3]: unknown scale \"nope\"\n"
			"bad.json: $.scales[7].of: \"difference\" needs exactly 2 scales (a, b for "
			"a - b), got 3\n"
			"bad.json: $.scales[8].of: \"mps\" needs exactly 5 scales (SV, TI, TS, A, F), "
			"got 4");
}

static void excluded_items_and_missing_rules(void **state)
{
	(void)state;
	json_t *doc = test_json_file(SCORE_PACK);
	json_t *B = elem(doc, "scales", 1);
	json_object_set_new(json_object_get(B, "missing"), "min_answered", json_integer(3));
	test_pack_refused(doc, "bad.json: $.scales[1].missing.min_answered: 3 is more than the scale's 2 "
			"asked items (default_excluded items are not asked)");
	doc = test_json_file(SCORE_PACK);
	json_object_set_new(json_object_get(elem(doc, "scales", 1), "missing"), "method",
			    json_string("none"));
	test_pack_refused(doc, "bad.json: $.scales[1].missing.method: \"none\" gives no score while items "
			"are excluded by default; use \"prorate\"");
	doc = test_json_file(SCORE_PACK);
	json_object_set_new(elem(doc, "items", 10), "response_scale", json_string("e5"));
	json_object_set_new(elem(doc, "items", 7), "response_scale", json_string("pts"));
	test_pack_refused(doc, "bad.json: $.scales[2].items[1]: item \"c2\" uses response scale \"e5\", "
			"item \"c1\" uses \"pts\"\n"
			"bad.json: $.blocks[0].items[1]: item \"p2\" uses response scale \"e5\", "
			"which is not of kind \"points\"\n"
			"bad.json: $.items[7].response_scale: an item with a \"points\" scale must "
			"be in a block");
}

static void bands_texts(void **state)
{
	(void)state;
	json_t *doc = test_json_file(SCORE_PACK);
	json_object_del(json_object_get(elem(doc, "scales", 0), "bands"), "hoog");
	json_object_set_new(json_object_get(elem(doc, "scales", 0), "bands"), "zeer hoog",
			    json_pack("{ss}", "nl", "x"));
	test_pack_refused(doc, "bad.json: $.scales[0].bands: missing required property \"hoog\"\n"
			"bad.json: $.scales[0].bands[\"zeer hoog\"]: unknown property");
}

static void norms(void **state)
{
	(void)state;
	json_t *doc = test_json_file(SCORE_PACK);
	json_t *groups = at(doc, "norms", "groups");
	json_t *m = json_array_get(groups, 0), *v = json_array_get(groups, 1);
	json_object_set_new(json_object_get(m, "values"), "X", json_pack("[ff]", 1.0, 1.0));
	json_object_set_new(json_object_get(m, "values"), "B", json_pack("[ff]", 3.0, 0.0));
	json_object_set_new(json_object_get(v, "values"), "A", json_pack("[fi]", 3.0, -1));
	json_array_append_new(groups, json_pack("{ss s{ssss} ss si si s{}}", "id", "m30", "label",
						"nl", "x", "en", "x", "sex", "m", "age_min", 30, "age_max",
						50, "values"));
	json_array_append_new(groups, json_pack("{ss s{ssss} sn si si s{}}", "id", "all60", "label",
						"nl", "x", "en", "x", "sex", "age_min", 60, "age_max", 70,
						"values"));
	json_array_append_new(groups, json_pack("{ss s{ssss} ss si si s{}}", "id", "v", "label",
						"nl", "x", "en", "x", "sex", "v", "age_min", 50, "age_max",
						45, "values"));
	json_object_set_new(at(doc, "norms", "bands"), "high_above", json_integer(40));
	test_pack_refused(doc,
		   "bad.json: $.norms.bands.high_above: must be at least low_below\n"
		   "bad.json: $.norms.groups[0].values.B[1]: sd must be > 0\n"
		   "bad.json: $.norms.groups[0].values.X: unknown scale \"X\"\n"
		   "bad.json: $.norms.groups[1].values.A[1]: sd must be > 0\n"
		   "bad.json: $.norms.groups[3].age_min: ages 30-50 overlap group \"m18\" (18-40) "
		   "of the same sex\n"
		   "bad.json: $.norms.groups[4].age_min: ages 60-70 overlap group \"all41\" (41-65) "
		   "of the same sex\n"
		   "bad.json: $.norms.groups[5].age_max: 45 is less than age_min (50)");
	doc = test_json_file(SCORE_PACK);
	json_object_set_new(json_array_get(at(doc, "norms", "groups"), 0), "sex", json_string("x"));
	json_object_set_new(json_object_get(json_array_get(at(doc, "norms", "groups"), 1), "values"),
			    "A", json_pack("[f]", 3.0));
	test_pack_refused(doc, "bad.json: $.norms.groups[0].sex: expected one of \"m\", \"v\", null\n"
			"bad.json: $.norms.groups[1].values.A: expected at least 2 items, got 1");
	doc = test_json_file(SCORE_PACK);
	json_object_set_new(doc, "norms", json_string("johnson"));
	test_pack_refused(doc, "bad.json: $.norms: expected object, got string");
}

static void readouts(void **state)
{
	(void)state;
	json_t *doc = test_json_file(RIASEC_PACK);
	json_array_remove(at(doc, "holland", "scales"), 5);
	json_object_set_new(json_array_get(at(doc, "profiles", "entries"), 2), "holland",
			    json_string("CEX"));
	test_pack_refused(doc, "bad.json: $.holland.scales: expected at least 6 items, got 5\n"
			"bad.json: $.profiles.entries[2].holland: expected three letters of RIASEC "
			"such as SEC");
	doc = test_json_file(RIASEC_PACK);
	json_array_append_new(at(doc, "top", "scales"), json_string("Z"));
	json_array_set_new(at(doc, "holland", "scales"), 5, json_string("Y"));
	json_array_set_new(at(doc, "profiles", "scales"), 0, json_string("Q"));
	json_t *entries = at(doc, "profiles", "entries");
	json_array_remove(json_object_get(json_array_get(entries, 0), "values"), 0);
	json_object_set_new(json_array_get(entries, 1), "holland", json_string("RRC"));
	json_object_set_new(json_array_get(entries, 3), "id", json_string("zorg"));
	test_pack_refused(doc,
		   "bad.json: $.top.scales[6]: unknown scale \"Z\"\n"
		   "bad.json: $.holland.scales[5]: unknown scale \"Y\"\n"
		   "bad.json: $.profiles.scales[0]: unknown scale \"Q\"\n"
		   "bad.json: $.profiles.entries[3].id: duplicate \"zorg\", first at "
		   "$.profiles.entries[0].id\n"
		   "bad.json: $.profiles.entries[0].values: expected 6 values (one per profile "
		   "scale), got 5\n"
		   "bad.json: $.profiles.entries[1].holland: the three letters must differ");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(shipped_and_fixture_packs_build),
		cmocka_unit_test(build_converts_every_part),
		cmocka_unit_test(response_scale_kinds),
		cmocka_unit_test(blocks),
		cmocka_unit_test(scale_shapes),
		cmocka_unit_test(derived_parts),
		cmocka_unit_test(excluded_items_and_missing_rules),
		cmocka_unit_test(bands_texts),
		cmocka_unit_test(norms),
		cmocka_unit_test(readouts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
