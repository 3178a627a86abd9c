/* The web layer's parts without a server: the router, the UI catalogues and
 * language negotiation, the permission table, field encryption and
 * passwords (docs/web.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "services/access.h"
#include "services/password.h"
#include "services/sensitive.h"
#include "support/proc.h"
#include "web/i18n.h"
#include "web/router.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int h(struct web_request *req)
{
	(void)req;
	return 0;
}

static const struct web_route routes[] = {
	{ "GET", "/", h, 0 },
	{ "GET", "/clients", h, 0 },
	{ "GET", "/clients/{id}", h, 0 },
	{ "POST", "/clients/{id}", h, 0 },
	{ "GET", "/clients/{id}/results/{kind}", h, 0 },
	{ "POST", "/logout", h, 0 },
};

static void router_matches_patterns_and_methods(void **state)
{
	(void)state;
	struct router_match m;
	const size_t n = sizeof routes / sizeof routes[0];
	assert_int_equal(router_match(routes, n, "GET", "/clients/42", &m), ROUTER_FOUND);
	assert_ptr_equal(m.route, &routes[2]);
	assert_int_equal(m.n_params, 1);
	assert_int_equal(m.params[0].name_len, 2);
	assert_memory_equal(m.params[0].name, "id", 2);
	assert_int_equal(m.params[0].value_len, 2);
	assert_memory_equal(m.params[0].value, "42", 2);
	assert_int_equal(router_match(routes, n, "POST", "/clients/42", &m), ROUTER_FOUND);
	assert_ptr_equal(m.route, &routes[3]);
	assert_int_equal(router_match(routes, n, "HEAD", "/clients", &m), ROUTER_FOUND);
	assert_ptr_equal(m.route, &routes[1]);
	assert_int_equal(router_match(routes, n, "GET", "/clients/7/results/bigfive", &m),
			 ROUTER_FOUND);
	assert_int_equal(m.n_params, 2);
	assert_memory_equal(m.params[1].value, "bigfive", 7);
	/* A parameter is one non-empty segment. */
	assert_int_equal(router_match(routes, n, "GET", "/clients/", &m), ROUTER_NOT_FOUND);
	assert_int_equal(router_match(routes, n, "GET", "/clients/1/2", &m), ROUTER_NOT_FOUND);
	assert_int_equal(router_match(routes, n, "GET", "/clientsx", &m), ROUTER_NOT_FOUND);
	/* A known path with another method: 405 with what it does allow. */
	assert_int_equal(router_match(routes, n, "DELETE", "/clients/1", &m), ROUTER_BAD_METHOD);
	assert_string_equal(m.allow, "GET, HEAD, POST");
	assert_int_equal(router_match(routes, n, "GET", "/logout", &m), ROUTER_BAD_METHOD);
	assert_string_equal(m.allow, "POST");
}

static void catalogues_translate_and_negotiate(void **state)
{
	(void)state;
	struct i18n t;
	struct err e = { 0 };
	/* The catalogues the build made from po/ (make builds data/locale). */
	assert_int_equal(i18n_load(&t, "data/locale", &e), IPM_OK);
	assert_string_equal(i18n_text(&t, LANG_NL, "Log in"), "Inloggen");
	assert_string_equal(i18n_text(&t, LANG_DE, "Log in"), "Anmelden");
	assert_string_equal(i18n_text(&t, LANG_EN, "Log in"), "Log in");
	assert_string_equal(i18n_text(&t, LANG_NL, "%s (step %d of %d)"), "%s (stap %d van %d)");
	/* Unknown ids come back as they are. */
	assert_string_equal(i18n_text(&t, LANG_NL, "no such message"), "no such message");
	i18n_free(&t);

	assert_int_equal(i18n_negotiate(NULL), LANG_NL);
	assert_int_equal(i18n_negotiate(""), LANG_NL);
	assert_int_equal(i18n_negotiate("de-DE,de;q=0.9,en;q=0.8"), LANG_DE);
	assert_int_equal(i18n_negotiate("fr-FR, en-GB;q=0.7, de;q=0.5"), LANG_EN);
	assert_int_equal(i18n_negotiate("en;q=0.5, nl;q=0.6"), LANG_NL);
	assert_int_equal(i18n_negotiate("EN"), LANG_EN);
	assert_int_equal(i18n_negotiate("de;q=0, en;q=0.1"), LANG_EN); /* q=0: not wanted */
	assert_int_equal(i18n_negotiate("de;q=2, en;q=x"), LANG_NL);  /* malformed: ignored */
	assert_int_equal(i18n_negotiate("deu, nld"), LANG_NL);        /* three letters: no match */
	assert_int_equal(i18n_negotiate(",,;;q=,"), LANG_NL);
}

/* A hand-made catalogue: header, then the tables of 2 entries. */
static void catalogue_parser_checks_every_offset(void **state)
{
	(void)state;
	static const unsigned char good[] = {
		0xde, 0x12, 0x04, 0x95, 0, 0, 0, 0, 2, 0, 0, 0, /* magic, revision, N=2 */
		28, 0, 0, 0, 44, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* O=28, T=44, no hash */
		1, 0, 0, 0, 60, 0, 0, 0, 1, 0, 0, 0, 62, 0, 0, 0, /* originals "a", "b" */
		1, 0, 0, 0, 64, 0, 0, 0, 1, 0, 0, 0, 66, 0, 0, 0, /* translations "x", "y" */
		'a', 0, 'b', 0, 'x', 0, 'y', 0,
	};
	struct i18n t = { 0 };
	struct err e = { 0 };
	unsigned char *copy = malloc(sizeof good);
	memcpy(copy, good, sizeof good);
	assert_int_equal(i18n_parse(&t.cat[LANG_NL], copy, sizeof good, "t.mo", &e), IPM_OK);
	assert_string_equal(i18n_text(&t, LANG_NL, "b"), "y");
	assert_string_equal(i18n_text(&t, LANG_NL, "c"), "c");
	i18n_free(&t);

	struct {
		size_t at;
		unsigned char value;
		const char *msg;
	} bad[] = {
		{ 0, 0x00, "t.mo: not a .mo file (bad magic)" },
		{ 8, 200, "t.mo: string tables outside the file" },
		{ 36, 99, "t.mo: entry 1 lies outside the file" },
		{ 61, 'c', "t.mo: entry 0 lies outside the file" }, /* no NUL where it ends */
		{ 60, 'c', "t.mo: entry 1 is out of order" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		unsigned char *b = malloc(sizeof good);
		memcpy(b, good, sizeof good);
		b[bad[i].at] = bad[i].value;
		struct i18n_catalog c;
		assert_int_equal(i18n_parse(&c, b, sizeof good, "t.mo", &e), IPM_EINVAL);
		assert_string_equal(e.msg, bad[i].msg);
		free(b);
	}
	assert_int_equal(i18n_parse(&t.cat[0], (unsigned char *)"short", 5, "t.mo", &e), IPM_EINVAL);
	assert_string_equal(e.msg, "t.mo: not a .mo file (too short)");
}

/* The permission table, row by row, as docs/web.md states it. */
static void roles_have_exactly_their_permissions(void **state)
{
	(void)state;
	static const char *const expected[PERM_N] = {
		/* consulent psycholoog jobcoach manager beheerder */
		[PERM_CASELOAD] = "11100",     [PERM_DOSSIER_READ] = "11100",
		[PERM_DOSSIER_WRITE] = "11000", [PERM_TEST_DETAILS] = "11000",
		[PERM_CONCLUSIONS] = "11100",  [PERM_SENSITIVE] = "11000",
		[PERM_BREAK_GLASS] = "11000",  [PERM_AGGREGATES] = "00010",
		[PERM_USERS] = "00001",
	};
	for (int p = 0; p < PERM_N; p++)
		for (int r = 0; r < ROLE_N; r++)
			assert_int_equal(access_allows((enum access_role)r, (enum access_perm)p),
					 expected[p][r] == '1');
	enum access_role r;
	assert_int_equal(access_role_parse("jobcoach", &r), IPM_OK);
	assert_int_equal(r, ROLE_JOBCOACH);
	assert_string_equal(access_role_name(r), "jobcoach");
	assert_int_equal(access_role_parse("Jobcoach", &r), IPM_EINVAL);
	assert_int_equal(access_role_parse(NULL, &r), IPM_EINVAL);
}

static void sensitive_fields_seal_and_open_with_their_key_only(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	struct buf path = BUF_INIT, other = BUF_INIT, sealed = BUF_INIT, plain = BUF_INIT;
	buf_printf(&path, "%s/ipm.key", dir);
	buf_printf(&other, "%s/other.key", dir);
	struct err e = { 0 };
	int created = 0;
	assert_int_equal(sensitive_key_create(path.data, &created, &e), IPM_OK);
	assert_int_equal(created, 1);
	struct stat st;
	assert_int_equal(stat(path.data, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(st.st_size, 65);
	/* A second call keeps the key. */
	assert_int_equal(sensitive_key_create(path.data, &created, &e), IPM_OK);
	assert_int_equal(created, 0);

	struct sensitive_key k, k2;
	assert_int_equal(sensitive_key_load(path.data, &k, &e), IPM_OK);
	const char text[] = "{\"gezondheid\":\"rugklachten; max 4 uur staan\"}";
	sensitive_seal(&k, 1, "VB-0001", text, strlen(text), &sealed);
	assert_int_equal(sealed.len, 6 + 24 + strlen(text) + 16);
	assert_memory_equal(sealed.data, "S\2", 2);
	for (size_t i = 0; i + 11 <= sealed.len; i++)
		assert_true(memcmp(sealed.data + i, "rugklachten", 11) != 0);
	assert_int_equal(sensitive_open(&k, 1, "VB-0001", (unsigned char *)sealed.data, sealed.len,
					&plain, &e),
			 IPM_OK);
	assert_string_equal(plain.data, text);
	/* The format, opened by libsodium directly: the associated data are
	 * the header, "ipm-client", the organisation as 8 bytes big-endian
	 * and the client number. */
	unsigned char ad[6 + 10 + 8 + 7], direct[sizeof text];
	memcpy(ad, sealed.data, 6);
	memcpy(ad + 6, "ipm-client", 10);
	memcpy(ad + 16, "\0\0\0\0\0\0\0\1", 8);
	memcpy(ad + 24, "VB-0001", 7);
	unsigned long long dn = 0;
	assert_int_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(
				 direct, &dn, NULL, (unsigned char *)sealed.data + 30, sealed.len - 30,
				 ad, sizeof ad, (unsigned char *)sealed.data + 6, k.key),
			 0);
	assert_int_equal(dn, strlen(text));
	assert_memory_equal(direct, text, dn);
	/* A blob copied to another client's row, of this organisation or
	 * another, does not open there. */
	buf_reset(&plain);
	assert_int_equal(sensitive_open(&k, 1, "VB-0002", (unsigned char *)sealed.data, sealed.len,
					&plain, &e),
			 IPM_EINVAL);
	assert_int_equal(sensitive_open(&k, 2, "VB-0001", (unsigned char *)sealed.data, sealed.len,
					&plain, &e),
			 IPM_EINVAL);
	assert_int_equal(plain.len, 0);
	/* Sealing twice gives two different blobs (fresh nonce). */
	struct buf again = BUF_INIT;
	sensitive_seal(&k, 1, "VB-0001", text, strlen(text), &again);
	assert_memory_not_equal(again.data, sealed.data, sealed.len);
	/* A blob of version 1 (no client in the associated data) is refused. */
	again.data[1] = 1;
	assert_int_equal(sensitive_open(&k, 1, "VB-0001", (unsigned char *)again.data, again.len,
					&plain, &e),
			 IPM_EINVAL);
	assert_string_equal(e.msg, "sensitive: not an encrypted field of this version");
	buf_free(&again);

	/* Another key is named as such; a changed byte as damage. */
	assert_int_equal(sensitive_key_create(other.data, &created, &e), IPM_OK);
	assert_int_equal(sensitive_key_load(other.data, &k2, &e), IPM_OK);
	buf_reset(&plain);
	assert_int_equal(sensitive_open(&k2, 1, "VB-0001", (unsigned char *)sealed.data, sealed.len,
					&plain, &e),
			 IPM_EINVAL);
	assert_string_equal(e.msg, "sensitive: sealed with another key than the key file holds");
	sealed.data[sealed.len - 20] ^= 1;
	assert_int_equal(sensitive_open(&k, 1, "VB-0001", (unsigned char *)sealed.data, sealed.len,
					&plain, &e),
			 IPM_EINVAL);
	assert_string_equal(e.msg, "sensitive: the field is damaged or another client's "
				   "(authentication failed)");
	assert_int_equal(sensitive_open(&k, 1, "VB-0001", (const unsigned char *)"S\2", 2, &plain,
					&e),
			 IPM_EINVAL);

	/* A key file others may read is refused, as is one of the wrong shape. */
	chmod(path.data, 0644);
	assert_int_equal(sensitive_key_load(path.data, &k, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "may be read by others"));
	chmod(path.data, 0600);
	assert_int_equal(fs_write_atomic(path.data, "abc\n", 4, &e), IPM_OK);
	chmod(path.data, 0600);
	assert_int_equal(sensitive_key_load(path.data, &k, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "64 hexadecimal digits"));

	sensitive_key_wipe(&k);
	sensitive_key_wipe(&k2);
	buf_free(&path);
	buf_free(&other);
	buf_free(&sealed);
	buf_free(&plain);
	test_rmdir_all(dir);
	free(dir);
}

static void passwords_hash_with_argon2id(void **state)
{
	(void)state;
	struct buf hash = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(password_hash("kort", &hash, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "password: at least 12 characters are required");
	/* Twelve characters, not twelve bytes. */
	assert_int_equal(password_check("ëëëëëëëëëëë", &e), IPM_EINVAL);
	assert_int_equal(password_check("ëëëëëëëëëëëë", &e), IPM_OK);
	assert_int_equal(password_hash("correct horse battery", &hash, &e), IPM_OK);
	assert_true(strncmp(hash.data, "$argon2id$", 10) == 0);
	assert_true(password_verify(hash.data, "correct horse battery"));
	assert_false(password_verify(hash.data, "correct horse batterY"));
	assert_false(password_verify(NULL, "correct horse battery"));
	buf_free(&hash);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(router_matches_patterns_and_methods),
		cmocka_unit_test(catalogues_translate_and_negotiate),
		cmocka_unit_test(catalogue_parser_checks_every_offset),
		cmocka_unit_test(roles_have_exactly_their_permissions),
		cmocka_unit_test(sensitive_fields_seal_and_open_with_their_key_only),
		cmocka_unit_test(passwords_hash_with_argon2id),
	};
	return cmocka_run_group_tests_name("web_parts", tests, NULL, NULL);
}
