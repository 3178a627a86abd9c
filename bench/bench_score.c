/* Batch scoring of the full career-research battery, measured side by side
 * in one run against two references:
 *   - memcpy of the same answer bytes (the floor: touching the input once);
 *   - npm @bigfive-org/score on the same Big Five answers (bench/npm_score.mjs).
 * Respondents are synthetic: uniform answers, ipsative blocks split at
 * random, the O6 voting items not asked; once with complete answers and
 * once with 2 % of the rating answers missing. Results are produced in
 * chunks of CHUNK respondents into one reused buffer, as a batch job that
 * stores or aggregates them would consume them: rows of struct scale_score
 * (score_batch) or one array per field per scale (score_batch_columns, with
 * the kernel the CPU allows and with the x86-64 baseline kernel).
 *
 * Times are the CPU time of the benchmark thread (best of several runs), so
 * that other processes on a shared machine do not decide the ratios; every
 * variant, memcpy included, is timed the same way.
 *
 * usage: bench_score [N]   (default 1,000,000 respondents)
 *        BENCH_MISSING=per-mille runs one missing rate only; BENCH_NPM=0
 *        skips the npm reference. */
#include "core/buf.h"
#include "engine/score.h"
#include "engine/score_columns.h"
#include "engine/score_internal.h"
#include "pack/pack.h"
#include "pack/questionnaire_build.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CHUNK 256
#define NPM_RESPONDENTS 100000

static const char *const battery[] = {
	"data/packs/ipip-neo-120.json",     "data/packs/career-anchors.json",
	"data/packs/career-clusters.json",  "data/packs/culture-preference.json",
	"data/packs/job-characteristics.json",
};
#define N_Q (sizeof battery / sizeof battery[0])

/* Per mille of rating answers left empty in the current data set. */
static uint32_t missing_per_mille = 20;

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 16);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

_Noreturn static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_score: %s: %s\n", what, msg);
	exit(1);
}

static struct questionnaire *load(const char *path)
{
	struct pack *p;
	struct questionnaire *q;
	struct err e;
	if (pack_load_file(path, &p, &e) || questionnaire_build(p, NULL, &q, &e))
		die(path, e.msg);
	pack_free(p);
	return q;
}

/* One respondent's answers: valid for score_check, like a real client's. */
static void synth(const struct questionnaire *q, int16_t *row)
{
	for (size_t i = 0; i < q->n_items; i++) {
		const struct q_item *it = &q->items[i];
		if (it->excluded || it->points)
			row[i] = Q_MISSING;
		else if (next() % 1000 < missing_per_mille)
			row[i] = Q_MISSING;
		else
			row[i] = (int16_t)(it->min + (int)(next() % (uint32_t)(it->max - it->min + 1)));
	}
	for (size_t b = 0; b < q->n_blocks; b++) {
		const struct q_block *bl = &q->blocks[b];
		int left = bl->total;
		for (uint32_t k = 0; k + 1 < bl->n_items; k++) {
			int v = (int)(next() % (uint32_t)(left + 1));
			row[bl->items[k]] = (int16_t)v;
			left -= v;
		}
		row[bl->items[bl->n_items - 1]] = (int16_t)left;
	}
}

static double best_of(int runs, double (*fn)(void *), void *ctx)
{
	double best = INFINITY;
	for (int r = 0; r < runs; r++) {
		double t = fn(ctx);
		if (t < best)
			best = t;
	}
	return best;
}

struct job {
	size_t n;
	size_t nq;
	struct questionnaire **q;
	int16_t **answers;
	const struct norm_choice **norms; /* per respondent, for the Big Five only */
	struct scale_score *out;
	struct score_columns cols;        /* CHUNK × the most scales, reused */
	void *scratch;                    /* for the largest questionnaire */
	bool columns;                     /* run_score: the column API */
	unsigned char *copy;
	size_t bytes;
	double checksum;
};

static double run_memcpy(void *ctx)
{
	struct job *j = ctx;
	double t0 = now_s();
	size_t off = 0;
	for (size_t k = 0; k < j->nq; k++) {
		size_t len = j->n * j->q[k]->n_items * sizeof(int16_t);
		memcpy(j->copy + off, j->answers[k], len);
		off += len;
	}
	double t = now_s() - t0;
	j->checksum += j->copy[off / 2];
	return t;
}

/* Scores every questionnaire chunk by chunk with the row API, or with the
 * column API when j->columns is set. */
static double run_score(void *ctx)
{
	struct job *j = ctx;
	double t0 = now_s();
	for (size_t k = 0; k < j->nq; k++) {
		const struct questionnaire *q = j->q[k];
		for (size_t r = 0; r < j->n; r += CHUNK) {
			size_t m = j->n - r < CHUNK ? j->n - r : CHUNK;
			const int16_t *rows = j->answers[k] + r * q->n_items;
			const struct norm_choice *const *norms = k == 0 ? j->norms + r : NULL;
			if (j->columns) {
				score_batch_columns(q, m, rows, norms, &j->cols, j->scratch);
				j->checksum += j->cols.raw[0];
			} else {
				score_batch(q, m, rows, norms, j->out);
				j->checksum += j->out[0].raw;
			}
		}
	}
	return now_s() - t0;
}

/* The npm reference on the first NPM_RESPONDENTS Big Five rows. */
static double npm_rate(const struct job *j, size_t n)
{
	char path[] = "/tmp/ipm-bench-answers-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		die("mkstemp", "failed");
	uint32_t head[2] = { (uint32_t)n, (uint32_t)j->q[0]->n_items };
	size_t len = n * j->q[0]->n_items * sizeof(int16_t);
	if (write(fd, head, sizeof head) != (ssize_t)sizeof head ||
	    write(fd, j->answers[0], len) != (ssize_t)len)
		die("write", path);
	close(fd);
	struct buf cmd = BUF_INIT;
	buf_printf(&cmd, "node bench/npm_score.mjs %s %s", path, battery[0]);
	FILE *p = popen(cmd.data, "r");
	double rate = NAN;
	if (!p || fscanf(p, "respondents/s %lf", &rate) != 1)
		rate = NAN;
	if (p)
		pclose(p);
	unlink(path);
	buf_free(&cmd);
	return rate;
}

static void row(const char *variant, const char *answers, double t, size_t n, double t_copy)
{
	printf("%-44s %-12s %8.3f %14.0f %7.2f\n", variant, answers, t, n / t, t / t_copy);
}

/* Fills every questionnaire's answers at the current missing rate. */
static void synth_all(struct job *j)
{
	for (size_t k = 0; k < j->nq; k++)
		for (size_t r = 0; r < j->n; r++)
			synth(j->q[k], j->answers[k] + r * j->q[k]->n_items);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	if (n < CHUNK)
		n = CHUNK;
	uint32_t rates[2] = { 0, 20 };
	size_t n_rates = 2;
	if (getenv("BENCH_MISSING")) {
		rates[0] = (uint32_t)strtoul(getenv("BENCH_MISSING"), NULL, 10);
		n_rates = 1;
	}
	bool npm_on = !getenv("BENCH_NPM") || strcmp(getenv("BENCH_NPM"), "0") != 0;
	struct job j = { .n = n, .nq = N_Q };
	struct questionnaire *qs[N_Q];
	int16_t *answers[N_Q];
	size_t items = 0, max_scales = 0, max_scratch = 0;
	for (size_t k = 0; k < N_Q; k++) {
		qs[k] = load(battery[k]);
		answers[k] = malloc(n * qs[k]->n_items * sizeof(int16_t));
		if (!answers[k])
			die("malloc", "answers");
		items += qs[k]->n_items;
		if (qs[k]->n_scales > max_scales)
			max_scales = qs[k]->n_scales;
		if (score_columns_scratch_size(qs[k]) > max_scratch)
			max_scratch = score_columns_scratch_size(qs[k]);
	}
	j.q = qs;
	j.answers = answers;
	j.bytes = n * items * sizeof(int16_t);
	j.copy = malloc(j.bytes);
	j.out = calloc(CHUNK * max_scales, sizeof *j.out);
	j.cols = (struct score_columns){
		.raw = calloc(CHUNK * max_scales, sizeof(double)),
		.t = calloc(CHUNK * max_scales, sizeof(double)),
		.pct = calloc(CHUNK * max_scales, sizeof(double)),
		.band = calloc(CHUNK * max_scales, 1),
		.flags = calloc(CHUNK * max_scales, 1),
		.answered = calloc(CHUNK * max_scales, sizeof(uint16_t)),
		.asked = calloc(max_scales, sizeof(uint16_t)),
	};
	j.scratch = malloc(max_scratch);

	/* Norms as in practice: sex known for most, ages spread over the groups. */
	struct norm_choice choices[3][4];
	static const char sexes[3] = { 'm', 'v', 0 };
	static const int ages[4] = { 19, 30, 50, 64 };
	struct err e;
	for (int s = 0; s < 3; s++)
		for (int a = 0; a < 4; a++)
			if (norm_select(qs[0], sexes[s], ages[a], &choices[s][a], &e))
				die("norm", e.msg);
	j.norms = malloc(n * sizeof *j.norms);
	for (size_t r = 0; r < n; r++)
		j.norms[r] = &choices[next() % 3][next() % 4];
	if (!j.copy || !j.out || !j.norms || !j.scratch || !j.cols.raw || !j.cols.t ||
	    !j.cols.pct || !j.cols.band || !j.cols.flags || !j.cols.answered || !j.cols.asked)
		die("malloc", "buffers");

	bool avx2 = score_isa_used() == SCORE_ISA_AVX2;
	printf("batch scoring: %zu synthetic respondents, full battery of %zu questionnaires, "
	       "%zu items (%.0f MB of answers); column kernel %s; CPU time of this thread\n", n,
	       (size_t)N_Q, items, j.bytes / 1e6, avx2 ? "AVX2 (runtime dispatch)" : "x86-64 baseline");
	printf("%-44s %-12s %8s %14s %7s\n", "variant", "answers", "seconds", "respondents/s",
	       "ratio");
	double t_b5 = NAN;
	for (size_t k = 0; k < n_rates; k++) {
		char what[32];
		missing_per_mille = rates[k];
		if (rates[k])
			snprintf(what, sizeof what, "%.1f %% missing", rates[k] / 10.0);
		else
			snprintf(what, sizeof what, "complete");
		synth_all(&j);
		j.nq = N_Q;
		double t_copy = best_of(7, run_memcpy, &j);
		j.columns = false;
		double t_rows = best_of(3, run_score, &j);
		j.columns = true;
		double t_cols = best_of(5, run_score, &j);
		double t_base = NAN;
		if (avx2) {
			score_isa_force(SCORE_ISA_BASELINE);
			t_base = best_of(3, run_score, &j);
			score_isa_force(SCORE_ISA_AUTO);
		}
		row("memcpy of the same answers (floor)", what, t_copy, n, t_copy);
		row("ipm score_batch (rows)", what, t_rows, n, t_copy);
		row(avx2 ? "ipm score_batch_columns (AVX2)" : "ipm score_batch_columns (baseline)", what,
		    t_cols, n, t_copy);
		if (avx2)
			row("ipm score_batch_columns (baseline SSE2)", what, t_base, n, t_copy);
		j.columns = false;
		j.nq = 1;
		t_b5 = best_of(3, run_score, &j);
	}
	/* The npm reference on the last data set's Big Five answers. */
	double npm = npm_on ? npm_rate(&j, n < NPM_RESPONDENTS ? n : NPM_RESPONDENTS) : NAN;
	printf("%-44s %-12s %8.3f %14.0f\n", "ipm score_batch, Big Five only (normed)", "", t_b5,
	       n / t_b5);
	if (isnan(npm))
		printf("%-44s %-12s %8s %14s %7s\n", "npm @bigfive-org/score, Big Five (not run)", "",
		       "-", "-", "-");
	else
		printf("%-44s %-12s %8.3f %14.0f %7.2f\n", "npm @bigfive-org/score, Big Five (raw sums)",
		       "", n / npm, npm, (n / npm) / t_b5);
	printf("ratios: time / memcpy time of the same answers (lower is better); npm: npm time / "
	       "ipm Big Five time (higher = ipm faster). checksum %g\n", j.checksum);

	for (size_t k = 0; k < N_Q; k++) {
		questionnaire_free(qs[k]);
		free(answers[k]);
	}
	free(j.copy);
	free(j.out);
	free(j.norms);
	free(j.scratch);
	free(j.cols.raw);
	free(j.cols.t);
	free(j.cols.pct);
	free(j.cols.band);
	free(j.cols.flags);
	free(j.cols.answered);
	free(j.cols.asked);
	return 0;
}
