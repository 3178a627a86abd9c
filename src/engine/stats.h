/* Instrument quality: Cronbach's alpha, alpha if an item is deleted, item–
 * total and item–rest correlations, item means and SDs and the answer
 * distribution per item, computed from a respondents × items matrix.
 *
 * The definitions are those of R's psych::alpha (psych 2.2.9), because the
 * results must equal R to 1e-9 (DOMAIN §3; golden values from
 * tests/golden/bfi/export.R):
 *   - covariances use pairwise-complete observations, like
 *     cov(x, use = "pairwise"); psych keys them as diag(k) C diag(k);
 *   - r.drop (item–rest r) is computed from that covariance matrix, not from
 *     rest scores: (sum C[,i] - C[i,i]) / sqrt(C[i,i] * sum C[-i,-i]);
 *   - an item without variance or with fewer than two answers is left out of
 *     everything (psych deletes it with a warning);
 *   - a reverse-keyed answer v becomes flip - v; psych takes flip = the
 *     lowest plus the highest answer observed in the whole matrix, a caller
 *     that knows the response scale passes its min + max instead;
 *   - the item–total r correlates each keyed item with the respondent's mean
 *     of the keyed items answered.
 * Sums are two-pass and accumulate in long double, as R's C code does.
 *
 * Pure: no I/O; every array returned lives in the arena passed in. */
#ifndef IPM_ENGINE_STATS_H
#define IPM_ENGINE_STATS_H

#include "core/arena.h"
#include "core/err.h"

#include <stddef.h>

/* Row-major: x[r * cols + c] is respondent r's answer to item c; NaN = missing. */
struct stats_matrix {
	const double *x;
	size_t rows, cols;
};

/* R's cov(x, use = "pairwise"): out is cols × cols, row-major; NaN where a
 * pair of items has fewer than two respondents who answered both. */
void stats_cov_pairwise(const struct stats_matrix *m, double *out);

struct stats_item {
	int dropped;   /* left out: no variance, or fewer than two answers */
	size_t n;      /* respondents who answered the item */
	/* NaN for a dropped item: */
	double mean, sd;                /* of the keyed answers */
	double raw_r;                   /* item–total r (psych's raw.r) */
	double r_drop;                  /* item–rest r (psych's r.drop) */
	double alpha_drop;              /* raw alpha without this item */
	double std_alpha_drop;          /* standardised alpha without this item */
	double average_r_drop;          /* average inter-item r without this item */
};

struct stats_alpha {
	size_t items_used; /* items not dropped */
	double raw_alpha, std_alpha, average_r;
	double flip;             /* the reverse-keying constant used; NaN when no key was -1 */
	struct stats_item *item; /* m->cols entries, in the order of the matrix; in the arena */
};

/* keys[c] is +1 or -1. flip: NaN for psych's rule, else the response scale's
 * min + max. IPM_EINVAL for an empty matrix or a key other than ±1 (*out
 * untouched), or fewer than two items that can be used (only item[].dropped
 * and .n are filled). Two kept items that fewer than two respondents both
 * answered have no covariance: the results that need it are NaN, as R's NA. */
int stats_alpha(const struct stats_matrix *m, const int *keys, double flip, struct arena *a,
		struct stats_alpha *out, struct err *e);

/* How often each answer value was given per item (psych's response.freq as
 * counts; psych's proportions are count / (rows - missing) and
 * missing / rows). */
struct stats_freq {
	size_t nvalues;
	double *values;  /* ascending */
	size_t *count;   /* cols × nvalues, row-major: count[c * nvalues + v] */
	size_t *missing; /* per item: NaN answers */
	size_t *other;   /* per item: answers not among values (only when values were given) */
};

/* values NULL: every distinct answer in the whole matrix, ascending, like
 * psych's columns; else the caller's values (e.g. a response scale's min..max),
 * which need not be sorted but must be distinct. */
int stats_freq(const struct stats_matrix *m, const double *values, size_t nvalues,
	       struct arena *a, struct stats_freq *out, struct err *e);

#endif
