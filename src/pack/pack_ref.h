/* "ID@VERSION" references to packs, as a user writes them on the command line
 * (`ipm score --pack ipip-neo-120@1.1.0`) and as an answers file records which
 * pack its answers belong to. The version is optional where a reference picks
 * a pack ("the newest"), required where it records one. */
#ifndef IPM_PACK_PACK_REF_H
#define IPM_PACK_PACK_REF_H

#include "core/err.h"
#include "pack/pack.h"

#include <stdbool.h>
#include <stddef.h>

#define PACK_REF_ID_MAX 64

struct pack_ref {
	char id[PACK_REF_ID_MAX + 1];
	bool has_version;
	struct semver version;
};

/* IPM_OK or IPM_EINVAL (no message: the caller knows where the text came
 * from) for anything but a pack id, optionally followed by @ and a strict
 * semver. */
int pack_ref_parse(const char *text, struct pack_ref *out);

/* true when `p` is the pack `ref` names (any version when it names none). */
bool pack_ref_matches(const struct pack_ref *ref, const struct pack *p);

/* The pack of kind `kind` that `spec` names among `packs`: the exact version
 * when spec has one, else the highest version. IPM_EINVAL naming spec and
 * `where` (e.g. the directory) when there is none or spec is malformed. */
int pack_find(struct pack *const *packs, size_t count, const char *spec, enum pack_kind kind,
	      const char *where, struct pack **out, struct err *e);

#endif
