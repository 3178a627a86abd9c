/* The options of ipm model fit|validate|audit, parsed once for all three:
 * each subcommand names the options it takes, and any other is refused. */
#ifndef IPM_CLI_MODEL_ARGS_H
#define IPM_CLI_MODEL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

enum model_opt {
	MO_DATA = 1 << 0, MO_MODEL = 1 << 1, MO_DATA_DIR = 1 << 2, MO_RIDGE = 1 << 3,
	MO_OUT = 1 << 4, MO_VERSION = 1 << 5, MO_DATE = 1 << 6, MO_FIT = 1 << 7,
	MO_FOLDS = 1 << 8, MO_SEED = 1 << 9, MO_DB = 1 << 10, MO_ORG = 1 << 11,
	MO_REASON = 1 << 12, MO_USER = 1 << 13,
	MO_SPEC = 1 << 14, /* one positional ID@VERSION (ipm model activate) */
	/* The store as the source of the rows (validate|audit --db). */
	MO_STORE_SOURCE = MO_DB | MO_ORG | MO_DATE | MO_USER,
};

struct model_args {
	unsigned given;              /* enum model_opt bits */
	const char *data, *model, *data_dir, *out, *version, *date;
	const char *db;              /* set when --data is not: the store is the source */
	const char *reason, *user, *spec;
	int64_t org;                 /* 0 = not given */
	double ridge;
	int folds;
	uint64_t seed;
};

/* argv[0] is the subcommand. A subcommand that allows MO_DB reads the store
 * unless --data is given (not both); one that does not requires --data. -1 to go on, else the exit status (0 after
 * --help, which prints `usage`). */
int model_args_parse(int argc, char **argv, unsigned allowed, const char *usage,
		     struct model_args *a);

/* The usage text of ipm model (model.c), which the subcommands print too. */
const char *model_usage(void);

struct fit_result;
struct pp_table;
struct prog_model;

/* The fitted coefficients as ipm model fit prints them (model.c). */
void model_print_fit(const struct prog_model *m, const struct pp_table *t,
		     const struct fit_result *r, double ridge);

/* ipm model fit without --data, activate and list: the store (model_store.c). */
int cmd_model_fit_store(const struct model_args *a);
int cmd_model_activate(int argc, char **argv);

struct buf;
struct model_set;

/* validate|audit --db: the model as fit --db chooses it and the person-period
 * rows of the store (--org, --date), *name saying where they came from.
 * -1 to go on, else the exit status. */
int model_store_rows(const struct model_args *a, struct model_set *s, struct pp_table *t,
		     struct buf *name);
int cmd_model_list(int argc, char **argv);

int cmd_model_validate(int argc, char **argv);
int cmd_model_audit(int argc, char **argv);

#endif
