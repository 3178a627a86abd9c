/* Route handlers. Each gets the request and the worker thread's database
 * connection and returns the status it queued. */
#ifndef IPM_WEB_PAGES_H
#define IPM_WEB_PAGES_H

#include "store/store.h"

#include <microhttpd.h>

struct web_request {
	struct MHD_Connection *conn;
	const char *method;
	const char *path;
	struct store *store; /* NULL when the database could not be opened */
	unsigned status;     /* set by the handler, for the access log */
};

enum MHD_Result page_healthz(struct web_request *req);
enum MHD_Result page_home(struct web_request *req);
enum MHD_Result page_not_found(struct web_request *req);

#endif
