/* One HTTP request as pages see it, and the response they build. The server
 * (server.c) fills the request side, runs the handler and sends what it
 * built; a handler never talks to libmicrohttpd for the response itself, so
 * security headers, cookies and the access log cannot be forgotten.
 *
 * Handlers return an IPM code: IPM_OK when they built a response; otherwise
 * the server answers with the error page for the code (IPM_EPERM 403,
 * IPM_ENOTFOUND 404, IPM_EINVAL 400, anything else 500). */
#ifndef IPM_WEB_REQUEST_H
#define IPM_WEB_REQUEST_H

#include "core/arena.h"
#include "core/buf.h"
#include "services/access.h"
#include "store/store_web.h"
#include "web/app.h"
#include "web/form.h"
#include "web/i18n.h"
#include "web/router.h"

#include <microhttpd.h>
#include <stdint.h>

#define WEB_MAX_HEADERS 8

struct web_request {
	struct MHD_Connection *conn;
	const struct web_app *app;
	struct store *store; /* the worker thread's connection */
	const char *method;  /* GET, HEAD or POST */
	const char *path;
	struct arena arena;  /* lives as long as the request */
	const struct router_match *match;

	struct form form;                     /* POST fields (already CSRF-checked) */
	const struct store_session *session;  /* NULL when not logged in */
	struct access_user user;              /* valid when session != NULL */
	const char *session_token;
	enum web_lang lang;

	/* the response */
	unsigned status;
	struct buf body;
	const char *content_type;
	const char *cache_control; /* NULL = no-store */
	const void *static_body;   /* not copied (static assets); body unused then */
	size_t static_len;
	struct {
		const char *name, *value;
	} headers[WEB_MAX_HEADERS];
	size_t n_headers;
};

/* A route parameter as an arena string, NULL when the route has none so named. */
const char *web_param(struct web_request *req, const char *name);
/* A parameter that must be a positive decimal id; -1 otherwise. */
int64_t web_param_id(struct web_request *req, const char *name);
/* A query string argument, NULL when absent or not valid UTF-8. */
const char *web_query(struct web_request *req, const char *name);
const char *web_cookie(struct web_request *req, const char *name);
const char *web_header_in(struct web_request *req, const char *name);

/* Adds a response header; the value is copied. Extra ones are dropped. */
void web_header(struct web_request *req, const char *name, const char *value);
/* Sets a cookie: Path=/, SameSite=Strict, HttpOnly when http_only, Secure
 * behind TLS; max_age < 0 = until the browser closes, 0 = delete it. */
void web_cookie_set(struct web_request *req, const char *name, const char *value, int max_age,
		    int http_only);
/* Refuses the request: writes the audit row 'denied' of `entity` for the
 * client (0 = none) and returns IPM_EPERM (the server answers 403). For a
 * refusal that services/access.h's access_client has not already written. */
int web_refuse(struct web_request *req, int64_t client_id, const char *entity);

/* 303 See Other to a local path (anything else becomes "/"). */
int web_redirect(struct web_request *req, const char *location);

/* The client's address (X-Forwarded-For from a trusted proxy), for rate limits. */
const char *web_client_ip(struct web_request *req);
/* Did the request reach us over TLS (directly, or per a trusted proxy)? */
int web_is_https(struct web_request *req);

/* The translation of msgid for this request. */
const char *web_text(const struct web_request *req, const char *msgid);

#endif
