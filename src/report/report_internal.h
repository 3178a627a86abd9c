/* Shared by the report renderers (html.c, pdf*.c, report.c). */
#ifndef IPM_REPORT_INTERNAL_H
#define IPM_REPORT_INTERNAL_H

#include "core/buf.h"
#include "core/err.h"
#include "report/chart.h"
#include "report/templates.h"

#include <jansson.h>
#include <stdbool.h>

#define REPORT_SECTIONS 10

/* The charts a document can hold, by the name templates use in
 * <figure data-chart="NAME">. */
enum report_chart {
	RC_BIGFIVE,
	RC_ANCHORS,
	RC_RIASEC,
	RC_CULTURE,
	RC_JCM,
	RC_PROGNOSIS,
	RC_FACTORS,
	RC_COUNT
};

extern const char *const report_chart_names[RC_COUNT];

struct report_charts {
	bool has[RC_COUNT];
	struct chart c[RC_COUNT];
	struct chart_row rows[RC_COUNT][CHART_ROWS_MAX];
};

/* Every chart the document has data for. Strings point into `doc` and the
 * templates' words; both must outlive `out`. */
void report_charts_build(const json_t *doc, const struct report_templates *t,
			 struct report_charts *out);
/* NULL when the document has no such chart or the name is unknown. */
const struct chart *report_charts_get(const struct report_charts *rc, const char *name);

/* The view the templates see: the document, plus formatted numbers
 * (KEY_s, KEY_pct, KEY_pp), long dates (KEY_long), enum flags (KEY_VALUE:
 * true), is_prof/is_client/is_employer, version_label, and per chart
 * charts.NAME = <figure data-chart="NAME"></figure>. */
int report_view_build(const json_t *doc, const struct report_templates *t,
		      const struct report_charts *rc, json_t **out, struct err *e);

/* Renders section i (0-based) to markup: its intro, and its template or the
 * no-data / not-shared text. Sets view.section while rendering. */
int report_section_markup(json_t *view, const struct report_templates *t, size_t i,
			  struct buf *out, struct err *e);

/* Checks the document's shape before anything is rendered: contract,
 * version, the ten sections in order. */
int report_doc_check(const json_t *doc, struct err *e);

const char *report_doc_version(const json_t *doc);

/* words/header etc. rendered with the view (they may name the client reference). */
int report_word_render(const struct report_templates *t, const char *name, const json_t *view,
		       struct buf *out, struct err *e);

int report_html(const json_t *doc, const struct report_templates *t, struct buf *out,
		struct err *e);
int report_pdf(const json_t *doc, const struct report_templates *t, struct buf *out,
	       struct err *e);

#endif
