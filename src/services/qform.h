/* A questionnaire as the browser asks it (docs/web.md, "Questionnaires"):
 * the items that are asked (never the ones the pack excludes by default,
 * such as the two voting items of O6), their answer options with labels in
 * nl/en/de, and the division into pages — from the pack version the
 * assessment was started with, as registered in the store.
 *
 * The checks of a page are the same rules scoring applies (a whole number in
 * the scale's range; the points of a block add up to its total), so that an
 * assessment that passes every page can be scored. */
#ifndef IPM_SERVICES_QFORM_H
#define IPM_SERVICES_QFORM_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/questionnaire.h"
#include "store/store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Items on a page: a page never splits a block (the points of a block are
 * divided on one screen) and holds at most this many items unless one
 * block is larger. */
#define QFORM_PAGE_ITEMS 10

struct qform_option {
	int value;
	struct q_text label;
};

struct qform_scale {
	const char *id;
	int min, max;
	bool points;               /* a share of a block's total: a number is typed */
	size_t n_options;          /* rating scales: max - min + 1; points: 0 */
	struct qform_option *options;
};

struct qform_page {
	size_t first, n; /* a range of asked[] */
};

struct qform {
	struct questionnaire *q; /* owned */
	bool kept;               /* in the process's cache */
	struct arena arena;      /* everything below */
	struct q_text description;
	size_t n_scales;
	struct qform_scale *scales;
	const struct qform_scale **scale_of; /* [q->n_items] */
	size_t n_asked;
	uint32_t *asked;         /* item indices, pack order, excluded ones left out */
	size_t n_excluded;       /* items the pack does not ask by default */
	size_t n_pages;
	struct qform_page *pages;
};

/* The form of pack_id@version as registered (version NULL or "": the
 * newest registered version). IPM_EINVAL naming the pack when it is not a
 * registered questionnaire. The form is shared and read-only: a registered
 * pack version never changes (store_pack_register refuses other bytes), so
 * a form is built once per process and kept, for up to QFORM_CACHE pack
 * versions; beyond that each call builds one of its own. Pair every
 * successful call with qform_release. Thread-safe. */
int qform_get(struct store *s, const char *pack_id, const char *version,
	      const struct qform **out, struct err *e);
/* Ends the use of a form from qform_get (frees it when it was not kept). */
void qform_release(const struct qform *f);

#define QFORM_CACHE 32

enum qform_problem_kind {
	QFORM_MISSING,    /* not answered */
	QFORM_BAD_VALUE,  /* not a whole number in the scale's range */
	QFORM_BLOCK_SUM,  /* the block's points do not add up to its total */
};

struct qform_problem {
	enum qform_problem_kind kind;
	uint32_t item;  /* the item (the block's first item for QFORM_BLOCK_SUM) */
	int32_t block;  /* QFORM_BLOCK_SUM: the block; else -1 */
	long sum;       /* QFORM_BLOCK_SUM: what the points add up to */
};

/* The value of an answer as typed or chosen: 0 and *v for a whole number in
 * the item's range (spaces around it allowed), -1 otherwise. */
int qform_value(const struct qform *f, uint32_t item, const char *text, int *v);

/* Checks page p with values[k] the answer to item asked[pages[p].first + k]
 * (NULL or "" = not answered). Problems in page order into out (room for
 * 2 * pages[p].n); returns how many. */
size_t qform_check_page(const struct qform *f, size_t p, const char *const *values,
			struct qform_problem *out);

/* The page that holds the first unanswered item (answered[i] for item
 * index i), or n_pages when every asked item is answered. */
size_t qform_resume_page(const struct qform *f, const bool *answered);

/* Saves the answers of one page: answers[k] for item_ids[k] (values as
 * sent, already checked by the caller; NULL entries are skipped), only those
 * that differ from the current answer, all in one transaction. */
int qform_save(struct store *s, const struct store_actor *who, int64_t assessment_id, size_t n,
	       const char *const *item_ids, const char *const *answers, struct err *e);

/* Completes the assessment and scores it (services/assessment_score.h) in
 * one transaction: a questionnaire is never completed without its result. */
int qform_complete(struct store *s, const struct store_actor *who, int64_t assessment_id,
		   int64_t *result_id, struct err *e);

#endif
