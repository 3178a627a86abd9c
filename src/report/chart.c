#include "report/chart_internal.h"

#include <math.h>
#include <string.h>

const struct chart_words chart_words_nl = {
	.band = { "laag", "gemiddeld", "hoog" },
	.no_score = "geen score",
	.top = "sterkste",
	.months = "maanden vanaf nu",
	.now = "nu",
	.cumulative = "kans op werk tot dan",
	.year_ahead = "kans op werk binnen het jaar daarna",
	.kritisch = "kritisch moment",
	.hindering = "belemmert",
	.facilitating = "helpt",
	.flexible = "flexibel",
	.stable = "stabiel",
	.internal = "intern gericht",
	.external = "extern gericht",
	.mps = "MPS",
	.holland = "Holland-code",
	.after_months = "na {n} maanden",
	.not_reached = "niet binnen deze periode",
	.decimal_comma = true,
};

void chart_put_number(struct buf *b, const struct chart_words *w, double v, int decimals)
{
	if (!isfinite(v)) {
		buf_puts(b, w->no_score);
		return;
	}
	/* Round first so that "-0" and "-0,0" never appear. */
	double p = pow(10, decimals);
	double r = round(v * p) / p;
	if (r == 0)
		r = 0;
	size_t start = b->len;
	buf_printf(b, "%.*f", decimals, r);
	if (r < 0) {
		/* A real minus sign (U+2212) reads better than a hyphen. */
		b->len = start;
		buf_puts(b, "\xe2\x88\x92");
		buf_printf(b, "%.*f", decimals, -r);
	}
	if (w->decimal_comma) {
		char *dot = strchr(b->data + start, '.');
		if (dot)
			*dot = ',';
	}
}

void ct_number(struct buf *b, const struct chart *c, double v, int decimals)
{
	chart_put_number(b, c->w, v, decimals);
}

double chart_height(const struct chart *c, double width)
{
	switch (c->type) {
	case CHART_BIGFIVE:
	case CHART_ANCHORS:
	case CHART_FACTORS:
		return chart_bars_height(c, width);
	case CHART_JCM:
		return chart_jcm_height(c, width);
	case CHART_RIASEC:
		return fmin(width * 0.5, 240);
	case CHART_CULTURE:
		return fmin(width * 0.56, 270) + (c->u.culture.n_series > 1 ? 16 : 0);
	case CHART_PROGNOSIS:
		return fmin(width * 0.5, 260);
	}
	return width / 2;
}

void chart_draw(cairo_t *cr, const struct chart *c, double x, double y, double w, double h)
{
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	switch (c->type) {
	case CHART_BIGFIVE:
	case CHART_ANCHORS:
	case CHART_FACTORS:
		chart_draw_bars(cr, c, x, y, w, h);
		break;
	case CHART_JCM:
		chart_draw_jcm(cr, c, x, y, w, h);
		break;
	case CHART_RIASEC:
		chart_draw_riasec(cr, c, x, y, w, h);
		break;
	case CHART_CULTURE:
		chart_draw_culture(cr, c, x, y, w, h);
		break;
	case CHART_PROGNOSIS:
		chart_draw_prognosis(cr, c, x, y, w, h);
		break;
	}
	cairo_restore(cr);
}
