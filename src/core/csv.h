/* An RFC 4180 record reader over bytes in memory: fields separated by commas,
 * records by CRLF, LF or a lone CR, fields optionally in double quotes with
 * "" for a quote inside (and commas and line breaks allowed there). A UTF-8
 * byte order mark at the start is skipped, because spreadsheet programs write
 * one. Rows and columns are numbered from 1 as a spreadsheet shows them.
 *
 * The reader (and the writer of one field) knows nothing of what the fields
 * mean; answers_csv (and any later import) gives them meaning. */
#ifndef IPM_CORE_CSV_H
#define IPM_CORE_CSV_H

#include "core/buf.h"
#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>

/* A record may have at most this many fields: far beyond any questionnaire,
 * and it bounds what one hostile line can make us allocate per record. */
#define CSV_MAX_FIELDS 10000

struct csv {
	const char *p, *end;
	size_t row;        /* number of the record last read (1 = first line) */
	bool eof;          /* set by csv_next when no record was left */
	struct buf text;   /* the current record's unquoted fields, each followed by a NUL */
	size_t *start;     /* offsets into text, one per field */
	size_t *len;       /* byte lengths (a field may contain a NUL byte) */
	size_t nfields, cap;
};

/* Reads from text[0..len), which must outlive the reader. */
void csv_init(struct csv *c, const char *text, size_t len);

/* Reads the next record. IPM_OK with c->eof set when there is none; IPM_EINVAL
 * with "row R, column C: message" for malformed quoting. An empty line is a
 * record with one empty field, as in RFC 4180. */
int csv_next(struct csv *c, struct err *e);

/* Field i (0-based) of the current record: NUL-terminated, *len (may be NULL)
 * its length. */
const char *csv_field(const struct csv *c, size_t i, size_t *len);

void csv_free(struct csv *c);

/* Appends one field for writing: as is, or in quotes (with "" for a quote)
 * when it holds a comma, quote, line break or leading/trailing space. */
void csv_put_field(struct buf *b, const char *s);

/* Whether a spreadsheet would take s[0..n) for a formula: its first
 * character after any leading "'" is = + - or @, or a tab or carriage
 * return, which some spreadsheets also act on. */
bool csv_formula_like(const char *s, size_t n);

/* csv_put_field for a file that people open in a spreadsheet, with text
 * from outside in it: a formula-like value gets a "'" in front, so the
 * spreadsheet shows it as text instead of running it. A reader that needs
 * the value back takes one "'" off a formula-like cell. Not for numbers: a
 * negative number would turn into text. */
void csv_put_field_safe(struct buf *b, const char *s);

#endif
