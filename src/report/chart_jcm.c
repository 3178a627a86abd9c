/* The Job Characteristics Model profile: five dimensions, each with the
 * last job (hatched orange outline) and the wished job (solid blue), and the
 * motivating potential score of both. */
#include "report/chart_internal.h"

#include <math.h>

#define LEGEND_H 18.0
#define DIM_H 27.0
#define AXIS_H 16.0
#define MPS_H 16.0

double chart_jcm_height(const struct chart *c, double width)
{
	(void)width;
	return LEGEND_H + 5 * DIM_H + (c->show_values ? AXIS_H + MPS_H : 4);
}

static void hatch(cairo_t *cr, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_line_width(cr, 0.8);
	for (double d = -h; d < w; d += 3.2) {
		cairo_move_to(cr, x + d, y + h);
		cairo_line_to(cr, x + d + h, y);
	}
	style_set(cr, &style_orange);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void series_bar(cairo_t *cr, int s, double x, double y, double w, double h)
{
	if (w <= 0)
		return;
	if (s == 0)
		hatch(cr, x, y, w, h);
	else {
		style_set(cr, &style_blue);
		cairo_rectangle(cr, x, y, w, h);
		cairo_fill(cr);
	}
	cairo_rectangle(cr, x, y, w, h);
	style_set(cr, s == 0 ? &style_orange : &style_blue);
	cairo_set_line_width(cr, 0.8);
	cairo_stroke(cr);
}

void chart_draw_jcm(cairo_t *cr, const struct chart *c, double x, double y, double w, double h)
{
	const struct chart_jcm *j = &c->u.jcm;
	(void)h;
	double lw = 0;
	for (int k = 0; k < 5; k++)
		lw = fmax(lw, ct_text_width(cr, j->label[k], CT_BODY, true));
	lw = fmin(lw + 8, w * 0.38);
	double x0 = x + lw, x1 = x + w - (c->show_values ? 24 : 6);
	double span = j->max - j->min;

	/* Legend. */
	double lx = x0;
	for (int s = 0; s < 2; s++) {
		series_bar(cr, s, lx, y + LEGEND_H / 2 - 4, 14, 8);
		lx += 18 + ct_text(cr, j->series[s], CT_SMALL, false, &style_ink, lx + 18,
				   y + LEGEND_H / 2, CT_LEFT, 0) + 16;
	}

	double top = y + LEGEND_H, bottom = top + 5 * DIM_H;
	struct buf t = BUF_INIT;
	cairo_set_line_width(cr, 0.5);
	for (double v = j->min; v <= j->max + 1e-9; v += 1) {
		double gx = x0 + (v - j->min) / span * (x1 - x0);
		style_set(cr, &style_rule);
		cairo_move_to(cr, gx, top);
		cairo_line_to(cr, gx, bottom);
		cairo_stroke(cr);
		if (c->show_values) {
			buf_reset(&t);
			ct_number(&t, c, v, 0);
			ct_text(cr, buf_str(&t), CT_SMALL, false, &style_muted, gx, bottom + AXIS_H / 2,
				CT_CENTER, 0);
		}
	}
	for (int k = 0; k < 5; k++) {
		double ry = top + k * DIM_H;
		ct_text(cr, j->label[k], CT_BODY, true, &style_ink, x, ry + DIM_H / 2, CT_LEFT,
			lw - 8);
		for (int s = 0; s < 2; s++) {
			double by = ry + 4 + s * 10, v = j->value[s][k];
			if (!isfinite(v)) {
				ct_text(cr, c->w->no_score, CT_SMALL, false, &style_muted, x0 + 4, by + 4,
					CT_LEFT, 0);
				continue;
			}
			double bw = fmax(0, fmin(1, (v - j->min) / span)) * (x1 - x0);
			/* A bar of the minimum still shows as a sliver. */
			series_bar(cr, s, x0, by, fmax(bw, 1.5), 8);
			if (c->show_values) {
				buf_reset(&t);
				ct_number(&t, c, v, 1);
				ct_text(cr, buf_str(&t), CT_SMALL, false, &style_ink, x0 + bw + 3, by + 4,
					CT_LEFT, 0);
			}
		}
	}
	style_set(cr, &style_muted);
	cairo_set_line_width(cr, 0.75);
	cairo_move_to(cr, x0, top - 2);
	cairo_line_to(cr, x0, bottom + 2);
	cairo_stroke(cr);

	if (c->show_values) {
		buf_reset(&t);
		buf_puts(&t, c->w->mps);
		for (int s = 0; s < 2; s++) {
			buf_printf(&t, "%s%s ", s ? " · " : ": ", j->series[s]);
			ct_number(&t, c, j->mps[s], 0);
		}
		ct_text(cr, buf_str(&t), CT_SMALL, true, &style_ink, x0, bottom + AXIS_H + MPS_H / 2,
			CT_LEFT, 0);
	}
	buf_free(&t);
}
