/* How long does the full PDF report take, and what does the layout cost?
 * The report: the professional version of the sample document
 * (tests/fixtures/report/doc-prof.json: 16 pages, 7 charts, 20 tables)
 * rendered by report_render, both passes. The reference, in the same run:
 * the same characters written into a PDF by cairo's toy text API, one
 * line of at most 95 characters after another, no shaping, no wrapping, no
 * tables or charts — the cost of putting that much text into a PDF at all.
 * The HTML report (charts as SVG) is timed too.
 *
 * Times are CPU time of the process (the machine may be shared), medians.
 *
 * usage: bench_report [N]   (default 20 renders per variant) */
#include "core/buf.h"
#include "report/markup.h"
#include "report/report.h"
#include "report/report_internal.h"

#include <cairo-pdf.h>
#include <pango/pango.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DOC "tests/fixtures/report/doc-prof.json"
#define PACK "data/templates/report-nl.json"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

_Noreturn static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_report: %s: %s\n", what, msg);
	exit(1);
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The plain text of one markup string, appended with a newline. */
static void plain(const char *markup, struct buf *out)
{
	char *text = NULL;
	if (pango_parse_markup(markup, -1, 0, NULL, &text, NULL, NULL)) {
		buf_puts(out, text);
		buf_putc(out, '\n');
		g_free(text);
	}
}

/* Every character the sections, the cover and the closing page show. */
static void report_text(const json_t *doc, const struct report_templates *t, struct buf *out)
{
	struct report_charts *rc = calloc(1, sizeof *rc);
	json_t *view = NULL;
	struct err e = { 0 };
	struct buf m = BUF_INIT;
	report_charts_build(doc, t, rc);
	if (report_view_build(doc, t, rc, &view, &e))
		die("view", e.msg);
	for (size_t i = 0; i <= REPORT_SECTIONS; i++) {
		buf_reset(&m);
		int r = i < REPORT_SECTIONS ? report_section_markup(view, t, i, &m, &e)
					    : report_templates_render(t, "closing", view, &m, &e);
		struct mk_doc d;
		if (r || markup_parse(buf_str(&m), "bench", &d, &e))
			die("markup", e.msg);
		for (size_t k = 0; k < d.n; k++) {
			const struct mk_block *b = &d.blocks[k];
			if (b->markup)
				plain(b->markup, out);
			for (size_t r2 = 0; r2 < b->n_rows; r2++)
				for (size_t c = 0; c < b->rows[r2].n; c++)
					plain(b->rows[r2].cells[c], out);
		}
		markup_free(&d);
	}
	buf_free(&m);
	json_decref(view);
	free(rc);
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* The reference: lines of the same text, toy API, as many pages as needed. */
static size_t bare_pdf(const char *text, struct buf *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, 595.276, 841.89);
	cairo_t *cr = cairo_create(s);
	cairo_select_font_face(cr, "Open Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 10);
	double y = 80;
	size_t pages = 1;
	char line[400];
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		size_t take = n > 95 ? 95 : n;
		/* Do not cut a UTF-8 sequence. */
		while (take < n && take > 0 && ((unsigned char)p[take] & 0xC0) == 0x80)
			take--;
		memcpy(line, p, take);
		line[take] = '\0';
		cairo_move_to(cr, 62, y);
		cairo_show_text(cr, line);
		y += 13;
		if (y > 775) {
			cairo_show_page(cr);
			pages++;
			y = 80;
		}
		p += take;
		if (take == n && nl)
			p++;
	}
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return pages;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20;
	if (n < 1)
		n = 1;
	struct report_templates *t = NULL;
	struct err e = { 0 };
	if (report_templates_load(PACK, "nl", &t, &e))
		die("templates", e.msg);
	json_t *doc = json_load_file(DOC, 0, NULL);
	if (!doc)
		die("document", DOC);
	struct buf text = BUF_INIT, out = BUF_INIT;
	report_text(doc, t, &text);

	double *pdf = calloc((size_t)n, sizeof *pdf), *html = calloc((size_t)n, sizeof *html),
	       *ref = calloc((size_t)n, sizeof *ref);
	size_t pdf_bytes = 0, html_bytes = 0, ref_bytes = 0, ref_pages = 0;
	/* One untimed round of each: font loading and caches. */
	for (int i = -1; i < n; i++) {
		buf_reset(&out);
		double t0 = now_s();
		if (report_render(doc, t, REPORT_PDF, &out, &e))
			die("pdf", e.msg);
		double t1 = now_s();
		pdf_bytes = out.len;
		buf_reset(&out);
		double t2 = now_s();
		if (report_render(doc, t, REPORT_HTML, &out, &e))
			die("html", e.msg);
		double t3 = now_s();
		html_bytes = out.len;
		buf_reset(&out);
		double t4 = now_s();
		ref_pages = bare_pdf(buf_str(&text), &out);
		double t5 = now_s();
		ref_bytes = out.len;
		if (i >= 0) {
			pdf[i] = t1 - t0;
			html[i] = t3 - t2;
			ref[i] = t5 - t4;
		}
	}
	double mp = median(pdf, n), mh = median(html, n), mr = median(ref, n);
	printf("report of %s, %zu characters of text, median of %d runs\n", DOC, text.len, n);
	printf("%-44s %9.2f ms %8zu bytes  %6.2fx\n", "PDF report (layout, 7 charts, 2 passes)",
	       mp * 1e3, pdf_bytes, mp / mr);
	printf("%-44s %9.2f ms %8zu bytes  %6.2fx\n", "HTML report (7 charts as SVG)", mh * 1e3,
	       html_bytes, mh / mr);
	printf("%-44s %9.2f ms %8zu bytes  %6.2fx  (%zu pages)\n",
	       "reference: same text, cairo toy API", mr * 1e3, ref_bytes, 1.0, ref_pages);
	printf("goal: PDF under 100 ms: %s\n", mp < 0.100 ? "met" : "NOT met");
	free(pdf);
	free(html);
	free(ref);
	buf_free(&text);
	buf_free(&out);
	json_decref(doc);
	report_templates_free(t);
	return 0;
}
