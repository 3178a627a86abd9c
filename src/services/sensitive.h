/* Special-category data (AVG art. 9: health, and what else an organisation
 * marks so) is stored encrypted in clients.sensitive with XChaCha20-Poly1305
 * (libsodium crypto_aead_xchacha20poly1305_ietf_*). The key lives in a file
 * outside the database (`--key-file`, mode 0600), so a copy of the database
 * or a backup alone does not reveal it.
 *
 * Blob layout: 'S' 2 | key id (4 bytes) | nonce (24) | ciphertext + tag (16).
 * The associated data are those first six bytes and the client the blob
 * belongs to (organisation id and client number, which never change and
 * are unique together; the row id does not exist yet when the intake seals
 * the field): a blob copied to another version, key or client's row does
 * not open there. The key id (the first 4 bytes of the BLAKE2b hash of the
 * key) lets a wrong key be reported as such, not as damage. Version 1 had
 * no client in the associated data and is refused. Rotation: IPM reads with one key; to change keys, every blob must
 * be opened with the old key and sealed with the new one (no command does
 * this yet; docs/web.md). */
#ifndef IPM_SERVICES_SENSITIVE_H
#define IPM_SERVICES_SENSITIVE_H

#include "core/buf.h"
#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

#define SENSITIVE_KEY_BYTES 32

struct sensitive_key {
	unsigned char key[SENSITIVE_KEY_BYTES];
	unsigned char id[4];
};

/* Creates a new random key file (64 hex digits and a newline, mode 0600)
 * unless one exists; *created says which. */
int sensitive_key_create(const char *path, int *created, struct err *e);
/* Reads the key; refuses a file that others may read or that is not 64 hex
 * digits. Wipe with sensitive_key_wipe when done. */
int sensitive_key_load(const char *path, struct sensitive_key *out, struct err *e);
void sensitive_key_wipe(struct sensitive_key *k);

/* Appends the sealed form of plain[0..n), for the client `reference` of
 * organisation org_id, to out. */
void sensitive_seal(const struct sensitive_key *k, int64_t org_id, const char *reference,
		    const void *plain, size_t n, struct buf *out);
/* Appends the plain text of blob, sealed for that client, to out
 * (NUL-terminated as a buf is). IPM_EINVAL for a blob that is not one,
 * another key, or damaged or another client's (one message for both: the
 * tag cannot tell them apart). */
int sensitive_open(const struct sensitive_key *k, int64_t org_id, const char *reference,
		   const unsigned char *blob, size_t n, struct buf *out, struct err *e);

#endif
