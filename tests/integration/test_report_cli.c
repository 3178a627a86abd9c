/* ipm report as a user runs it, on the demo client VB-0004 (the whole route
 * stored): the PDF of the professional and the client version holds the ten
 * section titles on the pages its table of contents names; the client
 * version holds no T-score, percentile or item text; the HTML holds the same
 * titles; every report is issued (stored with the SHA-256 of the file); a
 * broken template is refused with exit 2, its file and line, and nothing is
 * written or stored. Uses poppler's pdftotext and pdfinfo. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "support/cli_db.h"
#include "support/proc.h"
#include "support/raw_db.h"

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DATE "2026-12-01"

static const char *const titles[10] = {
	"Loopbaanfase", "Persoonlijkheid (Big Five)", "Bevindingen cv-analyse", "Loopbaanankers",
	"Carrièrecluster-analyse", "Cultuuranalyse", "Functieanalyse",
	"Integratiebelemmerende factoren", "Integratiefaciliterende factoren", "Advies en strategie",
};

struct fixture {
	struct cli_db d;
	char client[24]; /* VB-0004's id */
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	*state = f;
	cli_db_up(&f->d);
	cli_db_init(&f->d, 1);
	sqlite3 *db = raw_open(f->d.db.data);
	snprintf(f->client, sizeof f->client, "%lld",
		 (long long)raw_int(db, "SELECT id FROM clients WHERE reference = 'VB-0004'", ""));
	sqlite3_close(db);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	cli_db_down(&f->d);
	free(f);
	return 0;
}

static void path(struct fixture *f, const char *name, struct buf *out)
{
	buf_reset(out);
	buf_printf(out, "%s/%s", f->d.dir, name);
}

static int report(struct fixture *f, const char *version, const char *format, const char *out,
		  const char *templates, struct buf *err)
{
	const char *args[] = { "report", "--db", f->d.db.data, "--data", "data", "--client",
			       f->client, "--version", version, "--format", format, "-o", out,
			       "--date", DATE, templates ? "--templates" : NULL, templates, NULL };
	struct buf mine = BUF_INIT;
	int status = test_run_ipm(NULL, err ? err : &mine, args);
	/* A crash says why (a status of 0 or 2 is what the tests check). */
	if (status != 0 && status != 2)
		fprintf(stderr, "ipm report %s %s: exit %d: %s\n", version, format, status,
			buf_str(err ? err : &mine));
	buf_free(&mine);
	return status;
}

/* stdout of a command (pdftotext, pdfinfo). */
static void capture(const char *cmd, struct buf *out)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char chunk[4096];
	size_t n;
	buf_reset(out);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_add(out, chunk, n);
	assert_int_equal(pclose(p), 0);
}

static void pdf_text(const char *pdf, int page, struct buf *out)
{
	struct buf cmd = BUF_INIT;
	if (page)
		buf_printf(&cmd, "pdftotext -f %d -l %d '%s' -", page, page, pdf);
	else
		buf_printf(&cmd, "pdftotext '%s' -", pdf);
	capture(buf_str(&cmd), out);
	buf_free(&cmd);
}

static int pdf_pages(const char *pdf)
{
	struct buf cmd = BUF_INIT, out = BUF_INIT;
	buf_printf(&cmd, "pdfinfo '%s'", pdf);
	capture(buf_str(&cmd), &out);
	const char *p = strstr(buf_str(&out), "Pages:");
	assert_non_null(p);
	int n = atoi(p + 6);
	buf_free(&cmd);
	buf_free(&out);
	return n;
}

/* The page number the contents (page 2) gives for a title. */
static int toc_page(const char *toc, const char *title)
{
	const char *at = strstr(toc, title);
	assert_non_null(at);
	at += strlen(title);
	while (*at && (*at < '0' || *at > '9'))
		at++;
	return atoi(at);
}

/* Every section starts on the page the contents names, with its number and
 * title; the closing page is last; every other page says "Pagina N van M". */
static void check_pdf(const char *pdf)
{
	struct buf toc = BUF_INIT, page = BUF_INIT, want = BUF_INIT;
	int pages = pdf_pages(pdf);
	assert_true(pages >= 13); /* cover, contents, 10 sections, closing */
	pdf_text(pdf, 2, &toc);
	assert_non_null(strstr(buf_str(&toc), "Inhoud"));
	int last = 2;
	for (int i = 0; i < 10; i++) {
		int at = toc_page(buf_str(&toc), titles[i]);
		assert_true(at > last);
		last = at;
		pdf_text(pdf, at, &page);
		assert_non_null(strstr(buf_str(&page), titles[i]));
		buf_reset(&want);
		buf_printf(&want, "Pagina %d van %d", at, pages);
		assert_non_null(strstr(buf_str(&page), buf_str(&want)));
	}
	/* The closing page comes last (its table of packs may run onto one
	 * more page). */
	int closing = toc_page(buf_str(&toc), "Ondertekening en verantwoording");
	assert_true(closing > last && closing <= pages && closing >= pages - 1);
	pdf_text(pdf, closing, &page);
	assert_non_null(strstr(buf_str(&page), "Handtekening"));
	assert_non_null(strstr(buf_str(&page), "niet gekalibreerd"));
	assert_non_null(strstr(buf_str(&page), "report-nl 1.0.0"));
	buf_free(&toc);
	buf_free(&page);
	buf_free(&want);
}

static void sha256_of_file(const char *file, char hex[65])
{
	struct buf b = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(fs_read_file(file, &b, &e), 0);
	unsigned char h[32];
	assert_true(sodium_init() >= 0);
	crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
	sodium_bin2hex(hex, 65, h, sizeof h);
	buf_free(&b);
}

static void prof_and_client_pdf_have_every_section(void **state)
{
	struct fixture *f = *state;
	struct buf pdf = BUF_INIT, err = BUF_INIT;
	const char *versions[] = { "prof", "client" };
	for (int v = 0; v < 2; v++) {
		path(f, versions[v], &pdf);
		buf_puts(&pdf, ".pdf");
		assert_int_equal(report(f, versions[v], "pdf", pdf.data, NULL, &err), 0);
		check_pdf(pdf.data);
		/* Issued: stored with the version, the format and the file's hash. */
		char hex[65];
		sha256_of_file(pdf.data, hex);
		sqlite3 *db = raw_open(f->d.db.data);
		char *stored = raw_text(db, "SELECT sha256 FROM reports WHERE version = ? "
					    "AND format = 'pdf' ORDER BY id DESC LIMIT 1",
					"s", versions[v]);
		assert_string_equal(stored, hex);
		free(stored);
		sqlite3_close(db);
	}
	buf_free(&pdf);
	buf_free(&err);
}

/* T-scores and percentiles of the prof version as the report prints them
 * ("49,1"), and the Big Five item texts, must not be in the client PDF. */
static void client_version_has_no_test_internals(void **state)
{
	struct fixture *f = *state;
	struct buf pdf = BUF_INIT, text = BUF_INIT, prof = BUF_INIT, num = BUF_INIT;
	path(f, "c.pdf", &pdf);
	assert_int_equal(report(f, "client", "pdf", pdf.data, NULL, NULL), 0);
	pdf_text(pdf.data, 0, &text);
	const char *t = buf_str(&text);
	assert_null(strstr(t, "T-score"));
	assert_null(strstr(t, "Percentiel"));
	assert_null(strstr(t, "percentiel"));
	assert_null(strstr(t, "Beantwoord"));
	assert_non_null(strstr(t, "Jouw kans op werk"));

	const char *args[] = { "report-doc", "--db", f->d.db.data, "--client", f->client,
			       "--version", "prof", "--date", DATE, NULL };
	assert_int_equal(test_run_ipm(&prof, NULL, args), 0);
	json_t *doc = json_loadb(prof.data, prof.len, 0, NULL);
	assert_non_null(doc);
	const json_t *domains = json_object_get(
		json_object_get(json_array_get(json_object_get(doc, "sections"), 1), "data"),
		"domains");
	assert_true(json_array_size(domains) == 5);
	size_t i, k;
	const json_t *d, *facet;
	size_t checked = 0;
	json_array_foreach(domains, i, d) {
		const json_t *scales[8] = { d };
		size_t n = 1;
		json_array_foreach(json_object_get(d, "facets"), k, facet)
			if (n < 8)
				scales[n++] = facet;
		for (size_t s = 0; s < n; s++) {
			double tv = json_number_value(json_object_get(scales[s], "t"));
			buf_reset(&num);
			buf_printf(&num, "%.1f", tv);
			*strchr(num.data, '.') = ',';
			/* "44,2" could also be a CV figure; look for it as a table cell. */
			buf_reset(&prof);
			buf_printf(&prof, "\n%s\n", num.data);
			assert_null(strstr(t, prof.data));
			checked++;
		}
	}
	assert_int_equal(checked, 35);
	json_decref(doc);

	/* No item text in either version. */
	json_t *pack = json_load_file("data/packs/ipip-neo-120.json", 0, NULL);
	assert_non_null(pack);
	struct buf pp = BUF_INIT, ptext = BUF_INIT;
	path(f, "p.pdf", &pp);
	assert_int_equal(report(f, "prof", "pdf", pp.data, NULL, NULL), 0);
	pdf_text(pp.data, 0, &ptext);
	const json_t *item;
	json_array_foreach(json_object_get(pack, "items"), i, item) {
		const char *it = json_string_value(json_object_get(json_object_get(item, "text"), "nl"));
		assert_non_null(it);
		assert_null(strstr(t, it));
		assert_null(strstr(buf_str(&ptext), it));
	}
	json_decref(pack);
	buf_free(&pp);
	buf_free(&ptext);
	buf_free(&pdf);
	buf_free(&text);
	buf_free(&prof);
	buf_free(&num);
}

static void html_has_the_same_titles(void **state)
{
	struct fixture *f = *state;
	struct buf html = BUF_INIT, text = BUF_INIT;
	struct err e = { 0 };
	path(f, "r.html", &html);
	assert_int_equal(report(f, "prof", "html", html.data, NULL, NULL), 0);
	assert_int_equal(fs_read_file(html.data, &text, &e), 0);
	const char *t = buf_str(&text);
	assert_true(strncmp(t, "<!DOCTYPE html>", 15) == 0);
	for (int i = 0; i < 10; i++) {
		struct buf want = BUF_INIT;
		buf_printf(&want, ">%d. %s</h2>", i + 1, titles[i]);
		assert_non_null(strstr(t, buf_str(&want)));
		buf_free(&want);
	}
	/* Charts inline, labelled, with unique ids. */
	assert_non_null(strstr(t, "<svg role=\"img\" aria-label=\"Persoonlijkheid"));
	assert_non_null(strstr(t, "id=\"ipm-bigfive-"));
	assert_non_null(strstr(t, "id=\"ipm-prognosis-"));
	assert_null(strstr(t, "style=\"")); /* CSP: no style attributes */
	buf_free(&html);
	buf_free(&text);
}

/* A copy of the shipped pack with one template broken. */
static void broken_pack(struct fixture *f, struct buf *file, const char *name, const char *text)
{
	json_t *pack = json_load_file("data/templates/report-nl.json", 0, NULL);
	assert_non_null(pack);
	size_t i;
	json_t *tp;
	int found = 0;
	json_array_foreach(json_object_get(pack, "templates"), i, tp)
		if (!strcmp(json_string_value(json_object_get(tp, "name")), name)) {
			json_object_set_new(tp, "text", json_string(text));
			found = 1;
		}
	assert_true(found);
	path(f, "broken.json", file);
	assert_int_equal(json_dump_file(pack, file->data, JSON_INDENT(2)), 0);
	json_decref(pack);
}

static void bad_template_names_file_and_line(void **state)
{
	struct fixture *f = *state;
	struct buf pack = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
	broken_pack(f, &pack, "section/cv", "<p>{{#facts}}\n<b>{{paid_years_s}}</b></p>\n");
	path(f, "never.pdf", &out);
	assert_int_equal(report(f, "prof", "pdf", out.data, pack.data, &err), 2);
	/* The file line of the template's text in the pack, the JSON path, the
	 * template's name and its own line. */
	json_t *p = json_load_file(pack.data, 0, NULL);
	size_t i, index = 0;
	json_t *tp;
	json_array_foreach(json_object_get(p, "templates"), i, tp)
		if (!strcmp(json_string_value(json_object_get(tp, "name")), "section/cv"))
			index = i;
	json_decref(p);
	/* json_dump_file with indent 2: find the line of that template's text. */
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(fs_read_file(pack.data, &text, &e), 0);
	const char *at = strstr(buf_str(&text), "<p>{{#facts}}");
	assert_non_null(at);
	int line = 1;
	for (const char *c = buf_str(&text); c < at; c++)
		line += *c == '\n';
	struct buf want = BUF_INIT;
	buf_printf(&want, "%s:%d: $.templates[%zu].text (\"section/cv\", line 1): ", pack.data,
		   line, index);
	assert_non_null(strstr(buf_str(&err), buf_str(&want)));
	assert_non_null(strstr(buf_str(&err), "never closed"));
	assert_false(fs_exists(out.data));

	/* Markup the PDF cannot show: refused when the report is made, in both
	 * formats, naming the template and the markup line; nothing stored. */
	sqlite3 *db = raw_open(f->d.db.data);
	int64_t before = raw_int(db, "SELECT count(*) FROM reports", "");
	broken_pack(f, &pack, "section/cv", "<p>ok</p>\n<div>{{#facts}}x{{/facts}}</div>");
	const char *formats[] = { "pdf", "html" };
	for (int k = 0; k < 2; k++) {
		buf_reset(&err);
		assert_int_equal(report(f, "prof", formats[k], out.data, pack.data, &err), 2);
		assert_non_null(strstr(buf_str(&err),
				       "section/cv: markup line 2: <div> is not part of the report markup"));
		assert_false(fs_exists(out.data));
	}
	assert_int_equal(raw_int(db, "SELECT count(*) FROM reports", ""), before);
	sqlite3_close(db);

	/* A pack without a template the report needs. */
	broken_pack(f, &pack, "closing", "x");
	json_t *j = json_load_file(pack.data, 0, NULL);
	json_t *list = json_object_get(j, "templates");
	json_array_foreach(list, i, tp)
		if (!strcmp(json_string_value(json_object_get(tp, "name")), "closing"))
			index = i;
	json_array_remove(list, index);
	json_dump_file(j, pack.data, JSON_INDENT(2));
	json_decref(j);
	buf_reset(&err);
	assert_int_equal(report(f, "prof", "pdf", out.data, pack.data, &err), 2);
	assert_non_null(strstr(buf_str(&err), "missing template \"closing\""));

	buf_free(&want);
	buf_free(&text);
	buf_free(&pack);
	buf_free(&out);
	buf_free(&err);
}

/* --doc: a saved document rendered with a pack, nothing read or stored. */
static void saved_document_renders_without_the_database(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, text = BUF_INIT;
	path(f, "doc.pdf", &out);
	const char *args[] = { "report", "--doc", "tests/fixtures/report/doc-client.json", "--format",
			       "pdf", "-o", out.data, "--data", "data", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, args), 0);
	check_pdf(out.data);
	pdf_text(out.data, 0, &text);
	assert_non_null(strstr(buf_str(&text), "K-2026-0042"));
	sqlite3 *db = raw_open(f->d.db.data);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM reports", ""), 0);
	sqlite3_close(db);
	const char *both[] = { "report", "--doc", "tests/fixtures/report/doc-client.json",
			       "--version", "prof", "--format", "pdf", "-o", out.data, NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, both), 2);
	buf_free(&out);
	buf_free(&text);
}

static void bad_usage_is_exit_2(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT;
	path(f, "x.pdf", &out);
	assert_int_equal(report(f, "boss", "pdf", out.data, NULL, &err), 2);
	assert_int_equal(report(f, "prof", "docx", out.data, NULL, &err), 2);
	const char *unknown[] = { "report", "--db", f->d.db.data, "--client", "99999", "--version",
				  "prof", "--format", "pdf", "-o", out.data, NULL };
	assert_int_equal(test_run_ipm(NULL, &err, unknown), 2);
	assert_false(fs_exists(out.data));
	buf_free(&out);
	buf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(prof_and_client_pdf_have_every_section, setup,
						teardown),
		cmocka_unit_test_setup_teardown(client_version_has_no_test_internals, setup, teardown),
		cmocka_unit_test_setup_teardown(html_has_the_same_titles, setup, teardown),
		cmocka_unit_test_setup_teardown(bad_template_names_file_and_line, setup, teardown),
		cmocka_unit_test_setup_teardown(saved_document_renders_without_the_database, setup,
						teardown),
		cmocka_unit_test_setup_teardown(bad_usage_is_exit_2, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
