/* What the services layer needs to place one client among the
 * organisation's clients: the client attributes from an age, and the
 * tercile thresholds of the traffic light (docs/contracts/prognosis-v1.md). */
#include "engine/prognosis.h"

#include <math.h>
#include <stdlib.h>

void prog_input_set_age(const struct prog_model *m, int age, struct prog_input *in)
{
	for (size_t k = 0; k < m->n_features; k++) {
		const struct prog_feature *f = &m->features[k];
		if (f->kind != PROG_CLIENT || f->client == PROG_CLIENT_NONE)
			continue;
		in->x[k] = f->client == PROG_AGE_50_PLUS ? age >= 50 : age < 27;
		in->given[k] = true;
	}
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* R's type 7: h = (n − 1)·p, interpolating between the order statistics
 * on either side of h. */
static double quantile7(const double *sorted, size_t n, double p)
{
	double h = (double)(n - 1) * p;
	size_t lo = (size_t)floor(h);
	if (lo + 1 >= n)
		return sorted[n - 1];
	return sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]);
}

int prog_population_thresholds(double *p12, size_t n, struct prog_thresholds *out,
			       struct err *e)
{
	if (n == 0)
		return err_set(e, IPM_EINVAL, "population: no clients");
	for (size_t i = 0; i < n; i++)
		if (!(p12[i] >= 0 && p12[i] <= 1)) /* also NaN */
			return err_set(e, IPM_EINVAL, "population: p12 of client %zu outside 0..1",
				       i + 1);
	qsort(p12, n, sizeof *p12, by_value);
	out->lower = quantile7(p12, n, 1.0 / 3);
	out->upper = quantile7(p12, n, 2.0 / 3);
	return IPM_OK;
}
