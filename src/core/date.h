/* Calendar dates as whole days, for the date arithmetic of career research
 * (age, periods of work, gaps). No time of day and no time zone: a CV and a
 * birth date are days, and mixing in clock time would shift them by one
 * around midnight UTC. Proleptic Gregorian calendar, years 1..9999. */
#ifndef IPM_CORE_DATE_H
#define IPM_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

struct date {
	int y, m, d; /* y == 0: no date (DATE_NONE), e.g. a job that has not ended */
};

#define DATE_NONE ((struct date){ 0, 0, 0 })

static inline bool date_is_set(struct date d)
{
	return d.y != 0;
}

/* "YYYY-MM-DD" that is a real calendar date (time_date_valid); false leaves
 * *out untouched. */
bool date_parse(const char *s, struct date *out);

/* Days since 1970-01-01 (negative before); an ordinal, so that periods are
 * subtractions. date_from_days is its inverse. */
int32_t date_days(struct date d);
struct date date_from_days(int32_t days);

/* <0, 0, >0 as a is before, on or after b. */
int date_cmp(struct date a, struct date b);

/* Whole calendar months from `from` to `to` (to >= from; 0 otherwise): the
 * month count goes up each time the day of the month of `from` is reached
 * again. Where a month is too short for that day (the 31st, 29 February), it
 * is reached on the first day of the next month: 2024-01-31 → 2024-02-29 is
 * 0 months, → 2024-03-01 is 1. The same rule gives ages (date_years). */
int date_months(struct date from, struct date to);

/* Whole years by the same rule: a birthday not yet reached this year counts
 * one less; someone born on 29 February turns a year older on 1 March in a
 * common year. */
int date_years(struct date from, struct date to);

#endif
