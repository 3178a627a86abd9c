/* The report's document model for a fixed synthetic client (report-doc-v1):
 * the professional version equals the committed golden JSON
 * (tests/golden/report/, see the README there), its numbers agree with
 * hand computations from the packs' own tables, and the client and
 * employer versions hold no test internals and only consented parts.
 *
 * The client is made in-process through the use cases (services/demo.h,
 * demo_route, with fixed dates); the document is read with the real binary,
 * `ipm report-doc`. Stored times (decided_at, created_at) are the clock's
 * and are masked before the comparison. Set IPM_GOLDEN_UPDATE=1 to rewrite
 * the golden file after a deliberate change, and review the diff. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "services/catalogue_json.h"
#include "services/demo.h"
#include "store/store.h"
#include "store/store_catalogue.h"
#include "support/cli_db.h"
#include "support/proc.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN "tests/golden/report/fixture-prof.json"
#define CATALOGUE "tests/golden/report/catalogue.json"
#define REPORT_DATE "2026-06-15"
#define PROGNOSIS_DAY "2026-06-01"

struct fixture {
	struct cli_db d;
	int64_t client;
};

static const char *const factors[] = {
	"gezondheid", "werkvermogen", "psychosociaal", "taalniveau", "opleiding",
	"werkervaring-recent", "zoekgedrag", "motivatie", "netwerk", "schulden",
	"vraag-beroep", "ondersteuning",
};
static const char *const ratings[] = { "0", "1", "-1", "2", "0", "1", "0", "1", "-1", "", "-1",
				       "0" };

static int newest(void *ctx, const char *version, const char *content, size_t len, struct err *e)
{
	(void)content, (void)len, (void)e;
	struct buf *b = ctx;
	buf_reset(b);
	buf_puts(b, version); /* one version is registered in a fresh database */
	return IPM_OK;
}

/* A fresh database with the packs, one organisation, one consulent and the
 * synthetic client "TST-0001" with the whole route behind her. */
static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct err e = { 0 };
	struct store *s = NULL;
	struct buf version = BUF_INIT;
	int64_t org, user, id;
	cli_db_up(&f->d);
	cli_db_init(&f->d, 0);
	assert_int_equal(store_open(f->d.db.data, &s, &e), IPM_OK);
	assert_int_equal(store_org_create(s, "Gemeente Proefstad", "gemeente", &org, &e), IPM_OK);
	const struct store_user u = { .org_id = org, .username = "t.consulent",
				      .display_name = "Test Consulent", .role = "consulent" };
	assert_int_equal(store_user_create(s, &u, &user, &e), IPM_OK);
	const struct store_actor who = { .user_id = user };
	/* Born 1975: in the Big Five norm group 41-60 from 2016 to 2035, so the
	 * norms chosen on the (real) day of the test stay the same. */
	const struct store_client c = {
		.org_id = org, .reference = "TST-0001", .given_name = "Tessa",
		.family_name = "Proef", .birth_date = "1975-04-12", .sex = "v",
		.benefit_type = "ww", .benefit_start = "2026-01-10", .education_level = "mbo-4",
		.language_level = "C1", .route_step = "advies", .gemeente = "Voorbeeldstad",
		.target_groups = "[\"statushouders\"]",
	};
	assert_int_equal(store_client_create(s, &who, &c, &f->client, &e), IPM_OK);
	assert_int_equal(store_pack_versions_each(s, "ipm-factors", newest, &version, &e), IPM_OK);
	assert_int_equal(store_assessment_start(s, &who, f->client, "ipm-factors", version.data,
						"professional", &id, &e),
			 IPM_OK);
	for (size_t i = 0; i < sizeof factors / sizeof factors[0]; i++)
		assert_int_equal(store_answer_put(s, &who, id, factors[i], ratings[i], &e), IPM_OK);
	assert_int_equal(store_assessment_complete(s, &who, id, &e), IPM_OK);
	if (demo_route(s, &who, f->client, PROGNOSIS_DAY, &e) != IPM_OK)
		fail_msg("demo_route: %s", e.msg);
	/* The organisation's catalogue, for the matches of section 10. */
	struct buf text = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct cat_problems probs = { 0 };
	struct catalogue cat;
	if (fs_read_file(CATALOGUE, &text, &e) ||
	    catalogue_json_parse(text.data, text.len, CATALOGUE, &cat, &probs, &a, &e) ||
	    store_catalogue_replace(s, &who, &cat, &e))
		fail_msg("%s", e.msg);
	cat_problems_free(&probs);
	arena_free(&a);
	buf_free(&text);
	store_close(s);
	buf_free(&version);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	cli_db_down(&f->d);
	free(f);
	return 0;
}

static json_t *report_doc(const struct fixture *f, const char *version, struct buf *text)
{
	struct buf out = BUF_INIT, id = BUF_INIT;
	buf_printf(&id, "%lld", (long long)f->client);
	const char *args[] = { "report-doc", "--db", f->d.db.data, "--client", id.data, "--version",
			       version, "--date", REPORT_DATE, NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	json_t *doc = json_loadb(out.data, out.len, 0, NULL);
	assert_non_null(doc);
	if (text)
		buf_puts(text, out.data);
	buf_free(&out);
	buf_free(&id);
	return doc;
}

static json_t *section(const json_t *doc, const char *id)
{
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(doc, "sections"), i, s)
		if (strcmp(json_string_value(json_object_get(s, "id")), id) == 0)
			return json_object_get(s, "data");
	fail_msg("no section %s", id);
	return NULL;
}

/* Times the store stamps with the clock: the same text whatever the day. */
static void mask_times(json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach(v, k, x) {
			size_t n = strlen(k);
			if (n > 3 && strcmp(k + n - 3, "_at") == 0 && json_is_string(x))
				json_object_set_new(v, k, json_string("<time>"));
			else
				mask_times(x);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) mask_times(x);
	}
}

static void test_prof_equals_golden(void **state)
{
	json_t *doc = report_doc(*state, "prof", NULL);
	mask_times(doc);
	char *text = json_dumps(doc, JSON_SORT_KEYS | JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	struct buf want = BUF_INIT, got = BUF_INIT;
	struct err e = { 0 };
	buf_printf(&got, "%s\n", text);
	if (getenv("IPM_GOLDEN_UPDATE")) {
		FILE *fp = fopen(GOLDEN, "w");
		assert_non_null(fp);
		fputs(got.data, fp);
		fclose(fp);
	}
	assert_int_equal(fs_read_file(GOLDEN, &want, &e), IPM_OK);
	if (strcmp(want.data, got.data) != 0) {
		fprintf(stderr, "document differs from %s; got:\n%s", GOLDEN, got.data);
		fail();
	}
	free(text);
	buf_free(&want);
	buf_free(&got);
	json_decref(doc);
}

/* The same data and date give the same bytes (nothing but the stored
 * times may differ, and those do not change between two reads). */
static void test_document_is_reproducible(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	json_decref(report_doc(*state, "prof", &a));
	json_decref(report_doc(*state, "prof", &b));
	assert_string_equal(a.data, b.data);
	buf_free(&a);
	buf_free(&b);
}

/* Φ by the textbook series-free formula, independent of the engine's. */
static double phi(double z)
{
	return 0.5 * erfc(-z / sqrt(2.0));
}

/* Every Big Five T-score equals 50 + 10 (raw − mean) / sd with the mean and
 * sd of the norm group female 41–60 read straight from the pack, and every
 * percentile 100 Φ((T − 50) / 10), to the document's one decimal. */
static void test_t_scores_from_the_norm_table(void **state)
{
	json_t *doc = report_doc(*state, "prof", NULL);
	json_error_t je;
	json_t *pack = json_load_file("data/packs/ipip-neo-120.json", 0, &je);
	assert_non_null(pack);
	const json_t *group = NULL, *g;
	size_t i, k, checked = 0;
	json_array_foreach(json_object_get(json_object_get(pack, "norms"), "groups"), i, g)
		if (strcmp(json_string_value(json_object_get(g, "id")), "female-41-60") == 0)
			group = g;
	assert_non_null(group);
	const json_t *norms = json_object_get(group, "values"); /* id: [mean, sd] */
	const json_t *d, *fct;
	json_array_foreach(json_object_get(section(doc, "persoonlijkheid"), "domains"), i, d) {
		json_t *all = json_array();
		json_array_append(all, (json_t *)d);
		json_array_foreach(json_object_get(d, "facets"), k, fct) json_array_append(all, (json_t *)fct);
		json_array_foreach(all, k, fct) {
			const char *id = json_string_value(json_object_get(fct, "id"));
			const json_t *n = json_object_get(norms, id);
			if (!n)
				continue;
			double mean = json_number_value(json_array_get(n, 0));
			double sd = json_number_value(json_array_get(n, 1));
			double raw = json_number_value(json_object_get(fct, "raw"));
			/* O6 is prorated: raw is the prorated sum, as documented. */
			double t = 50 + 10 * (raw - mean) / sd;
			assert_true(fabs(json_number_value(json_object_get(fct, "t")) - t) <= 0.051);
			assert_true(fabs(json_number_value(json_object_get(fct, "percentile")) -
					 100 * phi((t - 50) / 10)) <= 0.2);
			checked++;
		}
		json_decref(all);
	}
	assert_int_equal(checked, 35);
	json_decref(pack);
	json_decref(doc);
}

/* Jobcoaching: 24 contract hours × 6 % (licht) = 1.44 hours a week; the
 * curve passes through the stored p6 and p12; the age and the months are
 * counted to the report date by hand. */
static void test_arithmetic_by_hand(void **state)
{
	json_t *doc = report_doc(*state, "prof", NULL);
	json_t *adv = section(doc, "advies");
	json_t *jc = json_object_get(adv, "jobcoaching");
	assert_true(json_number_value(json_object_get(jc, "contract_hours")) == 24.0);
	assert_true(json_number_value(json_object_get(json_object_get(jc, "grade"), "percent")) == 6.0);
	assert_true(json_number_value(json_object_get(jc, "hours_per_week")) == 1.44);
	json_t *p = json_object_get(adv, "prognosis");
	json_t *curve = json_object_get(p, "curve");
	assert_int_equal(json_array_size(curve), 25);
	assert_true(json_number_value(json_object_get(json_array_get(curve, 6), "p_work")) ==
		    json_number_value(json_object_get(p, "p6")));
	assert_true(json_number_value(json_object_get(json_array_get(curve, 12), "p_work")) ==
		    json_number_value(json_object_get(p, "p12")));
	/* 1975-04-12 → 2026-06-15: 51 years; 2026-01-10 → 2026-06-15: 5 months. */
	json_t *client = json_object_get(doc, "client");
	assert_int_equal(json_integer_value(json_object_get(client, "age")), 51);
	assert_int_equal(json_integer_value(json_object_get(client, "months_unemployed")), 5);
	/* 2026-01-10 → 2026-06-01 (the prognosis day): 4 whole months. */
	assert_int_equal(json_integer_value(json_object_get(p, "months_unemployed")), 4);
	/* Age 51 is handhaving (45–64); the professional made it exploratie. */
	json_t *phase = section(doc, "loopbaanfase");
	assert_string_equal(json_string_value(json_object_get(json_object_get(phase, "computed"), "code")),
			    "handhaving");
	assert_string_equal(json_string_value(json_object_get(json_object_get(phase, "phase"), "code")),
			    "exploratie");
	assert_int_equal(json_integer_value(json_object_get(adv, "override_count")), 2);
	json_decref(doc);
}

/* Any of these keys anywhere below v. */
static int has_key(const json_t *v, const char *const *keys)
{
	const char *k;
	json_t *x;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, x) {
			for (const char *const *p = keys; *p; p++)
				if (strcmp(k, *p) == 0)
					return 1;
			if (has_key(x, keys))
				return 1;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) if (has_key(x, keys)) return 1;
	}
	return 0;
}

static const char *const internals[] = { "t", "percentile", "raw", "norm", "answered", "asked",
					 "flags", "mean", "score", "congruence", "p6", "p12",
					 "contributions", "curve", "judgement", "judgements",
					 "rating", "lp", "mps", NULL };

static void test_client_version_has_no_test_internals(void **state)
{
	struct buf text = BUF_INIT;
	json_t *doc = report_doc(*state, "client", &text);
	assert_false(has_key(section(doc, "persoonlijkheid"), internals));
	assert_false(has_key(section(doc, "loopbaanankers"), internals));
	assert_false(has_key(section(doc, "carrierecluster"), internals));
	assert_false(has_key(section(doc, "belemmerend"), internals));
	json_t *p = json_object_get(section(doc, "advies"), "prognosis");
	assert_false(has_key(p, internals));
	assert_non_null(json_object_get(p, "band"));
	assert_string_equal(json_string_value(json_object_get(p, "calibration")),
			    "niet gekalibreerd");
	/* No item text of any questionnaire: one Big Five item, checked. */
	assert_null(strstr(text.data, "Maak mij zorgen"));
	/* Rejected advice stays with the professional. */
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(section(doc, "advies"), "advice"), i, a)
		assert_string_not_equal(json_string_value(json_object_get(a, "status")), "rejected");
	assert_true(json_is_null(json_object_get(json_object_get(doc, "client"), "family_name")));
	assert_int_equal(json_array_size(json_object_get(doc, "sections")), 10);
	json_decref(doc);
	buf_free(&text);
}

static void test_employer_version_only_consented(void **state)
{
	json_t *doc = report_doc(*state, "employer", NULL);
	/* demo_route's consents: naam, cv, loopbaanankers, cultuur,
	 * functieanalyse, faciliterend, advies; refused: persoonlijkheid,
	 * belemmerend; never asked: loopbaanfase, carrierecluster. */
	static const char *const shared[] = { "cv", "loopbaanankers", "cultuur", "functieanalyse",
					      "faciliterend", "advies" };
	size_t i;
	json_t *s;
	json_array_foreach(json_object_get(doc, "sections"), i, s) {
		const char *id = json_string_value(json_object_get(s, "id"));
		int want = 0;
		for (size_t k = 0; k < sizeof shared / sizeof shared[0]; k++)
			want |= strcmp(id, shared[k]) == 0;
		assert_int_equal(json_is_true(json_object_get(s, "shared")), want);
		if (!want)
			assert_true(json_is_null(json_object_get(s, "data")));
		assert_false(has_key(json_object_get(s, "data"), internals));
	}
	json_t *adv = section(doc, "advies");
	assert_true(json_is_null(json_object_get(adv, "prognosis")));
	json_t *a;
	json_array_foreach(json_object_get(adv, "advice"), i, a) {
		assert_string_equal(json_string_value(json_object_get(a, "type")), "randvoorwaarde");
		assert_string_equal(json_string_value(json_object_get(a, "status")), "accepted");
	}
	assert_int_equal(json_array_size(json_object_get(adv, "advice")), 2);
	assert_null(json_object_get(json_object_get(adv, "trajectplan"), "activities"));
	json_t *work = json_array_get(json_object_get(section(doc, "cv"), "work"), 0);
	assert_null(json_object_get(work, "employer"));
	json_t *client = json_object_get(doc, "client");
	assert_true(json_is_null(json_object_get(client, "birth_date")));
	assert_true(json_is_null(json_object_get(client, "age")));
	assert_string_equal(json_string_value(json_object_get(client, "family_name")), "Proef");
	json_decref(doc);
}

static void test_bad_input_exits_2(void **state)
{
	struct fixture *f = *state;
	struct buf err = BUF_INIT;
	const char *bad_date[] = { "report-doc", "--db", f->d.db.data, "--client", "1", "--version",
				   "prof", "--date", "2026-02-30", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, bad_date), 2);
	assert_non_null(strstr(err.data, "--date"));
	const char *bad_version[] = { "report-doc", "--db", f->d.db.data, "--client", "1",
				      "--version", "manager", "--date", REPORT_DATE, NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, bad_version), 2);
	const char *no_client[] = { "report-doc", "--db", f->d.db.data, "--client", "999",
				    "--version", "prof", "--date", REPORT_DATE, NULL };
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, no_client), 2);
	assert_non_null(strstr(err.data, "no client"));
	buf_free(&err);
}

/* Matching on the report date over tests/golden/report/catalogue.json, by
 * hand. Needs (default model, β × |rating|): vraag-beroep −1 → 0.2 (kk 1;
 * herorientatie, vacatureverwerving, matching-bemiddeling; no specific
 * kinds, so its klantkenmerk or goal serves it fully), psychosociaal −1 →
 * 0.1 (5.1; specialistische-hulp) and netwerk −1 → 0.1 (3; netwerken,
 * netwerktraining), whose klantkenmerk or goal alone counts half. The
 * client is a statushouder in Voorbeeldstad (region Oost).
 *   werkervaring-nieuwkomers netwerken: 0.2 (goal) + 0.1 (kind); for
 *                            statushouders × 1.5                  = 0.45
 *   netwerkgroep             the same without the group            = 0.3
 *   koers                    kk 1: 0.2 (region Oost)               = 0.2
 *   hulp-naast-traject       specialistische-hulp: 0.1             = 0.1
 *   jobcoach                 kk 5.1 and jobcoaching only: 0.1 × 0.5 = 0.05
 *   buurtcoach               kk 5, broader: 0.1 × 0.5 × 0.5        = 0.025
 * Not: taal-werkvloer (no need), netwerkdag-voorjaar (ended 14 June),
 * netwerk-anderstad (another gemeente). Goals: vacatureverwerving 0.3,
 * herorientatie and matching-bemiddeling 0.2, then at 0.1 in Sol's order
 * gezondheidsbevordering, zoeken-en-solliciteren, werkbegeleiding. */
static void test_matches_by_hand(void **state)
{
	json_t *doc = report_doc(*state, "prof", NULL);
	json_t *m = json_object_get(section(doc, "advies"), "matches");
	assert_true(json_is_true(json_object_get(m, "available")));
	assert_int_equal(json_integer_value(json_object_get(m, "candidates")), 6);
	static const char *const ids[] = { "werkervaring-nieuwkomers", "netwerkgroep", "koers",
					   "hulp-naast-traject", "jobcoach", "buurtcoach" };
	static const double score[] = { 0.45, 0.3, 0.2, 0.1, 0.05, 0.025 };
	json_t *ins = json_object_get(m, "instruments");
	assert_int_equal(json_array_size(ins), 6);
	for (size_t i = 0; i < 6; i++) {
		json_t *x = json_array_get(ins, i);
		assert_string_equal(json_string_value(json_object_get(x, "id")), ids[i]);
		assert_true(fabs(json_number_value(json_object_get(x, "score")) - score[i]) < 1e-9);
	}
	json_t *hulp = json_array_get(ins, 3);
	assert_string_equal(json_string_value(json_array_get(json_object_get(hulp, "reasons"), 0)),
			    "past precies bij: Psychosociaal welzijn (specialistische hulp)");
	json_t *need = json_array_get(json_object_get(json_array_get(ins, 4), "needs"), 0);
	assert_string_equal(json_string_value(json_object_get(need, "id")), "psychosociaal");
	assert_true(json_number_value(json_object_get(need, "fit")) == 0.5);
	static const char *const goals[] = { "vacatureverwerving", "herorientatie",
					     "matching-bemiddeling", "gezondheidsbevordering",
					     "zoeken-en-solliciteren", "werkbegeleiding" };
	json_t *g = json_object_get(m, "goals");
	assert_int_equal(json_array_size(g), 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(g, i), "code")),
				    goals[i]);
	assert_true(json_number_value(json_object_get(json_array_get(g, 0), "score")) == 0.3);
	/* The client's target group and place drive the ranking but never
	 * enter the document (contract): no reason names them. */
	char *text = json_dumps(doc, 0);
	assert_null(strstr(text, "doelgroep"));
	assert_null(strstr(text, "tatushouder"));
	assert_null(strstr(text, "gemeente Voorbeeldstad"));
	assert_null(strstr(text, "regio Oost"));
	free(text);
	json_decref(doc);
}

/* The client reads the goals and instruments in plain words: no scores,
 * fits, Eva codes or Sol terms; the reasons are the labels of the needs an
 * instrument helps with. The employer gets no matches. */
static void test_matches_per_version(void **state)
{
	json_t *doc = report_doc(*state, "client", NULL);
	json_t *m = json_object_get(section(doc, "advies"), "matches");
	static const char *const p_only[] = { "score", "fit", "candidates", "model", "kenmerken",
					      NULL };
	assert_true(json_is_true(json_object_get(m, "available")));
	assert_false(has_key(m, p_only));
	json_t *first = json_array_get(json_object_get(m, "instruments"), 0);
	json_t *why = json_object_get(first, "reasons");
	assert_int_equal(json_array_size(why), 2);
	assert_string_equal(json_string_value(json_array_get(why, 0)),
			    "Vraag naar het beoogde beroep in de regio");
	assert_string_equal(json_string_value(json_array_get(why, 1)), "Sociaal netwerk en steun");
	assert_string_equal(json_string_value(json_object_get(first, "summary")),
			    "Je doet werkervaring op en leert werkgevers kennen.");
	char *text = json_dumps(m, 0);
	assert_null(strstr(text, "klantkenmerk"));
	assert_null(strstr(text, "Sol-doel"));
	free(text);
	json_decref(doc);
	doc = report_doc(*state, "employer", NULL);
	m = json_object_get(section(doc, "advies"), "matches");
	assert_false(json_is_true(json_object_get(m, "available")));
	assert_int_equal(json_array_size(json_object_get(m, "instruments")), 0);
	assert_int_equal(json_array_size(json_object_get(m, "goals")), 0);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prof_equals_golden),
		cmocka_unit_test(test_document_is_reproducible),
		cmocka_unit_test(test_t_scores_from_the_norm_table),
		cmocka_unit_test(test_arithmetic_by_hand),
		cmocka_unit_test(test_client_version_has_no_test_internals),
		cmocka_unit_test(test_employer_version_only_consented),
		cmocka_unit_test(test_matches_by_hand),
		cmocka_unit_test(test_matches_per_version),
		cmocka_unit_test(test_bad_input_exits_2),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
