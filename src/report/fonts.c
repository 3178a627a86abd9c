#include "report/report.h"

#include <pango/pangocairo.h>

void report_fonts_release(void)
{
	/* Pango's font map is per thread; dropping it frees its fonts. Not
	 * cairo_debug_reset_static_data(): it asserts that no font is still
	 * referenced, and pango may still hold one (its fontconfig setup runs
	 * on a thread of its own), which made test_chart abort at exit now and
	 * then. Cairo's caches are left to the exit, like fontconfig's. */
	pango_cairo_font_map_set_default(NULL);
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
