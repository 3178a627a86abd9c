#include "services/assessment_link.h"
#include "core/buf.h"
#include "services/session.h"

#include <sodium.h>
#include <string.h>

int link_create(struct store *s, const struct store_actor *who, int64_t assessment_id,
		int64_t now, char token[LINK_TOKEN_LEN + 1], int64_t *expires, struct err *e)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(token, LINK_TOKEN_LEN + 1, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	char hash[STORE_HASH_HEX + 1];
	session_hash_hex(token, hash);
	*expires = now + (int64_t)LINK_DAYS * 24 * 3600;
	int rc = store_link_create(s, who, assessment_id, hash, *expires, NULL, e);
	if (rc)
		sodium_memzero(token, LINK_TOKEN_LEN + 1);
	return rc;
}

int link_open(struct store *s, const char *token, int64_t now, struct store_link *out,
	      struct store_actor *as, struct arena *a, struct err *e)
{
	if (!token || strlen(token) != LINK_TOKEN_LEN)
		return err_set(e, IPM_ENOTFOUND, "link: no live link with that token");
	char hash[STORE_HASH_HEX + 1];
	session_hash_hex(token, hash);
	/* The reason names the link by the hash's first characters: enough to
	 * find its row, useless for opening it. */
	struct buf why = BUF_INIT;
	buf_printf(&why, "klant via eenmalige link %.12s", hash);
	*as = (struct store_actor){ .user_id = 0, .reason = arena_strdup(a, why.data) };
	buf_free(&why);
	return store_link_open(s, as, hash, now, out, a, e);
}
