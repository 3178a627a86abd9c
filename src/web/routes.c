/* Every URL the application answers, in one table (docs/web.md). */
#include "web/pages.h"
#include "web/pages_admin.h"
#include "web/pages_ipm.h"

const struct web_route web_routes[] = {
	{ "GET", "/", page_home, ROUTE_PUBLIC },
	{ "GET", "/healthz", page_healthz, ROUTE_PUBLIC | ROUTE_BARE },
	{ "GET", "/static/{name}", page_static, ROUTE_PUBLIC | ROUTE_BARE },
	{ "GET", "/lang", page_lang, ROUTE_PUBLIC },
	{ "GET", "/login", page_login_form, ROUTE_PUBLIC },
	{ "POST", "/login", page_login, ROUTE_PUBLIC | ROUTE_LOGIN },
	{ "POST", "/logout", page_logout, 0 },
	{ "GET", "/clients", page_caseload, 0 },
	{ "GET", "/clients/new", page_intake_form, 0 },
	{ "POST", "/clients/new", page_intake, 0 },
	{ "GET", "/clients/{id}", page_dossier, 0 },
	{ "POST", "/clients/{id}", page_dossier_reason, 0 },
	{ "GET", "/overview", page_overview, 0 },
	{ "GET", "/clients/{id}/factors", page_factors, 0 },
	{ "POST", "/clients/{id}/factors", page_factors_save, 0 },
	{ "GET", "/clients/{id}/profile", page_profile, 0 },
	{ "GET", "/clients/{id}/prognosis", page_prognosis, 0 },
	{ "POST", "/clients/{id}/prognosis", page_prognosis_compute, 0 },
	{ "GET", "/clients/{id}/judgement", page_judgement, 0 },
	{ "POST", "/clients/{id}/judgement", page_judgement_save, 0 },
	{ "GET", "/clients/{id}/instruments", page_instruments, 0 },
	{ "POST", "/clients/{id}/plan", page_plan_add, 0 },
	{ "POST", "/clients/{id}/advice", page_advice_add, 0 },
	{ "POST", "/clients/{id}/advice/{aid}", page_advice_decide, 0 },
	{ "GET", "/clients/{id}/reports", page_reports, 0 },
	{ "POST", "/clients/{id}/reports", page_report_issue, 0 },
	{ "GET", "/clients/{id}/reports/{rid}", page_report_get, 0 },
	{ "GET", "/catalogue", page_catalogue, 0 },
	{ "GET", "/catalogue/{iid}", page_instrument, 0 },
	{ "GET", "/clients/{id}/questionnaires", page_questionnaires, 0 },
	{ "POST", "/clients/{id}/questionnaires", page_questionnaire_start, 0 },
	{ "GET", "/clients/{id}/questionnaires/{aid}", page_questionnaire, 0 },
	{ "POST", "/clients/{id}/questionnaires/{aid}", page_questionnaire_save, 0 },
	{ "POST", "/clients/{id}/questionnaires/{aid}/link", page_link_create, 0 },
	{ "GET", "/clients/{id}/results/{pack}", page_results, 0 },
	/* The client's rights and the beheerder (pages_admin.h). */
	{ "GET", "/clients/{id}/inzage", page_inzage, 0 },
	{ "GET", "/clients/{id}/erasure", page_erasure, 0 },
	{ "POST", "/clients/{id}/erasure", page_erasure_do, 0 },
	{ "GET", "/admin", page_admin_users, 0 },
	{ "GET", "/admin/users", page_admin_users, 0 },
	{ "POST", "/admin/users", page_admin_user_add, 0 },
	{ "POST", "/admin/users/{uid}", page_admin_user_update, 0 },
	{ "POST", "/admin/share", page_admin_share, 0 },
	{ "GET", "/admin/packs", page_admin_packs, 0 },
	{ "POST", "/admin/packs", page_admin_pack_add, 0 },
	{ "POST", "/admin/models", page_admin_model_activate, 0 },
	{ "GET", "/admin/retention", page_admin_retention, 0 },
	/* The client alone, by one-time link: no account; the form's CSRF
	 * token is the pre-session cookie, as for the login form. */
	{ "GET", "/q/{token}", page_link_form, ROUTE_PUBLIC },
	{ "POST", "/q/{token}", page_link_save, ROUTE_PUBLIC | ROUTE_LOGIN },
};

const size_t web_routes_n = sizeof web_routes / sizeof web_routes[0];
