/* The I.P.M. pages over HTTP against a started `ipm serve` with the demo
 * data (docs/web.md, "I.P.M. pages"): the factor interview's ratings make
 * the profile in the order of weight × rating (hand-computed from the
 * default model's β), the prognosis of the default model says "niet
 * gekalibreerd", an override keeps the computed value (taken from the
 * server, not the form) beside the professional's value and reason, the
 * matching of a client with hindering debts and language shows the Sol
 * goals for both, the catalogue's facet counts equal a count over the demo
 * catalogue file, forms without their CSRF token are refused, a werkcoach
 * cannot open another's client's prognosis (403, audited), and the
 * jobcoach sees no test details. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "store/store.h"
#include "store/store_route.h"
#include "support/demo_server.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* VB-0008 (Kees Bakker): in demo.consulent's caseload, C2 Dutch, his
 * factor assessment rates neither debts nor housing. */
#define CLIENT 8
/* VB-0004: shared with the psycholoog and the jobcoach. */
#define SHARED 4

static struct demo_server S;

/* Logged in once for all tests: the Cookie header lines and CSRF tokens. */
static struct {
	struct buf hdr, csrf;       /* demo.consulent */
	struct buf jc_hdr, jc_csrf; /* demo.jobcoach */
} Login;

static int server_up(void **state)
{
	(void)state;
	if (demo_server_up(&S) != 0)
		return -1;
	demo_server_login(&S, "demo.consulent", &Login.hdr, &Login.csrf);
	demo_server_login(&S, "demo.jobcoach", &Login.jc_hdr, &Login.jc_csrf);
	return 0;
}

static int server_down(void **state)
{
	(void)state;
	demo_server_down(&S);
	buf_free(&Login.hdr);
	buf_free(&Login.csrf);
	buf_free(&Login.jc_hdr);
	buf_free(&Login.jc_csrf);
	return 0;
}

static int get(const struct buf *hdr, const char *path, struct buf *r)
{
	return web_req(S.port, "GET", path, hdr->data, NULL, r);
}

/* body without the csrf field; csrf NULL sends none. */
static int post(const struct buf *hdr, const char *csrf, const char *path, const char *body,
		struct buf *r)
{
	return web_post_form(S.port, hdr->data, csrf, path, body, r);
}

static int64_t sql_int(const char *sql, int64_t client)
{
	return demo_sql_int(&S, sql, "i", client);
}

/* The text of a page between `from` and the next `to`, or "". */
static const char *section(const char *page, const char *from, const char *to, struct buf *out)
{
	buf_reset(out);
	const char *a = strstr(page, from);
	const char *b = a ? strstr(a + strlen(from), to) : NULL;
	if (a)
		buf_add(out, a, b ? (size_t)(b - a) : strlen(a));
	return buf_str(out);
}

static void rate_factors_then_profile(void **state)
{
	(void)state;
	struct buf r = BUF_INIT, part = BUF_INIT;
	/* The interview shows every domain, a special-category mark and the
	 * suggestion from the intake's C2 Dutch. */
	assert_int_equal(get(&Login.hdr, "/clients/8/factors", &r), 200);
	assert_non_null(strstr(r.data, ">Persoon</h2>"));
	assert_non_null(strstr(r.data, ">Omgeving</h2>"));
	assert_non_null(strstr(r.data, ">Arbeidsmarkt</h2>"));
	assert_non_null(strstr(r.data, "Bijzondere persoonsgegevens"));
	assert_non_null(strstr(section(r.data, "id=\"f-taalniveau\"", "</fieldset>", &part),
			       "Voorstel: +2"));
	int64_t before = sql_int("SELECT count(*) FROM assessments WHERE client_id = ? AND "
				 "pack_id = 'ipm-factors'", CLIENT);
	/* Saving keeps an open assessment; saving again resumes it. */
	assert_int_equal(post(&Login.hdr, Login.csrf.data, "/clients/8/factors",
			      "r.schulden=-2&action=save", &r), 303);
	assert_int_equal(post(&Login.hdr, Login.csrf.data, "/clients/8/factors",
			      "r.netwerk=-2&r.huisvesting=-1&action=save", &r), 303);
	assert_int_equal(sql_int("SELECT count(*) FROM assessments WHERE client_id = ? AND "
				 "pack_id = 'ipm-factors'", CLIENT), before + 1);
	assert_int_equal(get(&Login.hdr, "/clients/8/factors", &r), 200);
	assert_non_null(strstr(r.data, "Je gaat verder met een gesprek dat eerder is opgeslagen."));
	assert_non_null(strstr(section(r.data, "id=\"f-schulden\"", "</fieldset>", &part),
			       "value=\"-2\" checked"));
	/* Finishing completes it and computes the prognosis. */
	assert_int_equal(post(&Login.hdr, Login.csrf.data, "/clients/8/factors",
			      "r.taalniveau=-1&r.sector-genderpreferentie=-1&action=finish", &r),
			 303);
	struct buf loc = BUF_INIT;
	web_resp_header(r.data, "Location", &loc);
	assert_string_equal(loc.data, "/clients/8/profile");
	assert_int_equal(sql_int("SELECT count(*) FROM assessments WHERE client_id = ? AND "
				 "pack_id = 'ipm-factors' AND completed_at IS NULL", CLIENT), 0);
	/* Omgeving, hindering, by |β × rating| of the default model:
	 * netwerk 0.10 × 2 = 0.20, schulden 0.05 × 2 = 0.10, huisvesting
	 * 0.05 × 1 = 0.05. */
	assert_int_equal(get(&Login.hdr, "/clients/8/profile", &r), 200);
	const char *omg = section(r.data, "id=\"p-omgeving\"", "ipm-help", &part);
	const char *a = strstr(omg, "Sociaal netwerk en steun"), *b = strstr(omg, "Schulden en "),
		   *c = strstr(omg, "Huisvesting");
	assert_non_null(a);
	assert_non_null(b);
	assert_non_null(c);
	assert_true(a < b && b < c);
	assert_non_null(strstr(omg, "(−2;"));
	/* A factor the model does not weigh is in the profile, marked. */
	const char *arb = section(r.data, "id=\"p-arbeidsmarkt\"", "ipm-help", &part);
	assert_non_null(strstr(arb, "Telt niet mee in de prognose"));
	assert_non_null(strstr(r.data, "<svg"));
	buf_free(&loc);
	buf_free(&part);
	buf_free(&r);
}

static void prognosis_says_not_calibrated(void **state)
{
	(void)state;
	struct buf r = BUF_INIT;
	assert_int_equal(get(&Login.hdr, "/clients/8/prognosis", &r), 200);
	assert_non_null(strstr(r.data, "<strong class=\"ipm-calibration\">Niet gekalibreerd</strong>"));
	assert_non_null(strstr(r.data, "ipm-model-default"));
	assert_non_null(strstr(r.data, "Kans op werk binnen 12 maanden"));
	assert_non_null(strstr(r.data, "Wat zou de kans het meest verhogen"));
	/* The stored result is the model's and says so. */
	sqlite3 *db = raw_open(S.db.data);
	char *data = raw_text(db, "SELECT data FROM results WHERE client_id = ? AND kind = "
				  "'prognosis' ORDER BY id DESC LIMIT 1", "i", (int64_t)CLIENT);
	sqlite3_close(db);
	assert_non_null(strstr(data, "\"calibration\":\"niet gekalibreerd\""));
	free(data);
	buf_free(&r);
}

struct judged {
	int n;
	char computed[8], value[8], reason[32], text[64];
};

static int judged_row(void *ctx, const struct store_judgement *j, struct err *e)
{
	(void)e;
	struct judged *x = ctx;
	if (strcmp(j->subject, "factor:netwerk") != 0)
		return IPM_OK;
	x->n++;
	snprintf(x->computed, sizeof x->computed, "%s", j->computed);
	snprintf(x->value, sizeof x->value, "%s", j->value ? j->value : "");
	snprintf(x->reason, sizeof x->reason, "%s", j->reason_code ? j->reason_code : "");
	snprintf(x->text, sizeof x->text, "%s", j->reason_text ? j->reason_text : "");
	return IPM_OK;
}

static void override_keeps_the_computed_value(void **state)
{
	(void)state;
	struct buf r = BUF_INIT, part = BUF_INIT;
	/* An override without a reason is refused and nothing is stored. */
	assert_int_equal(post(&Login.hdr, Login.csrf.data, "/clients/8/judgement",
			      "subject=factor%3Anetwerk&decision=override&value=-1", &r), 400);
	assert_non_null(strstr(r.data, "een reden en een toelichting"));
	/* The form's "computed" is not believed: the server's -2 is kept. */
	assert_int_equal(post(&Login.hdr, Login.csrf.data, "/clients/8/judgement",
			      "subject=factor%3Anetwerk&computed=2&decision=override&value=-1"
			      "&reason_code=gesprek-klant&reason_text=Zijn+broer+helpt+hem+zoeken",
			      &r),
			 303);
	struct store *s;
	struct err e;
	struct judged x = { 0 };
	const struct store_actor sys = { 0 };
	assert_int_equal(store_open(S.db.data, &s, &e), IPM_OK);
	assert_int_equal(store_judgements_each(s, &sys, CLIENT, false, judged_row, &x, &e), IPM_OK);
	store_close(s);
	assert_int_equal(x.n, 1);
	assert_string_equal(x.computed, "-2");
	assert_string_equal(x.value, "-1");
	assert_string_equal(x.reason, "gesprek-klant");
	assert_string_equal(x.text, "Zijn broer helpt hem zoeken");
	/* The page shows both, the computed value unchanged. */
	assert_int_equal(get(&Login.hdr, "/clients/8/judgement", &r), 200);
	const char *j = section(r.data, "id=\"j-factor-netwerk\"", "</form>", &part);
	assert_non_null(strstr(j, "Sterk belemmerend"));
	assert_non_null(strstr(j, "<strong>Overschreven</strong>: Belemmerend"));
	assert_non_null(strstr(j, "Zijn broer helpt hem zoeken"));
	buf_free(&part);
	buf_free(&r);
}

static void matching_shows_the_goals_of_debts_and_language(void **state)
{
	(void)state;
	struct buf r = BUF_INIT;
	/* Client 8 now has schulden −2 and taalniveau −1 (first test). */
	assert_int_equal(get(&Login.hdr, "/clients/8/instruments", &r), 200);
	assert_non_null(strstr(r.data, "id=\"goal-praktische-belemmeringen\""));
	assert_non_null(strstr(r.data, "id=\"goal-kennisvergroting\""));
	assert_non_null(strstr(r.data, "class=\"ipm-hit\" id=\"instrument-"));
	assert_non_null(strstr(r.data, "past bij"));
	buf_free(&r);
}

/* Published on `day`: publish set and day inside the window (ISO dates
 * compare as strings). */
static int published(const json_t *in, const char *day)
{
	const char *from = json_string_value(json_object_get(in, "publish_from"));
	const char *until = json_string_value(json_object_get(in, "publish_until"));
	return json_is_true(json_object_get(in, "publish")) && (!from || strcmp(from, day) <= 0) &&
	       (!until || strcmp(day, until) <= 0);
}

static int has(const json_t *list, const char *code)
{
	size_t i;
	const json_t *v;
	json_array_foreach(list, i, v)
		if (!strcmp(json_string_value(v), code))
			return 1;
	return 0;
}

static void catalogue_facets_count(void **state)
{
	(void)state;
	struct buf r = BUF_INIT, want = BUF_INIT;
	char day[11];
	time_t t = time(NULL);
	strftime(day, sizeof day, "%Y-%m-%d", gmtime(&t));
	/* The golden counts, from the demo catalogue file itself. */
	json_error_t je;
	json_t *cat = json_load_file("data/catalogue/demo.json", 0, &je);
	assert_non_null(cat);
	size_t coaching = 0, coaching_opleiden = 0, i;
	const json_t *in;
	json_array_foreach(json_object_get(cat, "instruments"), i, in) {
		if (!published(in, day) || !has(json_object_get(in, "forms"), "coaching"))
			continue;
		coaching++;
		coaching_opleiden += (size_t)has(json_object_get(in, "tiles"), "opleiden");
	}
	json_decref(cat);
	assert_true(coaching > 0 && coaching_opleiden > 0);
	assert_int_equal(get(&Login.hdr, "/catalogue?uitvoeringsvorm=coaching", &r), 200);
	buf_printf(&want, "%zu instrument(en) gevonden", coaching);
	assert_non_null(strstr(r.data, want.data));
	/* The tile facet counts what choosing it as well would give. */
	const char *opl = strstr(r.data, "value=\"opleiden\"");
	assert_non_null(opl);
	buf_reset(&want);
	buf_printf(&want, "Opleiden <span class=\"ipm-facet__count\">(%zu)", coaching_opleiden);
	assert_non_null(strstr(opl, want.data));
	assert_non_null(strstr(r.data, "value=\"coaching\" checked"));
	/* And choosing it gives that many. */
	assert_int_equal(get(&Login.hdr, "/catalogue?uitvoeringsvorm=coaching&tile=opleiden", &r),
			 200);
	buf_reset(&want);
	buf_printf(&want, "%zu instrument(en) gevonden", coaching_opleiden);
	assert_non_null(strstr(r.data, want.data));
	/* Target groups and places are named as the catalogue names them, not
	 * by their ids. */
	assert_int_equal(get(&Login.hdr, "/catalogue", &r), 200);
	struct {
		const char *list, *id;
	} named[] = { { "target_groups", "jongeren" }, { "gemeenten", "bergzicht" } };
	for (size_t k = 0; k < sizeof named / sizeof named[0]; k++) {
		json_t *cat2 = json_load_file("data/catalogue/demo.json", 0, &je);
		const char *name = NULL;
		json_array_foreach(json_object_get(cat2, named[k].list), i, in)
			if (!strcmp(json_string_value(json_object_get(in, "id")), named[k].id))
				name = json_string_value(json_object_get(in, "name"));
		assert_non_null(name);
		buf_reset(&want);
		buf_printf(&want, "value=\"%s\"", named[k].id);
		const char *at = strstr(r.data, want.data);
		assert_non_null(at);
		buf_reset(&want);
		buf_printf(&want, ">%s <span class=\"ipm-facet__count\">", name);
		const char *label = strstr(at, want.data);
		assert_non_null(label);
		assert_true(label - at < 400); /* its own label, not a later one */
		json_decref(cat2);
	}
	/* An instrument's page has its Eva fields. */
	assert_int_equal(get(&Login.hdr, "/catalogue/welkomstgesprek-werk-inkomen", &r), 200);
	assert_non_null(strstr(r.data, ">Uitvoeringsvorm</dt>"));
	assert_non_null(strstr(r.data, ">Tegels van het werklandschap</dt>"));
	assert_int_equal(get(&Login.hdr, "/catalogue/bestaat-niet", &r), 404);
	buf_free(&want);
	buf_free(&r);
}

static void forms_need_their_csrf_token(void **state)
{
	(void)state;
	struct buf r = BUF_INIT;
	int64_t answers = sql_int("SELECT count(*) FROM answers WHERE assessment_id IN (SELECT id "
				  "FROM assessments WHERE client_id = ?)", CLIENT);
	int64_t judgements = sql_int("SELECT count(*) FROM judgements WHERE client_id = ?", CLIENT);
	assert_int_equal(post(&Login.hdr, NULL, "/clients/8/factors", "r.motivatie=2&action=save",
			      &r), 403);
	assert_int_equal(post(&Login.hdr, "0000", "/clients/8/factors", "r.motivatie=2&action=save",
			      &r), 403);
	assert_int_equal(post(&Login.hdr, NULL, "/clients/8/judgement",
			      "subject=prognose.band&decision=accept", &r), 403);
	assert_int_equal(post(&Login.hdr, NULL, "/clients/8/prognosis", "", &r), 403);
	assert_int_equal(sql_int("SELECT count(*) FROM answers WHERE assessment_id IN (SELECT id "
				 "FROM assessments WHERE client_id = ?)", CLIENT), answers);
	assert_int_equal(sql_int("SELECT count(*) FROM judgements WHERE client_id = ?", CLIENT),
			 judgements);
	buf_free(&r);
}

static void werkcoach_cannot_open_anothers_prognosis(void **state)
{
	(void)state;
	struct buf r = BUF_INIT, hdr = BUF_INIT, csrf = BUF_INIT;
	demo_server_login(&S, "andere.consulent", &hdr, &csrf);
	int64_t denied = sql_int("SELECT count(*) FROM audit_log WHERE client_id = ? AND "
				 "action = 'denied'", CLIENT);
	assert_int_equal(get(&hdr, "/clients/8/prognosis", &r), 403);
	assert_null(strstr(r.data, "Kans op werk binnen"));
	assert_int_equal(post(&hdr, csrf.data, "/clients/8/prognosis", "", &r), 403);
	assert_int_equal(get(&hdr, "/clients/8/instruments", &r), 403);
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE client_id = ? AND "
				 "action = 'denied'", CLIENT),
			 denied + 3);
	/* Nothing of the dossier was read for them. */
	assert_int_equal(sql_int("SELECT count(*) FROM audit_log WHERE client_id = ? AND "
				 "action = 'read' AND user_id = (SELECT id FROM users WHERE "
				 "username = 'andere.consulent')", CLIENT),
			 0);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

static void jobcoach_sees_no_test_details(void **state)
{
	(void)state;
	struct buf r = BUF_INIT;
	assert_int_equal(get(&Login.jc_hdr, "/clients/4/prognosis", &r), 200);
	assert_non_null(strstr(r.data, "Jouw rol ziet de conclusies"));
	assert_non_null(strstr(r.data, "Niet gekalibreerd"));
	assert_null(strstr(r.data, "Kans op werk binnen 6 maanden"));
	assert_null(strstr(r.data, "<svg"));
	assert_null(strstr(r.data, "Waarom: het effect van elke factor"));
	assert_int_equal(get(&Login.jc_hdr, "/clients/4/profile", &r), 200);
	assert_null(strstr(r.data, "class=\"ipm-num\""));
	assert_null(strstr(r.data, "Bijzondere persoonsgegevens"));
	assert_int_equal(get(&Login.jc_hdr, "/clients/4/factors", &r), 403);
	assert_int_equal(get(&Login.jc_hdr, "/clients/4/judgement", &r), 403);
	assert_int_equal(get(&Login.jc_hdr, "/clients/4/instruments", &r), 200);
	assert_null(strstr(r.data, "name=\"instrument\""));
	/* The professional report stays with the professionals. */
	assert_int_equal(post(&Login.hdr, Login.csrf.data, "/clients/4/reports",
			      "version=prof&format=html", &r), 303);
	struct buf loc = BUF_INIT;
	web_resp_header(r.data, "Location", &loc);
	assert_int_equal(get(&Login.hdr, loc.data, &r), 200);
	assert_non_null(strstr(r.data, "Content-Disposition: attachment"));
	assert_int_equal(get(&Login.jc_hdr, loc.data, &r), 403);
	assert_int_equal(post(&Login.jc_hdr, Login.jc_csrf.data, "/clients/4/reports",
			      "version=client&format=html", &r), 403);
	buf_free(&loc);
	buf_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rate_factors_then_profile),
		cmocka_unit_test(prognosis_says_not_calibrated),
		cmocka_unit_test(override_keeps_the_computed_value),
		cmocka_unit_test(matching_shows_the_goals_of_debts_and_language),
		cmocka_unit_test(catalogue_facets_count),
		cmocka_unit_test(forms_need_their_csrf_token),
		cmocka_unit_test(werkcoach_cannot_open_anothers_prognosis),
		cmocka_unit_test(jobcoach_sees_no_test_details),
	};
	return cmocka_run_group_tests_name("web_ipm", tests, server_up, server_down);
}
