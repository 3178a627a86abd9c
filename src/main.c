/* ipm: dispatch to src/cli/<command>.c, nothing else. */
#include "cli/commands.h"

#include <stdio.h>
#include <string.h>

static void usage(FILE *out)
{
	fprintf(out, "usage: ipm <command> [options]   (ipm <command> --help for its options)\n\n");
	for (int i = 0; i < command_count; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
}

int main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0)
		argv[1] = "version";
	for (int i = 0; i < command_count; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "ipm: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
