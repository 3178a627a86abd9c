/* Career phase: age from a birth date, Super's stage by age from the
 * career-phases pack (and from a pack with other limits), the converter's
 * checks, and the professional's override. Golden values by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "engine/career.h"
#include "pack/career_build.h"
#include "services/career_packs.h"

#include <stdlib.h>
#include <string.h>

static struct date D(const char *s)
{
	struct date d;
	if (!date_parse(s, &d))
		fail_msg("bad test date %s", s);
	return d;
}

static int age_on(const char *birth, const char *ref)
{
	int age = -1;
	struct err e = { 0 };
	if (career_age(D(birth), D(ref), &age, &e))
		fail_msg("%s", e.msg);
	return age;
}

static void age_counts_whole_years_around_the_birthday(void **state)
{
	(void)state;
	/* Born 15 June 1980: 39 the day before the 40th birthday, 40 on it. */
	assert_int_equal(age_on("1980-06-15", "2020-06-14"), 39);
	assert_int_equal(age_on("1980-06-15", "2020-06-15"), 40);
	assert_int_equal(age_on("1980-06-15", "2020-06-16"), 40);
	/* Same month, earlier day; a later month in the year before. */
	assert_int_equal(age_on("1980-06-15", "2020-06-01"), 39);
	assert_int_equal(age_on("1980-06-15", "2019-12-31"), 39);
	/* 31 December → 1 January: a day old, 0 years. */
	assert_int_equal(age_on("2019-12-31", "2020-01-01"), 0);
	assert_int_equal(age_on("2000-01-01", "2000-01-01"), 0);
}

static void age_for_29_february(void **state)
{
	(void)state;
	/* No 29 February in 2023: the birthday is reached on 1 March. */
	assert_int_equal(age_on("2000-02-29", "2023-02-28"), 22);
	assert_int_equal(age_on("2000-02-29", "2023-03-01"), 23);
	/* Leap year 2024: on the day itself. */
	assert_int_equal(age_on("2000-02-29", "2024-02-28"), 23);
	assert_int_equal(age_on("2000-02-29", "2024-02-29"), 24);
	/* Born 1 March: 29 February 2024 is still the day before. */
	assert_int_equal(age_on("2000-03-01", "2024-02-29"), 23);
	assert_int_equal(age_on("2000-03-01", "2024-03-01"), 24);
	/* 2100 is not a leap year (divisible by 100, not by 400). */
	assert_int_equal(age_on("2096-02-29", "2100-02-28"), 3);
	assert_int_equal(age_on("2096-02-29", "2100-03-01"), 4);
}

static void age_refuses_a_birth_after_the_reference_date(void **state)
{
	(void)state;
	int age = 7;
	struct err e = { 0 };
	assert_int_equal(career_age(D("2024-05-02"), D("2024-05-01"), &age, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "birth_date: after the reference date");
	assert_int_equal(age, 7);
}

/* --- stages -------------------------------------------------------------- */

struct fix {
	struct arena a;
	struct career_packs packs;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct err e = { 0 };
	if (career_packs_load("data/packs", &f->a, &f->packs, &e)) {
		print_error("%s\n", e.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	arena_free(&f->a);
	free(f);
	return 0;
}

static const char *stage_code(const struct career_stages *t, int age)
{
	const struct career_stage *s = NULL;
	struct err e = { 0 };
	if (career_stage_for_age(t, age, &s, &e))
		fail_msg("%s", e.msg);
	return s->code;
}

static void shipped_pack_stage_boundaries(void **state)
{
	const struct career_stages *t = &((struct fix *)*state)->packs.stages;
	/* career-phases 1.0.0: groei 0-14, exploratie 15-24, vestiging 25-44,
	 * handhaving 45-64, afbouw 65-. Each boundary from both sides. */
	assert_string_equal(t->pack, "career-phases");
	assert_int_equal(t->n, 5);
	assert_string_equal(stage_code(t, 0), "groei");
	assert_string_equal(stage_code(t, 14), "groei");
	assert_string_equal(stage_code(t, 15), "exploratie");
	assert_string_equal(stage_code(t, 24), "exploratie");
	assert_string_equal(stage_code(t, 25), "vestiging");
	assert_string_equal(stage_code(t, 44), "vestiging");
	assert_string_equal(stage_code(t, 45), "handhaving");
	assert_string_equal(stage_code(t, 64), "handhaving");
	assert_string_equal(stage_code(t, 65), "afbouw");
	assert_string_equal(stage_code(t, 120), "afbouw");
	assert_string_equal(t->v[1].label_nl, "Exploratie");
	assert_string_equal(t->v[1].label_en, "Exploration");
	assert_string_equal(t->v[1].label_de, "Erkundung");
	assert_int_equal(t->v[4].to, -1);

	const struct career_stage *s = NULL;
	struct err e = { 0 };
	assert_int_equal(career_stage_for_age(t, -1, &s, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "age: expected 0 or more");
	assert_null(s);
}

static void birth_date_to_stage(void **state)
{
	const struct career_stages *t = &((struct fix *)*state)->packs.stages;
	/* Born 1999-09-30: 24 on 2024-09-29 (exploratie), 25 a day later. */
	struct career_phase p;
	struct err e = { 0 };
	assert_int_equal(career_phase_compute(t, age_on("1999-09-30", "2024-09-29"), &p, &e), 0);
	assert_string_equal(p.computed->code, "exploratie");
	assert_int_equal(career_phase_compute(t, age_on("1999-09-30", "2024-09-30"), &p, &e), 0);
	assert_string_equal(p.computed->code, "vestiging");
	assert_int_equal(p.age, 25);
	assert_null(p.override);
	assert_ptr_equal(career_phase_effective(&p), p.computed);
}

/* A taxonomy pack with the given terms (JSON text of the array). */
static int parse_stages(const char *terms, struct arena *a, struct career_stages *out,
			struct err *e)
{
	struct buf text = BUF_INIT;
	struct pack *p = NULL;
	buf_printf(&text,
		   "{\"pack\":\"fasen\",\"version\":\"1.0.0\",\"kind\":\"taxonomy\","
		   "\"title\":{\"nl\":\"Fasen\"},\"languages\":[\"nl\"],\"terms\":%s}",
		   terms);
	int rc = pack_parse("fasen.json", buf_str(&text), text.len, &p, e);
	if (!rc)
		rc = career_stages_from_pack(p, a, out, e);
	pack_free(p);
	buf_free(&text);
	return rc;
}

#define T(code, range) "{\"code\":\"" code "\",\"label\":{\"nl\":\"" code "\"}" range "}"

static void cut_offs_come_from_the_pack(void **state)
{
	(void)state;
	/* An organisation that sees exploration last to 29. */
	struct arena a = ARENA_INIT;
	struct career_stages t;
	struct err e = { 0 };
	int rc = parse_stages("[" T("groei", ",\"range\":{\"from\":0,\"to\":14}") ","
			      T("exploratie", ",\"range\":{\"from\":15,\"to\":29}") ","
			      T("vestiging", ",\"range\":{\"from\":30}") "]",
			      &a, &t, &e);
	if (rc)
		fail_msg("%s", e.msg);
	assert_string_equal(t.pack, "fasen");
	assert_string_equal(stage_code(&t, 29), "exploratie");
	assert_string_equal(stage_code(&t, 30), "vestiging");
	assert_string_equal(stage_code(&t, 99), "vestiging");
	assert_null(t.v[0].label_en);
	arena_free(&a);
}

static void expect_stages_error(const char *terms, const char *want)
{
	struct arena a = ARENA_INIT;
	struct career_stages t;
	struct err e = { 0 };
	int rc = parse_stages(terms, &a, &t, &e);
	arena_free(&a);
	if (rc != IPM_EINVAL || strcmp(e.msg, want) != 0)
		fail_msg("rc=%d\n got: %s\nwant: %s", rc, e.msg, want);
}

static void converter_refuses_tables_that_miss_ages(void **state)
{
	(void)state;
	expect_stages_error("[" T("a", "") "]",
			    "fasen.json: $.terms[0]: missing \"range\" (a career stage needs its ages)");
	expect_stages_error("[" T("a", ",\"range\":{\"from\":15,\"to\":24}") ","
			    T("b", ",\"range\":{\"from\":25}") "]",
			    "fasen.json: $.terms[0].range.from: expected 0 (every age needs a stage)");
	expect_stages_error("[" T("a", ",\"range\":{\"from\":0,\"to\":24}") ","
			    T("b", ",\"range\":{\"from\":25,\"to\":70}") "]",
			    "fasen.json: $.terms[1].range.to: expected none, the last stage is "
			    "open-ended (every age needs a stage)");
	/* The pack loader's own range checks still come first. */
	expect_stages_error("[" T("a", ",\"range\":{\"from\":0,\"to\":24}") ","
			    T("b", ",\"range\":{\"from\":26}") "]",
			    "fasen.json: $.terms[1].range.from: expected 25 (right after the "
			    "previous range), got 26");
}

static void converter_refuses_another_kind(void **state)
{
	(void)state;
	struct pack *p = NULL;
	struct arena a = ARENA_INIT;
	struct career_stages t;
	struct err e = { 0 };
	if (pack_load_file("tests/fixtures/packs/templates.json", &p, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(career_stages_from_pack(p, &a, &t, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "tests/fixtures/packs/templates.json: expected a taxonomy "
				   "pack, got templates");
	pack_free(p);
	arena_free(&a);
}

/* --- override ------------------------------------------------------------ */

static void override_keeps_the_computed_stage(void **state)
{
	const struct career_stages *t = &((struct fix *)*state)->packs.stages;
	/* 50 after losing a job, exploring a new occupation: Super's recycling. */
	struct career_phase p;
	struct err e = { 0 };
	assert_int_equal(career_phase_compute(t, 50, &p, &e), 0);
	const struct career_stage *computed = p.computed;
	assert_string_equal(computed->code, "handhaving");
	assert_false(career_phase_recycled(&p));

	const char *reason = "Na ontslag op zoek naar een nieuw vak; oriënteert zich opnieuw.";
	assert_int_equal(career_phase_override(&p, t, "exploratie", reason, &e), IPM_OK);
	assert_ptr_equal(p.computed, computed);
	assert_string_equal(p.computed->code, "handhaving");
	assert_string_equal(p.override->code, "exploratie");
	assert_string_equal(career_phase_effective(&p)->code, "exploratie");
	assert_ptr_equal(p.reason, reason);
	assert_int_equal(p.age, 50);
	assert_true(career_phase_recycled(&p));

	/* A later stage than the age gives is an override, not recycling. */
	assert_int_equal(career_phase_override(&p, t, "afbouw", "Stopt bewust met werken.", &e),
			 IPM_OK);
	assert_false(career_phase_recycled(&p));
	assert_string_equal(p.computed->code, "handhaving");
}

static void expect_override_refused(const struct career_stages *t, const char *code,
				    const char *reason, const char *want)
{
	struct career_phase p;
	struct err e = { 0 };
	assert_int_equal(career_phase_compute(t, 50, &p, &e), 0);
	struct career_phase before = p;
	assert_int_equal(career_phase_override(&p, t, code, reason, &e), IPM_EINVAL);
	assert_string_equal(e.msg, want);
	assert_memory_equal(&p, &before, sizeof p);
}

static void override_without_reason_is_refused(void **state)
{
	const struct career_stages *t = &((struct fix *)*state)->packs.stages;
	const char *no_reason = "reason: required to override the computed stage";
	expect_override_refused(t, "exploratie", NULL, no_reason);
	expect_override_refused(t, "exploratie", "", no_reason);
	expect_override_refused(t, "exploratie", " \t\n", no_reason);
	expect_override_refused(t, "recycling", "reden",
				"override: unknown career stage (see pack career-phases)");
	expect_override_refused(t, NULL, "reden",
				"override: unknown career stage (see pack career-phases)");
	expect_override_refused(t, "handhaving", "reden", "override: equals the computed stage");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(age_counts_whole_years_around_the_birthday),
		cmocka_unit_test(age_for_29_february),
		cmocka_unit_test(age_refuses_a_birth_after_the_reference_date),
		cmocka_unit_test(shipped_pack_stage_boundaries),
		cmocka_unit_test(birth_date_to_stage),
		cmocka_unit_test(cut_offs_come_from_the_pack),
		cmocka_unit_test(converter_refuses_tables_that_miss_ages),
		cmocka_unit_test(converter_refuses_another_kind),
		cmocka_unit_test(override_keeps_the_computed_stage),
		cmocka_unit_test(override_without_reason_is_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
