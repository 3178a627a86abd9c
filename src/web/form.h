/* application/x-www-form-urlencoded, as browsers send forms and query
 * strings (WHATWG URL standard, "application/x-www-form-urlencoded parsing"),
 * with limits, because every byte of it comes from outside.
 *
 * Names and values are percent-decoded ('+' is a space), must be UTF-8 and
 * hold no NUL or other control character except tab, CR and LF (values
 * only). Errors name the field (or its position when the name itself is
 * bad), never a value. */
#ifndef IPM_WEB_FORM_H
#define IPM_WEB_FORM_H

#include "core/arena.h"
#include "core/err.h"

#include <stddef.h>

struct form_field {
	const char *name;
	const char *value;
	size_t value_len;
};

struct form {
	struct form_field *fields; /* in the arena, in the order sent */
	size_t n;
};

struct form_limits {
	size_t max_fields; /* default 256 */
	size_t max_name;   /* bytes, decoded; default 64 */
	size_t max_value;  /* bytes, decoded; default 64 KiB */
};

#define FORM_LIMITS_DEFAULT { 256, 64, 64 * 1024 }

int form_parse(const char *data, size_t len, const struct form_limits *lim, struct arena *a,
	       struct form *out, struct err *e);

/* The first value of `name`, or NULL. */
const char *form_get(const struct form *f, const char *name);

#endif
