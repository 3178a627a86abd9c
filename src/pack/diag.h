/* The list of problems found in one pack: every check appends a line
 * `SOURCE: $.path: message`; the first PACK_MAX_ERRORS are kept, the rest
 * only counted, so one broken array cannot flood the user. */
#ifndef IPM_PACK_DIAG_H
#define IPM_PACK_DIAG_H

#include "core/buf.h"
#include "core/err.h"
#include "core/json.h"

#include <stddef.h>

struct diag {
	const char *source;
	struct buf lines; /* kept lines, each ending in "\n" */
	size_t kept;
	size_t count;     /* all problems, kept or not */
};

void diag_init(struct diag *d, const char *source);
void diag_free(struct diag *d);

void diag_add(struct diag *d, const struct jpath *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* IPM_OK when nothing was added; otherwise IPM_EINVAL with as many whole
 * lines as fit in e->msg and "... and N more" for the rest. */
int diag_finish(const struct diag *d, struct err *e);

/* A number as a person would write it: 3, 0.25, 1e+300. */
void diag_put_number(struct buf *b, const json_t *v);

#endif
