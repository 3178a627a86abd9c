/* Answers files: one respondent per row of a CSV file (core/csv.h), checked
 * against the questionnaire the answers are for, and turned into the
 * row-major int16_t matrix the scoring engine takes.
 *
 * The header row is required. Columns, in any order:
 *   respondent  required; an id of up to ANSWERS_ID_MAX bytes of UTF-8 text,
 *               unique in the file (by convention not personal data)
 *   sex         optional; m, v (case ignored) or empty
 *   age         optional; whole years 15..100 or empty
 *   pack        optional; ID@VERSION, which must be the questionnaire's own
 *   <item id>   one per item; empty = not answered. A pack item without a
 *               column counts as not answered; an item that is not asked
 *               (excluded) must not have a column.
 * Values are whole numbers within the item's response scale (0..block total
 * for ipsative points); the points of a block must add up to its total.
 *
 * Messages read `NAME: row R, column C (HEADER): message`, rows and columns
 * counted as a spreadsheet shows them (the header is row 1). They repeat
 * answer values, never respondent ids, sex or age. Up to ANSWERS_MAX_ERRORS
 * problems are collected; then parsing stops. On any problem nothing is
 * returned: a file is scored whole or not at all. */
#ifndef IPM_SERVICES_ANSWERS_CSV_H
#define IPM_SERVICES_ANSWERS_CSV_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "engine/questionnaire.h"

#include <stddef.h>
#include <stdint.h>

#define ANSWERS_MAX_ERRORS 20
#define ANSWERS_ID_MAX 100
#define ANSWERS_AGE_MIN 15
#define ANSWERS_AGE_MAX 100

struct answers {
	size_t n_rows;
	size_t n_items;          /* q->n_items: a value slot for every item of the pack */
	int16_t *values;         /* [n_rows * n_items], row-major; Q_MISSING = not answered; owned */
	const char **respondent; /* [n_rows], in arena */
	char *sex;               /* [n_rows]: 'm', 'v' or 0 (not given) */
	int *age;                /* [n_rows]: years, or 0 (not given) */
	size_t *file_row;        /* [n_rows]: the row in the file, for later messages */
	struct arena arena;      /* owns everything above */
};

/* Parses text[0..len) (need not be NUL-terminated) for questionnaire `q`;
 * `name` (the file name) starts every message. IPM_OK fills *out (free with
 * answers_free); IPM_EINVAL fills `e` with as many whole message lines as fit
 * and, when `messages` is not NULL, appends every line (each ending in "\n")
 * to it, so that a command line can show them all. */
int answers_csv_parse(const struct questionnaire *q, const char *name, const char *text,
		      size_t len, struct answers *out, struct buf *messages, struct err *e);

void answers_free(struct answers *a);

/* The header of an answers file for q: respondent, sex, age, pack, then the
 * asked items in pack order (src/services/answers_csv_write.c). */
void answers_csv_header(struct buf *b, const struct questionnaire *q);

/* One respondent's row under that header: sex 'm'/'v' or 0 and age 0 are
 * written empty, Q_MISSING as an empty answer, pack as q's ID@VERSION. */
void answers_csv_row(struct buf *b, const struct questionnaire *q, const char *respondent,
		     char sex, int age, const int16_t *row);

#endif
