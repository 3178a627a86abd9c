/* `ipm score` as a user runs it: the fixture pack tests/fixtures/packs/
 * score-test.json in a data directory of its own, the answers files in
 * tests/fixtures/answers/, and the Big Five pack of data/packs. Expected
 * values are computed by hand from the fixture's norm table (see the
 * comments); they are compared to 1e-9, because the engine may take another
 * but equally exact order of operations than the hand computation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "pack/pack.h"
#include "pack/questionnaire_build.h"
#include "support/proc.h"
#include "support/questionnaire_fixture.h"

#include <jansson.h>
#include <math.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#define ANSWERS "tests/fixtures/answers/"
#define BIG_FIVE "data/packs/ipip-neo-120.json"

struct fixture {
	char *dir;       /* data directory: packs/score-test.json */
	struct buf data; /* = dir */
};

static void write_file(const char *path, const char *text)
{
	struct err e;
	assert_int_equal(fs_write_atomic(path, text, strlen(text), &e), IPM_OK);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct buf pack = BUF_INIT, path = BUF_INIT;
	struct err e;
	f->dir = test_tmpdir();
	buf_puts(&f->data, f->dir);
	buf_printf(&path, "%s/packs", f->dir);
	assert_int_equal(mkdir(path.data, 0700), 0);
	buf_puts(&path, "/score-test.json");
	assert_int_equal(fs_read_file("tests/fixtures/packs/score-test.json", &pack, &e), IPM_OK);
	write_file(path.data, pack.data);
	buf_free(&pack);
	buf_free(&path);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	test_rmdir_all(f->dir);
	free(f->dir);
	buf_free(&f->data);
	free(f);
	return 0;
}

/* Runs `ipm score --data DIR ARGS...`; returns the exit status. */
static int score(const struct fixture *f, struct buf *out, struct buf *err, const char *a1,
		 const char *a2, const char *a3, const char *a4, const char *a5, const char *a6)
{
	const char *args[] = { "score", "--data", f->data.data, a1, a2, a3, a4, a5, a6, NULL };
	return test_run_ipm(out, err, args);
}

static json_t *parse(const struct buf *out)
{
	json_error_t je;
	json_t *doc = json_loadb(out->data, out->len, 0, &je);
	if (!doc)
		fail_msg("not JSON: %s\n%s", je.text, buf_str(out));
	return doc;
}

static json_t *scale(json_t *respondent, const char *id)
{
	json_t *scales = json_object_get(respondent, "scales");
	for (size_t i = 0; i < json_array_size(scales); i++) {
		json_t *s = json_array_get(scales, i);
		if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0)
			return s;
	}
	fail_msg("no scale %s", id);
	return NULL;
}

static void assert_num(json_t *obj, const char *key, double want)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_number(v))
		fail_msg("%s is not a number", key);
	if (fabs(json_number_value(v) - want) > 1e-9)
		fail_msg("%s = %.17g, expected %.17g", key, json_number_value(v), want);
}

static void assert_null_key(json_t *obj, const char *key)
{
	assert_true(json_is_null(json_object_get(obj, key)));
}

static void assert_str(json_t *obj, const char *key, const char *want)
{
	const char *v = json_string_value(json_object_get(obj, key));
	if (!v)
		fail_msg("%s is not a string", key);
	assert_string_equal(v, want);
}

/* The flags as one comma-separated text, e.g. "prorated,items_excluded". */
static void assert_flags(json_t *s, const char *want)
{
	struct buf got = BUF_INIT;
	json_t *flags = json_object_get(s, "flags");
	for (size_t i = 0; i < json_array_size(flags); i++)
		buf_printf(&got, "%s%s", i ? "," : "", json_string_value(json_array_get(flags, i)));
	assert_string_equal(buf_str(&got), want);
	buf_free(&got);
}

/* good.csv: BOM, CRLF, a quoted id; male, unknown sex, no age, age 100. */
static void json_golden_values(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT;
	assert_int_equal(score(f, &out, &err, "--pack", "score-test", "--answers", ANSWERS "good.csv",
			       NULL, NULL),
			 0);
	assert_string_equal(buf_str(&err), "");
	json_t *doc = parse(&out);
	assert_int_equal(json_array_size(doc), 4);

	/* r1, man 30: norm m (A 9±2, B 3±1). A = 4 + 5 + (6 − 2) = 13,
	 * T = 50 + 10·(13 − 9)/2 = 70, percentile 100·Φ(2). B = mean(3, 4) =
	 * 3.5 (x1 excluded: flagged), T = 55 exactly, which is not above 55. */
	json_t *r1 = json_array_get(doc, 0);
	assert_str(r1, "respondent", "r1");
	assert_str(json_object_get(r1, "pack"), "id", "score-test");
	assert_str(json_object_get(r1, "pack"), "version", "1.2.0");
	assert_str(r1, "marking", "eigen vragenlijst, testnormen");
	assert_str(json_object_get(r1, "norm"), "description", "man, 18\u201399 jaar");
	assert_true(json_is_false(json_object_get(json_object_get(r1, "norm"), "mixture")));
	json_t *a = scale(r1, "A");
	assert_str(a, "label", "Planmatig");
	assert_num(a, "raw", 13);
	assert_num(a, "t", 70);
	assert_num(a, "percentile", 97.72498680518208);
	assert_str(a, "band", "hoog");
	assert_str(a, "band_text", "Zeer planmatig.");
	assert_flags(a, "");
	json_t *b = scale(r1, "B");
	assert_num(b, "raw", 3.5);
	assert_num(b, "t", 55);
	assert_num(b, "percentile", 69.14624612740131);
	assert_str(b, "band", "gemiddeld");
	assert_flags(b, "prorated,items_excluded");
	json_t *ab = scale(r1, "AB"); /* derived: A − B, not normed */
	assert_num(ab, "raw", 9.5);
	assert_null_key(ab, "t");
	assert_null_key(ab, "percentile");
	assert_null_key(ab, "band");
	json_t *top = json_object_get(json_object_get(r1, "top"), "scales");
	assert_int_equal(json_array_size(top), 1);
	assert_string_equal(json_string_value(json_array_get(top, 0)), "P1");

	/* r2, sex unknown, 40: the 50/50 mixture, A 9.5 ± √6.75 and B 3.25 ±
	 * √0.6875. A = (3 + 3) · 3/2 = 9 prorated: T = 50 − 5/√6.75 =
	 * 48.07549910270125; B = 2: T = 50 − 12.5/√0.6875 = 34.92443277111182. */
	json_t *r2 = json_array_get(doc, 1);
	assert_str(json_object_get(r2, "norm"), "description",
		   "gemengd man/vrouw (geslacht onbekend), 18\u201399 jaar");
	assert_true(json_is_true(json_object_get(json_object_get(r2, "norm"), "mixture")));
	a = scale(r2, "A");
	assert_num(a, "raw", 9);
	assert_num(a, "t", 48.07549910270125);
	assert_num(a, "percentile", 42.36948298433573);
	assert_str(a, "band", "gemiddeld");
	assert_flags(a, "prorated");
	b = scale(r2, "B");
	assert_num(b, "t", 34.92443277111182);
	assert_num(b, "percentile", 6.5834008011407095);
	assert_str(b, "band", "laag");
	top = json_object_get(json_object_get(r2, "top"), "scales");
	assert_int_equal(json_array_size(top), 2); /* P1 = P2 = 4: a tie is shown */

	/* r3, no age: raw scores only; A has no answers: no score. */
	json_t *r3 = json_array_get(doc, 2);
	assert_null_key(r3, "norm");
	assert_str(r3, "norm_missing", "no_age");
	assert_null_key(scale(r3, "A"), "raw");
	assert_flags(scale(r3, "A"), "no_score");
	assert_num(scale(r3, "B"), "raw", 5);
	assert_null_key(scale(r3, "AB"), "raw");

	/* r4, age 100: no norm group covers it. */
	json_t *r4 = json_array_get(doc, 3);
	assert_str(r4, "respondent", "r,4 \"x\"");
	assert_str(r4, "norm_missing", "no_group");
	assert_num(scale(r4, "A"), "raw", 3);

	json_decref(doc);
	buf_free(&out);
	buf_free(&err);
}

static void csv_and_english(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT;
	assert_int_equal(score(f, &out, NULL, "--pack", "score-test@1.2.0", "--answers",
			       ANSWERS "good.csv", "--format", "csv"),
			 0);
	const char *want_head =
		"respondent,A.raw,A.t,A.pct,B.raw,B.t,B.pct,AB.raw,AB.t,AB.pct,P1.raw,P1.t,P1.pct,"
		"P2.raw,P2.t,P2.pct,P3.raw,P3.t,P3.pct\r\n"
		"r1,13,70,";
	assert_true(strncmp(out.data, want_head, strlen(want_head)) == 0);
	assert_non_null(strstr(out.data, "\r\nr3,,,,5,,,,,,,,,,,,,,\r\n"));
	assert_non_null(strstr(out.data, "\r\n\"r,4 \"\"x\"\"\",3,,,1,,,2,,,0,,,0,,,10,,\r\n"));
	buf_reset(&out);

	assert_int_equal(score(f, &out, NULL, "--pack", "score-test", "--answers", ANSWERS "good.csv",
			       "--lang", "en"),
			 0);
	json_t *doc = parse(&out);
	json_t *r1 = json_array_get(doc, 0);
	assert_str(scale(r1, "A"), "label", "Methodical");
	assert_str(r1, "marking", "own questionnaire, test norms");
	assert_str(json_object_get(r1, "norm"), "description", "male, aged 18\u201399");
	json_decref(doc);
	buf_free(&out);
}

static void bad_answers_exit_2_with_row_and_column(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT;
	assert_int_equal(score(f, &out, &err, "--pack", "score-test", "--answers", ANSWERS "bad.csv",
			       NULL, NULL),
			 2);
	assert_string_equal(buf_str(&out), ""); /* nothing is scored */
	assert_string_equal(
		buf_str(&err),
		ANSWERS "bad.csv: row 2, column 4 (a2): 9 is outside 1..5\n" ANSWERS
		"bad.csv: row 3, column 2 (age): expected whole years from 15 to 100, or empty\n" ANSWERS
		"bad.csv: row 4, column 6 (p1): block \"verdeling\": points add up to 11, expected 10\n");
	buf_reset(&err);
	assert_int_equal(score(f, &out, &err, "--pack", "score-test", "--answers",
			       ANSWERS "wrong-version.csv", NULL, NULL),
			 2);
	assert_string_equal(buf_str(&err),
			    ANSWERS "wrong-version.csv: row 2, column 2 (pack): answers are for "
				    "score-test@1.1.0 but the pack is score-test@1.2.0\n");
	buf_free(&out);
	buf_free(&err);
}

static void usage_and_pack_errors_exit_2(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT;
	assert_int_equal(score(f, &out, NULL, "--help", NULL, NULL, NULL, NULL, NULL), 0);
	assert_non_null(strstr(out.data, "usage: ipm score --pack ID[@VERSION] --answers FILE.csv"));
	assert_int_equal(score(f, NULL, NULL, "--pack", "score-test", NULL, NULL, NULL, NULL), 2);
	assert_int_equal(score(f, NULL, &err, "--pack", "score-test", "--answers", ANSWERS "good.csv",
			       "--format", "xml"),
			 2);
	assert_string_equal(err.data, "ipm: --format must be json or csv\n");
	buf_reset(&err);
	assert_int_equal(score(f, NULL, &err, "--pack", "score-test@1.1.0", "--answers",
			       ANSWERS "good.csv", NULL, NULL),
			 2);
	assert_non_null(strstr(err.data, "/packs has pack score-test only in version 1.2.0, not 1.1.0"));
	buf_reset(&err);
	assert_int_equal(score(f, NULL, &err, "--pack", "nope", "--answers", ANSWERS "good.csv", NULL,
			       NULL),
			 2);
	assert_non_null(strstr(err.data, "no pack nope in "));
	buf_reset(&err);
	assert_int_equal(score(f, NULL, &err, "--pack", "score-test", "--answers", ANSWERS "none.csv",
			       NULL, NULL),
			 2);
	assert_non_null(strstr(err.data, "none.csv"));
	buf_free(&out);
	buf_free(&err);
}

static void include_excluded_asks_the_item(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT, path = BUF_INIT;
	buf_printf(&path, "%s/x1.csv", f->dir);
	write_file(path.data, "respondent,b1,b2,x1\nr1,4,4,1\n");
	assert_int_equal(score(f, &out, &err, "--pack", "score-test", "--answers", path.data, NULL,
			       NULL),
			 2);
	assert_non_null(strstr(err.data, "row 1, column 4 (x1): item x1 is not asked"));
	buf_reset(&out);
	assert_int_equal(score(f, &out, NULL, "--pack", "score-test", "--answers", path.data,
			       "--include-excluded", NULL),
			 0);
	json_t *doc = parse(&out);
	json_t *b = scale(json_array_get(doc, 0), "B");
	assert_num(b, "raw", 3); /* mean(4, 4, 1) */
	assert_flags(b, "");
	json_decref(doc);
	buf_free(&out);
	buf_free(&err);
	buf_free(&path);
}

/* The bar: 5 domains and 30 facets with T and percentile, and the
 * two O6 voting items not asked by default. Everyone answers 3, so every
 * facet's raw score is 12 (O6: 2 · 3 prorated to 4 items) and every domain's
 * 72; the T-scores follow from the pack's norm table, and N for a man of 30
 * by hand: 50 + 10 · (72 − 66.97)/16.48 = 53.05218446601942. */
static void big_five_domains_and_facets(void **state)
{
	struct fixture *f = *state;
	if (!fs_exists(BIG_FIVE))
		skip();
	struct questionnaire *q = test_questionnaire(BIG_FIVE, false);

	size_t excluded = 0;
	struct buf csv = BUF_INIT, path = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
	buf_puts(&csv, "respondent,sex,age");
	for (size_t i = 0; i < q->n_items; i++) {
		if (q->items[i].excluded) {
			excluded++;
			continue;
		}
		buf_printf(&csv, ",%s", q->items[i].id);
	}
	assert_int_equal(excluded, 2);
	int32_t o6 = questionnaire_scale_index(q, "o6");
	assert_true(o6 >= 0);
	assert_int_equal(q->scales[o6].n_asked, 2);
	buf_puts(&csv, "\nk1,m,30");
	for (size_t i = 0; i < q->n_items - excluded; i++)
		buf_puts(&csv, ",3");
	buf_puts(&csv, "\n");
	buf_printf(&path, "%s/bigfive.csv", f->dir);
	write_file(path.data, csv.data);

	const char *args[] = { "score", "--data", "data", "--pack", "ipip-neo-120",
			       "--answers", path.data, NULL };
	assert_int_equal(test_run_ipm(&out, &err, args), 0);
	json_t *doc = parse(&out);
	json_t *r = json_array_get(doc, 0);
	json_t *scales = json_object_get(r, "scales");
	assert_int_equal(json_array_size(scales), 35);
	static const char domains[] = "neaco";
	for (size_t d = 0; d < 5; d++) {
		char id[3] = { domains[d], 0, 0 };
		json_t *s = scale(r, id);
		assert_num(s, "raw", 72);
		assert_true(json_is_number(json_object_get(s, "t")));
		assert_true(json_is_number(json_object_get(s, "percentile")));
		for (char k = '1'; k <= '6'; k++) {
			id[1] = k;
			json_t *facet = scale(r, id);
			assert_num(facet, "raw", 12);
			assert_true(json_is_number(json_object_get(facet, "t")));
			assert_true(json_is_number(json_object_get(facet, "percentile")));
		}
	}
	assert_num(scale(r, "n"), "t", 53.05218446601942);
	assert_flags(scale(r, "o6"), "prorated,items_excluded");
	assert_flags(scale(r, "o"), "prorated,items_excluded");
	assert_flags(scale(r, "n1"), "");
	/* Every normed result says where its norms come from. */
	json_t *norm = json_object_get(r, "norm");
	assert_str(norm, "source", "Johnson (IPIP-NEO-120), Amerikaanse internetsteekproeven");
	assert_non_null(strstr(json_string_value(json_object_get(norm, "note")),
			       "geen openbare Nederlandse normen"));
	json_decref(doc);

	/* An excluded item is refused as a column, naming it. */
	const char *voting = NULL;
	for (size_t i = 0; i < q->n_items; i++)
		if (q->items[i].excluded)
			voting = q->items[i].id;
	buf_reset(&csv);
	buf_printf(&csv, "respondent,%s\nk1,3\n", voting);
	write_file(path.data, csv.data);
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, args), 2);
	assert_non_null(strstr(err.data, "row 1, column 2"));
	assert_non_null(strstr(err.data, "is not asked (excluded by default)"));

	questionnaire_free(q);
	buf_free(&csv);
	buf_free(&path);
	buf_free(&out);
	buf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_golden_values),
		cmocka_unit_test(csv_and_english),
		cmocka_unit_test(bad_answers_exit_2_with_row_and_column),
		cmocka_unit_test(usage_and_pack_errors_exit_2),
		cmocka_unit_test(include_excluded_asks_the_item),
		cmocka_unit_test(big_five_domains_and_facets),
	};
	return cmocka_run_group_tests_name("score_cli", tests, setup, teardown);
}
