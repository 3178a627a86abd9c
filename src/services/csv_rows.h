/* What every parser of a CSV file of rows (core/csv.h) needs besides the
 * reader: headers made safe to repeat in messages, trimmed fields, strict
 * numbers, and the list of problems `NAME: row R, column C (HEADER): ...`
 * that stops after a limit because a wrong file repeats one mistake on
 * every row. Shared by the person-period and the answers parsers. */
#ifndef IPM_SERVICES_CSV_ROWS_H
#define IPM_SERVICES_CSV_ROWS_H

#include "core/buf.h"
#include "core/csv.h"
#include "core/err.h"
#include "pack/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* A header as messages show it (owned, free()): printable ASCII, at most 40
 * bytes ("..." when cut), "empty" for an empty one — a header is outside
 * text and a message must stay one short line. */
char *csv_shown_header(const char *s, size_t n);

/* The field without surrounding spaces and tabs (spreadsheets add them
 * around numbers, where they carry no meaning). */
const char *csv_trimmed(const char *s, size_t *n);

/* A whole number in min..max written as [-]digits; false otherwise. */
bool csv_whole(const char *s, size_t n, long min, long max, long *out);

/* A decimal number [-|+]digits[.digits][e[-|+]ddd] (no inf, nan or hex; at
 * most 31 characters) into *out; false otherwise. */
bool csv_decimal(const char *s, size_t n, double *out);

struct csv_problems {
	struct diag diag;            /* diag.count > max stops the parse */
	size_t max;
	char **headers;              /* [n_headers], shown form; owned */
	size_t n_headers;
};

void csv_problems_init(struct csv_problems *p, const char *name, size_t max);
/* Keeps the shown form of every field of the reader's current record (the
 * header row). */
void csv_problems_headers(struct csv_problems *p, const struct csv *c);
bool csv_problems_full(const struct csv_problems *p);

/* Adds `NAME: row R[, column C (HEADER)]: message`; col 0 = the whole row. */
void csv_problem(struct csv_problems *p, size_t row, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A line as is, prefixed with NAME (the reader's own "row R, column C: ..."). */
void csv_problem_line(struct csv_problems *p, const char *msg);

/* IPM_OK when there was no problem; otherwise IPM_EINVAL with as many lines
 * as fit in e, and every kept line appended to `messages` (may be NULL)
 * followed by "NAME: stopped after MAX problems" when `stopped` is true. */
int csv_problems_finish(struct csv_problems *p, bool stopped, struct buf *messages,
			struct err *e);

void csv_problems_free(struct csv_problems *p);

#endif
