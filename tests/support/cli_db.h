/* Test support for the command-line tests: a database that the ipm binary
 * itself makes (`ipm init`, with or without the demo data) in a fresh
 * directory, with room beside it for the files a test writes. */
#ifndef IPM_TESTS_CLI_DB_H
#define IPM_TESTS_CLI_DB_H

#include "core/buf.h"

struct cli_db {
	char *dir;
	struct buf db; /* dir/ipm.db */
};

/* A fresh directory; the database is not made yet. */
void cli_db_up(struct cli_db *d);
/* `ipm init` on the database, with --demo when demo != 0; fails the test
 * when it does not exit 0. */
void cli_db_init(const struct cli_db *d, int demo);
/* Removes the directory and frees. */
void cli_db_down(struct cli_db *d);
/* dir/name (owned, free()). */
char *cli_db_path(const struct cli_db *d, const char *name);

/* cmocka setups that put a struct cli_db in *state: the directory only,
 * after `ipm init`, after `ipm init --demo`; one teardown for the three. */
int cli_db_setup(void **state);
int cli_db_setup_init(void **state);
int cli_db_setup_demo(void **state);
int cli_db_teardown(void **state);

#endif
