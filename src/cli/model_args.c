#include "cli/model_args.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/timeutil.h"
#include "services/model_eval.h"

#include <getopt.h>
#include <stdio.h>

int model_args_parse(int argc, char **argv, unsigned allowed, const char *usage,
		     struct model_args *a)
{
	static const struct option longopts[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "model", required_argument, NULL, 'm' },
		{ "data-dir", required_argument, NULL, 'D' },
		{ "ridge", required_argument, NULL, 'r' },
		{ "out", required_argument, NULL, 'o' },
		{ "version", required_argument, NULL, 'v' },
		{ "date", required_argument, NULL, 't' },
		{ "fit", no_argument, NULL, 'f' },
		{ "folds", required_argument, NULL, 'k' },
		{ "seed", required_argument, NULL, 's' },
		{ "db", required_argument, NULL, 'b' },
		{ "org", required_argument, NULL, 'g' },
		{ "reason", required_argument, NULL, 'w' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static const unsigned bit[] = { ['d'] = MO_DATA, ['m'] = MO_MODEL, ['D'] = MO_DATA_DIR,
					['r'] = MO_RIDGE, ['o'] = MO_OUT, ['v'] = MO_VERSION,
					['t'] = MO_DATE, ['f'] = MO_FIT, ['k'] = MO_FOLDS,
					['s'] = MO_SEED, ['b'] = MO_DB, ['g'] = MO_ORG,
					['w'] = MO_REASON, ['u'] = MO_USER };
	*a = (struct model_args){ .model = MODEL_DEFAULT, .data_dir = opt_default_data(),
				  .folds = 5, .seed = 1 };
	int c, status;
	uint64_t v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		if (c == '?' || c < 0 || (size_t)c >= sizeof bit / sizeof bit[0] || !(bit[c] & allowed)) {
			if (c != '?')
				fprintf(stderr, "ipm: %s does not take %s\n", argv[0], argv[optind - 1]);
			fputs(usage, stderr);
			return 2;
		}
		a->given |= bit[c];
		switch (c) {
		case 'd': a->data = optarg; break;
		case 'm': a->model = optarg; break;
		case 'D': a->data_dir = optarg; break;
		case 'o': a->out = optarg; break;
		case 'v': a->version = optarg; break;
		case 'b': a->db = optarg; break;
		case 'w': a->reason = optarg; break;
		case 'u': a->user = optarg; break;
		case 'g':
			if ((status = cli_whole("--org", optarg, 1, INT64_MAX, &v)) >= 0)
				return status;
			a->org = (int64_t)v;
			break;
		case 'f': break;
		case 't':
			if (!time_date_valid(optarg))
				return cli_fail(IPM_EINVAL, "--date: expected a date YYYY-MM-DD");
			a->date = optarg;
			break;
		case 'r':
			if ((status = cli_number("--ridge", optarg, 0, 1e6, &a->ridge)) >= 0)
				return status;
			break;
		case 'k':
			if ((status = cli_whole("--folds", optarg, 2, EVAL_FOLDS_MAX, &v)) >= 0)
				return status;
			a->folds = (int)v;
			break;
		case 's':
			if ((status = cli_whole("--seed", optarg, 0, UINT64_MAX, &v)) >= 0)
				return status;
			a->seed = v;
			break;
		}
	}
	int spec = (allowed & MO_SPEC) != 0;
	if (argc - optind != spec || (!a->data && !(allowed & MO_DB))) {
		fputs(usage, stderr);
		return 2;
	}
	if (spec)
		a->spec = argv[optind];
	if (a->data && a->db)
		return cli_fail(IPM_EINVAL, "--data (a CSV file) and --db (the store) exclude "
					    "each other");
	if (!a->data)
		a->db = a->db ? a->db : opt_default_db();
	if ((a->given & (MO_FOLDS | MO_SEED | MO_RIDGE)) && (allowed & MO_FIT) &&
	    !(a->given & MO_FIT))
		return cli_fail(IPM_EINVAL, "--folds, --seed and --ridge go with --fit");
	return -1;
}
