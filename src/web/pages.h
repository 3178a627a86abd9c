/* Route handlers, one file each (page_*.c, like cgit's ui-*.c). The route
 * table is src/web/routes.c; docs/web.md says how to add a page. */
#ifndef IPM_WEB_PAGES_H
#define IPM_WEB_PAGES_H

#include "web/request.h"
#include "web/router.h"

extern const struct web_route web_routes[];
extern const size_t web_routes_n;

int page_healthz(struct web_request *req);
int page_home(struct web_request *req);
int page_static(struct web_request *req);
int page_lang(struct web_request *req);
int page_login_form(struct web_request *req);
int page_login(struct web_request *req);
int page_logout(struct web_request *req);
int page_caseload(struct web_request *req);
int page_dossier(struct web_request *req);
int page_dossier_reason(struct web_request *req);
int page_overview(struct web_request *req);
/* Intake, questionnaires and their results (helper pages-career). */
int page_intake_form(struct web_request *req);
int page_intake(struct web_request *req);
int page_questionnaires(struct web_request *req);
int page_questionnaire_start(struct web_request *req);
int page_questionnaire(struct web_request *req);
int page_questionnaire_save(struct web_request *req);
int page_link_create(struct web_request *req);
int page_link_form(struct web_request *req);
int page_link_save(struct web_request *req);
int page_results(struct web_request *req);

/* The error page for an HTTP status (403, 404, 405, 400, 500, ...). */
int page_error(struct web_request *req, unsigned status);

#endif
