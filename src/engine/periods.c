#include "engine/periods.h"
#include "core/date.h"

#include <stdlib.h>

static int by_start(const void *a, const void *b)
{
	const struct period *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

size_t periods_merge(struct period *p, size_t n)
{
	if (n == 0)
		return 0;
	qsort(p, n, sizeof *p, by_start);
	size_t runs = 0;
	for (size_t i = 1; i < n; i++) {
		/* Touching periods (a job to 31 March, the next from 1 April) are
		 * one unbroken run: no gap lies between them. */
		if ((int64_t)p[i].start <= (int64_t)p[runs].end + 1) {
			if (p[i].end > p[runs].end)
				p[runs].end = p[i].end;
		} else {
			p[++runs] = p[i];
		}
	}
	return runs + 1;
}

int32_t periods_days(const struct period *runs, size_t n)
{
	int32_t days = 0;
	for (size_t i = 0; i < n; i++)
		days += runs[i].end - runs[i].start + 1;
	return days;
}

int periods_months(const struct period *runs, size_t n)
{
	int months = 0;
	for (size_t i = 0; i < n; i++)
		months += date_months(date_from_days(runs[i].start),
				      date_from_days(runs[i].end + 1));
	return months;
}

struct event {
	int32_t day;
	int64_t delta;
};

static int by_day(const void *a, const void *b)
{
	const struct event *x = a, *y = b;
	return (x->day > y->day) - (x->day < y->day);
}

double periods_weighted_days(const struct period *p, size_t n, int64_t full,
			     struct arena *a)
{
	if (n == 0)
		return 0;
	/* A sweep over the days where the weight changes: +w on a period's
	 * first day, -w on the day after its last. */
	struct event *ev = arena_array(a, 2 * n, sizeof *ev);
	for (size_t i = 0; i < n; i++) {
		ev[2 * i] = (struct event){ p[i].start, p[i].weight };
		ev[2 * i + 1] = (struct event){ p[i].end + 1, -p[i].weight };
	}
	qsort(ev, 2 * n, sizeof *ev, by_day);
	double total = 0;
	int64_t weight = 0;
	for (size_t i = 0; i < 2 * n; i++) {
		if (i > 0 && weight > 0) {
			int64_t capped = weight < full ? weight : full;
			total += (double)(ev[i].day - ev[i - 1].day) * (double)capped;
		}
		weight += ev[i].delta;
	}
	return total / (double)full;
}
