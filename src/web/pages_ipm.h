/* Route handlers of the I.P.M. steps of one client and of the catalogue
 * (docs/web.md, "I.P.M. pages"): factor interview, profile, prognosis,
 * judgement, matched instruments, reports, catalogue browser. Shared
 * helpers are in web/client_page.h. */
#ifndef IPM_WEB_PAGES_IPM_H
#define IPM_WEB_PAGES_IPM_H

#include "web/request.h"

int page_factors(struct web_request *req);
int page_factors_save(struct web_request *req);
int page_profile(struct web_request *req);
int page_prognosis(struct web_request *req);
int page_prognosis_compute(struct web_request *req);
int page_judgement(struct web_request *req);
int page_judgement_save(struct web_request *req);
int page_instruments(struct web_request *req);
int page_plan_add(struct web_request *req);
int page_advice_add(struct web_request *req);
int page_advice_decide(struct web_request *req);
int page_reports(struct web_request *req);
int page_report_issue(struct web_request *req);
int page_report_get(struct web_request *req);
int page_catalogue(struct web_request *req);
int page_instrument(struct web_request *req);

#endif
