/* `ipm pack stats` and the store read behind it: answers put in through the
 * store API, statistics read back from the real binary and compared with
 * values computed by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/proc.h"
#include "support/store_fixture.h"
#include "core/buf.h"
#include "core/fs.h"
#include "pack/pack.h"
#include "store/store.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PACK_FILE "tests/fixtures/packs/questionnaire.json"

/* Registers the test-werkstijl questionnaire (structuur: s1, s2, s3 keyed
 * "-" on 1..5; samenwerken: c1, c2) with its real content. */
static void register_pack(struct store_fixture *f)
{
	struct pack *p;
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	store_expect(pack_load_file(PACK_FILE, &p, &e), IPM_OK, &e, NULL);
	store_expect(fs_read_file(PACK_FILE, &text, &e), IPM_OK, &e, NULL);
	store_expect(store_pack_register(f->s, p->id, p->version, "questionnaire", "Werkstijl",
					 p->sha256, text.data, &e),
		     IPM_OK, &e, NULL);
	buf_free(&text);
	pack_free(p);
}

static int64_t assessment(struct store_fixture *f, const char *const answers[][2], size_t n,
			  int complete)
{
	struct err e = { 0 };
	int64_t id = 0;
	store_expect(store_assessment_start(f->s, &f->who, f->client, "test-werkstijl", "0.1.0",
					    "client", &id, &e),
		     IPM_OK, &e, NULL);
	for (size_t i = 0; i < n; i++)
		store_expect(store_answer_put(f->s, &f->who, id, answers[i][0], answers[i][1], &e),
			     IPM_OK, &e, NULL);
	if (complete)
		store_expect(store_assessment_complete(f->s, &f->who, id, &e), IPM_OK, &e, NULL);
	return id;
}

/* The hand case of tests/unit/test_stats.c, with s3 stored unkeyed:
 *     s1 s2 s3 (keyed: 6 - stored)      c1 c2
 *      1  2  1 (5)                      1  2
 *      2  2  3 (3)                      2  3
 *      3  4  3 (3)                      9 (out of range) 4
 *      4  4  5 (1)                      4  4
 * alpha(structuur) = 14/15; without s3 16/17; r.rest s3 = 10/sqrt(136).
 * samenwerken, pairwise: cov(c1, c2) over rows 1, 2, 4 (c1 1, 2, 4, mean 7/3;
 * c2 2, 3, 4, mean 3) = (4/3 + 0 + 5/3) / 2 = 3/2; var c1 = (16 + 1 + 25)/9/2
 * = 7/3; var c2 over all four rows (2, 3, 4, 4) = 11/12; trace 13/4, sum
 * 13/4 + 3 = 25/4, alpha = (1 - 13/25) * 2 = 24/25. */
static void fill(struct store_fixture *f)
{
	static const char *const rows[4][5] = {
		{ "1", "2", "5", "1", "2" },
		{ "2", "2", "3", "2", "3" },
		{ "3", "4", "3", "9", "4" },
		{ "4", "4", "1", "4", "4" },
	};
	static const char *const ids[5] = { "s1", "s2", "s3", "c1", "c2" };
	for (size_t r = 0; r < 4; r++) {
		const char *a[7][2];
		size_t n = 0;
		if (r == 0) { /* a corrected answer: only the later one counts */
			a[n][0] = "s1";
			a[n++][1] = "5";
		}
		for (size_t i = 0; i < 5; i++) {
			a[n][0] = ids[i];
			a[n++][1] = rows[r][i];
		}
		if (r == 3) { /* an item the pack does not have */
			a[n][0] = "zz";
			a[n++][1] = "3";
		}
		assessment(f, a, n, 1);
	}
	/* Not completed: must not count. */
	const char *open[][2] = { { "s1", "5" }, { "s2", "1" }, { "s3", "5" } };
	assessment(f, open, 3, 0);
}

struct seen {
	struct buf text;
	int64_t last;
	size_t assessments;
};

static int seen_row(void *ctx, int64_t assessment_id, const char *item_id, const char *value,
		    struct err *e)
{
	(void)e;
	struct seen *s = ctx;
	if (assessment_id != s->last)
		s->assessments++;
	s->last = assessment_id;
	buf_printf(&s->text, "%s=%s ", item_id, value ? value : "NULL");
	return IPM_OK;
}

static void store_reads_latest_answers_of_completed_assessments(void **state)
{
	(void)state;
	struct store_fixture f;
	store_fixture_up(&f);
	register_pack(&f);
	fill(&f);
	struct err e = { 0 };
	struct seen s = { BUF_INIT, 0, 0 };
	int64_t reads_before = 0, reads_after = 0;
	store_expect(store_audit_count(f.s, 0, "read", &reads_before, &e), IPM_OK, &e, NULL);
	store_expect(store_answers_each(f.s, &f.who, "test-werkstijl", "0.1.0", seen_row, &s, &e),
		     IPM_OK, &e, NULL);
	store_expect(store_audit_count(f.s, 0, "read", &reads_after, &e), IPM_OK, &e, NULL);
	assert_int_equal(s.assessments, 4);
	/* Ordered by item id within an assessment; s1's correction wins. */
	assert_true(strncmp(s.text.data, "c1=1 c2=2 s1=1 s2=2 s3=5 c1=2 ", 30) == 0);
	assert_null(strstr(s.text.data, "s1=5"));
	assert_non_null(strstr(s.text.data, "zz=3"));
	/* One audit row for the whole read, and it names no client. */
	assert_int_equal(reads_after - reads_before, 1);
	int64_t client_reads = 0;
	store_expect(store_audit_count(f.s, f.client, "read", &client_reads, &e), IPM_OK, &e, NULL);
	assert_int_equal(client_reads, 0);

	/* Another version has no answers: an empty walk, not an error. */
	buf_reset(&s.text);
	s.assessments = 0;
	store_expect(store_answers_each(f.s, &f.who, "test-werkstijl", "9.9.9", seen_row, &s, &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(s.assessments, 0);
	buf_free(&s.text);
	store_fixture_down(&f);
}

static json_t *find_by_id(json_t *array, const char *id)
{
	for (size_t i = 0; i < json_array_size(array); i++) {
		json_t *o = json_array_get(array, i);
		if (strcmp(json_string_value(json_object_get(o, "id")), id) == 0)
			return o;
	}
	fail_msg("no %s", id);
	return NULL;
}

static double num(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static void cli_prints_alpha_and_item_statistics(void **state)
{
	(void)state;
	struct store_fixture f;
	store_fixture_up(&f);
	register_pack(&f);
	fill(&f);
	store_close(f.s);
	f.s = NULL;

	struct buf out = BUF_INIT, err = BUF_INIT;
	const char *json_args[] = { "pack", "stats", "--pack", "test-werkstijl", "--db", f.db,
				    "--format", "json", NULL };
	int status = test_run_ipm(&out, &err, json_args);
	if (status)
		fprintf(stderr, "%s", buf_str(&err));
	assert_int_equal(status, 0);
	json_error_t jerr;
	json_t *doc = json_loads(out.data, 0, &jerr);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "respondents")), 4);
	assert_int_equal(json_integer_value(json_object_get(doc, "unknown_answers")), 1);
	json_t *scales = json_object_get(doc, "scales");
	json_t *st = find_by_id(scales, "structuur");
	json_t *alpha = json_object_get(st, "alpha");
	assert_float_equal(num(alpha, "raw"), 14.0 / 15, 1e-12);
	json_t *items = json_object_get(st, "items");
	json_t *s3 = find_by_id(items, "s3");
	assert_string_equal(json_string_value(json_object_get(s3, "keyed")), "-");
	assert_float_equal(num(s3, "alpha_if_deleted"), 16.0 / 17, 1e-12);
	assert_float_equal(num(s3, "r_rest"), 10 / sqrt(136), 1e-12);
	assert_float_equal(num(s3, "mean"), 3, 1e-12); /* keyed: 6 - stored */
	/* The distribution counts stored (unkeyed) answers, 1..5. */
	json_t *counts = json_object_get(s3, "counts");
	assert_int_equal(json_array_size(counts), 5);
	assert_int_equal(json_integer_value(json_array_get(counts, 2)), 2);
	/* samenwerken: c1's 9 is outside 1..5, counted as invalid and missing. */
	json_t *sw = find_by_id(scales, "samenwerken");
	assert_float_equal(num(json_object_get(sw, "alpha"), "raw"), 24.0 / 25, 1e-12);
	json_t *c1 = find_by_id(json_object_get(sw, "items"), "c1");
	assert_int_equal(json_integer_value(json_object_get(c1, "invalid")), 1);
	assert_int_equal(json_integer_value(json_object_get(c1, "missing")), 1);
	assert_int_equal(json_integer_value(json_object_get(c1, "n")), 3);
	json_decref(doc);

	buf_reset(&out);
	const char *text_args[] = { "pack", "stats", "--pack", "test-werkstijl@0.1.0", "--db", f.db,
				    NULL };
	assert_int_equal(test_run_ipm(&out, NULL, text_args), 0);
	assert_non_null(strstr(out.data, "Schaal structuur"));
	assert_non_null(strstr(out.data, "Cronbachs alfa 0.933"));
	assert_non_null(strstr(out.data, "Respondenten: 4"));

	buf_reset(&err);
	const char *unknown[] = { "pack", "stats", "--pack", "nope", "--db", f.db, NULL };
	assert_int_equal(test_run_ipm(NULL, &err, unknown), 2);
	assert_non_null(strstr(err.data, "nope"));
	const char *version[] = { "pack", "stats", "--pack", "test-werkstijl@2.0.0", "--db", f.db,
				  NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, version), 2);
	const char *no_pack[] = { "pack", "stats", "--db", f.db, NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, no_pack), 2);
	const char *format[] = { "pack", "stats", "--pack", "test-werkstijl", "--db", f.db,
				 "--format", "xml", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, format), 2);
	buf_reset(&out);
	const char *help[] = { "pack", "stats", "--help", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, help), 0);
	assert_non_null(strstr(out.data, "usage: ipm pack stats"));
	buf_free(&out);
	buf_free(&err);
	store_fixture_down(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(store_reads_latest_answers_of_completed_assessments),
		cmocka_unit_test(cli_prints_alpha_and_item_statistics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
