#include "services/report_issue.h"
#include "core/json.h"
#include "store/store_route.h"

#include <sodium.h>
#include <string.h>

int report_issue_render(struct store *s, const struct store_actor *who,
			const struct report_templates *t, const struct report_doc_opts *o,
			enum report_format f, struct report_rendered *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	out->format = f;
	int rc = report_doc_build(s, who, o, &out->doc, e);
	if (!rc)
		rc = report_render(out->doc, t, f, &out->bytes, e);
	if (rc)
		report_rendered_free(out);
	return rc;
}

int report_issue_store(struct store *s, const struct store_actor *who,
		       const struct report_templates *t, int64_t client_id,
		       const struct report_rendered *r, int64_t *id, struct err *e)
{
	if (sodium_init() < 0)
		return err_set(e, IPM_EIO, "internal: libsodium failed to initialise");
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	crypto_hash_sha256(hash, (const unsigned char *)r->bytes.data, r->bytes.len);
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	struct buf doc = BUF_INIT, versions = BUF_INIT;
	report_doc_text(r->doc, &doc);
	json_t *v = json_pack("{s:O, s:{s:s, s:s, s:s}}", "versions",
			      json_object_get(r->doc, "versions"), "templates", "id",
			      report_templates_id(t), "version", report_templates_version(t),
			      "sha256", report_templates_sha256(t));
	json_to_buf(v, &versions, 0);
	struct store_report sr = {
		.client_id = client_id,
		.version = json_string_value(json_object_get(r->doc, "version")),
		.format = report_format_ext(r->format),
		.sha256 = hex,
		.bytes = (const unsigned char *)r->bytes.data,
		.n_bytes = r->bytes.len,
		.doc = buf_str(&doc),
		.versions = buf_str(&versions),
		.report_date = json_string_value(json_object_get(r->doc, "report_date")),
	};
	int rc = store_report_issue(s, who, &sr, id, e);
	json_decref(v);
	buf_free(&doc);
	buf_free(&versions);
	return rc;
}

void report_rendered_free(struct report_rendered *r)
{
	json_decref(r->doc);
	buf_free(&r->bytes);
	r->doc = NULL;
}
