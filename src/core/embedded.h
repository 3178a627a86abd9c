/* Files compiled into the binary by tools/embed.c (migrations, pack schemas).
 * Names are paths relative to the repository, e.g.
 * "src/store/migrations/sqlite/0001_init.sql", sorted by name. */
#ifndef IPM_CORE_EMBEDDED_H
#define IPM_CORE_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;
	const unsigned char *data; /* NUL-terminated */
	size_t len;
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_count;

const struct embedded_file *embedded_find(const char *name);

#endif
