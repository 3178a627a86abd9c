/* The security review of the web application (docs/security.md), over HTTP
 * against `ipm serve` on a fresh demo database: each test is a finding that
 * was fixed, and fails without its fix.
 *
 * The demo (services/demo.c): client 1 (VB-0001) is only demo.consulent's;
 * client 4 (VB-0004) is also shared with demo.psycholoog and demo.jobcoach. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/demo_server.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct demo_server S;

enum { OWN_ONLY = 1, SHARED = 4 };

static int up(void **state)
{
	(void)state;
	return demo_server_up(&S);
}

static int down(void **state)
{
	(void)state;
	demo_server_down(&S);
	return 0;
}

/* GET path with the session header; the status. */
static int get(const char *path, const struct buf *hdr, struct buf *r)
{
	return web_req(S.port, "GET", path, hdr ? hdr->data : NULL, NULL, r);
}

/* POST "csrf=TOKEN&rest" to path; the status. */
static int post(const char *path, const struct buf *hdr, const struct buf *csrf,
		const char *rest, struct buf *r)
{
	struct buf body = BUF_INIT;
	buf_printf(&body, "csrf=%s%s%s", csrf->data, *rest ? "&" : "", rest);
	int status = web_req(S.port, "POST", path, hdr->data, body.data, r);
	buf_free(&body);
	return status;
}

/* The Dutch labels of the special-category factors of data/packs/ipm-factors.json. */
static const char *const special_labels[] = {
	"Ervaren gezondheid", "Werkvermogen en belastbaarheid", "Psychosociaal welzijn",
	"Justitie", "Gevolgen van verslaving",
};

static int names_a_special_factor(const char *body)
{
	for (size_t i = 0; i < sizeof special_labels / sizeof special_labels[0]; i++)
		if (strstr(body, special_labels[i]))
			return 1;
	return 0;
}

/* Finding: the jobcoach (no PERM_SENSITIVE) read special-category factors
 * on the instruments page ("door: Justitie (sterk belemmerend)", "past bij:
 * Gevolgen van verslaving") and in the prognosis's "what would raise the
 * chance most". The consulent still sees them. */
static void the_jobcoach_reads_no_special_category_factor(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(post("/clients/4/factors", &hdr, &csrf,
			      "r.gezondheid=-2&r.verslaving=-2&r.justitie=-2&r.psychosociaal=-1"
			      "&r.werkvermogen=-1&action=finish",
			      &r),
			 303);
	assert_int_equal(get("/clients/4/instruments", &hdr, &r), 200);
	assert_non_null(strstr(r.data, "Gevolgen van verslaving"));
	assert_non_null(strstr(r.data, "door: Justitie"));
	assert_int_equal(get("/clients/4/prognosis", &hdr, &r), 200);
	assert_true(names_a_special_factor(r.data));

	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	assert_int_equal(get("/clients/4/instruments", &hdr, &r), 200);
	assert_false(names_a_special_factor(r.data));
	assert_int_equal(get("/clients/4/prognosis", &hdr, &r), 200);
	assert_false(names_a_special_factor(r.data));
	assert_int_equal(get("/clients/4/profile", &hdr, &r), 200);
	assert_false(names_a_special_factor(r.data));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

/* Finding: /lang?back= redirected to "/<TAB>/evil.example", which browsers
 * read as "//evil.example" (they drop tabs and newlines from URLs): an open
 * redirect from a trusted address. A back with a control character or a
 * backslash now goes home; our own paths still work. */
static void the_language_switch_redirects_only_to_our_own_paths(void **state)
{
	(void)state;
	static const struct {
		const char *back, *location;
	} cases[] = {
		{ "/clients/4", "/clients/4" },
		{ "/%09/evil.example", "/" },
		{ "/%0A/evil.example", "/" },
		{ "/%0D/evil.example", "/" },
		{ "/%5C/evil.example", "/" },
		{ "/x%5C..%5C%5Cevil.example", "/" },
		{ "//evil.example", "/" },
		{ "https://evil.example", "/" },
		{ "/%0D%0ASet-Cookie:+x=1", "/" },
	};
	struct buf r = BUF_INIT, path = BUF_INIT, loc = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&path);
		buf_printf(&path, "/lang?to=en&back=%s", cases[i].back);
		assert_int_equal(get(path.data, NULL, &r), 303);
		assert_int_equal(web_resp_header(r.data, "Location", &loc), 0);
		assert_string_equal(loc.data, cases[i].location);
		assert_null(strstr(r.data, "\r\nSet-Cookie: x=1"));
	}
	buf_free(&r);
	buf_free(&path);
	buf_free(&loc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_jobcoach_reads_no_special_category_factor),
		cmocka_unit_test(the_language_switch_redirects_only_to_our_own_paths),
	};
	return cmocka_run_group_tests(tests, up, down);
}
