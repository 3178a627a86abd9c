/* Scoring a file's worth of respondents: the norm for each (from sex and
 * age), then one batch through the engine. Shared by `ipm score` and, later,
 * the web app, so that both choose norms the same way. */
#ifndef IPM_SERVICES_SCORING_H
#define IPM_SERVICES_SCORING_H

#include "core/err.h"
#include "engine/score.h"
#include "services/answers_csv.h"

#include <stddef.h>

/* Why a respondent got raw scores only. */
enum norm_missing {
	NORM_USED = 0,
	NORM_NONE_IN_PACK, /* the pack has no norms */
	NORM_NO_AGE,       /* no age given: the norm groups are by age */
	NORM_NO_GROUP,     /* no norm group covers the age (and sex) */
};

struct scored {
	size_t n_rows, n_scales;
	struct scale_score *scores;        /* [n_rows * n_scales], row-major; owned */
	struct norm_choice *norm;          /* [n_rows]; meaningful where missing is NORM_USED */
	enum norm_missing *missing;        /* [n_rows] */
	const struct norm_choice **norm_of; /* [n_rows]: &norm[r] or NULL, as score_batch takes */
};

/* Chooses each row's norm with norm_select and scores all rows. The answers
 * must have passed answers_csv_parse for the same q. */
void scoring_run(const struct questionnaire *q, const struct answers *a, struct scored *out);

void scored_free(struct scored *s);

/* "no_norms", "no_age", "no_group", or NULL for NORM_USED: stable words for
 * JSON and logs. */
const char *norm_missing_name(enum norm_missing m);

#endif
