/* "/": where a person starts. Not logged in: the login page; otherwise the
 * first page the role has (the caseload, or the manager's overview). */
#include "web/pages.h"

int page_home(struct web_request *req)
{
	if (!req->session)
		return web_redirect(req, "/login");
	if (access_allows(req->user.role, PERM_CASELOAD))
		return web_redirect(req, "/clients");
	if (access_allows(req->user.role, PERM_AGGREGATES))
		return web_redirect(req, "/overview");
	return page_error(req, MHD_HTTP_FORBIDDEN);
}
