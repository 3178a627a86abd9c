#include "cli/commands.h"

const struct command commands[] = {
	{ "init", "create or upgrade the database, register packs, add demo data", cmd_init },
	{ "serve", "start the web server", cmd_serve },
	{ "pack", "check packs, instrument statistics (pack check|stats)", cmd_pack },
	{ "score", "score an answers file with a questionnaire pack (JSON or CSV)", cmd_score },
	{ "backup", "copy the database consistently while it is in use", cmd_backup },
	{ "version", "print the version", cmd_version },
};

const int command_count = sizeof commands / sizeof commands[0];
