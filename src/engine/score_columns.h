/* Column-wise batch scoring: the same results as score_one, bit for bit,
 * laid out as one array per field per scale (scale-major) instead of a
 * struct scale_score per scale per respondent. A batch job that stores or
 * aggregates a scale across respondents reads contiguous memory, and the
 * engine can sum a scale's items for many respondents in one vector loop
 * (docs/performance.md, "Batch scoring").
 *
 * Pure and allocation-free like score_batch: the caller owns the output
 * columns and the scratch. */
#ifndef IPM_ENGINE_SCORE_COLUMNS_H
#define IPM_ENGINE_SCORE_COLUMNS_H

#include "engine/questionnaire.h"
#include "engine/score.h"

#include <stddef.h>
#include <stdint.h>

/* The results of n respondents. Each per-respondent array holds
 * q->n_scales × n values, scale j's for respondent r at [j * n + r]; the
 * fields mean what they mean in struct scale_score. */
struct score_columns {
	double *raw, *t, *pct;
	int8_t *band;
	uint8_t *flags;
	uint16_t *answered;
	uint16_t *asked;         /* [q->n_scales]: the same for every respondent */
};

/* Bytes of scratch score_batch_columns needs for q, whatever n. */
size_t score_columns_scratch_size(const struct questionnaire *q);

/* Scores n respondents: answers is n × q->n_items row-major, norms has n
 * entries (each may be NULL) or is NULL, as for score_batch. scratch holds
 * score_columns_scratch_size(q) bytes aligned as malloc aligns. Equal, bit
 * for bit, to score_one on each row. */
void score_batch_columns(const struct questionnaire *q, size_t n, const int16_t *answers,
			 const struct norm_choice *const *norms, struct score_columns *out,
			 void *scratch);

#endif
