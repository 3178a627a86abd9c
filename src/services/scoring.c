#include "services/scoring.h"
#include "core/xalloc.h"

#include <stdlib.h>

void scoring_run(const struct questionnaire *q, const struct answers *a, struct scored *out)
{
	size_t n = a->n_rows;
	struct scored s = {
		.n_rows = n,
		.n_scales = q->n_scales,
		.scores = xcalloc(n * q->n_scales + 1, sizeof *s.scores),
		.norm = xcalloc(n + 1, sizeof *s.norm),
		.missing = xcalloc(n + 1, sizeof *s.missing),
		.norm_of = xcalloc(n + 1, sizeof *s.norm_of),
	};
	for (size_t r = 0; r < n; r++) {
		struct err e;
		if (q->norms.n_groups == 0)
			s.missing[r] = NORM_NONE_IN_PACK;
		else if (a->age[r] == 0)
			s.missing[r] = NORM_NO_AGE;
		else if (norm_select(q, a->sex[r], a->age[r], &s.norm[r], &e) != IPM_OK)
			s.missing[r] = NORM_NO_GROUP;
		else
			s.norm_of[r] = &s.norm[r];
	}
	score_batch(q, n, a->values, s.norm_of, s.scores);
	*out = s;
}

void scored_free(struct scored *s)
{
	free(s->scores);
	free(s->norm);
	free(s->missing);
	free(s->norm_of);
	*s = (struct scored){ 0 };
}

const char *norm_missing_name(enum norm_missing m)
{
	switch (m) {
	case NORM_NONE_IN_PACK: return "no_norms";
	case NORM_NO_AGE: return "no_age";
	case NORM_NO_GROUP: return "no_group";
	case NORM_USED: break;
	}
	return NULL;
}
