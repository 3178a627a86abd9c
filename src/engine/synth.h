/* A synthetic population drawn from a KNOWN model (docs/synth.md): clients
 * with factor ratings, age, audit attributes and a duration at entry, and
 * their monthly work/no-work outcomes simulated from the cloglog hazard of
 * a given model — the "true" model, against which fitting and validation
 * can be checked because the answer is known.
 *
 * Pure and deterministic: a seeded PRNG (xoshiro256**, seeded per client
 * from SplitMix64), no I/O. Client i gets its own stream derived from the
 * seed and i, so the first N clients of a population of 2N are the same
 * clients — a larger sample extends a smaller one rather than replacing it.
 *
 * The data are synthetic and must never be mixed with real outcomes: the
 * command that writes them says so (ipm synth). */
#ifndef IPM_ENGINE_SYNTH_H
#define IPM_ENGINE_SYNTH_H

#include "core/err.h"
#include "engine/pp_table.h"
#include "engine/prognosis.h"
#include "engine/questionnaire.h"

#include <stddef.h>
#include <stdint.h>

#define SYNTH_MAX_CLIENTS 10000000 /* client ids stay within int32 */
#define SYNTH_ENTRY_MAX 24         /* months unemployed at entry: 0..24 */
#define SYNTH_FOLLOW_UP 24         /* months observed after entry (administrative censoring) */

/* The audit attributes every synthetic client has, as CSV columns
 * audit_sex, audit_age_band, audit_migration. */
#define SYNTH_AUDIT 3
extern const char *const synth_audit_names[SYNTH_AUDIT];

/* The text of value `index` of audit attribute `attribute` ("m"/"v" for
 * sex, 0), NULL when there is none. */
const char *synth_audit_value(size_t attribute, int32_t index);

/* Zero means the default for every field but n. */
struct synth_opts {
	size_t n;           /* clients, 1..SYNTH_MAX_CLIENTS */
	uint64_t seed;
	int entry_max;      /* default SYNTH_ENTRY_MAX */
	int follow_up;      /* default SYNTH_FOLLOW_UP */
};

/* One synthetic client before its outcome is drawn. */
struct synth_client {
	int entry;                    /* months unemployed at entry (d) */
	int age;                      /* 18..67 */
	double closeness;             /* latent closeness to work Z ~ N(0, 1); higher = closer */
	double x[PROG_FEATURES_MAX];  /* per feature of the model, in model order */
	int32_t audit[SYNTH_AUDIT];   /* index into the values of each attribute */
};

/* Client i (0-based) of the population with this seed. */
void synth_client(const struct prog_model *truth, const struct synth_opts *o, size_t i,
		  struct synth_client *out);

/* Client i with its simulated outcome, the same draws as its rows in
 * synth_population: returns the months observed after entry (1..follow_up)
 * and *event says whether work started in the last of them. o is not
 * checked (synth_population checks it). */
int synth_client_outcome(const struct prog_model *truth, const struct synth_opts *o, size_t i,
			 struct synth_client *out, int *event);

/* Answers of synthetic client i (0-based, as synth_client) to questionnaire
 * q, into row[q->n_items] (docs/synth.md, "Questionnaire answers"): each
 * rating item is min + Binomial(K − 1, p) over its K response values with
 * p = logistic(SYNTH_ANSWER_SLOPE · closeness), mirrored for reverse-keyed
 * items so that the keyed score rises with closeness; the points of an
 * ipsative block split its total at random (independent of closeness);
 * items not asked (excluded) are Q_MISSING. Drawn from a stream of its own
 * for (seed, i), so the answers neither depend on n nor shift the ratings
 * and outcomes of the same client. */
#define SYNTH_ANSWER_SLOPE 0.8
void synth_answers(const struct questionnaire *q, uint64_t seed, size_t i, double closeness,
		   int16_t *row);

/* The whole population as person-period rows (client ids 1..n, rows of a
 * client contiguous, audit attributes on every row). IPM_EINVAL naming the
 * option for n outside 1..SYNTH_MAX_CLIENTS, entry_max outside 0..120 or
 * follow_up outside 1..120. *out (free with pp_table_free) is filled only
 * on IPM_OK. */
int synth_population(const struct prog_model *truth, const struct synth_opts *o,
		     struct pp_table *out, struct err *e);

#endif
