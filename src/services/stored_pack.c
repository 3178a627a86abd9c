#include "services/stored_pack.h"
#include "core/xalloc.h"
#include "pack/career_build.h"
#include "pack/codes_build.h"
#include "pack/pack_ref.h"

#include <stdlib.h>
#include <string.h>

struct versions {
	struct pack **v;
	size_t n;
};

static int add_version(void *ctx, const char *version, const char *content, size_t len,
		       struct err *e)
{
	(void)version;
	struct versions *vs = ctx;
	struct pack *p = NULL;
	int rc = pack_parse("the database", content, len, &p, e);
	if (rc)
		return rc;
	vs->v = xrealloc(vs->v, (vs->n + 1) * sizeof *vs->v);
	vs->v[vs->n++] = p;
	return IPM_OK;
}

int stored_pack_load(struct store *s, const char *spec, enum pack_kind kind, struct pack **out,
		     struct err *e)
{
	struct versions vs = { 0 };
	struct pack_ref ref;
	struct pack *found = NULL;
	*out = NULL;
	if (pack_ref_parse(spec, &ref) != IPM_OK)
		return err_set(e, IPM_EINVAL, "\"%s\" is not a pack reference (ID or ID@VERSION)",
			       spec);
	int rc = store_pack_versions_each(s, ref.id, add_version, &vs, e);
	if (rc == IPM_OK)
		rc = pack_find(vs.v, vs.n, spec, kind, "the database", &found, e);
	/* Keep the one asked for, free the other versions. */
	for (size_t i = 0; i < vs.n; i++)
		if (vs.v[i] != found || rc != IPM_OK)
			pack_free(vs.v[i]);
	free(vs.v);
	if (rc == IPM_OK)
		*out = found;
	return rc;
}

int stored_career_packs(struct store *s, struct arena *a, struct career_packs *out,
			struct err *e)
{
	static const char *const ids[] = { "career-phases", "education-levels", "sectors",
					   "competences" };
	int rc = IPM_OK;
	for (size_t i = 0; i < 4 && rc == IPM_OK; i++) {
		struct pack *p = NULL;
		if ((rc = stored_pack_load(s, ids[i], PACK_TAXONOMY, &p, e)))
			break;
		switch (i) {
		case 0: rc = career_stages_from_pack(p, a, &out->stages, e); break;
		case 1: rc = code_list_ranked_from_pack(p, a, &out->vocab.levels, e); break;
		case 2: rc = code_list_from_pack(p, a, &out->vocab.sectors, e); break;
		default: rc = code_list_from_pack(p, a, &out->vocab.competences, e); break;
		}
		pack_free(p);
	}
	return rc;
}
