/* Sending what a handler built: every response passes through web_send, so
 * none leaves without the security headers. */
#ifndef IPM_WEB_RESPONSE_H
#define IPM_WEB_RESPONSE_H

#include "web/request.h"

#include <microhttpd.h>

/* Queues req's response (status, body or static body, headers). */
enum MHD_Result web_send(struct web_request *req);

/* A plain-text answer, for when no page can be rendered. */
int web_plain(struct web_request *req, unsigned status, const char *text);

#endif
