/* The prognosis engine measured side by side with R in one run, on the same
 * data (bench/r_prognosis.R):
 *   - scoring: p6 and p12 of N clients (default 1,000,000) with
 *     prog_predict_batch against vectorised R (one matrix product and the
 *     cumulative baseline, the same arithmetic);
 *   - fitting: fit_cloglog on ~1,000,000 person-periods against R's
 *     glm(event ~ 0 + bucket + ..., binomial(cloglog)); the coefficients of
 *     both are compared (max |difference|).
 * Clients are a synthetic population from the default model
 * (engine/synth.h). Without Rscript (or data.table) the R column says so.
 *
 * usage: bench_prognosis [N_CLIENTS [PERSON_PERIODS]]   (run from the repository root) */
#include "core/buf.h"
#include "engine/fit.h"
#include "engine/synth.h"
#include "services/model_set.h"
#include "services/person_period_csv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

_Noreturn static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_prognosis: %s: %s\n", what, msg);
	exit(1);
}

static void write_all(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0)
		die(path, "cannot write");
}

static char *temp_path(const char *what)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "/tmp/ipm-bench-%s-XXXXXX", what);
	int fd = mkstemp(b.data);
	if (fd < 0)
		die("mkstemp", what);
	close(fd);
	return buf_detach(&b, NULL);
}

struct r_result {
	double fit_s, score_s, p12_sum;
	double coef[FIT_BUCKETS + FIT_MAX_FEATURES];
	size_t n_coef;
	bool ok;
};

static void run_r(const char *pp, const char *clients, const char *model, struct r_result *r)
{
	struct buf cmd = BUF_INIT;
	char line[256];
	*r = (struct r_result){ .fit_s = NAN, .score_s = NAN };
	buf_printf(&cmd, "Rscript bench/r_prognosis.R %s %s %s 2>/dev/null", pp, clients, model);
	FILE *p = popen(cmd.data, "r");
	while (p && fgets(line, sizeof line, p)) {
		int i;
		double v;
		if (sscanf(line, "fit_seconds %lf", &v) == 1)
			r->fit_s = v;
		else if (sscanf(line, "score_seconds %lf", &v) == 1)
			r->score_s = v;
		else if (sscanf(line, "p12_sum %lf", &v) == 1)
			r->p12_sum = v;
		else if (sscanf(line, "coef %d %lf", &i, &v) == 2 && i >= 0 &&
			 (size_t)i < sizeof r->coef / sizeof r->coef[0] && (size_t)i == r->n_coef)
			r->coef[r->n_coef++] = v;
	}
	r->ok = p && pclose(p) == 0 && !isnan(r->fit_s) && !isnan(r->score_s);
	buf_free(&cmd);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	size_t rows_wanted = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
	struct model_set s;
	struct err e;
	if (model_set_load("data", MODEL_DEFAULT, &s, &e))
		die("model", e.msg);
	const struct prog_model *m = s.m;
	size_t p = m->n_features;

	/* Scoring input: N clients of the synthetic population. */
	struct synth_opts so = { .n = n, .seed = 2024 };
	double *x = malloc(n * p * sizeof *x), *p6 = malloc(n * sizeof *p6),
	       *p12 = malloc(n * sizeof *p12);
	int *d = malloc(n * sizeof *d);
	if (!x || !p6 || !p12 || !d)
		die("malloc", "clients");
	for (size_t i = 0; i < n; i++) {
		struct synth_client c;
		synth_client(m, &so, i, &c);
		memcpy(x + i * p, c.x, p * sizeof *x);
		d[i] = c.entry;
	}
	double t_score = INFINITY;
	for (int run = 0; run < 3; run++) {
		double t0 = now_s();
		prog_predict_batch(m, n, x, d, p6, p12);
		double t = now_s() - t0;
		t_score = t < t_score ? t : t_score;
	}
	double p12_sum = 0;
	for (size_t i = 0; i < n; i++)
		p12_sum += p12[i];

	/* Fitting input: enough clients for the person-periods wanted (~17
	 * rows per client with the default follow-up). */
	struct pp_table t;
	so.n = rows_wanted / 17 + 1;
	if (synth_population(m, &so, &t, &e))
		die("synth", e.msg);
	struct arena a = ARENA_INIT;
	struct fit_result fr;
	double t0 = now_s();
	if (fit_cloglog(&t.d, &(struct fit_opts){ 0 }, &a, &fr, &e))
		die("fit", e.msg);
	double t_fit = now_s() - t0;

	/* The same data for R. */
	char *pp_path = temp_path("pp"), *cl_path = temp_path("clients"),
	     *mo_path = temp_path("model");
	struct buf b = BUF_INIT;
	pp_csv_header(&b, &t);
	pp_csv_rows(&b, &t, 0, t.d.rows);
	write_all(pp_path, &b);
	buf_reset(&b);
	buf_puts(&b, "d");
	for (size_t k = 0; k < p; k++)
		buf_printf(&b, ",%s", m->features[k].id);
	buf_putc(&b, '\n');
	for (size_t i = 0; i < n; i++) {
		buf_printf(&b, "%d", d[i]);
		for (size_t k = 0; k < p; k++)
			buf_printf(&b, ",%g", x[i * p + k]);
		buf_putc(&b, '\n');
	}
	write_all(cl_path, &b);
	buf_reset(&b);
	buf_puts(&b, "kind,value\n");
	for (size_t k = 0; k < m->n_months; k++)
		buf_printf(&b, "h0,%.17g\n", m->h0[k]);
	for (size_t k = 0; k < p; k++)
		buf_printf(&b, "beta,%.17g\n", m->features[k].beta);
	write_all(mo_path, &b);
	buf_free(&b);
	struct r_result r;
	run_r(pp_path, cl_path, mo_path, &r);
	unlink(pp_path);
	unlink(cl_path);
	unlink(mo_path);

	printf("prognosis: %zu synthetic clients scored (p6, p12), fit on %zu person-periods of "
	       "%zu clients (%zu parameters), model %s@%s\n",
	       n, t.d.rows, t.n_clients, FIT_BUCKETS + p, m->pack_id, m->version);
	printf("%-44s %10s %14s %8s\n", "variant", "seconds", "per second", "ratio");
	printf("%-44s %10.3f %14.0f %8.2f\n", "ipm prog_predict_batch (clients)", t_score,
	       n / t_score, 1.0);
	if (r.ok)
		printf("%-44s %10.3f %14.0f %8.2f\n", "R vectorised p6/p12 (clients)", r.score_s,
		       n / r.score_s, r.score_s / t_score);
	printf("%-44s %10.3f %14.0f %8.2f\n", "ipm fit_cloglog (person-periods)", t_fit,
	       t.d.rows / t_fit, 1.0);
	if (r.ok) {
		printf("%-44s %10.3f %14.0f %8.2f\n", "R glm(binomial(cloglog)) (person-periods)",
		       r.fit_s, t.d.rows / r.fit_s, r.fit_s / t_fit);
		double dmax = 0;
		for (size_t k = 0; k < r.n_coef && k < FIT_BUCKETS + p; k++) {
			double c = k < FIT_BUCKETS ? fr.gamma[k] : fr.beta[k - FIT_BUCKETS];
			dmax = fmax(dmax, fabs(c - r.coef[k]));
		}
		printf("ratios: R time / ipm time (higher = ipm faster). max |coef ipm - R| = %.2g "
		       "over %zu coefficients; p12 sum ipm %.6f, R %.6f; %d Newton iterations\n",
		       dmax, r.n_coef, p12_sum, r.p12_sum, fr.iterations);
	} else {
		printf("R: not measured (Rscript with data.table not available; R is not a CI "
		       "dependency). p12 sum %.6f, %d Newton iterations\n", p12_sum, fr.iterations);
	}
	free(pp_path);
	free(cl_path);
	free(mo_path);
	arena_free(&a);
	pp_table_free(&t);
	free(x);
	free(p6);
	free(p12);
	free(d);
	model_set_free(&s);
	return 0;
}
