/* The integration prognosis: a discrete-time proportional-hazards model by
 * month of unemployment with a complementary log-log link
 * (docs/contracts/prognosis-v1.md, docs/prognosis.md).
 *
 *   h(t|x) = 1 − exp(−exp(γ(t) + β·x)),  γ(t) = log(−log(1 − h0(t)))
 *
 * The model is built from a model pack joined with its factor catalogue by
 * src/pack/model_build.c (json_t never reaches the engine); fit and synth
 * may also fill the public fields themselves and call prog_model_prepare.
 * Everything the struct points to lives in `arena`, owned by the struct
 * (model_free in pack/model_build.h releases it).
 *
 * Pure: no I/O, and prog_predict does not allocate — its result is a
 * fixed-size struct, which is why a model has at most PROG_FEATURES_MAX
 * features (the builder refuses more). */
#ifndef IPM_ENGINE_PROGNOSIS_H
#define IPM_ENGINE_PROGNOSIS_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/questionnaire.h" /* struct q_text: the engine's nl/en/de text */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PROG_FEATURES_MAX 64  /* the catalogue has ~33 factors; room to spare */
#define PROG_MONTHS_MAX 120   /* baseline_hazard length, as the schema allows */
#define PROG_MEAN_MONTHS 60   /* expected months: restricted to 5 years */
#define PROG_KRITISCH_SCAN 120 /* kritisch moment searched in months d .. d+120 */
#define PROG_KRITISCH_P 0.30  /* UWV Anker-model: P(work within 12 months) below this */
#define PROG_TOP_N 3

enum prog_kind { PROG_FACTOR = 0, PROG_CLIENT = 1 };

/* The client attributes v1 knows (computed by the services layer, 0/1). */
enum prog_client { PROG_CLIENT_NONE = -1, PROG_AGE_50_PLUS = 0, PROG_AGE_UNDER_27 = 1 };

enum prog_domain {
	PROG_DOMAIN_NONE = -1, /* a client attribute belongs to no domain */
	PROG_PERSOON = 0,
	PROG_OMGEVING = 1,
	PROG_ARBEIDSMARKT = 2,
	PROG_DOMAINS = 3
};

/* Who can change the factor: the organisation, another party, nobody. */
enum prog_influence { PROG_INTERN = 0, PROG_EXTERN = 1, PROG_NIET = 2 };

/* Band of p12, lower bound inclusive: [0, .25), [.25, .5), [.5, .75), [.75, 1]. */
enum prog_band { PROG_BAND_0_25 = 0, PROG_BAND_25_50, PROG_BAND_50_75, PROG_BAND_75_100 };

enum prog_light { PROG_LIGHT_NONE = 0, PROG_GROEN, PROG_ORANJE, PROG_ROOD };

struct prog_feature {
	const char *id;            /* the model pack's feature id (a CSV column) */
	enum prog_kind kind;
	const char *ref;           /* factor id in the catalogue, or client attribute name */
	enum prog_client client;   /* PROG_CLIENT only; PROG_CLIENT_NONE for factors */
	double beta;               /* log hazard ratio per unit (rating step, or 0→1) */
	const char *source;        /* where β comes from */
	const char *uncertainty;   /* NULL when the pack gives none */
	/* From the catalogue for factors; client attributes: PROG_DOMAIN_NONE,
	 * PROG_NIET, the model pack's label (or the attribute name in nl). */
	enum prog_domain domain;
	enum prog_influence influence;
	struct q_text label;
	double min, max;           /* allowed values: the rating scale (−2..2), or 0..1 */
};

struct prog_thresholds {
	double lower, upper;       /* p12 tercile cut-offs: rood < lower ≤ oranje < upper ≤ groen */
};

struct prog_model {
	struct arena arena;        /* owns everything below */
	const char *pack_id, *version, *sha256;
	const char *factors_pack, *factors_version; /* the catalogue joined in; NULL if none */
	struct q_text title;
	bool calibrated;           /* false: every prognosis says "niet gekalibreerd" */

	size_t n_months;           /* 1..PROG_MONTHS_MAX */
	const double *h0;          /* [n_months]: baseline hazard of month t at h0[t−1]; the last holds after */

	size_t n_features;         /* 0..PROG_FEATURES_MAX */
	struct prog_feature *features;

	bool has_population;       /* the pack's population_p12 */
	struct prog_thresholds population;

	/* Internal (prog_model_prepare): cum[t] = Σ_{s≤t} −log(1 − h0(s)) for
	 * t = 0..n_months, the baseline cumulative hazard. Because
	 * 1 − h(t|x) = exp(−e^{β·x}·(−log(1 − h0(t)))), a survival product over
	 * months is one exp of a difference of cum, not an exp per month. */
	const double *cum;
	double cum_tail;           /* −log(1 − h0(n_months)): added per month after the table */
	const double *beta;        /* [n_features] contiguous copy, for the batch dot product */
};

struct prog_input {
	int months;                        /* d: months unemployed so far, ≥ 0 */
	double x[PROG_FEATURES_MAX];       /* per feature, in model order */
	bool given[PROG_FEATURES_MAX];     /* false: not rated/unknown → 0 and listed missing */
};

struct prog_contribution {
	uint32_t feature;          /* index into m->features */
	double x;                  /* the value used (0 when missing) */
	double lp;                 /* β_k·x_k */
	double p12;                /* p12(x) − p12(x with x_k = 0) */
};

/* Factor features of one domain: rating < 0 hindering, > 0 facilitating,
 * each list sorted by |β_k·x_k| descending (ties: model order). */
struct prog_domain_view {
	double lp;                 /* Σ β_k·x_k over the domain's factor features */
	size_t n_hindering, n_facilitating;
	uint32_t hindering[PROG_FEATURES_MAX];
	uint32_t facilitating[PROG_FEATURES_MAX];
};

/* "Wat zou de kans het meest verhogen": one factor raised one step. */
struct prog_gain {
	uint32_t feature;
	double from, to;           /* rating now (0 when missing) and raised */
	double p12;                /* p12 with the raised rating */
	double gain;               /* p12 − result p12, > 0 */
};

struct prog_result {
	const char *pack_id, *version; /* the model that made it (point into the model) */
	bool calibrated;
	double lp;                 /* β·x */
	double p6, p12;
	double months_expected;    /* Σ_{k=0}^{59} S(d,k): restricted to 5 years */
	int months_median;         /* first k ≤ 60 with S(d,k) ≤ 0.5, or −1 */
	int kritisch;              /* month m ≥ d (months unemployed), or −1 within d+120 */
	bool kritisch_now;         /* kritisch == d: "nu al" */
	enum prog_band band;
	enum prog_light light;     /* PROG_LIGHT_NONE when no thresholds were given */

	size_t n_contrib;          /* = n_features, sorted by |p12| desc (ties: model order) */
	struct prog_contribution contrib[PROG_FEATURES_MAX];
	struct prog_domain_view domains[PROG_DOMAINS];

	/* Factor features with influence intern/extern and rating < max, with
	 * gain > 0, by gain desc (ties: model order); at most PROG_TOP_N. */
	size_t n_top;
	struct prog_gain top[PROG_TOP_N];

	size_t n_missing;          /* features not given, model order */
	uint32_t missing[PROG_FEATURES_MAX];
};

/* Checks a model whose public fields are filled and computes the internal
 * fields (in m->arena). IPM_EINVAL naming the field: no months or more than
 * PROG_MONTHS_MAX, h0 outside (0, 1), more than PROG_FEATURES_MAX features,
 * a β that is not finite, min > max, thresholds outside 0..1 or lower > upper. */
int prog_model_prepare(struct prog_model *m, struct err *e);

/* The index of the feature with this id, or −1. */
int prog_feature_index(const struct prog_model *m, const char *id);

/* h(t|x) for month t ≥ 1 (NaN for t < 1) and linear predictor lp. */
double prog_hazard(const struct prog_model *m, int month, double lp);

/* 1 − S(d, k): the chance of work in months d+1 .. d+k; d ≥ 0, k ≥ 0. */
double prog_p_within(const struct prog_model *m, int d, int k, double lp);

/* The full prognosis for one client. t NULL: no traffic light. IPM_EINVAL
 * naming the feature for a given value that is not finite or outside
 * min..max, for months < 0, or for thresholds outside 0..1 / lower > upper.
 * No allocation; `out` is fully overwritten. */
int prog_predict(const struct prog_model *m, const struct prog_input *in,
		 const struct prog_thresholds *t, struct prog_result *out, struct err *e);

/* p6 and p12 for n clients: x is row-major n × m->n_features (missing
 * values already 0), d[i] months unemployed (< 0 read as 0). Equal to
 * prog_predict's p6/p12 for the same input; no checks, for the benchmark
 * and for validation. */
void prog_predict_batch(const struct prog_model *m, size_t n, const double *x, const int *d,
			double *p6, double *p12);

/* Sets the client attributes (age_50_plus, age_under_27) of a client aged
 * `age` whole years and marks them given (src/engine/prog_population.c). */
void prog_input_set_age(const struct prog_model *m, int age, struct prog_input *in);

/* The traffic-light thresholds of a population: the 1/3 and 2/3 quantiles
 * of its p12 by R's default rule (type 7, quantile(p12, c(1, 2) / 3)).
 * Sorts p12 in place. IPM_EINVAL for n = 0 or a value outside 0..1. */
int prog_population_thresholds(double *p12, size_t n, struct prog_thresholds *out,
			       struct err *e);

enum prog_band prog_band_of(double p12);
enum prog_light prog_light_of(double p12, const struct prog_thresholds *t);

/* Names as they appear in JSON and the UI: "0-25", "groen", "persoon",
 * "intern", "age_50_plus"; "" for none. */
const char *prog_band_name(enum prog_band b);
const char *prog_light_name(enum prog_light l);
const char *prog_domain_name(enum prog_domain d);
const char *prog_influence_name(enum prog_influence i);
const char *prog_client_name(enum prog_client c);

/* 0 and *out for a known name, −1 otherwise (the builder's parsers). */
int prog_domain_parse(const char *s, enum prog_domain *out);
int prog_influence_parse(const char *s, enum prog_influence *out);
int prog_client_parse(const char *s, enum prog_client *out);

#endif
