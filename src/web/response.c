#include "web/response.h"

#include <stdlib.h>

/* No inline script or style anywhere, so the policy can forbid both. */
static const char csp[] = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
			  "script-src 'self'; form-action 'self'; frame-ancestors 'none'; "
			  "base-uri 'none'";

enum MHD_Result web_respond(struct MHD_Connection *conn, unsigned status,
			    const char *content_type, struct buf *body)
{
	size_t len = 0;
	char *data = buf_detach(body, &len);
	struct MHD_Response *r =
		MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(data);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	enum MHD_Result ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}
