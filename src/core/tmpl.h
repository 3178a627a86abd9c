/* A small Mustache subset for pages and reports (DESIGN: no C template
 * engine is packaged in Debian, and organisations must be able to adapt the
 * texts without recompiling). Data is a jansson tree, so the web layer and
 * the report build one JSON-shaped view model and render it.
 *
 * Supported, with Mustache's meaning:
 *   {{name}} {{a.b.c}} {{.}}   value, HTML-escaped (numbers as written, true/false, null = "")
 *   {{&name}}                  value unescaped: only for markup IPM made itself (SVG charts)
 *   {{#name}}…{{/name}}        section: once per array element, once for a true
 *                              value/object/non-empty string, never for false/null/[]/""
 *   {{^name}}…{{/name}}        inverted section
 *   {{! comment }}             dropped
 *   {{> partial}}              another template of the same set, by name
 * Not supported (refused at compile time with file and line): triple
 * mustaches, delimiter changes, lambdas. Names are looked up in the context
 * stack from the innermost outwards, like Mustache.
 *
 * Templates are compiled once (tmpl_set_add) and rendered many times from any
 * thread; a compiled set is read-only. */
#ifndef IPM_CORE_TMPL_H
#define IPM_CORE_TMPL_H

#include "core/buf.h"
#include "core/err.h"

#include <jansson.h>
#include <stddef.h>

struct tmpl_set;

struct tmpl_set *tmpl_set_new(void);
void tmpl_set_free(struct tmpl_set *set);

/* Compiles `text` as template `name`. `origin` names where it came from
 * ("data/templates/report.json: templates[3]" or a file path) and is used in
 * error messages, which read "ORIGIN:LINE: message". Partials are resolved at
 * render time, so templates may be added in any order; tmpl_set_check
 * reports partials that name no template (and partial recursion). */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *text, const char *origin,
		 struct err *e);
int tmpl_set_check(const struct tmpl_set *set, struct err *e);

/* Appends the rendering of template `name` with `data` to `out`. */
int tmpl_render(const struct tmpl_set *set, const char *name, const json_t *data, struct buf *out,
		struct err *e);

#endif
