/* Dense symmetric positive-definite solves for the small systems of the
 * statistics code (the fit's information matrix has at most 72 rows). */
#ifndef IPM_ENGINE_LINALG_H
#define IPM_ENGINE_LINALG_H

#include <stddef.h>

/* In-place Cholesky factorisation A = L·L' of the n × n row-major matrix a
 * (the lower triangle is read; L replaces it). Returns 0, or -1 with *bad the
 * first column whose pivot is not positive or has lost all but 1e-10 of its
 * diagonal to the earlier columns: the column is (numerically) a linear
 * combination of them. The criterion is on squared norms, so it corresponds
 * to a relative residual of 1e-5 in a QR factorisation. */
int linalg_cholesky(double *a, size_t n, size_t *bad);

/* Solves L·L'·x = b in place (b becomes x), L from linalg_cholesky. */
void linalg_cholesky_solve(const double *l, size_t n, double *b);

#endif
