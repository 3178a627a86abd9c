/* ipm prognosis: the prognosis of one client (docs/contracts/prognosis-v1.md)
 * from a ratings file, as JSON on stdout. */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/fs.h"
#include "services/person_period_csv.h"
#include "services/prognosis_json.h"
#include "services/ratings_json.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm prognosis --ratings FILE.json [--model ID[@VERSION]] [--months N]\n"
		"                     [--lang nl|en|de] [--data DIR]\n"
		"\n"
		"The chance that one client works within 6 and 12 months, the expected\n"
		"months to work (restricted to 5 years), the median, the kritisch moment\n"
		"(first month at which the chance of work within a year drops below 30 %%),\n"
		"the band of p12, the traffic light (only when the model has population\n"
		"thresholds), the contribution of every factor, per domain the hindering\n"
		"and facilitating factors, and the 3 factors whose one-step improvement\n"
		"raises p12 most. Every result names the model and its calibration status\n"
		"(\"niet gekalibreerd\" for weights from the literature).\n"
		"\n"
		"  --ratings FILE.json  {\"months_unemployed\": 7, \"age\": 52,\n"
		"                        \"ratings\": {\"taalniveau\": -1, ...}}: ratings -2..2\n"
		"                       per factor id of the catalogue, null = not rated\n"
		"  --model ID[@VER]     the model (default %s)\n"
		"  --months N           months unemployed, overriding the file's\n"
		"  --lang nl|en|de      language of the labels (default nl)\n"
		"  --data DIR           data directory with packs/ (default $IPM_DATA or ./data)\n"
		"\n"
		"Exit status: 0 done; 2 bad usage, an unknown model or a bad ratings file\n"
		"(the message names the field); 1 an internal error.\n",
		MODEL_DEFAULT);
}

struct prognosis_args {
	const char *model, *ratings, *data;
	int months; /* -1: from the file */
	enum q_lang lang;
};

static int parse_args(int argc, char **argv, struct prognosis_args *a)
{
	static const struct option longopts[] = {
		{ "model", required_argument, NULL, 'm' },
		{ "ratings", required_argument, NULL, 'r' },
		{ "months", required_argument, NULL, 'n' },
		{ "lang", required_argument, NULL, 'l' },
		{ "data", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static const char *const langs[Q_LANGS] = { "nl", "en", "de" };
	*a = (struct prognosis_args){ .model = MODEL_DEFAULT, .data = opt_default_data(),
				      .months = -1, .lang = Q_NL };
	int c, status;
	uint64_t v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': a->model = optarg; break;
		case 'r': a->ratings = optarg; break;
		case 'D': a->data = optarg; break;
		case 'n':
			if ((status = cli_whole("--months", optarg, 0, PP_PERIOD_MAX, &v)) >= 0)
				return status;
			a->months = (int)v;
			break;
		case 'l': {
			int found = -1;
			for (int i = 0; i < Q_LANGS; i++)
				if (strcmp(optarg, langs[i]) == 0)
					found = i;
			if (found < 0)
				return cli_fail(IPM_EINVAL, "--lang must be nl, en or de");
			a->lang = (enum q_lang)found;
			break;
		}
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!a->ratings || optind != argc) {
		usage(stderr);
		return 2;
	}
	return -1;
}

int cmd_prognosis(int argc, char **argv)
{
	struct prognosis_args a;
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	struct model_set s = { 0 };
	struct buf text = BUF_INIT, out = BUF_INIT;
	struct err e = { 0 };
	struct prog_input in;
	struct prog_result r;
	int rc;
	if ((status = cli_model_load(a.data, a.model, &s)) >= 0)
		goto out;
	if ((rc = fs_read_file(a.ratings, &text, &e)) != IPM_OK ||
	    (rc = ratings_json_parse(a.ratings, buf_str(&text), text.len, s.m, s.factors, &in,
				     &e)) != IPM_OK) {
		status = cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	if (a.months >= 0)
		in.months = a.months;
	rc = prog_predict(s.m, &in, s.m->has_population ? &s.m->population : NULL, &r, &e);
	if (rc) {
		status = cli_fail(rc, e.msg);
		goto out;
	}
	prognosis_json_write(&out, s.m, in.months, &r, a.lang);
	fwrite(out.data, 1, out.len, stdout);
	status = fflush(stdout) == 0 ? 0 : cli_fail(IPM_EIO, "cannot write the result");
out:
	buf_free(&out);
	buf_free(&text);
	model_set_free(&s);
	return status;
}
