/* Passwords: Argon2id via libsodium (crypto_pwhash_str), with the
 * "interactive" cost (64 MiB, 2 passes): a login stays well under a second on
 * one core while an offline guess costs the same 64 MiB. */
#ifndef IPM_SERVICES_PASSWORD_H
#define IPM_SERVICES_PASSWORD_H

#include "core/buf.h"
#include "core/err.h"

#define PASSWORD_MIN_CHARS 12
#define PASSWORD_MAX_BYTES 1024

/* Checks the length rule; IPM_EINVAL with a message that names the rule. */
int password_check(const char *pw, struct err *e);
/* Appends the encoded Argon2id string (self-describing: salt and cost). */
int password_hash(const char *pw, struct buf *out, struct err *e);
/* 1 when pw matches hash. A NULL hash (no password set) costs one hash
 * anyway, so that the time taken does not tell whether a user exists. */
int password_verify(const char *hash, const char *pw);

#endif
