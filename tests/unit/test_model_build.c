/* A model pack joined with its factor catalogue into the engine's struct
 * prog_model (src/pack/model_build.c): what is carried over, and every
 * refusal with its exact message. Fixtures: tests/fixtures/packs/
 * prog-model.json and prog-factors.json; the shipped default model with the
 * shipped catalogue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "pack/model_build.h"
#include "pack/pack.h"
#include "support/json_fixture.h"

#include <stdio.h>
#include <string.h>

#define MODEL "tests/fixtures/packs/prog-model.json"
#define FACTORS "tests/fixtures/packs/prog-factors.json"


static struct pack *load(const char *path)
{
	struct pack *p = NULL;
	struct err e = { 0 };
	if (pack_load_file(path, &p, &e))
		fail_msg("%s", e.msg);
	return p;
}

/* Takes `doc`; parses it as the pack file "bad.json". */
static int parse(json_t *doc, struct pack **p, struct err *e)
{
	return test_pack_parse(doc, "bad.json", p, e);
}

/* Takes `doc`, a valid model pack that model_build must refuse with `want`
 * when joined with `factors`. */
static void expect_refused(json_t *doc, const struct pack *factors, const char *want)
{
	struct pack *p = NULL;
	struct prog_model *m = NULL;
	struct err e = { 0 };
	if (parse(doc, &p, &e))
		fail_msg("pack refused: %s", e.msg);
	int rc = model_build(p, factors, &m, &e);
	if (rc != IPM_EINVAL || strcmp(e.msg, want) != 0)
		fail_msg("rc=%d\n got: %s\nwant: %s", rc, e.msg, want);
	assert_null(m);
	pack_free(p);
}

static json_t *feature(json_t *doc, size_t i)
{
	return json_array_get(json_object_get(doc, "features"), i);
}

static void fixture_joins_the_catalogue(void **state)
{
	(void)state;
	struct pack *p = load(MODEL), *f = load(FACTORS);
	struct prog_model *m = NULL;
	struct err e = { 0 };
	if (model_build(p, f, &m, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(m->pack_id, "prog-model");
	assert_string_equal(m->version, "1.2.3");
	assert_string_equal(m->sha256, p->sha256);
	assert_string_equal(m->factors_pack, "prog-factoren");
	assert_string_equal(m->factors_version, "0.1.0");
	assert_string_equal(q_text_get(&m->title, Q_EN), "Prognosis model (test)");
	assert_false(m->calibrated);
	assert_int_equal(m->n_months, 7);
	assert_true(m->h0[0] == 0.1 && m->h0[6] == 0.02);
	assert_true(m->has_population);
	assert_true(m->population.lower == 0.3 && m->population.upper == 0.6);
	assert_int_equal(m->n_features, 6);

	const struct prog_feature *taal = &m->features[0], *vraag = &m->features[3];
	const struct prog_feature *oud = &m->features[5];
	assert_string_equal(taal->id, "taal");
	assert_int_equal(taal->kind, PROG_FACTOR);
	assert_int_equal(taal->client, PROG_CLIENT_NONE);
	assert_int_equal(taal->domain, PROG_PERSOON);
	assert_int_equal(taal->influence, PROG_INTERN);
	assert_string_equal(q_text_get(&taal->label, Q_NL), "Taalniveau");
	assert_string_equal(q_text_get(&taal->label, Q_EN), "Language level");
	assert_true(taal->min == -2 && taal->max == 2 && taal->beta == 0.2);
	assert_string_equal(taal->source, "test");
	assert_string_equal(taal->uncertainty, "test");
	assert_null(m->features[1].uncertainty);
	assert_int_equal(m->features[1].influence, PROG_EXTERN);
	assert_int_equal(m->features[2].domain, PROG_OMGEVING);
	assert_int_equal(vraag->domain, PROG_ARBEIDSMARKT);
	assert_int_equal(vraag->influence, PROG_NIET);
	assert_int_equal(oud->kind, PROG_CLIENT);
	assert_int_equal(oud->client, PROG_AGE_50_PLUS);
	assert_int_equal(oud->domain, PROG_DOMAIN_NONE);
	assert_string_equal(q_text_get(&oud->label, Q_NL), "50 jaar of ouder");
	assert_true(oud->min == 0 && oud->max == 1 && oud->beta == -0.4);

	/* Prepared: it predicts (values in test_prognosis.c). */
	struct prog_input in = { .months = 0 };
	struct prog_result r;
	assert_int_equal(prog_predict(m, &in, &m->population, &r, &e), IPM_OK);
	assert_int_equal(r.n_missing, 6);
	assert_int_equal(r.light, PROG_ORANJE);
	model_free(m);
	pack_free(f);
	pack_free(p);
}

static void refusals(void **state)
{
	(void)state;
	struct pack *f = load(FACTORS), *other = load("tests/fixtures/packs/factors.json");
	json_t *doc;

	doc = test_json_file(MODEL);
	json_object_set_new(feature(doc, 1), "ref", json_string("onbekend"));
	expect_refused(doc, f, "bad.json: $.features[1].ref: feature \"gezondheid\": factor "
		       "\"onbekend\" is not in the factor catalogue \"prog-factoren\"");

	expect_refused(test_json_file(MODEL), NULL, "bad.json: $.features[0].ref: feature \"taal\": "
		       "factor \"taal\" is not in the factor catalogue \"(none given)\"");

	expect_refused(test_json_file(MODEL), other, "bad.json: $.factors_pack: the model needs "
		       "catalogue \"prog-factoren\", not \"test-factoren\"");

	doc = test_json_file(MODEL);
	json_object_set_new(feature(doc, 0), "ref", json_string("schaal04"));
	expect_refused(doc, f, "bad.json: $.features[0].ref: feature \"taal\": factor "
		       "\"schaal04\" is rated 0..4, the model needs -2..2");

	/* A factor the catalogue marks profile-only (a proxy for sex or origin)
	 * is never a predictor, whatever the model pack says. */
	json_t *cat = test_json_file(FACTORS);
	json_t *facs = json_object_get(cat, "factors");
	size_t at;
	json_t *fac;
	json_array_foreach(facs, at, fac)
		if (strcmp(json_string_value(json_object_get(fac, "id")), "netwerk") == 0)
			json_object_set_new(fac, "profile_only", json_true());
	struct pack *profile = NULL;
	struct err pe = { 0 };
	if (test_pack_parse(cat, "factors.json", &profile, &pe))
		fail_msg("%s", pe.msg);
	doc = test_json_file(MODEL);
	json_object_set_new(feature(doc, 0), "ref", json_string("netwerk"));
	expect_refused(doc, profile, "bad.json: $.features[0].ref: feature \"taal\": factor "
		       "\"netwerk\" is for the profile only and may not be a predictor");
	pack_free(profile);

	/* Months unemployed is the duration, never a feature. */
	doc = test_json_file(MODEL);
	json_object_set_new(feature(doc, 5), "ref", json_string("months_unemployed"));
	expect_refused(doc, f, "bad.json: $.features[5].ref: feature \"oud\": unknown client "
		       "attribute \"months_unemployed\" (known: age_50_plus, age_under_27)");

	/* The result struct has room for 64. */
	doc = test_json_file(MODEL);
	json_t *features = json_object_get(doc, "features");
	json_t *coefs = json_object_get(doc, "coefficients");
	for (int i = 0; i < 59; i++) {
		char id[16];
		snprintf(id, sizeof id, "extra%d", i);
		json_array_append_new(features, json_pack("{s:s, s:s, s:s}", "id", id, "source",
							  "factor", "ref", "taal"));
		json_array_append_new(coefs, json_pack("{s:s, s:f, s:s}", "feature", id, "beta",
						       0.1, "source", "test"));
	}
	expect_refused(doc, f, "bad.json: $.features: 65 features, at most 64");

	/* Wrong kinds. */
	struct prog_model *m = NULL;
	struct err e = { 0 };
	assert_int_equal(model_build(f, f, &m, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "pack \"prog-factoren\" is a factors pack, not a model");
	struct pack *p = load(MODEL);
	assert_int_equal(model_build(p, p, &m, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "pack \"prog-model\" is a model pack, not a factor catalogue");
	assert_null(m);
	pack_free(p);
	pack_free(other);
	pack_free(f);
}

static void population_p12_checked(void **state)
{
	(void)state;
	struct pack *p = NULL;
	struct err e = { 0 };
	json_t *doc = test_json_file(MODEL);
	json_t *pop = json_object_get(doc, "population_p12");
	json_object_set_new(pop, "lower", json_real(0.7));
	assert_int_equal(parse(doc, &p, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "bad.json: $.population_p12: lower is above upper");
	doc = test_json_file(MODEL);
	json_object_set_new(json_object_get(doc, "population_p12"), "upper", json_real(1.5));
	assert_int_equal(parse(doc, &p, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "$.population_p12.upper"));
	doc = test_json_file(MODEL);
	json_object_del(doc, "population_p12");
	assert_int_equal(parse(doc, &p, &e), IPM_OK);
	struct pack *f = load(FACTORS);
	struct prog_model *m = NULL;
	assert_int_equal(model_build(p, f, &m, &e), IPM_OK);
	assert_false(m->has_population);
	model_free(m);
	pack_free(f);
	pack_free(p);
}

/* The shipped default model joins the shipped catalogue: every feature is
 * a catalogue factor rated −2..2 or an age attribute, and it is marked
 * "niet gekalibreerd". */
static void shipped_default_model_builds(void **state)
{
	(void)state;
	struct pack *p = load("data/packs/ipm-model-default.json");
	struct pack *f = load("data/packs/ipm-factors.json");
	struct prog_model *m = NULL;
	struct err e = { 0 };
	if (model_build(p, f, &m, &e))
		fail_msg("%s", e.msg);
	assert_false(m->calibrated);
	assert_int_equal(m->n_months, 60);
	assert_true(m->has_population);
	for (size_t k = 0; k < m->n_features; k++) {
		const struct prog_feature *x = &m->features[k];
		assert_non_null(x->uncertainty);
		assert_true(strcmp(x->ref, "sector-genderpreferentie") != 0);
		assert_true(strcmp(x->ref, "discriminatierisico") != 0);
		assert_true(strcmp(x->ref, "duur-werkloosheid") != 0);
	}
	/* The reference client (all neutral, under 50) at entry. */
	struct prog_input in = { .months = 0 };
	struct prog_result r;
	assert_int_equal(prog_predict(m, &in, NULL, &r, &e), IPM_OK);
	assert_true(r.p12 > 0.4 && r.p12 < 0.7);
	assert_int_equal(r.kritisch, 12); /* docs/prognosis.md: after about a year */
	model_free(m);
	pack_free(f);
	pack_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(fixture_joins_the_catalogue),
		cmocka_unit_test(refusals),
		cmocka_unit_test(population_p12_checked),
		cmocka_unit_test(shipped_default_model_builds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
