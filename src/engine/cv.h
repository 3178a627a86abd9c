/* CV analysis (DOMAIN §2, step 3): structured education and work history,
 * checked against the code lists of the taxonomy packs (education-levels,
 * sectors, competences), and the facts derived from them on a reference date.
 * Pure: no I/O, no json_t (src/services/cv_json.c reads the JSON format of
 * docs/cv.md). Strings are borrowed; results live in the caller's arena.
 *
 * Rules of the derived facts (cv_analyse), all relative to `ref`:
 *
 * - A job runs from `start` to `end` inclusive; without `end` it is still
 *   going on. Every period is cut off at `ref`; a job that starts after `ref`
 *   has not happened yet and counts nowhere.
 * - Paid experience is the union of the days of paid jobs: days when someone
 *   held two jobs count once. years = days / 365.25 (the mean Julian year, so
 *   a leap day does not make a year longer than four years' average).
 * - FTE-weighted years weigh each day by the hours per week of the paid jobs
 *   held that day divided by 38 (the Dutch full-time week), capped at 1: two
 *   jobs of 19 hours make one full day, a 45-hour job does not make more.
 * - Volunteer work (paid = false) is counted the same way but separately
 *   (volunteer_days, volunteer_years) and never as paid experience.
 * - Months since the last paid work: 0 while a paid job is open or ends on or
 *   after `ref`; otherwise whole calendar months (date_months) from the day
 *   after the last day of paid work to `ref`; -1 without any paid job.
 * - Sectors: for each sector code, whole calendar months (periods_months) of
 *   the union of its paid jobs (months) and of its volunteer jobs
 *   (volunteer_months); sorted by months, then volunteer_months, both
 *   descending, then by code.
 * - Education: the highest level with a diploma, and the highest level
 *   attended (diploma or not), by the rank order of the education-levels
 *   pack; education that starts after `ref` is not yet attended.
 * - Jobs: the number of paid and of volunteer jobs; the longest paid job by
 *   days (the first in the list on a tie), with its whole calendar months. */
#ifndef IPM_ENGINE_CV_H
#define IPM_ENGINE_CV_H

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "engine/codes.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CV_TEXT_MAX 200     /* characters of a function title, employer or field */
#define CV_HOURS_MAX 80.0   /* hours per week: more is a typing error */
#define CV_FULL_TIME 38.0   /* hours per week of one FTE */

struct cv_education {
	const char *level;      /* code in the education-levels pack */
	const char *field;      /* free text, or NULL */
	struct date start, end; /* each may be DATE_NONE: not always known, end also while studying */
	bool diploma;
};

struct cv_job {
	struct date start;        /* required */
	struct date end;          /* DATE_NONE: still working there */
	const char *employer;     /* or NULL */
	const char *sector;       /* code in the sectors pack */
	const char *function;     /* the function title, free text */
	double hours;             /* per week, more than 0 and at most CV_HOURS_MAX */
	bool paid;                /* false: volunteer work */
	const char **competences; /* codes in the competences pack, no repeats */
	size_t n_competences;
};

struct cv {
	const struct cv_education *education;
	size_t n_education;
	const struct cv_job *work;
	size_t n_work;
};

/* The code lists a CV is checked against. `levels` is in rank order (lowest
 * first), as code_list_ranked_from_pack builds it. */
struct cv_vocab {
	struct code_list levels;
	struct code_list sectors;
	struct code_list competences;
};

/* Checks the rules a form or a file cannot be trusted with: known codes, end
 * not before start, hours in range, texts of 1..CV_TEXT_MAX characters and
 * not blank, no competence twice in a job. The first problem is IPM_EINVAL
 * with a message naming the field as a path into the CV, e.g.
 * "work[2].end: before the start date" or
 * "work[0].sector: unknown code (see pack sectors)" — never its value. */
int cv_check(const struct cv *cv, const struct cv_vocab *vocab, struct err *e);

struct cv_sector {
	const struct code_entry *sector;
	int months;           /* paid */
	int volunteer_months;
};

struct cv_facts {
	int32_t paid_days;
	double paid_years;
	double paid_fte_years;
	int32_t volunteer_days;
	double volunteer_years;
	int months_since_paid_work; /* 0 working now, -1 never paid */

	struct cv_sector *sectors; /* in the arena */
	size_t n_sectors;

	const struct code_entry *highest_diploma;  /* NULL: none */
	const struct code_entry *highest_attended; /* NULL: none */

	size_t n_paid_jobs;
	size_t n_volunteer_jobs;
	const struct cv_job *longest_job; /* NULL without paid jobs */
	int32_t longest_job_days;
	int longest_job_months;
};

/* cv_check, then the facts on `ref` (rules above). */
int cv_analyse(const struct cv *cv, const struct cv_vocab *vocab, struct date ref,
	       struct arena *a, struct cv_facts *out, struct err *e);

#endif
