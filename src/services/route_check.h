/* Input checks shared by the use cases of the later route steps
 * (judgement.c, advice.c, plan.c): one wording for every form field, so a
 * web form and a command say the same thing. Messages name the field,
 * never its value (it may be personal). */
#ifndef IPM_SERVICES_ROUTE_CHECK_H
#define IPM_SERVICES_ROUTE_CHECK_H

#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>

/* A text field: valid UTF-8, at most max characters, and when `required`
 * present with at least one character that is not a space. NULL or ""
 * passes when not required. "FIELD: is required", "FIELD: expected at
 * most N characters", "FIELD: not valid UTF-8". */
int route_text(const char *field, const char *v, bool required, size_t max, struct err *e);

/* v is one of the comma-separated words of `list` ("a, b, c"); else
 * "FIELD: expected one of a, b, c" (or "FIELD: is required" for NULL). */
int route_enum(const char *field, const char *v, const char *list, struct err *e);

/* A date YYYY-MM-DD; "FIELD: expected a date YYYY-MM-DD". */
int route_date(const char *field, const char *v, struct err *e);

/* A code: 1..64 of [a-z0-9._-], starting with a letter or digit. */
bool route_code_ok(const char *v);

#endif
