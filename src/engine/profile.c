#include "engine/score.h"

#include <math.h>
#include <string.h>

/* Scores this close count as equal: the scores are means and prorated sums
 * of whole numbers, whose rounding differs in the last bits only. */
#define SCORE_TIE 1e-9

size_t score_top(const struct questionnaire *q, const struct scale_score *s, uint32_t *out)
{
	double max = -INFINITY;
	for (uint32_t k = 0; k < q->top.n_scales; k++) {
		double v = s[q->top.scales[k]].raw;
		if (!isnan(v) && v > max)
			max = v;
	}
	size_t n = 0;
	for (uint32_t k = 0; k < q->top.n_scales && max > -INFINITY; k++) {
		double v = s[q->top.scales[k]].raw;
		if (!isnan(v) && v >= max - SCORE_TIE)
			out[n++] = q->top.scales[k];
	}
	return n;
}

static const char RIASEC[] = "RIASEC";

int holland_code(const double v[6], char code[4], bool *tied)
{
	int order[6] = { 0, 1, 2, 3, 4, 5 };
	for (int i = 0; i < 6; i++)
		if (isnan(v[i]))
			return IPM_EINVAL;
	/* Stable insertion sort, highest first: equal values keep R,I,A,S,E,C. */
	for (int i = 1; i < 6; i++)
		for (int k = i; k > 0 && v[order[k]] > v[order[k - 1]] + SCORE_TIE; k--) {
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	/* A tie matters when it decides a place among the first three or
	 * which letter is third. */
	bool t = false;
	for (int i = 0; i < 3; i++)
		if (fabs(v[order[i]] - v[order[i + 1]]) <= SCORE_TIE)
			t = true;
	for (int i = 0; i < 3; i++)
		code[i] = RIASEC[order[i]];
	code[3] = '\0';
	if (tied)
		*tied = t;
	return IPM_OK;
}

int score_holland(const struct questionnaire *q, const struct scale_score *s, char code[4],
		  bool *tied, struct err *e)
{
	double v[6];
	if (!q->has_holland)
		return err_set(e, IPM_EINVAL, "pack \"%s\" has no holland scales", q->pack_id);
	for (int i = 0; i < 6; i++) {
		v[i] = s[q->holland[i]].raw;
		if (isnan(v[i]))
			return err_set(e, IPM_EINVAL, "holland: scale \"%s\" has no score",
				       q->scales[q->holland[i]].id);
	}
	return holland_code(v, code, tied);
}

static bool valid_code(const char *c)
{
	if (!c || strlen(c) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (!strchr(RIASEC, c[i]))
			return false;
	return c[0] != c[1] && c[0] != c[2] && c[1] != c[2];
}

int iachan_m(const char *a, const char *b)
{
	static const int w[3][3] = { { 22, 10, 4 }, { 10, 5, 2 }, { 4, 2, 1 } };
	if (!valid_code(a) || !valid_code(b))
		return -1;
	int m = 0;
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++)
			if (a[i] == b[j])
				m += w[i][j];
	return m;
}

double profile_pearson(const double *a, const double *b, size_t n)
{
	if (n < 2)
		return NAN;
	double ma = 0, mb = 0;
	for (size_t i = 0; i < n; i++)
		ma += a[i], mb += b[i];
	ma /= (double)n;
	mb /= (double)n;
	double sab = 0, saa = 0, sbb = 0;
	for (size_t i = 0; i < n; i++) {
		double da = a[i] - ma, db = b[i] - mb;
		sab += da * db;
		saa += da * da;
		sbb += db * db;
	}
	if (saa == 0 || sbb == 0)
		return NAN;
	return sab / sqrt(saa * sbb);
}

/* Higher r first, NaN last; then higher congruence; then id. */
static bool ranks_before(const struct questionnaire *q, const struct profile_rank *x,
			 const struct profile_rank *y)
{
	if (isnan(x->r) != isnan(y->r))
		return !isnan(x->r);
	if (!isnan(x->r) && x->r != y->r)
		return x->r > y->r;
	if (x->congruence != y->congruence)
		return x->congruence > y->congruence;
	return strcmp(q->profiles.entries[x->entry].id, q->profiles.entries[y->entry].id) < 0;
}

int profiles_rank(const struct questionnaire *q, const struct scale_score *s,
		  struct profile_rank *out, struct err *e)
{
	const struct q_profiles *p = &q->profiles;
	if (p->n_scales == 0)
		return err_set(e, IPM_EINVAL, "pack \"%s\" has no profiles", q->pack_id);
	/* A VLA would be unbounded stack; profiles are at most a few dozen scales. */
	double person[64];
	if (p->n_scales > 64)
		return err_set(e, IPM_EINVAL, "profiles: more than 64 scales");
	for (uint32_t k = 0; k < p->n_scales; k++) {
		person[k] = s[p->scales[k]].raw;
		if (isnan(person[k]))
			return err_set(e, IPM_EINVAL, "profiles: scale \"%s\" has no score",
				       q->scales[p->scales[k]].id);
	}
	char code[4] = "";
	if (q->has_holland && score_holland(q, s, code, NULL, NULL) != IPM_OK)
		code[0] = '\0';
	for (size_t i = 0; i < p->n_entries; i++) {
		const struct q_profile_entry *en = &p->entries[i];
		struct profile_rank r = {
			.entry = (uint32_t)i,
			.r = profile_pearson(person, en->values, p->n_scales),
			.congruence = code[0] && en->holland[0] ? iachan_m(code, en->holland) : -1,
		};
		/* Insertion keeps the order stable and n is small (sectors). */
		size_t k = i;
		for (; k > 0 && ranks_before(q, &r, &out[k - 1]); k--)
			out[k] = out[k - 1];
		out[k] = r;
	}
	return IPM_OK;
}
