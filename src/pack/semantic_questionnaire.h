/* The questionnaire's semantic checks, split by part (items and scales;
 * blocks and norms; the within-person read-outs). They share the indices
 * built once in semantic_questionnaire.c. */
#ifndef IPM_PACK_SEMANTIC_QUESTIONNAIRE_H
#define IPM_PACK_SEMANTIC_QUESTIONNAIRE_H

#include "pack/semantic.h"

struct semq {
	json_t *response_scales; /* id -> path */
	json_t *items;           /* id -> path */
	json_t *scales;          /* id -> path */
	json_t *item_rs;         /* item id -> its response scale id */
	json_t *excluded;        /* item id -> true for default_excluded items */
	json_t *scale_pos;       /* scale id -> its position in scales[] (first use) */
};

/* Reports each string of parent[key] (an array) that is not a scale id. */
void semq_scale_refs(struct sem *s, const struct semq *q, const json_t *parent, const char *key);

void semq_blocks(struct sem *s, const struct semq *q);
void semq_norms(struct sem *s, const struct semq *q);
/* parent[key] = {low_below, high_above}: high_above must be at least low_below. */
void semq_cutoffs(struct sem *s, const json_t *parent, const char *key);
void semq_readouts(struct sem *s, const struct semq *q);

#endif
