/* ipm synth: a synthetic population drawn from a known model
 * (engine/synth.h, docs/synth.md), written as person-period CSV for
 * ipm model fit|validate|audit, the tests and the benchmark. CSV has no
 * comments, so the label "synthetic" goes to stderr and into the client
 * ids' documentation, never into the rows. */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/xalloc.h"
#include "engine/synth.h"
#include "pack/questionnaire_build.h"
#include "services/answers_csv.h"
#include "services/person_period_csv.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm synth --n N --seed S [--model ID[@VERSION]] [--out FILE.csv]\n"
		"                 [--follow-up MONTHS] [--data DIR]\n"
		"                 [--answers ID[@VERSION] --answers-out FILE.csv]\n"
		"\n"
		"Draws N synthetic clients (ratings of every factor of the model, age,\n"
		"audit attributes sex, age band and migration background, months\n"
		"unemployed at entry 0..%d) and simulates their monthly outcomes with\n"
		"the model's own hazard, censored after the follow-up. Prints the\n"
		"person-period CSV (header client,period,event,<features>,audit_*) that\n"
		"ipm model fit, validate and audit read. docs/synth.md documents the\n"
		"population; the same N and seed always give the same file.\n"
		"\n"
		"The data are SYNTHETIC: stderr says so (\"synthetic data, model ID\n"
		"VERSION, seed S\"); never mix them with real outcomes.\n"
		"\n"
		"  --n N               clients, 1..%d\n"
		"  --seed S            seed of the random numbers (0..2^64-1)\n"
		"  --model ID[@VER]    the true model (default %s)\n"
		"  --out FILE.csv      write there instead of stdout\n"
		"  --follow-up MONTHS  months observed after entry, 1..120 (default %d)\n"
		"  --data DIR          data directory with packs/ (default $IPM_DATA or ./data)\n"
		"  --answers ID[@VER]  also draw every client's answers to this questionnaire\n"
		"                      (they rise with the client's latent closeness to work)\n"
		"  --answers-out FILE  ... and write them there as the answers CSV that ipm score\n"
		"                      reads: respondent = client id, sex and age of the client\n"
		"\n"
		"Exit status: 0 written; 2 bad usage or an unknown model; 1 an internal\n"
		"error (e.g. the file cannot be written).\n",
		SYNTH_ENTRY_MAX, SYNTH_MAX_CLIENTS, MODEL_DEFAULT, SYNTH_FOLLOW_UP);
}

struct synth_args {
	const char *model, *out, *data, *answers, *answers_out;
	struct synth_opts o;
	bool has_n, has_seed;
};

static int parse_args(int argc, char **argv, struct synth_args *a)
{
	static const struct option longopts[] = {
		{ "n", required_argument, NULL, 'n' },
		{ "seed", required_argument, NULL, 's' },
		{ "model", required_argument, NULL, 'm' },
		{ "out", required_argument, NULL, 'o' },
		{ "follow-up", required_argument, NULL, 'f' },
		{ "data", required_argument, NULL, 'D' },
		{ "answers", required_argument, NULL, 'a' },
		{ "answers-out", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	*a = (struct synth_args){ .model = MODEL_DEFAULT, .data = opt_default_data() };
	int c, status;
	uint64_t v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			if ((status = cli_whole("--n", optarg, 1, SYNTH_MAX_CLIENTS, &v)) >= 0)
				return status;
			a->o.n = (size_t)v;
			a->has_n = true;
			break;
		case 's':
			if ((status = cli_whole("--seed", optarg, 0, UINT64_MAX, &v)) >= 0)
				return status;
			a->o.seed = v;
			a->has_seed = true;
			break;
		case 'f':
			if ((status = cli_whole("--follow-up", optarg, 1, 120, &v)) >= 0)
				return status;
			a->o.follow_up = (int)v;
			break;
		case 'm': a->model = optarg; break;
		case 'o': a->out = optarg; break;
		case 'D': a->data = optarg; break;
		case 'a': a->answers = optarg; break;
		case 'A': a->answers_out = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	/* The answers go to a file of their own: stdout is the person-period CSV. */
	if (!a->has_n || !a->has_seed || optind != argc || !a->answers != !a->answers_out) {
		usage(stderr);
		return 2;
	}
	return -1;
}

/* Written in pieces: a million clients make a file of about a gigabyte. */
static int write_table(FILE *f, const struct pp_table *t)
{
	struct buf b = BUF_INIT;
	pp_csv_header(&b, t);
	for (size_t r = 0; r < t->d.rows; r += 4096) {
		pp_csv_rows(&b, t, r, r + 4096);
		if (fwrite(b.data, 1, b.len, f) != b.len)
			break;
		buf_reset(&b);
	}
	bool ok = b.len == 0 || fwrite(b.data, 1, b.len, f) == b.len;
	buf_free(&b);
	return ok && fflush(f) == 0 ? 0 : -1;
}

/* Every client's answers to q (engine/synth.h, synth_answers), in pieces. */
static int write_answers(FILE *f, const struct prog_model *truth, const struct synth_opts *o,
			 const struct questionnaire *q)
{
	struct buf b = BUF_INIT, id = BUF_INIT;
	int16_t *row = xmalloc(q->n_items * sizeof *row);
	bool ok = true;
	answers_csv_header(&b, q);
	for (size_t i = 0; i < o->n && ok; i++) {
		struct synth_client c;
		synth_client(truth, o, i, &c);
		synth_answers(q, o->seed, i, c.closeness, row);
		buf_reset(&id);
		buf_printf(&id, "%zu", i + 1); /* the client id of the person-period rows */
		const char *sex = synth_audit_value(0, c.audit[0]);
		answers_csv_row(&b, q, buf_str(&id), sex ? sex[0] : 0, c.age, row);
		if (b.len >= 1 << 16) {
			ok = fwrite(b.data, 1, b.len, f) == b.len;
			buf_reset(&b);
		}
	}
	ok = ok && (b.len == 0 || fwrite(b.data, 1, b.len, f) == b.len) && fflush(f) == 0;
	free(row);
	buf_free(&id);
	buf_free(&b);
	return ok ? 0 : -1;
}

/* --answers: the file and its rows, for a questionnaire already loaded. The
 * exit status. */
static int answers_file(const struct synth_args *a, const struct prog_model *truth,
			const struct questionnaire *q)
{
	FILE *f = fopen(a->answers_out, "w");
	int status = 0;
	if (!f || write_answers(f, truth, &a->o, q) != 0) {
		struct buf msg = BUF_INIT;
		buf_printf(&msg, "%s: cannot write the file", a->answers_out);
		status = cli_fail(IPM_EIO, buf_str(&msg));
		buf_free(&msg);
		goto out;
	}
	fprintf(stderr, "synthetic answers to %s %s, seed %" PRIu64 ": %zu respondents in %s\n",
		q->pack_id, q->version, a->o.seed, a->o.n, a->answers_out);
out:
	if (f && fclose(f) != 0 && status == 0)
		status = cli_fail(IPM_EIO, "cannot close the answers file");
	return status;
}

int cmd_synth(int argc, char **argv)
{
	struct synth_args a;
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	struct model_set s = { 0 };
	struct pp_table t = { 0 };
	struct questionnaire *q = NULL;
	struct err e = { 0 };
	FILE *f = NULL;
	int rc;
	if ((status = cli_model_load(a.data, a.model, &s)) >= 0)
		goto out;
	/* Every input is checked before any output is written: a failed run
	 * leaves no partial file behind. */
	if (a.answers && (rc = questionnaire_load(a.data, a.answers, NULL, &q, &e))) {
		status = cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	rc = synth_population(s.m, &a.o, &t, &e);
	if (rc) {
		status = cli_fail(rc, e.msg);
		goto out;
	}
	f = a.out ? fopen(a.out, "w") : stdout;
	if (!f || write_table(f, &t) != 0) {
		struct buf msg = BUF_INIT;
		buf_printf(&msg, "%s: cannot write the file", a.out ? a.out : "stdout");
		status = cli_fail(IPM_EIO, buf_str(&msg));
		buf_free(&msg);
		goto out;
	}
	fprintf(stderr, "synthetic data, model %s %s, seed %" PRIu64 ": %zu clients, %zu person-periods\n",
		s.m->pack_id, s.m->version, a.o.seed, t.n_clients, t.d.rows);
	status = q ? answers_file(&a, s.m, q) : 0;
out:
	if (f && f != stdout && fclose(f) != 0 && status == 0)
		status = cli_fail(IPM_EIO, "cannot close the output file");
	if (q)
		questionnaire_free(q);
	pp_table_free(&t);
	model_set_free(&s);
	return status;
}
