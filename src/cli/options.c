#include "cli/options.h"
#include "core/err.h"
#include "core/fs.h"

#include <stdio.h>
#include <stdlib.h>

#ifndef IPM_DATA_DIR
#define IPM_DATA_DIR "/usr/local/share/ipm"
#endif

const char *opt_default_db(void)
{
	const char *db = getenv("IPM_DB");
	return db && *db ? db : IPM_DEFAULT_DB;
}

const char *opt_default_data(void)
{
	const char *dir = getenv("IPM_DATA");
	if (dir && *dir)
		return dir;
	return fs_exists("data/packs") ? "data" : IPM_DATA_DIR;
}

int cli_fail(int code, const char *msg)
{
	fprintf(stderr, "ipm: %s\n", msg);
	return err_exit_status(code);
}
