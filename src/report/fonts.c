#include "report/report.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

void report_fonts_release(void)
{
	/* The font map, cairo's font caches and fontconfig's configuration
	 * are process-wide; released in this order, nothing of them is left. */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
