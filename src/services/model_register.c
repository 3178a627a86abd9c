/* A fitted model becomes a registered pack version: the record of which
 * weights made a prognosis must exist before any prognosis uses them. */
#include "services/prognosis_store.h"

int model_register_fitted(struct store *s, const struct model_set *base,
			  const struct fit_result *r, const struct model_fit_meta *meta,
			  struct buf *text, struct buf *version, struct err *e)
{
	struct model_fit_meta m = *meta;
	struct pack *p = NULL;
	if (!m.version) {
		model_set_next_version(base, version);
		m.version = buf_str(version);
	} else {
		buf_puts(version, m.version);
	}
	int rc = model_write_fitted(base->model, base->m, r, &m, text, e);
	/* Parsed again for the sha256 and title that registration records:
	 * those of exactly the bytes stored. */
	if (rc == IPM_OK)
		rc = pack_parse("fitted model", text->data, text->len, &p, e);
	if (rc == IPM_OK)
		rc = store_pack_register(s, p->id, p->version, pack_kind_name(p->kind), p->title_nl,
					 p->sha256, buf_str(text), e);
	pack_free(p);
	return rc;
}
