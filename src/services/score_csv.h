/* Results as CSV, one row per respondent, for spreadsheets and batch
 * exports: respondent, then for every scale in pack order <id>.raw, <id>.t,
 * <id>.pct. A missing number (no score, not normed) is an empty field;
 * numbers have the same shortest round-trip form as the JSON. A respondent
 * that starts like a spreadsheet formula gets a "'" in front
 * (csv_put_field_safe). */
#ifndef IPM_SERVICES_SCORE_CSV_H
#define IPM_SERVICES_SCORE_CSV_H

#include "core/buf.h"
#include "engine/score.h"

/* The header line, ending in "\r\n" (RFC 4180). */
void score_csv_header(struct buf *out, const struct questionnaire *q);

/* One respondent's line, ending in "\r\n"; scores has q->n_scales entries. */
void score_csv_row(struct buf *out, const struct questionnaire *q, const char *respondent,
		   const struct scale_score *scores);

#endif
