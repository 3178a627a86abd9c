/* What the catalogue's JSON and CSV formats share: the names of duration
 * units, dates as YYYY-MM-DD, and numbers in the shortest text that reads
 * back to the same double (so an export → import → export is byte-identical). */
#ifndef IPM_SERVICES_CATALOGUE_FMT_H
#define IPM_SERVICES_CATALOGUE_FMT_H

#include "core/buf.h"
#include "core/date.h"
#include "engine/catalogue.h"

#include <stdbool.h>

/* "uren", "dagen", "weken", "maanden"; NULL for CAT_UNIT_NONE or out of range. */
const char *cat_unit_name(enum cat_duration_unit u);
/* false (and *out untouched) for anything else than the four names. */
bool cat_unit_parse(const char *s, enum cat_duration_unit *out);
#define CAT_UNIT_NAMES "uren, dagen, weken or maanden"

/* The shortest text of %.1g … %.17g that strtod reads back to exactly `v`
 * (0.1, 10, 1200, 1e+21); v must be finite. -0 is written as 0. */
void cat_put_number(struct buf *b, double v);

void cat_put_date(struct buf *b, struct date d);

#endif
