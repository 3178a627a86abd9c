/* Horizontal bar charts: Big Five T-scores over the norm bands, career
 * anchors with the top anchor marked, and factor contributions as diverging
 * bars (hindering to the left of zero, facilitating to the right). */
#include "report/chart_internal.h"

#include <math.h>

#define HEAD_H 18.0
#define AXIS_H 16.0
#define ROW0_H 19.0
#define ROW1_H 14.0
#define INDENT 10.0
#define GAP 8.0

/* Band names (Big Five) or directions (factors) above the bars. */
static double head_h(const struct chart *c)
{
	return c->type == CHART_ANCHORS ? 0 : HEAD_H;
}

static double row_h(const struct chart_row *r)
{
	return r->level ? ROW1_H : ROW0_H;
}

double chart_bars_height(const struct chart *c, double width)
{
	(void)width;
	const struct chart_bars *b = &c->u.bars;
	double h = head_h(c) + 4;
	for (size_t i = 0; i < b->n; i++)
		h += row_h(&b->rows[i]);
	return h + (c->show_values ? AXIS_H : 4);
}

/* 1, 2 or 5 times a power of ten, giving at most `most` steps over range. */
static double nice_step(double range, int most)
{
	double raw = range / most;
	double p = pow(10, floor(log10(raw)));
	double m = raw / p;
	return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

struct frame {
	double x0, x1;  /* plot area */
	double lo, hi;  /* value range */
};

static double fx(const struct frame *f, double v)
{
	if (v < f->lo)
		v = f->lo;
	if (v > f->hi)
		v = f->hi;
	return f->x0 + (v - f->lo) / (f->hi - f->lo) * (f->x1 - f->x0);
}

static double label_width(cairo_t *cr, const struct chart_bars *b, double w)
{
	double most = 0;
	for (size_t i = 0; i < b->n; i++) {
		double lw = ct_text_width(cr, b->rows[i].label, b->rows[i].level ? CT_SMALL : CT_BODY,
					  b->rows[i].level == 0) + (b->rows[i].level ? INDENT : 0);
		if (lw > most)
			most = lw;
	}
	return fmin(most + GAP, w * 0.48);
}

static void draw_bands(cairo_t *cr, const struct chart *c, const struct frame *f, double top,
		       double bottom)
{
	const struct chart_bars *b = &c->u.bars;
	double edges[4] = { f->lo, b->band_low, b->band_high, f->hi };
	for (int k = 0; k < 3; k++) {
		double a = fx(f, edges[k]), z = fx(f, edges[k + 1]);
		style_set(cr, k == 1 ? &style_band : &style_band_lt);
		cairo_rectangle(cr, a, top, z - a, bottom - top);
		cairo_fill(cr);
		/* The outer bands are wide and their names centred, so the middle
		 * name may reach a little beyond its band ("durchschnittlich"). */
		ct_text(cr, c->w->band[k], CT_SMALL, false, &style_muted, (a + z) / 2, top - HEAD_H / 2,
			CT_CENTER, z - a + (k == 1 ? 28 : -2));
	}
}

static void draw_grid(cairo_t *cr, const struct chart *c, const struct frame *f, double top,
		      double bottom)
{
	const struct chart_bars *b = &c->u.bars;
	double scale = b->scale > 0 ? b->scale : 1;
	double step = nice_step((f->hi - f->lo) * scale, 6) / scale;
	struct buf t = BUF_INIT;
	cairo_set_line_width(cr, 0.5);
	for (double v = ceil(f->lo / step - 1e-9) * step; v <= f->hi + step * 1e-9; v += step) {
		double x = fx(f, v);
		style_set(cr, &style_rule);
		cairo_move_to(cr, x, top);
		cairo_line_to(cr, x, bottom);
		cairo_stroke(cr);
		if (c->show_values) {
			buf_reset(&t);
			ct_number(&t, c, v * scale, 0);
			ct_text(cr, buf_str(&t), CT_SMALL, false, &style_muted, x, bottom + AXIS_H / 2,
				CT_CENTER, 0);
		}
	}
	buf_free(&t);
}

/* The value label after the bar end (or before it, for a negative bar). */
static void value_label(cairo_t *cr, const struct chart *c, const struct chart_row *r,
			double end, double mid, bool left)
{
	const struct chart_bars *b = &c->u.bars;
	struct buf t = BUF_INIT;
	if (c->show_values) {
		if (c->type == CHART_FACTORS && r->value > 0)
			buf_puts(&t, "+");
		ct_number(&t, c, r->value * (b->scale > 0 ? b->scale : 1), c->type == CHART_ANCHORS);
		if (b->unit) {
			buf_puts(&t, " ");
			buf_puts(&t, b->unit);
		}
	}
	if (r->mark && c->w->top) {
		if (t.len)
			buf_puts(&t, " · ");
		buf_puts(&t, c->w->top);
	}
	ct_text(cr, buf_str(&t), r->level ? CT_SMALL : CT_BODY, r->mark, &style_ink,
		left ? end - 3 : end + 3, mid, left ? CT_RIGHT : CT_LEFT, 0);
	buf_free(&t);
}

void chart_draw_bars(cairo_t *cr, const struct chart *c, double x, double y, double w, double h)
{
	const struct chart_bars *b = &c->u.bars;
	(void)h;
	double lw = label_width(cr, b, w);
	/* Room on the right for the value label ("62", "3,8 · sterkste", "+4 pp"). */
	double tail = c->type == CHART_BIGFIVE ? (c->show_values ? 22 : 6) : 62;
	struct frame f = { x + lw, x + w - tail, b->min, b->max };
	if (c->type == CHART_FACTORS) {
		double m = fmax(fabs(b->min), fabs(b->max));
		f.lo = -m;
		f.hi = m;
		f.x0 = x + lw + 52; /* room for a negative bar's label */
	}
	double top = y + head_h(c) + 4, bottom = top;
	for (size_t i = 0; i < b->n; i++)
		bottom += row_h(&b->rows[i]);

	if (c->type == CHART_BIGFIVE && isfinite(b->band_low) && isfinite(b->band_high))
		draw_bands(cr, c, &f, top, bottom);
	draw_grid(cr, c, &f, top, bottom);
	double zero = fx(&f, c->type == CHART_FACTORS ? 0 : f.lo);
	if (c->type == CHART_FACTORS) {
		struct buf t = BUF_INIT;
		buf_printf(&t, "\xe2\x86\x90 %s", c->w->hindering);
		ct_text(cr, buf_str(&t), CT_SMALL, true, &style_orange, zero - 4, y + HEAD_H / 2,
			CT_RIGHT, 0);
		buf_reset(&t);
		buf_printf(&t, "%s \xe2\x86\x92", c->w->facilitating);
		ct_text(cr, buf_str(&t), CT_SMALL, true, &style_blue, zero + 4, y + HEAD_H / 2,
			CT_LEFT, 0);
		buf_free(&t);
	}

	double ry = top;
	for (size_t i = 0; i < b->n; i++) {
		const struct chart_row *r = &b->rows[i];
		double rh = row_h(r), mid = ry + rh / 2;
		double bh = r->level ? 6 : 10;
		ct_text(cr, r->label, r->level ? CT_SMALL : CT_BODY, r->level == 0,
			r->level ? &style_muted : &style_ink, x + (r->level ? INDENT : 0), mid, CT_LEFT,
			lw - GAP - (r->level ? INDENT : 0));
		if (!isfinite(r->value) && r->band >= 1 && r->band <= 3 && isfinite(b->band_low)) {
			/* Only the band is known: a block over it. */
			double edges[4] = { f.lo, b->band_low, b->band_high, f.hi };
			double a = fx(&f, edges[r->band - 1]), z = fx(&f, edges[r->band]);
			cairo_rectangle(cr, a + 2, mid - bh / 2, z - a - 4, bh);
			style_set(cr, &style_blue);
			cairo_fill(cr);
			ry += rh;
			continue;
		}
		if (!isfinite(r->value)) {
			ct_text(cr, c->w->no_score, CT_SMALL, false, &style_muted, zero + 4, mid, CT_LEFT,
				0);
			ry += rh;
			continue;
		}
		double end = fx(&f, r->value);
		bool neg = end < zero;
		const struct rgb *fill = c->type == CHART_FACTORS ? (neg ? &style_orange : &style_blue)
			: c->type == CHART_ANCHORS && !r->mark ? &style_blue_lt : &style_blue;
		cairo_rectangle(cr, neg ? end : zero, mid - bh / 2, fabs(end - zero), bh);
		style_set(cr, fill);
		cairo_fill_preserve(cr);
		style_set(cr, fill == &style_blue_lt ? &style_blue : fill);
		cairo_set_line_width(cr, 0.75);
		cairo_stroke(cr);
		if (c->show_values || r->mark)
			value_label(cr, c, r, end, mid, neg);
		ry += rh;
	}
	/* The zero (or minimum) line on top of the bars. */
	style_set(cr, &style_muted);
	cairo_set_line_width(cr, 0.75);
	cairo_move_to(cr, zero, top - 2);
	cairo_line_to(cr, zero, bottom + 2);
	cairo_stroke(cr);
}
