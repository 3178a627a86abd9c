#include "engine/linalg.h"

#include <math.h>

#define PIVOT_REL 1e-10

int linalg_cholesky(double *a, size_t n, size_t *bad)
{
	for (size_t j = 0; j < n; j++) {
		double diag = a[j * n + j], s = diag;
		for (size_t k = 0; k < j; k++)
			s -= a[j * n + k] * a[j * n + k];
		if (!(diag > 0) || !(s > PIVOT_REL * diag)) {
			*bad = j;
			return -1;
		}
		double ljj = sqrt(s);
		a[j * n + j] = ljj;
		for (size_t i = j + 1; i < n; i++) {
			double t = a[i * n + j];
			for (size_t k = 0; k < j; k++)
				t -= a[i * n + k] * a[j * n + k];
			a[i * n + j] = t / ljj;
		}
	}
	return 0;
}

void linalg_cholesky_solve(const double *l, size_t n, double *b)
{
	for (size_t i = 0; i < n; i++) {
		double t = b[i];
		for (size_t k = 0; k < i; k++)
			t -= l[i * n + k] * b[k];
		b[i] = t / l[i * n + i];
	}
	for (size_t i = n; i-- > 0;) {
		double t = b[i];
		for (size_t k = i + 1; k < n; k++)
			t -= l[k * n + i] * b[k];
		b[i] = t / l[i * n + i];
	}
}
