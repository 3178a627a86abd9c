/* The report's visual constants, shared by the charts, the PDF and the
 * HTML renderer so that the three look alike: one font stack (Debian's
 * fonts-open-sans, then fonts-noto-core, then fonts-dejavu-core) and one
 * colour-blind-safe palette (Okabe–Ito, darkened where needed so that every
 * mark has at least 3:1 and every text at least 4.5:1 contrast on white). */
#ifndef IPM_REPORT_STYLE_H
#define IPM_REPORT_STYLE_H

#include <cairo.h>

#define STYLE_FONT "Open Sans,Noto Sans,DejaVu Sans"

struct rgb {
	double r, g, b;
	const char *hex; /* the same colour for CSS */
};

extern const struct rgb style_ink;     /* body text, 16:1 */
extern const struct rgb style_muted;   /* axis labels and notes, 7:1 */
extern const struct rgb style_rule;    /* grid lines and table rules */
extern const struct rgb style_band;    /* the "gemiddeld" norm band */
extern const struct rgb style_band_lt; /* the "laag" and "hoog" bands */
extern const struct rgb style_blue;    /* main series, facilitating: #0072B2, 5.1:1 */
extern const struct rgb style_blue_lt; /* a lighter fill with a blue outline */
extern const struct rgb style_orange;  /* second series, hindering: dark vermillion, 4.6:1 */
extern const struct rgb style_accent;  /* headings and the cover band (NL Design System blue) */

static inline void style_set(cairo_t *cr, const struct rgb *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

#endif
