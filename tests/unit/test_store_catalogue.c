/* The catalogue in the store: replace and load keep every field and the
 * order of every list (compared through the canonical JSON writer), a
 * failing replace changes nothing, the replace is audited, counts follow the
 * publish window, and search combines Dutch full text with facets whose
 * counts are checked against hand counts over a six-instrument catalogue
 * (the table in the comment below). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/fs.h"
#include "services/catalogue_json.h"
#include "store/sqlite_catalogue_internal.h"
#include "store/store_catalogue.h"
#include "support/raw_db.h"
#include "support/store_fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define STRS(...)                                                                          \
	{ (const char *[]){ __VA_ARGS__ }, sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *) }
#define D(y, m, d) ((struct date){ y, m, d })

static const struct cat_organisation orgs[] = { { "gem-a", "Gemeente A", "gemeente" } };
static const struct cat_provider provs[] = {
	{ "prov-1", "Werkpunt", "https://werkpunt.example", "info@werkpunt.example", "010-1234567" },
	{ "prov-2", "Leerhuis", NULL, NULL, NULL },
};
static const struct cat_target_group groups[] = {
	{ "statushouders", "Statushouders", "Mensen met een verblijfsvergunning" },
	{ "jongeren", "Jongeren", NULL },
};
static const struct cat_region regions[] = { { "reg-west", "Regio West" } };
static const struct cat_gemeente gemeenten[] = {
	{ "stad", "Stad", "GM0001", "reg-west" },
	{ "dorp", "Dorp", "GM0002", "reg-west" },
	{ "ver", "Ver", NULL, NULL },
};
static const struct cat_wijk wijken[] = {
	{ "stad-noord", "Noord", "stad" },
	{ "stad-zuid", "Zuid", "stad" },
};
static const struct cat_address addresses[] = {
	{ "adr-1", "Marktplein", "1a", "1234 AB", "Stad", "stad" },
};
static const struct cat_contact contacts[] = {
	{ "Loket schulden", "intern", "intake", "schuld@gem-a.example", NULL },
	{ "Werkpunt", "extern", NULL, NULL, "010-7654321" },
};
static const struct cat_location locations[] = {
	{ "Stadskantoor", "adres", "adr-1", true, "Tweede verdieping" },
	{ "Bij je thuis", "klant-thuis", NULL, false, NULL },
};
static const struct cat_regcode regcodes[] = { { "SH-01", "Schuldhulp" } };
static const struct cat_link links[] = {
	{ "link", "Meer weten", "https://gem-a.example/schuld" },
	{ "video", NULL, "https://gem-a.example/film" },
};

/* The six instruments and what the search tests expect of them.
 *
 *  # id                  published 2026-06-01  tiles        kk        place         groups
 *  1 schuldhulp          yes (2026)            maatsch-fit  5.3       stad          -
 *  2 taalcursus          yes (no window)       opleiden+mf  6, 7      reg-west      statushouders
 *  3 sollicitatietraining yes                  bemiddeling  9         stad-noord    jongeren
 *  4 werkervaringsplaats no (publish off)      werk-fit     8.1, 10.2 everywhere    -
 *  5 budgetcafe          no (until 2026-03-31) maatsch-fit  5.3, 3    dorp          -
 *  6 schuldtraject       yes                   maatsch-fit  5.3       ver           -
 */
static const struct cat_instrument instruments[] = {
	{ .id = "schuldhulp", .organisation = "gem-a", .provider = "prov-1",
	  .name = "Schuldhulp startgesprek", .publish = true, .publish_from = D(2026, 1, 1),
	  .publish_until = D(2026, 12, 31),
	  .summary = "Je krijgt hulp bij schulden en betalingsachterstanden.",
	  .goal = "Overzicht over je schuld krijgen.",
	  .method = "Gesprekken met een schuldhulpverlener.", .forms = STRS("coaching", "verwijzing"),
	  .distinctive = "Binnen een week een gesprek.", .conditions = "Je woont in Stad.",
	  .agreements = "Afspraken in een plan.", .partners = "Voedselbank",
	  .target_group_note = "Voor iedereen met geldzorgen.", .additional_info = "Gratis.",
	  .registration = "Bel het loket.", .has_duration = true, .duration = 8,
	  .duration_unit = CAT_WEKEN, .duration_note = "Soms langer.", .has_intensity = true,
	  .intensity_hours = 1.5, .intensity_note = "Een gesprek per week.", .has_cost = true,
	  .cost_eur = 0, .cost_note = "Betaald door de gemeente.",
	  .tiles = STRS("maatschappelijk-fit"), .klantkenmerken = STRS("5.3"),
	  .sol_kinds = STRS("schuldsanering", "maatschappelijke-hulp"), .contacts = contacts,
	  .n_contacts = 2, .individual = true, .locations = locations, .n_locations = 2,
	  .regcodes = regcodes, .n_regcodes = 1, .links = links, .n_links = 2,
	  .gemeenten = STRS("stad") },
	{ .id = "taalcursus", .organisation = "gem-a", .provider = "prov-2",
	  .name = "Taalcursus Nederlands", .publish = true,
	  .summary = "Je leert Nederlands spreken en schrijven voor je werk.",
	  .goal = "Taalniveau B1 halen.", .method = "Lessen in een groep, twee keer per week.",
	  .forms = STRS("scholing"), .has_duration = true, .duration = 6,
	  .duration_unit = CAT_MAANDEN, .has_cost = true, .cost_eur = 1200.5,
	  .tiles = STRS("opleiden", "maatschappelijk-fit"), .klantkenmerken = STRS("7", "6"),
	  .group = true, .target_groups = STRS("statushouders"), .regions = STRS("reg-west") },
	{ .id = "sollicitatietraining", .organisation = "gem-a", .provider = "prov-1",
	  .name = "Sollicitatietraining", .publish = true,
	  .summary = "Je oefent sollicitatiegesprekken en schrijft een sterke brief.",
	  .goal = "Solliciteren met vertrouwen.",
	  .method = "Trainingen in een kleine groep met oefengesprekken.",
	  .forms = STRS("scholing", "coaching"), .has_duration = true, .duration = 20,
	  .duration_unit = CAT_UREN, .has_cost = true, .cost_eur = 350,
	  .tiles = STRS("bemiddeling"), .klantkenmerken = STRS("9"), .group = true,
	  .individual = true, .target_groups = STRS("jongeren"), .wijken = STRS("stad-noord") },
	{ .id = "werkervaringsplaats", .organisation = "gem-a", .provider = "prov-2",
	  .name = "Werkervaringsplaats in de zorg", .publish = false,
	  .summary = "Je doet werkervaring op in een zorginstelling.",
	  .goal = "Werknemersvaardigheden oefenen.",
	  .method = "Je werkt drie dagen per week mee met een jobcoach.",
	  .forms = STRS("leerwerktraject"), .has_duration = true, .duration = 3,
	  .duration_unit = CAT_MAANDEN, .tiles = STRS("werk-fit"),
	  .klantkenmerken = STRS("8.1", "10.2"), .individual = true },
	{ .id = "budgetcafe", .organisation = "gem-a", .provider = "prov-1", .name = "Budgetcafé",
	  .publish = true, .publish_until = D(2026, 3, 31),
	  .summary = "Een inloop waar je vragen over geld en schuld kunt stellen.",
	  .goal = "Grip op je geld.", .method = "Vrije inloop, elke dinsdag.",
	  .forms = STRS("materiele-ondersteuning"), .has_duration = true, .duration = 1,
	  .duration_unit = CAT_DAGEN, .has_cost = true, .cost_eur = 0,
	  .tiles = STRS("maatschappelijk-fit"), .klantkenmerken = STRS("5.3", "3"), .group = true,
	  .gemeenten = STRS("dorp") },
	{ .id = "schuldtraject", .organisation = "gem-a", .provider = "prov-1",
	  .name = "Schuldhulpverleningstraject", .publish = true,
	  .summary = "Een traject om je schulden op te lossen.",
	  .goal = "Rust in je financien.", .method = "Een vaste begeleider en een plan.",
	  .forms = STRS("verwijzing"), .tiles = STRS("maatschappelijk-fit"),
	  .klantkenmerken = STRS("5.3"), .individual = true, .gemeenten = STRS("ver") },
};

static const struct catalogue test_catalogue = {
	orgs, N(orgs), provs, N(provs), groups, N(groups), regions, N(regions),
	gemeenten, N(gemeenten), wijken, N(wijken), addresses, N(addresses),
	instruments, N(instruments),
};

static const struct date june = { 2026, 6, 1 };

/* A fresh fixture with the test catalogue stored. */
static int setup(void **state)
{
	store_fixture_setup(state);
	struct store_fixture *f = *state;
	struct err e = { 0 };
	store_expect(store_catalogue_replace(f->s, &f->who, &test_catalogue, &e), IPM_OK, &e, NULL);
	return 0;
}
#define CATALOGUE_TEST(t) cmocka_unit_test_setup_teardown(t, setup, store_fixture_teardown)

static char *json_of(const struct catalogue *c)
{
	struct buf b = BUF_INIT;
	struct err e = { 0 };
	store_expect(catalogue_json_write(c, &b, &e), IPM_OK, &e, NULL);
	return buf_detach(&b, NULL);
}

static char *stored_json(struct store *s)
{
	struct arena a = ARENA_INIT;
	struct catalogue c;
	struct err e = { 0 };
	store_expect(store_catalogue_load(s, &c, &a, &e), IPM_OK, &e, NULL);
	char *text = json_of(&c);
	arena_free(&a);
	return text;
}

static void test_load_returns_what_was_stored(void **state)
{
	struct store_fixture *f = *state;
	char *want = json_of(&test_catalogue), *got = stored_json(f->s);
	assert_string_equal(got, want);
	/* the order of a list is the imported order, not sorted */
	assert_non_null(strstr(got, "\"klantkenmerken\": [\"7\", \"6\"]"));
	free(want);
	free(got);

	struct arena a = ARENA_INIT;
	struct catalogue c;
	struct err e = { 0 };
	store_expect(store_catalogue_load(f->s, &c, &a, &e), IPM_OK, &e, NULL);
	assert_int_equal(c.n_instruments, 6);
	assert_true(c.instruments[1].cost_eur == 1200.5);
	assert_int_equal(c.instruments[2].duration_unit, CAT_UREN);
	assert_false(c.instruments[5].has_duration);
	assert_null(c.instruments[1].distinctive);
	assert_int_equal(c.instruments[0].publish_until.d, 31);
	assert_false(c.instruments[0].locations[1].in_use);
	arena_free(&a);
}

static void test_empty_catalogue_loads_empty(void **state)
{
	(void)state;
	struct store_fixture f = { 0 };
	store_fixture_up(&f);
	struct arena a = ARENA_INIT;
	struct catalogue c;
	struct err e = { 0 };
	store_expect(store_catalogue_load(f.s, &c, &a, &e), IPM_OK, &e, NULL);
	assert_int_equal(c.n_instruments + c.n_organisations + c.n_wijken, 0);
	struct store_cat_counts n;
	store_expect(store_catalogue_counts(f.s, june, &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n.generation, 0);
	struct store_cat_query q;
	store_cat_query_init(&q);
	q.text = "schuld";
	struct store_cat_result r;
	store_expect(store_catalogue_search(f.s, &q, &r, &a, &e), IPM_OK, &e, NULL);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.facets[STORE_CAT_TARGET_GROUP].n, 1); /* only "-" */
	arena_free(&a);
	store_fixture_down(&f);
}

static void test_failed_replace_changes_nothing(void **state)
{
	struct store_fixture *f = *state;
	char *before = stored_json(f->s);
	struct cat_instrument bad[2];
	memcpy(bad, instruments, sizeof bad);
	bad[1].provider = "nobody"; /* a reference cat_validate would have refused */
	struct catalogue c = test_catalogue;
	c.instruments = bad;
	c.n_instruments = 2;
	struct err e = { 0 };
	store_expect(store_catalogue_replace(f->s, &f->who, &c, &e), IPM_EINVAL, &e,
		     "catalogue replace: instrument 2: refers to a row that does not exist");
	char *after = stored_json(f->s);
	assert_string_equal(after, before);
	struct store_cat_counts n;
	store_expect(store_catalogue_counts(f->s, june, &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n.generation, 1);
	assert_int_equal(n.instruments, 6);
	free(before);
	free(after);
}

static void test_replace_is_audited_and_counted(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct store_cat_counts n;
	store_expect(store_catalogue_counts(f->s, june, &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n.generation, 1);
	assert_int_equal(n.organisations, 1);
	assert_int_equal(n.providers, 2);
	assert_int_equal(n.target_groups, 2);
	assert_int_equal(n.regions, 1);
	assert_int_equal(n.gemeenten, 3);
	assert_int_equal(n.wijken, 2);
	assert_int_equal(n.addresses, 1);
	assert_int_equal(n.instruments, 6);
	assert_int_equal(n.published, 4); /* 1, 2, 3, 6 */
	store_expect(store_catalogue_counts(f->s, D(2026, 3, 31), &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n.published, 5); /* budgetcafe's last day */
	store_expect(store_catalogue_counts(f->s, D(2025, 12, 31), &n, &e), IPM_OK, &e, NULL);
	assert_int_equal(n.published, 4); /* schuldhulp not yet */

	/* a second replace: generation 2, one more audit row by the user */
	store_expect(store_catalogue_replace(f->s, &f->who, &test_catalogue, &e), IPM_OK, &e, NULL);
	store_close(f->s);
	f->s = NULL;
	sqlite3 *db = raw_open(f->db);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE entity = 'catalogue'"
				 " AND action = 'update' AND user_id = ?",
				 "i", f->user),
			 2);
	assert_int_equal(raw_int(db, "SELECT max(entity_id) FROM audit_log WHERE entity = 'catalogue'",
				 ""),
			 2);
	sqlite3_close(db);
}

/* --- search --------------------------------------------------------------- */

static struct store_cat_result search(struct store *s, struct store_cat_query *q,
				      struct arena *a)
{
	struct store_cat_result r;
	struct err e = { 0 };
	store_expect(store_catalogue_search(s, q, &r, a, &e), IPM_OK, &e, NULL);
	return r;
}

static void expect_ids(const struct store_cat_result *r, size_t total, const char *const *ids,
		       size_t n)
{
	assert_int_equal(r->total, total);
	assert_int_equal(r->n_hits, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(r->hits[i].id, ids[i]);
}

#define EXPECT_IDS(r, total, ...)                                                          \
	do {                                                                                 \
		struct store_cat_result r_ = (r);                                            \
		expect_ids(&r_, total, (const char *const[]){ __VA_ARGS__ },                 \
			   sizeof((const char *const[]){ __VA_ARGS__ }) / sizeof(char *));   \
	} while (0)

static size_t count_of(const struct store_cat_result *r, int facet, const char *code)
{
	for (size_t k = 0; k < r->facets[facet].n; k++)
		if (strcmp(r->facets[facet].v[k].code, code) == 0)
			return r->facets[facet].v[k].count;
	fail_msg("facet %s has no value %s", store_cat_facet_names[facet], code);
	return 0;
}

static void test_search_text_is_stemmed_and_ranked(void **state)
{
	struct store_fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct store_cat_query q;
	store_cat_query_init(&q);
	/* "schulden" -> stem "schuld": finds schulden, schuld and compounds
	 * made with it. Weighted frequencies (name 4, summary 2, goal 1,
	 * method 1): 1 has Schuldhulp (name), schulden, schuld and
	 * schuldhulpverlener = 8; 6 has Schuldhulpverleningstraject (name) and
	 * schulden = 6; 5 has schuld in its summary = 2. */
	q.text = "schulden";
	struct store_cat_result r = search(f->s, &q, &a);
	EXPECT_IDS(r, 3, "schuldhulp", "schuldtraject", "budgetcafe");
	assert_true(r.hits[0].score < r.hits[1].score);
	assert_string_equal(r.hits[1].snippet, "[Schuldhulpverleningstraject]");

	/* the scores are FTS5's own bm25 (the table's rank), row lengths from memory */
	sqlite3 *db = raw_open(f->db);
	struct err e = { 0 };
	store_expect(fts_nl_register(db, &e), IPM_OK, &e, NULL);
	for (size_t k = 0; k < r.n_hits; k++) {
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db,
						    "SELECT rank, ipm_bm25(cat_fts) FROM cat_fts"
						    " WHERE cat_fts MATCH '\"schulden\"' AND rowid ="
						    " (SELECT seq FROM cat_instruments WHERE id = ?)",
						    -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, r.hits[k].id, -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_float_equal(r.hits[k].score, sqlite3_column_double(st, 0), 1e-12);
		assert_float_equal(r.hits[k].score, sqlite3_column_double(st, 1), 1e-12);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);

	q.published_on = june;
	q.mark_open = "<b>";
	q.mark_close = "</b>";
	r = search(f->s, &q, &a);
	EXPECT_IDS(r, 2, "schuldhulp", "schuldtraject");
	assert_string_equal(r.hits[0].snippet, "<b>Schuldhulp</b> startgesprek");

	q.text = "SCHULD"; /* case and the stem's other form */
	assert_int_equal(search(f->s, &q, &a).total, 2);
	q.text = "schuldhulp*"; /* a prefix */
	assert_int_equal(search(f->s, &q, &a).total, 2);
	q.text = "schuldhulp"; /* a part of Schuldhulpverleningstraject */
	EXPECT_IDS(search(f->s, &q, &a), 2, "schuldhulp", "schuldtraject");
	q.text = "hulpverlening"; /* so is a run of parts; not hulpverlener */
	EXPECT_IDS(search(f->s, &q, &a), 1, "schuldtraject");
	q.published_on = DATE_NONE;
	q.mark_open = q.mark_close = NULL; /* the default marks */
	q.text = "budgetcafe"; /* accents do not matter: Budgetcafé */
	r = search(f->s, &q, &a);
	EXPECT_IDS(r, 1, "budgetcafe");
	assert_string_equal(r.hits[0].snippet, "[Budgetcafé]");
	q.text = "\"hulp bij schulden\""; /* a phrase */
	EXPECT_IDS(search(f->s, &q, &a), 1, "schuldhulp");
	q.text = "\"schulden bij hulp\"";
	assert_int_equal(search(f->s, &q, &a).total, 0);
	q.text = "trainingen groep"; /* every word must occur; trainingen -> training */
	EXPECT_IDS(search(f->s, &q, &a), 1, "sollicitatietraining");
	/* The compound's modifier and head both find it; -atie meets -eren */
	q.text = "taal";
	EXPECT_IDS(search(f->s, &q, &a), 1, "taalcursus");
	q.text = "cursus";
	EXPECT_IDS(search(f->s, &q, &a), 1, "taalcursus");
	q.text = "niveau"; /* Taalniveau in the goal */
	EXPECT_IDS(search(f->s, &q, &a), 1, "taalcursus");
	q.text = "sollicitatie"; /* Sollicitatietraining, sollicitatiegesprekken */
	EXPECT_IDS(search(f->s, &q, &a), 1, "sollicitatietraining");
	q.text = "solliciteren";
	EXPECT_IDS(search(f->s, &q, &a), 1, "sollicitatietraining");
	/* sollicitatiegesprekken in a summary (2) before Gesprekken in a
	 * method (1); oefengesprekken is not split (oefen is not known) */
	q.text = "gesprek";
	EXPECT_IDS(search(f->s, &q, &a), 2, "sollicitatietraining", "schuldhulp");
	/* a query word is not split: taalcursus asks for the compound */
	q.text = "schuldtraject";
	assert_int_equal(search(f->s, &q, &a).total, 0);
	q.text = "\"taal cursus\""; /* parts share the compound's position */
	assert_int_equal(search(f->s, &q, &a).total, 0);
	q.text = "NEAR OR \" ( -"; /* FTS5 syntax is taken as words */
	assert_int_equal(search(f->s, &q, &a).total, 0);
	q.text = "  \"\" ";
	assert_int_equal(search(f->s, &q, &a).total, 6); /* no words: no text condition */
	arena_free(&a);
}

static void test_search_facets_filter_and_count(void **state)
{
	struct store_fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct store_cat_query q;
	store_cat_query_init(&q);
	q.published_on = june;

	/* nothing chosen: 1, 2, 3, 6 by name */
	struct store_cat_result r = search(f->s, &q, &a);
	EXPECT_IDS(r, 4, "schuldhulp", "schuldtraject", "sollicitatietraining", "taalcursus");
	assert_int_equal(r.facets[STORE_CAT_TILE].n, 4);
	assert_int_equal(count_of(&r, STORE_CAT_TILE, "maatschappelijk-fit"), 3);
	assert_int_equal(count_of(&r, STORE_CAT_TILE, "opleiden"), 1);
	assert_int_equal(count_of(&r, STORE_CAT_TILE, "werk-fit"), 0);
	assert_int_equal(count_of(&r, STORE_CAT_KLANTKENMERK, "5"), 2);
	assert_int_equal(count_of(&r, STORE_CAT_KLANTKENMERK, "5.3"), 2);
	assert_int_equal(count_of(&r, STORE_CAT_KLANTKENMERK, "8"), 0);
	assert_int_equal(count_of(&r, STORE_CAT_KLANTKENMERK, "3"), 0);
	const char *kk_order[] = { "3", "5", "5.3", "6", "7", "8", "8.1", "9", "10", "10.2" };
	assert_int_equal(r.facets[STORE_CAT_KLANTKENMERK].n, N(kk_order));
	for (size_t k = 0; k < N(kk_order); k++)
		assert_string_equal(r.facets[STORE_CAT_KLANTKENMERK].v[k].code, kk_order[k]);
	assert_int_equal(count_of(&r, STORE_CAT_TARGET_GROUP, STORE_CAT_EVERYONE), 2);
	assert_int_equal(count_of(&r, STORE_CAT_TARGET_GROUP, "statushouders"), 1);
	assert_int_equal(count_of(&r, STORE_CAT_REGION, "reg-west"), 3);
	assert_int_equal(count_of(&r, STORE_CAT_GEMEENTE, "stad"), 3);
	assert_int_equal(count_of(&r, STORE_CAT_GEMEENTE, "dorp"), 1);
	assert_int_equal(count_of(&r, STORE_CAT_GEMEENTE, "ver"), 1);
	assert_int_equal(count_of(&r, STORE_CAT_WIJK, "stad-noord"), 3);
	assert_int_equal(count_of(&r, STORE_CAT_WIJK, "stad-zuid"), 2);
	assert_int_equal(count_of(&r, STORE_CAT_SETTING, "groep"), 2);
	assert_int_equal(count_of(&r, STORE_CAT_SETTING, "individueel"), 3);

	/* a place: the instrument there, its region's, its wijken's */
	q.facets[STORE_CAT_GEMEENTE] = (struct cat_strs)STRS("stad");
	r = search(f->s, &q, &a);
	EXPECT_IDS(r, 3, "schuldhulp", "sollicitatietraining", "taalcursus");
	q.limit = 2;
	q.offset = 1;
	EXPECT_IDS(search(f->s, &q, &a), 3, "sollicitatietraining", "taalcursus");
	q.limit = q.offset = 0;
	q.facets[STORE_CAT_GEMEENTE] = (struct cat_strs){ 0 };
	q.facets[STORE_CAT_WIJK] = (struct cat_strs)STRS("stad-zuid");
	EXPECT_IDS(search(f->s, &q, &a), 2, "schuldhulp", "taalcursus");
	q.facets[STORE_CAT_WIJK] = (struct cat_strs){ 0 };

	/* a parent klantkenmerk matches its children */
	q.facets[STORE_CAT_KLANTKENMERK] = (struct cat_strs)STRS("5");
	EXPECT_IDS(search(f->s, &q, &a), 2, "schuldhulp", "schuldtraject");
	q.facets[STORE_CAT_KLANTKENMERK] = (struct cat_strs){ 0 };

	/* values of one facet are alternatives, facets all apply */
	q.facets[STORE_CAT_TILE] = (struct cat_strs)STRS("opleiden", "bemiddeling");
	EXPECT_IDS(search(f->s, &q, &a), 2, "sollicitatietraining", "taalcursus");
	q.facets[STORE_CAT_TILE] = (struct cat_strs)STRS("maatschappelijk-fit");
	q.facets[STORE_CAT_FORM] = (struct cat_strs)STRS("coaching");
	r = search(f->s, &q, &a);
	EXPECT_IDS(r, 1, "schuldhulp");
	assert_int_equal(count_of(&r, STORE_CAT_FORM, "verwijzing"), 1);
	assert_int_equal(count_of(&r, STORE_CAT_FORM, "scholing"), 0);
	q.facets[STORE_CAT_TILE] = q.facets[STORE_CAT_FORM] = (struct cat_strs){ 0 };

	q.facets[STORE_CAT_TARGET_GROUP] = (struct cat_strs)STRS(STORE_CAT_EVERYONE, "jongeren");
	EXPECT_IDS(search(f->s, &q, &a), 3, "schuldhulp", "schuldtraject", "sollicitatietraining");
	q.facets[STORE_CAT_TARGET_GROUP] = (struct cat_strs){ 0 };
	q.facets[STORE_CAT_SETTING] = (struct cat_strs)STRS("groep");
	EXPECT_IDS(search(f->s, &q, &a), 2, "sollicitatietraining", "taalcursus");
	q.facets[STORE_CAT_SETTING] = (struct cat_strs)STRS("onbekend");
	assert_int_equal(search(f->s, &q, &a).total, 0);
	q.facets[STORE_CAT_SETTING] = (struct cat_strs){ 0 };

	/* ranges: no cost or no duration never passes */
	q.cost_max = 500;
	EXPECT_IDS(search(f->s, &q, &a), 2, "schuldhulp", "sollicitatietraining");
	q.cost_max = NAN;
	q.days_max = 30; /* 20 uren = 0.83 days; 8 weken = 56 */
	EXPECT_IDS(search(f->s, &q, &a), 1, "sollicitatietraining");
	q.days_max = NAN;
	q.days_min = 56; /* 8 weken, and 6 maanden = 182.6 days */
	EXPECT_IDS(search(f->s, &q, &a), 2, "schuldhulp", "taalcursus");
	q.days_min = NAN;

	/* publish off: every instrument, the unrestricted one counts in every place */
	q.published_on = DATE_NONE;
	q.facets[STORE_CAT_KLANTKENMERK] = (struct cat_strs)STRS("8");
	r = search(f->s, &q, &a);
	EXPECT_IDS(r, 1, "werkervaringsplaats");
	assert_int_equal(count_of(&r, STORE_CAT_GEMEENTE, "ver"), 1);
	assert_int_equal(count_of(&r, STORE_CAT_WIJK, "stad-zuid"), 1);
	arena_free(&a);
}

static void test_search_follows_a_replace_on_another_connection(void **state)
{
	struct store_fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct store_cat_query q;
	store_cat_query_init(&q);
	q.text = "taalcursus";
	assert_int_equal(search(f->s, &q, &a).total, 1); /* index built */

	struct store *other;
	struct err e = { 0 };
	store_expect(store_open(f->db, &other, &e), IPM_OK, &e, NULL);
	struct catalogue c = test_catalogue;
	c.n_instruments = 1; /* only schuldhulp */
	store_expect(store_catalogue_replace(other, &f->who, &c, &e), IPM_OK, &e, NULL);
	store_close(other);

	assert_int_equal(search(f->s, &q, &a).total, 0);
	q.text = NULL;
	struct store_cat_result r = search(f->s, &q, &a);
	EXPECT_IDS(r, 1, "schuldhulp");
	assert_int_equal(count_of(&r, STORE_CAT_TILE, "maatschappelijk-fit"), 1);
	assert_int_equal(r.facets[STORE_CAT_TILE].n, 1);
	arena_free(&a);
}

/* Every result of a text search, in order and with its score, against FTS5
 * itself on another connection: `rank` (bm25 with the table's weights) over
 * the same index, ORDER BY rank, rowid. The search computes bm25 from its
 * own index in memory; the two must agree on every row, at any page. */
static void expect_as_fts5(struct store_fixture *f, const char *text, const char *fts)
{
	struct arena a = ARENA_INIT;
	struct store_cat_query q;
	store_cat_query_init(&q);
	q.text = text;
	q.limit = STORE_CAT_PAGE_MAX;
	struct store_cat_result r = search(f->s, &q, &a);
	sqlite3 *db = raw_open(f->db);
	struct err e = { 0 };
	store_expect(fts_nl_register(db, &e), IPM_OK, &e, NULL);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT id FROM cat_instruments WHERE seq = cat_fts.rowid),"
					    " rank FROM cat_fts WHERE cat_fts MATCH ?1 ORDER BY rank, rowid",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, fts, -1, SQLITE_STATIC);
	size_t k = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (k >= r.n_hits)
			fail_msg("%s: FTS5 has more than %zu rows", text, r.n_hits);
		if (strcmp(r.hits[k].id, (const char *)sqlite3_column_text(st, 0)) != 0)
			fail_msg("%s: row %zu is %s, FTS5 has %s", text, k, r.hits[k].id,
				 (const char *)sqlite3_column_text(st, 0));
		assert_float_equal(r.hits[k].score, sqlite3_column_double(st, 1), 1e-12);
		k++;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_int_equal(k, r.n_hits);
	assert_int_equal(k, r.total);
	/* a page further on is the same rows */
	if (r.total > 6) {
		q.offset = 3;
		q.limit = 3;
		struct store_cat_result p = search(f->s, &q, &a);
		assert_int_equal(p.n_hits, 3);
		for (size_t j = 0; j < 3; j++) {
			assert_string_equal(p.hits[j].id, r.hits[3 + j].id);
			assert_true(p.hits[j].score == r.hits[3 + j].score);
		}
	}
	arena_free(&a);
}

/* FTS5 holds exactly what the tokenizer makes of the stored text: its own
 * integrity check re-tokenizes every row (with the learned parts this
 * connection has) and compares with the index. */
static void expect_index_consistent(struct store_fixture *f)
{
	char *msg = NULL;
	int rc = sqlite3_exec(f->s->db,
			      "INSERT INTO cat_fts (cat_fts, rank) VALUES ('integrity-check', 1)", NULL,
			      NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("integrity-check: %s", msg ? msg : "?");
	sqlite3_free(msg);
}

static void test_search_scores_equal_fts5(void **state)
{
	struct store_fixture *f = *state;
	expect_index_consistent(f);
	expect_as_fts5(f, "schulden", "\"schulden\"");
	expect_as_fts5(f, "je", "\"je\"");
	expect_as_fts5(f, "je een", "\"je\" \"een\"");
	expect_as_fts5(f, "je je", "\"je\" \"je\""); /* the same word twice: two phrases */
	expect_as_fts5(f, "hulp", "\"hulp\"");  /* a word and compound parts */
	expect_as_fts5(f, "cursus", "\"cursus\"");
	expect_as_fts5(f, "\"Schulden\"", "\"schulden\"");
	expect_as_fts5(f, "onbekend", "\"onbekend\"");
	expect_as_fts5(f, "schuld*", "\"schuld\"*"); /* a prefix: FTS5 answers */
	expect_as_fts5(f, "\"hulp bij\"", "\"hulp bij\"");
}

/* The demo catalogue (data/catalogue/demo.json, 151 instruments): which
 * searches find which instruments through compounds, checked against the
 * words of the instruments' texts; and every score against FTS5. */
static void test_search_demo_catalogue(void **state)
{
	struct store_fixture *f = *state;
	struct buf json = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	store_expect(fs_read_file("data/catalogue/demo.json", &json, &e), IPM_OK, &e, NULL);
	struct catalogue c;
	struct cat_problems p = { 0 };
	store_expect(catalogue_json_parse(json.data, json.len, "demo.json", &c, &p, &a, &e), IPM_OK,
		     &e, NULL);
	store_expect(store_catalogue_replace(f->s, &f->who, &c, &e), IPM_OK, &e, NULL);
	expect_index_consistent(f);

	struct store_cat_query q;
	store_cat_query_init(&q);
	q.limit = STORE_CAT_PAGE_MAX;
	/* taal: 11 instruments have the word itself (or talen); 7 more only a
	 * compound: taalcafé (3), taalmaatje, taalachterstand, taalniveau,
	 * taalhuis. Not the ones with tweetallen. */
	q.text = "taal";
	struct store_cat_result r = search(f->s, &q, &a);
	assert_int_equal(r.total, 18);
	static const char *const taal_compound_only[] = {
		"taalcafe-oosterbroek-najaar", "taalcafe-bibliotheek", "taalcafe-linderveen",
		"taalmaatje", "zomerschool-taal-2026", "taaltraject-nt2-a2", "digicheck",
	};
	for (size_t k = 0; k < N(taal_compound_only); k++) {
		bool found = false;
		for (size_t j = 0; j < r.n_hits; j++)
			found |= strcmp(r.hits[j].id, taal_compound_only[k]) == 0;
		if (!found)
			fail_msg("taal does not find %s", taal_compound_only[k]);
	}
	for (size_t j = 0; j < r.n_hits; j++)
		assert_string_not_equal(r.hits[j].id, "netwerktraining");
	/* schuld: 9 with schuld or schulden, 2 with schuldhulp(verlener) only */
	q.text = "schuld";
	r = search(f->s, &q, &a);
	assert_int_equal(r.total, 11);
	q.text = "hulpverlening"; /* only inside schuldhulpverlening */
	EXPECT_IDS(search(f->s, &q, &a), 1, "schuldhulp-startgesprek");
	/* sollicitatie and solliciteren are one stem: the same results */
	q.text = "sollicitatie";
	r = search(f->s, &q, &a);
	q.text = "solliciteren";
	struct store_cat_result r2 = search(f->s, &q, &a);
	assert_int_equal(r.total, 26);
	assert_int_equal(r2.total, 26);
	for (size_t j = 0; j < r.n_hits; j++)
		assert_string_equal(r.hits[j].id, r2.hits[j].id);

	expect_as_fts5(f, "taal", "\"taal\"");
	expect_as_fts5(f, "werk", "\"werk\"");
	expect_as_fts5(f, "werk taal", "\"werk\" \"taal\"");
	expect_as_fts5(f, "sollicitatie training", "\"sollicitatie\" \"training\"");
	expect_as_fts5(f, "je hulp bij geld", "\"je\" \"hulp\" \"bij\" \"geld\"");
	arena_free(&a);
	buf_free(&json);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CATALOGUE_TEST(test_load_returns_what_was_stored),
		cmocka_unit_test(test_empty_catalogue_loads_empty),
		CATALOGUE_TEST(test_failed_replace_changes_nothing),
		CATALOGUE_TEST(test_replace_is_audited_and_counted),
		CATALOGUE_TEST(test_search_text_is_stemmed_and_ranked),
		CATALOGUE_TEST(test_search_facets_filter_and_count),
		CATALOGUE_TEST(test_search_scores_equal_fts5),
		CATALOGUE_TEST(test_search_demo_catalogue),
		CATALOGUE_TEST(test_search_follows_a_replace_on_another_connection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
