#include "web/response.h"

#include <stdlib.h>

/* No inline script or style anywhere, so the policy can forbid both; IPM
 * serves no script at all, so default-src 'none' forbids every script. The
 * NL Design System CSS draws check marks as data: SVG images. */
static const char csp[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
			  "font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			  "base-uri 'none'";

int web_plain(struct web_request *req, unsigned status, const char *text)
{
	buf_reset(&req->body);
	buf_puts(&req->body, text);
	buf_putc(&req->body, '\n');
	req->status = status;
	req->content_type = "text/plain; charset=utf-8";
	return IPM_OK;
}

enum MHD_Result web_send(struct web_request *req)
{
	struct MHD_Response *r;
	if (req->static_body) {
		r = MHD_create_response_from_buffer(req->static_len, (void *)req->static_body,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		size_t len = 0;
		char *data = buf_detach(&req->body, &len);
		r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
		if (!r)
			free(data);
	}
	if (!r)
		return MHD_NO;
	if (req->content_type)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, req->content_type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
	MHD_add_response_header(r, "Cache-Control",
				req->cache_control ? req->cache_control : "no-store");
	if (req->app && web_is_https(req))
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	for (size_t i = 0; i < req->n_headers; i++)
		MHD_add_response_header(r, req->headers[i].name, req->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(req->conn, req->status, r);
	MHD_destroy_response(r);
	return ret;
}
