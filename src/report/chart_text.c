#include "report/chart_internal.h"

static const cairo_user_data_key_t context_key;

/* One pango context per cairo context, kept as its user data: a new
 * context per text would match the fonts again each time (fontconfig),
 * which costs more than the drawing. Returns a new reference. */
static PangoContext *context(cairo_t *cr)
{
	PangoContext *ctx = cairo_get_user_data(cr, &context_key);
	if (ctx) {
		pango_cairo_update_context(cr, ctx);
		return g_object_ref(ctx);
	}
	ctx = pango_cairo_create_context(cr);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_context_set_resolution(ctx, 72);
	/* Without the user data (cairo out of memory) the context lives as
	 * long as the one layout made from it. */
	if (cairo_set_user_data(cr, &context_key, ctx, g_object_unref) == CAIRO_STATUS_SUCCESS)
		g_object_ref(ctx);
	return ctx;
}

PangoLayout *ct_layout(cairo_t *cr, double size, bool bold)
{
	PangoContext *ctx = context(cr);
	PangoLayout *l = pango_layout_new(ctx);
	g_object_unref(ctx);
	PangoFontDescription *fd = pango_font_description_from_string(STYLE_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	return l;
}

double ct_text_width(cairo_t *cr, const char *s, double size, bool bold)
{
	PangoLayout *l = ct_layout(cr, size, bold);
	pango_layout_set_text(l, s, -1);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

double ct_text(cairo_t *cr, const char *s, double size, bool bold, const struct rgb *color,
	       double x, double y, enum ct_align align, double max_w)
{
	if (!s || !*s)
		return 0;
	PangoLayout *l = ct_layout(cr, size, bold);
	pango_layout_set_text(l, s, -1);
	if (max_w > 0) {
		pango_layout_set_width(l, (int)(max_w * PANGO_SCALE));
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	}
	PangoRectangle ink, logical;
	pango_layout_get_extents(l, &ink, &logical);
	double w = (double)logical.width / PANGO_SCALE;
	double h = (double)logical.height / PANGO_SCALE;
	if (max_w > 0 && w > max_w)
		w = max_w;
	double left = align == CT_LEFT ? x : align == CT_CENTER ? x - w / 2 : x - w;
	/* With a width set, pango places the line itself; keep it left-aligned
	 * in its box so `left` is where the text starts. */
	style_set(cr, color);
	cairo_move_to(cr, left - (double)logical.x / PANGO_SCALE, y - h / 2);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return w;
}

double ct_text_halo(cairo_t *cr, const char *s, double size, bool bold, const struct rgb *color,
		    double x, double y, enum ct_align align)
{
	double w = ct_text_width(cr, s, size, bold);
	double left = align == CT_LEFT ? x : align == CT_CENTER ? x - w / 2 : x - w;
	cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
	cairo_rectangle(cr, left - 1.5, y - size * 0.75, w + 3, size * 1.5);
	cairo_fill(cr);
	return ct_text(cr, s, size, bold, color, x, y, align, 0);
}
