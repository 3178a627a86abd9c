/* The report template pack (kind "templates", docs/report.md): every text
 * and the layout of the adviesrapport, so that an organisation can copy the
 * pack and change both without recompiling.
 *
 * Template names:
 *   section/<id>            markup of one of the ten sections (report-doc-v1 ids)
 *   intro/<version>/<id>    the fixed text above a section for prof|client|employer;
 *   intro/<id>              … or for every version
 *   closing                 the last page: signatures, versions, calibration
 *   cover/<part>            cover texts (title, subtitle-<version>, note-<version>)
 *   words/<key>             short texts the renderers place themselves (page
 *                           header and footer, chart words: words/chart/<field>)
 *   html/document           the standalone HTML page around the sections
 *   part/<name>             partials shared by other templates
 * The markup the section templates produce is the small HTML subset of
 * report/markup.h, so one template drives both the HTML and the PDF.
 *
 * Loading checks the pack (schema, semantics), compiles every template of the
 * language, checks partials, and that every template the renderers need is
 * there. A broken template is refused with its file and line:
 *   report-nl.json:57: $.templates[12].text ("section/cv", line 3): {{#x}} is never closed */
#ifndef IPM_REPORT_TEMPLATES_H
#define IPM_REPORT_TEMPLATES_H

#include "core/buf.h"
#include "core/err.h"
#include "report/chart.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

struct report_templates;

/* `lang` nl|en|de: the templates of that language (the pack must have some). */
int report_templates_parse(const char *source_name, const char *text, size_t len,
			   const char *lang, struct report_templates **out, struct err *e);
int report_templates_load(const char *path, const char *lang, struct report_templates **out,
			  struct err *e);
void report_templates_free(struct report_templates *t);

bool report_templates_has(const struct report_templates *t, const char *name);

/* Appends template `name` rendered with `data`. */
int report_templates_render(const struct report_templates *t, const char *name,
			    const json_t *data, struct buf *out, struct err *e);

/* words/<key> as rendered without data at load, or `dflt` when the pack has
 * no such template. A loaded pack is read-only: any thread may render. */
const char *report_templates_word(const struct report_templates *t, const char *key,
				  const char *dflt);

/* The chart words of the pack's language (words/chart/<field>). */
const struct chart_words *report_templates_chart_words(const struct report_templates *t);

/* Pack id, version and sha256 (the colophon names them). */
const char *report_templates_id(const struct report_templates *t);
const char *report_templates_version(const struct report_templates *t);
const char *report_templates_sha256(const struct report_templates *t);
const char *report_templates_lang(const struct report_templates *t);

#endif
