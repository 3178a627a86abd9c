/* POST /logout: ends the session here and in the store. */
#include "services/session.h"
#include "web/pages.h"

int page_logout(struct web_request *req)
{
	struct err e;
	int rc = session_logout(req->store, req->session->user_id, req->session_token, &e);
	if (rc)
		return rc;
	web_cookie_set(req, "ipm_session", "", 0, 1);
	return web_redirect(req, "/login");
}
