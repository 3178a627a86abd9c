/* ipm retention run [--dry-run]: erases the dossiers whose retention period
 * is over (services/retention.h, docs/retention.md); ipm retention show
 * --client ID: one dossier's date. A command-line run is the system's: each
 * erasure is audited as 'erase' of 'client' by user 0 with the date in the
 * reason. Output names internal client ids only, never a person. */
#include "cli/commands.h"
#include "cli/options.h"
#include "core/buf.h"
#include "core/fs.h"
#include "core/timeutil.h"
#include "services/retention.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char retention_usage[] =
	"usage: ipm retention run [--dry-run] [--db PATH] [--data DIR] [--policy FILE]\n"
	"       ipm retention show --client ID [--db PATH] [--data DIR] [--policy FILE]\n"
	"\n"
	"run erases every dossier whose retention date has passed: the client\n"
	"record and everything stored with it; the audit trail stays, with an\n"
	"'erase' entry naming the date. --dry-run lists them and erases nothing.\n"
	"show prints one dossier's retention date and whether it may be erased.\n"
	"The periods come from the policy file (default DATA/" RETENTION_POLICY_FILE
	"; docs/retention.md).\n"
	"\n"
	"  --dry-run        list, do not erase\n"
	"  --client ID      the client's internal id (show)\n"
	"  --db PATH        the database (default: $IPM_DB, else " IPM_DEFAULT_DB ")\n"
	"  --data DIR       the data directory (default: $IPM_DATA, else ./data)\n"
	"  --policy FILE    the retention policy file\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 done; 2 bad usage, a bad policy file or no such client;\n"
	"1 anything else.\n";

struct listing {
	int dry_run;
};

static void due(void *ctx, const struct store_retention *r, const struct retention_status *st)
{
	const struct listing *l = ctx;
	printf("client %lld: kept until %s (%s, %d years after %s): %s\n",
	       (long long)r->client_id, st->until,
	       st->held ? "hold" : st->ended ? "route ended" : "no outcome", st->years, st->from,
	       l->dry_run ? "would be erased" : "erasing");
}

int cmd_retention(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "client", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "data", required_argument, NULL, 'D' },
		{ "policy", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	if (argc < 2 || (strcmp(argv[1], "run") && strcmp(argv[1], "show"))) {
		if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
			fputs(retention_usage, stdout);
			return 0;
		}
		return cli_fail(IPM_EINVAL, "retention: expected run or show (see --help)");
	}
	int show = !strcmp(argv[1], "show");
	const char *db = opt_default_db(), *data = opt_default_data(), *policy_path = NULL;
	long long client = 0;
	int dry_run = 0, c;
	optind = 2;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n': dry_run = 1; break;
		case 'c': {
			char *end;
			client = strtoll(optarg, &end, 10);
			if (*end || client <= 0)
				return cli_fail(IPM_EINVAL, "retention: --client: expected a client id");
			break;
		}
		case 'd': db = optarg; break;
		case 'D': data = optarg; break;
		case 'p': policy_path = optarg; break;
		case 'h': fputs(retention_usage, stdout); return 0;
		default: return cli_fail(IPM_EINVAL, "retention: see 'ipm retention --help'");
		}
	}
	if (optind != argc || (show && !client) || (!show && client) || (show && dry_run))
		return cli_fail(IPM_EINVAL, "retention: wrong arguments (see --help)");
	if (!fs_exists(db))
		return cli_fail(IPM_EINVAL, "retention: the database does not exist (see --db)");

	struct err e = { 0 };
	struct buf path = BUF_INIT;
	if (policy_path)
		buf_puts(&path, policy_path);
	else
		buf_printf(&path, "%s/%s", data, RETENTION_POLICY_FILE);
	struct retention_policy p;
	int rc = retention_policy_load(buf_str(&path), &p, &e);
	buf_free(&path);
	if (rc)
		return cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);

	char today[TIME_ISO_LEN];
	time_now_iso(today);
	today[10] = '\0';
	struct store *s = NULL;
	struct store_actor system = { 0 };
	rc = store_open(db, &s, &e);
	if (rc == IPM_OK && show) {
		struct arena a = ARENA_INIT;
		struct store_retention r;
		struct retention_status st;
		rc = store_retention_get(s, &system, (int64_t)client, &r, &a, &e);
		if (rc == IPM_OK)
			rc = retention_status(&p, &r, today, &st, &e);
		if (rc == IPM_OK)
			printf("client %lld: kept until %s (%s, %d years after %s): %s\n", client,
			       st.until, st.held ? "hold" : st.ended ? "route ended" : "no outcome",
			       st.years, st.from, st.erasable ? "may be erased" : "may not be erased yet");
		arena_free(&a);
	} else if (rc == IPM_OK) {
		struct listing l = { dry_run };
		size_t checked = 0, erased = 0;
		rc = retention_run(s, &system, &p, today, dry_run, due, &l, &checked, &erased, &e);
		if (rc == IPM_OK)
			printf("%zu dossiers checked, %zu %s\n", checked, erased,
			       dry_run ? "would be erased" : "erased");
	}
	store_close(s);
	retention_policy_free(&p);
	return rc == IPM_OK ? 0 : cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
}
