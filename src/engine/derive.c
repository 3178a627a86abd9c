#include "engine/derive.h"

#include <math.h>
#include <string.h>

const char *const derive_cefr[DERIVE_CEFR_N] = { "A1", "A2", "B1", "B2", "C1", "C2" };

static const struct {
	const char *step, *ref, *name;
	bool level;
} sources[DERIVE_SOURCES] = {
	[DERIVE_LANGUAGE_LEVEL] = { "intake", "language_level", "intake.language_level", true },
	[DERIVE_MONTHS_UNEMPLOYED] = { "intake", "benefit_start", "intake.benefit_start", false },
	[DERIVE_DIPLOMA_RANK] = { "cv", "highest_diploma", "cv.highest_diploma", false },
	[DERIVE_MONTHS_SINCE_WORK] = { "cv", "months_since_paid_work",
				       "cv.months_since_paid_work", false },
	[DERIVE_FTE_YEARS] = { "cv", "paid_fte_years", "cv.paid_fte_years", false },
	[DERIVE_BIG_FIVE_C1] = { "big_five", "c1", "big_five.c1", false },
};

int derive_source_parse(const char *step, const char *ref, enum derive_source *out)
{
	for (int s = 0; step && ref && s < DERIVE_SOURCES; s++)
		if (strcmp(step, sources[s].step) == 0 && strcmp(ref, sources[s].ref) == 0) {
			*out = (enum derive_source)s;
			return 0;
		}
	return -1;
}

const char *derive_source_name(enum derive_source s)
{
	return (unsigned)s < DERIVE_SOURCES ? sources[s].name : "?";
}

bool derive_source_is_level(enum derive_source s)
{
	return (unsigned)s < DERIVE_SOURCES && sources[s].level;
}

static int check_rating(int r, int min, int max, struct derive_fault *at, size_t band,
			const char *field, struct err *e)
{
	if (r >= min && r <= max)
		return IPM_OK;
	at->band = band;
	at->field = field;
	return err_set(e, IPM_EINVAL, "rating %d is outside the rating scale (%d..%d)", r, min, max);
}

int derive_map_check(const struct derive_map *m, int min, int max, struct derive_fault *at,
		     struct err *e)
{
	for (size_t i = 0; i < m->n_bands; i++) {
		double below = m->bands[i].below;
		at->band = i;
		at->field = "below";
		/* Strictly increasing, or a band would be empty and the order of
		 * the list would silently decide which rating wins. */
		if (!isfinite(below))
			return err_set(e, IPM_EINVAL, "threshold is not a finite number");
		if (i > 0 && !(below > m->bands[i - 1].below))
			return err_set(e, IPM_EINVAL, "threshold %g is not above the previous one (%g)",
				       below, m->bands[i - 1].below);
		if (check_rating(m->bands[i].rating, min, max, at, i, "rating", e))
			return IPM_EINVAL;
	}
	if (check_rating(m->otherwise, min, max, at, DERIVE_NO_BAND, "otherwise", e))
		return IPM_EINVAL;
	if (m->none != DERIVE_NO_RATING &&
	    check_rating(m->none, min, max, at, DERIVE_NO_BAND, "none", e))
		return IPM_EINVAL;
	return IPM_OK;
}

int derive_levels_check(const struct derive_levels *l, int min, int max,
			struct derive_fault *at, struct err *e)
{
	for (int k = 0; k < DERIVE_CEFR_N; k++) {
		/* A level without a rating would leave that client without a
		 * suggestion while the others get one: incomplete, not optional. */
		if (l->rating[k] == DERIVE_NO_RATING) {
			at->band = DERIVE_NO_BAND;
			at->field = NULL;
			return err_set(e, IPM_EINVAL, "missing level \"%s\" (every level A1..C2 "
				       "needs a rating)", derive_cefr[k]);
		}
		if (check_rating(l->rating[k], min, max, at, DERIVE_NO_BAND, derive_cefr[k], e))
			return IPM_EINVAL;
	}
	return IPM_OK;
}

int derive_rating(const struct derive_map *m, double value, int *rating)
{
	if (isnan(value))
		return IPM_ENOTFOUND;
	for (size_t i = 0; i < m->n_bands; i++)
		if (value < m->bands[i].below) {
			*rating = m->bands[i].rating;
			return IPM_OK;
		}
	*rating = m->otherwise;
	return IPM_OK;
}

int derive_rating_none(const struct derive_map *m, int *rating)
{
	if (m->none == DERIVE_NO_RATING)
		return IPM_ENOTFOUND;
	*rating = m->none;
	return IPM_OK;
}

int derive_cefr_index(const char *level)
{
	for (int k = 0; level && k < DERIVE_CEFR_N; k++)
		if (strcmp(level, derive_cefr[k]) == 0)
			return k;
	return -1;
}

int derive_level_rating(const struct derive_levels *l, const char *level, int *rating)
{
	int k = derive_cefr_index(level);
	if (k < 0 || l->rating[k] == DERIVE_NO_RATING)
		return IPM_ENOTFOUND;
	*rating = l->rating[k];
	return IPM_OK;
}
