/* The PDF report: A4, cover page, table of contents with page numbers,
 * running header with the client reference and the report version, page
 * numbers, the ten sections from the pack's markup, and a closing page with
 * the signature blocks and the versions of everything that made the numbers.
 *
 * Metadata: title "<cover title> <client reference>", the version as
 * subject, IPM as creator, the report date as creation date (so the same
 * document gives the same bytes). No personal name goes into the metadata:
 * file managers, search indexes and document systems show it to people who
 * never open the file (docs/report.md). */
#include "report/pdf_internal.h"
#include "version.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PART_COVER = 0, PART_SECTION0 = 1, PART_CLOSING = PART_SECTION0 + REPORT_SECTIONS,
       PARTS };

static void chrome(struct pdf *p)
{
	if (!p->draw || p->page < 2)
		return;
	cairo_t *cr = p->cr;
	PangoLayout *l = pdf_layout(p, 8, false, PDF_WIDTH);
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_text(l, p->header, -1);
	style_set(cr, &style_muted);
	cairo_move_to(cr, PDF_LEFT, 40);
	pango_cairo_show_layout(cr, l);
	style_set(cr, &style_rule);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, PDF_LEFT, 54);
	cairo_line_to(cr, PDF_RIGHT, 54);
	cairo_stroke(cr);

	struct buf f = BUF_INIT;
	struct err ignore = { 0 };
	json_object_set_new(p->view, "page", json_integer(p->page));
	json_object_set_new(p->view, "pages", json_integer(p->pages));
	report_templates_render(p->t, "words/footer", p->view, &f, &ignore);
	json_object_del(p->view, "page");
	json_object_del(p->view, "pages");
	pango_layout_set_text(l, buf_str(&f), -1);
	pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
	style_set(cr, &style_muted);
	cairo_move_to(cr, PDF_LEFT, PDF_H - 46);
	pango_cairo_show_layout(cr, l);
	buf_free(&f);
	g_object_unref(l);
}

void pdf_new_page(struct pdf *p)
{
	if (p->draw && p->page > 0)
		cairo_show_page(p->cr);
	p->page++;
	p->y = PDF_TOP;
	chrome(p);
}

void pdf_need(struct pdf *p, double h)
{
	if (p->y + h > PDF_BOTTOM && p->y > PDF_TOP + 1)
		pdf_new_page(p);
}

/* A plain text (not markup) at the current y. */
static void plain(struct pdf *p, const char *text, double size, bool bold, double x, double w,
		  const struct rgb *color)
{
	PangoLayout *l = pdf_layout(p, size, bold, w);
	pango_layout_set_text(l, text, -1);
	pdf_flow_layout(p, l, x, color);
	g_object_unref(l);
}

static void word(struct pdf *p, const char *name, struct buf *out)
{
	struct err ignore = { 0 };
	buf_reset(out);
	report_templates_render(p->t, name, p->view, out, &ignore);
}

static int cover(struct pdf *p, const struct mk_doc *details)
{
	const char *v = report_doc_version(p->view);
	struct buf b = BUF_INIT;
	pdf_new_page(p);
	if (p->draw) {
		style_set(p->cr, &style_accent);
		cairo_rectangle(p->cr, 0, 0, PDF_W, 250);
		cairo_fill(p->cr);
	}
	static const struct rgb white = { 1, 1, 1, "#ffffff" };
	p->y = 110;
	word(p, "cover/title", &b);
	plain(p, buf_str(&b), 30, true, PDF_LEFT, PDF_WIDTH, &white);
	p->y += 8;
	struct buf name = BUF_INIT;
	buf_printf(&name, "cover/subtitle-%s", v);
	word(p, buf_str(&name), &b);
	plain(p, buf_str(&b), 14, false, PDF_LEFT, PDF_WIDTH, &white);
	p->y = 300;
	int rc = pdf_blocks(p, details, "cover/details");
	buf_reset(&name);
	buf_printf(&name, "cover/note-%s", v);
	if (!rc && report_templates_has(p->t, buf_str(&name))) {
		word(p, buf_str(&name), &b);
		PangoLayout *l = pdf_layout(p, PDF_BODY, false, PDF_WIDTH - 16);
		pango_layout_set_text(l, buf_str(&b), -1);
		double h = pdf_layout_height(l);
		p->y = PDF_BOTTOM - h - 20;
		if (p->draw) {
			style_set(p->cr, &style_accent);
			cairo_rectangle(p->cr, PDF_LEFT, p->y - 4, 3, h + 8);
			cairo_fill(p->cr);
		}
		pdf_flow_layout(p, l, PDF_LEFT + 14, &style_ink);
		g_object_unref(l);
	}
	buf_free(&name);
	buf_free(&b);
	return rc;
}

static void section_title(struct pdf *p, const char *number, const char *title)
{
	PangoLayout *l = pdf_layout(p, 18, true, PDF_WIDTH - 34);
	pango_layout_set_text(l, title, -1);
	if (p->draw && number) {
		PangoLayout *n = pdf_layout(p, 18, true, 0);
		pango_layout_set_text(n, number, -1);
		style_set(p->cr, &style_accent);
		cairo_move_to(p->cr, PDF_LEFT, p->y);
		pango_cairo_show_layout(p->cr, n);
		g_object_unref(n);
	}
	pdf_flow_layout(p, l, PDF_LEFT + (number ? 34 : 0), &style_accent);
	g_object_unref(l);
	p->y += 6;
	if (p->draw) {
		style_set(p->cr, &style_accent);
		cairo_set_line_width(p->cr, 1.5);
		cairo_move_to(p->cr, PDF_LEFT, p->y);
		cairo_line_to(p->cr, PDF_RIGHT, p->y);
		cairo_stroke(p->cr);
	}
	p->y += 16;
}

static void toc_line(struct pdf *p, const char *number, const char *title, int page)
{
	char num[16];
	snprintf(num, sizeof num, "%d", page);
	PangoLayout *t = pdf_layout(p, 11, false, PDF_WIDTH - 80);
	pango_layout_set_text(t, title, -1);
	double h = pdf_layout_height(t);
	if (p->draw) {
		char link[48];
		snprintf(link, sizeof link, "page=%d pos=[0 0]", page);
		cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
		style_set(p->cr, &style_ink);
		if (number) {
			PangoLayout *n = pdf_layout(p, 11, true, 0);
			pango_layout_set_text(n, number, -1);
			cairo_move_to(p->cr, PDF_LEFT, p->y);
			pango_cairo_show_layout(p->cr, n);
			g_object_unref(n);
		}
		cairo_move_to(p->cr, PDF_LEFT + 28, p->y);
		pango_cairo_show_layout(p->cr, t);
		PangoLayout *pg = pdf_layout(p, 11, false, 40);
		pango_layout_set_alignment(pg, PANGO_ALIGN_RIGHT);
		pango_layout_set_text(pg, num, -1);
		cairo_move_to(p->cr, PDF_RIGHT - 40, p->y);
		pango_cairo_show_layout(p->cr, pg);
		g_object_unref(pg);
		/* Dotted leader from the title to the page number. */
		int tw, th;
		pango_layout_get_size(t, &tw, &th);
		PangoLayoutIter *it = pango_layout_get_iter(t);
		double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		pango_layout_iter_free(it);
		static const double dots[] = { 0.8, 3 };
		cairo_set_dash(p->cr, dots, 2, 0);
		cairo_set_line_width(p->cr, 0.8);
		cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_ROUND);
		style_set(p->cr, &style_muted);
		double x0 = PDF_LEFT + 28 + (double)tw / PANGO_SCALE + 6;
		if (x0 < PDF_RIGHT - 30) {
			cairo_move_to(p->cr, x0, p->y + base);
			cairo_line_to(p->cr, PDF_RIGHT - 24, p->y + base);
			cairo_stroke(p->cr);
		}
		cairo_set_dash(p->cr, NULL, 0, 0);
		cairo_set_line_cap(p->cr, CAIRO_LINE_CAP_BUTT);
		cairo_tag_end(p->cr, CAIRO_TAG_LINK);
	}
	p->y += h + 9;
	g_object_unref(t);
}

static void contents(struct pdf *p)
{
	struct buf b = BUF_INIT;
	pdf_new_page(p);
	word(p, "words/contents", &b);
	section_title(p, NULL, buf_str(&b));
	const json_t *sections = json_object_get(p->view, "sections");
	for (size_t i = 0; i < REPORT_SECTIONS; i++) {
		const json_t *s = json_array_get(sections, i);
		char n[8];
		snprintf(n, sizeof n, "%zu", i + 1);
		toc_line(p, n, json_string_value(json_object_get(s, "title")), p->section_page[i]);
	}
	word(p, "words/colophon", &b);
	toc_line(p, NULL, buf_str(&b), p->section_page[REPORT_SECTIONS]);
	buf_free(&b);
}

static void outline(struct pdf *p, const char *title, int page)
{
	if (!p->draw)
		return;
	char link[48];
	snprintf(link, sizeof link, "page=%d pos=[0 0]", page);
	cairo_pdf_surface_add_outline(cairo_get_target(p->cr), CAIRO_PDF_OUTLINE_ROOT, title, link,
				      0);
}

static int flow(struct pdf *p, const struct mk_doc *parts)
{
	p->page = 0;
	int rc = cover(p, &parts[PART_COVER]);
	if (rc)
		return rc;
	contents(p);
	const json_t *sections = json_object_get(p->view, "sections");
	for (size_t i = 0; i < REPORT_SECTIONS && !rc; i++) {
		const json_t *s = json_array_get(sections, i);
		const char *title = json_string_value(json_object_get(s, "title"));
		char n[8], where[48];
		snprintf(n, sizeof n, "%zu", i + 1);
		snprintf(where, sizeof where, "section/%s",
			 json_string_value(json_object_get(s, "id")));
		/* Every section on a new page, but one the client did not share
		 * (two lines in the employer version) follows on the same page. */
		if (json_is_true(json_object_get(s, "not_shared")) && i > 0) {
			p->y += 18;
			pdf_need(p, 90);
		} else
			pdf_new_page(p);
		p->section_page[i] = p->page;
		outline(p, title, p->page);
		section_title(p, n, title);
		rc = pdf_blocks(p, &parts[PART_SECTION0 + i], where);
	}
	if (rc)
		return rc;
	struct buf b = BUF_INIT;
	pdf_new_page(p);
	p->section_page[REPORT_SECTIONS] = p->page;
	word(p, "words/colophon", &b);
	outline(p, buf_str(&b), p->page);
	section_title(p, NULL, buf_str(&b));
	buf_free(&b);
	return pdf_blocks(p, &parts[PART_CLOSING], "closing");
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

static PangoContext *context(cairo_t *cr)
{
	PangoContext *ctx = pango_cairo_create_context(cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(ctx, 72);
	pango_context_set_language(ctx, pango_language_from_string("nl"));
	return ctx;
}

/* One pass over a surface: measuring (draw false) or drawing. */
static int pass(struct pdf *p, cairo_surface_t *s, bool draw, const struct mk_doc *parts)
{
	p->cr = cairo_create(s);
	p->draw = draw;
	p->pctx = context(p->cr);
	int rc = flow(p, parts);
	if (draw && !rc)
		cairo_show_page(p->cr);
	g_object_unref(p->pctx);
	cairo_destroy(p->cr);
	p->cr = NULL;
	return rc;
}

static void metadata(struct pdf *p, cairo_surface_t *s, const json_t *doc)
{
	struct buf b = BUF_INIT, title = BUF_INIT;
	word(p, "cover/title", &title);
	const char *ref =
		json_string_value(json_object_get(json_object_get(doc, "client"), "reference"));
	if (ref)
		buf_printf(&title, " %s", ref);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, buf_str(&title));
	const char *label = json_string_value(json_object_get(p->view, "version_label"));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, label ? label : "");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "IPM " IPM_VERSION);
	const char *date = json_string_value(json_object_get(doc, "report_date"));
	if (date && strlen(date) == 10) {
		buf_printf(&b, "%sT00:00:00Z", date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, buf_str(&b));
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, buf_str(&b));
	}
	buf_free(&b);
	buf_free(&title);
}

static int parse_parts(struct pdf *p, struct mk_doc *parts, struct err *e)
{
	struct buf m = BUF_INIT;
	int rc = report_templates_render(p->t, "cover/details", p->view, &m, e);
	if (!rc)
		rc = markup_parse(buf_str(&m), "cover/details", &parts[PART_COVER], e);
	const json_t *sections = json_object_get(p->view, "sections");
	for (size_t i = 0; i < REPORT_SECTIONS && !rc; i++) {
		char where[48];
		snprintf(where, sizeof where, "section/%s",
			 json_string_value(json_object_get(json_array_get(sections, i), "id")));
		buf_reset(&m);
		rc = report_section_markup(p->view, p->t, i, &m, e);
		if (!rc)
			rc = markup_parse(buf_str(&m), where, &parts[PART_SECTION0 + i], e);
	}
	if (!rc) {
		buf_reset(&m);
		rc = report_templates_render(p->t, "closing", p->view, &m, e);
	}
	if (!rc)
		rc = markup_parse(buf_str(&m), "closing", &parts[PART_CLOSING], e);
	buf_free(&m);
	return rc;
}

int report_pdf(const json_t *doc, const struct report_templates *t, struct buf *out,
	       struct err *e)
{
	struct report_charts *rc = calloc(1, sizeof *rc);
	struct mk_doc parts[PARTS];
	struct pdf p = { .t = t, .rc = rc, .e = e };
	struct buf header = BUF_INIT;
	memset(parts, 0, sizeof parts);
	if (!rc)
		return err_set(e, IPM_ENOMEM, "out of memory");
	report_charts_build(doc, t, rc);
	int r = report_view_build(doc, t, rc, &p.view, e);
	if (r)
		goto out;
	p.captions = strcmp(report_doc_version(doc), "prof") != 0;
	if ((r = report_templates_render(t, "words/header", p.view, &header, e)) ||
	    (r = parse_parts(&p, parts, e)))
		goto out;
	p.header = (char *)buf_str(&header);

	/* Measure on a 1×1 image: the same fonts and metrics, nothing kept. */
	cairo_surface_t *m = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
	r = pass(&p, m, false, parts);
	cairo_surface_destroy(m);
	if (r)
		goto out;
	p.pages = p.page;

	size_t start = out->len;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_buf, out, PDF_W, PDF_H);
	metadata(&p, s, doc);
	r = pass(&p, s, true, parts);
	cairo_surface_finish(s);
	cairo_status_t st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (!r && st != CAIRO_STATUS_SUCCESS)
		r = err_set(e, IPM_EIO, "PDF: cairo: %s", cairo_status_to_string(st));
	if (!r && p.page != p.pages)
		r = err_set(e, IPM_EIO, "PDF: the drawing pass made %d pages, the measuring pass %d",
			    p.page, p.pages);
	if (r && out->data) {
		out->len = start;
		out->data[start] = '\0';
	}
out:
	for (int k = 0; k < PARTS; k++)
		markup_free(&parts[k]);
	buf_free(&header);
	json_decref(p.view);
	free(rc);
	return r;
}
