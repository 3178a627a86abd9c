/* psych::alpha's item statistics in C (see stats.h for the definitions and
 * why they are psych's). The order of operations follows R's C code where it
 * matters for the last bits: long double sums, means over the rows a pair
 * has in common, cov2cor's 1/sqrt scaling. */
#include "engine/stats.h"

#include <math.h>
#include <stdlib.h>

/* --- pairwise moments --------------------------------------------------- */

/* Centred sums of two columns over the rows where both are answered, as R's
 * COV_PAIRWISE_BODY: means over those rows only, then products of deviations. */
struct pair_sums {
	size_t n;
	long double xy, xx, yy;
};

static struct pair_sums pair_sums(const double *x, size_t xstride, const double *y,
				  size_t ystride, size_t rows)
{
	struct pair_sums p = { 0 };
	long double mx = 0, my = 0;
	for (size_t r = 0; r < rows; r++) {
		double a = x[r * xstride], b = y[r * ystride];
		if (isnan(a) || isnan(b))
			continue;
		p.n++;
		mx += a;
		my += b;
	}
	if (p.n < 2)
		return p;
	mx /= (long double)p.n;
	my /= (long double)p.n;
	for (size_t r = 0; r < rows; r++) {
		double a = x[r * xstride], b = y[r * ystride];
		if (isnan(a) || isnan(b))
			continue;
		long double dx = a - mx, dy = b - my;
		p.xy += dx * dy;
		p.xx += dx * dx;
		p.yy += dy * dy;
	}
	return p;
}

static double pair_cov(const struct pair_sums *p)
{
	return p->n < 2 ? NAN : (double)(p->xy / (long double)(p->n - 1));
}

/* R's cor(x, y, use = "pairwise"): NaN without two pairs or without
 * variance; clamped to [-1, 1] against rounding. */
static double pair_cor(const struct pair_sums *p)
{
	if (p->n < 2 || p->xx == 0 || p->yy == 0)
		return NAN;
	long double n1 = (long double)(p->n - 1);
	long double r = (p->xy / n1) / (sqrtl(p->xx / n1) * sqrtl(p->yy / n1));
	return r > 1 ? 1.0 : r < -1 ? -1.0 : (double)r;
}

void stats_cov_pairwise(const struct stats_matrix *m, double *out)
{
	size_t k = m->cols;
	for (size_t i = 0; i < k; i++)
		for (size_t j = 0; j <= i; j++) {
			struct pair_sums p = pair_sums(m->x + i, k, m->x + j, k, m->rows);
			out[i * k + j] = out[j * k + i] = pair_cov(&p);
		}
}

/* --- one column ---------------------------------------------------------- */

/* Answers, mean and SD of one column, each answer taken as flip - v when
 * sign is -1. The mean is colMeans' (one long double sum); the SD is var()'s
 * (mean refined by a second pass, then centred squares), so both match R. */
struct column {
	size_t n;
	double mean, sd;
};

static double keyed(double v, int sign, double flip)
{
	return sign < 0 ? flip - v : v;
}

static struct column column_stats(const struct stats_matrix *m, size_t c, int sign,
				  double flip)
{
	struct column col = { 0, NAN, NAN };
	long double sum = 0;
	for (size_t r = 0; r < m->rows; r++) {
		double v = m->x[r * m->cols + c];
		if (isnan(v))
			continue;
		col.n++;
		sum += keyed(v, sign, flip);
	}
	if (!col.n)
		return col;
	long double mean = sum / (long double)col.n;
	col.mean = (double)mean;
	if (col.n < 2)
		return col;
	long double fix = 0;
	for (size_t r = 0; r < m->rows; r++) {
		double v = m->x[r * m->cols + c];
		if (!isnan(v))
			fix += keyed(v, sign, flip) - mean;
	}
	double centre = (double)(mean + fix / (long double)col.n);
	long double ss = 0;
	for (size_t r = 0; r < m->rows; r++) {
		double v = m->x[r * m->cols + c];
		if (isnan(v))
			continue;
		long double d = keyed(v, sign, flip) - centre;
		ss += d * d;
	}
	col.sd = sqrt((double)(ss / (long double)(col.n - 1)));
	return col;
}

/* --- alpha ----------------------------------------------------------------- */

/* Work space for one stats_alpha call: the kept items (psych deletes the
 * others before anything else) and their keyed covariance and correlation. */
struct alpha_work {
	size_t p;          /* kept items */
	size_t *col;       /* matrix column of kept item i */
	int *sign;         /* its key */
	double *C, *R;     /* p × p */
};

/* psych's alpha.1 on the kept items without item `skip` (p = none): raw and
 * standardised alpha and the average inter-item correlation. */
struct alpha_one {
	double raw, std, average_r;
};

static struct alpha_one alpha_one(const struct alpha_work *w, size_t skip)
{
	long double trace = 0, sum_c = 0, sum_r = 0;
	size_t n = 0;
	for (size_t i = 0; i < w->p; i++) {
		if (i == skip)
			continue;
		n++;
		trace += w->C[i * w->p + i];
		for (size_t j = 0; j < w->p; j++) {
			if (j == skip)
				continue;
			sum_c += w->C[i * w->p + j];
			sum_r += w->R[i * w->p + j];
		}
	}
	double nn = (double)n, ratio = nn / (nn - 1);
	return (struct alpha_one){
		.raw = (1 - (double)(trace / sum_c)) * ratio,
		.std = (1 - nn / (double)sum_r) * ratio,
		.average_r = ((double)sum_r - nn) / (nn * (nn - 1)),
	};
}

/* psych's r.drop: the item's covariance with the sum of the others over the
 * SD of each, all read from the pairwise covariance matrix. */
static double r_drop(const struct alpha_work *w, size_t i)
{
	long double with_rest = 0, rest = 0;
	for (size_t j = 0; j < w->p; j++) {
		if (j != i)
			with_rest += w->C[j * w->p + i];
		for (size_t l = 0; l < w->p; l++)
			if (j != i && l != i)
				rest += w->C[j * w->p + l];
	}
	return (double)(with_rest / sqrtl(w->C[i * w->p + i] * rest));
}

/* psych's flip constant: lowest plus highest answer among the kept items. */
static double observed_flip(const struct stats_matrix *m, const struct alpha_work *w)
{
	double lo = INFINITY, hi = -INFINITY;
	for (size_t r = 0; r < m->rows; r++)
		for (size_t i = 0; i < w->p; i++) {
			double v = m->x[r * m->cols + w->col[i]];
			if (isnan(v))
				continue;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
	return lo + hi;
}

/* The keyed covariance matrix of the kept items and cov2cor of it:
 * R[i,j] = C[i,j] / sqrt(C[i,i]) / sqrt(C[j,j]) with a diagonal of exactly 1. */
static void keyed_matrices(const struct stats_matrix *m, struct alpha_work *w)
{
	size_t p = w->p;
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j <= i; j++) {
			struct pair_sums s = pair_sums(m->x + w->col[i], m->cols,
						       m->x + w->col[j], m->cols, m->rows);
			double c = pair_cov(&s) * w->sign[i] * w->sign[j];
			w->C[i * p + j] = w->C[j * p + i] = c;
		}
	for (size_t i = 0; i < p; i++)
		for (size_t j = 0; j < p; j++) {
			double si = sqrt(1 / w->C[i * p + i]), sj = sqrt(1 / w->C[j * p + j]);
			w->R[i * p + j] = i == j ? 1.0 : si * w->C[i * p + j] * sj;
		}
}

/* Item–total r: each keyed item against the row mean of the keyed items
 * answered (psych's rowMeans(x, na.rm = TRUE) and cor(total, x, "pairwise")). */
static void item_total_r(const struct stats_matrix *m, const struct alpha_work *w,
			 double flip, struct stats_item *items, struct arena *a)
{
	double *total = arena_array(a, m->rows, sizeof *total);
	double *y = arena_array(a, m->rows, sizeof *y);
	for (size_t r = 0; r < m->rows; r++) {
		long double sum = 0;
		size_t n = 0;
		for (size_t i = 0; i < w->p; i++) {
			double v = m->x[r * m->cols + w->col[i]];
			if (!isnan(v)) {
				sum += keyed(v, w->sign[i], flip);
				n++;
			}
		}
		total[r] = n ? (double)(sum / (long double)n) : NAN;
	}
	for (size_t i = 0; i < w->p; i++) {
		for (size_t r = 0; r < m->rows; r++)
			y[r] = keyed(m->x[r * m->cols + w->col[i]], w->sign[i], flip);
		struct pair_sums s = pair_sums(total, 1, y, 1, m->rows);
		items[w->col[i]].raw_r = pair_cor(&s);
	}
}

/* Marks dropped items and fills work->col/sign with the kept ones. */
static void keep_items(const struct stats_matrix *m, const int *keys, struct alpha_work *w,
		       struct stats_item *items)
{
	w->p = 0;
	for (size_t c = 0; c < m->cols; c++) {
		struct column col = column_stats(m, c, 1, 0);
		items[c] = (struct stats_item){
			.n = col.n, .mean = NAN, .sd = NAN, .raw_r = NAN, .r_drop = NAN,
			.alpha_drop = NAN, .std_alpha_drop = NAN, .average_r_drop = NAN,
		};
		if (col.n < 2 || !(col.sd > 0)) {
			items[c].dropped = 1;
			continue;
		}
		w->col[w->p] = c;
		w->sign[w->p] = keys[c];
		w->p++;
	}
}

int stats_alpha(const struct stats_matrix *m, const int *keys, double flip, struct arena *a,
		struct stats_alpha *out, struct err *e)
{
	if (!m->rows || !m->cols)
		return err_set(e, IPM_EINVAL, "stats: alpha: the matrix has no %s",
			       m->rows ? "items" : "respondents");
	for (size_t c = 0; c < m->cols; c++)
		if (keys[c] != 1 && keys[c] != -1)
			return err_set(e, IPM_EINVAL, "stats: alpha: key of item %zu is not +1 or -1",
				       c + 1);
	*out = (struct stats_alpha){ .flip = NAN };
	out->item = arena_array(a, m->cols, sizeof *out->item);
	struct alpha_work w = {
		.col = arena_array(a, m->cols, sizeof *w.col),
		.sign = arena_array(a, m->cols, sizeof *w.sign),
	};
	keep_items(m, keys, &w, out->item);
	out->items_used = w.p;
	if (w.p < 2)
		return err_set(e, IPM_EINVAL,
			       "stats: alpha: fewer than two items have answers that vary");
	for (size_t i = 0; i < w.p; i++)
		if (w.sign[i] < 0 && isnan(out->flip))
			out->flip = isnan(flip) ? observed_flip(m, &w) : flip;
	w.C = arena_array(a, w.p * w.p, sizeof *w.C);
	w.R = arena_array(a, w.p * w.p, sizeof *w.R);
	keyed_matrices(m, &w);

	struct alpha_one all = alpha_one(&w, w.p);
	out->raw_alpha = all.raw;
	out->std_alpha = all.std;
	out->average_r = all.average_r;
	for (size_t i = 0; i < w.p; i++) {
		struct stats_item *it = &out->item[w.col[i]];
		struct column col = column_stats(m, w.col[i], w.sign[i], out->flip);
		it->mean = col.mean;
		it->sd = col.sd;
		it->r_drop = r_drop(&w, i);
		if (w.p > 2) {
			struct alpha_one d = alpha_one(&w, i);
			it->alpha_drop = d.raw;
			it->std_alpha_drop = d.std;
			it->average_r_drop = d.average_r;
		} else {
			/* psych's two-item case: "alpha" of the one item left is
			 * C[1,2] / var(other), the others are the correlation. */
			size_t o = 1 - i;
			it->alpha_drop = w.C[0 * 2 + 1] / w.C[o * 2 + o];
			it->std_alpha_drop = it->average_r_drop = w.R[0 * 2 + 1];
		}
	}
	item_total_r(m, &w, out->flip, out->item, a);
	return IPM_OK;
}

/* --- answer distribution ------------------------------------------------- */

static int cmp_double(const void *pa, const void *pb)
{
	double x = *(const double *)pa, y = *(const double *)pb;
	return (x > y) - (x < y);
}

/* The distinct answers of the whole matrix, ascending, in the arena. */
static size_t distinct_values(const struct stats_matrix *m, struct arena *a, double **out)
{
	size_t total = m->rows * m->cols, n = 0;
	double *v = arena_array(a, total, sizeof *v);
	for (size_t i = 0; i < total; i++)
		if (!isnan(m->x[i]))
			v[n++] = m->x[i];
	qsort(v, n, sizeof *v, cmp_double);
	size_t d = 0;
	for (size_t i = 0; i < n; i++)
		if (!d || v[i] != v[d - 1])
			v[d++] = v[i];
	*out = v;
	return d;
}

/* The index of v in the ascending values, or nvalues when absent. */
static size_t value_index(const double *values, size_t nvalues, double v)
{
	size_t lo = 0, hi = nvalues;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (values[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nvalues && values[lo] == v ? lo : nvalues;
}

int stats_freq(const struct stats_matrix *m, const double *values, size_t nvalues,
	       struct arena *a, struct stats_freq *out, struct err *e)
{
	*out = (struct stats_freq){ 0 };
	if (values) {
		out->values = arena_array(a, nvalues, sizeof *out->values);
		for (size_t i = 0; i < nvalues; i++) {
			if (isnan(values[i]))
				return err_set(e, IPM_EINVAL, "stats: freq: value %zu is NaN", i + 1);
			out->values[i] = values[i];
		}
		qsort(out->values, nvalues, sizeof *out->values, cmp_double);
		for (size_t i = 1; i < nvalues; i++)
			if (out->values[i] == out->values[i - 1])
				return err_set(e, IPM_EINVAL, "stats: freq: a value is listed twice");
		out->nvalues = nvalues;
	} else {
		out->nvalues = distinct_values(m, a, &out->values);
	}
	size_t k = m->cols, nv = out->nvalues;
	out->count = arena_array(a, k * nv, sizeof *out->count);
	out->missing = arena_array(a, k, sizeof *out->missing);
	out->other = arena_array(a, k, sizeof *out->other);
	for (size_t r = 0; r < m->rows; r++)
		for (size_t c = 0; c < k; c++) {
			double v = m->x[r * k + c];
			if (isnan(v)) {
				out->missing[c]++;
				continue;
			}
			size_t at = value_index(out->values, nv, v);
			if (at == nv)
				out->other[c]++;
			else
				out->count[c * nv + at]++;
		}
	return IPM_OK;
}
