/* Every URL the application answers, in one table (docs/web.md). */
#include "web/pages.h"

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
	{ "GET", "/clients/{id}/tests", page_tests, 0 },
	{ "GET", "/overview", page_overview, 0 },
	{ "GET", "/clients/{id}/questionnaires", page_questionnaires, 0 },
	{ "POST", "/clients/{id}/questionnaires", page_questionnaire_start, 0 },
	{ "GET", "/clients/{id}/questionnaires/{aid}", page_questionnaire, 0 },
	{ "POST", "/clients/{id}/questionnaires/{aid}", page_questionnaire_save, 0 },
	{ "POST", "/clients/{id}/questionnaires/{aid}/link", page_link_create, 0 },
	{ "GET", "/clients/{id}/results/{pack}", page_results, 0 },
	/* The client alone, by one-time link: no account; the form's CSRF
	 * token is the pre-session cookie, as for the login form. */
	{ "GET", "/q/{token}", page_link_form, ROUTE_PUBLIC },
	{ "POST", "/q/{token}", page_link_save, ROUTE_PUBLIC | ROUTE_LOGIN },
};

const size_t web_routes_n = sizeof web_routes / sizeof web_routes[0];
