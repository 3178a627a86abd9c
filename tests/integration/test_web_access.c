/* Who sees which dossier, over HTTP against `ipm serve` (docs/web.md):
 * a werkcoach opens only the clients in their caseload and every refused
 * attempt is in the audit log; exceptional access needs a written reason,
 * which is audited with every read; the jobcoach sees the route and the
 * conclusions but no test details; the manager sees aggregates and no
 * dossier; every dossier read is audited. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "services/demo.h"
#include "support/demo_server.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DEMO_SERVER_GROUP(S)

/* The demo (services/demo.c): client 1 (VB-0001) is only demo.consulent's;
 * client 4 (VB-0004) is also shared with demo.psycholoog and demo.jobcoach. */
enum { OWN_ONLY = 1, SHARED = 4 };

static void a_werkcoach_cannot_open_another_ones_client(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	demo_server_login(&S, "andere.consulent", &hdr, &csrf);
	/* The caseload is empty... */
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 200);
	assert_null(strstr(r.data, "VB-0001"));
	assert_non_null(strstr(r.data, "Geen cliënten gevonden."));
	/* ...and a dossier outside it answers 403, shows nothing of it, and
	 * the attempt is in the audit log. */
	int64_t before = demo_audited(&S, S.other_id, "denied", "client", OWN_ONLY);
	assert_int_equal(web_req(S.port, "GET", "/clients/1", hdr.data, NULL, &r), 403);
	assert_null(strstr(r.data, "Jansen"));
	assert_null(strstr(r.data, "VB-0001"));
	assert_int_equal(demo_audited(&S, S.other_id, "denied", "client", OWN_ONLY), before + 1);
	assert_int_equal(demo_audited(&S, S.other_id, "read", "client", OWN_ONLY), 0);
	/* The test details of it neither. */
	assert_int_equal(web_req(S.port, "GET", "/clients/1/questionnaires", hdr.data, NULL, &r), 403);
	assert_int_equal(demo_audited(&S, S.other_id, "denied", "assessment", OWN_ONLY), 1);
	/* A client that does not exist is 404 (and ids are not guessable data). */
	assert_int_equal(web_req(S.port, "GET", "/clients/99999", hdr.data, NULL, &r), 404);
	assert_int_equal(web_req(S.port, "GET", "/clients/abc", hdr.data, NULL, &r), 404);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

static void exceptional_access_needs_a_reason_and_is_audited_with_it(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "andere.consulent", &hdr, &csrf);
	/* The refusal offers the form for a reason. */
	assert_int_equal(web_req(S.port, "GET", "/clients/1", hdr.data, NULL, &r), 403);
	assert_non_null(strstr(r.data, "name=\"reason\""));
	/* Too short a reason is no reason. */
	buf_printf(&body, "csrf=%s&reason=kijken", csrf.data);
	assert_int_equal(web_req(S.port, "POST", "/clients/1", hdr.data, body.data, &r), 403);
	assert_null(strstr(r.data, "Jansen"));
	/* A real one opens the dossier, with a banner, and each read carries it. */
	buf_reset(&body);
	buf_printf(&body, "csrf=%s&reason=Collega+ziek%%3B+cli%%C3%%ABnt+belt+met+vraag+over+afspraak",
		   csrf.data);
	assert_int_equal(web_req(S.port, "POST", "/clients/1", hdr.data, body.data, &r), 200);
	assert_non_null(strstr(r.data, "Mila Jansen"));
	assert_non_null(strstr(r.data, "buiten je caseload geopend"));
	sqlite3 *db = raw_open(S.db.data);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE user_id = ? AND client_id = 1"
				 " AND action = 'read' AND reason = ?",
				 "is", S.other_id,
				 "Collega ziek; cliënt belt met vraag over afspraak"),
			 2); /* the client record and the route summary */
	sqlite3_close(db);
	/* Without the CSRF token, no exceptional access. */
	assert_int_equal(web_req(S.port, "POST", "/clients/1", hdr.data,
				 "reason=Collega+ziek+en+dringend", &r),
			 403);
	/* The jobcoach may not break the glass at all: no form, just 403. */
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/1", hdr.data, NULL, &r), 403);
	assert_null(strstr(r.data, "name=\"reason\""));
	buf_reset(&body);
	buf_printf(&body, "csrf=%s&reason=Ik+wil+het+toch+graag+zien", csrf.data);
	assert_int_equal(web_req(S.port, "POST", "/clients/1", hdr.data, body.data, &r), 403);
	assert_null(strstr(r.data, "Jansen"));
	assert_int_equal(
		demo_audited(&S, demo_user_id(&S, "demo.jobcoach"), "denied", "client", OWN_ONLY),
		2);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

static void the_jobcoach_sees_no_test_details(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	int64_t jc = demo_user_id(&S, "demo.jobcoach");
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/4", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "Ingrid van Dam"));
	/* The route and the conclusions are there... */
	assert_non_null(strstr(r.data, "Oordeel"));
	assert_non_null(strstr(r.data, "besluit(en)"));
	/* ...what was tested and how is not, nor a way to it. */
	assert_non_null(strstr(r.data, "Testdetails zijn voor jouw rol niet zichtbaar"));
	assert_null(strstr(r.data, "/clients/4/questionnaires"));
	assert_null(strstr(r.data, "Big Five"));
	assert_null(strstr(r.data, "ipip-neo-120"));
	assert_null(strstr(r.data, "Bijzondere persoonsgegevens"));
	int64_t before = demo_audited(&S, jc, "denied", "assessment", SHARED);
	assert_int_equal(web_req(S.port, "GET", "/clients/4/questionnaires", hdr.data, NULL, &r), 403);
	assert_null(strstr(r.data, "ipip-neo-120"));
	assert_int_equal(demo_audited(&S, jc, "denied", "assessment", SHARED), before + 1);
	/* The psycholoog, with the same shared client, does see them. */
	demo_server_login(&S, "demo.psycholoog", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/4", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "/clients/4/questionnaires"));
	assert_non_null(strstr(r.data, "Big Five"));
	assert_int_equal(web_req(S.port, "GET", "/clients/4/questionnaires", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "ipip-neo-120"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

static void every_dossier_read_is_in_the_audit_log(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	int64_t me = demo_user_id(&S, "demo.consulent");
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	int64_t client = demo_audited(&S, me, "read", "client", SHARED);
	int64_t summary = demo_audited(&S, me, "read", "dossier_summary", SHARED);
	for (int i = 0; i < 3; i++)
		assert_int_equal(web_req(S.port, "GET", "/clients/4", hdr.data, NULL, &r), 200);
	assert_int_equal(demo_audited(&S, me, "read", "client", SHARED), client + 3);
	assert_int_equal(demo_audited(&S, me, "read", "dossier_summary", SHARED), summary + 3);
	/* HEAD reads the dossier too, so it is audited as well. */
	assert_int_equal(web_req(S.port, "HEAD", "/clients/4", hdr.data, NULL, &r), 200);
	assert_int_equal(demo_audited(&S, me, "read", "client", SHARED), client + 4);
	/* The caseload list is one audited read without a client. */
	sqlite3 *db = raw_open(S.db.data);
	int64_t lists = raw_int(db,
				"SELECT count(*) FROM audit_log WHERE user_id = ? AND action = 'read'"
				" AND entity = 'caseload' AND client_id IS NULL",
				"i", me);
	assert_int_equal(web_req(S.port, "GET", "/clients?q=dam", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "Ingrid van Dam"));
	assert_null(strstr(r.data, "Mila Jansen"));
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE user_id = ? AND action = 'read'"
				 " AND entity = 'caseload' AND client_id IS NULL",
				 "i", me),
			 lists + 1);
	sqlite3_close(db);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

static void the_manager_sees_aggregates_and_no_dossier(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	demo_server_login(&S, "demo.manager", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/overview", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "Overzicht van de organisatie"));
	assert_null(strstr(r.data, "VB-0"));
	assert_null(strstr(r.data, "Jansen"));
	/* The caseload's composition counts the 8 demo clients; the 400 of the
	 * synthetic history (SYN-…) are apart, in a table that says what they
	 * are. */
	const char *total = strstr(r.data, ">Totaal</th>");
	const char *syn = strstr(r.data, "Synthetische historie (demo)");
	assert_non_null(total);
	assert_non_null(syn);
	assert_true(total < syn);
	const char *n = strstr(total, "numeric-column\">");
	assert_non_null(n);
	assert_int_equal(atoi(n + strlen("numeric-column\">")), 8);
	total = strstr(syn, ">Totaal</th>");
	assert_non_null(total);
	n = strstr(total, "numeric-column\">");
	assert_non_null(n);
	assert_int_equal(atoi(n + strlen("numeric-column\">")), DEMO_HISTORY_CLIENTS);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 403);
	assert_int_equal(web_req(S.port, "GET", "/clients/4", hdr.data, NULL, &r), 403);
	assert_null(strstr(r.data, "name=\"reason\""));
	assert_int_equal(
		demo_audited(&S, demo_user_id(&S, "demo.manager"), "denied", "client", SHARED),
		1);
	/* The start page takes the manager to the overview. */
	assert_int_equal(web_req(S.port, "GET", "/", hdr.data, NULL, &r), 303);
	assert_non_null(strstr(r.data, "Location: /overview"));
	/* A professional cannot see the overview. */
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/overview", hdr.data, NULL, &r), 403);
	/* The beheerder sees no clients at all. */
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients", hdr.data, NULL, &r), 403);
	assert_int_equal(web_req(S.port, "GET", "/clients/1", hdr.data, NULL, &r), 403);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

/* The language follows the browser, and the choice on the page holds. */
static void pages_speak_dutch_english_or_german(void **state)
{
	(void)state;
	struct buf r = BUF_INIT, line = BUF_INIT;
	assert_int_equal(web_req(S.port, "GET", "/login", "Accept-Language: de-DE,de;q=0.9,en;q=0.8\r\n",
				 NULL, &r),
			 200);
	assert_non_null(strstr(r.data, "<html lang=\"de\">"));
	assert_non_null(strstr(r.data, "Benutzername"));
	assert_int_equal(web_req(S.port, "GET", "/login", "Accept-Language: fr, en;q=0.5\r\n", NULL,
				 &r),
			 200);
	assert_non_null(strstr(r.data, "User name"));
	assert_int_equal(web_req(S.port, "GET", "/login", "Accept-Language: fr\r\n", NULL, &r), 200);
	assert_non_null(strstr(r.data, "Gebruikersnaam"));
	assert_int_equal(web_req(S.port, "GET", "/lang?to=en&back=/login", NULL, NULL, &r), 303);
	assert_int_equal(web_resp_cookie_line(r.data, "ipm_lang", &line), 0);
	assert_non_null(strstr(line.data, "ipm_lang=en;"));
	assert_int_equal(web_req(S.port, "GET", "/login", "Cookie: ipm_lang=en\r\n", NULL, &r), 200);
	assert_non_null(strstr(r.data, "<html lang=\"en\">"));
	/* The way back is only ever a path of ours. */
	assert_int_equal(web_req(S.port, "GET", "/lang?to=nl&back=//evil.example/", NULL, NULL, &r),
			 303);
	assert_non_null(strstr(r.data, "Location: /\r\n"));
	buf_free(&r);
	buf_free(&line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_werkcoach_cannot_open_another_ones_client),
		cmocka_unit_test(exceptional_access_needs_a_reason_and_is_audited_with_it),
		cmocka_unit_test(the_jobcoach_sees_no_test_details),
		cmocka_unit_test(every_dossier_read_is_in_the_audit_log),
		cmocka_unit_test(the_manager_sees_aggregates_and_no_dossier),
		cmocka_unit_test(pages_speak_dutch_english_or_german),
	};
	return cmocka_run_group_tests_name("web_access", tests, demo_group_up, demo_group_down);
}
