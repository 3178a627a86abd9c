#include "services/career_packs.h"
#include "core/buf.h"
#include "pack/career_build.h"
#include "pack/codes_build.h"

enum which { STAGES, LEVELS, SECTORS, COMPETENCES };

static int load_one(const char *dir, const char *id, enum which w, struct arena *a,
		    struct career_packs *out, struct err *e)
{
	struct buf path = BUF_INIT;
	struct pack *p = NULL;
	buf_printf(&path, "%s/%s.json", dir, id);
	int rc = pack_load_file(buf_str(&path), &p, e);
	if (rc)
		goto out;
	switch (w) {
	case STAGES: rc = career_stages_from_pack(p, a, &out->stages, e); break;
	case LEVELS: rc = code_list_ranked_from_pack(p, a, &out->vocab.levels, e); break;
	case SECTORS: rc = code_list_from_pack(p, a, &out->vocab.sectors, e); break;
	case COMPETENCES: rc = code_list_from_pack(p, a, &out->vocab.competences, e); break;
	}
out:
	pack_free(p);
	buf_free(&path);
	return rc;
}

int career_packs_load(const char *dir, struct arena *a, struct career_packs *out,
		      struct err *e)
{
	int rc = load_one(dir, "career-phases", STAGES, a, out, e);
	if (!rc)
		rc = load_one(dir, "education-levels", LEVELS, a, out, e);
	if (!rc)
		rc = load_one(dir, "sectors", SECTORS, a, out, e);
	if (!rc)
		rc = load_one(dir, "competences", COMPETENCES, a, out, e);
	return rc;
}
