/* ipm score: scores an answers file (one respondent per row) with a
 * questionnaire pack and prints the results as JSON or CSV. The file is
 * scored whole or not at all: any bad answer exits 2 naming row and column
 * (services/answers_csv.h). */
#include "cli/commands.h"
#include "cli/options.h"
#include "core/fs.h"
#include "pack/questionnaire_build.h"
#include "services/answers_csv.h"
#include "services/score_csv.h"
#include "services/score_json.h"
#include "services/scoring.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm score --pack ID[@VERSION] --answers FILE.csv [--format json|csv]\n"
		"                 [--data DIR] [--lang nl|en|de] [--include-excluded]\n"
		"\n"
		"Scores every respondent of an answers file with a questionnaire pack from\n"
		"DIR/packs and prints the results to stdout.\n"
		"\n"
		"  --pack ID[@VERSION]  the questionnaire (the newest version without @VERSION)\n"
		"  --answers FILE.csv   header row, then one row per respondent; columns\n"
		"                       respondent (required), sex (m|v), age (15..100),\n"
		"                       pack (ID@VERSION) and one per item id; empty = no answer\n"
		"  --format json|csv    json (default): one object per respondent with raw\n"
		"                       score, T, percentile, band and flags per scale;\n"
		"                       csv: respondent, then raw,t,pct per scale\n"
		"  --data DIR           data directory with packs/ (default $IPM_DATA or ./data)\n"
		"  --lang nl|en|de      language of labels and texts (default nl)\n"
		"  --include-excluded   ask and score items that are excluded by default\n"
		"\n"
		"Norms are chosen per respondent from sex and age; without sex the 50/50\n"
		"mixture of the male and female group is used (the result says so); without\n"
		"age, or for a pack without norms, only raw scores are given.\n"
		"\n"
		"Exit status: 0 scored; 2 bad usage, unknown pack or a bad answers file\n"
		"(every problem is named by row and column, up to %d); 1 an internal error.\n",
		ANSWERS_MAX_ERRORS);
}

struct score_opts {
	const char *pack, *answers, *data;
	bool csv, include_excluded;
	enum q_lang lang;
};

/* Returns -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, struct score_opts *o)
{
	static const struct option longopts[] = {
		{ "pack", required_argument, NULL, 'p' },
		{ "answers", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "data", required_argument, NULL, 'D' },
		{ "lang", required_argument, NULL, 'l' },
		{ "include-excluded", no_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	*o = (struct score_opts){ .data = opt_default_data(), .lang = Q_NL };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': o->pack = optarg; break;
		case 'a': o->answers = optarg; break;
		case 'D': o->data = optarg; break;
		case 'x': o->include_excluded = true; break;
		case 'f':
			if (strcmp(optarg, "json") != 0 && strcmp(optarg, "csv") != 0)
				return cli_fail(IPM_EINVAL, "--format must be json or csv");
			o->csv = strcmp(optarg, "csv") == 0;
			break;
		case 'l':
			if (opt_parse_lang(optarg, &o->lang))
				return cli_fail(IPM_EINVAL, "--lang must be nl, en or de");
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!o->pack || !o->answers || optind != argc) {
		usage(stderr);
		return 2;
	}
	return -1;
}

static void print_results(const struct score_opts *o, const struct questionnaire *q,
			  const struct answers *a, const struct scored *s)
{
	struct buf out = BUF_INIT;
	if (o->csv)
		score_csv_header(&out, q);
	else
		buf_puts(&out, "[\n");
	for (size_t r = 0; r < a->n_rows; r++) {
		const struct scale_score *sc = s->scores + r * s->n_scales;
		if (o->csv) {
			score_csv_row(&out, q, a->respondent[r], sc);
		} else {
			struct score_view v = { a->respondent[r], sc, s->norm_of[r],
						norm_missing_name(s->missing[r]) };
			score_json_write(&out, q, &v, o->lang);
			buf_puts(&out, r + 1 < a->n_rows ? ",\n" : "\n");
		}
		/* Written as it grows, so a large batch needs no buffer of its size. */
		if (out.len > 1 << 16) {
			fwrite(out.data, 1, out.len, stdout);
			buf_reset(&out);
		}
	}
	if (!o->csv)
		buf_puts(&out, "]\n");
	fwrite(buf_str(&out), 1, out.len, stdout);
	buf_free(&out);
}

int cmd_score(int argc, char **argv)
{
	struct score_opts o;
	int status = parse_args(argc, argv, &o);
	if (status >= 0)
		return status;

	struct questionnaire *q = NULL;
	struct buf text = BUF_INIT, messages = BUF_INIT;
	struct answers a = { 0 };
	struct scored s = { 0 };
	struct err e = { 0 };
	struct questionnaire_opts qo = { .include_excluded = o.include_excluded };
	int rc = questionnaire_load(o.data, o.pack, &qo, &q, &e);
	if (rc) {
		/* A data directory that cannot be read is a bad argument too. */
		status = cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	rc = fs_read_file(o.answers, &text, &e);
	if (rc) {
		/* A file that cannot be read is a bad argument. */
		status = cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	rc = answers_csv_parse(q, o.answers, buf_str(&text), text.len, &a, &messages, &e);
	if (rc) {
		fputs(buf_str(&messages), stderr);
		status = err_exit_status(rc);
		goto out;
	}
	scoring_run(q, &a, &s);
	print_results(&o, q, &a, &s);
	status = fflush(stdout) == 0 ? 0 : cli_fail(IPM_EIO, "cannot write the results");
out:
	scored_free(&s);
	answers_free(&a);
	if (q)
		questionnaire_free(q);
	buf_free(&messages);
	buf_free(&text);
	return status;
}
