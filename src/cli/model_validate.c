/* ipm model validate and ipm model audit (usage in model.c): the printing
 * around services/model_eval.h. */
#include "cli/model_args.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "services/model_eval.h"
#include "services/prognosis_json.h"

#include <math.h>
#include <stdio.h>

static void print_horizons(const struct model_eval *ev)
{
	printf("%-10s %8s %8s %7s %8s %8s %10s %10s %11s\n", "horizon", "clients", "censored",
	       "work", "AUC", "Brier", "cal.slope", "(its int.)", "cal.interc.");
	for (int k = 0; k < EVAL_HORIZONS; k++) {
		const struct eval_horizon *h = &ev->h[k];
		printf("%2d months  %8zu %8zu %7zu ", h->horizon, h->n, h->excluded, h->cases);
		if (h->status) {
			printf("(no measures: %s)\n", h->why);
			continue;
		}
		printf("%8.4f %8.4f %10.3f %10.3f %11.3f%s\n", h->auc, h->brier, h->cal.slope,
		       h->cal.slope_intercept, h->cal.intercept,
		       h->cal.converged ? "" : "  (calibration fit did not converge)");
		if (h->clamped)
			printf("           (%zu predictions of exactly 0 or 1 moved 1e-9 inward "
			       "for the calibration)\n", h->clamped);
	}
}

static void print_deciles(const struct eval_horizon *h)
{
	if (h->status)
		return;
	printf("\ncalibration by decile of p, %d months:\n", h->horizon);
	printf("%-7s %7s %17s %9s %9s\n", "decile", "clients", "p from-to", "mean p", "observed");
	for (int g = 0; g < 10; g++) {
		const struct val_decile *d = &h->deciles[g];
		if (!d->n) {
			printf("%-7d %7zu\n", g + 1, d->n);
			continue;
		}
		printf("%-7d %7zu   %6.4f-%6.4f %9.4f %9.4f\n", g + 1, d->n, d->p_min, d->p_max,
		       d->mean_p, d->observed);
	}
}

/* The model and the rows: --data FILE.csv with the model from the data
 * directory, or the store (--db, model_store_rows). -1 to go on. */
static int load_rows(const struct model_args *a, struct model_set *s, struct pp_table *t,
		     struct buf *name)
{
	if (!a->data)
		return model_store_rows(a, s, t, name);
	buf_puts(name, a->data);
	int status = cli_model_load(a->data_dir, a->model, s);
	return status >= 0 ? status : cli_pp_load(a->data, s->m, t);
}

int cmd_model_validate(int argc, char **argv)
{
	struct model_args a;
	int status = model_args_parse(argc, argv,
				      MO_DATA | MO_MODEL | MO_DATA_DIR | MO_FIT | MO_FOLDS |
					      MO_SEED | MO_RIDGE | MO_STORE_SOURCE,
				      model_usage(), &a);
	if (status >= 0)
		return status;
	struct model_set s = { 0 };
	struct pp_table t = { 0 };
	struct buf name = BUF_INIT;
	struct err e = { 0 };
	if ((status = load_rows(&a, &s, &t, &name)) >= 0)
		goto out;
	bool fit = a.given & MO_FIT;
	struct eval_opts o = { .folds = fit ? a.folds : 0, .seed = a.seed, .ridge = a.ridge };
	struct model_eval ev;
	int rc = model_eval_run(s.m, &t.d, &o, &ev, &e);
	if (rc) {
		err_prefix(&e, "%s", buf_str(&name));
		status = cli_fail(rc, e.msg);
		goto out;
	}
	if (fit)
		printf("%d-fold cross-validation by client (seed %llu%s), features of %s@%s, "
		       "refitted per fold\n",
		       a.folds, (unsigned long long)a.seed, a.ridge > 0 ? ", ridge" : "",
		       s.m->pack_id, s.m->version);
	else
		printf("model %s@%s (%s) as it is\n", s.m->pack_id, s.m->version,
		       prognosis_calibration_name(s.m->calibrated));
	printf("on %s: %zu clients, %zu person-periods; prognosis at each client's entry\n\n",
	       buf_str(&name), ev.clients, ev.rows);
	print_horizons(&ev);
	for (int k = EVAL_HORIZONS - 1; k >= 0; k--)
		print_deciles(&ev.h[k]);
	printf("\nAUC: chance that a client with work had the higher p (0.5 = none);\n"
	       "calibration slope 1 and intercept 0 are ideal (slope < 1: too extreme).\n");
	status = 0;
out:
	fflush(stdout);
	buf_free(&name);
	pp_table_free(&t);
	model_set_free(&s);
	return status;
}

static void rate(double v)
{
	if (isnan(v))
		printf(" %8s", "-");
	else
		printf(" %8.3f", v);
}

int cmd_model_audit(int argc, char **argv)
{
	struct model_args a;
	int status = model_args_parse(argc, argv,
				      MO_DATA | MO_MODEL | MO_DATA_DIR | MO_STORE_SOURCE,
				      model_usage(), &a);
	if (status >= 0)
		return status;
	struct model_set s = { 0 };
	struct pp_table t = { 0 };
	struct arena arena = ARENA_INIT;
	struct buf name = BUF_INIT;
	struct err e = { 0 };
	if ((status = load_rows(&a, &s, &t, &name)) >= 0)
		goto out;
	if (t.n_audit == 0) {
		status = cli_fail(IPM_EINVAL, "the data have no audit_* columns to audit by");
		goto out;
	}
	struct eval_group *g;
	size_t n = 0, excluded = 0, clamped = 0;
	int rc = model_audit_run(s.m, &t, &arena, &g, &n, &excluded, &clamped, &e);
	if (rc) {
		err_prefix(&e, "%s", buf_str(&name));
		status = cli_fail(rc, e.msg);
		goto out;
	}
	printf("audit of %s@%s (%s) on %s: work within 12 months of entry,\n"
	       "%zu clients censored earlier left out; positive = p12 >= %.1f\n\n",
	       s.m->pack_id, s.m->version, prognosis_calibration_name(s.m->calibrated),
	       buf_str(&name), excluded, VAL_THRESHOLD);
	printf("%-12s %-10s %7s %7s %8s %8s %8s %8s %8s\n", "attribute", "value", "clients",
	       "work", "mean p12", "observed", "cal.int.", "FPR", "FNR");
	for (size_t i = 0; i < n; i++) {
		const struct val_audit_row *r = &g[i].row;
		printf("%-12s %-10s %7zu %7zu", g[i].attribute, g[i].value, r->n, r->cases);
		rate(r->mean_p);
		rate(r->observed);
		rate(r->calibration_intercept);
		rate(r->fpr);
		rate(r->fnr);
		putchar('\n');
	}
	if (clamped)
		printf("\n%zu predictions of exactly 0 or 1 were moved 1e-9 inward for the "
		       "calibration intercept.\n", clamped);
	printf("\nAudit attributes are never predictors. Compare groups: a calibration\n"
	       "intercept away from 0, or FPR/FNR that differ, is unequal treatment to explain.\n");
	status = 0;
out:
	fflush(stdout);
	buf_free(&name);
	arena_free(&arena);
	pp_table_free(&t);
	model_set_free(&s);
	return status;
}
