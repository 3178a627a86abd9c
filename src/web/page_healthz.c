/* /healthz: for load balancers and `make run`. 200 when the database answers
 * and its schema is current, 503 otherwise; never any data about clients. */
#include "version.h"
#include "web/pages.h"
#include "web/response.h"

enum MHD_Result page_healthz(struct web_request *req)
{
	struct err e;
	int version = 0;
	int ok = req->store && store_ping(req->store, &e) == IPM_OK &&
		 store_schema_version(req->store, &version, &e) == IPM_OK && version > 0;
	struct buf body = BUF_INIT;
	buf_printf(&body, "{\"status\":\"%s\",\"version\":\"%s\",\"schema\":%d}\n",
		   ok ? "ok" : "unavailable", IPM_VERSION, version);
	req->status = ok ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE;
	return web_respond(req->conn, req->status, "application/json", &body);
}
