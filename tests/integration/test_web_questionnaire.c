/* Questionnaires in the browser over HTTP against `ipm serve` (docs/web.md):
 * a Big Five taken over twelve pages with save on every page, an
 * incomplete page refused with links to the unanswered items, resume where
 * the answers stop, completion that scores and stores the result, the
 * results page with its chart and table; the 100-point split checked per
 * block; the one-time link that opens one questionnaire for the client
 * alone, shows only the first name, is audited as the link, stops working
 * once the questionnaire is finished, when replaced and when expired; no
 * questionnaires or scores for the jobcoach; every read audited. */
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

DEMO_SERVER_GROUP(S)

/* Demo client 1 (VB-0001, Mila Jansen, route language nl) has no
 * questionnaires yet; client 4 is shared with the jobcoach. */
enum { CLIENT = 1, SHARED = 4 };

static int64_t sql_int(const char *sql, int64_t arg)
{
	return demo_sql_int(&S, sql, "i", arg);
}

/* The answer fields of a page ("a_ITEM"), each once, in page order. */
static size_t answer_names(const char *body, char names[][64], size_t max)
{
	size_t n = 0;
	for (const char *p = strstr(body, "name=\"a_"); p && n < max;
	     p = strstr(p + 1, "name=\"a_")) {
		const char *s = p + 6, *end = strchr(s, '"');
		size_t len = (size_t)(end - s);
		if (len >= 64)
			continue;
		int seen = 0;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strlen(names[k]) == len && !memcmp(names[k], s, len);
		if (seen)
			continue;
		memcpy(names[n], s, len);
		names[n][len] = '\0';
		n++;
	}
	return n;
}

/* The page number (0-based) the form posts. */
static long form_page(const char *body)
{
	const char *p = strstr(body, "name=\"page\" value=\"");
	assert_non_null(p);
	return strtol(p + strlen("name=\"page\" value=\""), NULL, 10);
}

/* Answers every item of the page in `body`: ratings with `rating`, points
 * blocks of four as 40/30/20/10; skips the item named `skip` (or none). */
static void fill(struct buf *post, const char *csrf, const char *body, const char *action,
		 const char *rating, const char *skip)
{
	char names[32][64];
	size_t n = answer_names(body, names, 32);
	assert_true(n > 0);
	buf_reset(post);
	buf_printf(post, "csrf=%s&page=%ld&action=%s", csrf, form_page(body), action);
	int points = strstr(body, "inputmode=\"numeric\"") != NULL;
	for (size_t k = 0; k < n; k++) {
		if (skip && !strcmp(names[k], skip))
			continue;
		static const char *const split[4] = { "40", "30", "20", "10" };
		buf_printf(post, "&%s=%s", names[k], points ? split[k % 4] : rating);
	}
}

static int64_t start(const struct buf *hdr, const char *csrf, int64_t client, const char *pack,
		     const char *how, struct buf *r)
{
	struct buf body = BUF_INIT, path = BUF_INIT;
	buf_printf(&body, "csrf=%s&pack=%s&how=%s", csrf, pack, how);
	buf_printf(&path, "/clients/%lld/questionnaires", (long long)client);
	int status = web_req(S.port, "POST", path.data, hdr->data, body.data, r);
	assert_int_equal(status, !strcmp(how, "link") ? 200 : 303);
	buf_free(&body);
	buf_free(&path);
	sqlite3 *db = raw_open(S.db.data);
	int64_t id = raw_int(db, "SELECT max(id) FROM assessments WHERE client_id = ?", "i", client);
	sqlite3_close(db);
	return id;
}

static void a_big_five_over_twelve_pages_with_save_resume_and_scores(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, post = BUF_INIT, path = BUF_INIT;
	struct buf loc = BUF_INIT;
	int64_t me = demo_user_id(&S, "demo.consulent");
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	int64_t aid = start(&hdr, csrf.data, CLIENT, "ipip-neo-120", "together", &r);
	assert_int_equal(web_resp_header(r.data, "Location", &loc), 0);
	buf_printf(&path, "/clients/%d/questionnaires/%lld", CLIENT, (long long)aid);
	assert_string_equal(loc.data, path.data);
	assert_int_equal(sql_int("SELECT count(*) FROM assessments WHERE id = ? AND taken_by ="
				 " 'professional' AND pack_version = '1.0.0' AND completed_at IS NULL",
				 aid),
			 1);

	/* Page 1: ten statements, each a fieldset with five radio buttons, and
	 * the progress in words and as <progress>. */
	int64_t reads = sql_int("SELECT count(*) FROM audit_log WHERE action = 'read' AND"
				" entity = 'assessment' AND user_id = ?",
				me);
	assert_int_equal(web_req(S.port, "GET", path.data, hdr.data, NULL, &r), 200);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'read' AND"
				 " entity = 'assessment' AND user_id = ?",
				 me),
			 reads + 1);
	const char *b = web_resp_body(r.data);
	assert_non_null(strstr(b, "Pagina 1 van 12 · 0 van 118 vragen beantwoord"));
	assert_non_null(strstr(b, "<progress id=\"q-progress\" class=\"ipm-progress-bar\" max=\"118\""
				  " value=\"0\""));
	assert_non_null(strstr(b, "<span class=\"ipm-item__number\">1.</span> Maak mij zorgen over "
				  "dingen</legend>"));
	assert_non_null(strstr(b, "for=\"q1-0\" lang=\"nl\">Klopt helemaal niet</label>"));
	char names[32][64];
	assert_int_equal(answer_names(b, names, 32), 10);

	/* Every page answered with 4, except item i15 on page 2 at first. */
	for (int page = 0; page < 12; page++) {
		char q[80];
		snprintf(q, sizeof q, "%s?p=%d", path.data, page + 1);
		assert_int_equal(web_req(S.port, "GET", q, hdr.data, NULL, &r), 200);
		/* The two voting items of O6 are never asked. */
		assert_null(strstr(r.data, "name=\"a_i28\""));
		assert_null(strstr(r.data, "name=\"a_i88\""));
		if (page == 1) {
			fill(&post, csrf.data, web_resp_body(r.data), "next", "4", "a_i15");
			assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, post.data, &r),
					 422);
			b = web_resp_body(r.data);
			assert_non_null(strstr(b, "<a class=\"utrecht-link\" href=\"#q15-0\">Vraag 15: "
						  "Kies een antwoord.</a>"));
			assert_non_null(strstr(b, "id=\"q15-error\">Kies een antwoord.</div>"));
			/* What was answered is kept on the page and saved. */
			assert_non_null(strstr(b, "name=\"a_i14\" value=\"4\" checked"));
			assert_int_equal(sql_int("SELECT count(DISTINCT item_id) FROM answers WHERE"
						 " assessment_id = ?",
						 aid),
					 19);
			/* Stopping here and coming back resumes at this page. */
			fill(&post, csrf.data, b, "stop", "4", "a_i15");
			assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, post.data, &r),
					 303);
			assert_int_equal(web_req(S.port, "GET", path.data, hdr.data, NULL, &r), 200);
			assert_non_null(strstr(r.data, "Pagina 2 van 12 · 19 van 118 vragen"));
			/* Saving the same answers again adds no rows. */
			assert_int_equal(sql_int("SELECT count(*) FROM answers WHERE assessment_id = ?",
						 aid),
					 19);
		}
		const char *last = page == 11 ? "complete" : "next";
		fill(&post, csrf.data, web_resp_body(r.data), last, "4", NULL);
		assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, post.data, &r), 303);
		assert_int_equal(web_resp_header(r.data, "Location", &loc), 0);
		if (page < 11) {
			snprintf(q, sizeof q, "%s?p=%d", path.data, page + 2);
			assert_string_equal(loc.data, q);
		}
	}
	assert_string_equal(loc.data, "/clients/1/results/ipip-neo-120");
	/* Completed, 118 answers, one result: every item 4, so each facet's
	 * raw score is 4 items x (4 or 6 - 4 = 2 when reversed). */
	assert_int_equal(sql_int("SELECT count(*) FROM assessments WHERE id = ? AND completed_at"
				 " IS NOT NULL",
				 aid),
			 1);
	assert_int_equal(sql_int("SELECT count(DISTINCT item_id) FROM answers WHERE"
				 " assessment_id = ?",
				 aid),
			 118);
	sqlite3 *db = raw_open(S.db.data);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM results WHERE assessment_id = ? AND"
				     " kind = 'score' AND pack_id = 'ipip-neo-120'",
				 "i", aid),
			 1);
	/* N1 Angst: i1 i31 i61 i91 all keyed + -> 16; O6: two items asked,
	 * prorated to four. */
	assert_int_equal(raw_int(db, "SELECT json_extract(value, '$.raw') FROM results,"
				     " json_each(results.data, '$.scales') WHERE assessment_id = ?"
				     " AND json_extract(value, '$.id') = 'n1'",
				 "i", aid),
			 16);
	char *flags = raw_text(db, "SELECT json_extract(value, '$.flags') FROM results,"
				   " json_each(results.data, '$.scales') WHERE assessment_id = ?"
				   " AND json_extract(value, '$.id') = 'o6'",
			       "i", aid);
	assert_string_equal(flags, "[\"prorated\",\"items_excluded\"]");
	free(flags);
	sqlite3_close(db);

	/* The results page: chart with text alternative, table with T-scores. */
	int64_t result_reads = sql_int("SELECT count(*) FROM audit_log WHERE action = 'read' AND"
				       " entity = 'result' AND user_id = ?",
				       me);
	assert_int_equal(web_req(S.port, "GET", loc.data, hdr.data, NULL, &r), 200);
	b = web_resp_body(r.data);
	assert_non_null(strstr(b, "<svg"));
	assert_non_null(strstr(b, "role=\"img\""));
	assert_non_null(strstr(b, "<summary>De grafiek in woorden</summary>"));
	assert_non_null(strstr(b, "<caption class=\"utrecht-table__caption\">Alle scores</caption>"));
	assert_non_null(strstr(b, "scope=\"row\">Angst</th>"));
	assert_non_null(strstr(b, "naar rato berekend uit de beantwoorde uitspraken"));
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE action = 'read' AND"
				 " entity = 'result' AND user_id = ?",
				 me),
			 result_reads + 1);
	/* A completed questionnaire takes no more answers. */
	fill(&post, csrf.data, "name=\"page\" value=\"0\" name=\"a_i1\"", "next", "4", NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, post.data, &r), 404);
	/* The list shows it as completed, with its results. */
	assert_int_equal(web_req(S.port, "GET", "/clients/1/questionnaires", hdr.data, NULL, &r),
			 200);
	assert_non_null(strstr(r.data, "href=\"/clients/1/results/ipip-neo-120\""));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&post);
	buf_free(&path);
	buf_free(&loc);
}

static void the_points_of_a_split_must_add_up_to_100(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, post = BUF_INIT, path = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	int64_t aid = start(&hdr, csrf.data, CLIENT, "culture-preference", "together", &r);
	buf_printf(&path, "/clients/%d/questionnaires/%lld", CLIENT, (long long)aid);
	assert_int_equal(web_req(S.port, "GET", path.data, hdr.data, NULL, &r), 200);
	const char *b = web_resp_body(r.data);
	/* Two splits of four statements per page, each a fieldset. */
	assert_non_null(strstr(b, "Pagina 1 van 3"));
	assert_non_null(strstr(b, "<legend class=\"utrecht-form-fieldset__legend utrecht-form-"
				  "fieldset__legend--html-legend ipm-item__legend\" lang=\"nl\">"
				  "Kenmerken."));
	fill(&post, csrf.data, b, "next", NULL, NULL);
	/* 40+30+20+5 = 95 in the first split, and a word in the second. */
	char *p = strstr(post.data, "=10&");
	memcpy(p, "=5 &", 4);
	p = strstr(p + 1, "=40");
	memcpy(p, "=ab", 3);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, post.data, &r), 422);
	b = web_resp_body(r.data);
	assert_non_null(strstr(b, "De punten tellen op tot 95; dat moet 100 zijn."));
	assert_non_null(strstr(b, "Vraag 5: Typ een heel getal van 0 tot en met 100."));
	/* The valid numbers were saved; the word was not. */
	assert_int_equal(sql_int("SELECT count(*) FROM answers WHERE assessment_id = ?", aid), 7);
	assert_non_null(strstr(b, "value=\"ab\""));
	fill(&post, csrf.data, b, "next", NULL, NULL);
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, post.data, &r), 303);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&post);
	buf_free(&path);
}

/* The token of the link shown once on the page after making it. */
static void link_of(const char *body, struct buf *path)
{
	const char *p = strstr(body, "/q/");
	assert_non_null(p);
	const char *end = strchr(p, '"');
	buf_reset(path);
	buf_add(path, p, (size_t)(end - p));
	assert_int_equal(path->len, 3 + 43);
}

static void the_one_time_link_opens_one_questionnaire_until_it_is_done(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, post = BUF_INIT, link = BUF_INIT;
	struct buf pre = BUF_INIT, cookie = BUF_INIT, first = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	int64_t aid = start(&hdr, csrf.data, CLIENT, "job-characteristics", "link", &r);
	link_of(web_resp_body(r.data), &link);
	assert_non_null(strstr(r.data, "De link werkt tot "));
	/* Only its hash is stored. */
	sqlite3 *db = raw_open(S.db.data);
	char *token = link.data + 3;
	assert_int_equal(raw_int(db, "SELECT count(*) FROM assessment_links WHERE token_hash = ?",
				 "s", token),
			 0);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM assessment_links WHERE assessment_id"
				     " = ? AND expires_unix BETWEEN unixepoch() + 7 * 86400 - 60 AND"
				     " unixepoch() + 7 * 86400",
				 "i", aid),
			 1);
	sqlite3_close(db);
	assert_int_equal(sql_int("SELECT count(*) FROM assessments WHERE id = ? AND taken_by ="
				 " 'client'",
				 aid),
			 1);

	/* The client, without an account: the first name, nothing else. */
	assert_int_equal(web_req(S.port, "GET", link.data, NULL, NULL, &r), 200);
	const char *b = web_resp_body(r.data);
	assert_non_null(strstr(b, "Hallo Mila,"));
	assert_null(strstr(b, "Jansen"));
	assert_null(strstr(b, "VB-0001"));
	assert_null(strstr(b, "/clients"));
	assert_non_null(strstr(b, "In mijn laatste baan deed ik veel verschillende soorten taken."));
	assert_int_equal(web_resp_cookie(r.data, "ipm_pre", &pre), 0);
	buf_printf(&cookie, "Cookie: ipm_pre=%s\r\n", pre.data);
	/* Without the pre-session token a post is refused. */
	fill(&post, "x", b, "next", "5", NULL);
	assert_int_equal(web_req(S.port, "POST", link.data, cookie.data, post.data, &r), 403);
	/* Three pages, answered by the client alone. */
	assert_int_equal(web_req(S.port, "GET", link.data, cookie.data, NULL, &r), 200);
	for (int page = 0; page < 3; page++) {
		fill(&post, pre.data, web_resp_body(r.data), page == 2 ? "complete" : "next", "5",
		     NULL);
		assert_int_equal(web_req(S.port, "POST", link.data, cookie.data, post.data, &r),
				 page == 2 ? 200 : 303);
		if (page < 2) {
			char q[96];
			snprintf(q, sizeof q, "%s?p=%d", link.data, page + 2);
			assert_int_equal(web_req(S.port, "GET", q, cookie.data, NULL, &r), 200);
		}
	}
	assert_non_null(strstr(r.data, "Dank je wel!"));
	/* Scored and stored, and audited as the link, not as a user. */
	assert_int_equal(sql_int("SELECT count(*) FROM results WHERE assessment_id = ?", aid), 1);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE client_id = ? AND user_id"
				 " IS NULL AND reason LIKE 'klant via eenmalige link %' AND action ="
				 " 'update' AND entity = 'assessment'",
				 CLIENT),
			 30 + 1);
	/* Done: the link no longer works. */
	assert_int_equal(web_req(S.port, "GET", link.data, NULL, NULL, &r), 410);
	assert_non_null(strstr(r.data, "Deze link werkt niet (meer)"));
	assert_int_equal(web_req(S.port, "POST", link.data, cookie.data, post.data, &r), 410);
	/* The professional sees the results. */
	assert_int_equal(web_req(S.port, "GET", "/clients/1/results/job-characteristics", hdr.data,
				 NULL, &r),
			 200);
	assert_non_null(strstr(r.data, "Vaardigheidsvariatie"));

	/* A new link replaces the old one. */
	aid = start(&hdr, csrf.data, CLIENT, "career-anchors", "link", &r);
	link_of(web_resp_body(r.data), &first);
	char action[96];
	snprintf(action, sizeof action, "/clients/1/questionnaires/%lld/link", (long long)aid);
	buf_reset(&post);
	buf_printf(&post, "csrf=%s", csrf.data);
	assert_int_equal(web_req(S.port, "POST", action, hdr.data, post.data, &r), 200);
	link_of(web_resp_body(r.data), &link);
	assert_string_not_equal(first.data, link.data);
	assert_int_equal(web_req(S.port, "GET", first.data, NULL, NULL, &r), 410);
	assert_int_equal(web_req(S.port, "GET", link.data, NULL, NULL, &r), 200);
	/* An expired link does not work either. */
	db = raw_open(S.db.data);
	assert_int_equal(raw_run(db, NULL, "UPDATE assessment_links SET expires_unix = unixepoch()"
					   " - 1 WHERE assessment_id = ? AND revoked_at IS NULL",
				 "i", aid),
			 SQLITE_DONE);
	sqlite3_close(db);
	assert_int_equal(web_req(S.port, "GET", link.data, NULL, NULL, &r), 410);
	/* A made-up token is the same answer. */
	assert_int_equal(web_req(S.port, "GET", "/q/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
				 NULL, NULL, &r),
			 410);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&post);
	buf_free(&link);
	buf_free(&pre);
	buf_free(&cookie);
	buf_free(&first);
}

static void the_jobcoach_gets_no_questionnaires_or_scores(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	int64_t jc = demo_user_id(&S, "demo.jobcoach");
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	const char *paths[] = { "/clients/4/questionnaires", "/clients/4/results/ipip-neo-120",
				"/clients/4/results/career-anchors" };
	int64_t before = sql_int("SELECT count(*) FROM audit_log WHERE user_id = ? AND action ="
				 " 'denied'",
				 jc);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(web_req(S.port, "GET", paths[i], hdr.data, NULL, &r), 403);
		assert_null(strstr(r.data, "T-score"));
		assert_null(strstr(r.data, "<svg"));
	}
	buf_printf(&body, "csrf=%s&pack=ipip-neo-120&how=together", csrf.data);
	assert_int_equal(web_req(S.port, "POST", "/clients/4/questionnaires", hdr.data, body.data,
				 &r),
			 403);
	/* Each refused look is on record, and the refused POST too. */
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE user_id = ? AND action ="
				 " 'denied'",
				 jc),
			 before + 4);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE user_id = ? AND action ="
				 " 'read' AND entity IN ('result', 'assessment')",
				 jc),
			 0);
	/* The psycholoog, with the same shared client, sees the stored result. */
	demo_server_login(&S, "demo.psycholoog", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/4/results/ipip-neo-120", hdr.data, NULL,
				 &r),
			 200);
	assert_non_null(strstr(r.data, "<svg"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_big_five_over_twelve_pages_with_save_resume_and_scores),
		cmocka_unit_test(the_points_of_a_split_must_add_up_to_100),
		cmocka_unit_test(the_one_time_link_opens_one_questionnaire_until_it_is_done),
		cmocka_unit_test(the_jobcoach_gets_no_questionnaires_or_scores),
	};
	return cmocka_run_group_tests_name("web questionnaire", tests, demo_group_up, demo_group_down);
}
