/* /static/NAME: CSS and images from memory (web/static.h for the caching). */
#include "web/pages.h"

#include <string.h>

int page_static(struct web_request *req)
{
	const char *name = web_param(req, "name");
	const struct web_asset *a = name ? web_static_find(&req->app->assets, name) : NULL;
	if (!a)
		return page_error(req, MHD_HTTP_NOT_FOUND);
	const char *v = web_query(req, "v");
	/* A link with the current version may be kept for good; any other
	 * is checked again each time. */
	req->cache_control = v && strlen(v) == 16 && strncmp(v, a->etag + 1, 16) == 0
				     ? "public, max-age=31536000, immutable"
				     : "no-cache";
	web_header(req, MHD_HTTP_HEADER_ETAG, a->etag);
	const char *inm = web_header_in(req, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm && strstr(inm, a->etag)) {
		req->status = MHD_HTTP_NOT_MODIFIED;
		return IPM_OK;
	}
	req->status = MHD_HTTP_OK;
	req->content_type = a->type;
	req->static_body = a->data;
	req->static_len = a->len;
	return IPM_OK;
}
