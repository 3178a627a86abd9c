/* Whole-file reads and crash-safe whole-file writes. */
#ifndef IPM_CORE_FS_H
#define IPM_CORE_FS_H

#include "core/buf.h"
#include "core/err.h"

#include <stdbool.h>

/* Appends the file's bytes to `out` (which stays NUL-terminated). */
int fs_read_file(const char *path, struct buf *out, struct err *e);

/* Writes to a temporary file beside `path`, fsyncs it and renames it over
 * `path`, so a reader sees the old or the new content, never a mix. */
int fs_write_atomic(const char *path, const void *data, size_t len, struct err *e);

bool fs_exists(const char *path);

#endif
