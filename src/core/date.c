#include "core/date.h"
#include "core/timeutil.h"

#include <stdlib.h>

bool date_parse(const char *s, struct date *out)
{
	if (!s || !time_date_valid(s))
		return false;
	/* time_date_valid has checked the shape: ten characters, digits, '-'. */
	out->y = (int)strtol(s, NULL, 10);
	out->m = (int)strtol(s + 5, NULL, 10);
	out->d = (int)strtol(s + 8, NULL, 10);
	return true;
}

/* Howard Hinnant's days_from_civil: exact for every Gregorian date, with no
 * table and no loop (eras of 400 years repeat). */
int32_t date_days(struct date d)
{
	int y = d.y - (d.m <= 2);
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (d.m + (d.m > 2 ? -3 : 9)) + 2) / 5 + d.d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32_t)(era * 146097 + doe - 719468);
}

struct date date_from_days(int32_t days)
{
	int z = days + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	struct date r;
	r.d = doy - (153 * mp + 2) / 5 + 1;
	r.m = mp < 10 ? mp + 3 : mp - 9;
	r.y = yoe + era * 400 + (r.m <= 2);
	return r;
}

int date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

int date_months(struct date from, struct date to)
{
	if (date_cmp(to, from) <= 0)
		return 0;
	int months = (to.y - from.y) * 12 + (to.m - from.m);
	/* Comparing the day numbers alone gives the short-month rule: the 31st
	 * is never reached in February, so the month completes on 1 March. */
	if (to.d < from.d)
		months--;
	return months;
}

int date_years(struct date from, struct date to)
{
	return date_months(from, to) / 12;
}
