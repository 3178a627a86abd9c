#include "services/catalogue_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const unit_names[] = { NULL, "uren", "dagen", "weken", "maanden" };

const char *cat_unit_name(enum cat_duration_unit u)
{
	return (unsigned)u < sizeof unit_names / sizeof unit_names[0] ? unit_names[u] : NULL;
}

bool cat_unit_parse(const char *s, enum cat_duration_unit *out)
{
	for (size_t i = 1; i < sizeof unit_names / sizeof unit_names[0]; i++)
		if (strcmp(s, unit_names[i]) == 0) {
			*out = (enum cat_duration_unit)i;
			return true;
		}
	return false;
}

void cat_put_number(struct buf *b, double v)
{
	char s[32], best[32] = "";
	if (v == 0)
		v = 0; /* -0 would read back from JSON as the integer 0 */
	/* 17 significant digits always read back exactly (IEEE 754 double);
	 * fewer usually do. Of those that do, the shortest text is what a
	 * person wrote: "1200", not "1.2e+03" (which %.2g gives). */
	for (int p = 1; p <= 17; p++) {
		snprintf(s, sizeof s, "%.*g", p, v);
		if (strtod(s, NULL) == v && (!best[0] || strlen(s) < strlen(best)))
			memcpy(best, s, sizeof best);
	}
	buf_puts(b, best);
}

void cat_put_date(struct buf *b, struct date d)
{
	buf_printf(b, "%04d-%02d-%02d", d.y, d.m, d.d);
}
