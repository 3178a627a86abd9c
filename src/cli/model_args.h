/* The options of ipm model fit|validate|audit, parsed once for all three:
 * each subcommand names the options it takes, and any other is refused. */
#ifndef IPM_CLI_MODEL_ARGS_H
#define IPM_CLI_MODEL_ARGS_H

#include <stdbool.h>
#include <stdint.h>

enum model_opt {
	MO_DATA = 1 << 0, MO_MODEL = 1 << 1, MO_DATA_DIR = 1 << 2, MO_RIDGE = 1 << 3,
	MO_OUT = 1 << 4, MO_VERSION = 1 << 5, MO_DATE = 1 << 6, MO_FIT = 1 << 7,
	MO_FOLDS = 1 << 8, MO_SEED = 1 << 9,
};

struct model_args {
	unsigned given;              /* enum model_opt bits */
	const char *data, *model, *data_dir, *out, *version, *date;
	double ridge;
	int folds;
	uint64_t seed;
};

/* argv[0] is the subcommand. -1 to go on, else the exit status (0 after
 * --help, which prints `usage`). */
int model_args_parse(int argc, char **argv, unsigned allowed, const char *usage,
		     struct model_args *a);

/* The usage text of ipm model (model.c), which the subcommands print too. */
const char *model_usage(void);

int cmd_model_validate(int argc, char **argv);
int cmd_model_audit(int argc, char **argv);

#endif
