/* ipm catalogue as a user runs it: an invalid file exits 2, lists every
 * problem and leaves the stored catalogue as it was; the demo catalogue goes
 * export → import → export byte-identically through the database, as JSON
 * and through CSV; search returns the expected instruments and facet counts
 * of a three-instrument fixture (tests/fixtures/catalogue-search, counted by
 * hand below); gaps counts its cells; init --demo stores the demo catalogue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "support/cli_db.h"
#include "support/proc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURE "tests/fixtures/catalogue-search/catalogue.json"
#define DEMO "data/catalogue/demo.json"

static int import(struct cli_db *f, const char *file, struct buf *err)
{
	const char *args[] = { "catalogue", "import", file, "--db", f->db.data, "--data", "data",
			       NULL };
	return test_run_ipm(NULL, err, args);
}

static void import_ok(struct cli_db *f, const char *file)
{
	struct buf err = BUF_INIT;
	int rc = import(f, file, &err);
	if (rc != 0)
		fail_msg("import %s: %s", file, buf_str(&err));
	buf_free(&err);
}

/* The stored catalogue as JSON (owned). */
static char *export_json(struct cli_db *f)
{
	struct buf out = BUF_INIT;
	const char *args[] = { "catalogue", "export", "--db", f->db.data, NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	return buf_detach(&out, NULL);
}

static void test_invalid_import_lists_every_problem_and_changes_nothing(void **state)
{
	struct cli_db *f = *state;
	import_ok(f, FIXTURE);
	char *before = export_json(f);

	/* three problems of different records */
	json_t *doc = json_loads(before, 0, NULL);
	assert_non_null(doc);
	json_t *groups = json_object_get(doc, "target_groups");
	json_array_append_new(groups, json_pack("{s:s, s:s}", "id", "alg", "name", " Algemeen "));
	json_t *ins = json_object_get(doc, "instruments");
	char long_summary[502];
	memset(long_summary, 'a', 501);
	long_summary[501] = '\0';
	json_object_set_new(json_array_get(ins, 0), "summary", json_string(long_summary));
	json_object_set_new(json_array_get(ins, 1), "tiles", json_pack("[s]", "nope"));
	char *bad = cli_db_path(f, "bad.json");
	assert_int_equal(json_dump_file(doc, bad, 0), 0);
	json_decref(doc);

	struct buf err = BUF_INIT;
	assert_int_equal(import(f, bad, &err), 2);
	const char *text = buf_str(&err);
	assert_non_null(strstr(text, "target_group 2 (alg): name: no target group \"algemeen\""));
	assert_non_null(strstr(text, "instrument 1 (schuldhulp): summary: 501 characters, at most 500"));
	assert_non_null(strstr(text, "instrument 2 (taal): tiles[1]: unknown tile"));
	assert_non_null(strstr(text, "3 problems in"));
	assert_non_null(strstr(text, "the stored catalogue is unchanged"));

	/* a file that is not JSON at all: exit 2, line and column */
	char *broken = cli_db_path(f, "broken.json");
	struct err e = { 0 };
	assert_int_equal(fs_write_atomic(broken, "{\"format\": ", 11, &e), IPM_OK);
	buf_reset(&err);
	assert_int_equal(import(f, broken, &err), 2);
	assert_non_null(strstr(buf_str(&err), "broken.json: 1:"));

	char *after = export_json(f);
	assert_string_equal(after, before);
	free(before);
	free(after);
	free(bad);
	free(broken);
	buf_free(&err);
}

static void test_round_trip_through_the_database_is_byte_identical(void **state)
{
	struct cli_db *f = *state;
	import_ok(f, DEMO);
	char *first = export_json(f);
	char *file = cli_db_path(f, "export.json");
	const char *to_file[] = { "catalogue", "export", "--format", "json", "-o", file, "--db",
				  f->db.data, NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, to_file), 0);
	import_ok(f, file);
	char *second = export_json(f);
	assert_string_equal(second, first);

	/* through CSV: export the directory, import it, the JSON is the same */
	char *dir = cli_db_path(f, "csv");
	const char *to_csv[] = { "catalogue", "export", "--format", "csv", "-o", dir, "--db",
				 f->db.data, NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, to_csv), 0);
	import_ok(f, dir);
	char *third = export_json(f);
	assert_string_equal(third, first);

	/* and the demo file itself is canonical, so it comes back as written */
	struct buf demo = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(fs_read_file(DEMO, &demo, &e), IPM_OK);
	assert_string_equal(first, buf_str(&demo));
	buf_free(&demo);
	free(first);
	free(second);
	free(third);
	free(file);
	free(dir);
}

/* ipm catalogue search ARGS... --format json (owned document). */
static json_t *search(struct cli_db *f, const char *const *extra)
{
	const char *args[32] = { "catalogue", "search", "--db", f->db.data, "--data", "data",
				 "--format", "json" };
	size_t n = 8;
	for (size_t k = 0; extra[k]; k++)
		args[n++] = extra[k];
	args[n] = NULL;
	struct buf out = BUF_INIT, err = BUF_INIT;
	int rc = test_run_ipm(&out, &err, args);
	if (rc != 0)
		fail_msg("search: %s", buf_str(&err));
	json_t *doc = json_loadb(out.data, out.len, 0, NULL);
	assert_non_null(doc);
	buf_free(&out);
	buf_free(&err);
	return doc;
}

static const char *hit(json_t *doc, size_t i)
{
	return json_string_value(json_object_get(json_array_get(json_object_get(doc, "hits"), i),
						 "id"));
}

static json_int_t facet(json_t *doc, const char *name, const char *code)
{
	json_t *list = json_object_get(json_object_get(doc, "facets"), name);
	for (size_t i = 0; i < json_array_size(list); i++) {
		json_t *v = json_array_get(list, i);
		if (strcmp(json_string_value(json_object_get(v, "code")), code) == 0)
			return json_integer_value(json_object_get(v, "count"));
	}
	fail_msg("facet %s has no value %s", name, code);
	return -1;
}

static json_int_t total(json_t *doc)
{
	return json_integer_value(json_object_get(doc, "total"));
}

/* The fixture: schuldhulp (melding, kk 5, stad, individueel), taal (melding
 * and opleiden, kk 6, jongeren, groep, everywhere), schuldcafe (not
 * published; bemiddeling, kk 9, dorp). */
static void test_search_with_facets(void **state)
{
	struct cli_db *f = *state;
	import_ok(f, FIXTURE);
	const char *day[] = { "--date", "2026-06-01", NULL };
	json_t *doc = search(f, day);
	assert_int_equal(total(doc), 2);
	assert_string_equal(hit(doc, 0), "schuldhulp"); /* by name: Schuldhulp < Taal ... */
	assert_string_equal(hit(doc, 1), "taal");
	assert_int_equal(facet(doc, "tile", "melding"), 2);
	assert_int_equal(facet(doc, "tile", "opleiden"), 1);
	assert_int_equal(facet(doc, "tile", "bemiddeling"), 0);
	assert_int_equal(facet(doc, "klantkenmerk", "5"), 1);
	assert_int_equal(facet(doc, "klantkenmerk", "6"), 1);
	assert_int_equal(facet(doc, "doelgroep", "-"), 1);
	assert_int_equal(facet(doc, "doelgroep", "jongeren"), 1);
	assert_int_equal(facet(doc, "gemeente", "stad"), 2); /* schuldhulp there, taal everywhere */
	assert_int_equal(facet(doc, "gemeente", "dorp"), 1);
	assert_int_equal(facet(doc, "regio", "west"), 2);
	assert_int_equal(facet(doc, "wijk", "stad-noord"), 2);
	assert_int_equal(facet(doc, "vorm", "groep"), 1);
	json_decref(doc);

	/* stemmed text: schulden -> schuld, also in the unpublished one with --all */
	const char *text[] = { "schulden", "--date", "2026-06-01", NULL };
	doc = search(f, text);
	assert_int_equal(total(doc), 1);
	assert_string_equal(hit(doc, 0), "schuldhulp");
	/* FTS5's snippet takes the column with the most hits: the name, where the
	 * compound Schuldhulp holds schuld (core/compound_nl.c). */
	assert_string_equal(json_string_value(json_object_get(
				    json_array_get(json_object_get(doc, "hits"), 0), "snippet")),
			    "[Schuldhulp]");
	json_decref(doc);
	const char *all[] = { "schuld", "--all", NULL };
	doc = search(f, all);
	assert_int_equal(total(doc), 2);
	assert_int_equal(facet(doc, "tile", "bemiddeling"), 1);
	json_decref(doc);

	const char *facets[] = { "--date", "2026-06-01", "--gemeente", "dorp", "--klantkenmerk",
				 "6", NULL };
	doc = search(f, facets);
	assert_int_equal(total(doc), 1);
	assert_string_equal(hit(doc, 0), "taal");
	json_decref(doc);
	const char *either[] = { "--date", "2026-06-01", "--target-group", "-", "--tile",
				 "opleiden", "--tile", "melding", NULL };
	doc = search(f, either);
	assert_int_equal(total(doc), 1);
	assert_string_equal(hit(doc, 0), "schuldhulp");
	json_decref(doc);

	/* a code no pack has, or an id the catalogue lacks: exit 2 */
	struct buf err = BUF_INIT;
	const char *bad_tile[] = { "catalogue", "search", "--db", f->db.data, "--data", "data",
				   "--tile", "nope", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, bad_tile), 2);
	assert_non_null(strstr(buf_str(&err), "--tile: unknown code (eva-tiles)"));
	buf_reset(&err);
	const char *bad_place[] = { "catalogue", "search", "--db", f->db.data, "--data", "data",
				    "--gemeente", "nergens", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, bad_place), 2);
	assert_non_null(strstr(buf_str(&err), "--gemeente: the catalogue has no such id"));
	buf_free(&err);
}

/* 9 tiles x 14 klantkenmerk leaves x (voor iedereen + jongeren) = 252 cells.
 * With --min 1 only these are covered: schuldhulp's melding x 5.1, 5.2, 5.3
 * (kk 5 serves its parts) for everyone and so for jongeren (6 cells), and
 * taal's melding x 6 and opleiden x 6 for jongeren (2): 244 gaps. */
static void test_gaps_count_the_cells(void **state)
{
	struct cli_db *f = *state;
	import_ok(f, FIXTURE);
	struct buf out = BUF_INIT;
	const char *args[] = { "catalogue", "gaps", "--db", f->db.data, "--data", "data", "--min",
			       "1", "--date", "2026-06-01", "--format", "json", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	json_t *doc = json_loadb(out.data, out.len, 0, NULL);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "cells")), 252);
	assert_int_equal(json_integer_value(json_object_get(doc, "published")), 2);
	json_t *gaps = json_object_get(doc, "gaps");
	assert_int_equal(json_array_size(gaps), 244);
	bool melding_6_everyone = false;
	for (size_t i = 0; i < json_array_size(gaps); i++) {
		json_t *g = json_array_get(gaps, i);
		const char *tile = json_string_value(json_object_get(g, "tile"));
		const char *kk = json_string_value(json_object_get(g, "klantkenmerk"));
		const char *group = json_string_value(json_object_get(g, "doelgroep"));
		if (strcmp(tile, "melding") == 0 && strcmp(kk, "6") == 0) {
			assert_null(group); /* jongeren has taal there */
			melding_6_everyone = true;
		}
		assert_false(strcmp(tile, "melding") == 0 && strcmp(kk, "5.3") == 0);
	}
	assert_true(melding_6_everyone);
	json_decref(doc);

	buf_reset(&out);
	const char *text[] = { "catalogue", "gaps", "--db", f->db.data, "--data", "data", "--date",
			       "2026-06-01", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, text), 0);
	/* min 2: schuldhulp alone is not enough */
	assert_non_null(strstr(buf_str(&out), "5.3  Praktische"));
	assert_non_null(strstr(buf_str(&out), "252 hiaten"));
	buf_free(&out);
}

static void test_init_demo_stores_the_demo_catalogue(void **state)
{
	struct cli_db *f = *state;
	struct buf out = BUF_INIT;
	const char *args[] = { "init", "--db", f->db.data, "--data", "data", "--demo", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_non_null(strstr(buf_str(&out), "demo catalogue of"));
	char *stored = export_json(f);
	struct buf demo = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(fs_read_file(DEMO, &demo, &e), IPM_OK);
	assert_string_equal(stored, buf_str(&demo));
	free(stored);
	buf_free(&demo);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_invalid_import_lists_every_problem_and_changes_nothing,
			cli_db_setup_init, cli_db_teardown),
		cmocka_unit_test_setup_teardown(
			test_round_trip_through_the_database_is_byte_identical,
			cli_db_setup_init, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_search_with_facets,
						cli_db_setup_init, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_gaps_count_the_cells,
						cli_db_setup_init, cli_db_teardown),
		cmocka_unit_test_setup_teardown(test_init_demo_stores_the_demo_catalogue,
						cli_db_setup_init, cli_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
