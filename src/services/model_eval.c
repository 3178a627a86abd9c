#include "services/model_eval.h"
#include "engine/fitted_model.h"

#include <string.h>

/* p6 and p12 at entry for the clients whose keep[i] is set (all when NULL):
 * the features of their first row and the duration before it. */
static void predict_entry(const struct prog_model *m, const struct pp_data *d,
			  const struct val_clients *cs, const uint8_t *keep, struct arena *a,
			  double *p6, double *p12)
{
	size_t p = d->n_features, n = 0;
	double *x = arena_array(a, cs->n * p + 1, sizeof *x);
	int *entry = arena_array(a, cs->n + 1, sizeof *entry);
	size_t *which = arena_array(a, cs->n + 1, sizeof *which);
	for (size_t i = 0; i < cs->n; i++) {
		if (keep && !keep[i])
			continue;
		memcpy(x + n * p, d->x + cs->c[i].first_row * p, p * sizeof *x);
		entry[n] = cs->c[i].entry;
		which[n++] = i;
	}
	double *q6 = arena_array(a, n + 1, sizeof *q6), *q12 = arena_array(a, n + 1, sizeof *q12);
	prog_predict_batch(m, n, x, entry, q6, q12);
	for (size_t j = 0; j < n; j++) {
		p6[which[j]] = q6[j];
		p12[which[j]] = q12[j];
	}
}

/* Fit on the clients outside fold f, predict for those in it. */
static int fold(const struct prog_model *m, const struct pp_data *d, const struct val_clients *cs,
		const struct eval_opts *o, int f, double *p6, double *p12, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct prog_model fm = { 0 };
	uint8_t *train = arena_array(&a, d->rows + 1, 1);
	uint8_t *test = arena_array(&a, cs->n + 1, 1);
	for (size_t i = 0; i < cs->n; i++) {
		const struct val_client *c = &cs->c[i];
		bool in = val_fold(c->id, o->folds, o->seed) == f;
		test[i] = in;
		memset(train + c->first_row, !in, c->n_rows);
	}
	struct pp_data sub;
	val_subset(d, train, &a, &sub);
	struct fit_opts fo = { .ridge = o->ridge };
	struct fit_result r;
	int rc = fit_cloglog(&sub, &fo, &a, &r, e);
	if (rc == IPM_OK && !r.converged)
		rc = err_set(e, IPM_EINVAL, "the fit did not converge");
	if (rc == IPM_OK)
		rc = fitted_model(m, &r, &fm, e);
	if (rc == IPM_OK)
		predict_entry(&fm, d, cs, test, &a, p6, p12);
	else
		err_prefix(e, "fold %d of %d", f + 1, o->folds);
	arena_free(&fm.arena);
	arena_free(&a);
	return rc;
}

/* A p12 of a client far from work rounds to exactly 1 (and of one very
 * close to 0): its logit is infinite and R's glm would stop on it. Moving
 * it EVAL_EPS inward changes no AUC, Brier or rate beyond 1e-9 and lets the
 * calibration be estimated on every client; the count is reported. */
#define EVAL_EPS 1e-9

static size_t clamp_open(double *p, size_t n)
{
	size_t moved = 0;
	for (size_t i = 0; i < n; i++) {
		if (p[i] < EVAL_EPS || p[i] > 1 - EVAL_EPS) {
			p[i] = p[i] < EVAL_EPS ? EVAL_EPS : 1 - EVAL_EPS;
			moved++;
		}
	}
	return moved;
}

static void measure(struct eval_horizon *h, const struct val_clients *cs, const double *p,
		    struct arena *a)
{
	double *pp = arena_array(a, cs->n + 1, sizeof *pp);
	uint8_t *y = arena_array(a, cs->n + 1, 1);
	size_t n = 0;
	for (size_t i = 0; i < cs->n; i++) {
		int out = val_outcome(&cs->c[i], h->horizon);
		if (out < 0) {
			h->excluded++;
			continue;
		}
		pp[n] = p[i];
		y[n++] = (uint8_t)out;
		h->cases += (size_t)out;
	}
	h->n = n;
	h->clamped = clamp_open(pp, n);
	struct err e = { 0 };
	int rc = val_auc(pp, y, n, a, &h->auc, &e);
	if (!rc)
		rc = val_brier(pp, y, n, &h->brier, &e);
	if (!rc)
		rc = val_calibrate(pp, y, n, &h->cal, &e);
	if (!rc)
		rc = val_deciles(pp, y, n, a, h->deciles, &e);
	h->status = rc;
	if (rc)
		memcpy(h->why, e.msg, sizeof h->why);
}

int model_eval_run(const struct prog_model *m, const struct pp_data *d,
		   const struct eval_opts *o, struct model_eval *out, struct err *e)
{
	if (o->folds == 1 || o->folds < 0 || o->folds > EVAL_FOLDS_MAX)
		return err_set(e, IPM_EINVAL, "folds: expected 2 to %d", EVAL_FOLDS_MAX);
	struct arena a = ARENA_INIT;
	struct val_clients cs;
	struct model_eval ev = { .rows = d->rows, .folds = o->folds };
	int rc = val_clients(d, &a, &cs, e);
	if (rc)
		goto out;
	ev.clients = cs.n;
	double *p6 = arena_array(&a, cs.n + 1, sizeof *p6);
	double *p12 = arena_array(&a, cs.n + 1, sizeof *p12);
	if (o->folds == 0)
		predict_entry(m, d, &cs, NULL, &a, p6, p12);
	for (int f = 0; f < o->folds && rc == IPM_OK; f++)
		rc = fold(m, d, &cs, o, f, p6, p12, e);
	if (rc)
		goto out;
	static const int horizons[EVAL_HORIZONS] = { 6, 12 };
	for (int k = 0; k < EVAL_HORIZONS; k++) {
		ev.h[k].horizon = horizons[k];
		measure(&ev.h[k], &cs, k == 0 ? p6 : p12, &a);
	}
	*out = ev;
out:
	arena_free(&a);
	return rc;
}

int model_audit_run(const struct prog_model *m, const struct pp_table *t, struct arena *a,
		    struct eval_group **groups, size_t *n_groups, size_t *excluded,
		    size_t *clamped, struct err *e)
{
	struct val_clients cs;
	int rc = val_clients(&t->d, a, &cs, e);
	if (rc)
		return rc;
	double *p6 = arena_array(a, cs.n + 1, sizeof *p6);
	double *p12 = arena_array(a, cs.n + 1, sizeof *p12);
	predict_entry(m, &t->d, &cs, NULL, a, p6, p12);
	double *p = arena_array(a, cs.n + 1, sizeof *p);
	uint8_t *y = arena_array(a, cs.n + 1, 1);
	size_t *client = arena_array(a, cs.n + 1, sizeof *client);
	size_t n = 0, total = 0;
	*excluded = 0;
	for (size_t i = 0; i < cs.n; i++) {
		int outcome = val_outcome(&cs.c[i], 12);
		if (outcome < 0) {
			++*excluded;
			continue;
		}
		p[n] = p12[i];
		y[n] = (uint8_t)outcome;
		client[n++] = i;
	}
	*clamped = clamp_open(p, n);
	for (size_t k = 0; k < t->n_audit; k++)
		total += t->audit[k].n_values;
	struct eval_group *out = arena_array(a, total + 1, sizeof *out);
	int *group = arena_array(a, n + 1, sizeof *group);
	size_t g = 0;
	for (size_t k = 0; k < t->n_audit && rc == IPM_OK; k++) {
		const struct pp_audit *au = &t->audit[k];
		for (size_t j = 0; j < n; j++)
			group[j] = au->value[cs.c[client[j]].first_row];
		struct val_audit_row *rows;
		rc = val_audit(p, y, group, n, au->n_values, a, &rows, e);
		for (size_t v = 0; rc == IPM_OK && v < au->n_values; v++)
			out[g++] = (struct eval_group){ au->name, au->values[v], rows[v] };
	}
	*groups = out;
	*n_groups = g;
	return rc;
}
