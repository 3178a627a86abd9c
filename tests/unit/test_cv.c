/* CV analysis and the CV file: the date rules (whole calendar months), the
 * union of overlapping jobs, FTE weighting, open jobs, gaps, sectors,
 * education, and every message of the parser. Golden values are worked out
 * by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/fs.h"
#include "engine/cv.h"
#include "pack/codes_build.h"
#include "services/career_packs.h"
#include "services/cv_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static struct cv_vocab vocab; /* from data/packs, loaded once */
static struct arena vocab_arena;

static int setup(void **state)
{
	(void)state;
	struct career_packs packs;
	struct err e = { 0 };
	if (career_packs_load("data/packs", &vocab_arena, &packs, &e)) {
		print_error("%s\n", e.msg);
		return -1;
	}
	vocab = packs.vocab;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&vocab_arena);
	return 0;
}

/* cmocka's float assertion works in float; these values need double. */
static void assert_near(double got, double want, double tol)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("got %.17g, want %.17g (tolerance %g)", got, want, tol);
}

static struct date D(const char *s)
{
	struct date d;
	if (!date_parse(s, &d))
		fail_msg("bad test date %s", s);
	return d;
}

/* --- dates --------------------------------------------------------------- */

static void whole_calendar_months(void **state)
{
	(void)state;
	assert_int_equal(date_months(D("2023-01-15"), D("2023-02-14")), 0);
	assert_int_equal(date_months(D("2023-01-15"), D("2023-02-15")), 1);
	assert_int_equal(date_months(D("2020-01-01"), D("2021-01-01")), 12);
	/* The 31st is not reached in February: the month completes on 1 March. */
	assert_int_equal(date_months(D("2024-01-31"), D("2024-02-29")), 0);
	assert_int_equal(date_months(D("2024-01-31"), D("2024-03-01")), 1);
	assert_int_equal(date_months(D("2024-01-31"), D("2024-03-30")), 1);
	assert_int_equal(date_months(D("2024-01-31"), D("2024-03-31")), 2);
	/* Backwards or equal: 0. */
	assert_int_equal(date_months(D("2024-05-01"), D("2024-01-01")), 0);
	assert_int_equal(date_months(D("2024-05-01"), D("2024-05-01")), 0);
}

static void day_numbers_round_trip(void **state)
{
	(void)state;
	assert_int_equal(date_days(D("1970-01-01")), 0);
	assert_int_equal(date_days(D("2000-03-01")) - date_days(D("2000-02-28")), 2);
	assert_int_equal(date_days(D("2100-03-01")) - date_days(D("2100-02-28")), 1);
	assert_int_equal(date_days(D("1969-12-31")), -1);
	for (int32_t n = date_days(D("1899-12-25")); n < date_days(D("2101-01-05")); n += 7) {
		struct date d = date_from_days(n);
		assert_int_equal(date_days(d), n);
	}
	struct date d = date_from_days(date_days(D("2024-02-29")));
	assert_int_equal(d.y, 2024);
	assert_int_equal(d.m, 2);
	assert_int_equal(d.d, 29);
	assert_false(date_parse("2023-02-29", &d));
	assert_false(date_parse("2023-2-28", &d));
}

/* --- analysis ------------------------------------------------------------ */

static struct cv_job job(const char *start, const char *end, const char *sector,
			 double hours, bool paid)
{
	return (struct cv_job){
		.start = D(start),
		.end = end ? D(end) : DATE_NONE,
		.sector = sector,
		.function = "Medewerker",
		.hours = hours,
		.paid = paid,
	};
}

static struct cv_facts analyse(const struct cv_job *work, size_t n, const char *ref,
			       struct arena *a)
{
	struct cv cv = { .work = work, .n_work = n };
	struct cv_facts f;
	struct err e = { 0 };
	if (cv_analyse(&cv, &vocab, D(ref), a, &f, &e))
		fail_msg("%s", e.msg);
	return f;
}

static void overlapping_jobs_count_once(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* 2010-01-01..2012-12-31 and 2012-01-01..2013-12-31: the union is
	 * 2010-01-01..2013-12-31 = 365 + 365 + 366 + 365 = 1461 days, exactly
	 * 4 years of 365.25 days; the plain sum would be 1096 + 731 = 1827. */
	struct cv_job w[] = {
		job("2010-01-01", "2012-12-31", "zorg-welzijn", 38, true),
		job("2012-01-01", "2013-12-31", "horeca", 38, true),
	};
	struct cv_facts f = analyse(w, 2, "2020-01-01", &a);
	assert_int_equal(f.paid_days, 1461);
	assert_near(f.paid_years, 4.0, 1e-12);
	assert_int_equal(f.n_paid_jobs, 2);
	/* Longest: the first, 1096 days, 36 months. */
	assert_ptr_equal(f.longest_job, &w[0]);
	assert_int_equal(f.longest_job_days, 1096);
	assert_int_equal(f.longest_job_months, 36);
	/* Last day 2013-12-31; out of work from 2014-01-01 to 2020-01-01: 72 months. */
	assert_int_equal(f.months_since_paid_work, 72);
	/* Touching jobs make one run too: 2014-01-01..03-31 and 04-01..06-30 = 91 + 91. */
	struct cv_job t[] = {
		job("2014-04-01", "2014-06-30", "ict", 38, true),
		job("2014-01-01", "2014-03-31", "ict", 38, true),
	};
	f = analyse(t, 2, "2015-01-01", &a);
	assert_int_equal(f.paid_days, 181);
	assert_int_equal(f.n_sectors, 1);
	assert_int_equal(f.sectors[0].months, 6);
	arena_free(&a);
}

static void fte_weighting_caps_at_one_per_day(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* A: 19 h, 2010-01-01..2010-12-31 (365 days); B: 19 h,
	 * 2010-07-01..2011-06-30. Both (2010-07-01..12-31): 184 days at 38/38 = 1;
	 * A alone (2010-01-01..06-30): 181 days at 0.5; B alone (2011-01-01..
	 * 06-30): 181 days at 0.5. FTE days = 184 + 90.5 + 90.5 = 365.
	 * Union: 365 + 181 = 546 days. */
	struct cv_job w[] = {
		job("2010-01-01", "2010-12-31", "horeca", 19, true),
		job("2010-07-01", "2011-06-30", "horeca", 19, true),
	};
	struct cv_facts f = analyse(w, 2, "2012-01-01", &a);
	assert_int_equal(f.paid_days, 546);
	assert_near(f.paid_fte_years, 365 / 365.25, 1e-12);
	/* 45 h a week counts as full time, not more: 365 days at 1. A 30-hour
	 * job at the same time adds nothing. */
	struct cv_job g[] = {
		job("2015-01-01", "2015-12-31", "bouw-infra", 45, true),
		job("2015-01-01", "2015-12-31", "horeca", 30, true),
	};
	f = analyse(g, 2, "2016-01-01", &a);
	assert_near(f.paid_fte_years, 365 / 365.25, 1e-12);
	/* 32.5 h for 2015-01-01..01-10 (10 days): 10 × 32.5/38 = 8.552631578947368 days. */
	struct cv_job h[] = { job("2015-01-01", "2015-01-10", "ict", 32.5, true) };
	f = analyse(h, 1, "2016-01-01", &a);
	assert_near(f.paid_fte_years * 365.25, 10 * 32.5 / 38, 1e-9);
	arena_free(&a);
}

static void open_job_runs_to_the_reference_date(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* From 2020-03-01, still working on 2024-02-29: 2020-03-01..2024-02-29
	 * inclusive is 365 + 365 + 365 + 366 = 1461 days; 48 months
	 * (2020-03-01 → 2024-03-01). Working now: 0 months without work. */
	struct cv_job w[] = { job("2020-03-01", NULL, "ict", 38, true) };
	struct cv_facts f = analyse(w, 1, "2024-02-29", &a);
	assert_int_equal(f.paid_days, 1461);
	assert_int_equal(f.months_since_paid_work, 0);
	assert_int_equal(f.sectors[0].months, 48);
	assert_int_equal(f.longest_job_months, 48);
	/* An end after the reference date is cut off there, and still working. */
	struct cv_job g[] = { job("2024-01-01", "2024-12-31", "ict", 38, true) };
	f = analyse(g, 1, "2024-01-31", &a);
	assert_int_equal(f.paid_days, 31);
	assert_int_equal(f.months_since_paid_work, 0);
	/* A job ending on the reference date: working that day, 0. */
	f = analyse(g, 1, "2024-12-31", &a);
	assert_int_equal(f.months_since_paid_work, 0);
	/* A job that starts after the reference date has not happened. */
	struct cv_job later[] = { job("2025-01-01", NULL, "ict", 38, true) };
	f = analyse(later, 1, "2024-12-31", &a);
	assert_int_equal(f.paid_days, 0);
	assert_int_equal(f.n_paid_jobs, 0);
	assert_int_equal(f.n_sectors, 0);
	assert_int_equal(f.months_since_paid_work, -1);
	assert_null(f.longest_job);
	arena_free(&a);
}

static int gap(const char *end, const char *ref)
{
	struct arena a = ARENA_INIT;
	struct cv_job w[] = { job("2010-01-01", end, "horeca", 20, true) };
	int months = analyse(w, 1, ref, &a).months_since_paid_work;
	arena_free(&a);
	return months;
}

static void months_since_last_paid_work(void **state)
{
	(void)state;
	/* Last day 2023-01-15: without work from 2023-01-16. On 2023-07-15 that
	 * is 5 whole months (the 6th completes on 07-16). */
	assert_int_equal(gap("2023-01-15", "2023-07-15"), 5);
	assert_int_equal(gap("2023-01-15", "2023-07-16"), 6);
	/* Last day 2023-01-31: from 2023-02-01; 0 until 2023-03-01, then 1. */
	assert_int_equal(gap("2023-01-31", "2023-02-28"), 0);
	assert_int_equal(gap("2023-01-31", "2023-03-01"), 1);
	/* The day after the last day: 0. */
	assert_int_equal(gap("2023-01-31", "2023-02-01"), 0);
	/* Years: 2019-06-30 → from 2019-07-01 to 2024-07-01 = 60. */
	assert_int_equal(gap("2019-06-30", "2024-07-01"), 60);
	/* The latest end counts, not the last job in the list. */
	struct arena a = ARENA_INIT;
	struct cv_job w[] = {
		job("2015-01-01", "2022-12-31", "horeca", 20, true),
		job("2010-01-01", "2012-12-31", "horeca", 20, true),
		job("2023-01-01", NULL, "horeca", 4, false),
	};
	struct cv_facts f = analyse(w, 3, "2023-04-01", &a);
	assert_int_equal(f.months_since_paid_work, 3);
	arena_free(&a);
}

static void volunteer_work_counts_separately(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* Paid: zorg-welzijn 2018-01-01..2019-12-31 (24 months, 730 days) and
	 * horeca 2020-01-01..2020-06-30 (6 months). Volunteer: logistiek
	 * 2019-01-01..open (to 2021-01-01: 2019-01-01..2020-12-31 = 731 days,
	 * 24 months) and horeca 2021-01-01 only (1 day, 0 months). */
	struct cv_job w[] = {
		job("2020-01-01", "2020-06-30", "horeca", 20, true),
		job("2018-01-01", "2019-12-31", "zorg-welzijn", 32, true),
		job("2019-01-01", NULL, "logistiek-transport", 4, false),
		job("2021-01-01", "2021-01-01", "horeca", 4, false),
	};
	struct cv_facts f = analyse(w, 4, "2021-01-01", &a);
	assert_int_equal(f.paid_days, 730 + 182);
	assert_int_equal(f.volunteer_days, 731 + 1);
	assert_near(f.volunteer_years, 732 / 365.25, 1e-12);
	assert_int_equal(f.n_paid_jobs, 2);
	assert_int_equal(f.n_volunteer_jobs, 2);
	/* Volunteer work is not paid work: out of paid work since 2020-07-01. */
	assert_int_equal(f.months_since_paid_work, 6);
	/* Sorted by paid months, then volunteer months, then code. */
	assert_int_equal(f.n_sectors, 3);
	assert_string_equal(f.sectors[0].sector->code, "zorg-welzijn");
	assert_int_equal(f.sectors[0].months, 24);
	assert_int_equal(f.sectors[0].volunteer_months, 0);
	assert_string_equal(f.sectors[1].sector->code, "horeca");
	assert_int_equal(f.sectors[1].months, 6);
	assert_int_equal(f.sectors[1].volunteer_months, 0);
	assert_string_equal(f.sectors[2].sector->code, "logistiek-transport");
	assert_int_equal(f.sectors[2].months, 0);
	assert_int_equal(f.sectors[2].volunteer_months, 24);
	assert_string_equal(f.sectors[2].sector->label_nl, "Logistiek en transport");
	assert_ptr_equal(f.longest_job, &w[1]);
	arena_free(&a);
}

static void sector_ties_sort_by_code_and_longest_tie_keeps_the_first(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct cv_job w[] = {
		job("2021-01-01", "2021-03-31", "ict", 38, true),
		job("2020-01-01", "2020-03-31", "horeca", 38, true),
	};
	/* 90 days and 91 days (2020 is a leap year): the second is longer. */
	struct cv_facts f = analyse(w, 2, "2022-01-01", &a);
	assert_ptr_equal(f.longest_job, &w[1]);
	assert_int_equal(f.longest_job_days, 91);
	assert_string_equal(f.sectors[0].sector->code, "horeca");
	assert_string_equal(f.sectors[1].sector->code, "ict");
	/* Equal length: the first in the list. */
	struct cv_job g[] = {
		job("2021-01-01", "2021-03-31", "ict", 38, true),
		job("2019-01-01", "2019-03-31", "horeca", 38, true),
	};
	f = analyse(g, 2, "2022-01-01", &a);
	assert_ptr_equal(f.longest_job, &g[0]);
	assert_int_equal(f.longest_job_days, 90);
	assert_int_equal(f.longest_job_months, 3);
	arena_free(&a);
}

static void highest_education(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct cv_education ed[] = {
		{ .level = "mbo-4", .diploma = false },
		{ .level = "vmbo", .diploma = true },
		{ .level = "mbo-2", .diploma = true },
		/* Starts after the reference date: not attended yet. */
		{ .level = "hbo-bachelor", .start = D("2030-09-01"), .diploma = false },
	};
	struct cv cv = { .education = ed, .n_education = 4 };
	struct cv_facts f;
	struct err e = { 0 };
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), 0);
	assert_string_equal(f.highest_diploma->code, "mbo-2");
	assert_string_equal(f.highest_attended->code, "mbo-4");
	/* havo (rank 8) is above mbo-4 (rank 7) in the pack's order. */
	struct cv_education h[] = {
		{ .level = "havo", .diploma = true },
		{ .level = "mbo-4", .diploma = true },
	};
	cv = (struct cv){ .education = h, .n_education = 2 };
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), 0);
	assert_string_equal(f.highest_diploma->code, "havo");
	/* Nothing with a diploma. */
	struct cv_education n[] = { { .level = "vmbo", .diploma = false } };
	cv = (struct cv){ .education = n, .n_education = 1 };
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), 0);
	assert_null(f.highest_diploma);
	assert_string_equal(f.highest_attended->code, "vmbo");
	/* An empty CV. */
	cv = (struct cv){ 0 };
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), 0);
	assert_null(f.highest_diploma);
	assert_null(f.highest_attended);
	assert_int_equal(f.months_since_paid_work, -1);
	assert_int_equal(f.paid_days, 0);
	assert_near(f.paid_fte_years, 0, 0);
	arena_free(&a);
}

static void education_levels_are_ranked_from_the_pack(void **state)
{
	(void)state;
	static const char *const order[] = {
		"geen", "basisonderwijs", "praktijkonderwijs", "vmbo", "mbo-1", "mbo-2",
		"mbo-3", "mbo-4", "havo", "vwo", "hbo-associate", "hbo-bachelor",
		"wo-bachelor", "hbo-master", "wo-master", "doctoraat",
	};
	assert_int_equal(vocab.levels.n, 16);
	for (size_t i = 0; i < 16; i++)
		assert_string_equal(vocab.levels.v[i].code, order[i]);
	assert_string_equal(vocab.levels.pack, "education-levels");
	assert_int_equal(vocab.sectors.n, 20);
	/* Competences are the leaves; clusters are not codes. */
	assert_true(vocab.competences.n >= 60);
	assert_null(code_list_find(&vocab.competences, "klantgerichtheid"));
	const struct code_entry *c = code_list_find(&vocab.competences, "klachten-afhandelen");
	assert_non_null(c);
	assert_string_equal(c->parent, "klantgerichtheid");
}

static void ranked_list_needs_values(void **state)
{
	(void)state;
	static const char *const docs[][2] = {
		{ "[{\"code\":\"a\",\"label\":{\"nl\":\"A\"},\"value\":1},"
		  "{\"code\":\"g\",\"label\":{\"nl\":\"G\"},\"children\":["
		  "{\"code\":\"b\",\"label\":{\"nl\":\"B\"}}]}]",
		  "lvl.json: $.terms[1].children[0]: missing \"value\" (the rank of the term)" },
		{ "[{\"code\":\"a\",\"label\":{\"nl\":\"A\"},\"value\":1},"
		  "{\"code\":\"b\",\"label\":{\"nl\":\"B\"},\"value\":1}]",
		  "lvl.json: terms a and b share a rank" },
	};
	for (size_t i = 0; i < 2; i++) {
		struct buf text = BUF_INIT;
		buf_printf(&text,
			   "{\"pack\":\"lvl\",\"version\":\"1.0.0\",\"kind\":\"taxonomy\","
			   "\"title\":{\"nl\":\"N\"},\"languages\":[\"nl\"],\"terms\":%s}",
			   docs[i][0]);
		struct pack *p = NULL;
		struct arena a = ARENA_INIT;
		struct code_list l;
		struct err e = { 0 };
		if (pack_parse("lvl.json", buf_str(&text), text.len, &p, &e))
			fail_msg("%s", e.msg);
		assert_int_equal(code_list_ranked_from_pack(p, &a, &l, &e), IPM_EINVAL);
		assert_string_equal(e.msg, docs[i][1]);
		pack_free(p);
		arena_free(&a);
		buf_free(&text);
	}
}

static void analysis_refuses_what_check_refuses(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct cv_job w[] = { job("2020-01-01", "2019-12-31", "horeca", 20, true) };
	struct cv cv = { .work = w, .n_work = 1 };
	struct cv_facts f;
	struct err e = { 0 };
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "work[0].end: before the start date");
	w[0] = job("2020-01-01", NULL, "horeca", NAN, true);
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "work[0].hours: expected more than 0 and at most 80");
	w[0].hours = 80;
	w[0].function = NULL;
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "work[0].function: missing");
	w[0].function = "x";
	assert_int_equal(cv_analyse(&cv, &vocab, DATE_NONE, &a, &f, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "reference date: missing");
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-01-01"), &a, &f, &e), IPM_OK);
	arena_free(&a);
}

/* --- the CV file --------------------------------------------------------- */

static int parse(const char *text, struct arena *a, struct cv *cv, struct err *e)
{
	return cv_json_parse("cv.json", text, strlen(text), &vocab, a, cv, e);
}

static void example_file_parses_and_analyses(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	if (fs_read_file("tests/fixtures/cv/example.json", &text, &e))
		fail_msg("%s", e.msg);
	struct cv cv;
	if (cv_json_parse("example.json", text.data, text.len, &vocab, &a, &cv, &e))
		fail_msg("%s", e.msg);
	buf_free(&text);
	assert_int_equal(cv.n_education, 2);
	assert_int_equal(cv.n_work, 3);
	assert_string_equal(cv.work[0].employer, "Zorggroep De Linde");
	assert_null(cv.work[1].employer);
	assert_false(date_is_set(cv.work[2].end));
	assert_int_equal(cv.work[0].n_competences, 3);
	assert_string_equal(cv.work[0].competences[2], "samenwerken");

	struct cv_facts f;
	assert_int_equal(cv_analyse(&cv, &vocab, D("2024-03-01"), &a, &f, &e), 0);
	/* Paid: 2001-03-01..2010-12-31 and 2008-01-01..2011-06-30 → one run
	 * 2001-03-01..2011-06-30: 2497 days to the end of 2007 (306 in 2001,
	 * 365 × 6, 1 leap day in 2004), 1096 in 2008-2010, 181 in 2011 = 3774. */
	assert_int_equal(f.paid_days, 3774);
	/* FTE: 2001-03-01..2007-12-31 (2497 days) at 24/38, 2008-01-01..
	 * 2010-12-31 (1096 days) at 36/38, 2011-01-01..06-30 (181 days) at 12/38. */
	assert_near(f.paid_fte_years * 365.25,
			    2497 * 24 / 38.0 + 1096 * 36 / 38.0 + 181 * 12 / 38.0, 1e-9);
	/* From 2011-07-01 to 2024-03-01: 12 years 8 months. */
	assert_int_equal(f.months_since_paid_work, 152);
	assert_string_equal(f.sectors[0].sector->code, "zorg-welzijn");
	assert_int_equal(f.sectors[0].months, 118); /* 2001-03-01 → 2011-01-01 */
	assert_string_equal(f.sectors[1].sector->code, "horeca");
	assert_int_equal(f.sectors[1].months, 42); /* 2008-01-01 → 2011-07-01 */
	assert_string_equal(f.sectors[2].sector->code, "logistiek-transport");
	assert_int_equal(f.sectors[2].volunteer_months, 138); /* 2012-09-01 → 2024-03-01 */
	assert_string_equal(f.highest_diploma->code, "vmbo");
	assert_string_equal(f.highest_attended->code, "mbo-3");
	assert_ptr_equal(f.longest_job, &cv.work[0]);
	arena_free(&a);
}

static void file_details(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct cv cv;
	struct err e = { 0 };
	/* An empty document is an empty CV; null reads as absent. */
	assert_int_equal(parse("{}", &a, &cv, &e), 0);
	assert_int_equal(cv.n_work + cv.n_education, 0);
	assert_int_equal(parse("{\"work\":[{\"start\":\"2020-01-01\",\"end\":null,"
			       "\"employer\":null,\"sector\":\"ict\",\"function\":\"Dev\","
			       "\"hours\":40,\"paid\":true,\"competences\":null}]}",
			       &a, &cv, &e),
			 0);
	assert_false(date_is_set(cv.work[0].end));
	assert_int_equal(cv.work[0].n_competences, 0);
	/* 200 characters of two bytes each are 200 characters. */
	struct buf text = BUF_INIT;
	buf_puts(&text, "{\"education\":[{\"level\":\"vwo\",\"diploma\":true,\"field\":\"");
	for (int i = 0; i < 200; i++)
		buf_puts(&text, "é");
	buf_puts(&text, "\"}]}");
	assert_int_equal(parse(buf_str(&text), &a, &cv, &e), 0);
	buf_free(&text);
	arena_free(&a);
}

static void expect_error(const char *text, const char *want)
{
	struct arena a = ARENA_INIT;
	struct cv cv = { .n_work = 99 };
	struct err e = { 0 };
	int rc = cv_json_parse("cv.json", text, strlen(text), &vocab, &a, &cv, &e);
	arena_free(&a);
	if (rc != IPM_EINVAL || strcmp(e.msg, want) != 0)
		fail_msg("rc=%d\n got: %s\nwant: %s", rc, e.msg, want);
	assert_int_equal(cv.n_work, 99); /* nothing returned on error */
}

/* A document with one job whose properties are `job`. */
#define JOB(props) "{\"work\":[{" props "}]}"
#define OK_JOB "\"start\":\"2020-01-01\",\"sector\":\"ict\",\"function\":\"Dev\",\"hours\":38"

static void parser_messages(void **state)
{
	(void)state;
	expect_error("{", "cv.json:1:1: string or '}' expected near end of file");
	expect_error("{\"work\":[],\"work\":[]}",
		     "cv.json:1:17: duplicate object key near '\"work\"'");
	expect_error("[]", "cv.json: $: expected object, got array");
	expect_error("{\"werk\":[]}", "cv.json: $.werk: unknown property");
	expect_error("{\"work\":{}}", "cv.json: $.work: expected array, got object");
	expect_error("{\"work\":[\"x\"]}", "cv.json: $.work[0]: expected object, got string");
	expect_error("{\"work\":[{}]}", "cv.json: $.work[0]: missing required property \"start\"");
	expect_error("{\"work\":[{" OK_JOB ",\"paid\":true},{" OK_JOB ",\"paid\":true},"
		     "{\"start\":\"2023-02-29\"}]}",
		     "cv.json: $.work[2].start: expected a date YYYY-MM-DD");
	expect_error(JOB("\"start\":20200101"), "cv.json: $.work[0].start: expected a date YYYY-MM-DD");
	expect_error(JOB("\"start\":\"2020-01-01\",\"end\":\"31-12-2020\""),
		     "cv.json: $.work[0].end: expected a date YYYY-MM-DD");
	expect_error(JOB("\"start\":\"2020-01-01\""),
		     "cv.json: $.work[0]: missing required property \"sector\"");
	expect_error(JOB("\"start\":\"2020-01-01\",\"sector\":7"),
		     "cv.json: $.work[0].sector: expected string, got integer");
	expect_error(JOB(OK_JOB), "cv.json: $.work[0]: missing required property \"paid\"");
	expect_error(JOB(OK_JOB ",\"paid\":1"),
		     "cv.json: $.work[0].paid: expected boolean, got integer");
	expect_error(JOB("\"start\":\"2020-01-01\",\"sector\":\"ict\",\"function\":\"Dev\","
			 "\"hours\":\"38\",\"paid\":true"),
		     "cv.json: $.work[0].hours: expected number, got string");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"eind\":\"2021-01-01\""),
		     "cv.json: $.work[0].eind: unknown property");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"a\\u0000b\":1"),
		     "cv.json:1:96: NUL byte in object key not supported near '\"a\\u0000b\"'");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"employer\":\"a\\u0000b\""),
		     "cv.json: $.work[0].employer: contains a NUL character");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"competences\":\"samenwerken\""),
		     "cv.json: $.work[0].competences: expected array, got string");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"competences\":[\"samenwerken\",3]"),
		     "cv.json: $.work[0].competences[1]: expected string, got integer");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"competences\":[\"a\\u0000\"]"),
		     "cv.json: $.work[0].competences[0]: contains a NUL character");
	expect_error("{\"education\":[{\"level\":\"mbo-4\"}]}",
		     "cv.json: $.education[0]: missing required property \"diploma\"");
	expect_error("{\"education\":[{\"level\":\"mbo-4\",\"diploma\":true,\"start\":\"2020\"}]}",
		     "cv.json: $.education[0].start: expected a date YYYY-MM-DD");
}

static void rule_messages(void **state)
{
	(void)state;
	expect_error(JOB(OK_JOB ",\"paid\":true,\"end\":\"2019-12-31\""),
		     "cv.json: $.work[0].end: before the start date");
	expect_error(JOB("\"start\":\"2020-01-01\",\"sector\":\"zorg\",\"function\":\"Dev\","
			 "\"hours\":38,\"paid\":true"),
		     "cv.json: $.work[0].sector: unknown code (see pack sectors)");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"competences\":[\"samenwerken\",\"vliegen\"]"),
		     "cv.json: $.work[0].competences[1]: unknown code (see pack competences)");
	/* A cluster is a heading, not a competence. */
	expect_error(JOB(OK_JOB ",\"paid\":true,\"competences\":[\"klantgerichtheid\"]"),
		     "cv.json: $.work[0].competences[0]: unknown code (see pack competences)");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"competences\":[\"rekenen\",\"verkopen\","
			 "\"rekenen\"]"),
		     "cv.json: $.work[0].competences[2]: duplicate of item 0");
	expect_error("{\"education\":[{\"level\":\"mbo-5\",\"diploma\":true}]}",
		     "cv.json: $.education[0].level: unknown code (see pack education-levels)");
	expect_error("{\"education\":[{\"level\":\"vwo\",\"diploma\":true,"
		     "\"start\":\"2010-09-01\",\"end\":\"2010-08-31\"}]}",
		     "cv.json: $.education[0].end: before the start date");
	expect_error("{\"education\":[{\"level\":\"vwo\",\"diploma\":true,\"field\":\" \"}]}",
		     "cv.json: $.education[0].field: expected at least 1 character that is not "
		     "a space");
	expect_error(JOB("\"start\":\"2020-01-01\",\"sector\":\"ict\",\"function\":\"\","
			 "\"hours\":38,\"paid\":true"),
		     "cv.json: $.work[0].function: expected at least 1 character that is not a "
		     "space");
	expect_error(JOB(OK_JOB ",\"paid\":true,\"employer\":\"\\t\""),
		     "cv.json: $.work[0].employer: expected at least 1 character that is not a "
		     "space");
	expect_error(JOB("\"start\":\"2020-01-01\",\"sector\":\"ict\",\"function\":\"Dev\","
			 "\"hours\":0,\"paid\":true"),
		     "cv.json: $.work[0].hours: expected more than 0 and at most 80");
	expect_error(JOB("\"start\":\"2020-01-01\",\"sector\":\"ict\",\"function\":\"Dev\","
			 "\"hours\":80.5,\"paid\":true"),
		     "cv.json: $.work[0].hours: expected more than 0 and at most 80");

	struct buf text = BUF_INIT;
	buf_puts(&text, "{\"work\":[{" OK_JOB ",\"paid\":true,\"employer\":\"");
	for (int i = 0; i < 201; i++)
		buf_putc(&text, 'x');
	buf_puts(&text, "\"}]}");
	expect_error(buf_str(&text), "cv.json: $.work[0].employer: expected at most 200 characters");
	buf_reset(&text);
	buf_puts(&text, "{\"work\":[");
	for (int i = 0; i < CV_JSON_MAX_WORK + 1; i++)
		buf_printf(&text, "%s{}", i ? "," : "");
	buf_puts(&text, "]}");
	expect_error(buf_str(&text), "cv.json: $.work: expected at most 200 items");
	buf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_calendar_months),
		cmocka_unit_test(day_numbers_round_trip),
		cmocka_unit_test(overlapping_jobs_count_once),
		cmocka_unit_test(fte_weighting_caps_at_one_per_day),
		cmocka_unit_test(open_job_runs_to_the_reference_date),
		cmocka_unit_test(months_since_last_paid_work),
		cmocka_unit_test(volunteer_work_counts_separately),
		cmocka_unit_test(sector_ties_sort_by_code_and_longest_tie_keeps_the_first),
		cmocka_unit_test(highest_education),
		cmocka_unit_test(education_levels_are_ranked_from_the_pack),
		cmocka_unit_test(ranked_list_needs_values),
		cmocka_unit_test(analysis_refuses_what_check_refuses),
		cmocka_unit_test(example_file_parses_and_analyses),
		cmocka_unit_test(file_details),
		cmocka_unit_test(parser_messages),
		cmocka_unit_test(rule_messages),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
