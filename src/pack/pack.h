/* Packs: the data files that make IPM adaptable without recompiling — a
 * questionnaire, the I.P.M. factor catalogue, a prognosis model, taxonomies
 * and report templates (docs/packs.md describes every kind).
 *
 * Loading a pack checks, in order: JSON syntax, the envelope schema, the
 * kind's schema (data/schemas/, compiled into the binary) and the checks a
 * schema cannot express (unique ids, references, forbidden predictors). Bad
 * input answers IPM_EINVAL with up to PACK_MAX_ERRORS lines of the form
 * `FILE: $.json.path: message`, joined by "\n".
 *
 * json_t stays inside src/pack: the engine gets its own structs from
 * converters that live here (added with the engine). */
#ifndef IPM_PACK_PACK_H
#define IPM_PACK_PACK_H

#include "core/err.h"
#include "pack/semver.h"

#include <jansson.h>
#include <stddef.h>

#define PACK_MAX_ERRORS 20

enum pack_kind { PACK_QUESTIONNAIRE, PACK_FACTORS, PACK_MODEL, PACK_TAXONOMY, PACK_TEMPLATES };

struct pack {
	char *id;          /* "ipip-neo-120", lowercase [a-z0-9][a-z0-9._-]* */
	char *version;     /* "1.2.0" as written */
	struct semver semver;
	enum pack_kind kind;
	char *title_nl;
	char sha256[65];   /* hex digest of the exact file bytes: what a result cites */
	char *source_name; /* the file name used in messages */
	json_t *doc;       /* the validated document, owned */
};

/* Syntax, schema and semantic checks of `len` bytes (need not be
 * NUL-terminated). `source_name` prefixes every message. */
int pack_parse(const char *source_name, const char *text, size_t len, struct pack **out,
	       struct err *e);

/* pack_parse on a file's bytes; an unreadable file is IPM_EIO. */
int pack_load_file(const char *path, struct pack **out, struct err *e);

/* Every *.json file in `dir` (not hidden ones), sorted by file name. Stops at
 * the first invalid pack with its error; a pack id used twice is IPM_EINVAL.
 * Free with pack_free_all. */
int pack_load_dir(const char *dir, struct pack ***out, size_t *count, struct err *e);

void pack_free(struct pack *p);
void pack_free_all(struct pack **packs, size_t count);

const char *pack_kind_name(enum pack_kind k);
/* Returns 0 and sets *out for a known kind name, -1 otherwise. */
int pack_kind_parse(const char *name, enum pack_kind *out);

#endif
