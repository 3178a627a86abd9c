/* ipm backup [--db PATH] FILE: a consistent copy of the database, safe to
 * run while `ipm serve` keeps writing (store_backup). */
#include "cli/commands.h"
#include "cli/options.h"
#include "core/err.h"
#include "store/store.h"

#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>

static const char backup_usage[] =
	"usage: ipm backup [--db PATH] FILE\n"
	"\n"
	"Copies the database to FILE while the server may keep running. The copy\n"
	"is written beside FILE and renamed into place when complete, so FILE is\n"
	"always either the old or a whole new backup. FILE is created mode 0600.\n"
	"\n"
	"  --db PATH   the database (default: $IPM_DB, else " IPM_DEFAULT_DB ")\n"
	"  -h, --help  show this help\n";

int cmd_backup(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = opt_default_db();
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'h':
			fputs(backup_usage, stdout);
			return 0;
		default: /* getopt has said what was wrong */
			return cli_fail(IPM_EINVAL, "backup: see 'ipm backup --help'");
		}
	}
	if (optind != argc - 1)
		return cli_fail(IPM_EINVAL, "backup: expected one destination FILE (see --help)");
	const char *dest = argv[optind];

	/* store_open would create an empty database where none exists; a backup
	 * of nothing must be an error, not a silent empty copy. */
	struct stat st;
	if (stat(db, &st) != 0)
		return cli_fail(IPM_EINVAL, "backup: the database does not exist (see --db)");

	struct err e = { 0 };
	struct store *s = NULL;
	int rc = store_open(db, &s, &e);
	if (rc == IPM_OK)
		rc = store_backup(s, dest, &e);
	store_close(s);
	if (rc != IPM_OK)
		return cli_fail(rc, e.msg);
	if (stat(dest, &st) != 0)
		return cli_fail(IPM_EIO, "backup: the copy vanished after it was written");
	printf("backup written to %s (%lld bytes)\n", dest, (long long)st.st_size);
	return 0;
}
