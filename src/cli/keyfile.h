/* Where the key for special-category fields lives: --key-file, else
 * $IPM_KEY_FILE, else ipm.key beside the database (var/ipm.key). Beside,
 * not inside: a copy of the database alone reveals nothing (docs/web.md). */
#ifndef IPM_CLI_KEYFILE_H
#define IPM_CLI_KEYFILE_H

#include "core/buf.h"

void opt_key_file(const char *given, const char *db_path, struct buf *out);

#endif
