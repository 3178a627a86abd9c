/* /login: the form (GET) and the attempt (POST).
 *
 * Before there is a session the form is protected by a pre-session token:
 * a random value in an HttpOnly SameSite=Strict cookie that the form must
 * send back (double submit), so another site cannot log someone in under an
 * account of its choosing. Wrong name, wrong password and a disabled account
 * get the same answer; too many failures (per name, per address) answer 429
 * without looking at the password. */
#include "services/session.h"
#include "web/pages.h"
#include "web/view.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

static const struct web_text texts[] = {
	{ "intro", N_("Log in with your IPM account.") },
	{ "username", N_("User name") },
	{ "password", N_("Password") },
	{ "submit", N_("Log in") },
	{ "privacy", N_("IPM holds personal data of clients. Only log in on a computer of your "
			"organisation and log out when you are done.") },
};

static int login_form(struct web_request *req, const char *error, const char *username)
{
	const char *pre = web_cookie(req, "ipm_pre");
	char fresh[65];
	if (!pre || strlen(pre) != 64) {
		unsigned char raw[32];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(fresh, sizeof fresh, raw, sizeof raw);
		web_cookie_set(req, "ipm_pre", fresh, -1, 1);
		pre = fresh;
	}
	json_t *v = web_view(req);
	web_view_set(v, "csrf", pre);
	web_view_set(v, "error", error ? web_text(req, error) : NULL);
	web_view_set(v, "username", username);
	WEB_TEXTS(req, v, texts);
	return web_render(req, "login", N_("Log in"), v);
}

int page_login_form(struct web_request *req)
{
	if (req->session)
		return web_redirect(req, "/");
	return login_form(req, NULL, NULL);
}

int page_login(struct web_request *req)
{
	const char *username = form_get(&req->form, "username");
	const char *password = form_get(&req->form, "password");
	if (!username || !password || !*username || !*password) {
		req->status = MHD_HTTP_BAD_REQUEST;
		return login_form(req, N_("Fill in your user name and password."), username);
	}
	enum login_outcome out;
	struct session_new sn;
	struct err e;
	int rc = session_login(req->store, &req->app->session, username, password,
			       web_client_ip(req), (int64_t)time(NULL), &out, &sn, &e);
	if (rc)
		return rc;
	if (out == LOGIN_LIMITED) {
		req->status = MHD_HTTP_TOO_MANY_REQUESTS;
		web_header(req, MHD_HTTP_HEADER_RETRY_AFTER, "900");
		return login_form(req, N_("Too many failed attempts. Wait a quarter of an hour and "
					  "try again, or ask your administrator."),
				  username);
	}
	if (out == LOGIN_REFUSED) {
		req->status = MHD_HTTP_OK;
		return login_form(req, N_("The user name or password is not right."), username);
	}
	/* A session this browser had already is ended, not left alive beside
	 * the new one (a second login, or another account on the same
	 * computer). */
	if (req->session_token && (rc = session_logout(req->store, req->session->user_id,
						       req->session_token, &e)))
		return rc;
	/* No Max-Age: the cookie ends with the browser; the server ends the
	 * session after the idle and absolute limits in any case. */
	web_cookie_set(req, "ipm_session", sn.token, -1, 1);
	web_cookie_set(req, "ipm_pre", "", 0, 1);
	sodium_memzero(&sn, sizeof sn);
	return web_redirect(req, "/");
}
