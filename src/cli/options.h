/* What every command that touches the database or the packs shares: where
 * they are. Defaults come from the environment so that scripts and the
 * systemd unit can set them once. */
#ifndef IPM_CLI_OPTIONS_H
#define IPM_CLI_OPTIONS_H

#include "engine/questionnaire.h"

#define IPM_DEFAULT_DB "var/ipm.db"

/* --db PATH, else $IPM_DB, else var/ipm.db */
const char *opt_default_db(void);
/* --data DIR, else $IPM_DATA, else ./data when it exists, else IPM_DATA_DIR */
const char *opt_default_data(void);

/* --lang nl|en|de; 0 when recognised, -1 otherwise. */
int opt_parse_lang(const char *arg, enum q_lang *out);

/* Prints "ipm: message" to stderr and returns the exit status for `code`. */
int cli_fail(int code, const char *msg);

#endif
