/* ipm pack check FILE...: validates pack files before they are installed,
 * with the same checks as loading them (docs/packs.md). */
#include "cli/commands.h"
#include "core/err.h"
#include "pack/pack.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm pack check FILE...\n"
		"\n"
		"Checks pack files (questionnaire, factors, model, taxonomy, templates):\n"
		"JSON syntax, the schema of the pack's kind and the rules a schema cannot\n"
		"express. Prints \"FILE: ok (KIND ID VERSION, sha256 HASH)\" for each good\n"
		"pack and \"FILE: $.json.path: message\" on stderr for each problem.\n"
		"\n"
		"Exit status: 0 all packs valid; 2 a pack is invalid, a file cannot be\n"
		"read or the usage is wrong; 1 an internal error.\n");
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
	fprintf(stderr, "ipm: pack: unknown subcommand '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
