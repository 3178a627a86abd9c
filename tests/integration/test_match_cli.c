/* ipm match as a user runs it. Without a database: a needs file and a small
 * catalogue (tests/fixtures/match/), rankings computed by hand from the
 * default model's β. From the database: after `ipm init --demo` and the
 * same catalogue stored, demo client 3 (hindering schulden and taalniveau,
 * statushouder in Voorbeeldstad) gets the Sol goals and instruments of
 * issue 5's bar, the reads are audited, and bad input exits 2. When the
 * demo catalogue (data/catalogue/demo.json) is there, the bar is checked
 * over it too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "services/catalogue_json.h"
#include "services/match.h"
#include "store/store.h"
#include "store/store_catalogue.h"
#include "support/cli_db.h"
#include "support/proc.h"
#include "support/raw_db.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CATALOGUE "tests/fixtures/match/catalogue.json"
#define NEEDS "tests/fixtures/match/needs.json"
#define DEMO_CATALOGUE "data/catalogue/demo.json"

static json_t *run_json(const char *const args[], int want_status)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	int status = test_run_ipm(&out, &err, args);
	if (status != want_status)
		fail_msg("exit %d, want %d: %s", status, want_status, buf_str(&err));
	json_t *doc = want_status == 0 ? json_loadb(out.data, out.len, 0, NULL) : NULL;
	if (want_status == 0 && !doc)
		fail_msg("not JSON: %s", buf_str(&out));
	buf_free(&out);
	buf_free(&err);
	return doc;
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static double num(const json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static const json_t *list(const json_t *doc, const char *key)
{
	return json_object_get(doc, key);
}

static bool has_code(const json_t *arr, const char *code)
{
	size_t i;
	const json_t *v;
	json_array_foreach(arr, i, v)
		if (strcmp(json_is_string(v) ? json_string_value(v) : str(v, "code"), code) == 0)
			return true;
	return false;
}

static bool has_reason(const json_t *item, const char *text)
{
	size_t i;
	const json_t *r;
	json_array_foreach(json_object_get(item, "reasons"), i, r)
		if (strcmp(str(r, "text"), text) == 0)
			return true;
	return false;
}

/* --- without a database ------------------------------------------------------ */

static void needs_file_ranks_by_hand(void **state)
{
	(void)state;
	const char *args[] = { "match", "--needs", NEEDS, "--catalogue", CATALOGUE, "--date",
			       "2026-06-01", "--data", "data", NULL };
	json_t *doc = run_json(args, 0);
	/* Default model: β taalniveau 0.10, schulden 0.05. Needs: taalniveau
	 * −1 → 0.1 (specific kind taalcursus), schulden −2 → 0.1
	 * (schuldsanering) (tie: catalogue order, taalniveau first); motivatie
	 * +1 helps, netwerk is not rated.
	 *   taalles       taalcursus, statushouders: 0.1 × 1.5              = 0.15
	 *   schuldhulp    schuldsanering, tile: 0.1 × 1.25                  = 0.125
	 *   budgetcursus  5.3 and 6 only, in Voorbeeldstad: 0.05 + 0.05    = 0.1
	 * Not: schuld-anderstad (other gemeente), oud (ended 31 May),
	 * sollicitatie (serves no need). */
	const json_t *needs = list(doc, "needs"), *ins = list(doc, "instruments");
	assert_int_equal(json_array_size(needs), 2);
	assert_string_equal(str(json_array_get(needs, 0), "factor"), "taalniveau");
	assert_true(fabs(num(json_array_get(needs, 1), "weight") - 0.1) < 1e-9);
	assert_int_equal(json_array_size(ins), 3);
	static const char *const want[] = { "taalles", "schuldhulp", "budgetcursus" };
	static const double score[] = { 0.15, 0.125, 0.1 };
	for (size_t i = 0; i < 3; i++) {
		assert_string_equal(str(json_array_get(ins, i), "id"), want[i]);
		assert_true(fabs(num(json_array_get(ins, i), "score") - score[i]) < 1e-9);
	}
	assert_true(has_reason(json_array_get(ins, 0),
			       "past precies bij: Nederlandse taalvaardigheid (taalcursus)"));
	assert_true(has_reason(json_array_get(ins, 0),
			       "speciaal voor jouw doelgroep: statushouders"));
	assert_true(has_reason(json_array_get(ins, 1),
			       "Sol-doel: praktische belemmeringen wegnemen (schuldsanering)"));
	assert_true(has_reason(json_array_get(ins, 1), "tegel: Maatschappelijk fit"));
	assert_true(has_reason(json_array_get(ins, 2), "in gemeente Voorbeeldstad"));
	assert_string_equal(json_string_value(json_array_get(
				    json_object_get(json_array_get(needs, 0), "sol_kinds"), 0)),
			    "taalcursus");
	const json_t *goals = list(doc, "goals");
	assert_int_equal(json_array_size(goals), 2);
	/* 0.1 each: sol-goals order puts praktische-belemmeringen (3rd) first. */
	assert_string_equal(str(json_array_get(goals, 0), "code"), "praktische-belemmeringen");
	assert_string_equal(str(json_array_get(goals, 1), "code"), "kennisvergroting");
	/* zelfvertrouwen noted (2), thuissituatie suggested by schulden (3). */
	const json_t *iv = list(doc, "interventions");
	assert_int_equal(json_array_size(iv), 5);
	assert_string_equal(str(json_object_get(json_array_get(iv, 0), "executor"), "code"),
			    "werkgever");
	assert_true(json_is_true(json_object_get(json_array_get(iv, 4), "suggested")));
	assert_int_equal(json_integer_value(json_object_get(list(doc, "catalogue"), "candidates")),
			 3);
	json_decref(doc);
}

static void bad_input_exits_2_and_names_the_field(void **state)
{
	struct cli_db *f = *state;
	struct buf path = BUF_INIT, err = BUF_INIT;
	buf_printf(&path, "%s/needs.json", f->dir);
	FILE *fp = fopen(path.data, "w");
	assert_non_null(fp);
	fputs("{\"ratings\": {\"schulden\": -3}}", fp);
	fclose(fp);
	const char *args[] = { "match", "--needs", path.data, "--catalogue", CATALOGUE, "--data",
			       "data", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, args), 2);
	assert_non_null(strstr(buf_str(&err), "$.ratings.schulden: expected a whole number from -2 "
					      "to 2, or null"));
	buf_reset(&err);
	fp = fopen(path.data, "w");
	fputs("{\"ratings\": {}, \"kenmerken\": [\"moed\"]}", fp);
	fclose(fp);
	assert_int_equal(test_run_ipm(NULL, &err, args), 2);
	assert_non_null(strstr(buf_str(&err), "kenmerken[0]: unknown kenmerk \"moed\""));
	buf_reset(&err);
	const char *both[] = { "match", "--needs", NEEDS, "--catalogue", CATALOGUE, "--tile",
			       "opleiden", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, both), 2);
	buf_free(&err);
	buf_free(&path);
}

/* --- from the database ----------------------------------------------------------- */

static void init_with_catalogue(struct cli_db *f, const char *catalogue)
{
	cli_db_init(f, 1);
	struct buf text = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct cat_problems probs = { 0 };
	struct catalogue cat;
	struct store *s = NULL;
	struct err e = { 0 };
	struct store_actor who = { 0 };
	if (fs_read_file(catalogue, &text, &e) ||
	    catalogue_json_parse(text.data, text.len, catalogue, &cat, &probs, &a, &e) ||
	    store_open(f->db.data, &s, &e) || store_catalogue_replace(s, &who, &cat, &e))
		fail_msg("%s", e.msg);
	store_close(s);
	cat_problems_free(&probs);
	arena_free(&a);
	buf_free(&text);
}

static int64_t audit_rows(struct cli_db *f, int64_t client)
{
	sqlite3 *db = raw_open(f->db.data);
	int64_t n = raw_int(db, "SELECT count(*) FROM audit_log WHERE client_id = ? AND action = "
				"'read'", "i", client);
	sqlite3_close(db);
	return n;
}

/* The bar of issue 5 on a stored client: goals praktische-belemmeringen
 * and kennisvergroting, instruments on klantkenmerken 5.3 and 6, each with
 * reasons. */
static void assert_bar(const json_t *doc)
{
	const json_t *goals = list(doc, "goals"), *ins = list(doc, "instruments");
	assert_true(has_code(goals, "praktische-belemmeringen"));
	assert_true(has_code(goals, "kennisvergroting"));
	bool kk53 = false, kk6 = false;
	size_t i;
	const json_t *x;
	json_array_foreach(ins, i, x) {
		assert_true(json_array_size(json_object_get(x, "reasons")) > 0);
		kk53 |= has_code(json_object_get(x, "klantkenmerken"), "5.3");
		kk6 |= has_code(json_object_get(x, "klantkenmerken"), "6");
	}
	assert_true(kk53 && kk6);
}

static void stored_client_meets_the_bar(void **state)
{
	struct cli_db *f = *state;
	init_with_catalogue(f, CATALOGUE);
	int64_t before = audit_rows(f, 3);
	const char *args[] = { "match", "--client", "3", "--db", f->db.data, "--data", "data",
			       "--date", "2026-06-01", "--tile", "maatschappelijk-fit", NULL };
	json_t *doc = run_json(args, 0);
	/* Two audited reads: the factor assessment and the client record. */
	assert_int_equal(audit_rows(f, 3), before + 2);
	assert_bar(doc);
	/* Demo client 3: taalniveau −2 (0.2), werkervaring-recent −2 (0.3),
	 * psychosociaal, opleiding, netwerk −1 (0.1 each), schulden −1 (0.05).
	 * All but werkervaring-recent name specific kinds, so their goal or
	 * klantkenmerk alone counts half.
	 *   taalles      taalcursus (taalniveau 0.2), and kennisvergroting
	 *                for opleiding 0.1 × 0.5; statushouders: 0.25 × 1.5 = 0.375
	 *   budgetcursus 5.3 and 6 only: 0.05 × 0.5 + 0.2 × 0.5           = 0.125
	 *   schuldhulp   schuldsanering (schulden 0.05) × tile 1.25        = 0.0625
	 *   sollicitatie sollicitatietraining → zoeken-en-solliciteren
	 *                (netwerk 0.1 × 0.5)                               = 0.05 */
	const json_t *ins = list(doc, "instruments");
	static const char *const want[] = { "taalles", "budgetcursus", "schuldhulp",
					    "sollicitatie" };
	static const double score[] = { 0.375, 0.125, 0.0625, 0.05 };
	assert_int_equal(json_array_size(ins), 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(str(json_array_get(ins, i), "id"), want[i]);
		assert_true(fabs(num(json_array_get(ins, i), "score") - score[i]) < 1e-9);
	}
	/* The record says "Voorbeeldstad"; the catalogue's id is voorbeeldstad. */
	const json_t *gemeente = json_object_get(list(doc, "place"), "gemeente");
	assert_string_equal(str(gemeente, "id"), "voorbeeldstad");
	/* Goals: 0.3 for werknemersvaardigheden, kennisvergroting (0.2 + 0.1)
	 * and matching-bemiddeling, in sol-goals order. */
	const json_t *goals = list(doc, "goals");
	assert_string_equal(str(json_array_get(goals, 0), "code"), "werknemersvaardigheden");
	assert_string_equal(str(json_array_get(goals, 1), "code"), "kennisvergroting");
	assert_string_equal(str(json_array_get(goals, 2), "code"), "matching-bemiddeling");
	assert_string_equal(str(json_array_get(goals, json_array_size(goals) - 1), "code"),
			    "praktische-belemmeringen");
	json_decref(doc);

	struct buf err = BUF_INIT;
	const char *missing[] = { "match", "--client", "999", "--db", f->db.data, "--data", "data",
				  NULL };
	assert_int_equal(test_run_ipm(NULL, &err, missing), 2);
	const char *tile[] = { "match", "--client", "3", "--db", f->db.data, "--data", "data",
			       "--tile", "zwemmen", NULL };
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, tile), 2);
	assert_non_null(strstr(buf_str(&err), "tiles[0]: unknown tile \"zwemmen\" (eva-tiles)"));
	buf_free(&err);
}

static void demo_catalogue_meets_the_bar(void **state)
{
	struct cli_db *f = *state;
	if (access(DEMO_CATALOGUE, R_OK) != 0)
		skip();
	init_with_catalogue(f, DEMO_CATALOGUE);
	const char *args[] = { "match", "--client", "3", "--db", f->db.data, "--data", "data",
			       "--max", "0", NULL };
	json_t *doc = run_json(args, 0);
	assert_bar(doc);
	json_decref(doc);
}

/* Without a data directory (as the report calls it): the model and the
 * taxonomy packs as ipm init registered them give the same matching as the
 * data directory's files, and the sources name the registered versions. */
static void stored_packs_without_data_dir(void **state)
{
	struct cli_db *f = *state;
	init_with_catalogue(f, CATALOGUE);
	struct store *s = NULL;
	struct err e = { 0 };
	const struct store_actor who = { 0 };
	struct match_options o = { .today = "2026-06-01" };
	struct match_made files, stored;
	assert_int_equal(store_open(f->db.data, &s, &e), IPM_OK);
	if (match_for_client(s, &who, "data", 3, &o, &files, &e) ||
	    match_for_client(s, &who, NULL, 3, &o, &stored, &e))
		fail_msg("%s", e.msg);
	assert_true(stored.default_model);
	assert_string_equal(stored.model.m->pack_id, "ipm-model-default");
	assert_int_equal(stored.r.n_instruments, files.r.n_instruments);
	assert_int_equal(stored.r.n_instruments, 4);
	for (size_t i = 0; i < files.r.n_instruments; i++) {
		assert_string_equal(stored.r.instruments[i].instrument->id,
				    files.r.instruments[i].instrument->id);
		assert_true(fabs(stored.r.instruments[i].score - files.r.instruments[i].score) <
			    1e-15);
	}
	assert_int_equal(stored.r.n_goals, files.r.n_goals);
	for (size_t i = 0; i < MATCH_N_PACKS; i++) {
		assert_string_equal(stored.ref.sources[i].id, match_pack_ids[i]);
		assert_string_equal(stored.ref.sources[i].sha256, files.ref.sources[i].sha256);
	}
	sqlite3 *db = raw_open(f->db.data);
	char *sha = raw_text(db, "SELECT sha256 FROM packs WHERE pack_id = 'sol-goals'", "");
	assert_string_equal(stored.ref.sources[0].sha256, sha);
	free(sha);
	sqlite3_close(db);
	match_made_free(&files);
	match_made_free(&stored);
	store_close(s);
}

/* Runs `ipm match` with a needs file of one rating over the demo
 * catalogue (no database) on 15 June 2026, in Voorbeeldstad. */
static json_t *demo_needs(struct cli_db *f, const char *needs)
{
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/needs.json", f->dir);
	FILE *fp = fopen(path.data, "w");
	assert_non_null(fp);
	fputs(needs, fp);
	fclose(fp);
	const char *args[] = { "match", "--needs", path.data, "--catalogue", DEMO_CATALOGUE,
			       "--data", "data", "--date", "2026-06-15", "--max", "0", NULL };
	json_t *doc = run_json(args, 0);
	buf_free(&path);
	return doc;
}

static bool has_kind(const json_t *item, const char *kind)
{
	return has_code(json_object_get(item, "sol_kinds"), kind);
}

/* Only zorg voor kinderen hinders (−2: β 0.05 → weight 0.1). The demo's
 * three published kinderopvang instruments are each for groups the client
 * is not in: 0.1 × 1 × 0.75 = 0.075. Every other practical instrument
 * (5.3, or a kind of praktische-belemmeringen) serves the need only
 * generally: 0.1 × 0.5 = 0.05 at most. So the three come first, by name;
 * before the specific kinds they ranked 30th to 33rd of 36, below every
 * practical instrument without a target group (0.1). The pilot for evening
 * care is not published. */
static void demo_zorg_kinderen_gets_kinderopvang_first(void **state)
{
	struct cli_db *f = *state;
	if (access(DEMO_CATALOGUE, R_OK) != 0)
		skip();
	json_t *doc = demo_needs(f, "{\"ratings\": {\"zorg-kinderen\": -2}, "
				    "\"gemeente\": \"voorbeeldstad\"}");
	const json_t *ins = list(doc, "instruments");
	static const char *const want[] = { "kinderopvang-regelen",
					    "tegemoetkoming-kinderopvang-traject",
					    "herintreders-orientatie" };
	assert_int_equal(json_array_size(ins), 36);
	for (size_t i = 0; i < 3; i++) {
		const json_t *x = json_array_get(ins, i);
		assert_string_equal(str(x, "id"), want[i]);
		assert_true(fabs(num(x, "score") - 0.075) < 1e-9);
		assert_true(has_reason(x, "past precies bij: Zorg voor kinderen (kinderopvang)"));
	}
	size_t i;
	const json_t *x;
	json_array_foreach(ins, i, x) {
		if (i < 3)
			continue;
		assert_false(has_kind(x, "kinderopvang"));
		assert_true(num(x, "score") <= 0.05 + 1e-9);
		assert_string_not_equal(str(x, "id"), "avondopvang-pilot");
	}
	assert_true(fabs(num(json_array_get(ins, 3), "score") - 0.05) < 1e-9);
	json_decref(doc);
	/* A single parent: 0.1 × 1.5 = 0.15 each, the rest unchanged. */
	doc = demo_needs(f, "{\"ratings\": {\"zorg-kinderen\": -2}, \"gemeente\": "
			    "\"voorbeeldstad\", \"target_groups\": [\"alleenstaande-ouders\"]}");
	ins = list(doc, "instruments");
	for (i = 0; i < 3; i++) {
		assert_string_equal(str(json_array_get(ins, i), "id"), want[i]);
		assert_true(fabs(num(json_array_get(ins, i), "score") - 0.15) < 1e-9);
	}
	assert_true(fabs(num(json_array_get(ins, 3), "score") - 0.05) < 1e-9);
	json_decref(doc);
}

/* Only taalniveau hinders (−1: β 0.10 → 0.1). A language course (kind
 * taalcursus) serves it directly: 0.1, or 0.075 for a course meant for a
 * group the client is not in (statushouders, laaggeletterden). The
 * vocational certificates (heftruck, VCA, horeca: scholing, klantkenmerk
 * 10.1) serve it only through the goal kennisvergroting: 0.1 × 0.5 = 0.05.
 * Before the specific kinds they scored 0.1 and ranked above every course
 * meant for a group. */
static void demo_taalniveau_ranks_courses_above_certificates(void **state)
{
	struct cli_db *f = *state;
	if (access(DEMO_CATALOGUE, R_OK) != 0)
		skip();
	json_t *doc = demo_needs(f, "{\"ratings\": {\"taalniveau\": -1}, "
				    "\"gemeente\": \"voorbeeldstad\"}");
	const json_t *ins = list(doc, "instruments");
	size_t i, last_course = 0, first_cert = SIZE_MAX, courses = 0;
	const json_t *x;
	json_array_foreach(ins, i, x) {
		const char *id = str(x, "id");
		if (has_kind(x, "taalcursus")) {
			last_course = i;
			courses++;
		}
		if ((strcmp(id, "heftruckcertificaat") == 0 || strcmp(id, "vca-certificaat") == 0 ||
		     strcmp(id, "horeca-startcertificaat") == 0) && first_cert == SIZE_MAX) {
			first_cert = i;
			assert_true(fabs(num(x, "score") - 0.05) < 1e-9);
		}
	}
	/* The Taalcafé in the library (no target group) first; then the seven
	 * courses for a group; Linderveen's and Oosterbroek's cafés are not in
	 * Voorbeeldstad. */
	assert_int_equal(courses, 8);
	assert_int_equal(last_course, 7);
	assert_true(first_cert != SIZE_MAX && first_cert > last_course);
	assert_string_equal(str(json_array_get(ins, 0), "id"), "taalcafe-bibliotheek");
	assert_true(fabs(num(json_array_get(ins, 0), "score") - 0.1) < 1e-9);
	assert_true(fabs(num(json_array_get(ins, 7), "score") - 0.075) < 1e-9);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(needs_file_ranks_by_hand),
		cmocka_unit_test_setup_teardown(bad_input_exits_2_and_names_the_field, cli_db_setup,
						cli_db_teardown),
		cmocka_unit_test_setup_teardown(stored_client_meets_the_bar, cli_db_setup,
						cli_db_teardown),
		cmocka_unit_test_setup_teardown(demo_catalogue_meets_the_bar, cli_db_setup,
						cli_db_teardown),
		cmocka_unit_test_setup_teardown(stored_packs_without_data_dir, cli_db_setup,
						cli_db_teardown),
		cmocka_unit_test_setup_teardown(demo_zorg_kinderen_gets_kinderopvang_first,
						cli_db_setup, cli_db_teardown),
		cmocka_unit_test_setup_teardown(demo_taalniveau_ranks_courses_above_certificates,
						cli_db_setup, cli_db_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
