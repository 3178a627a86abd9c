/* "/": where a person starts. Not logged in: the login page; otherwise the
 * first page the role has (the caseload, the manager's overview, or the
 * beheerder's users). */
#include "web/pages.h"

int page_home(struct web_request *req)
{
	if (!req->session)
		return web_redirect(req, "/login");
	if (access_allows(req->user.role, PERM_CASELOAD))
		return web_redirect(req, "/clients");
	if (access_allows(req->user.role, PERM_AGGREGATES))
		return web_redirect(req, "/overview");
	if (access_allows(req->user.role, PERM_USERS))
		return web_redirect(req, "/admin/users");
	return page_error(req, MHD_HTTP_FORBIDDEN);
}
