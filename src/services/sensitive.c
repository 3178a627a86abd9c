#include "services/sensitive.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define HDR 6 /* 'S', version, key id */
#define VERSION 2
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES

static void key_id(struct sensitive_key *k)
{
	unsigned char h[crypto_generichash_BYTES];
	crypto_generichash(h, sizeof h, k->key, sizeof k->key, NULL, 0);
	memcpy(k->id, h, sizeof k->id);
}

int sensitive_key_create(const char *path, int *created, struct err *e)
{
	*created = 0;
	if (sodium_init() < 0)
		return err_set(e, IPM_ENOMEM, "key file: libsodium could not start");
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST)
			return IPM_OK;
		return err_set(e, IPM_EIO, "%s: cannot create key file: %s", path, strerror(errno));
	}
	unsigned char key[SENSITIVE_KEY_BYTES];
	char hex[2 * SENSITIVE_KEY_BYTES + 2];
	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	hex[2 * SENSITIVE_KEY_BYTES] = '\n';
	ssize_t w = write(fd, hex, 2 * SENSITIVE_KEY_BYTES + 1);
	int ok = w == 2 * SENSITIVE_KEY_BYTES + 1 && fsync(fd) == 0;
	sodium_memzero(key, sizeof key);
	sodium_memzero(hex, sizeof hex);
	if (close(fd) != 0 || !ok) {
		unlink(path);
		return err_set(e, IPM_EIO, "%s: cannot write key file", path);
	}
	*created = 1;
	return IPM_OK;
}

int sensitive_key_load(const char *path, struct sensitive_key *out, struct err *e)
{
	if (sodium_init() < 0)
		return err_set(e, IPM_ENOMEM, "key file: libsodium could not start");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, IPM_EIO, "%s: cannot open key file: %s (ipm init creates one)", path,
			       strerror(errno));
	struct stat st;
	char hex[2 * SENSITIVE_KEY_BYTES + 2] = { 0 };
	int rc = IPM_OK;
	if (fstat(fd, &st) != 0)
		rc = err_set(e, IPM_EIO, "%s: cannot read key file", path);
	else if (st.st_mode & 077)
		rc = err_set(e, IPM_EINVAL, "%s: key file may be read by others (chmod 600 it)", path);
	else {
		ssize_t n = read(fd, hex, sizeof hex - 1);
		size_t len = n > 0 ? (size_t)n : 0;
		while (len && (hex[len - 1] == '\n' || hex[len - 1] == '\r'))
			len--;
		size_t got = 0;
		if (len != 2 * SENSITIVE_KEY_BYTES ||
		    sodium_hex2bin(out->key, sizeof out->key, hex, len, NULL, &got, NULL) != 0 ||
		    got != SENSITIVE_KEY_BYTES)
			rc = err_set(e, IPM_EINVAL, "%s: key file must hold 64 hexadecimal digits", path);
		else
			key_id(out);
	}
	sodium_memzero(hex, sizeof hex);
	close(fd);
	return rc;
}

void sensitive_key_wipe(struct sensitive_key *k)
{
	sodium_memzero(k, sizeof *k);
}

/* The associated data: the blob's header, then the client it belongs to
 * ("ipm-client", the organisation id as 8 bytes big-endian, the client
 * number). */
static void owner_ad(const unsigned char *hdr, int64_t org_id, const char *reference,
		     struct buf *ad)
{
	buf_add(ad, hdr, HDR);
	buf_add(ad, "ipm-client", 10);
	for (int i = 7; i >= 0; i--)
		buf_putc(ad, (char)(((uint64_t)org_id >> (8 * i)) & 0xff));
	buf_puts(ad, reference ? reference : "");
}

void sensitive_seal(const struct sensitive_key *k, int64_t org_id, const char *reference,
		    const void *plain, size_t n, struct buf *out)
{
	size_t at = out->len;
	buf_grow(out, HDR + NONCE + n + TAG);
	unsigned char *p = (unsigned char *)out->data + at;
	p[0] = 'S';
	p[1] = VERSION;
	memcpy(p + 2, k->id, sizeof k->id);
	randombytes_buf(p + HDR, NONCE);
	struct buf ad = BUF_INIT;
	owner_ad(p, org_id, reference, &ad);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(p + HDR + NONCE, &clen, plain, n,
						   (const unsigned char *)ad.data, ad.len, NULL,
						   p + HDR, k->key);
	buf_free(&ad);
	out->len = at + HDR + NONCE + (size_t)clen;
	out->data[out->len] = '\0';
}

int sensitive_open(const struct sensitive_key *k, int64_t org_id, const char *reference,
		   const unsigned char *blob, size_t n, struct buf *out, struct err *e)
{
	if (n < HDR + NONCE + TAG || blob[0] != 'S' || blob[1] != VERSION)
		return err_set(e, IPM_EINVAL, "sensitive: not an encrypted field of this version");
	if (memcmp(blob + 2, k->id, sizeof k->id) != 0)
		return err_set(e, IPM_EINVAL,
			       "sensitive: sealed with another key than the key file holds");
	size_t at = out->len;
	buf_grow(out, n - HDR - NONCE - TAG);
	struct buf ad = BUF_INIT;
	owner_ad(blob, org_id, reference, &ad);
	unsigned long long plen = 0;
	int bad = crypto_aead_xchacha20poly1305_ietf_decrypt(
		(unsigned char *)out->data + at, &plen, NULL, blob + HDR + NONCE, n - HDR - NONCE,
		(const unsigned char *)ad.data, ad.len, blob + HDR, k->key);
	buf_free(&ad);
	if (bad) {
		out->data[at] = '\0';
		return err_set(e, IPM_EINVAL,
			       "sensitive: the field is damaged or another client's (authentication "
			       "failed)");
	}
	out->len = at + (size_t)plen;
	out->data[out->len] = '\0';
	return IPM_OK;
}
