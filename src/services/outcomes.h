/* The computed outcomes of one client that the professional judges in step
 * 5 of the route (services/judgement.h, docs/route.md): the career phase
 * from the age, the band of the latest prognosis, every factor rating of
 * the latest completed factor assessment, the suggestions derived from
 * earlier steps, and the Big Five domain bands of the latest scored
 * IPIP-NEO. Each with the value it can take, so that a form offers exactly
 * what judgement_record accepts, and with its source. Reads audited as
 * `who`; nothing is computed anew that is stored (the prognosis is read as
 * saved). */
#ifndef IPM_SERVICES_OUTCOMES_H
#define IPM_SERVICES_OUTCOMES_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/questionnaire.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

enum outcome_group {
	OUTCOME_PHASE,    /* loopbaanfase */
	OUTCOME_BAND,     /* prognose.band */
	OUTCOME_FACTOR,   /* factor:<id> */
	OUTCOME_DERIVED,  /* afgeleid:<id> */
	OUTCOME_BIGFIVE,  /* bigfive:<scale> */
	OUTCOME_GROUPS
};

struct outcome_value {
	const char *code;    /* as judgement_record takes it */
	struct q_text label; /* for people */
};

struct outcome {
	enum outcome_group group;
	const char *subject;        /* "factor:taalniveau" */
	struct q_text label;        /* what was computed: "Nederlandse taalvaardigheid" */
	const char *computed;       /* the value, one of values[].code */
	const char *source;         /* "result:12", "assessment:7", "pack career-phases" */
	const char *note;           /* e.g. the derivation's reason (Dutch), or NULL */
	bool special;               /* a special-category factor (AVG art. 9/10) */
	const struct outcome_value *values;
	size_t n_values;
};

/* Every outcome there is for the client on `today`, in group order; all in
 * the arena. A step not yet taken has no outcomes (not an error).
 * IPM_ENOTFOUND for no such client. */
int outcomes_list(struct store *s, const struct store_actor *who, int64_t client_id,
		  const char *today, struct arena *a, struct outcome **out, size_t *n,
		  struct err *e);

/* The label of a value of an outcome, or the code itself. */
const char *outcome_value_label(const struct outcome *o, const char *code, enum q_lang lang);

#endif
