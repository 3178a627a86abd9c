/* ipm prognosis: the prognosis of one client (docs/contracts/prognosis-v1.md)
 * from a ratings file, as JSON on stdout. */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/fs.h"
#include "services/person_period_csv.h"
#include "core/timeutil.h"
#include "services/prognosis_json.h"
#include "services/prognosis_store.h"
#include "services/ratings_json.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm prognosis --ratings FILE.json [--model ID[@VERSION]] [--months N]\n"
		"                     [--lang nl|en|de] [--data DIR]\n"
		"       ipm prognosis --client ID [--db PATH] [--today YYYY-MM-DD] [--data DIR]\n"
		"                     [--user NAME]\n"
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
		"With --client the prognosis of a client in the database: by the active\n"
		"model of the client's organisation (else %s from DIR, which is\n"
		"said on stderr), from the ratings of the client's latest completed\n"
		"factor assessment, months unemployed since benefit_start and age on\n"
		"--today (default today); the light from the terciles of the\n"
		"organisation's rated clients once there are 30, else the model's. The\n"
		"result is saved with the model version that made it.\n"
		"  --db PATH            SQLite database (default $IPM_DB or %s)\n"
		"  --user NAME          who asks, for the audit trail (default the system)\n"
		"\n"
		"Exit status: 0 done; 2 bad usage, an unknown model or a bad ratings file\n"
		"(the message names the field), an unknown client or one without a\n"
		"completed factor assessment; 1 an internal error.\n",
		MODEL_DEFAULT, MODEL_DEFAULT, IPM_DEFAULT_DB);
}

struct prognosis_args {
	const char *model, *ratings, *data;
	const char *db, *today, *user;
	int64_t client; /* 0: --ratings */
	bool model_given;
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
		{ "client", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'b' },
		{ "today", required_argument, NULL, 't' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	*a = (struct prognosis_args){ .model = MODEL_DEFAULT, .data = opt_default_data(),
				      .months = -1, .lang = Q_NL };
	int c, status;
	uint64_t v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'm': a->model = optarg; a->model_given = true; break;
		case 'b': a->db = optarg; break;
		case 'u': a->user = optarg; break;
		case 't':
			if (!time_date_valid(optarg))
				return cli_fail(IPM_EINVAL, "--today: expected a date YYYY-MM-DD");
			a->today = optarg;
			break;
		case 'c':
			if ((status = cli_whole("--client", optarg, 1, INT64_MAX, &v)) >= 0)
				return status;
			a->client = (int64_t)v;
			break;
		case 'r': a->ratings = optarg; break;
		case 'D': a->data = optarg; break;
		case 'n':
			if ((status = cli_whole("--months", optarg, 0, PP_PERIOD_MAX, &v)) >= 0)
				return status;
			a->months = (int)v;
			break;
		case 'l':
			if (opt_parse_lang(optarg, &a->lang))
				return cli_fail(IPM_EINVAL, "--lang must be nl, en or de");
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!a->ratings == !a->client || optind != argc) {
		usage(stderr);
		return 2;
	}
	/* From the store the model is the organisation's decision, the
	 * duration and age follow from the dossier. */
	if (a->client && (a->model_given || a->months >= 0 || a->lang != Q_NL))
		return cli_fail(IPM_EINVAL, "--model, --months and --lang go with --ratings");
	if (!a->client && (a->db || a->today || a->user))
		return cli_fail(IPM_EINVAL, "--db, --today and --user go with --client");
	return -1;
}

static int from_store(const struct prognosis_args *a)
{
	struct store *st = NULL;
	struct store_actor who;
	struct prognosis_made p = { 0 };
	struct err e = { 0 };
	char today[TIME_ISO_LEN];
	time_now_iso(today);
	today[10] = '\0';
	int status = cli_store_open(a->db ? a->db : opt_default_db(), &st);
	if (status >= 0 || (status = cli_actor(st, a->user, &who)) >= 0)
		goto out;
	int rc = prognosis_for_client(st, &who, a->data, a->client, a->today ? a->today : today,
				      &p, &e);
	if (rc) {
		status = cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	if (p.default_model)
		fprintf(stderr, "ipm: the organisation has no active model: %s@%s from %s (%s)\n",
			p.r.pack_id, p.r.version, a->data, prognosis_calibration_name(p.r.calibrated));
	fprintf(stderr, "ipm: saved as result %lld\n", (long long)p.result_id);
	fwrite(p.json.data, 1, p.json.len, stdout);
	status = fflush(stdout) == 0 ? 0 : cli_fail(IPM_EIO, "cannot write the result");
out:
	prognosis_made_free(&p);
	store_close(st);
	return status;
}

int cmd_prognosis(int argc, char **argv)
{
	struct prognosis_args a;
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	if (a.client)
		return from_store(&a);
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
