#include "services/session.h"
#include "services/password.h"

#include <sodium.h>
#include <string.h>

void session_config_default(struct session_config *c)
{
	*c = (struct session_config){
		.idle_s = 30 * 60,
		.absolute_s = 12 * 3600,
		.touch_s = 60,
		.max_user_failures = 5,
		.max_ip_failures = 20,
		.window_s = 15 * 60,
	};
}

void session_hash_hex(const char *s, char *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)s, strlen(s));
	sodium_bin2hex(out, STORE_HASH_HEX + 1, h, sizeof h);
}

static void limit_key(const char *kind, const char *value, char *out)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s:%s", kind, value ? value : "");
	session_hash_hex(buf_str(&b), out);
	buf_free(&b);
}

int session_login(struct store *s, const struct session_config *c, const char *username,
		  const char *password, const char *ip, int64_t now, enum login_outcome *out,
		  struct session_new *sn, struct err *e)
{
	if (sodium_init() < 0)
		return err_set(e, IPM_ENOMEM, "login: libsodium could not start");
	char ukey[STORE_HASH_HEX + 1], ikey[STORE_HASH_HEX + 1];
	limit_key("user", username, ukey);
	limit_key("ip", ip, ikey);
	int64_t nu = 0, ni = 0;
	int rc = store_login_failures(s, ukey, now - c->window_s, &nu, e);
	if (rc == IPM_OK)
		rc = store_login_failures(s, ikey, now - c->window_s, &ni, e);
	if (rc)
		return rc;
	if (nu >= c->max_user_failures || ni >= c->max_ip_failures) {
		*out = LOGIN_LIMITED;
		return IPM_OK;
	}

	struct arena a = ARENA_INIT;
	struct store_user u = { 0 };
	rc = store_user_find(s, username, &u, &a, e);
	if (rc != IPM_OK && rc != IPM_ENOTFOUND)
		goto out;
	int ok = password_verify(rc == IPM_OK ? u.password_hash : NULL, password);
	if (!ok || rc != IPM_OK || u.disabled) {
		const char *keys[] = { ukey, ikey };
		rc = store_login_failure_add(s, keys, 2, now, now - 24 * 3600, e);
		*out = LOGIN_REFUSED;
		goto out;
	}
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(sn->token, sizeof sn->token, raw, sizeof raw,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(sn->csrf, sizeof sn->csrf, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
	sn->user_id = u.id;
	char th[STORE_HASH_HEX + 1];
	session_hash_hex(sn->token, th);
	rc = store_session_create(s, th, u.id, sn->csrf, now, e);
	if (rc == IPM_OK)
		rc = store_login_failures_clear(s, ukey, e);
	*out = LOGIN_OK;
out:
	arena_free(&a);
	return rc;
}

int session_find(struct store *s, const struct session_config *c, const char *token, int64_t now,
		 struct store_session *out, struct arena *a, struct err *e)
{
	if (!token || strlen(token) != SESSION_TOKEN_LEN)
		return err_set(e, IPM_ENOTFOUND, "session: no session");
	char th[STORE_HASH_HEX + 1];
	session_hash_hex(token, th);
	return store_session_get(s, th, now, c->idle_s, c->absolute_s, c->touch_s, out, a, e);
}

int session_logout(struct store *s, int64_t user_id, const char *token, struct err *e)
{
	char th[STORE_HASH_HEX + 1];
	session_hash_hex(token, th);
	struct store_actor who = { .user_id = user_id };
	return store_session_delete(s, &who, th, e);
}
