/* View models and page rendering. A page builds a JSON object (the view),
 * adds its UI strings with web_view_texts and calls web_render, which
 * renders the page template and puts it into the layout template
 * (data/templates/web/layout.mustache) with the header, navigation,
 * language choice and footer. Values reach HTML only through the template
 * engine's escaping ({{name}}); {{&name}} is kept for markup IPM made. */
#ifndef IPM_WEB_VIEW_H
#define IPM_WEB_VIEW_H

#include "web/request.h"

#include <jansson.h>

struct web_text {
	const char *key;   /* view.t.KEY */
	const char *msgid; /* English, marked N_() for xgettext */
};

/* A view with what every page has: lang, csrf, user. Owned by the caller
 * until passed to web_render. */
json_t *web_view(struct web_request *req);
void web_view_texts(struct web_request *req, json_t *view, const struct web_text *t, size_t n);
/* Sets view[key] to a string (copied); NULL sets null. */
void web_view_set(json_t *view, const char *key, const char *value);

/* Renders `page` (a template name) with `view` (taken over) inside the
 * layout; title_msgid is translated for <title> and the header. The status
 * is req->status, or 200 when none was set. */
int web_render(struct web_request *req, const char *page, const char *title_msgid, json_t *view);

/* The translated name of a role (for headers and tables). */
const char *web_role_label(const struct web_request *req, const char *role);
/* The translated name of a route step (clients.route_step). */
const char *web_step_label(const struct web_request *req, const char *step);
/* The position of a route step in the route (0-based), -1 for an unknown one,
 * and the number of steps. */
int web_step_index(const char *step);
int web_step_count(void);

#define WEB_TEXTS(req, view, arr) web_view_texts(req, view, arr, sizeof arr / sizeof arr[0])

#endif
