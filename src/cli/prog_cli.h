/* What ipm synth, ipm model and ipm prognosis share: loading a model and a
 * person-period file with the CLI's exit statuses, and strict numeric
 * options. Each returns -1 to go on, else the exit status (the message is
 * printed). */
#ifndef IPM_CLI_PROG_CLI_H
#define IPM_CLI_PROG_CLI_H

#include "engine/pp_table.h"
#include "services/model_set.h"
#include "store/store.h"

#include <stdint.h>

int cli_model_load(const char *data_dir, const char *spec, struct model_set *s);

/* Reads and parses FILE against m; every problem line goes to stderr. */
int cli_pp_load(const char *file, const struct prog_model *m, struct pp_table *t);

/* Who acts: the user named by --user (NULL: the system, user 0), so the
 * audit trail and an activation name the person. */
int cli_actor(struct store *s, const char *username, struct store_actor *who);

/* Opens and migrates the database at path. */
int cli_store_open(const char *path, struct store **s);

/* A decimal number within min..max for option `opt` ("--ridge"). */
int cli_number(const char *opt, const char *s, double min, double max, double *out);

/* A whole number within min..max. */
int cli_whole(const char *opt, const char *s, uint64_t min, uint64_t max, uint64_t *out);

#endif
