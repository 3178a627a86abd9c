/* The report markup: the small HTML subset that the section templates
 * produce, so that one template drives the HTML (which shows it as is) and
 * the PDF (which lays it out with pango).
 *
 *   blocks   <h3> <p> <p class="note"> <ul>/<ol> with <li>, <table> with
 *            <tr>, <th>, <td> (<thead>/<tbody> allowed), <figure data-chart="NAME"></figure>
 *   inline   <b> <strong> <i> <em> <br>, entities &amp; &lt; &gt; &quot; &#39;
 *            &#N; &nbsp; &shy; &ndash; &mdash; &euro;
 * A `class` on <table> or <p> is kept (the PDF knows "kv", "signature",
 * "compact", "note"; the HTML passes every class on to its CSS). Anything else is
 * refused with the line of the rendered markup, so a template that the PDF
 * could not show is caught when the report is made, in both formats. */
#ifndef IPM_REPORT_MARKUP_H
#define IPM_REPORT_MARKUP_H

#include "core/arena.h"
#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>

enum mk_kind { MK_H3, MK_P, MK_LI, MK_TABLE, MK_FIGURE };

struct mk_row {
	const char **cells;  /* pango markup per cell */
	size_t n;
	bool head;           /* every cell a <th>: repeated after a page break */
};

struct mk_block {
	enum mk_kind kind;
	const char *markup;  /* H3, P, LI: pango markup */
	const char *cls;     /* class attribute or "" */
	int ordinal;         /* LI: 1, 2, … in an <ol>; 0 in a <ul> */
	bool list_start;     /* LI: the first item of its list */
	struct mk_row *rows; /* TABLE */
	size_t n_rows, n_cols;
	const char *chart;   /* FIGURE: data-chart */
};

struct mk_doc {
	struct arena arena;  /* everything below */
	struct mk_block *blocks;
	size_t n;
};

/* `where` names the template in messages ("section/cv"). */
int markup_parse(const char *text, const char *where, struct mk_doc *out, struct err *e);
void markup_free(struct mk_doc *d);

#endif
