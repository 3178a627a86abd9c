/* Model activations and the prognosis inputs in the store: the active model
 * is the latest activation and the history is kept; unknown packs, packs
 * that are not models, unknown organisations and missing reasons are
 * refused with nothing written; activations are append-only; every
 * activation and every read of the inputs leaves its audit row; the inputs
 * are the latest completed factor assessment with its current answers and
 * the first start of work. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/store.h"
#include "support/raw_db.h"
#include "support/store_fixture.h"

#include <stdlib.h>
#include <string.h>

#define CATALOGUE "cat"

static int setup(void **state)
{
	store_fixture_setup(state);
	struct store_fixture *f = *state;
	struct err e = { 0 };
	const char *const versions[] = { "1.0.0", "1.1.0" };
	for (size_t i = 0; i < 2; i++)
		store_expect(store_pack_register(f->s, "m", versions[i], "model", "M", versions[i],
						 "{}", &e),
			     IPM_OK, &e, NULL);
	store_expect(store_pack_register(f->s, CATALOGUE, "1.0.0", "factors", "C", "c", "{}", &e),
		     IPM_OK, &e, NULL);
	return 0;
}
#define MODELS_TEST(t) cmocka_unit_test_setup_teardown(t, setup, store_fixture_teardown)

static void expect_active(struct store_fixture *f, int64_t org, const char *version)
{
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	const char *id = NULL, *v = NULL;
	store_expect(store_model_active(f->s, org, &id, &v, &a, &e), IPM_OK, &e, NULL);
	assert_string_equal(id, "m");
	assert_string_equal(v, version);
	arena_free(&a);
}

struct history {
	size_t n;
	char versions[8][16], reasons[8][16];
	int64_t by[8];
};

static int keep_activation(void *ctx, const struct store_model_activation *x, struct err *e)
{
	(void)e;
	struct history *h = ctx;
	assert_true(h->n < 8);
	strncpy(h->versions[h->n], x->version, 15);
	strncpy(h->reasons[h->n], x->reason, 15);
	h->by[h->n++] = x->activated_by;
	return IPM_OK;
}

static int keep_version(void *ctx, const struct store_model_version *v, struct err *e)
{
	(void)e;
	int64_t *active = ctx;
	if (strcmp(v->pack_id, "m") == 0)
		active[strcmp(v->version, "1.0.0") == 0 ? 0 : 1] = v->active_orgs;
	return IPM_OK;
}

static void test_latest_activation_is_active_history_kept(void **state)
{
	struct store_fixture *f = *state;
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	const char *id, *v;
	store_expect(store_model_active(f->s, f->org, &id, &v, &a, &e), IPM_ENOTFOUND, &e,
		     "has not activated a model");
	store_expect(store_model_activate(f->s, &f->who, f->org, "m", "1.0.0", "first", &e), IPM_OK,
		     &e, NULL);
	expect_active(f, f->org, "1.0.0");
	store_expect(store_model_activate(f->s, &f->who, f->org, "m", "1.1.0", "refit", &e), IPM_OK,
		     &e, NULL);
	expect_active(f, f->org, "1.1.0");
	/* Back to the old version: a new row, not an undo. */
	store_expect(store_model_activate(f->s, NULL, f->org, "m", "1.0.0", "back", &e), IPM_OK, &e,
		     NULL);
	expect_active(f, f->org, "1.0.0");

	struct history h = { 0 };
	store_expect(store_model_activations_each(f->s, f->org, keep_activation, &h, &e), IPM_OK,
		     &e, NULL);
	assert_int_equal(h.n, 3);
	assert_string_equal(h.versions[0], "1.0.0");
	assert_string_equal(h.versions[1], "1.1.0");
	assert_string_equal(h.versions[2], "1.0.0");
	assert_string_equal(h.reasons[1], "refit");
	assert_int_equal(h.by[0], f->user);
	assert_int_equal(h.by[2], 0); /* the system */

	/* Another organisation has its own history. */
	int64_t org2;
	store_expect(store_org_create(f->s, "Bedrijf", "reintegratiebedrijf", &org2, &e), IPM_OK, &e,
		     NULL);
	store_expect(store_model_active(f->s, org2, &id, &v, &a, &e), IPM_ENOTFOUND, &e, NULL);
	store_expect(store_model_activate(f->s, &f->who, org2, "m", "1.1.0", "own", &e), IPM_OK, &e,
		     NULL);
	expect_active(f, f->org, "1.0.0");
	expect_active(f, org2, "1.1.0");
	int64_t active[2] = { -1, -1 };
	store_expect(store_model_versions_each(f->s, 0, keep_version, active, &e), IPM_OK, &e, NULL);
	assert_int_equal(active[0], 1);
	assert_int_equal(active[1], 1);
	store_expect(store_model_versions_each(f->s, org2, keep_version, active, &e), IPM_OK, &e,
		     NULL);
	assert_int_equal(active[0], 0);
	assert_int_equal(active[1], 1);
	arena_free(&a);
}

static void test_refusals_write_nothing(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	int64_t audit_before = 0, audit_after = 0;
	store_expect(store_audit_count(f->s, 0, NULL, &audit_before, &e), IPM_OK, &e, NULL);
	store_expect(store_model_activate(f->s, &f->who, f->org, "m", "9.9.9", "x", &e),
		     IPM_ENOTFOUND, &e, "pack m@9.9.9 is not registered");
	store_expect(store_model_activate(f->s, &f->who, f->org, "nope", "1.0.0", "x", &e),
		     IPM_ENOTFOUND, &e, "is not registered");
	store_expect(store_model_activate(f->s, &f->who, f->org, FIXTURE_PACK_ID,
					  FIXTURE_PACK_VERSION, "x", &e),
		     IPM_EINVAL, &e, "is a questionnaire pack, not a model");
	store_expect(store_model_activate(f->s, &f->who, 999, "m", "1.0.0", "x", &e), IPM_ENOTFOUND,
		     &e, "no organisation with that id");
	store_expect(store_model_activate(f->s, &f->who, f->org, "m", "1.0.0", "", &e), IPM_EINVAL,
		     &e, "reason is required");
	store_expect(store_model_activate(f->s, &f->who, f->org, "m", "1.0.0", NULL, &e), IPM_EINVAL,
		     &e, "reason is required");
	store_expect(store_audit_count(f->s, 0, NULL, &audit_after, &e), IPM_OK, &e, NULL);
	assert_int_equal(audit_after, audit_before);
	sqlite3 *db = raw_open(f->db);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM model_activations", ""), 0);
	sqlite3_close(db);
}

static void test_append_only_and_audited(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	store_expect(store_model_activate(f->s, &f->who, f->org, "m", "1.1.0", "why", &e), IPM_OK, &e,
		     NULL);
	sqlite3 *db = raw_open(f->db);
	assert_int_equal(raw_run(db, NULL, "UPDATE model_activations SET version = '1.0.0'", ""),
			 SQLITE_CONSTRAINT);
	assert_non_null(strstr(sqlite3_errmsg(db), "append-only"));
	assert_int_equal(raw_run(db, NULL, "DELETE FROM model_activations", ""), SQLITE_CONSTRAINT);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM model_activations", ""), 1);
	/* The activation's audit row: who, what, which row; no client. */
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE action = 'update'"
				 " AND entity = 'model' AND user_id = ? AND client_id IS NULL"
				 " AND entity_id = (SELECT id FROM model_activations)",
				 "i", f->user),
			 1);
	sqlite3_close(db);
}

/* An assessment of the catalogue with answers (item, value pairs). */
static int64_t assess(struct store_fixture *f, int64_t client, int complete, size_t n,
		      const char *const *answers)
{
	struct err e = { 0 };
	int64_t id;
	store_expect(store_assessment_start(f->s, &f->who, client, CATALOGUE, "1.0.0",
					    "professional", &id, &e),
		     IPM_OK, &e, NULL);
	for (size_t i = 0; i < n; i++)
		store_expect(store_answer_put(f->s, &f->who, id, answers[2 * i], answers[2 * i + 1],
					      &e),
			     IPM_OK, &e, NULL);
	if (complete)
		store_expect(store_assessment_complete(f->s, &f->who, id, &e), IPM_OK, &e, NULL);
	return id;
}

struct seen {
	size_t n;
	int64_t client[4], assessment[4];
	size_t ratings[4];
	char first_item[4][16], first_value[4][4], work[4][11], exit[4][11];
};

static int keep_input(void *ctx, const struct store_prognosis_input *in, struct err *e)
{
	(void)e;
	struct seen *s = ctx;
	assert_true(s->n < 4);
	s->client[s->n] = in->client_id;
	s->assessment[s->n] = in->assessment_id;
	s->ratings[s->n] = in->n_ratings;
	if (in->n_ratings) {
		strncpy(s->first_item[s->n], in->ratings[0].item_id, 15);
		strncpy(s->first_value[s->n], in->ratings[0].value ? in->ratings[0].value : "", 3);
	}
	strncpy(s->work[s->n], in->work_start ? in->work_start : "", 10);
	strncpy(s->exit[s->n], in->exit_date ? in->exit_date : "", 10);
	s->n++;
	return IPM_OK;
}

static void test_prognosis_inputs(void **state)
{
	struct store_fixture *f = *state;
	struct err e = { 0 };
	struct arena a = ARENA_INIT;
	const char *old[] = { "a", "1" };
	const char *latest[] = { "b", "-2", "a", "1", "a", "2" }; /* "a" corrected to 2 */
	const char *open[] = { "a", "-1" };
	assess(f, f->client, 1, 1, old);
	int64_t want = assess(f, f->client, 1, 3, latest);
	assess(f, f->client, 0, 1, open); /* not completed: not an input */
	struct store_outcome work1 = { .client_id = f->client, .outcome = "werk",
				       .start_date = "2025-05-01", .durable_6m = -1,
				       .durable_12m = -1 };
	struct store_outcome work0 = work1, other = work1, ended = work1;
	work0.start_date = "2025-03-01";
	other.outcome = "opleiding";
	other.start_date = "2024-01-01";
	/* Without a start date: the day it is recorded, today, which is later. */
	ended.outcome = "geen";
	ended.start_date = NULL;
	store_expect(store_outcome_record(f->s, &f->who, &work1, NULL, &e), IPM_OK, &e, NULL);
	store_expect(store_outcome_record(f->s, &f->who, &work0, NULL, &e), IPM_OK, &e, NULL);
	store_expect(store_outcome_record(f->s, &f->who, &other, NULL, &e), IPM_OK, &e, NULL);
	store_expect(store_outcome_record(f->s, &f->who, &ended, NULL, &e), IPM_OK, &e, NULL);
	/* A second client without a factor assessment is not an input. */
	struct store_client c = { .org_id = f->org, .reference = "K-2", .given_name = "B",
				  .family_name = "C" };
	int64_t other_client;
	store_expect(store_client_create(f->s, &f->who, &c, &other_client, &e), IPM_OK, &e, NULL);

	int64_t reads_before = 0, reads_after = 0;
	store_expect(store_audit_count(f->s, 0, "read", &reads_before, &e), IPM_OK, &e, NULL);
	struct seen s = { 0 };
	store_expect(store_prognosis_inputs_each(f->s, &f->who, f->org, CATALOGUE, keep_input, &s,
						 &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.client[0], f->client);
	assert_int_equal(s.assessment[0], want);
	assert_int_equal(s.ratings[0], 2);
	assert_string_equal(s.first_item[0], "a");
	assert_string_equal(s.first_value[0], "2");
	assert_string_equal(s.work[0], "2025-03-01");
	assert_string_equal(s.exit[0], "2024-01-01"); /* the other outcomes' earliest day */
	store_expect(store_audit_count(f->s, 0, "read", &reads_after, &e), IPM_OK, &e, NULL);
	assert_int_equal(reads_after, reads_before + 1);
	sqlite3 *db = raw_open(f->db);
	/* The aggregate names no client. */
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE entity = 'prognosis_inputs'"
				 " AND client_id IS NULL",
				 ""),
			 1);

	struct store_prognosis_input in;
	store_expect(store_prognosis_input_get(f->s, &f->who, f->client, CATALOGUE, &in, &a, &e),
		     IPM_OK, &e, NULL);
	assert_int_equal(in.assessment_id, want);
	assert_int_equal(in.org_id, f->org);
	assert_string_equal(in.birth_date, "1980-02-29");
	assert_string_equal(in.work_start, "2025-03-01");
	assert_string_equal(in.exit_date, "2024-01-01");
	assert_int_equal(in.n_ratings, 2);
	assert_string_equal(in.ratings[1].item_id, "b");
	assert_string_equal(in.ratings[1].value, "-2");
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE entity = 'prognosis_inputs'"
				 " AND client_id = ?",
				 "i", f->client),
			 1);
	sqlite3_close(db);
	store_expect(store_prognosis_input_get(f->s, &f->who, other_client, CATALOGUE, &in, &a, &e),
		     IPM_ENOTFOUND, &e, "no completed assessment of cat");
	store_expect(store_prognosis_input_get(f->s, &f->who, 999, CATALOGUE, &in, &a, &e),
		     IPM_ENOTFOUND, &e, "no client with that id");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELS_TEST(test_latest_activation_is_active_history_kept),
		MODELS_TEST(test_refusals_write_nothing),
		MODELS_TEST(test_append_only_and_audited),
		MODELS_TEST(test_prognosis_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
