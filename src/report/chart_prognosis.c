/* The prognosis over time: the chance of work within k months (solid, with
 * the area under it), the chance of work within the year after month k
 * (dashed), the 30 % line of the UWV Anker-model and the kritisch moment,
 * the first month at which the dashed line drops below it. */
#include "report/chart_internal.h"

#include <math.h>

#define LEGEND_H 18.0
#define LEFT_W 30.0
#define BOTTOM_H 28.0

struct plot {
	double x0, x1, y0, y1; /* y0 bottom (0 %), y1 top (100 %) */
	double months;
};

static double px(const struct plot *p, double k)
{
	return p->x0 + k / p->months * (p->x1 - p->x0);
}

static double py(const struct plot *p, double v)
{
	return p->y0 - fmax(0, fmin(1, v)) * (p->y0 - p->y1);
}

static void line(cairo_t *cr, const struct plot *p, const double *v, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (k == 0)
			cairo_move_to(cr, px(p, (double)k), py(p, v[k]));
		else
			cairo_line_to(cr, px(p, (double)k), py(p, v[k]));
	}
}

static void percent(struct buf *t, const struct chart *c, double v)
{
	ct_number(t, c, v * 100, 0);
	buf_puts(t, "%");
}

static void legend_line(cairo_t *cr, double x, double y, const struct rgb *col, bool dashed)
{
	static const double dash[] = { 4, 2.5 };
	cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
	style_set(cr, col);
	cairo_set_line_width(cr, 1.8);
	cairo_move_to(cr, x, y);
	cairo_line_to(cr, x + 16, y);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
}

void chart_draw_prognosis(cairo_t *cr, const struct chart *c, double x, double y, double w,
			  double h)
{
	const struct chart_prognosis *g = &c->u.prognosis;
	const struct chart_words *wd = c->w;
	if (g->n < 2)
		return;
	struct plot p = { x + LEFT_W, x + w - 8, y + h - BOTTOM_H, y + LEGEND_H + 6,
			  (double)(g->n - 1) };
	struct buf t = BUF_INIT;

	double lx = p.x0;
	legend_line(cr, lx, y + LEGEND_H / 2, &style_blue, false);
	lx += 20 + ct_text(cr, wd->cumulative, CT_SMALL, false, &style_ink, lx + 20,
			   y + LEGEND_H / 2, CT_LEFT, 0) + 14;
	legend_line(cr, lx, y + LEGEND_H / 2, &style_orange, true);
	ct_text(cr, wd->year_ahead, CT_SMALL, false, &style_ink, lx + 20, y + LEGEND_H / 2, CT_LEFT,
		0);

	/* Grid: every 25 % and every 6 months. */
	cairo_set_line_width(cr, 0.5);
	for (int q = 0; q <= 4; q++) {
		double gy = py(&p, q / 4.0);
		style_set(cr, &style_rule);
		cairo_move_to(cr, p.x0, gy);
		cairo_line_to(cr, p.x1, gy);
		cairo_stroke(cr);
		buf_reset(&t);
		percent(&t, c, q / 4.0);
		ct_text(cr, buf_str(&t), CT_SMALL, false, &style_muted, p.x0 - 4, gy, CT_RIGHT, 0);
	}
	int step = p.months > 36 ? 12 : 6;
	for (int k = 0; k <= (int)p.months; k += step) {
		double gx = px(&p, k);
		style_set(cr, &style_rule);
		cairo_move_to(cr, gx, p.y0);
		cairo_line_to(cr, gx, p.y1);
		cairo_stroke(cr);
		buf_reset(&t);
		if (k == 0)
			buf_puts(&t, wd->now);
		else
			buf_printf(&t, "%d", k);
		ct_text(cr, buf_str(&t), CT_SMALL, false, &style_muted, gx, p.y0 + 8, CT_CENTER, 0);
	}
	ct_text(cr, wd->months, CT_SMALL, false, &style_muted, p.x1, p.y0 + 20, CT_RIGHT, 0);

	/* The 30 % line. */
	static const double dot[] = { 1.5, 2 };
	cairo_set_dash(cr, dot, 2, 0);
	style_set(cr, &style_ink);
	cairo_set_line_width(cr, 0.9);
	cairo_move_to(cr, p.x0, py(&p, g->threshold));
	cairo_line_to(cr, p.x1, py(&p, g->threshold));
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	buf_reset(&t);
	percent(&t, c, g->threshold);
	ct_text_halo(cr, buf_str(&t), CT_SMALL, true, &style_ink, p.x1 - 2,
		     py(&p, g->threshold) - 7, CT_RIGHT);

	/* The cumulative chance with its area, then the year-ahead chance. */
	line(cr, &p, g->cumulative, g->n);
	cairo_line_to(cr, px(&p, p.months), p.y0);
	cairo_line_to(cr, p.x0, p.y0);
	cairo_close_path(cr);
	cairo_set_source_rgba(cr, style_blue.r, style_blue.g, style_blue.b, 0.12);
	cairo_fill(cr);
	line(cr, &p, g->cumulative, g->n);
	style_set(cr, &style_blue);
	cairo_set_line_width(cr, 1.8);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
	static const double dash[] = { 4, 2.5 };
	cairo_set_dash(cr, dash, 2, 0);
	line(cr, &p, g->year_ahead, g->n_year);
	style_set(cr, &style_orange);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);

	/* 6 and 12 months marked on the cumulative line. */
	if (c->show_values)
		for (int k = 6; k <= 12 && k < (int)g->n; k += 6) {
			double mx = px(&p, k), my = py(&p, g->cumulative[k]);
			cairo_arc(cr, mx, my, 2.8, 0, 2 * M_PI);
			style_set(cr, &style_blue);
			cairo_fill(cr);
			buf_reset(&t);
			percent(&t, c, g->cumulative[k]);
			ct_text_halo(cr, buf_str(&t), CT_SMALL, true, &style_ink, mx, my - 10, CT_CENTER);
		}

	if (g->kritisch >= 0 && (size_t)g->kritisch < g->n) {
		double kx = px(&p, g->kritisch);
		double ky = py(&p, (size_t)g->kritisch < g->n_year ? g->year_ahead[g->kritisch]
								   : g->threshold);
		style_set(cr, &style_ink);
		cairo_set_line_width(cr, 1.2);
		cairo_move_to(cr, kx, p.y0);
		cairo_line_to(cr, kx, p.y1 + 10);
		cairo_stroke(cr);
		cairo_arc(cr, kx, ky, 3.2, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_fill_preserve(cr);
		style_set(cr, &style_orange);
		cairo_set_line_width(cr, 1.5);
		cairo_stroke(cr);
		bool right = kx < (p.x0 + p.x1) / 2;
		ct_text(cr, wd->kritisch, CT_SMALL, true, &style_ink, right ? kx + 4 : kx - 4,
			p.y1 + 4, right ? CT_LEFT : CT_RIGHT, 0);
	}
	buf_free(&t);
}
