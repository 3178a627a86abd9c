/* The quality of a questionnaire from the answers in the database: per item
 * scale Cronbach's alpha, alpha if an item is deleted, item–rest and item–
 * total correlations and the answer distribution per item (engine/stats.h,
 * equal to R's psych::alpha). Shared by `ipm pack stats` and, later, the web
 * app, so that both count the same answers.
 *
 * Which answers: every completed assessment of the pack version, its latest
 * answer per item. An answer that is not a whole number within the item's
 * response scale counts as missing and is reported as invalid; answers to
 * items the pack does not have are counted and ignored. Reverse-keyed items
 * are flipped with the response scale's min + max. */
#ifndef IPM_SERVICES_PACK_STATS_H
#define IPM_SERVICES_PACK_STATS_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "engine/questionnaire.h"
#include "engine/stats.h"
#include "store/store.h"

#include <stddef.h>

struct pack_stats_scale {
	const struct q_scale *scale; /* in ps->q */
	bool ipsative;               /* points items: alpha is not meaningful for them */
	int rc;                      /* IPM_OK, or why there is no alpha (`why`) */
	const char *why;
	struct stats_alpha alpha;    /* item[] in the order of scale->items */
	struct stats_freq freq;      /* values: the response scale's min..max */
	const size_t *invalid;       /* per item of the scale */
};

struct pack_stats {
	struct arena arena;          /* owns everything below except q */
	struct questionnaire *q;     /* owned */
	size_t respondents;          /* completed assessments with at least one answer */
	size_t unknown_answers;      /* answers to items the pack does not have */
	size_t n_scales;             /* item scales only */
	struct pack_stats_scale *scales;
};

/* spec is "ID" (the highest registered version) or "ID@VERSION". The read is
 * audited as one 'read' of 'pack_stats' by `who`. IPM_EINVAL for a malformed
 * spec, IPM_ENOTFOUND for a pack that is not registered. A scale without an
 * alpha (fewer than two items that vary) is not an error: its rc says so. */
int pack_stats_compute(struct store *s, const struct store_actor *who, const char *spec,
		       struct pack_stats **out, struct err *e);
void pack_stats_free(struct pack_stats *ps);

/* The report as plain text (Dutch headings, one block per scale) or JSON:
 *   {"pack": {"id", "version", "sha256"}, "respondents": n, "unknown_answers": n,
 *    "scales": [{"id", "label", "ipsative", "alpha": null | {"raw", "std",
 *    "average_r", "items_used"}, "error": "..." (only without alpha),
 *    "values": [min..max], "items": [{"id", "keyed": "+"|"-", "n", "dropped",
 *    "mean", "sd", "r_rest", "r_total", "alpha_if_deleted", "counts": [...],
 *    "missing", "invalid"}]}]}
 * Numbers that do not exist (a dropped item) are null. */
void pack_stats_text(struct buf *out, const struct pack_stats *ps);
void pack_stats_json(struct buf *out, const struct pack_stats *ps);

#endif
