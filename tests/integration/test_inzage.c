/* The client's rights over HTTP and the command line (docs/inzage.md,
 * docs/retention.md): the inzage of the demo client VB-0004 (whole route)
 * holds every row stored about her, table by table, and is audited; it is
 * refused (403, audited) outside the caseload and to roles without test
 * details; `ipm export` writes the same document. Erasure is refused before
 * the retention date and, after it, leaves no row of the client in any
 * table but the audit trail; `ipm retention run` erases only what is due. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "support/demo_server.h"
#include "support/proc.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

DEMO_SERVER_GROUP(S)

enum { VB0003 = 3, VB0004 = 4 };

/* Which part of the export holds the rows of each table that refers to a
 * client (directly or through its parent). A table not listed here that
 * holds rows of a client fails the test: a new table must be exported. */
static const struct {
	const char *table, *part;
} table_parts[] = {
	{ "clients", "client" },
	{ "client_access", "access" },
	{ "consents", "consents" },
	{ "assessments", "assessments" },
	{ "answers", "answers" },
	{ "assessment_links", "assessment_links" },
	{ "results", "results" },
	{ "cvs", "cvs" },
	{ "judgements", "judgements" },
	{ "advice_items", "advice" },
	{ "advice_decisions", "advice_decisions" },
	{ "trajectplans", "trajectplans" },
	{ "plan_activities", "plan_activities" },
	{ "jobcoach_advice", "jobcoach_advice" },
	{ "reports", "reports" },
	{ "outcomes", "outcomes" },
	{ "audit_log", "audit" },
};

static const char *part_of(const char *table)
{
	for (size_t i = 0; i < sizeof table_parts / sizeof table_parts[0]; i++)
		if (!strcmp(table_parts[i].table, table))
			return table_parts[i].part;
	return NULL;
}

/* Rows of `table` that belong to the client: by its client_id column, by
 * a foreign key to a table that has one, or (clients) by id; -1 when the
 * table has no way to name a client. Table names come from sqlite_master. */
static int64_t client_rows(sqlite3 *db, const char *table, int64_t client)
{
	struct buf sql = BUF_INIT;
	int64_t n = -1;
	if (!strcmp(table, "clients")) {
		buf_printf(&sql, "SELECT count(*) FROM clients WHERE id = %lld", (long long)client);
	} else if (raw_int(db, "SELECT count(*) FROM pragma_table_info(?) WHERE name = 'client_id'",
			   "s", table)) {
		buf_printf(&sql, "SELECT count(*) FROM \"%s\" WHERE client_id = %lld", table,
			   (long long)client);
	} else {
		/* A child: a foreign key to a parent that has client_id. */
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(db,
						    "SELECT f.\"table\", f.\"from\", f.\"to\" FROM"
						    " pragma_foreign_key_list(?) f WHERE EXISTS (SELECT 1"
						    " FROM pragma_table_info(f.\"table\") c"
						    " WHERE c.name = 'client_id')",
						    -1, &st, NULL),
				 SQLITE_OK);
		sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			buf_printf(&sql,
				   "SELECT count(*) FROM \"%s\" WHERE \"%s\" IN (SELECT \"%s\" FROM"
				   " \"%s\" WHERE client_id = %lld)",
				   table, (const char *)sqlite3_column_text(st, 1),
				   (const char *)sqlite3_column_text(st, 2),
				   (const char *)sqlite3_column_text(st, 0), (long long)client);
		sqlite3_finalize(st);
	}
	if (sql.len)
		n = raw_int(db, buf_str(&sql), "");
	buf_free(&sql);
	return n;
}

typedef void (*table_fn)(sqlite3 *db, const char *table, int64_t rows, void *ctx);

static void each_client_table(sqlite3 *db, int64_t client, table_fn fn, void *ctx)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT name FROM sqlite_master WHERE type = 'table'"
					    " AND name NOT LIKE 'sqlite_%'"
					    /* full-text indexes hold catalogue text only and
					     * need the store's tokenizer to be opened */
					    " AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
					    -1, &st, NULL),
			 SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *t = strdup((const char *)sqlite3_column_text(st, 0));
		int64_t n = client_rows(db, t, client);
		if (n >= 0)
			fn(db, t, n, ctx);
		free(t);
	}
	sqlite3_finalize(st);
}

/* --- inzage ------------------------------------------------------------- */

static json_t *body_json(const char *resp)
{
	json_error_t je;
	json_t *doc = json_loads(web_resp_body(resp), 0, &je);
	if (!doc)
		fprintf(stderr, "inzage JSON: %s at %d:%d\n", je.text, je.line, je.column);
	assert_non_null(doc);
	return doc;
}

static void part_matches(sqlite3 *db, const char *table, int64_t rows, void *ctx)
{
	(void)db;
	const json_t *doc = ctx;
	const char *part = part_of(table);
	if (!part)
		fprintf(stderr, "table %s holds rows of a client but is not exported\n", table);
	assert_non_null(part);
	const json_t *v = json_object_get(doc, part);
	size_t n = json_is_array(v) ? json_array_size(v) : json_is_object(v) ? 1 : 0;
	/* The audit trail grows while we count (the export itself, the reads
	 * of this test); every other part is exactly the table. */
	if (!strcmp(table, "audit_log")) {
		assert_true((int64_t)n <= rows);
		assert_true(n > 0);
	} else if ((int64_t)n != rows) {
		fprintf(stderr, "%s: %lld rows, export part %s has %zu\n", table, (long long)rows,
			part, n);
		fail();
	}
}

static void inzage_of_vb0004_holds_every_stored_row(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, disp = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	int64_t me = demo_user_id(&S, "demo.consulent");
	int64_t before = demo_audited(&S, me, "export", "client", VB0004);
	assert_int_equal(web_req(S.port, "GET", "/clients/4/inzage?download=json", hdr.data, NULL,
				 &r),
			 200);
	assert_int_equal(web_resp_header(r.data, "Content-Disposition", &disp), 0);
	assert_string_equal(disp.data, "attachment; filename=\"inzage-4.json\"");
	assert_int_equal(demo_audited(&S, me, "export", "client", VB0004), before + 1);
	json_t *doc = body_json(r.data);
	assert_string_equal(json_string_value(json_object_get(doc, "format")), "ipm-inzage");
	assert_int_equal(json_integer_value(json_object_get(doc, "client_id")), VB0004);
	const json_t *c = json_object_get(doc, "client");
	assert_string_equal(json_string_value(json_object_get(c, "reference")), "VB-0004");
	assert_string_equal(json_string_value(json_object_get(c, "family_name")), "van Dam");
	/* JSON columns are JSON, not strings. */
	assert_true(json_is_array(json_object_get(c, "target_groups")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(c, "sensitive"),
							      "status")),
			    "none");
	/* The whole route of the demo (services/demo_route.c): six
	 * questionnaires with answers, scores and a prognosis, a CV,
	 * judgements, advice, a plan with activities, jobcoaching. */
	assert_int_equal(json_array_size(json_object_get(doc, "assessments")), 6);
	assert_true(json_array_size(json_object_get(doc, "answers")) > 100);
	int prognosis = 0;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(doc, "results"), i, x)
	{
		if (!strcmp(json_string_value(json_object_get(x, "kind")), "prognosis")) {
			prognosis++;
			assert_true(json_is_object(json_object_get(x, "data")));
		}
	}
	assert_int_equal(prognosis, 1);
	assert_int_equal(json_array_size(json_object_get(doc, "cvs")), 1);
	assert_true(json_array_size(json_object_get(doc, "judgements")) > 0);
	assert_true(json_array_size(json_object_get(doc, "advice")) > 0);
	assert_int_equal(json_array_size(json_object_get(doc, "trajectplans")), 1);
	assert_true(json_array_size(json_object_get(doc, "plan_activities")) > 0);
	assert_int_equal(json_array_size(json_object_get(doc, "jobcoach_advice")), 1);
	assert_int_equal(json_array_size(json_object_get(doc, "access")), 3);
	/* The export is the last entry of its own audit part, by me. */
	const json_t *audit = json_object_get(doc, "audit");
	const json_t *last = json_array_get(audit, json_array_size(audit) - 1);
	assert_string_equal(json_string_value(json_object_get(last, "action")), "export");
	assert_int_equal(json_integer_value(json_object_get(last, "user_id")), me);
	/* Every table that holds rows of the client is a part of the same
	 * size: nothing stored is left out. */
	sqlite3 *db = raw_open(S.db.data);
	each_client_table(db, VB0004, part_matches, doc);
	sqlite3_close(db);
	json_decref(doc);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&disp);
}

static void inzage_page_speaks_the_route_language(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/4/inzage", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "<h1 class=\"utrecht-heading-1\">Alles wat we over je "
				       "bewaren</h1>"));
	assert_non_null(strstr(r.data, "Wie je dossier heeft bekeken"));
	assert_non_null(strstr(r.data, "download=json"));
	/* VB-0003 follows the route in English; the page's chrome stays Dutch. */
	assert_int_equal(web_req(S.port, "GET", "/clients/3/inzage", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "<div class=\"ipm-inzage\" lang=\"en\">"));
	assert_non_null(strstr(r.data, "Everything we store about you"));
	assert_non_null(strstr(r.data, "Uitloggen"));
	/* The standalone file has its own styles and no application links. */
	assert_int_equal(web_req(S.port, "GET", "/clients/4/inzage?download=html", hdr.data, NULL,
				 &r),
			 200);
	assert_non_null(strstr(r.data, "filename=\"inzage-4.html\""));
	assert_non_null(strstr(r.data, "<style>"));
	assert_null(strstr(r.data, "/static/"));
	assert_int_equal(web_req(S.port, "GET", "/clients/4/inzage?download=pdf", hdr.data, NULL,
				 &r),
			 400);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

static void inzage_refused_outside_the_caseload_and_without_test_details(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	static const char *const users[] = { "andere.consulent", "demo.jobcoach",
					     "demo.beheerder", "demo.manager" };
	for (size_t i = 0; i < sizeof users / sizeof users[0]; i++) {
		int64_t u = demo_user_id(&S, users[i]);
		int64_t denied = demo_audited(&S, u, "denied", "export", VB0004);
		demo_server_login(&S, users[i], &hdr, &csrf);
		assert_int_equal(web_req(S.port, "GET", "/clients/4/inzage?download=json", hdr.data,
					 NULL, &r),
				 403);
		assert_null(strstr(r.data, "van Dam"));
		assert_int_equal(demo_audited(&S, u, "export", "client", VB0004), 0);
		/* A werkcoach and the jobcoach ask about a client and are on
		 * record; the others have no dossier role at all. */
		if (i < 2)
			assert_int_equal(demo_audited(&S, u, "denied", "export", VB0004),
					 denied + 1);
	}
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
}

static void cli_export_writes_the_same_document(void **state)
{
	(void)state;
	struct buf out = BUF_INIT, err = BUF_INIT, file = BUF_INIT, text = BUF_INIT;
	buf_printf(&file, "%s/inzage.json", S.dir);
	int64_t before = demo_audited(&S, 0, "export", "client", VB0004);
	const char *args[] = { "export", "--client", "4", "--db", S.db.data, "-o", file.data, NULL };
	assert_int_equal(test_run_ipm(&out, &err, args), 0);
	assert_int_equal(demo_audited(&S, 0, "export", "client", VB0004), before + 1);
	struct err e;
	assert_int_equal(fs_read_file(file.data, &text, &e), IPM_OK);
	json_t *doc = json_loads(text.data, 0, NULL);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "client"),
								  "reference")),
			    "VB-0004");
	assert_int_equal(json_integer_value(json_object_get(doc, "generated_by")), 0);
	json_decref(doc);
	/* No such client: bad input, nothing written. */
	const char *bad[] = { "export", "--client", "99999", "--db", S.db.data, NULL };
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, &err, bad), 2);
	assert_int_equal(out.len, 0);
	buf_free(&out);
	buf_free(&err);
	buf_free(&file);
	buf_free(&text);
}

/* --- retention and erasure ------------------------------------------------- */

#define OLD "2015-03-01T10:00:00Z"
#define OLD_CHANGE "2016-05-01T10:00:00Z"

/* raw_run that must succeed. */
#define RUN(db, id, sql, ...) assert_int_equal(raw_run(db, id, sql, __VA_ARGS__), SQLITE_DONE)

/* A dossier of a route that ended in 2016, laid down with raw SQL so that
 * its last change is old: a row in every table that can hold a client's
 * data when `rich`, and its audit trail (the dates retention counts from). */
static int64_t old_dossier(const char *reference, int rich)
{
	sqlite3 *db = raw_open(S.db.data);
	int64_t c, a, ai, p;
	RUN(db, &c,
	    "INSERT INTO clients (org_id, reference, given_name, family_name, birth_date,"
	    " created_at, updated_at) VALUES (1, ?, 'Oud', 'Dossier', '1970-01-01', '" OLD "', '"
	    OLD "')",
	    "s", reference);
	RUN(db, NULL,
	    "INSERT INTO audit_log (at, user_id, action, entity, entity_id, client_id)"
	    " VALUES ('" OLD "', 1, 'create', 'client', ?1, ?1)",
	    "i", c);
	RUN(db, NULL,
	    "INSERT INTO outcomes (client_id, recorded_at, recorded_by, outcome, start_date)"
	    " VALUES (?, '" OLD_CHANGE "', 1, 'werk', '2016-06-01')",
	    "i", c);
	RUN(db, NULL,
	    "INSERT INTO audit_log (at, user_id, action, entity, entity_id, client_id)"
	    " VALUES ('" OLD_CHANGE "', 1, 'create', 'outcome', 1, ?)",
	    "i", c);
	if (rich) {
		char *ver = raw_text(db, "SELECT version FROM packs WHERE pack_id = 'ipm-factors'"
					 " ORDER BY registered_at LIMIT 1", "");
		RUN(db, NULL, "INSERT INTO client_access VALUES (?, 1, 'owner', '" OLD "')", "i",
		    c);
		RUN(db, NULL,
		    "INSERT INTO consents (client_id, purpose, granted, basis, recorded_at,"
		    " recorded_by) VALUES (?, 'diagnose', 1, 'toestemming', '" OLD "', 1)",
		    "i", c);
		RUN(db, &a,
		    "INSERT INTO assessments (client_id, pack_id, pack_version, started_at, taken_by)"
		    " VALUES (?, 'ipm-factors', ?, '" OLD "', 'professional')",
		    "is", c, ver);
		RUN(db, NULL,
		    "INSERT INTO answers VALUES (?, 1, 'motivatie', '1', '" OLD "')", "i", a);
		RUN(db, NULL,
		    "INSERT INTO answers VALUES (?, 2, 'motivatie', '2', '" OLD "')", "i", a);
		RUN(db, NULL, "UPDATE assessments SET completed_at = '" OLD "' WHERE id = ?", "i", a);
		RUN(db, NULL,
		    "INSERT INTO assessment_links (assessment_id, token_hash, created_by, created_at,"
		    " expires_unix) VALUES (?, printf('%064d', 7), 1, '" OLD "', 0)",
		    "i", a);
		RUN(db, NULL,
		    "INSERT INTO results (client_id, assessment_id, kind, pack_id, pack_version,"
		    " computed_at, data) VALUES (?, ?, 'prognosis', 'ipm-factors', ?, '" OLD "',"
		    " '{}')",
		    "iis", c, a, ver);
		RUN(db, NULL, "INSERT INTO cvs (client_id, data, created_by, created_at)"
			      " VALUES (?, '{}', 1, '" OLD "')", "i", c);
		RUN(db, NULL,
		    "INSERT INTO judgements (client_id, subject, computed, decision, decided_by,"
		    " decided_at) VALUES (?, 'loopbaanfase', 'exploratie', 'accept', 1, '" OLD "')",
		    "i", c);
		RUN(db, &ai,
		    "INSERT INTO advice_items (client_id, type, text, created_by, created_at)"
		    " VALUES (?, 'randvoorwaarde', 'Merktekst-rustige-werkplek', 1, '" OLD "')",
		    "i", c);
		RUN(db, NULL,
		    "INSERT INTO advice_decisions (advice_id, status, decided_by, decided_at)"
		    " VALUES (?, 'accepted', 1, '" OLD "')",
		    "i", ai);
		RUN(db, &p,
		    "INSERT INTO trajectplans (client_id, goal, created_by, created_at)"
		    " VALUES (?, 'werk', 1, '" OLD "')",
		    "i", c);
		RUN(db, NULL,
		    "INSERT INTO plan_activities (plan_id, seq, text, provider, start_date)"
		    " VALUES (?, 1, 'Sollicitatietraining', 'Aanbieder', '2015-04-01')",
		    "i", p);
		RUN(db, NULL,
		    "INSERT INTO jobcoach_advice (client_id, advised, created_by, created_at)"
		    " VALUES (?, 0, 1, '" OLD "')",
		    "i", c);
		RUN(db, NULL,
		    "INSERT INTO reports (client_id, version, format, sha256, bytes, doc, versions,"
		    " report_date, issued_by, issued_at) VALUES (?, 'client', 'pdf',"
		    " printf('%064d', 0), x'255044462d', '{}', '{}', '2015-05-01', 1, '" OLD "')",
		    "i", c);
		free(ver);
	}
	sqlite3_close(db);
	return c;
}

/* Whether the marker's bytes are anywhere in the database file or its WAL,
 * after the WAL was checkpointed into the file and truncated. */
static int bytes_on_disk(sqlite3 *db, const char *marker)
{
	assert_int_equal(sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
			 SQLITE_OK);
	int found = 0;
	static const char *const suffixes[] = { "", "-wal" };
	for (size_t i = 0; i < 2; i++) {
		struct buf path = BUF_INIT, bytes = BUF_INIT;
		struct err e;
		buf_printf(&path, "%s%s", S.db.data, suffixes[i]);
		if (fs_exists(path.data) && fs_read_file(path.data, &bytes, &e) == IPM_OK &&
		    memmem(bytes.data, bytes.len, marker, strlen(marker)))
			found = 1;
		buf_free(&path);
		buf_free(&bytes);
	}
	return found;
}

struct tally {
	int tables;
	int64_t audit;
};

static void has_rows(sqlite3 *db, const char *table, int64_t rows, void *ctx)
{
	(void)db;
	struct tally *t = ctx;
	if (!strcmp(table, "audit_log")) {
		t->audit = rows;
		return;
	}
	/* The rich old dossier has a row in every table that can hold one. */
	if (rows <= 0)
		fprintf(stderr, "old dossier: no row in %s\n", table);
	assert_true(rows > 0);
	t->tables++;
}

static void nothing_left(sqlite3 *db, const char *table, int64_t rows, void *ctx)
{
	(void)db;
	struct tally *t = ctx;
	if (!strcmp(table, "audit_log")) {
		t->audit = rows;
		return;
	}
	if (rows != 0)
		fprintf(stderr, "after erasure: %lld rows left in %s\n", (long long)rows, table);
	assert_int_equal(rows, 0);
	t->tables++;
}

static int64_t clients(void)
{
	sqlite3 *db = raw_open(S.db.data);
	int64_t n = raw_int(db, "SELECT count(*) FROM clients", "");
	sqlite3_close(db);
	return n;
}

static void erase_form(struct buf *body, const char *csrf, const char *reason,
		       const char *confirm)
{
	buf_reset(body);
	buf_puts(body, "csrf=");
	demo_urlencode(body, csrf);
	buf_puts(body, "&reason=");
	demo_urlencode(body, reason);
	buf_puts(body, "&confirm=");
	demo_urlencode(body, confirm);
}

static void erasure_refused_before_the_date(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT;
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	/* VB-0004 changed today: kept five more years. */
	assert_int_equal(web_req(S.port, "GET", "/clients/4/erasure", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "niet toegestaan voordat de datum voorbij is"));
	assert_null(strstr(r.data, "name=\"confirm\""));
	assert_null(strstr(r.data, "van Dam")); /* the beheerder sees no dossier */
	erase_form(&body, csrf.data, "Verzoek van de cliënt per brief", "VB-0004");
	int64_t n = clients();
	assert_int_equal(web_req(S.port, "POST", "/clients/4/erasure", hdr.data, body.data, &r),
			 409);
	assert_non_null(strstr(r.data, "bewaardatum"));
	assert_int_equal(clients(), n);
	assert_int_equal(demo_audited(&S, demo_user_id(&S, "demo.beheerder"), "erase", "client",
				      VB0004),
			 0);
	/* The consulent sees the date but cannot erase. */
	demo_server_login(&S, "demo.consulent", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/clients/4/erasure", hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "Alleen een beheerder"));
	erase_form(&body, csrf.data, "Verzoek van de cliënt per brief", "VB-0004");
	assert_int_equal(web_req(S.port, "POST", "/clients/4/erasure", hdr.data, body.data, &r),
			 403);
	/* Another werkcoach not even that, and it is on record. */
	demo_server_login(&S, "andere.consulent", &hdr, &csrf);
	int64_t denied = demo_audited(&S, S.other_id, "denied", "retention", VB0004);
	assert_int_equal(web_req(S.port, "GET", "/clients/4/erasure", hdr.data, NULL, &r), 403);
	assert_int_equal(demo_audited(&S, S.other_id, "denied", "retention", VB0004), denied + 1);
	assert_int_equal(clients(), n);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
}

static void erasure_after_the_date_leaves_only_the_audit_trail(void **state)
{
	(void)state;
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT, body = BUF_INIT, path = BUF_INIT;
	int64_t c = old_dossier("OUD-0001", 1);
	sqlite3 *db = raw_open(S.db.data);
	struct tally before = { 0 }, after = { 0 };
	each_client_table(db, c, has_rows, &before);
	assert_true(before.tables >= 15);
	assert_true(bytes_on_disk(db, "Merktekst-rustige-werkplek"));
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	buf_printf(&path, "/clients/%lld/erasure", (long long)c);
	/* Ended 2016-05-01, five years: kept until 2021-05-01. */
	assert_int_equal(web_req(S.port, "GET", path.data, hdr.data, NULL, &r), 200);
	assert_non_null(strstr(r.data, "2021-05-01"));
	assert_non_null(strstr(r.data, "toegestaan: de datum is voorbij"));
	/* Without the CSRF token, a short reason, a wrong number: nothing. */
	erase_form(&body, "0000", "Verzoek van de cliënt per brief", "OUD-0001");
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 403);
	erase_form(&body, csrf.data, "kort", "OUD-0001");
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 422);
	erase_form(&body, csrf.data, "Verzoek van de cliënt per brief", "VB-0004");
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 422);
	assert_int_equal(client_rows(db, "clients", c), 1);
	erase_form(&body, csrf.data, "Verzoek van de cliënt per brief van 3 maart", "OUD-0001");
	assert_int_equal(web_req(S.port, "POST", path.data, hdr.data, body.data, &r), 200);
	assert_non_null(strstr(r.data, "Dossier gewist"));
	/* No row of the client in any table; the trail stays, one longer,
	 * with the erasure and its reason. */
	each_client_table(db, c, nothing_left, &after);
	assert_int_equal(after.tables, before.tables);
	assert_true(after.audit > before.audit);
	int64_t me = demo_user_id(&S, "demo.beheerder");
	assert_int_equal(raw_int(db,
				 "SELECT count(*) FROM audit_log WHERE client_id = ? AND user_id = ?"
				 " AND action = 'erase' AND reason = ?",
				 "iis", c, me, "Verzoek van de cliënt per brief van 3 maart"),
			 1);
	/* Not in free pages of the file either (secure_delete). */
	assert_false(bytes_on_disk(db, "Merktekst-rustige-werkplek"));
	/* Gone is gone: the page now answers 404. */
	assert_int_equal(web_req(S.port, "GET", path.data, hdr.data, NULL, &r), 404);
	sqlite3_close(db);
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	buf_free(&body);
	buf_free(&path);
}

static void retention_run_erases_only_what_is_due(void **state)
{
	(void)state;
	struct buf out = BUF_INIT, err = BUF_INIT, want = BUF_INIT;
	int64_t c = old_dossier("OUD-0002", 0);
	int64_t n = clients();
	const char *dry[] = { "retention", "run", "--dry-run", "--db", S.db.data, "--data", "data",
			      NULL };
	assert_int_equal(test_run_ipm(&out, &err, dry), 0);
	buf_printf(&want, "client %lld: kept until 2021-05-01 (route ended, 5 years after "
			  "2016-05-01): would be erased\n",
		   (long long)c);
	assert_non_null(strstr(out.data, want.data));
	assert_non_null(strstr(out.data, "1 would be erased"));
	assert_null(strstr(out.data, "Dossier")); /* ids only, no names */
	assert_int_equal(clients(), n);
	/* The beheerder's page lists the same one dossier, of the dossiers of
	 * the organisation it looked at. */
	struct buf hdr = BUF_INIT, csrf = BUF_INIT, r = BUF_INIT;
	demo_server_login(&S, "demo.beheerder", &hdr, &csrf);
	assert_int_equal(web_req(S.port, "GET", "/admin/retention", hdr.data, NULL, &r), 200);
	buf_reset(&want);
	buf_printf(&want, "<td class=\"utrecht-table__cell\">OUD-0002</td><td "
			  "class=\"utrecht-table__cell\">2016-05-01</td><td "
			  "class=\"utrecht-table__cell\">2021-05-01</td><td "
			  "class=\"utrecht-table__cell\"><a class=\"utrecht-link\" "
			  "href=\"/clients/%lld/erasure\">",
		   (long long)c);
	assert_non_null(strstr(r.data, want.data));
	const char *row = strstr(r.data, "/erasure\"");
	assert_null(strstr(row + 1, "/erasure\""));
	buf_reset(&want);
	buf_printf(&want, ": %lld</p>",
		   (long long)demo_sql_int(&S, "SELECT count(*) FROM clients WHERE org_id = 1", ""));
	assert_non_null(strstr(r.data, want.data));
	buf_free(&hdr);
	buf_free(&csrf);
	buf_free(&r);
	const char *real[] = { "retention", "run", "--db", S.db.data, "--data", "data", NULL };
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, &err, real), 0);
	assert_non_null(strstr(out.data, "1 erased"));
	/* Only the old dossier went; every demo client is still there. */
	assert_int_equal(clients(), n - 1);
	assert_int_equal(demo_audited(&S, 0, "erase", "client", c), 1);
	const char *show[] = { "retention", "show", "--client", "4", "--db", S.db.data, "--data",
			       "data", NULL };
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, &err, show), 0);
	assert_non_null(strstr(out.data, "may not be erased yet"));
	/* A policy with a misspelt key is refused with its path. */
	struct buf bad = BUF_INIT;
	buf_printf(&bad, "%s/policy.json", S.dir);
	FILE *f = fopen(bad.data, "w");
	fputs("{\"policy\": \"ipm-retention\", \"version\": 1, \"basis\": \"x\","
	      " \"default\": {\"years_after_end\": 5, \"years_after_activity\": 5}}",
	      f);
	fclose(f);
	const char *badrun[] = { "retention", "run", "--db", S.db.data, "--policy", bad.data,
				 NULL };
	assert_int_equal(test_run_ipm(&out, &err, badrun), 2);
	assert_non_null(strstr(err.data, "$.default.years_after_activity: unknown key"));
	buf_free(&bad);
	buf_free(&out);
	buf_free(&err);
	buf_free(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(inzage_of_vb0004_holds_every_stored_row),
		cmocka_unit_test(inzage_page_speaks_the_route_language),
		cmocka_unit_test(inzage_refused_outside_the_caseload_and_without_test_details),
		cmocka_unit_test(cli_export_writes_the_same_document),
		cmocka_unit_test(erasure_refused_before_the_date),
		cmocka_unit_test(erasure_after_the_date_leaves_only_the_audit_trail),
		cmocka_unit_test(retention_run_erases_only_what_is_due),
	};
	return cmocka_run_group_tests(tests, demo_group_up, demo_group_down);
}
