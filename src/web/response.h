/* Building and queueing responses: every response passes through here so that
 * none leaves without the security headers. */
#ifndef IPM_WEB_RESPONSE_H
#define IPM_WEB_RESPONSE_H

#include "core/buf.h"

#include <microhttpd.h>

/* Queues `body` (taken over and freed) with the given status and type. */
enum MHD_Result web_respond(struct MHD_Connection *conn, unsigned status,
			    const char *content_type, struct buf *body);

#endif
