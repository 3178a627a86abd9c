/* Scoring a questionnaire: checking answers, choosing a norm, raw scores,
 * T-scores, percentiles and bands for one respondent or a batch, and the
 * within-person read-outs (top scale, Holland code, profile ranking).
 *
 * Pure: no I/O. score_one allocates nothing and computes every value by its
 * formula: it is the reference. score_batch (and score_batch_columns,
 * score_columns.h) use tables built from the same formulas when the pack
 * was loaded and are equal to it bit for bit; score_batch takes one scratch
 * arena per call (about 80 KiB for the Big Five). Answers are one int16_t
 * per item of q->items (pack order, excluded items included), Q_MISSING for
 * no answer. Rules: docs/contracts/questionnaire-pack-v2.md; speed:
 * docs/performance.md. */
#ifndef IPM_ENGINE_SCORE_H
#define IPM_ENGINE_SCORE_H

#include "core/err.h"
#include "engine/questionnaire.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum score_flag {
	SCORE_PRORATED = 1u << 0,       /* fewer answers than items: prorated to full length */
	SCORE_ITEMS_EXCLUDED = 1u << 1, /* items not asked by default (e.g. O6 voting items) */
	SCORE_NO_SCORE = 1u << 2,       /* too few answers, or a part of a derived scale missing */
};

struct scale_score {
	double raw;              /* NaN = no score */
	double t, percentile;    /* NaN when not normed (or no score) */
	uint16_t answered, asked; /* derived scales: summed over their parts */
	int8_t band;             /* enum q_band: -1 none, 0 laag, 1 gemiddeld, 2 hoog */
	uint8_t flags;           /* enum score_flag; derived scales inherit their parts' flags */
};

/* The norm used for one respondent. Points into q (valid while q lives);
 * copy freely. */
struct norm_choice {
	const double *mean, *sd;      /* [q->n_scales]; NaN = scale not normed */
	struct q_text description;    /* "man, 21–40 jaar" / "gemengd man/vrouw (geslacht onbekend), 21–40 jaar" */
	bool mixture;                 /* sex was unknown: 50/50 mixture of the m and v group */
	const struct q_norm *norm;    /* internal: lookup tables */
};

/* Refuses answers that cannot be scored: a value outside the item's
 * min..max, an answer to an item that is not asked (excluded), and an
 * ipsative block whose points do not add up to its total (a block left
 * wholly empty is fine: it is simply unanswered). The message names the item
 * or block id, never the value: "item \"E1_3\": answer outside 1..5",
 * "block \"b1\": points add up to 90, expected 100". The CLI prefixes the row
 * and column. IPM_EINVAL on the first problem. */
int score_check(const struct questionnaire *q, const int16_t *answers, struct err *e);

/* The norm for sex ('m', 'v', 0 = unknown) and age: the group of that sex
 * whose ages include `age`, else a group for both sexes; with sex unknown a
 * group for both sexes, else the 50/50 mixture of the male and female group
 * (mean (m1+m2)/2, variance (s1²+s2²)/2 + ((m1−m2)/2)²). IPM_EINVAL when the
 * pack has no norms or no group covers the age. */
int norm_select(const struct questionnaire *q, char sex, int age, struct norm_choice *out,
		struct err *e);

/* Scores one respondent into out[q->n_scales]; norm NULL = raw scores only. */
void score_one(const struct questionnaire *q, const int16_t *answers,
	       const struct norm_choice *norm, struct scale_score *out);

/* Scores n respondents: answers is n × q->n_items row-major, out is
 * n × q->n_scales; norms has n entries (each may be NULL) or is NULL.
 * Equal, bit for bit, to score_one on each row. Runs the column kernel of
 * score_batch_columns and writes rows; a caller that can consume one array
 * per field (score_columns.h) saves that copy (about 40 % of the time). */
void score_batch(const struct questionnaire *q, size_t n, const int16_t *answers,
		 const struct norm_choice *const *norms, struct scale_score *out);

/* The percentile (0..100) of a T-score: 100·Φ((t − 50)/10) with the exact
 * normal CDF Φ(z) = 0.5·erfc(−z/√2). NaN for NaN. */
double norm_percentile(double t);

/* The scales of q->top with the highest raw score, all within 1e-9 of the
 * maximum (ties are shown, not broken), in q->top order, into
 * out[q->top.n_scales] as scale indices. Returns how many; 0 when the pack
 * has no top or none of its scales has a score. */
size_t score_top(const struct questionnaire *q, const struct scale_score *s, uint32_t *out);

/* The Holland code of a RIASEC vector v (R, I, A, S, E, C order): the three
 * highest letters, highest first. Equal values (within 1e-9) are ordered
 * R, I, A, S, E, C and *tied says that such a tie decided a letter or its
 * place. IPM_EINVAL when a value is NaN. code is NUL-terminated. */
int holland_code(const double v[6], char code[4], bool *tied);

/* The person's Holland code from the scales of q->holland; IPM_EINVAL when
 * the pack has none or one of the six has no score. */
int score_holland(const struct questionnaire *q, const struct scale_score *s, char code[4],
		  bool *tied, struct err *e);

/* Iachan's (1984) M index of congruence between two 3-letter codes:
 * Σ w[i][j] over positions i of a and j of b whose letters match, with
 * w = [[22,10,4],[10,5,2],[4,2,1]]; 0..28. -1 when a code is not three
 * distinct letters of RIASEC. */
int iachan_m(const char *a, const char *b);

/* Pearson's r of two vectors; NaN when n < 2 or a vector is constant. */
double profile_pearson(const double *a, const double *b, size_t n);

struct profile_rank {
	uint32_t entry;          /* index into q->profiles.entries */
	double r;                /* Pearson r with the person; NaN for a constant entry */
	int congruence;          /* Iachan M with the person's code, -1 when not computed */
};

/* Ranks every entry of q->profiles into out[q->profiles.n_entries]: r
 * descending, ties broken by congruence descending, then id; NaN r last.
 * Congruence is computed when the pack has `holland` and the entry a code.
 * IPM_EINVAL when the pack has no profiles or a profile scale has no score. */
int profiles_rank(const struct questionnaire *q, const struct scale_score *s,
		  struct profile_rank *out, struct err *e);

#endif
