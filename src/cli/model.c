/* ipm model fit|validate|audit: a prognosis model estimated from, checked
 * against and audited on recorded outcomes in person-period CSV
 * (docs/contracts/prognosis-v1.md). Fit is here; validate and audit are in
 * model_validate.c. */
#include "cli/commands.h"
#include "cli/model_args.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/fs.h"
#include "core/timeutil.h"
#include "engine/fit.h"
#include "pack/model_write.h"
#include "services/model_set.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char usage[] =
	"usage: ipm model fit --data FILE.csv [--model ID[@VERSION]] [--ridge L]\n"
	"                     [--out FILE.json] [--version X.Y.Z] [--date YYYY-MM-DD]\n"
	"       ipm model fit --db PATH [--org ID] [--model ID[@VERSION]] [--ridge L]\n"
	"                     [--version X.Y.Z] [--date YYYY-MM-DD] [--out FILE.json]\n"
	"                     [--user NAME]\n"
	"       ipm model activate ID@VERSION --db PATH --org ID --reason TEXT [--user NAME]\n"
	"       ipm model list --db PATH [--org ID]\n"
	"       ipm model validate --data FILE.csv|--db PATH [--org ID] [--date YYYY-MM-DD]\n"
	"                          [--model ID[@VERSION]] [--fit [--folds K] [--seed S]\n"
	"                          [--ridge L]]\n"
	"       ipm model audit --data FILE.csv|--db PATH [--org ID] [--date YYYY-MM-DD]\n"
	"                       [--model ID[@VERSION]]\n"
	"       (each also takes --data-dir DIR: packs/ under it; default $IPM_DATA or ./data)\n"
	"\n"
	"FILE.csv is person-period data: header client,period,event,<feature ids>\n"
	"[,audit_*], one row per client per month at risk (ipm synth writes it).\n"
	"The model (default " MODEL_DEFAULT ") names the features.\n"
	"\n"
	"fit       estimates a baseline per duration bucket (1-3, 4-6, 7-9, 10-12,\n"
	"          13-18, 19-24, 25-36, 37+ months) and a coefficient per feature\n"
	"          by maximum likelihood (cloglog, equal to R glm), optionally with\n"
	"          a ridge penalty L on the coefficients; prints them with SE, z\n"
	"          and 95 % interval. --out writes the fitted model as a new\n"
	"          version of the model pack (calibrated, fitted_on; --version,\n"
	"          default the next minor version; --date, default today).\n"
	"fit --db  the same from the store: every client (of --org) with a completed\n"
	"          factor assessment enters at its completion and is followed month by\n"
	"          month until the first 'werk' outcome (the event), an earlier other\n"
	"          outcome (the route ended without work: censored) or --date (default\n"
	"          today). The base is --model, else the organisation's active model,\n"
	"          else " MODEL_DEFAULT "; the fitted version (default: the minor\n"
	"          version after the highest registered) is REGISTERED, not activated.\n"
	"activate  makes a registered model version the one that computes the\n"
	"          organisation's prognoses; the reason is kept with it.\n"
	"list      registered model versions, the active ones marked; with --org\n"
	"          also that organisation's activations.\n"
	"validate  predicts at each client's entry and reports, at 6 and 12\n"
	"          months, AUC, Brier score, calibration slope and intercept and a\n"
	"          table by decile: for the model as it is, or with --fit by\n"
	"          K-fold refitting by client (default 5 folds, seed 1).\n"
	"          --db: on the store's clients as fit --db follows them, for\n"
	"          the model fit --db would start from.\n"
	"audit     per value of each audit_* column (never a predictor): clients,\n"
	"          mean predicted and observed 12-month rate, calibration\n"
	"          intercept, false-positive and false-negative rate at p12 >= 0.5.\n"
	"          --db: by sex and age band of the client records.\n"
	"\n"
	"Exit status: 0 done; 2 bad usage, an unknown model or bad data (every\n"
	"problem named by row and column, up to 20); 1 an internal error.\n";

void model_print_fit(const struct prog_model *m, const struct pp_table *t,
		     const struct fit_result *r, double ridge)
{
	printf("model %s@%s fitted on %zu person-periods of %zu clients, %zu events",
	       m->pack_id, m->version, r->rows, t->n_clients, r->events);
	if (ridge > 0)
		printf(", ridge %g", ridge);
	printf("\n%s in %d iterations, log-likelihood %.4f, deviance %.4f\n\n",
	       r->converged ? "converged" : "NOT CONVERGED", r->iterations, r->loglik, r->deviance);
	printf("%-8s %9s %7s %9s %8s %9s\n", "months", "rows", "events", "gamma", "SE",
	       "h0/month");
	for (size_t b = 0; b < r->n_buckets; b++) {
		printf("%-8s %9zu %7zu ", fit_bucket_label((int)b), r->bucket_rows[b],
		       r->bucket_events[b]);
		if (r->bucket_fitted[b])
			printf("%9.4f %8.4f %9.4f\n", r->gamma[b], r->gamma_se[b],
			       -expm1(-exp(r->gamma[b])));
		else
			printf("%9s %8s %9s\n", "-", "-", "-");
	}
	printf("\n%-26s %9s %8s %8s %21s %7s\n", "feature", "beta", "SE", "z", "95 % CI", "HR");
	for (size_t k = 0; k < r->n_features; k++) {
		double b = r->beta[k], se = r->beta_se[k];
		printf("%-26s %9.4f %8.4f %8.2f   [%8.4f, %8.4f] %7.3f\n", m->features[k].id, b, se,
		       b / se, b - 1.959963984540054 * se, b + 1.959963984540054 * se, exp(b));
	}
	if (ridge > 0)
		printf("(with a ridge penalty the SEs are from the penalised information)\n");
}

static int write_pack(const struct model_args *a, const struct model_set *s,
		      const struct fit_result *r)
{
	char today[TIME_ISO_LEN];
	time_now_iso(today);
	today[10] = '\0';
	struct model_fit_meta meta = { .version = a->version, .date = a->date ? a->date : today,
				       .ridge = a->ridge, .data_name = a->data };
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	int status = 0;
	int rc = model_write_fitted(s->model, s->m, r, &meta, &text, &e);
	if (rc == IPM_OK)
		rc = fs_write_atomic(a->out, text.data, text.len, &e);
	if (rc)
		status = cli_fail(rc, e.msg);
	else
		printf("\nwrote %s: a new version of %s, calibrated (check it with ipm pack check)\n",
		       a->out, s->model->id);
	buf_free(&text);
	return status;
}

static int cmd_fit(int argc, char **argv)
{
	struct model_args a;
	int status = model_args_parse(argc, argv,
				      MO_DATA | MO_MODEL | MO_DATA_DIR | MO_RIDGE | MO_OUT |
					      MO_VERSION | MO_DATE | MO_DB | MO_ORG | MO_USER,
				      usage, &a);
	if (status >= 0)
		return status;
	if (!a.data)
		return cmd_model_fit_store(&a);
	if (a.given & (MO_ORG | MO_USER))
		return cli_fail(IPM_EINVAL, "--org and --user go with --db");
	struct model_set s = { 0 };
	struct pp_table t = { 0 };
	struct arena arena = ARENA_INIT;
	struct err e = { 0 };
	if ((status = cli_model_load(a.data_dir, a.model, &s)) >= 0 ||
	    (status = cli_pp_load(a.data, s.m, &t)) >= 0)
		goto out;
	struct fit_opts fo = { .ridge = a.ridge };
	struct fit_result r;
	int rc = fit_cloglog(&t.d, &fo, &arena, &r, &e);
	if (rc) {
		err_prefix(&e, "%s", a.data);
		status = cli_fail(rc, e.msg);
		goto out;
	}
	model_print_fit(s.m, &t, &r, a.ridge);
	if (!r.converged) {
		/* Typically separation: a feature predicts the outcome perfectly. */
		status = cli_fail(IPM_EINVAL, "the fit did not converge (a feature that separates "
					      "the outcomes? try --ridge)");
		goto out;
	}
	status = a.out ? write_pack(&a, &s, &r) : 0;
out:
	fflush(stdout);
	arena_free(&arena);
	pp_table_free(&t);
	model_set_free(&s);
	return status;
}

int cmd_model(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "fit") == 0)
		return cmd_fit(argc - 1, argv + 1);
	if (strcmp(argv[1], "activate") == 0)
		return cmd_model_activate(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return cmd_model_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "validate") == 0)
		return cmd_model_validate(argc - 1, argv + 1);
	if (strcmp(argv[1], "audit") == 0)
		return cmd_model_audit(argc - 1, argv + 1);
	fprintf(stderr, "ipm: unknown model command '%s' (fit, activate, list, validate or audit)\n", argv[1]);
	return 2;
}

const char *model_usage(void)
{
	return usage;
}
