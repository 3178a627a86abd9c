/* Time as IPM stores it: UTC, ISO 8601 with seconds and a 'Z', which sorts as
 * text and reads the same in SQLite and PostgreSQL. */
#ifndef IPM_CORE_TIMEUTIL_H
#define IPM_CORE_TIMEUTIL_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define TIME_ISO_LEN 21 /* "2026-11-23T14:42:10Z" + NUL */

void time_now_iso(char out[TIME_ISO_LEN]);
void time_format_iso(time_t t, char out[TIME_ISO_LEN]);

/* Validates a calendar date "YYYY-MM-DD" (leap years included). */
bool time_date_valid(const char *s);

/* Monotonic milliseconds, for durations in logs and benchmarks. */
int64_t time_mono_ms(void);

#endif
