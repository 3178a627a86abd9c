#include "cli/options.h"
#include "core/err.h"
#include "core/fs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int opt_parse_lang(const char *arg, enum q_lang *out)
{
	static const char *const langs[Q_LANGS] = { "nl", "en", "de" };
	for (int i = 0; i < Q_LANGS; i++)
		if (strcmp(arg, langs[i]) == 0) {
			*out = (enum q_lang)i;
			return 0;
		}
	return -1;
}

int cli_fail(int code, const char *msg)
{
	fprintf(stderr, "ipm: %s\n", msg);
	return err_exit_status(code);
}
