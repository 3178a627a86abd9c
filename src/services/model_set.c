#include "services/model_set.h"
#include "core/buf.h"
#include "pack/model_build.h"
#include "pack/pack_ref.h"

#include <jansson.h>

int model_set_load(const char *data_dir, const char *spec, struct model_set *out,
		   struct err *e)
{
	struct model_set s = { 0 };
	struct buf dir = BUF_INIT;
	buf_printf(&dir, "%s/packs", data_dir);
	int rc = pack_load_dir(buf_str(&dir), &s.packs, &s.n_packs, e);
	if (rc)
		goto out;
	rc = pack_find(s.packs, s.n_packs, spec, PACK_MODEL, buf_str(&dir), &s.model, e);
	if (rc)
		goto out;
	const char *cat = json_string_value(json_object_get(s.model->doc, "factors_pack"));
	if (cat) {
		/* The newest version of the catalogue: a model pack names the
		 * catalogue by id only (its schema has no version there). */
		rc = pack_find(s.packs, s.n_packs, cat, PACK_FACTORS, buf_str(&dir), &s.factors, e);
		if (rc)
			goto out;
	}
	rc = model_build(s.model, s.factors, &s.m, e);
out:
	buf_free(&dir);
	if (rc == IPM_OK)
		*out = s;
	else
		model_set_free(&s);
	return rc;
}

void model_set_free(struct model_set *s)
{
	if (s->m)
		model_free(s->m);
	pack_free_all(s->packs, s->n_packs);
	*s = (struct model_set){ 0 };
}
