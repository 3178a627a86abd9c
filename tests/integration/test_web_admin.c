/* The beheerder's pages over HTTP (docs/web.md, "Inzage, retention and
 * administration"): only the beheerder reaches them (403 and an audited
 * refusal for everyone else), every form needs the session's CSRF token,
 * users are added (typed or generated password), disabled and given a new
 * password, a client is shared into a professional's caseload, a pack
 * version is registered only when it passes the pack checks (the errors
 * name the file and the JSON path), and a model version is activated with a
 * reason — each change audited as the beheerder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "services/demo.h"
#include "support/demo_server.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DEMO_SERVER_GROUP(S)

static int64_t count(const char *sql, const char *text)
{
	return text ? demo_sql_int(&S, sql, "s", text) : demo_sql_int(&S, sql, "");
}

/* "csrf=TOKEN" followed by name=value pairs (NULL-terminated). */
static void form(struct buf *body, const char *csrf, ...)
{
	va_list ap;
	va_start(ap, csrf);
	buf_reset(body);
	buf_puts(body, "csrf=");
	demo_urlencode(body, csrf);
	const char *name;
	while ((name = va_arg(ap, const char *))) {
		buf_printf(body, "&%s=", name);
		demo_urlencode(body, va_arg(ap, const char *));
	}
	va_end(ap);
}

/* The password a page shows once, 20 characters. */
static void made_password(const char *page, struct buf *pw)
{
	const char *at = strstr(page, "<code class=\"ipm-password\">");
	assert_non_null(at);
	at += strlen("<code class=\"ipm-password\">");
	buf_reset(pw);
	buf_add(pw, at, strcspn(at, "<"));
	assert_int_equal(pw->len, 20);
}

static void only_the_beheerder_reaches_the_admin_pages(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	static const char *const pages[] = { "/admin", "/admin/users", "/admin/packs",
					     "/admin/retention" };
	static const char *const users[] = { "demo.consulent", "demo.psycholoog",
					     "demo.jobcoach", "demo.manager" };
	for (size_t u = 0; u < sizeof users / sizeof users[0]; u++) {
		int64_t id = demo_user_id(&S, users[u]);
		int64_t before = demo_audited(&S, id, "denied", "admin", 0);
		demo_server_login(&S, users[u], &hdr, &csrf);
		for (size_t p = 0; p < sizeof pages / sizeof pages[0]; p++) {
			assert_int_equal(web_req(S.port, "GET", pages[p], hdr.data, NULL, &r), 403);
			assert_null(strstr(r.data, "demo.beheerder"));
		}
		/* A form posted anyway is refused the same way. */
		form(&body, csrf.data, "username", "sluiproute", "name", "Sluip Route", "role",
		     "beheerder", "password", "een-lang-wachtwoord", NULL);
		assert_int_equal(web_req(S.port, "POST", "/admin/users", hdr.data, body.data, &r),
				 403);
		assert_int_equal(demo_audited(&S, id, "denied", "admin", 0), before + 5);
		/* The menu does not offer what the role cannot open. */
		assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r),
				 u == 3 ? 403 : 200);
		assert_null(strstr(r.data, "href=\"/admin\""));
	}
	assert_int_equal(count("SELECT count(*) FROM users WHERE username = ?", "sluiproute"), 0);
	/* The beheerder starts there and has it in the menu. */
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/", hdr.data, NULL, &r), 303);
	assert_non_null(strstr(r.data, "Location: /admin/users"));
	assert_int_equal(web_req(S.port, "GET", "/admin/users", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "href=\"/admin\""));
	assert_non_null(strstr(r.data, "demo.psycholoog"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

static void admin_forms_need_the_csrf_token(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	static const char *const posts[] = { "/admin/users", "/admin/users/2", "/admin/share",
					     "/admin/packs", "/admin/models" };
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		form(&body, "not-the-token", "username", "csrf.test", "name", "Csrf Test", "role",
		     "consulent", "password", "een-lang-wachtwoord", "action", "disable",
		     "client", "VB-0002", "user", "2", NULL);
		assert_int_equal(web_req(S.port, "POST", posts[i], hdr.data, body.data, &r), 403);
		/* and without any token */
		assert_int_equal(web_req(S.port, "POST", posts[i], hdr.data,
					 "username=csrf.test&action=disable", &r),
				 403);
	}
	assert_int_equal(count("SELECT count(*) FROM users WHERE username = ?", "csrf.test"), 0);
	assert_int_equal(count("SELECT disabled FROM users WHERE id = 2", NULL), 0);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

static void users_added_disabled_and_given_a_new_password(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	struct buf cookie = BUF_INIT, csrf2 = BUF_INIT, pw = BUF_INIT, path = BUF_INIT;
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	int64_t me = demo_user_id(&S, "demo.beheerder");
	/* Refused input names the field and stores nothing. */
	form(&body, csrf.data, "username", "Niet Goed", "name", "", "role", "koning", "password",
	     "kort", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/users", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "href=\"#username\""));
	assert_non_null(strstr(r.data, "href=\"#name\""));
	assert_non_null(strstr(r.data, "href=\"#role\""));
	assert_non_null(strstr(r.data, "minstens 12 tekens"));
	/* A typed password: the new consulent logs in with it. */
	form(&body, csrf.data, "username", "nieuwe.consulent", "name", "Nieuwe Consulent", "role",
	     "consulent", "password", "nieuw-en-lang-genoeg", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/users", hdr.data, body.data, &r), 303);
	int64_t nu = demo_user_id(&S, "nieuwe.consulent");
	assert_int_equal(demo_audited(&S, me, "create", "user", 0), 1);
	assert_int_equal(web_login(S.port, "nieuwe.consulent", "nieuw-en-lang-genoeg", NULL,
				   &cookie, &csrf2),
			 303);
	/* The same name again is refused. */
	assert_int_equal(web_req(S.port, "POST", "/admin/users", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "bestaat al"));
	/* No password typed: one is made and shown once, and it works. */
	form(&body, csrf.data, "username", "gemaakt.wachtwoord", "name", "Gemaakt Wachtwoord",
	     "role", "jobcoach", "password", "", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/users", hdr.data, body.data, &r), 200);
	made_password(r.data, &pw);
	assert_int_equal(web_login(S.port, "gemaakt.wachtwoord", pw.data, NULL, &cookie, &csrf2),
			 303);
	/* Disabled: the login fails; enabled again: it works. */
	buf_printf(&path, "/admin/users/%lld", (long long)nu);
	form(&body, csrf.data, "action", "disable", NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 303);
	assert_int_equal(count("SELECT disabled FROM users WHERE username = ?",
			       "nieuwe.consulent"),
			 1);
	assert_int_not_equal(web_login(S.port, "nieuwe.consulent", "nieuw-en-lang-genoeg", NULL,
				       &cookie, &csrf2),
			     303);
	form(&body, csrf.data, "action", "enable", NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 303);
	/* A new password replaces the old one. */
	form(&body, csrf.data, "action", "password", "password", "een-ander-lang-wachtwoord", NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 303);
	assert_int_not_equal(web_login(S.port, "nieuwe.consulent", "nieuw-en-lang-genoeg", NULL,
				       &cookie, &csrf2),
			     303);
	assert_int_equal(web_login(S.port, "nieuwe.consulent", "een-ander-lang-wachtwoord", NULL,
				   &cookie, &csrf2),
			 303);
	assert_int_equal(demo_audited(&S, me, "update", "user", 0), 3);
	/* A new password too short is refused on the page and changes nothing. */
	form(&body, csrf.data, "action", "password", "password", "kort", NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "minstens 12 tekens"));
	assert_int_equal(demo_audited(&S, me, "update", "user", 0), 3);
	/* None typed: one is made, shown once, and it works. */
	form(&body, csrf.data, "action", "password", "password", "", NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 200);
	made_password(r.data, &pw);
	assert_int_equal(web_login(S.port, "nieuwe.consulent", pw.data, NULL, &cookie, &csrf2),
			 303);
	assert_int_equal(demo_audited(&S, me, "update", "user", 0), 4);
	/* The beheerder cannot lock themselves out. */
	buf_reset(&path);
	buf_printf(&path, "/admin/users/%lld", (long long)me);
	form(&body, csrf.data, "action", "disable", NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 400);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
	buf_free(&cookie);
	buf_free(&csrf2);
	buf_free(&pw);
	buf_free(&path);
}

static void a_client_is_shared_into_a_caseload(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT, id = BUF_INIT;
	int64_t psy = demo_user_id(&S, "demo.psycholoog");
	demo_server_login(&S, "demo.psycholoog", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 200);
	assert_null(strstr(r.data, "VB-0002"));
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	buf_printf(&id, "%lld", (long long)psy);
	form(&body, csrf.data, "client", "VB-9999", "user", id.data, NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/share", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "href=\"#share-client\""));
	/* Not to a role without a caseload. */
	buf_reset(&id);
	buf_printf(&id, "%lld", (long long)demo_user_id(&S, "demo.manager"));
	form(&body, csrf.data, "client", "VB-0002", "user", id.data, NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/share", hdr.data, body.data, &r), 422);
	buf_reset(&id);
	buf_printf(&id, "%lld", (long long)psy);
	form(&body, csrf.data, "client", "VB-0002", "user", id.data, NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/share", hdr.data, body.data, &r), 303);
	assert_int_equal(demo_audited(&S, demo_user_id(&S, "demo.beheerder"), "update",
				      "client_access", 2),
			 1);
	demo_server_login(&S, "demo.psycholoog", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "VB-0002"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
	buf_free(&id);
}

static void a_pack_is_registered_only_when_it_passes_the_checks(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	struct buf pack = BUF_INIT, changed = BUF_INIT;
	struct err e;
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	int64_t packs = count("SELECT count(*) FROM packs", NULL);
	/* Not JSON: the file name, line and column. */
	form(&body, csrf.data, "file", "fasen.json", "content", "{\"pack\": \"x\",", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/packs", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "fasen.json:1:"));
	/* JSON, but not a pack: each problem with its JSON path. */
	form(&body, csrf.data, "file", "fasen.json", "content", "{\"pack\": \"x\"}", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/packs", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "fasen.json: $: missing required property &quot;version"
				       "&quot;"));
	assert_non_null(strstr(r.data, "fasen.json: $: missing required property &quot;kind"
				       "&quot;"));
	/* What was pasted stays in the form. */
	assert_non_null(strstr(r.data, "{&quot;pack&quot;: &quot;x&quot;}</textarea>"));
	assert_int_equal(count("SELECT count(*) FROM packs", NULL), packs);
	/* A shipped pack as a new version: registered, listed, audited. */
	assert_int_equal(fs_read_file("data/packs/career-phases.json", &pack, &e), IPM_OK);
	const char *v = strstr(pack.data, "\"version\": \"1.0.0\"");
	assert_non_null(v);
	buf_add(&changed, pack.data, (size_t)(v - pack.data));
	buf_puts(&changed, "\"version\": \"1.1.0\"");
	buf_puts(&changed, v + strlen("\"version\": \"1.0.0\""));
	form(&body, csrf.data, "file", "career-phases.json", "content", changed.data, NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/packs", hdr.data, body.data, &r), 200);
	assert_non_null(strstr(r.data, "Geregistreerd: career-phases 1.1.0 (taxonomy)"));
	assert_int_equal(count("SELECT count(*) FROM packs WHERE pack_id = 'career-phases'"
			       " AND version = ?",
			       "1.1.0"),
			 1);
	assert_int_equal(demo_audited(&S, demo_user_id(&S, "demo.beheerder"), "create", "pack", 0),
			 1);
	assert_int_equal(web_req(S.port, "GET", "/admin/packs", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "<td class=\"utrecht-table__cell\">1.1.0</td>"));
	/* The same version with other content is refused: a registered
	 * version never changes. */
	buf_puts(&changed, "\n ");
	form(&body, csrf.data, "file", "career-phases.json", "content", changed.data, NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/packs", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "already registered with different content"));
	assert_int_equal(count("SELECT count(*) FROM packs", NULL), packs + 1);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
	buf_free(&pack);
	buf_free(&changed);
}

static void a_model_version_is_activated_with_a_reason(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	int64_t me = demo_user_id(&S, "demo.beheerder");
	form(&body, csrf.data, "model", "ipm-model-default@1.0.0", "reason", "kort", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/models", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "href=\"#reason\""));
	form(&body, csrf.data, "model", "career-phases@1.0.0", "reason",
	     "Geen model, maar wel een reden van voldoende lengte", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/models", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "geen geregistreerde modelversie"));
	assert_int_equal(demo_audited(&S, me, "update", "model", 0), 0);
	form(&body, csrf.data, "model", "ipm-model-default@1.0.0", "reason",
	     "Standaardmodel expliciet gekozen na de validatie van maart", NULL);
	assert_int_equal(web_req(S.port, "POST", "/admin/models", hdr.data, body.data, &r), 303);
	assert_int_equal(demo_audited(&S, me, "update", "model", 0), 1);
	assert_int_equal(web_req(S.port, "GET", "/admin/packs", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "<strong>ipm-model-default@1.0.0</strong>"));
	assert_non_null(strstr(r.data, "Standaardmodel expliciet gekozen na de validatie van maart"));
	assert_non_null(strstr(r.data, "Ria Mulder"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(only_the_beheerder_reaches_the_admin_pages),
		cmocka_unit_test(admin_forms_need_the_csrf_token),
		cmocka_unit_test(users_added_disabled_and_given_a_new_password),
		cmocka_unit_test(a_client_is_shared_into_a_caseload),
		cmocka_unit_test(a_pack_is_registered_only_when_it_passes_the_checks),
		cmocka_unit_test(a_model_version_is_activated_with_a_reason),
	};
	return cmocka_run_group_tests(tests, demo_group_up, demo_group_down);
}
