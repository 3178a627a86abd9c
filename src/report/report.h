/* The adviesrapport: a report document (docs/contracts/report-doc-v1.md,
 * built by services/report_doc) and a template pack (report/templates.h)
 * rendered to a standalone HTML page or an A4 PDF (docs/report.md).
 *
 * A renderer never reads the store and never recomputes a number: what the
 * report shows is in the document. Rendering is a pure function of the
 * document and the pack, safe to call from any thread with a shared pack. */
#ifndef IPM_REPORT_REPORT_H
#define IPM_REPORT_REPORT_H

#include "core/buf.h"
#include "core/err.h"
#include "report/templates.h"

#include <jansson.h>

enum report_format { REPORT_PDF, REPORT_HTML };

/* Appends the rendering to `out`. IPM_EINVAL names what was wrong: a
 * document that is not report-doc-v1, or a template whose markup the
 * report cannot show ("section/cv: markup line 4: <div> is not part of …"). */
int report_render(const json_t *doc, const struct report_templates *t, enum report_format f,
		  struct buf *out, struct err *e);

/* "pdf" or "html"; 0 when recognised, -1 otherwise. */
int report_format_parse(const char *s, enum report_format *out);

/* Releases the process-wide font state that rendering builds up (pango's
 * font map, cairo's caches, fontconfig), for a clean exit of a program run
 * under a leak checker. Call once, after the last render, from the thread
 * that rendered; any later render builds it up again. */
void report_fonts_release(void);

/* The MIME type and file extension of a format. */
const char *report_format_mime(enum report_format f);
const char *report_format_ext(enum report_format f);

#endif
