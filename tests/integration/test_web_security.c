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

#include "services/demo.h"
#include "services/sensitive.h"
#include "support/demo_server.h"
#include "core/fs.h"
#include "support/proc.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

DEMO_SERVER_GROUP(S)

enum { OWN_ONLY = 1, SHARED = 4 };

/* GET path with the session header; the status. */
static int get(const char *path, const struct buf *hdr, struct buf *r)
{
	return web_req(S.port, "GET", path, hdr ? hdr->data : NULL, NULL, r);
}

/* POST "csrf=TOKEN&rest" to path; the status. */
static int post(const char *path, const struct buf *hdr, const struct buf *csrf,
		const char *rest, struct buf *r)
{
	return web_post_form(S.port, hdr->data, csrf->data, path, rest, r);
}

/* Issues a report of the client as the logged-in user; its id. */
static int64_t issue(const struct buf *hdr, const struct buf *csrf, int64_t client,
		     const char *version)
{
	struct buf path = BUF_INIT, rest = BUF_INIT, r = BUF_INIT, loc = BUF_INIT;
	buf_printf(&path, "/clients/%lld/reports", (long long)client);
	buf_printf(&rest, "version=%s&format=html", version);
	assert_int_equal(post(path.data, hdr, csrf, rest.data, &r), 303);
	assert_int_equal(web_resp_header(r.data, "Location", &loc), 0);
	const char *slash = strrchr(loc.data, '/');
	assert_non_null(slash);
	int64_t id = atoll(slash + 1);
	buf_free(&path);
	buf_free(&rest);
	buf_free(&r);
	buf_free(&loc);
	return id;
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
	/* Finding: the client version of the report — the client's own copy,
	 * with the special-category factors and each Big Five domain in plain
	 * words — was the jobcoach's to download. It is not; the employer
	 * version (what the client agreed to share) is. */
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	int64_t client = issue(&hdr, &csrf, SHARED, "client");
	int64_t employer = issue(&hdr, &csrf, SHARED, "employer");
	struct buf path = BUF_INIT;
	buf_printf(&path, "/clients/4/reports/%lld", (long long)client);
	assert_int_equal(get(path.data, &hdr, &r), 200);
	assert_true(names_a_special_factor(r.data));
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	assert_int_equal(get(path.data, &hdr, &r), 403);
	buf_reset(&path);
	buf_printf(&path, "/clients/4/reports/%lld", (long long)employer);
	assert_int_equal(get(path.data, &hdr, &r), 200);
	assert_int_equal(get("/clients/4/reports", &hdr, &r), 200);
	assert_null(strstr(r.data, "Cliënt"));
	buf_free(&path);
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

/* Sets clients.sensitive of `client` to blob (NULL: a copy of client
 * `from`'s), as someone with write access to the database file could. */
static void put_blob(int64_t client, const struct buf *blob, int64_t from)
{
	sqlite3 *db = raw_open(S.db.data);
	sqlite3_stmt *st = NULL;
	const char *sql = blob ? "UPDATE clients SET sensitive = ?1 WHERE id = ?2"
			       : "UPDATE clients SET sensitive = (SELECT sensitive FROM clients"
				 " WHERE id = ?1) WHERE id = ?2";
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (blob)
		sqlite3_bind_blob(st, 1, blob->data, (int)blob->len, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, client);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

/* Finding: the associated data of a sealed field named only the format
 * and the key, so a blob copied to another client's row (by anyone who can
 * write the database file, without the key) opened there as that client's
 * health data; and a field that did not open made the whole dossier a 500.
 * Now the organisation and client number are bound in, and a field that
 * does not open is said so on a dossier and an inzage that still show. */
static void a_sealed_field_opens_only_for_its_own_client(void **state)
{
	(void)state;
	struct buf path = BUF_INIT, blob = BUF_INIT, hdr = BUF_INIT, csrf = BUF_INIT,
		   r = BUF_INIT;
	struct sensitive_key k;
	struct err e;
	buf_printf(&path, "%s/ipm.key", S.dir);
	assert_int_equal(sensitive_key_load(path.data, &k, &e), IPM_OK);
	const char text[] = "Rugklachten; niet lang staan";
	sensitive_seal(&k, 1, "VB-0004", text, strlen(text), &blob);
	sensitive_key_wipe(&k);
	put_blob(SHARED, &blob, 0);
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(get("/clients/4", &hdr, &r), 200);
	assert_non_null(strstr(r.data, text));

	put_blob(OWN_ONLY, NULL, SHARED);
	assert_int_equal(get("/clients/1", &hdr, &r), 200);
	assert_null(strstr(r.data, "Rugklachten"));
	assert_non_null(strstr(r.data, "versleuteld voor een andere cliënt"));
	assert_int_equal(get("/clients/1/inzage?download=json", &hdr, &r), 200);
	assert_null(strstr(r.data, "Rugklachten"));
	assert_non_null(strstr(r.data, "\"unreadable\""));
	assert_int_equal(get("/clients/1/inzage", &hdr, &r), 200);
	assert_non_null(strstr(r.data, "versleuteld voor een andere cliënt"));
	/* Its own client still reads it. */
	assert_int_equal(get("/clients/4", &hdr, &r), 200);
	assert_non_null(strstr(r.data, text));
	buf_free(&path);
	buf_free(&blob);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

/* Finding: a sub-resource id of another client ({rid}, {aid} under a
 * client one may open) was read — and audited as read of that other
 * client's dossier — before the page noticed it was not this client's;
 * and the refusals of a version or of a write to roles without the right
 * were not audited. Now another client's id is not found without a read on
 * record, and every refusal is audited 'denied'. */
static void sub_resources_of_another_client_are_not_read(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, path = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	int64_t other = issue(&hdr, &csrf, OWN_ONLY, "prof");
	int64_t prof = issue(&hdr, &csrf, SHARED, "prof");
	int64_t client = issue(&hdr, &csrf, SHARED, "client");
	int64_t employer = issue(&hdr, &csrf, SHARED, "employer");
	assert_int_equal(post("/clients/1/questionnaires", &hdr, &csrf,
			      "pack=ipip-neo-120&how=professional", &r),
			 303);
	assert_int_equal(post("/clients/4/factors", &hdr, &csrf, "r.taalniveau=-1&action=save", &r),
			 303);
	sqlite3 *db = raw_open(S.db.data);
	int64_t aid = raw_int(db, "SELECT max(id) FROM assessments WHERE client_id = 1"
				  " AND pack_id = 'ipip-neo-120'", "");
	/* An open factor interview of client 4: no one-time link opens it. */
	int64_t factors = raw_int(db, "SELECT max(id) FROM assessments WHERE client_id = 4"
				      " AND pack_id = 'ipm-factors' AND completed_at IS NULL", "");
	sqlite3_close(db);
	assert_true(aid > 0);
	assert_true(factors > 0);

	int64_t psy = demo_user_id(&S, "demo.psycholoog"), jc = demo_user_id(&S, "demo.jobcoach");
	demo_server_login(&S, "demo.psycholoog", &hdr, &csrf);
	buf_printf(&path, "/clients/4/reports/%lld", (long long)other);
	assert_int_equal(get(path.data, &hdr, &r), 404);
	buf_reset(&path);
	buf_printf(&path, "/clients/4/questionnaires/%lld", (long long)aid);
	assert_int_equal(get(path.data, &hdr, &r), 404);
	buf_reset(&path);
	buf_printf(&path, "/clients/4/questionnaires/%lld/link", (long long)aid);
	assert_int_equal(post(path.data, &hdr, &csrf, "", &r), 404);
	assert_int_equal(demo_audited(&S, psy, "read", "report", OWN_ONLY), 0);
	assert_int_equal(demo_audited(&S, psy, "read", "assessment", OWN_ONLY), 0);
	buf_reset(&path);
	buf_printf(&path, "/clients/4/questionnaires/%lld/link", (long long)factors);
	assert_int_equal(post(path.data, &hdr, &csrf, "", &r), 404);
	assert_null(strstr(r.data, "/q/"));
	/* Its own client's report is there. */
	buf_reset(&path);
	buf_printf(&path, "/clients/4/reports/%lld", (long long)prof);
	assert_int_equal(get(path.data, &hdr, &r), 200);

	/* The jobcoach: the professional version refused and audited, the
	 * employer version read; another client's report not found. */
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	int64_t denied = demo_audited(&S, jc, "denied", "report", SHARED);
	assert_int_equal(get(path.data, &hdr, &r), 403);
	assert_int_equal(demo_audited(&S, jc, "denied", "report", SHARED), denied + 1);
	buf_reset(&path);
	buf_printf(&path, "/clients/4/reports/%lld", (long long)employer);
	assert_int_equal(get(path.data, &hdr, &r), 200);
	buf_reset(&path);
	buf_printf(&path, "/clients/4/reports/%lld", (long long)client);
	assert_int_equal(get(path.data, &hdr, &r), 403);
	buf_reset(&path);
	buf_printf(&path, "/clients/4/reports/%lld", (long long)other);
	assert_int_equal(get(path.data, &hdr, &r), 404);
	assert_int_equal(demo_audited(&S, jc, "read", "report", OWN_ONLY), 0);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&path);
}

/* Finding: pages about no one client refused a role without auditing it. */
static void refusals_without_a_client_are_audited(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	int64_t mgr = demo_user_id(&S, "demo.manager"), jc = demo_user_id(&S, "demo.jobcoach");
	demo_server_login(&S, "demo.manager", &hdr, &csrf);
	int64_t caseload = demo_audited(&S, mgr, "denied", "caseload", 0);
	int64_t client = demo_audited(&S, mgr, "denied", "client", 0);
	assert_int_equal(get("/clients", &hdr, &r), 403);
	assert_int_equal(get("/clients/new", &hdr, &r), 403);
	assert_int_equal(demo_audited(&S, mgr, "denied", "caseload", 0), caseload + 1);
	assert_int_equal(demo_audited(&S, mgr, "denied", "client", 0), client + 1);
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	int64_t aggregates = demo_audited(&S, jc, "denied", "aggregates", 0);
	assert_int_equal(get("/overview", &hdr, &r), 403);
	assert_int_equal(demo_audited(&S, jc, "denied", "aggregates", 0), aggregates + 1);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

/* Finding (defence in depth): a catalogue link was put into href as
 * stored. The import accepts only http(s) addresses; the page now links
 * nothing else either, whatever the database holds. */
static void catalogue_links_are_only_web_addresses(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	sqlite3 *db = raw_open(S.db.data);
	int64_t seq = raw_int(db, "SELECT min(instrument) FROM cat_instrument_links", "");
	char *iid = raw_text(db, "SELECT id FROM cat_instruments WHERE seq = ?", "i", seq);
	assert_int_equal(raw_run(db, NULL,
				 "UPDATE cat_instrument_links SET url = 'javascript:alert(1)'"
				 " WHERE instrument = ? AND pos = 1",
				 "i", seq),
			 SQLITE_DONE);
	sqlite3_close(db);
	struct buf path = BUF_INIT;
	buf_printf(&path, "/catalogue/%s", iid);
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(get(path.data, &hdr, &r), 200);
	assert_null(strstr(r.data, "href=\"javascript:"));
	assert_non_null(strstr(r.data, ": javascript:alert(1) ("));
	free(iid);
	buf_free(&path);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

/* Finding: logging in again in a browser with a session left the old
 * session alive in the store beside the new one. */
static void a_new_login_ends_the_old_session(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, pre = BUF_INIT,
		   field = BUF_INIT, both = BUF_INIT, body = BUF_INIT, fresh = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(get("/clients", &hdr, &r), 200);
	assert_int_equal(get("/login", NULL, &r), 200);
	assert_int_equal(web_resp_cookie(r.data, "ipm_pre", &pre), 0);
	assert_int_equal(web_form_value(r.data, "csrf", &field), 0);
	/* hdr is "Cookie: ipm_session=...\r\n": add the pre-session cookie. */
	buf_add(&both, hdr.data, hdr.len - 2);
	buf_printf(&both, "; ipm_pre=%s\r\n", pre.data);
	buf_printf(&body, "csrf=%s&username=demo.consulent&password=demo-wachtwoord", field.data);
	assert_int_equal(web_req(S.port, "POST", "/login", both.data, body.data, &r), 303);
	assert_int_equal(web_resp_cookie(r.data, "ipm_session", &fresh), 0);
	assert_null(strstr(hdr.data, fresh.data));
	/* The old cookie no longer opens anything; the new one does. */
	assert_int_equal(get("/clients", &hdr, &r), 303);
	buf_reset(&hdr);
	buf_printf(&hdr, "Cookie: ipm_session=%s\r\n", fresh.data);
	assert_int_equal(get("/clients", &hdr, &r), 200);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&pre);
	buf_free(&field);
	buf_free(&both);
	buf_free(&body);
	buf_free(&fresh);
}

/* Sends raw bytes and reads the answer for at most `seconds`. */
static void raw_exchange(const char *bytes, int seconds, struct buf *out)
{
	buf_reset(out);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)S.port) };
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	struct timeval tv = { .tv_sec = seconds };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
	assert_int_equal(write(fd, bytes, strlen(bytes)), (ssize_t)strlen(bytes));
	char chunk[4096];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)n);
	close(fd);
}

/* Finding: a form body announced larger than the server takes was read
 * to its end (or waited for until the connection timed out) before the
 * 413; now the answer comes at once, and the body is not read. Forms of
 * another type get 415 at once. */
static void an_oversized_body_is_refused_before_it_is_read(void **state)
{
	(void)state;
	struct buf r = BUF_INIT;
	raw_exchange("POST /login HTTP/1.1\r\nHost: localhost\r\n"
		     "Content-Type: application/x-www-form-urlencoded\r\n"
		     "Content-Length: 1000000000\r\n\r\ncsrf=",
		     5, &r);
	assert_non_null(strstr(r.data ? r.data : "", "HTTP/1.1 413 "));
	raw_exchange("POST /login HTTP/1.1\r\nHost: localhost\r\n"
		     "Content-Type: multipart/form-data; boundary=x\r\n"
		     "Content-Length: 100000\r\n\r\n--x",
		     5, &r);
	assert_non_null(strstr(r.data ? r.data : "", "HTTP/1.1 415 "));
	buf_free(&r);
}

/* Checks the headers every answer must carry. */
static void has_security_headers(const char *resp)
{
	struct buf h = BUF_INIT;
	assert_int_equal(web_resp_header(resp, "Content-Security-Policy", &h), 0);
	assert_string_equal(h.data, "default-src 'none'; style-src 'self'; img-src 'self' data:; "
				    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
				    "base-uri 'none'");
	assert_int_equal(web_resp_header(resp, "X-Content-Type-Options", &h), 0);
	assert_string_equal(h.data, "nosniff");
	assert_int_equal(web_resp_header(resp, "X-Frame-Options", &h), 0);
	assert_int_equal(web_resp_header(resp, "Referrer-Policy", &h), 0);
	assert_int_equal(web_resp_header(resp, "Content-Type", &h), 0);
	buf_free(&h);
}

/* Every kind of answer carries the security headers, with the strictest
 * policy (IPM serves no script: finding, script-src 'self' was allowed);
 * downloads are attachments of their own type, named by internal ids. */
static void every_answer_carries_the_security_headers(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, h = BUF_INIT;
	static const struct {
		const char *path;
		int status;
	} anonymous[] = {
		{ "/login", 200 }, { "/", 303 }, { "/clients/4", 303 }, { "/no-such-page", 404 },
		{ "/static/ipm.css", 200 }, { "/healthz", 200 }, { "/q/x", 410 },
	};
	for (size_t i = 0; i < sizeof anonymous / sizeof anonymous[0]; i++) {
		assert_int_equal(get(anonymous[i].path, NULL, &r), anonymous[i].status);
		has_security_headers(r.data);
	}
	assert_int_equal(web_req(S.port, "PUT", "/login", NULL, NULL, &r), 405);
	has_security_headers(r.data);
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	assert_int_equal(get("/clients/1", &hdr, &r), 403);
	has_security_headers(r.data);
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(get("/clients/4", &hdr, &r), 200);
	has_security_headers(r.data);
	assert_int_equal(get("/clients/4/inzage?download=json", &hdr, &r), 200);
	has_security_headers(r.data);
	assert_int_equal(web_resp_header(r.data, "Content-Type", &h), 0);
	assert_string_equal(h.data, "application/json; charset=utf-8");
	assert_int_equal(web_resp_header(r.data, "Content-Disposition", &h), 0);
	assert_string_equal(h.data, "attachment; filename=\"inzage-4.json\"");
	int64_t rid = issue(&hdr, &csrf, SHARED, "client");
	struct buf path = BUF_INIT, want = BUF_INIT;
	buf_printf(&path, "/clients/4/reports/%lld", (long long)rid);
	assert_int_equal(get(path.data, &hdr, &r), 200);
	has_security_headers(r.data);
	assert_int_equal(web_resp_header(r.data, "Content-Disposition", &h), 0);
	buf_printf(&want, "attachment; filename=\"adviesrapport-%lld-client.html\"", (long long)rid);
	assert_string_equal(h.data, want.data);
	buf_free(&path);
	buf_free(&want);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&h);
}

/* Finding: libmicrohttpd wrote its own messages to stderr with their
 * arguments, one of which can be the request's path — for a one-time link,
 * its token. They are log lines now, without arguments; and the access log
 * holds routes, not paths or query strings (names typed in a search). */
static void logs_hold_no_personal_data_or_link_tokens(void **state)
{
	(void)state;
	struct buf port_file = BUF_INIT, log = BUF_INIT, got = BUF_INIT, hdr = BUF_INIT,
		   csrf = BUF_INIT, cookie = BUF_INIT, r = BUF_INIT;
	struct err e;
	buf_printf(&port_file, "%s/port-logged", S.dir);
	buf_printf(&log, "%s/serve.log", S.dir);
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log.data, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		dup2(fd, 2);
		execl(test_ipm_bin(), "ipm", "serve", "--db", S.db.data, "--data", "data", "--port",
		      "0", "--threads", "1", "--port-file", port_file.data, (char *)NULL);
		_exit(127);
	}
	assert_int_equal(test_wait_file(port_file.data, 10000), 0);
	assert_int_equal(fs_read_file(port_file.data, &got, &e), IPM_OK);
	int port = atoi(got.data);
	const char token[] = "GeheimeLinkToken0123456789abcdefghijklmnopq"; /* 43 characters */
	assert_int_equal(web_login(port, "demo.consulent", DEMO_PASSWORD, NULL, &cookie, &csrf),
			 303);
	buf_printf(&hdr, "Cookie: %s\r\n", cookie.data);
	assert_int_equal(web_req(port, "GET", "/clients?q=Ingrid+van+Dam", hdr.data, NULL, &r),
			 200);
	assert_int_equal(web_req(port, "GET", "/clients/4", hdr.data, NULL, &r), 200);
	struct buf path = BUF_INIT;
	buf_printf(&path, "/q/%s", token);
	assert_int_equal(web_req(port, "GET", path.data, NULL, NULL, &r), 410);
	/* A request libmicrohttpd refuses itself, on the link's path. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
	struct buf bad = BUF_INIT;
	buf_printf(&bad, "GET %s HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", path.data);
	assert_int_equal(write(fd, bad.data, bad.len), (ssize_t)bad.len);
	char chunk[4096];
	while (read(fd, chunk, sizeof chunk) > 0)
		;
	close(fd);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	buf_reset(&got);
	assert_int_equal(fs_read_file(log.data, &got, &e), IPM_OK);
	assert_non_null(strstr(got.data, "event=http.request"));
	assert_non_null(strstr(got.data, "event=http.library"));
	assert_null(strstr(got.data, token));
	assert_null(strstr(got.data, "Ingrid"));
	assert_null(strstr(got.data, "VB-0004"));
	assert_null(strstr(got.data, "q="));
	assert_null(strstr(got.data, "/clients/4"));
	/* Every line is one of ours. */
	for (const char *l = got.data; *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : "")
		assert_int_equal(strncmp(l, "ts=", 3), 0);
	buf_free(&bad);
	buf_free(&path);
	buf_free(&port_file);
	buf_free(&log);
	buf_free(&got);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&cookie);
	buf_free(&r);
}

/* Guard: a one-time link opens its questionnaire and nothing else — its
 * pre-session token is no session, for pages or for forms. */
static void a_link_opens_nothing_else(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, pre = BUF_INIT,
		   cookie = BUF_INIT, body = BUF_INIT, path = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(post("/clients/1/questionnaires", &hdr, &csrf,
			      "pack=culture-preference&how=link", &r),
			 200);
	const char *q = strstr(web_resp_body(r.data), "/q/");
	assert_non_null(q);
	buf_add(&path, q, 3 + 43);
	assert_int_equal(get(path.data, NULL, &r), 200);
	assert_int_equal(web_resp_cookie(r.data, "ipm_pre", &pre), 0);
	buf_printf(&cookie, "Cookie: ipm_pre=%s\r\n", pre.data);
	const char *pages[] = { "/clients", "/clients/1", "/clients/1/questionnaires",
				"/clients/1/results/culture-preference", "/catalogue", "/admin" };
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		assert_int_equal(web_req(S.port, "GET", pages[i], cookie.data, NULL, &r), 303);
		assert_int_equal(web_resp_header(r.data, "Location", &body), 0);
		assert_string_equal(body.data, "/login");
	}
	buf_reset(&body);
	buf_printf(&body, "csrf=%s&pack=ipip-neo-120&how=professional", pre.data);
	assert_int_equal(web_req(S.port, "POST", "/clients/1/questionnaires", cookie.data,
				 body.data, &r),
			 403);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&pre);
	buf_free(&cookie);
	buf_free(&body);
	buf_free(&path);
}

/* Guard: typed text is stored as typed and shown as text; text that is not
 * UTF-8 is refused (400) and nothing is stored. */
static void typed_text_is_shown_as_text(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	sqlite3 *db = raw_open(S.db.data);
	int64_t before = raw_int(db, "SELECT count(*) FROM advice_items", "");
	assert_int_equal(post("/clients/4/advice", &hdr, &csrf,
			      "type=randvoorwaarde&text=%3Cscript%3Ealert(1)%3C%2Fscript%3E+%22a%22"
			      "+%27b%27+%26+%3Cimg+src%3Dx+onerror%3Dalert(2)%3E",
			      &r),
			 303);
	assert_int_equal(post("/clients/4/advice", &hdr, &csrf,
			      "type=randvoorwaarde&text=caf%C3%28+niet+UTF-8", &r),
			 400);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM advice_items", ""), before + 1);
	char *stored = raw_text(db, "SELECT text FROM advice_items ORDER BY id DESC LIMIT 1", "");
	assert_string_equal(stored, "<script>alert(1)</script> \"a\" 'b' & <img src=x onerror=alert(2)>");
	free(stored);
	sqlite3_close(db);
	assert_int_equal(get("/clients/4/instruments", &hdr, &r), 200);
	assert_null(strstr(r.data, "<script>alert(1)"));
	assert_null(strstr(r.data, "<img src=x"));
	assert_non_null(strstr(r.data, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;a&quot; &#39;b&#39; "
					"&amp; &lt;img src=x onerror=alert(2)&gt;"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

/* Without --trust-proxy an X-Forwarded-For header is the client's own
 * word: changing it does not make another address for the login limit.
 * (Last: the loopback address stays limited for a quarter of an hour.) */
static void forwarded_for_is_ignored_without_trust_proxy(void **state)
{
	(void)state;
	struct buf cookie = BUF_INIT, csrf = BUF_INIT;
	char name[32], from[64];
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof name, "raden%d", i);
		snprintf(from, sizeof from, "X-Forwarded-For: 10.9.%d.1\r\n", i);
		assert_int_equal(web_login(S.port, name, "verkeerd-wachtwoord", from, &cookie, &csrf),
				 200);
	}
	assert_int_equal(web_login(S.port, "demo.consulent", DEMO_PASSWORD,
				   "X-Forwarded-For: 10.9.99.1\r\n", &cookie, &csrf),
			 429);
	buf_free(&cookie);
	buf_free(&csrf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_jobcoach_reads_no_special_category_factor),
		cmocka_unit_test(the_language_switch_redirects_only_to_our_own_paths),
		cmocka_unit_test(a_sealed_field_opens_only_for_its_own_client),
		cmocka_unit_test(sub_resources_of_another_client_are_not_read),
		cmocka_unit_test(refusals_without_a_client_are_audited),
		cmocka_unit_test(catalogue_links_are_only_web_addresses),
		cmocka_unit_test(a_new_login_ends_the_old_session),
		cmocka_unit_test(an_oversized_body_is_refused_before_it_is_read),
		cmocka_unit_test(every_answer_carries_the_security_headers),
		cmocka_unit_test(logs_hold_no_personal_data_or_link_tokens),
		cmocka_unit_test(a_link_opens_nothing_else),
		cmocka_unit_test(typed_text_is_shown_as_text),
		/* last: it leaves 127.0.0.1 limited */
		cmocka_unit_test(forwarded_for_is_ignored_without_trust_proxy),
	};
	return cmocka_run_group_tests(tests, demo_group_up, demo_group_down);
}
