/* Shared by the PDF renderer's files. The layout runs twice with the same
 * code: a measuring pass (draw false) that finds where every section starts
 * and how many pages there are, then the drawing pass that can print "page N
 * of M" and the table of contents. The flow is deterministic, so both passes
 * break pages at the same places. */
#ifndef IPM_REPORT_PDF_INTERNAL_H
#define IPM_REPORT_PDF_INTERNAL_H

#include "report/markup.h"
#include "report/report_internal.h"
#include "report/style.h"

#include <pango/pangocairo.h>

/* A4 in points, and the content box. */
#define PDF_W 595.276
#define PDF_H 841.89
#define PDF_LEFT 62.0
#define PDF_RIGHT (PDF_W - 62.0)
#define PDF_TOP 78.0
#define PDF_BOTTOM (PDF_H - 66.0)
#define PDF_WIDTH (PDF_RIGHT - PDF_LEFT)

#define PDF_BODY 10.0
#define PDF_SMALL 8.5
#define PDF_TABLE 9.0

struct pdf {
	cairo_t *cr;
	bool draw;                  /* false: the measuring pass */
	PangoContext *pctx;
	const struct report_templates *t;
	json_t *view;
	const struct report_charts *rc;
	bool captions;              /* chart text alternatives under the charts */
	double y;
	int page;                   /* current page, 1 = cover */
	int pages;                  /* from the measuring pass */
	int section_page[REPORT_SECTIONS + 1]; /* + the closing page */
	char *header;               /* running header text */
	struct err *e;
};

/* A layout with the report font at `size`, bold or not, `width` wide
 * (0: no wrapping), Dutch line breaking. Caller unrefs. */
PangoLayout *pdf_layout(struct pdf *p, double size, bool bold, double width);
/* pango markup; IPM_EINVAL naming `where` when pango cannot parse it. */
int pdf_set_markup(struct pdf *p, PangoLayout *l, const char *markup, const char *where);
double pdf_layout_height(PangoLayout *l);

void pdf_new_page(struct pdf *p);
/* A new page unless `h` more points fit on this one. */
void pdf_need(struct pdf *p, double h);

/* Draws a layout at the current y, line by line, breaking the page between
 * lines; advances y. */
void pdf_flow_layout(struct pdf *p, PangoLayout *l, double x, const struct rgb *color);

/* The blocks of parsed markup; `where` names the template in errors. */
int pdf_blocks(struct pdf *p, const struct mk_doc *d, const char *where);

#endif
