/* /healthz: for load balancers and `make run`. 200 when the database answers
 * and its schema is current, 503 otherwise; never any data about clients. */
#include "version.h"
#include "web/pages.h"

int page_healthz(struct web_request *req)
{
	struct err e;
	int version = 0;
	int ok = req->store && store_ping(req->store, &e) == IPM_OK &&
		 store_schema_version(req->store, &version, &e) == IPM_OK && version > 0;
	buf_printf(&req->body, "{\"status\":\"%s\",\"version\":\"%s\",\"schema\":%d}\n",
		   ok ? "ok" : "unavailable", IPM_VERSION, version);
	req->status = ok ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE;
	req->content_type = "application/json";
	return IPM_OK;
}
