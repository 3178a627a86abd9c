/* The organisation's active model, else the default model. */
#include "services/active_model.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/fs.h"

#include <string.h>

/* Registers the default model's file as it is (the store keeps bytes and
 * sha256 per version and refuses other bytes under a registered version). */
static int register_pack(struct store *s, const struct pack *p, struct err *e)
{
	struct buf text = BUF_INIT;
	int rc = fs_read_file(p->source_name, &text, e);
	if (rc == IPM_OK)
		rc = store_pack_register(s, p->id, p->version, pack_kind_name(p->kind), p->title_nl,
					 p->sha256, buf_str(&text), e);
	buf_free(&text);
	return rc;
}

int active_model_load(struct store *s, int64_t org, const char *data_dir, struct model_set *out,
		      bool *is_default, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct buf spec = BUF_INIT;
	const char *id = NULL, *version = NULL;
	memset(out, 0, sizeof *out);
	*is_default = false;
	int rc = store_model_active(s, org, &id, &version, &a, e);
	if (rc == IPM_OK) {
		buf_printf(&spec, "%s@%s", id, version);
		rc = model_set_from_store(s, buf_str(&spec), out, e);
	} else if (rc == IPM_ENOTFOUND && !data_dir) {
		*is_default = true;
		rc = model_set_from_store(s, MODEL_DEFAULT, out, e);
	} else if (rc == IPM_ENOTFOUND) {
		*is_default = true;
		rc = model_set_load(data_dir, MODEL_DEFAULT, out, e);
		if (rc == IPM_OK)
			rc = register_pack(s, out->model, e);
	}
	buf_free(&spec);
	arena_free(&a);
	return rc;
}
