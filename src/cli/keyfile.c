#include "cli/keyfile.h"

#include <stdlib.h>
#include <string.h>

void opt_key_file(const char *given, const char *db_path, struct buf *out)
{
	const char *env = getenv("IPM_KEY_FILE");
	if (given || (env && *env)) {
		buf_puts(out, given ? given : env);
		return;
	}
	const char *slash = strrchr(db_path, '/');
	if (slash)
		buf_add(out, db_path, (size_t)(slash - db_path + 1));
	buf_puts(out, "ipm.key");
}
