/* Person-period files (docs/contracts/prognosis-v1.md, "Person-period
 * data"): one row per client per month at risk, checked against the
 * features of a prognosis model, read into a struct pp_table for fitting,
 * validation and audit, and written in the same format (ipm synth).
 *
 * The header row is required. Columns, in any order:
 *   client      required; the client's id, a whole number 1..2147483647
 *               (an internal id, by convention not personal data)
 *   period      required; months unemployed at the end of the month,
 *               1..PP_PERIOD_MAX, consecutive within a client
 *   event       required; 1 in the month work started (the client's last
 *               row), else 0; a client whose last row has 0 is censored
 *   <feature>   one per feature of the model, by its id: a factor rating
 *               (a number within the feature's range, −2..2; empty = 0,
 *               neutral, as the prognosis reads a missing rating) or a
 *               client attribute (0 or 1)
 *   audit_<a>   optional, any number: text recorded only for the audit
 *               (empty = not recorded), the same on every row of a client,
 *               at most PP_AUDIT_VALUES_MAX distinct values
 * The rows of a client are contiguous and end at its event.
 *
 * Messages read `NAME: row R, column C (HEADER): message` (the header is
 * row 1), e.g. `pp.csv: row 7, column 2 (period): not consecutive after
 * row 6`. They repeat numbers of the file's structure (periods), never a
 * client id or an audit value. Up to PP_MAX_ERRORS problems are collected,
 * then parsing stops; on any problem nothing is returned. */
#ifndef IPM_SERVICES_PERSON_PERIOD_CSV_H
#define IPM_SERVICES_PERSON_PERIOD_CSV_H

#include "core/buf.h"
#include "core/err.h"
#include "engine/pp_table.h"
#include "engine/prognosis.h"

#include <stddef.h>

#define PP_MAX_ERRORS 20
#define PP_PERIOD_MAX 600 /* 50 years unemployed: anything above is a mistake */
#define PP_AUDIT_VALUE_MAX 100
#define PP_AUDIT_MAX 20 /* audit_* columns */

/* Parses text[0..len) (need not be NUL-terminated) against model `m`;
 * `name` (the file name) starts every message. IPM_OK fills *out (free with
 * pp_table_free), its features in model order; IPM_EINVAL fills `e` with
 * as many whole lines as fit and appends every line to `messages` (may be
 * NULL). */
int pp_csv_parse(const struct prog_model *m, const char *name, const char *text, size_t len,
		 struct pp_table *out, struct buf *messages, struct err *e);

/* The header line, then one line per row [from, to): written in pieces so a
 * large file never needs one buffer of its size. */
void pp_csv_header(struct buf *b, const struct pp_table *t);
void pp_csv_rows(struct buf *b, const struct pp_table *t, size_t from, size_t to);

#endif
