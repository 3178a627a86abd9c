/* The prognosis page says what the traffic light was compared with
 * (docs/prognosis.md, "Traffic light"): with the organisation's terciles,
 * the number of clients still looking for work that day and that each
 * counts at their own duration, and the two limits for roles that see the
 * figures (not for the jobcoach); with the model's fixed limits, no "third"
 * at all. Against `ipm serve` with the demo, whose VB-0004 is compared with
 * the demo organisation's clients (its 400-client history included). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/demo_server.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

DEMO_SERVER_GROUP(S)

/* The page of VB-0004 as `user` sees it, in Dutch. */
static void page(const char *user, struct buf *r)
{
	struct buf hdr = BUF_INIT, csrf = BUF_INIT;
	demo_server_login(&S, user, &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/4/prognosis", hdr.data, NULL, r), 200);
	buf_free(&hdr);
	buf_free(&csrf);
}

/* The stored result the page shows: the count of clients behind the light. */
static long long stored_clients(void)
{
	sqlite3 *db = raw_open(S.db.data);
	char *data = raw_text(db,
			      "SELECT data FROM results WHERE client_id = 4 AND kind = 'prognosis'"
			      " ORDER BY computed_at DESC, id DESC LIMIT 1",
			      "");
	sqlite3_close(db);
	json_t *doc = json_loads(data, 0, NULL);
	assert_non_null(doc);
	json_t *t = json_object_get(doc, "light_thresholds");
	assert_string_equal(json_string_value(json_object_get(t, "source")), "organisatie");
	long long n = (long long)json_integer_value(json_object_get(t, "clients"));
	json_decref(doc);
	free(data);
	return n;
}

static void organisation_terciles_name_the_group(void **state)
{
	(void)state;
	struct buf r = BUF_INIT, want = BUF_INIT;
	long long n = stored_clients();
	assert_true(n >= 30);
	page("demo.consulent", &r);
	assert_non_null(strstr(r.data, "<dt>Verkeerslicht</dt>"));
	assert_non_null(strstr(r.data, "bij het beste derde deel") ||
			strstr(r.data, "het middelste derde deel") ||
			strstr(r.data, "het laagste derde deel"));
	buf_printf(&want, "Vergeleken met de %lld cliënten van de organisatie die op ", n);
	assert_non_null(strstr(r.data, want.data));
	assert_non_null(strstr(r.data, "nog werk zochten, ieder met de eigen duur zonder werk: niet "
				       "alleen met wie even lang zonder werk is."));
	assert_non_null(strstr(r.data, "Groen vanaf "));
	assert_null(strstr(r.data, "grenzen van het model"));
	/* The jobcoach reads the group, not the limits. */
	page("demo.jobcoach", &r);
	assert_non_null(strstr(r.data, want.data));
	assert_null(strstr(r.data, "Groen vanaf "));
	buf_free(&want);
	buf_free(&r);
}

static void model_limits_are_no_thirds(void **state)
{
	(void)state;
	/* A later result of VB-0004 whose light came from the model's limits,
	 * as while an organisation has fewer than 30 clients. */
	sqlite3 *db = raw_open(S.db.data);
	assert_int_equal(
		raw_run(db, NULL,
			"INSERT INTO results (client_id, assessment_id, kind, pack_id, pack_version,"
			" computed_at, data) SELECT client_id, assessment_id, kind, pack_id,"
			" pack_version, computed_at, json_set(data, '$.light', 'oranje',"
			" '$.light_thresholds', json('{\"source\":\"model\",\"clients\":0,"
			"\"lower\":0.3,\"upper\":0.5}')) FROM results WHERE client_id = 4 AND"
			" kind = 'prognosis' ORDER BY id DESC LIMIT 1",
			""),
		SQLITE_DONE);
	sqlite3_close(db);
	struct buf r = BUF_INIT;
	page("demo.consulent", &r);
	assert_non_null(strstr(r.data, "oranje: tussen de twee grenzen van het model"));
	assert_null(strstr(r.data, "derde deel"));
	assert_non_null(strstr(r.data, "De organisatie had minder dan 30 cliënten die werk zochten om "
				       "mee te vergelijken. Daarom volgt het licht de vaste grenzen "
				       "van het model. Groen vanaf 50,0 %, rood onder 30,0 % kans op "
				       "werk binnen 12 maanden."));
	buf_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(organisation_terciles_name_the_group),
		cmocka_unit_test(model_limits_are_no_thirds),
	};
	return cmocka_run_group_tests_name("web traffic light", tests, demo_group_up, demo_group_down);
}
