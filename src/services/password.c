#include "services/password.h"
#include "core/utf8.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

int password_check(const char *pw, struct err *e)
{
	size_t n = strlen(pw);
	if (n > PASSWORD_MAX_BYTES)
		return err_set(e, IPM_EINVAL, "password: longer than %d bytes", PASSWORD_MAX_BYTES);
	if (!utf8_valid(pw, n))
		return err_set(e, IPM_EINVAL, "password: not valid UTF-8");
	if (utf8_count(pw, n) < PASSWORD_MIN_CHARS)
		return err_set(e, IPM_EINVAL, "password: at least %d characters are required",
			       PASSWORD_MIN_CHARS);
	return IPM_OK;
}

int password_hash(const char *pw, struct buf *out, struct err *e)
{
	int rc = password_check(pw, e);
	if (rc)
		return rc;
	if (sodium_init() < 0)
		return err_set(e, IPM_ENOMEM, "password: libsodium could not start");
	char hash[crypto_pwhash_STRBYTES];
	if (crypto_pwhash_str(hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return err_set(e, IPM_ENOMEM, "password: not enough memory to hash");
	buf_puts(out, hash);
	sodium_memzero(hash, sizeof hash);
	return IPM_OK;
}

/* A hash of a random password: verifying against it takes as long as a real
 * check and never succeeds. Made once, on first need. */
static char dummy[crypto_pwhash_STRBYTES];
static int have_dummy;
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_make(void)
{
	unsigned char rnd[32];
	randombytes_buf(rnd, sizeof rnd);
	have_dummy = crypto_pwhash_str(dummy, (const char *)rnd, sizeof rnd,
				       crypto_pwhash_OPSLIMIT_INTERACTIVE,
				       crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

int password_verify(const char *hash, const char *pw)
{
	if (sodium_init() < 0)
		return 0;
	size_t n = strlen(pw);
	if (!hash || n > PASSWORD_MAX_BYTES) {
		pthread_once(&dummy_once, dummy_make);
		if (have_dummy && crypto_pwhash_str_verify(dummy, pw, n > PASSWORD_MAX_BYTES ? 0 : n) == 0)
			return 0; /* cannot happen: the dummy password is unknown */
		return 0;
	}
	return crypto_pwhash_str_verify(hash, pw, n) == 0;
}
