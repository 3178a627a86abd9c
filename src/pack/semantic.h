/* The checks a schema cannot express — unique ids, references that must
 * resolve, consistent response scales, forbidden predictors — one file per
 * kind, sharing the helpers below. They run only on a document that passed
 * its kind's schema, so types and required properties can be trusted. */
#ifndef IPM_PACK_SEMANTIC_H
#define IPM_PACK_SEMANTIC_H

#include "core/json.h"
#include "pack/diag.h"
#include "pack/pack.h"

#include <stddef.h>

void semantic_check(enum pack_kind kind, const json_t *doc, struct diag *d);

/* --- for the per-kind files ---------------------------------------------- */

struct sem {
	struct diag *d;
	struct jpath path; /* where the check is; messages are reported here */
	const json_t *doc;
};

void sem_error(struct sem *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Calls fn for each element of parent[key] (if an array) with the path at
 * that element. */
typedef void sem_each_fn(struct sem *s, size_t i, const json_t *el, void *ctx);
void sem_each(struct sem *s, const json_t *parent, const char *key, sem_each_fn *fn,
	      void *ctx);

/* Records `key` in `index` (key -> path of its first use) with the path at
 * `field`, or reports the duplicate there. */
void sem_note_unique(struct sem *s, json_t *index, const char *key, const char *field);

/* A new index of parent[array][*][field], duplicates reported. */
json_t *sem_index(struct sem *s, const json_t *parent, const char *array, const char *field);

/* Reports el[field] (a string, if present) at `field` unless `index` has it. */
void sem_ref(struct sem *s, const json_t *index, const json_t *el, const char *field,
	     const char *what);

/* Checks response or rating scales in doc[key]; returns their index. */
json_t *sem_response_scales(struct sem *s, const char *key);

void semantic_questionnaire(struct sem *s);
void semantic_factors(struct sem *s);
void semantic_model(struct sem *s);
void semantic_taxonomy(struct sem *s);
void semantic_templates(struct sem *s);

#endif
