/* Periods of days and their union: work experience is the time covered by
 * at least one job, so two jobs at once count once (a plain sum would make
 * someone with two part-time jobs twice as experienced). Pure helpers for
 * engine/cv.c. */
#ifndef IPM_ENGINE_PERIODS_H
#define IPM_ENGINE_PERIODS_H

#include "core/arena.h"

#include <stddef.h>
#include <stdint.h>

struct period {
	int32_t start, end; /* date_days, both inclusive */
	int64_t weight;     /* for periods_weighted_days; ignored elsewhere */
};

/* Sorts `p` by start and merges periods that overlap or touch (one ends the
 * day before the next starts) into runs; returns the number of runs, which
 * now lead the array. */
size_t periods_merge(struct period *p, size_t n);

/* Days covered by runs (as periods_merge left them). */
int32_t periods_days(const struct period *runs, size_t n);

/* Whole calendar months of runs, counted per run with date_months from its
 * first day to the day after its last (2020-01-01..2020-12-31 is 12). A
 * month is never split over runs: two half months apart are 0. */
int periods_months(const struct period *runs, size_t n);

/* Σ over days of min(full, Σ weights of the periods covering that day) / full,
 * for the periods as given (not merged): FTE-weighted days when the weight is
 * hours per week and `full` a full-time week, in the same integer unit so
 * that adding and removing weights is exact. */
double periods_weighted_days(const struct period *p, size_t n, int64_t full,
			     struct arena *a);

#endif
