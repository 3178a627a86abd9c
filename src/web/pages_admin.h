/* Route handlers of the client's rights and of the beheerder (docs/web.md,
 * "Inzage, retention and administration"): the inzage, retention and
 * erasure of a client's file, and the administration of users, caseload
 * sharing, packs and prognosis models. */
#ifndef IPM_WEB_PAGES_ADMIN_H
#define IPM_WEB_PAGES_ADMIN_H

#include "web/request.h"

#include <jansson.h>

int page_inzage(struct web_request *req);
int page_erasure(struct web_request *req);
int page_erasure_do(struct web_request *req);
int page_admin_users(struct web_request *req);
int page_admin_user_add(struct web_request *req);
int page_admin_user_update(struct web_request *req);
int page_admin_share(struct web_request *req);
int page_admin_packs(struct web_request *req);
int page_admin_pack_add(struct web_request *req);
int page_admin_model_activate(struct web_request *req);
int page_admin_retention(struct web_request *req);

/* --- shared by the beheerder's pages (src/web/admin_page.c) --- */

/* IPM_OK for a role with PERM_USERS; otherwise the refusal is audited
 * ('denied' of 'admin', no client) and IPM_EPERM returned. */
int admin_page_check(struct web_request *req);
/* admin_page_check's refusal, for a handler that already knows. */
int admin_page_refuse(struct web_request *req);
/* Sets view.admin_tabs (users, packs, retention) with `current` marked;
 * nothing for a role without PERM_USERS or when current is NULL. */
void admin_page_view(struct web_request *req, json_t *v, const char *current);
/* An ISO-8601 UTC time stamp of the store ("2026-01-31T09:05:00Z") as
 * people read it ("2026-01-31 09:05 UTC"), in the request's arena; any
 * other text is returned as it is. */
const char *admin_time(struct web_request *req, const char *iso);
/* Adds view.has_errors/errors for the error summary partial: each error
 * links to the field (`#id`). */
void admin_page_error(json_t *v, const char *field_id, const char *text);

#endif
