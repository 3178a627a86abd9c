/* Person-period data as a file holds it (docs/contracts/prognosis-v1.md,
 * "Person-period data"): the rows the fit takes (struct pp_data) plus the
 * audit attributes, which travel with the rows but never reach the fit.
 * Both the synthetic population (engine/synth.h) and the CSV parser
 * (services/person_period_csv.h) produce one, and the CSV writer takes one,
 * so the two sources cannot drift apart.
 *
 * Everything lives in `arena`, owned by the table (pp_table_free). */
#ifndef IPM_ENGINE_PP_TABLE_H
#define IPM_ENGINE_PP_TABLE_H

#include "core/arena.h"
#include "engine/fit.h"

#include <stddef.h>
#include <stdint.h>

/* An audit attribute: column `audit_<name>`. Values are text; each row holds
 * the index of its value among the distinct ones, so grouping for the audit
 * needs no string compares. Few distinct values are expected (sex, age band,
 * migration background), hence the bound. */
#define PP_AUDIT_VALUES_MAX 50

struct pp_audit {
	const char *name;     /* without the "audit_" prefix */
	size_t n_values;
	const char **values;  /* [n_values], in order of first appearance */
	int32_t *value;       /* [rows]: index into values, -1 = empty (not recorded) */
};

struct pp_table {
	struct pp_data d;     /* its arrays point into `arena`; d.names = feature ids */
	size_t cap;           /* rows allocated */
	size_t n_clients;
	size_t n_audit;
	struct pp_audit *audit;
	struct arena arena;
};

/* An empty table for these features and audit attributes (names copied). */
void pp_table_init(struct pp_table *t, size_t n_features, const char *const *feature_ids,
		   size_t n_audit, const char *const *audit_names);

/* Room for `rows` rows in total; grows by copying within the arena (at most
 * doubling the memory held), so callers may append without knowing the
 * count in advance. */
void pp_table_reserve(struct pp_table *t, size_t rows);

/* Appends a row (after reserving room) and returns its x, zeroed; its audit
 * values are -1. A client whose id differs from the previous row's counts
 * as a new client. */
double *pp_table_add(struct pp_table *t, int32_t client, int32_t period, uint8_t event);

/* The index of value s[0..n) of audit attribute `a`, added when new; -1
 * when there are already PP_AUDIT_VALUES_MAX others. */
int32_t pp_table_audit_value(struct pp_table *t, size_t a, const char *s, size_t n);

void pp_table_free(struct pp_table *t);

#endif
