/* Logging in and out, and finding the session of a request (docs/web.md).
 *
 * The cookie holds a random 256-bit token; the store keeps only its SHA-256,
 * so a copy of the database holds no usable session. Each session has its
 * own random CSRF token (synchronizer pattern). Failed logins are counted per
 * user name and per client address in the store, so that several server
 * processes share the limits. */
#ifndef IPM_SERVICES_SESSION_H
#define IPM_SERVICES_SESSION_H

#include "core/arena.h"
#include "core/err.h"
#include "store/store_web.h"

#include <stdint.h>

struct session_config {
	int64_t idle_s;     /* end a session unused this long (default 30 min) */
	int64_t absolute_s; /* end any session this old (default 12 h) */
	int64_t touch_s;    /* record use at most this often (default 60 s) */
	int64_t max_user_failures; /* per user name within window_s (default 5) */
	int64_t max_ip_failures;   /* per address within window_s (default 20) */
	int64_t window_s;          /* default 15 min */
};

/* The defaults above. */
void session_config_default(struct session_config *c);

#define SESSION_TOKEN_LEN 43 /* 32 random bytes, base64url without padding */

enum login_outcome { LOGIN_OK, LOGIN_REFUSED, LOGIN_LIMITED };

struct session_new {
	char token[SESSION_TOKEN_LEN + 1];
	char csrf[STORE_HASH_HEX + 1];
	int64_t user_id;
};

/* LOGIN_LIMITED without checking the password when either limit is reached;
 * LOGIN_REFUSED for an unknown user, a wrong password or a disabled account
 * (the same answer, in about the same time); LOGIN_OK with a new session. */
int session_login(struct store *s, const struct session_config *c, const char *username,
		  const char *password, const char *ip, int64_t now, enum login_outcome *out,
		  struct session_new *sn, struct err *e);
/* The live session for a cookie token; IPM_ENOTFOUND when none. */
int session_find(struct store *s, const struct session_config *c, const char *token, int64_t now,
		 struct store_session *out, struct arena *a, struct err *e);
int session_logout(struct store *s, int64_t user_id, const char *token, struct err *e);

/* SHA-256 of s as lower-case hex (out has STORE_HASH_HEX + 1 bytes). */
void session_hash_hex(const char *s, char *out);

#endif
