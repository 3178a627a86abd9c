/* Charts drawn around a centre: Holland's RIASEC hexagon and the Competing
 * Values culture map. */
#include "report/chart_internal.h"

#include <math.h>

static const char riasec_letter[6][2] = { "R", "I", "A", "S", "E", "C" };

/* Holland's hexagon: R upper left, then clockwise I, A, S, E, C. */
static void hex_point(double cx, double cy, double r, int k, double *px, double *py)
{
	double a = (-120.0 + 60.0 * k) * M_PI / 180.0;
	*px = cx + r * cos(a);
	*py = cy + r * sin(a);
}

static bool in_code(const char *code, int k)
{
	for (const char *p = code; p && *p; p++)
		if (*p == riasec_letter[k][0])
			return true;
	return false;
}

static void hexagon(cairo_t *cr, double cx, double cy, double r)
{
	for (int k = 0; k < 6; k++) {
		double px, py;
		hex_point(cx, cy, r, k, &px, &py);
		if (k == 0)
			cairo_move_to(cr, px, py);
		else
			cairo_line_to(cr, px, py);
	}
	cairo_close_path(cr);
}

void chart_draw_riasec(cairo_t *cr, const struct chart *c, double x, double y, double w,
		       double h)
{
	const struct chart_riasec *q = &c->u.riasec;
	double lab = 0;
	struct buf t = BUF_INIT;
	for (int k = 0; k < 6; k++) {
		buf_reset(&t);
		buf_printf(&t, "%s  %s", riasec_letter[k], q->label[k] ? q->label[k] : "");
		lab = fmax(lab, ct_text_width(cr, buf_str(&t), CT_BODY, true));
	}
	double cx = x + w / 2, cy = y + h / 2;
	double r = fmin(h / 2 - 22, w / 2 - lab - 14);
	if (r < 20)
		r = 20;

	/* Grid: rings at quarters of the range, and the spokes. */
	cairo_set_line_width(cr, 0.5);
	for (int ring = 1; ring <= 4; ring++) {
		hexagon(cr, cx, cy, r * ring / 4);
		style_set(cr, ring == 4 ? &style_muted : &style_rule);
		cairo_stroke(cr);
	}
	for (int k = 0; k < 6; k++) {
		double px, py;
		hex_point(cx, cy, r, k, &px, &py);
		cairo_move_to(cr, cx, cy);
		cairo_line_to(cr, px, py);
	}
	style_set(cr, &style_rule);
	cairo_stroke(cr);

	/* The profile polygon. */
	double span = q->max - q->min;
	double vx[6], vy[6];
	for (int k = 0; k < 6; k++) {
		double v = isfinite(q->value[k]) ? (q->value[k] - q->min) / span : 0;
		hex_point(cx, cy, r * fmax(0, fmin(1, v)), k, &vx[k], &vy[k]);
		if (k == 0)
			cairo_move_to(cr, vx[k], vy[k]);
		else
			cairo_line_to(cr, vx[k], vy[k]);
	}
	cairo_close_path(cr);
	cairo_set_source_rgba(cr, style_blue.r, style_blue.g, style_blue.b, 0.22);
	cairo_fill_preserve(cr);
	style_set(cr, &style_blue);
	cairo_set_line_width(cr, 1.6);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);

	for (int k = 0; k < 6; k++) {
		bool has = isfinite(q->value[k]);
		cairo_arc(cr, vx[k], vy[k], 2.6, 0, 2 * M_PI);
		if (has) {
			style_set(cr, &style_blue);
			cairo_fill(cr);
		} else {
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			style_set(cr, &style_blue);
			cairo_set_line_width(cr, 1);
			cairo_stroke(cr);
		}
		/* The label outside the vertex, aligned away from the centre. */
		double lx, ly;
		hex_point(cx, cy, r + 9, k, &lx, &ly);
		double cosa = cos((-120.0 + 60.0 * k) * M_PI / 180.0);
		enum ct_align al = cosa > 0.3 ? CT_LEFT : cosa < -0.3 ? CT_RIGHT : CT_CENTER;
		bool top = in_code(q->code, k);
		buf_reset(&t);
		buf_printf(&t, "%s  %s", riasec_letter[k], q->label[k] ? q->label[k] : "");
		double line = 6.5;
		ct_text(cr, buf_str(&t), CT_BODY, top, top ? &style_ink : &style_muted, lx,
			ly - (c->show_values || !has ? line : 0), al, 0);
		if (c->show_values || !has) {
			buf_reset(&t);
			ct_number(&t, c, q->value[k], 1);
			ct_text(cr, buf_str(&t), CT_SMALL, false, &style_muted, lx, ly + line, al, 0);
		}
	}
	buf_free(&t);
}

/* Competing Values: each culture on the diagonal towards its corner. */
static const int corner_x[4] = { -1, 1, -1, 1 };
static const int corner_y[4] = { -1, -1, 1, 1 };

static void kite(cairo_t *cr, double cx, double cy, double half, const double *v, double top)
{
	for (int k = 0; k < 4; k++) {
		/* Corner order around the square: TL, TR, BR, BL. */
		static const int order[4] = { 0, 1, 3, 2 };
		int q = order[k];
		double d = isfinite(v[q]) ? fmin(v[q], top) / top * half : 0;
		double px = cx + corner_x[q] * d, py = cy + corner_y[q] * d;
		if (k == 0)
			cairo_move_to(cr, px, py);
		else
			cairo_line_to(cr, px, py);
	}
	cairo_close_path(cr);
}

void chart_draw_culture(cairo_t *cr, const struct chart *c, double x, double y, double w,
			double h)
{
	const struct chart_culture *q = &c->u.culture;
	const struct chart_words *wd = c->w;
	/* The sides hold the axis words and the quadrant names. */
	double side_l = ct_text_width(cr, wd->internal, CT_SMALL, false);
	double side_r = ct_text_width(cr, wd->external, CT_SMALL, false);
	for (int k = 0; k < 4; k++) {
		double lw = ct_text_width(cr, q->label[k], CT_BODY, true);
		if (corner_x[k] < 0)
			side_l = fmax(side_l, lw);
		else
			side_r = fmax(side_r, lw);
	}
	double legend = q->n_series > 1 ? 16 : 0;
	double half = fmin((h - 32 - legend) / 2, (w - 2 * fmax(side_l, side_r) - 24) / 2);
	double cx = x + w / 2, cy = y + 16 + half;

	/* The scale: the smallest of 25, 50, 75, 100 % of the total that holds every value. */
	double most = 0;
	for (size_t s = 0; s < q->n_series; s++)
		for (int k = 0; k < 4; k++)
			if (isfinite(q->value[s][k]))
				most = fmax(most, q->value[s][k]);
	double top = q->total / 4;
	while (top * 0.8 < most && top < q->total)
		top += q->total / 4;

	/* Quadrants, rings (points of equal value on the diagonals form squares). */
	style_set(cr, &style_band_lt);
	cairo_rectangle(cr, cx - half, cy - half, 2 * half, 2 * half);
	cairo_fill(cr);
	cairo_set_line_width(cr, 0.5);
	for (int ring = 1; ring <= 4; ring++) {
		double d = half * ring / 4;
		cairo_rectangle(cr, cx - d, cy - d, 2 * d, 2 * d);
		style_set(cr, ring == 4 ? &style_muted : &style_rule);
		cairo_stroke(cr);
	}
	style_set(cr, &style_muted);
	cairo_set_line_width(cr, 0.75);
	cairo_move_to(cr, cx, cy - half);
	cairo_line_to(cr, cx, cy + half);
	cairo_move_to(cr, cx - half, cy);
	cairo_line_to(cr, cx + half, cy);
	cairo_stroke(cr);
	style_set(cr, &style_rule);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, cx - half, cy - half);
	cairo_line_to(cr, cx + half, cy + half);
	cairo_move_to(cr, cx + half, cy - half);
	cairo_line_to(cr, cx - half, cy + half);
	cairo_stroke(cr);

	ct_text(cr, wd->flexible, CT_SMALL, false, &style_muted, cx, cy - half - 8, CT_CENTER, 0);
	ct_text(cr, wd->stable, CT_SMALL, false, &style_muted, cx, cy + half + 8, CT_CENTER, 0);
	ct_text(cr, wd->internal, CT_SMALL, false, &style_muted, cx - half - 6, cy, CT_RIGHT, 0);
	ct_text(cr, wd->external, CT_SMALL, false, &style_muted, cx + half + 6, cy, CT_LEFT, 0);

	/* Profiles: the first series outlined and dashed, the last filled. */
	for (size_t s = 0; s < q->n_series; s++) {
		bool last = s + 1 == q->n_series;
		const struct rgb *col = last ? &style_blue : &style_orange;
		kite(cr, cx, cy, half, q->value[s], top);
		if (last) {
			cairo_set_source_rgba(cr, col->r, col->g, col->b, 0.22);
			cairo_fill_preserve(cr);
		}
		static const double dash[] = { 4, 2.5 };
		cairo_set_dash(cr, dash, last ? 0 : 2, 0);
		style_set(cr, col);
		cairo_set_line_width(cr, 1.6);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}

	/* Quadrant names beside the corners (clear of the profile), values
	 * inside them. */
	struct buf t = BUF_INIT;
	for (int k = 0; k < 4; k++) {
		double qx = cx + corner_x[k] * (half + 6);
		double qy = cy + corner_y[k] * (half - 6);
		ct_text(cr, q->label[k], CT_BODY, true, &style_ink, qx, qy,
			corner_x[k] < 0 ? CT_RIGHT : CT_LEFT, 0);
		if (!c->show_values)
			continue;
		buf_reset(&t);
		for (size_t s = 0; s < q->n_series; s++) {
			if (s)
				buf_puts(&t, " / ");
			ct_number(&t, c, q->value[s][k], 0);
		}
		ct_text(cr, buf_str(&t), CT_SMALL, false, &style_muted, cx + corner_x[k] * (half - 4),
			qy, corner_x[k] < 0 ? CT_LEFT : CT_RIGHT, 0);
	}
	if (q->n_series > 1) {
		double ly = cy + half + 30, lx = cx - half;
		for (size_t s = 0; s < q->n_series; s++) {
			bool last = s + 1 == q->n_series;
			const struct rgb *col = last ? &style_blue : &style_orange;
			static const double dash[] = { 4, 2.5 };
			cairo_set_dash(cr, dash, last ? 0 : 2, 0);
			style_set(cr, col);
			cairo_set_line_width(cr, 1.6);
			cairo_move_to(cr, lx, ly);
			cairo_line_to(cr, lx + 16, ly);
			cairo_stroke(cr);
			cairo_set_dash(cr, NULL, 0, 0);
			lx += 22 + ct_text(cr, q->series[s], CT_SMALL, false, &style_ink, lx + 20, ly,
					   CT_LEFT, 0) + 12;
		}
	}
	buf_free(&t);
}
