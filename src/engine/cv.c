/* cv_analyse: the derived facts of a checked CV; the rules are in cv.h. */
#include "engine/cv.h"
#include "engine/periods.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DAYS_PER_YEAR 365.25

/* A job's days up to `ref`; false when it starts after `ref`. */
static bool job_period(const struct cv_job *job, int32_t ref, struct period *out)
{
	int32_t start = date_days(job->start);
	if (start > ref)
		return false;
	int32_t end = date_is_set(job->end) ? date_days(job->end) : ref;
	/* Hours as whole thousandths, so that the FTE sweep adds and removes
	 * weights exactly. */
	*out = (struct period){ start, end < ref ? end : ref, llround(job->hours * 1000) };
	return true;
}

/* The periods of the jobs that are paid (or not) and, when `sector` is not
 * NULL, in that sector; returns how many were written to `out`. */
static size_t collect(const struct cv *cv, int32_t ref, bool paid, const char *sector,
		      struct period *out)
{
	size_t n = 0;
	for (size_t i = 0; i < cv->n_work; i++) {
		const struct cv_job *job = &cv->work[i];
		if (job->paid != paid || (sector && strcmp(job->sector, sector) != 0))
			continue;
		n += job_period(job, ref, &out[n]);
	}
	return n;
}

static void experience(const struct cv *cv, int32_t ref, struct period *tmp, struct arena *a,
		       struct cv_facts *f)
{
	size_t n = collect(cv, ref, true, NULL, tmp);
	f->paid_fte_years = periods_weighted_days(tmp, n, llround(CV_FULL_TIME * 1000), a) /
			    DAYS_PER_YEAR;
	n = periods_merge(tmp, n);
	f->paid_days = periods_days(tmp, n);
	f->paid_years = f->paid_days / DAYS_PER_YEAR;
	f->months_since_paid_work = -1;
	if (n > 0) {
		/* Runs are sorted, so the last one holds the last day of paid work. */
		int32_t last = tmp[n - 1].end;
		f->months_since_paid_work =
			last >= ref ? 0 : date_months(date_from_days(last + 1), date_from_days(ref));
	}

	n = periods_merge(tmp, collect(cv, ref, false, NULL, tmp));
	f->volunteer_days = periods_days(tmp, n);
	f->volunteer_years = f->volunteer_days / DAYS_PER_YEAR;
}

static int by_months(const void *a, const void *b)
{
	const struct cv_sector *x = a, *y = b;
	if (x->months != y->months)
		return x->months > y->months ? -1 : 1;
	if (x->volunteer_months != y->volunteer_months)
		return x->volunteer_months > y->volunteer_months ? -1 : 1;
	return strcmp(x->sector->code, y->sector->code);
}

static void sectors(const struct cv *cv, const struct cv_vocab *v, int32_t ref,
		    struct period *tmp, struct arena *a, struct cv_facts *f)
{
	f->sectors = arena_array(a, cv->n_work ? cv->n_work : 1, sizeof *f->sectors);
	f->n_sectors = 0;
	for (size_t i = 0; i < cv->n_work; i++) {
		const struct code_entry *code = code_list_find(&v->sectors, cv->work[i].sector);
		bool seen = false;
		for (size_t k = 0; k < f->n_sectors; k++)
			seen |= f->sectors[k].sector == code;
		struct period probe;
		if (seen || !job_period(&cv->work[i], ref, &probe))
			continue;
		struct cv_sector *s = &f->sectors[f->n_sectors++];
		s->sector = code;
		size_t n = periods_merge(tmp, collect(cv, ref, true, code->code, tmp));
		s->months = periods_months(tmp, n);
		n = periods_merge(tmp, collect(cv, ref, false, code->code, tmp));
		s->volunteer_months = periods_months(tmp, n);
	}
	qsort(f->sectors, f->n_sectors, sizeof *f->sectors, by_months);
}

static void jobs(const struct cv *cv, int32_t ref, struct cv_facts *f)
{
	f->longest_job_days = -1;
	for (size_t i = 0; i < cv->n_work; i++) {
		const struct cv_job *job = &cv->work[i];
		struct period p;
		if (!job_period(job, ref, &p))
			continue;
		if (!job->paid) {
			f->n_volunteer_jobs++;
			continue;
		}
		f->n_paid_jobs++;
		/* Strictly longer: on a tie the first in the list stays. */
		if (p.end - p.start + 1 > f->longest_job_days) {
			f->longest_job = job;
			f->longest_job_days = p.end - p.start + 1;
			f->longest_job_months =
				date_months(date_from_days(p.start), date_from_days(p.end + 1));
		}
	}
	if (!f->longest_job)
		f->longest_job_days = 0;
}

static const struct code_entry *higher(const struct code_list *levels,
				       const struct code_entry *a, const struct code_entry *b)
{
	if (!a || (b && code_list_index(levels, b) > code_list_index(levels, a)))
		return b;
	return a;
}

static void education(const struct cv *cv, const struct cv_vocab *v, struct date ref,
		      struct cv_facts *f)
{
	for (size_t i = 0; i < cv->n_education; i++) {
		const struct cv_education *ed = &cv->education[i];
		if (date_is_set(ed->start) && date_cmp(ed->start, ref) > 0)
			continue;
		const struct code_entry *level = code_list_find(&v->levels, ed->level);
		f->highest_attended = higher(&v->levels, f->highest_attended, level);
		if (ed->diploma)
			f->highest_diploma = higher(&v->levels, f->highest_diploma, level);
	}
}

int cv_analyse(const struct cv *cv, const struct cv_vocab *vocab, struct date ref,
	       struct arena *a, struct cv_facts *out, struct err *e)
{
	if (!date_is_set(ref))
		return err_set(e, IPM_EINVAL, "reference date: missing");
	int rc = cv_check(cv, vocab, e);
	if (rc)
		return rc;
	*out = (struct cv_facts){ 0 };
	int32_t ref_days = date_days(ref);
	/* One scratch array serves every collection: each takes at most one
	 * period per job. */
	struct period *tmp = arena_array(a, cv->n_work ? cv->n_work : 1, sizeof *tmp);
	experience(cv, ref_days, tmp, a, out);
	sectors(cv, vocab, ref_days, tmp, a, out);
	jobs(cv, ref_days, out);
	education(cv, vocab, ref, out);
	return IPM_OK;
}
