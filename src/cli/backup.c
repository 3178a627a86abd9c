#include "cli/commands.h"
#include "cli/options.h"
#include "core/err.h"

/* Replaced by the real command in this same change. */
int cmd_backup(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_fail(IPM_EINVAL, "backup: not yet built");
}
