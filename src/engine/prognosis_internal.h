/* Shared between prognosis.c and prognosis_predict.c only. */
#ifndef IPM_ENGINE_PROGNOSIS_INTERNAL_H
#define IPM_ENGINE_PROGNOSIS_INTERNAL_H

#include "engine/prognosis.h"

/* 1 − S(d, k) given elp = e^{lp} (computed once per client); d ≥ 0. */
double prog_window(const struct prog_model *m, int d, int k, double elp);

/* S(d, k) given elp; 1 for k = 0. */
double prog_survival(const struct prog_model *m, int d, int k, double elp);

/* IPM_EINVAL unless 0 <= lower <= upper <= 1. */
int prog_thresholds_check(const struct prog_thresholds *t, struct err *e);

#endif
