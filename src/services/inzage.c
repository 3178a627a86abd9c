#include "services/inzage.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "store/store_privacy.h"

#include "core/xalloc.h"

#include <sodium.h>
#include <string.h>

struct build {
	const struct inzage_opts *o;
	json_t *doc;
	int64_t org_id;        /* of the client row being added: what its */
	const char *reference; /* sensitive field is sealed for */
};

/* clients.sensitive as the requester may see it. */
static int sensitive_value(const struct build *b, const struct store_value *v, json_t **out,
			   struct err *e)
{
	const char *status = "none";
	json_t *text = NULL;
	if (v->type == STORE_V_BLOB && v->len) {
		if (!b->o->may_see_sensitive) {
			status = "withheld";
		} else if (!b->o->key) {
			status = "locked";
		} else {
			struct buf plain = BUF_INIT;
			/* A field that does not open (damaged, or sealed for
			 * another client) must not keep the client from the
			 * rest of their data: its status says so. */
			int opened = sensitive_open(b->o->key, b->org_id, b->reference, v->blob,
						    v->len, &plain, e) == IPM_OK;
			if (opened) {
				status = "shown";
				text = json_stringn(plain.data ? plain.data : "", plain.len);
			} else {
				status = "unreadable";
			}
			if (plain.data)
				sodium_memzero(plain.data, plain.cap);
			buf_free(&plain);
			if (opened && !text)
				return err_set(e, IPM_EINVAL,
					       "client export: client.sensitive: not valid UTF-8");
		}
	}
	*out = json_pack("{s:s}", "status", status);
	if (text)
		json_object_set_new(*out, "text", text);
	return IPM_OK;
}

static int value(const struct build *b, const char *part, const struct store_value *v,
		 json_t **out, struct err *e)
{
	if (!strcmp(part, "client") && !strcmp(v->name, "sensitive"))
		return sensitive_value(b, v, out, e);
	switch (v->type) {
	case STORE_V_INT: *out = json_integer(v->i); return IPM_OK;
	case STORE_V_REAL: *out = json_real(v->d); return IPM_OK;
	case STORE_V_NULL: *out = json_null(); return IPM_OK;
	case STORE_V_BLOB: {
		/* No part has another blob column; should one appear, it is
		 * exported as base64 rather than dropped. */
		size_t n = sodium_base64_ENCODED_LEN(v->len, sodium_base64_VARIANT_ORIGINAL);
		char *s = xmalloc(n);
		sodium_bin2base64(s, n, v->blob, v->len, sodium_base64_VARIANT_ORIGINAL);
		*out = json_string(s);
		free(s);
		return IPM_OK;
	}
	case STORE_V_TEXT:
		if (v->json) {
			json_t *parsed = json_loadb(v->text, v->len, JSON_DECODE_ANY, NULL);
			if (parsed) {
				*out = parsed;
				return IPM_OK;
			}
		}
		*out = json_stringn(v->text, v->len);
		if (!*out)
			return err_set(e, IPM_ESTORE, "client export: %s.%s: not valid UTF-8", part,
				       v->name);
		return IPM_OK;
	}
	return err_set(e, IPM_ESTORE, "client export: %s.%s: unknown type", part, v->name);
}

static int add_row(void *ctx, const char *part, size_t n, const struct store_value *row,
		   struct err *e)
{
	struct build *b = ctx;
	json_t *o = json_object();
	for (size_t i = 0; i < n && !strcmp(part, "client"); i++) {
		if (!strcmp(row[i].name, "org_id"))
			b->org_id = row[i].i;
		else if (!strcmp(row[i].name, "reference"))
			b->reference = row[i].text;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *v = NULL;
		int rc = value(b, part, &row[i], &v, e);
		if (rc) {
			json_decref(o);
			return rc;
		}
		json_object_set_new(o, row[i].name, v);
	}
	json_t *slot = json_object_get(b->doc, part);
	if (json_is_array(slot))
		json_array_append_new(slot, o);
	else
		json_object_set_new(b->doc, part, o);
	return IPM_OK;
}

int inzage_build(struct store *s, const struct store_actor *who, int64_t client_id,
		 const struct inzage_opts *o, json_t **out, struct err *e)
{
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	struct build b = { o, json_object(), 0, NULL };
	json_object_set_new(b.doc, "format", json_string(INZAGE_FORMAT));
	json_object_set_new(b.doc, "version", json_integer(INZAGE_VERSION));
	json_object_set_new(b.doc, "generated_at", json_string(now));
	json_object_set_new(b.doc, "generated_by", json_integer(who ? who->user_id : 0));
	json_object_set_new(b.doc, "client_id", json_integer(client_id));
	/* One-row parts are objects, filled by their row; the others are
	 * arrays, present even when empty. */
	for (const char *const *p = store_export_parts; *p; p++)
		json_object_set_new(b.doc, *p,
				    !strcmp(*p, "client") || !strcmp(*p, "organisation")
					    ? json_null()
					    : json_array());
	int rc = store_client_export(s, who, client_id, add_row, &b, e);
	if (rc) {
		json_decref(b.doc);
		return rc;
	}
	*out = b.doc;
	return IPM_OK;
}

void inzage_write(const json_t *doc, struct buf *out)
{
	json_to_buf(doc, out, 1);
	buf_putc(out, '\n');
}
