/* The catalogue between files and the database: import (read a JSON file or
 * a CSV directory, check every rule against the packs, then replace the
 * stored catalogue in one audited transaction) and export (the stored
 * catalogue written canonically). Used by `ipm catalogue import|export` and
 * by `ipm init --demo`. */
#ifndef IPM_SERVICES_CATALOGUE_STORE_H
#define IPM_SERVICES_CATALOGUE_STORE_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/catalogue.h"
#include "store/store.h"

#include <stddef.h>

enum catalogue_format { CATALOGUE_JSON, CATALOGUE_CSV };

/* Reads `path` (a directory: CSV, anything else: JSON) and checks it with
 * cat_validate against the vocabulary of DATA_DIR/packs. On any problem:
 * IPM_EINVAL, every problem in `problems` (free with cat_problems_free) and
 * *out zeroed; IPM_EIO for an unreadable file, IPM_EINVAL naming the pack
 * for a missing vocabulary. */
int catalogue_read_checked(const char *path, const char *data_dir, struct catalogue *out,
			   struct cat_problems *problems, struct arena *a, struct err *e);

/* catalogue_read_checked, then store_catalogue_replace: nothing is written
 * unless the whole file is valid. *instruments gets the number stored. */
int catalogue_import(struct store *s, const struct store_actor *who, const char *path,
		     const char *data_dir, struct cat_problems *problems, size_t *instruments,
		     struct err *e);

/* The stored catalogue as canonical JSON into `dest` (a file, written
 * atomically; NULL appends to `stdout_buf`) or as CSV files into the
 * directory `dest` (must not exist or be empty). */
int catalogue_export(struct store *s, enum catalogue_format format, const char *dest,
		     struct buf *stdout_buf, size_t *instruments, struct err *e);

#endif
