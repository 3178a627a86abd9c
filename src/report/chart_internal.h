/* Shared by the chart drawing files only. */
#ifndef IPM_REPORT_CHART_INTERNAL_H
#define IPM_REPORT_CHART_INTERNAL_H

#include "report/chart.h"
#include "report/style.h"

#include <pango/pangocairo.h>

/* Text sizes in points: charts are drawn at about 480 pt wide. */
#define CT_SMALL 7.5
#define CT_BODY 8.5

enum ct_align { CT_LEFT, CT_CENTER, CT_RIGHT };

/* A single line of text whose horizontal anchor is `x` (per `align`) and
 * whose vertical middle is `y`; cut with "…" at `max_w` when max_w > 0.
 * Returns the width drawn. */
double ct_text(cairo_t *cr, const char *s, double size, bool bold, const struct rgb *color,
	       double x, double y, enum ct_align align, double max_w);

/* ct_text on a white ground, for labels that sit on lines. */
double ct_text_halo(cairo_t *cr, const char *s, double size, bool bold, const struct rgb *color,
		    double x, double y, enum ct_align align);

/* The width the line would take. */
double ct_text_width(cairo_t *cr, const char *s, double size, bool bold);

/* A layout with the report font and hinting off, so that text is placed
 * the same in PDF, SVG and PNG (hinted metrics round advances to pixels).
 * The caller unrefs it. */
PangoLayout *ct_layout(cairo_t *cr, double size, bool bold);

void chart_draw_bars(cairo_t *cr, const struct chart *c, double x, double y, double w, double h);
double chart_bars_height(const struct chart *c, double width);
void chart_draw_riasec(cairo_t *cr, const struct chart *c, double x, double y, double w,
		       double h);
void chart_draw_culture(cairo_t *cr, const struct chart *c, double x, double y, double w,
			double h);
void chart_draw_jcm(cairo_t *cr, const struct chart *c, double x, double y, double w, double h);
double chart_jcm_height(const struct chart *c, double width);
void chart_draw_prognosis(cairo_t *cr, const struct chart *c, double x, double y, double w,
			  double h);

/* "62", "3,5", "−12 pp": a value as a chart label. */
void ct_number(struct buf *b, const struct chart *c, double v, int decimals);

#endif
