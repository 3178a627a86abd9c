/* Logging in to `ipm serve` over HTTP: a good login gives a hardened
 * session cookie, a bad one the same answer for every reason, failures are
 * rate limited per name and per address, every form needs its CSRF token,
 * and sessions end on logout and after the idle timeout (docs/web.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "services/demo.h"
#include "services/session.h"
#include "store/store.h"
#include "support/demo_server.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct demo_server S;

/* The server runs behind a "proxy" (--trust-proxy), so that each test comes
 * from its own address and the per-address limit of one test does not
 * touch the others. */
static const char *from(const char *ip)
{
	static char h[128];
	snprintf(h, sizeof h, "X-Forwarded-For: %s\r\n", ip);
	return h;
}

static int server_up(void **state)
{
	(void)state;
	int64_t id;
	/* A user of its own for the per-name limit. */
	if (demo_server_init(&S) ||
	    demo_server_add_user(&S, "limit.user", "Limiet Test", "juist-wachtwoord-1", &id))
		return -1;
	return demo_server_start(&S, "--trust-proxy");
}

static int server_down(void **state)
{
	(void)state;
	demo_server_down(&S);
	return 0;
}

static int64_t audit_count(const char *action, const char *entity)
{
	return demo_sql_int(&S, "SELECT count(*) FROM audit_log WHERE action = ? AND entity = ?",
			    "ss", action, entity);
}

static void login_ok_gives_hardened_cookie(void **state)
{
	(void)state;
	struct buf cookie = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, line = BUF_INIT,
		   hdr = BUF_INIT;
	int64_t logins = audit_count("login", "session");
	assert_int_equal(web_login(S.port, "demo.consulent", DEMO_PASSWORD, from("10.0.0.1"),
				   &cookie, &csrf),
			 303);
	assert_int_equal(strlen(csrf.data), 64);
	assert_int_equal(audit_count("login", "session"), logins + 1);

	/* The cookie's attributes, from a fresh login answer. */
	struct buf body = BUF_INIT, tls = BUF_INIT;
	assert_int_equal(web_login_form(S.port, "demo.consulent", DEMO_PASSWORD, from("10.0.0.1"),
					&r, &hdr, &body),
			 0);
	assert_int_equal(web_resp_cookie_line(r.data, "ipm_pre", &line), 0);
	assert_non_null(strstr(line.data, "HttpOnly"));
	assert_non_null(strstr(line.data, "SameSite=Strict"));
	assert_int_equal(web_req(S.port, "POST", "/login", hdr.data, body.data, &r), 303);
	assert_int_equal(web_resp_cookie_line(r.data, "ipm_session", &line), 0);
	assert_non_null(strstr(line.data, "; Path=/"));
	assert_non_null(strstr(line.data, "; SameSite=Strict"));
	assert_non_null(strstr(line.data, "; HttpOnly"));
	assert_null(strstr(line.data, "Secure")); /* plain HTTP, no TLS in front */
	assert_null(strstr(line.data, "Max-Age")); /* ends with the browser */

	/* Behind TLS (the proxy says so) the cookie is Secure, with HSTS. */
	buf_printf(&tls, "X-Forwarded-Proto: https\r\n%s", hdr.data);
	assert_int_equal(web_req(S.port, "POST", "/login", tls.data, body.data, &r), 303);
	assert_int_equal(web_resp_cookie_line(r.data, "ipm_session", &line), 0);
	assert_non_null(strstr(line.data, "; Secure"));
	assert_int_equal(web_resp_header(r.data, "Strict-Transport-Security", &line), 0);

	/* The token is stored only as its SHA-256. */
	struct buf token = BUF_INIT;
	web_resp_cookie(r.data, "ipm_session", &token);
	char hex[STORE_HASH_HEX + 1];
	session_hash_hex(token.data, hex);
	sqlite3 *db = raw_open(S.db.data);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM web_sessions WHERE token_hash = ?", "s",
				 hex),
			 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM web_sessions WHERE token_hash = ?", "s",
				 token.data),
			 0);
	sqlite3_close(db);

	/* The session opens the caseload. */
	buf_reset(&hdr);
	buf_printf(&hdr, "Cookie: %s\r\n", cookie.data);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "Mijn cliënten"));
	assert_non_null(strstr(r.data, "VB-0004"));
	buf_free(&token);
	buf_free(&tls);
	buf_free(&body);
	buf_free(&cookie);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&line);
	buf_free(&hdr);
}

/* Wrong password, unknown user: the same page, no session. */
static void login_refused_says_the_same_for_every_reason(void **state)
{
	(void)state;
	struct buf cookie = BUF_INIT, csrf = BUF_INIT;
	assert_int_equal(web_login(S.port, "demo.consulent", "fout-wachtwoord-123", from("10.0.0.2"),
				   &cookie, &csrf),
			 200);
	assert_int_equal(web_login(S.port, "bestaat.niet", "fout-wachtwoord-123", from("10.0.0.2"),
				   &cookie, &csrf),
			 200);
	/* And the page says so in Dutch, naming neither cause. */
	struct buf r = BUF_INIT, hdr = BUF_INIT, body = BUF_INIT;
	assert_int_equal(
		web_login_form(S.port, "bestaat.niet", "x", from("10.0.0.2"), &r, &hdr, &body), 0);
	assert_int_equal(web_req(S.port, "POST", "/login", hdr.data, body.data, &r), 200);
	assert_non_null(strstr(r.data, "De gebruikersnaam of het wachtwoord klopt niet."));
	assert_int_not_equal(web_resp_cookie(r.data, "ipm_session", &cookie), 0);
	/* The name typed is shown back, escaped; the password never. */
	assert_non_null(strstr(r.data, "value=\"bestaat.niet\""));
	buf_free(&r);
	buf_free(&hdr);
	buf_free(&body);
	buf_free(&cookie);
	buf_free(&csrf);
}

static void failures_are_limited_per_name_and_per_address(void **state)
{
	(void)state;
	struct buf cookie = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	/* Five failures for one name, from five addresses... */
	for (int i = 0; i < 5; i++) {
		char ip[32];
		snprintf(ip, sizeof ip, "10.1.0.%d", i + 1);
		assert_int_equal(web_login(S.port, "limit.user", "verkeerd-wachtwoord", from(ip),
					   &cookie, &csrf),
				 200);
	}
	/* ...and the right password is refused too, with 429, from anywhere. */
	assert_int_equal(web_login(S.port, "limit.user", "juist-wachtwoord-1", from("10.1.0.99"),
				   &cookie, &csrf),
			 429);
	/* Another user is not affected. */
	assert_int_equal(web_login(S.port, "demo.psycholoog", DEMO_PASSWORD, from("10.1.0.99"),
				   &cookie, &csrf),
			 303);
	/* Twenty failures from one address block that address for every name. */
	for (int i = 0; i < 20; i++) {
		char name[32];
		snprintf(name, sizeof name, "gok%d", i);
		assert_int_equal(web_login(S.port, name, "verkeerd-wachtwoord", from("10.2.0.1"),
					   &cookie, &csrf),
				 200);
	}
	assert_int_equal(web_login(S.port, "demo.psycholoog", DEMO_PASSWORD, from("10.2.0.1"),
				   &cookie, &csrf),
			 429);
	/* The page says to wait, and Retry-After says how long. */
	struct buf hdr = BUF_INIT, body = BUF_INIT, ra = BUF_INIT;
	assert_int_equal(web_login_form(S.port, "demo.psycholoog", DEMO_PASSWORD, from("10.2.0.1"),
					&r, &hdr, &body),
			 0);
	assert_int_equal(web_req(S.port, "POST", "/login", hdr.data, body.data, &r), 429);
	assert_int_equal(web_resp_header(r.data, "Retry-After", &ra), 0);
	assert_string_equal(ra.data, "900");
	assert_non_null(strstr(r.data, "Te veel mislukte pogingen"));
	/* Nothing of the names or addresses is stored, only hashes. */
	sqlite3 *db = raw_open(S.db.data);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM login_failures WHERE key LIKE '%limit%'"
				     " OR key LIKE '%10.%'", ""),
			 0);
	sqlite3_close(db);
	buf_free(&hdr);
	buf_free(&body);
	buf_free(&ra);
	buf_free(&cookie);
	buf_free(&csrf);
	buf_free(&r);
}

/* Every POST needs the token of its session (or, for the login form, of
 * the pre-session cookie): without or with a wrong one, 403 and no effect. */
static void forms_without_their_csrf_token_are_refused(void **state)
{
	(void)state;
	struct buf cookie = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, hdr = BUF_INIT,
		   body = BUF_INIT;
	assert_int_equal(web_login(S.port, "demo.consulent", DEMO_PASSWORD, from("10.3.0.1"),
				   &cookie, &csrf),
			 303);
	buf_printf(&hdr, "Cookie: %s\r\n", cookie.data);
	assert_int_equal(web_req(S.port, "POST", "/logout", hdr.data, "", &r), 403);
	assert_int_equal(web_req(S.port, "POST", "/logout", hdr.data,
				 "csrf=0000000000000000000000000000000000000000000000000000000000000000",
				 &r),
			 403);
	/* Another session's token does not do either. */
	struct buf other_cookie = BUF_INIT, other_csrf = BUF_INIT;
	assert_int_equal(web_login(S.port, "demo.jobcoach", DEMO_PASSWORD, from("10.3.0.1"),
				   &other_cookie, &other_csrf),
			 303);
	buf_printf(&body, "csrf=%s", other_csrf.data);
	assert_int_equal(web_req(S.port, "POST", "/logout", hdr.data, body.data, &r), 403);
	/* Still logged in. */
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 200);
	/* A form of another type is not read at all. */
	assert_int_equal(web_req(S.port, "POST", "/logout",
				 "Content-Type: multipart/form-data; boundary=x\r\n", NULL, &r),
			 403); /* not logged in: refused before the body */
	/* The login form without its pre-session cookie. */
	assert_int_equal(web_req(S.port, "POST", "/login", from("10.3.0.1"),
				 "csrf=abc&username=demo.consulent&password=demo-wachtwoord", &r),
			 403);
	/* With the right token, logout works and ends the session. */
	buf_reset(&body);
	buf_printf(&body, "csrf=%s", csrf.data);
	int64_t logouts = audit_count("logout", "session");
	assert_int_equal(web_req(S.port, "POST", "/logout", hdr.data, body.data, &r), 303);
	assert_int_equal(audit_count("logout", "session"), logouts + 1);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 303);
	struct buf loc = BUF_INIT;
	assert_int_equal(web_resp_header(r.data, "Location", &loc), 0);
	assert_string_equal(loc.data, "/login");
	buf_free(&loc);
	buf_free(&other_cookie);
	buf_free(&other_csrf);
	buf_free(&cookie);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&hdr);
	buf_free(&body);
}

/* A session unused for longer than the idle timeout (30 minutes) is over,
 * and gone from the store. The clock is moved by ageing the session row. */
static void idle_sessions_end(void **state)
{
	(void)state;
	struct buf cookie = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, hdr = BUF_INIT;
	assert_int_equal(web_login(S.port, "demo.consulent", DEMO_PASSWORD, from("10.4.0.1"),
				   &cookie, &csrf),
			 303);
	buf_printf(&hdr, "Cookie: %s\r\n", cookie.data);
	char hex[STORE_HASH_HEX + 1];
	session_hash_hex(cookie.data + strlen("ipm_session="), hex);
	sqlite3 *db = raw_open(S.db.data);
	/* 29 minutes idle: still fine. */
	raw_run(db, NULL, "UPDATE web_sessions SET seen_unix = seen_unix - 29 * 60 WHERE token_hash = ?",
		"s", hex);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 200);
	/* The request moved seen_unix to now; 31 minutes more is too long. */
	raw_run(db, NULL, "UPDATE web_sessions SET seen_unix = seen_unix - 31 * 60 WHERE token_hash = ?",
		"s", hex);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 303);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM web_sessions WHERE token_hash = ?", "s",
				 hex),
			 0);
	/* And no session lives longer than 12 hours, however busy. */
	assert_int_equal(web_login(S.port, "demo.consulent", DEMO_PASSWORD, from("10.4.0.1"),
				   &cookie, &csrf),
			 303);
	buf_reset(&hdr);
	buf_printf(&hdr, "Cookie: %s\r\n", cookie.data);
	session_hash_hex(cookie.data + strlen("ipm_session="), hex);
	raw_run(db, NULL,
		"UPDATE web_sessions SET created_unix = created_unix - 12 * 3600 WHERE token_hash = ?",
		"s", hex);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 303);
	sqlite3_close(db);
	buf_free(&cookie);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&hdr);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(login_ok_gives_hardened_cookie),
		cmocka_unit_test(login_refused_says_the_same_for_every_reason),
		cmocka_unit_test(failures_are_limited_per_name_and_per_address),
		cmocka_unit_test(forms_without_their_csrf_token_are_refused),
		cmocka_unit_test(idle_sessions_end),
	};
	return cmocka_run_group_tests_name("web_auth", tests, server_up, server_down);
}
