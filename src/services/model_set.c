#include "services/model_set.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "pack/model_build.h"
#include "pack/pack_ref.h"

#include <jansson.h>
#include <string.h>

/* The catalogue the model names, among s->packs, and the engine's model
 * built from both. */
static int join_and_build(struct model_set *s, const char *where, struct err *e)
{
	const char *cat = json_string_value(json_object_get(s->model->doc, "factors_pack"));
	if (cat) {
		/* The newest version of the catalogue: a model pack names the
		 * catalogue by id only (its schema has no version there). */
		int rc = pack_find(s->packs, s->n_packs, cat, PACK_FACTORS, where, &s->factors, e);
		if (rc)
			return rc;
	}
	return model_build(s->model, s->factors, &s->m, e);
}

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
	rc = join_and_build(&s, buf_str(&dir), e);
out:
	buf_free(&dir);
	if (rc == IPM_OK)
		*out = s;
	else
		model_set_free(&s);
	return rc;
}

/* store_pack_versions_each: each registered version parsed as a pack. */
static int add_version(void *ctx, const char *version, const char *content, size_t len,
		       struct err *e)
{
	struct model_set *s = ctx;
	(void)version;
	struct pack *p = NULL;
	int rc = pack_parse("registered pack", content, len, &p, e);
	if (rc)
		return rc;
	s->packs = xrealloc(s->packs, (s->n_packs + 1) * sizeof *s->packs);
	s->packs[s->n_packs++] = p;
	return IPM_OK;
}

int model_set_from_store(struct store *st, const char *spec, struct model_set *out,
			 struct err *e)
{
	static const char where[] = "the database";
	struct model_set s = { 0 };
	struct pack_ref ref;
	int rc = IPM_EINVAL;
	if (pack_ref_parse(spec, &ref) != IPM_OK) {
		err_set(e, rc, "\"%s\" is not a model reference (ID or ID@VERSION)", spec);
		goto out;
	}
	if ((rc = store_pack_versions_each(st, ref.id, add_version, &s, e)) ||
	    (rc = pack_find(s.packs, s.n_packs, spec, PACK_MODEL, where, &s.model, e)))
		goto out;
	const char *cat = json_string_value(json_object_get(s.model->doc, "factors_pack"));
	/* s.model stays valid: the array grows, the packs do not move. */
	if (cat && (rc = store_pack_versions_each(st, cat, add_version, &s, e)))
		goto out;
	rc = join_and_build(&s, where, e);
out:
	if (rc == IPM_OK)
		*out = s;
	else
		model_set_free(&s);
	return rc;
}

void model_set_next_version(const struct model_set *s, struct buf *out)
{
	const struct semver *top = &s->model->semver;
	for (size_t i = 0; i < s->n_packs; i++)
		if (strcmp(s->packs[i]->id, s->model->id) == 0 &&
		    semver_compare(&s->packs[i]->semver, top) > 0)
			top = &s->packs[i]->semver;
	buf_printf(out, "%lu.%lu.0", top->major, top->minor + 1);
}

void model_set_free(struct model_set *s)
{
	if (s->m)
		model_free(s->m);
	pack_free_all(s->packs, s->n_packs);
	*s = (struct model_set){ 0 };
}
