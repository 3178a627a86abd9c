/* ipm pack check FILE...: validates pack files before they are installed,
 * with the same checks as loading them (docs/packs.md).
 * ipm pack stats --pack ID[@VERSION]: the quality of a questionnaire from the
 * answers in the database (services/pack_stats.h). */
#include "cli/commands.h"
#include "cli/options.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "pack/pack.h"
#include "services/pack_stats.h"
#include "store/store.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm pack check FILE...\n"
		"       ipm pack stats --pack ID[@VERSION] [--db PATH] [--format text|json]\n"
		"\n"
		"Checks pack files (questionnaire, factors, model, taxonomy, templates):\n"
		"JSON syntax, the schema of the pack's kind and the rules a schema cannot\n"
		"express. Prints \"FILE: ok (KIND ID VERSION, sha256 HASH)\" for each good\n"
		"pack and \"FILE: $.json.path: message\" on stderr for each problem.\n"
		"\n"
		"Exit status: 0 all packs valid; 2 a pack is invalid, a file cannot be\n"
		"read or the usage is wrong; 1 an internal error.\n"
		"\n"
		"'ipm pack stats --help' explains the statistics.\n");
}

static const char stats_usage[] =
	"usage: ipm pack stats --pack ID[@VERSION] [--db PATH] [--format text|json]\n"
	"\n"
	"The quality of a questionnaire pack, computed from every completed\n"
	"assessment of that pack version in the database (its latest answer per\n"
	"item): per item scale Cronbach's alpha (raw and standardised), the average\n"
	"inter-item correlation, and per item the mean and SD (reverse-keyed items\n"
	"flipped), the item-rest and item-total correlation, alpha if the item is\n"
	"deleted, and how often each answer was given. The definitions are those\n"
	"of R's psych::alpha (pairwise-complete covariances; an item without\n"
	"variance is left out). Answers outside the response scale count as\n"
	"missing and are reported as invalid. The read is audited as one entry\n"
	"(pack_stats) that names no client.\n"
	"\n"
	"  --pack ID[@VERSION]  the pack; without a version the highest registered\n"
	"  --db PATH            the database (default: $IPM_DB, else " IPM_DEFAULT_DB ")\n"
	"  --format text|json   text for reading (default), json with full precision\n"
	"  -h, --help           show this help\n"
	"\n"
	"Exit status: 0 done; 2 bad usage or an unknown pack; 1 an internal error.\n";

static int cmd_stats(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "pack", required_argument, NULL, 'p' },
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = opt_default_db(), *spec = NULL;
	int json = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': spec = optarg; break;
		case 'd': db = optarg; break;
		case 'f':
			if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
				return cli_fail(IPM_EINVAL, "pack stats: --format must be text or json");
			json = strcmp(optarg, "json") == 0;
			break;
		case 'h': fputs(stats_usage, stdout); return 0;
		default: return cli_fail(IPM_EINVAL, "pack stats: see 'ipm pack stats --help'");
		}
	}
	if (!spec || optind != argc)
		return cli_fail(IPM_EINVAL, "pack stats: --pack ID[@VERSION] is required (see --help)");
	/* store_open would create an empty database where none exists. */
	if (!fs_exists(db))
		return cli_fail(IPM_EINVAL, "pack stats: the database does not exist (see --db)");

	struct err e = { 0 };
	struct store *s = NULL;
	struct pack_stats *ps = NULL;
	struct buf out = BUF_INIT;
	struct store_actor system = { 0 }; /* a command-line run is the system's */
	int rc = store_open(db, &s, &e);
	if (rc == IPM_OK)
		rc = pack_stats_compute(s, &system, spec, &ps, &e);
	if (rc != IPM_OK)
		goto out;
	if (json)
		pack_stats_json(&out, ps);
	else
		pack_stats_text(&out, ps);
	fputs(buf_str(&out), stdout);
out:
	buf_free(&out);
	pack_stats_free(ps);
	store_close(s);
	/* An unknown pack is a wrong argument, like a malformed one. */
	return rc == IPM_OK ? 0 : cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
}

static int check_one(const char *path)
{
	struct pack *p;
	struct err e = { 0 };
	int rc = pack_load_file(path, &p, &e);
	if (rc) {
		fprintf(stderr, "%s\n", e.msg);
		/* An unreadable file is a bad argument, like an invalid one. */
		return rc == IPM_EIO && strncmp(e.msg, "internal", 8) != 0 ? 2
									  : err_exit_status(rc);
	}
	printf("%s: ok (%s %s %s, sha256 %s)\n", path, pack_kind_name(p->kind), p->id,
	       p->version, p->sha256);
	pack_free(p);
	return 0;
}

static int cmd_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 0;
		}
		usage(stderr);
		return 2;
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		int s = check_one(argv[i]);
		if (s > status) /* 2 (bad input) outranks 1 (internal) */
			status = s;
	}
	return status;
}

int cmd_pack(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(argv[1], "stats") == 0)
		return cmd_stats(argc - 1, argv + 1);
	fprintf(stderr, "ipm: pack: unknown subcommand '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
