/* The error page: what happened in words, and a way on. It names no data,
 * and a refused dossier says nothing about whether the client exists. */
#include "web/pages.h"
#include "web/response.h"
#include "web/view.h"

static const struct {
	unsigned status;
	const char *title, *text;
} errors[] = {
	{ MHD_HTTP_BAD_REQUEST, N_("The request could not be read"),
	  N_("Something in the form or the address was not as expected. Go back and try again.") },
	{ MHD_HTTP_FORBIDDEN, N_("No access"),
	  N_("You do not have access to this page. If you think you should, ask your "
	     "administrator. The attempt has been recorded.") },
	{ MHD_HTTP_NOT_FOUND, N_("Page not found"),
	  N_("This page does not exist (any more). Check the address or start again from the "
	     "home page.") },
	{ MHD_HTTP_METHOD_NOT_ALLOWED, N_("Not possible here"),
	  N_("This page cannot be used in this way.") },
	{ MHD_HTTP_UNSUPPORTED_MEDIA_TYPE, N_("The request could not be read"),
	  N_("Only forms from IPM's own pages are accepted.") },
	{ MHD_HTTP_CONTENT_TOO_LARGE, N_("Too much at once"),
	  N_("The form holds more than IPM accepts at once.") },
	{ MHD_HTTP_SERVICE_UNAVAILABLE, N_("Temporarily unavailable"),
	  N_("IPM cannot reach its database right now. Try again in a minute.") },
	{ MHD_HTTP_INTERNAL_SERVER_ERROR, N_("Something went wrong"),
	  N_("IPM could not finish this. Nothing was changed. Try again; if it happens again, "
	     "tell your administrator the time it happened.") },
};

static const struct web_text texts[] = {
	{ "home", N_("To the home page") },
};

int page_error(struct web_request *req, unsigned status)
{
	size_t i = 0, n = sizeof errors / sizeof errors[0];
	while (i < n - 1 && errors[i].status != status)
		i++;
	req->status = status;
	req->static_body = NULL;
	buf_reset(&req->body);
	json_t *v = web_view(req);
	web_view_set(v, "text", web_text(req, errors[i].text));
	WEB_TEXTS(req, v, texts);
	if (web_render(req, "error", errors[i].title, v) != IPM_OK)
		return web_plain(req, status, web_text(req, errors[i].title));
	return IPM_OK;
}
