#include "report/report.h"

#include <cairo.h>
#include <pango/pangocairo.h>

void report_fonts_release(void)
{
	/* Pango's font map and cairo's font caches are process-wide; dropping
	 * them leaves fontconfig's configuration, which lives as long as the
	 * process (see below). */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
}

/* LeakSanitizer reads this when the program runs under it. Fontconfig keeps
 * its configuration and font cache for the life of the process; FcFini
 * would free them, but it asserts when a cache is still referenced, and an
 * intermittent abort at exit of `ipm report` (exit 134, under load) was
 * traced to that call. So the memory is left to the exit, and named here
 * as not a leak of ours. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}
