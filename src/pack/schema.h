/* A validator for the subset of JSON Schema (2020-12) that the pack schemas
 * use; docs/packs.md lists the keywords. It is one generic walk driven by
 * the schema files in data/schemas/, which are compiled into the binary, so
 * a pack's structure is described in one place that editors and other tools
 * can read too. */
#ifndef IPM_PACK_SCHEMA_H
#define IPM_PACK_SCHEMA_H

#include "core/err.h"
#include "pack/diag.h"

#include <jansson.h>

/* Loads every embedded data/schemas/ file once and checks that it uses only
 * supported keywords, valid patterns and $refs that resolve. A failure is an
 * IPM_EIO "internal:" error: a build shipped a broken schema. */
int schema_registry_check(struct err *e);

/* The schema named "envelope.schema.json" etc., or NULL. */
const json_t *schema_find(const char *file);

/* Adds a line to `d` for each place where `doc` breaks the schema `file`.
 * `languages` (a JSON array of language codes, or NULL) is what objects
 * marked "x-ipm-translated" must all provide. Returns IPM_OK, or an error
 * in `e` when the schema itself is missing or broken. */
int schema_validate(const char *file, const json_t *doc, const json_t *languages,
		    struct diag *d, struct err *e);

/* The same walk against a caller's schema (tests, tools): "#/$defs/" refs
 * resolve inside it, "FILE#..." refs in the registry. */
int schema_validate_json(const json_t *schema, const json_t *doc, const json_t *languages,
			 struct diag *d, struct err *e);

/* The keyword check that the registry runs on its own files. */
int schema_meta_check(const json_t *schema, struct err *e);

#endif
