#include "core/buf.h"
#include "engine/score.h"
#include "engine/score_internal.h"

#include <math.h>

double norm_percentile(double t)
{
	double z = (t - 50.0) / 10.0;
	return 100.0 * 0.5 * erfc(-z * M_SQRT1_2);
}

void norm_apply(const struct q_norms *n, double mean, double sd, struct scale_score *s)
{
	if (isnan(s->raw) || isnan(mean)) {
		s->t = s->percentile = NAN;
		s->band = Q_BAND_NONE;
		return;
	}
	s->t = 50.0 + 10.0 * (s->raw - mean) / sd;
	s->percentile = norm_percentile(s->t);
	s->band = s->t < n->low_below ? Q_BAND_LAAG
		: s->t > n->high_above ? Q_BAND_HOOG : Q_BAND_GEMIDDELD;
}

/* --- building the usable norms ------------------------------------------- */

static const char *const SEX_WORD[Q_LANGS][3] = {
	/* m, v, both */
	{ "man", "vrouw", "man en vrouw" },
	{ "male", "female", "male and female" },
	{ "Mann", "Frau", "Mann und Frau" },
};
static const char *const MIXED[Q_LANGS] = {
	"gemengd man/vrouw (geslacht onbekend)",
	"mixed male/female (sex unknown)",
	"gemischt Mann/Frau (Geschlecht unbekannt)",
};

static void describe(struct questionnaire *q, struct q_norm *nm)
{
	int w = nm->sex == 'm' ? 0 : nm->sex == 'v' ? 1 : 2;
	for (int l = 0; l < Q_LANGS; l++) {
		struct buf b = BUF_INIT;
		buf_puts(&b, nm->mixture ? MIXED[l] : SEX_WORD[l][w]);
		if (l == Q_EN)
			buf_printf(&b, ", aged %d\u2013%d", nm->age_min, nm->age_max);
		else
			buf_printf(&b, ", %d\u2013%d %s", nm->age_min, nm->age_max,
				   l == Q_NL ? "jaar" : "Jahre");
		nm->description.t[l] = arena_strdup(&q->arena, buf_str(&b));
		buf_free(&b);
	}
}

/* 50/50 mixture of two normal groups: the mean of the means, and the
 * variance of the mixture (within-group part plus the spread of the means). */
static void mix(struct questionnaire *q, struct q_norm *nm, const struct q_norm_group *a,
		const struct q_norm_group *b)
{
	double *mean = arena_array(&q->arena, q->n_scales, sizeof *mean);
	double *sd = arena_array(&q->arena, q->n_scales, sizeof *sd);
	for (size_t j = 0; j < q->n_scales; j++) {
		double m1 = a->mean[j], m2 = b->mean[j], s1 = a->sd[j], s2 = b->sd[j];
		double half = (m1 - m2) / 2.0;
		mean[j] = (m1 + m2) / 2.0;
		sd[j] = sqrt((s1 * s1 + s2 * s2) / 2.0 + half * half);
	}
	nm->mean = mean;
	nm->sd = sd;
}

int norm_prepare(struct questionnaire *q, struct err *e)
{
	struct q_norms *n = &q->norms;
	size_t cap = n->n_groups;
	for (size_t a = 0; a < n->n_groups; a++)
		for (size_t b = 0; b < n->n_groups; b++)
			cap += n->groups[a].sex == 'm' && n->groups[b].sex == 'v';
	n->norms = arena_array(&q->arena, cap + 1, sizeof *n->norms);
	n->n_norms = 0;
	for (size_t g = 0; g < n->n_groups; g++) {
		const struct q_norm_group *gr = &n->groups[g];
		for (size_t j = 0; j < q->n_scales; j++)
			if (!isnan(gr->mean[j]) && !(gr->sd[j] > 0))
				return err_set(e, IPM_EINVAL, "norm group \"%s\": sd must be > 0",
					       gr->id);
		n->norms[n->n_norms++] = (struct q_norm){
			.sex = gr->sex, .age_min = gr->age_min, .age_max = gr->age_max,
			.group_a = (uint32_t)g, .group_b = (uint32_t)g, .mean = gr->mean, .sd = gr->sd,
		};
	}
	for (size_t a = 0; a < n->n_groups; a++)
		for (size_t b = 0; b < n->n_groups; b++) {
			const struct q_norm_group *m = &n->groups[a], *v = &n->groups[b];
			if (m->sex != 'm' || v->sex != 'v')
				continue;
			int lo = m->age_min > v->age_min ? m->age_min : v->age_min;
			int hi = m->age_max < v->age_max ? m->age_max : v->age_max;
			if (lo > hi)
				continue;
			struct q_norm *nm = &n->norms[n->n_norms++];
			*nm = (struct q_norm){ .mixture = true, .age_min = lo, .age_max = hi,
					       .group_a = (uint32_t)a, .group_b = (uint32_t)b };
			mix(q, nm, m, v);
		}
	for (size_t k = 0; k < n->n_norms; k++)
		describe(q, &n->norms[k]);
	/* One set of tables for all norms, reached from each of them and from
	 * the "no norm" entry past the last (score_luts). */
	const struct q_lut *luts = score_tables_build(q);
	for (size_t k = 0; k <= n->n_norms; k++)
		n->norms[k].lut = luts;
	return IPM_OK;
}

static const struct q_norm *find(const struct q_norms *n, char sex, bool mixture, int age)
{
	for (size_t k = 0; k < n->n_norms; k++) {
		const struct q_norm *nm = &n->norms[k];
		if (nm->sex == sex && nm->mixture == mixture && age >= nm->age_min &&
		    age <= nm->age_max)
			return nm;
	}
	return NULL;
}

int norm_select(const struct questionnaire *q, char sex, int age, struct norm_choice *out,
		struct err *e)
{
	if (q->norms.n_groups == 0)
		return err_set(e, IPM_EINVAL, "pack \"%s\" has no norms", q->pack_id);
	if (sex != 'm' && sex != 'v' && sex != 0)
		return err_set(e, IPM_EINVAL, "sex: expected \"m\", \"v\" or unknown");
	/* A group of the client's own sex first; a group for both sexes next;
	 * with sex unknown, the mixture rather than guessing a sex. */
	const struct q_norm *nm = sex ? find(&q->norms, sex, false, age) : NULL;
	if (!nm)
		nm = find(&q->norms, 0, false, age);
	if (!nm && !sex)
		nm = find(&q->norms, 0, true, age);
	if (!nm)
		return err_set(e, IPM_EINVAL,
			       "age: no norm group of pack \"%s\" covers the client's age%s",
			       q->pack_id, sex ? " and sex" : "");
	*out = (struct norm_choice){ .mean = nm->mean, .sd = nm->sd,
				     .description = nm->description, .mixture = nm->mixture,
				     .norm = nm };
	return IPM_OK;
}
