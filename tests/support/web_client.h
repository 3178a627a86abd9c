/* Test support: a small browser for the web application — requests with
 * headers and a form body, Set-Cookie and form fields read back, and a
 * login through the real form (pre-session CSRF cookie included). */
#ifndef IPM_TESTS_WEB_CLIENT_H
#define IPM_TESTS_WEB_CLIENT_H

#include "core/buf.h"

/* One request to 127.0.0.1:port. `headers`: extra header lines, each ending
 * in \r\n, or NULL; `body`: a urlencoded form (sent with its Content-Type)
 * or NULL. Returns the status, or -1; the whole response is in *resp. */
int web_req(int port, const char *method, const char *path, const char *headers,
	    const char *body, struct buf *resp);

/* POSTs the form "csrf=TOKEN&body" (csrf NULL: body alone; an empty body:
 * the token alone) with the headers; the status, as web_req. */
int web_post_form(int port, const char *headers, const char *csrf, const char *path,
		  const char *body, struct buf *resp);

/* The value of the first response header `name` (case-insensitive) into
 * *out; 0 when present. */
int web_resp_header(const char *resp, const char *name, struct buf *out);
/* The whole Set-Cookie line of cookie `name` (attributes included); 0 when set. */
int web_resp_cookie_line(const char *resp, const char *name, struct buf *out);
/* Just the cookie's value. */
int web_resp_cookie(const char *resp, const char *name, struct buf *out);
/* The value of the hidden or text input named `name` in the body. */
int web_form_value(const char *resp, const char *name, struct buf *out);
/* The body (after the blank line). */
const char *web_resp_body(const char *resp);

/* The first half of a login by hand: GET /login (the answer in *resp),
 * then *hdr is `extra` and the pre-session Cookie line, *body the form with
 * its token, user and password, ready to POST to /login. 0 on success. */
int web_login_form(int port, const char *user, const char *password, const char *extra,
		   struct buf *resp, struct buf *hdr, struct buf *body);

/* Logs in through GET and POST /login; on success *cookie is
 * "ipm_session=TOKEN" and *csrf the session's CSRF token (read from the
 * logout form of the start page). `extra` headers go with every request.
 * Returns the POST's status (303 on success). */
int web_login(int port, const char *user, const char *password, const char *extra,
	      struct buf *cookie, struct buf *csrf);

#endif
