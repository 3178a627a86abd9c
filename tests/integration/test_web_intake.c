/* The intake page over HTTP against `ipm serve` (docs/web.md): a new client
 * with consent per purpose, refused without the CSRF token, a refused form
 * that names each field and keeps what was typed, a client number used
 * twice, special-category data stored only encrypted, no intake for the
 * jobcoach. */
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

static int64_t clients_with(const char *reference)
{
	return demo_sql_int(&S, "SELECT count(*) FROM clients WHERE reference = ?", "s", reference);
}

/* A complete intake, as the form sends it (the browser's order); dates as
 * typed in the Netherlands, day-month-year, stored as 1988-04-12. */
#define INTAKE_FIELDS                                                                         \
	"&reference=%s&given_name=Fatima&family_name=el+Amrani&birth_date=12-04-1988&sex=v"     \
	"&email=fatima%%40example.nl&phone=06-12345678&street=Dorpsstraat+1&postcode=1234+AB" \
	"&city=Voorbeeldstad&gemeente=&benefit_type=participatiewet&benefit_start=1-6-2025"   \
	"&education_level=mbo-2&language_level=B1&household=alleenstaand+met+kinderen"        \
	"&route_language=nl&target_group=statushouders&groups_other=vrouwen+in+de+bijstand"

static void the_form_has_labels_fieldsets_and_the_token(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/new", hdr.data, NULL, &r), 200);
	const char *b = web_resp_body(r.data);
	assert_non_null(strstr(b, "<h1 class=\"utrecht-heading-1\">Nieuwe cliënt</h1>"));
	assert_non_null(strstr(b, "<label class=\"utrecht-form-label\" for=\"f-given_name\">"
				  "Voornaam <span class=\"ipm-required\">(verplicht)</span></label>"));
	/* Radio groups are fieldsets with a legend. */
	assert_non_null(strstr(b, "ipm-legend-small\">Taal van de route"));
	assert_non_null(strstr(b, "id=\"f-route_language-0\" name=\"route_language\" value=\"nl\" "
				  "checked"));
	/* Every purpose of consent, the employer's per report section. */
	assert_non_null(strstr(b, "value=\"loopbaanonderzoek\""));
	assert_non_null(strstr(b, "value=\"werkgever:persoonlijkheid\""));
	/* The catalogue's target groups (the demo imports one). */
	assert_non_null(strstr(b, "name=\"target_group\" value=\"statushouders\""));
	struct buf token = BUF_INIT;
	assert_int_equal(web_form_value(b, "csrf", &token), 0);
	assert_string_equal(token.data, csrf.data);
	buf_free(&token);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

static void a_client_is_created_with_consent_per_purpose(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT, loc = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	buf_printf(&body, "csrf=%s" INTAKE_FIELDS "&consent=loopbaanonderzoek&consent=ipm-prognose"
			  "&consent=werkgever%%3Acv&consent=werkgever%%3Aadvies&informed=1",
		   csrf.data, "VB-1001");
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 303);
	assert_int_equal(web_resp_header(r.data, "Location", &loc), 0);
	sqlite3 *db = raw_open(S.db.data);
	int64_t id = raw_int(db, "SELECT id FROM clients WHERE reference = 'VB-1001'", "");
	char want[64];
	snprintf(want, sizeof want, "/clients/%lld", (long long)id);
	assert_string_equal(loc.data, want);
	char *tg = raw_text(db, "SELECT target_groups FROM clients WHERE id = ?", "i", id);
	assert_string_equal(tg, "[\"statushouders\",\"vrouwen in de bijstand\"]");
	free(tg);
	char *f = raw_text(db,
			   "SELECT given_name || '|' || family_name || '|' || birth_date || '|' || sex"
			   " || '|' || benefit_type || '|' || language_level || '|' || route_language"
			   " || '|' || household || '|' || route_step || '|' || (gemeente IS NULL)"
			   " || '|' || benefit_start FROM clients WHERE id = ?",
			   "i", id);
	assert_string_equal(f, "Fatima|el Amrani|1988-04-12|v|participatiewet|B1|nl|"
			       "alleenstaand met kinderen|intake|1|2025-06-01");
	free(f);
	/* Every purpose shown is on record: the four ticked as given, the rest
	 * (10 of the 14) as not given. */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM consents WHERE client_id = ?", "i", id),
			 14);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM consents WHERE client_id = ? AND granted = 1"
				 " AND basis = 'toestemming' AND purpose IN ('loopbaanonderzoek',"
				 " 'ipm-prognose', 'werkgever:cv', 'werkgever:advies')",
				 "i", id),
			 4);
	assert_int_equal(raw_int(db,
				 "SELECT granted FROM consents WHERE client_id = ?"
				 " AND purpose = 'delen-met-jobcoach'",
				 "i", id),
			 0);
	/* Created by the consulent, audited, and in her caseload. */
	int64_t me = raw_int(db, "SELECT id FROM users WHERE username = 'demo.consulent'", "");
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE user_id = ? AND client_id = ?"
				 " AND action = 'create' AND entity = 'client'",
				 "ii", me, id),
			 1);
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE user_id = ? AND client_id = ?"
				 " AND action = 'create' AND entity = 'consent'",
				 "ii", me, id),
			 14);
	sqlite3_close(db);
	assert_int_equal(web_req(S.port, "GET", want, hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "Fatima el Amrani"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
	buf_free(&loc);
}

static void without_the_csrf_token_nothing_is_created(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	buf_printf(&body, "csrf=%s" INTAKE_FIELDS "&informed=1", "0000", "VB-1002");
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 403);
	buf_reset(&body);
	buf_printf(&body, "x=1" INTAKE_FIELDS "&informed=1", "VB-1002");
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 403);
	assert_int_equal(clients_with("VB-1002"), 0);
	/* Nor without a session, token or not. */
	buf_reset(&body);
	buf_printf(&body, "csrf=%s" INTAKE_FIELDS "&informed=1", csrf.data, "VB-1002");
	assert_int_equal(web_req(S.port, "POST", "/clients/new", NULL, body.data, &r), 403);
	assert_int_equal(clients_with("VB-1002"), 0);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

static void a_refused_form_names_each_field_and_keeps_what_was_typed(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	/* No client number, a date that does not exist, a broken e-mail
	 * address, no benefit, and the client not informed. */
	buf_printf(&body, "csrf=%s&reference=&given_name=Fatima&family_name=el+Amrani"
			  "&birth_date=1988-02-30&email=fatima.example.nl&route_language=de"
			  "&consent=loopbaanonderzoek",
		   csrf.data);
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 422);
	const char *b = web_resp_body(r.data);
	/* The summary, in form order, each line linking to its field. */
	const char *sum = strstr(b, "id=\"error-summary\"");
	assert_non_null(sum);
	const char *want[] = {
		"<a class=\"utrecht-link\" href=\"#f-reference\">Cliëntnummer: vul dit in.</a>",
		"<a class=\"utrecht-link\" href=\"#f-birth_date\">Geboortedatum: vul een bestaande "
		"datum in als dag-maand-jaar, bijvoorbeeld 31-05-1990.</a>",
		"<a class=\"utrecht-link\" href=\"#f-email\">E-mailadres: vul een e-mailadres in zoals "
		"naam@voorbeeld.nl.</a>",
		"<a class=\"utrecht-link\" href=\"#f-benefit_type\">Uitkering: kies een van de "
		"mogelijkheden.</a>",
		"<a class=\"utrecht-link\" href=\"#f-informed\">Toestemming (AVG): bevestig dat je de "
		"cliënt hebt geïnformeerd.</a>",
	};
	const char *at = sum;
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const char *p = strstr(at, want[i]);
		assert_non_null(p);
		at = p;
	}
	/* The field itself says it too, and is marked invalid. */
	assert_non_null(strstr(b, "<div class=\"utrecht-form-field-error-message\" "
				  "id=\"f-birth_date-error\">vul een bestaande datum in"));
	assert_non_null(strstr(b, "id=\"f-birth_date\" name=\"birth_date\" type=\"text\" "
				  "value=\"1988-02-30\""));
	assert_non_null(strstr(b, "aria-invalid=\"true\" aria-describedby=\"f-birth_date-hint "
				  "f-birth_date-error\""));
	/* What was typed and chosen is kept. */
	assert_non_null(strstr(b, "name=\"given_name\" type=\"text\" value=\"Fatima\""));
	assert_non_null(strstr(b, "name=\"email\" type=\"email\" value=\"fatima.example.nl\""));
	assert_non_null(strstr(b, "name=\"route_language\" value=\"de\" checked"));
	assert_non_null(strstr(b, "value=\"loopbaanonderzoek\" checked"));
	assert_null(strstr(b, "value=\"ipm-prognose\" checked"));
	assert_int_equal(clients_with(""), 0);
	sqlite3 *db = raw_open(S.db.data);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM clients WHERE given_name = 'Fatima'"
				     " AND family_name = 'el Amrani' AND reference <> 'VB-1001'", ""),
			 0);
	sqlite3_close(db);
	/* A date in the future is refused by name too. */
	buf_reset(&body);
	buf_printf(&body, "csrf=%s" INTAKE_FIELDS "&informed=1", csrf.data, "VB-1003");
	char *p = strstr(body.data, "birth_date=12-04-1988");
	assert_non_null(p);
	memcpy(p + strlen("birth_date=12-04-"), "2999", 4);
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "Geboortedatum: deze datum ligt in de toekomst."));
	assert_int_equal(clients_with("VB-1003"), 0);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

static void a_client_number_is_unique_in_the_organisation(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	buf_printf(&body, "csrf=%s" INTAKE_FIELDS "&informed=1", csrf.data, "VB-0001");
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 422);
	assert_non_null(strstr(r.data, "href=\"#f-reference\">Cliëntnummer: je organisatie heeft al "
				       "een cliënt met dit nummer."));
	assert_int_equal(clients_with("VB-0001"), 1);
	sqlite3 *db = raw_open(S.db.data);
	/* The transaction took nothing along: no consents without a client. */
	assert_int_equal(raw_int(db, "SELECT count(*) FROM consents c WHERE NOT EXISTS"
				     " (SELECT 1 FROM clients k WHERE k.id = c.client_id)", ""),
			 0);
	sqlite3_close(db);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

static void special_category_data_is_stored_encrypted(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT, loc = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	buf_printf(&body, "csrf=%s" INTAKE_FIELDS "&sensitive=Hernia%%2C+niet+lang+staan"
			  "&informed=1",
		   csrf.data, "VB-1004");
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 303);
	sqlite3 *db = raw_open(S.db.data);
	/* 'S', version 1, key id, nonce, ciphertext + tag: nothing readable. */
	assert_int_equal(raw_int(db, "SELECT length(sensitive) FROM clients WHERE reference ="
				     " 'VB-1004'", ""),
			 2 + 4 + 24 + (int64_t)strlen("Hernia, niet lang staan") + 16);
	assert_int_equal(raw_int(db, "SELECT instr(sensitive, CAST('Hernia' AS BLOB)) FROM clients"
				     " WHERE reference = 'VB-1004'", ""),
			 0);
	sqlite3_close(db);
	/* The dossier opens it again for the consulent. */
	assert_int_equal(web_resp_header(r.data, "Location", &loc), 0);
	assert_int_equal(web_req(S.port, "GET", loc.data, hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "Hernia, niet lang staan"));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
	buf_free(&loc);
}

static void the_jobcoach_takes_no_intake(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "demo.jobcoach", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/new", hdr.data, NULL, &r), 403);
	buf_printf(&body, "csrf=%s" INTAKE_FIELDS "&informed=1", csrf.data, "VB-1005");
	assert_int_equal(web_req(S.port, "POST", "/clients/new", hdr.data, body.data, &r), 403);
	assert_int_equal(clients_with("VB-1005"), 0);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_form_has_labels_fieldsets_and_the_token),
		cmocka_unit_test(a_client_is_created_with_consent_per_purpose),
		cmocka_unit_test(without_the_csrf_token_nothing_is_created),
		cmocka_unit_test(a_refused_form_names_each_field_and_keeps_what_was_typed),
		cmocka_unit_test(a_client_number_is_unique_in_the_organisation),
		cmocka_unit_test(special_category_data_is_stored_encrypted),
		cmocka_unit_test(the_jobcoach_takes_no_intake),
	};
	return cmocka_run_group_tests_name("web intake", tests, demo_group_up, demo_group_down);
}
