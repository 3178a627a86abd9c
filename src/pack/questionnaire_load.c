/* A questionnaire by its spec from a data directory: shared by ipm score and
 * ipm synth --answers, so both find and build the pack the same way. */
#include "core/buf.h"
#include "pack/pack_ref.h"
#include "pack/questionnaire_build.h"

int questionnaire_load(const char *data_dir, const char *spec,
		       const struct questionnaire_opts *opts, struct questionnaire **out,
		       struct err *e)
{
	struct buf dir = BUF_INIT;
	struct pack **packs = NULL, *p;
	size_t count = 0;
	buf_printf(&dir, "%s/packs", data_dir);
	int rc = pack_load_dir(buf_str(&dir), &packs, &count, e);
	if (rc)
		goto out;
	rc = pack_find(packs, count, spec, PACK_QUESTIONNAIRE, buf_str(&dir), &p, e);
	if (rc)
		goto out;
	rc = questionnaire_build(p, opts, out, e);
out:
	pack_free_all(packs, count);
	buf_free(&dir);
	return rc;
}
