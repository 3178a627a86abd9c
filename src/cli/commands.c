#include "cli/commands.h"

const struct command commands[] = {
	{ "init", "create or upgrade the database, register packs, add demo data", cmd_init },
	{ "serve", "start the web server", cmd_serve },
	{ "pack", "check packs (pack check FILE...)", cmd_pack },
	{ "backup", "copy the database consistently while it is in use", cmd_backup },
	{ "version", "print the version", cmd_version },
};

const int command_count = sizeof commands / sizeof commands[0];
