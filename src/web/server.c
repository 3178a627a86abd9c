#include "web/server.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "web/app.h"
#include "web/pages.h"
#include "web/response.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* A form is small; anything larger is refused before it is read. */
#define UPLOAD_MAX (256 * 1024)

struct web_server {
	struct MHD_Daemon *daemon;
	char *db_path;
	pthread_key_t store_key; /* each worker thread's own connection */
	uint16_t port;
	struct web_app app;
};

/* What a connection collects while a POST body arrives. */
struct upload {
	struct buf body;
	int too_large, bad_type;
	int answered; /* refused before the body: nothing more to do */
};

static void store_key_destroy(void *p)
{
	store_close(p);
}

/* SQLite connections must not be shared between threads without locking, and
 * opening one per request costs more than the request: so each MHD worker
 * keeps one, closed by the key destructor when the worker ends. */
static struct store *thread_store(struct web_server *srv)
{
	struct store *s = pthread_getspecific(srv->store_key);
	if (s)
		return s;
	struct err e;
	if (store_open(srv->db_path, &s, &e) != IPM_OK) {
		log_event(LOG_ERROR, "store.open_failed", "code=%s", err_code_name(e.code));
		return NULL;
	}
	pthread_setspecific(srv->store_key, s);
	return s;
}

static int code_status(int rc)
{
	switch (rc) {
	case IPM_EPERM: return MHD_HTTP_FORBIDDEN;
	case IPM_ENOTFOUND: return MHD_HTTP_NOT_FOUND;
	case IPM_EINVAL: return MHD_HTTP_BAD_REQUEST;
	default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
	}
}

/* Equal non-empty tokens, compared in constant time. */
static int token_equal(const char *a, const char *b)
{
	size_t n = a ? strlen(a) : 0;
	return n && b && strlen(b) == n && sodium_memcmp(a, b, n) == 0;
}

/* Language: the choice made on the page (cookie), the user's setting, the
 * browser's, Dutch. */
static void choose_lang(struct web_request *req)
{
	enum web_lang l;
	if (i18n_lang_parse(web_cookie(req, "ipm_lang"), &l) == 0)
		req->lang = l;
	else if (req->session && i18n_lang_parse(req->session->lang, &l) == 0)
		req->lang = l;
	else
		req->lang = i18n_negotiate(web_header_in(req, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
}

static int find_session(struct web_request *req)
{
	const char *token = web_cookie(req, "ipm_session");
	if (!token || !req->store)
		return IPM_OK;
	struct store_session *s = arena_alloc(&req->arena, sizeof *s);
	struct err e;
	int rc = session_find(req->store, &req->app->session, token, (int64_t)time(NULL), s,
			      &req->arena, &e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc)
		return rc;
	if (access_role_parse(s->role, &req->user.role) != IPM_OK)
		return IPM_OK;
	req->session = s;
	req->session_token = arena_strdup(&req->arena, token);
	req->user.user_id = s->user_id;
	req->user.org_id = s->org_id;
	return IPM_OK;
}

/* Reads the POST body into req->form and checks its CSRF token: against the
 * session's, or for the login form against the pre-session cookie. 1 when
 * it refused the request (and built the error page), 0 to go on. */
static int form_refused(struct web_request *req, const struct upload *up)
{
	if (up->bad_type)
		return page_error(req, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE), 1;
	if (up->too_large)
		return page_error(req, MHD_HTTP_CONTENT_TOO_LARGE), 1;
	const struct form_limits lim = FORM_LIMITS_DEFAULT;
	struct err e;
	if (form_parse(buf_str(&up->body), up->body.len, &lim, &req->arena, &req->form, &e)) {
		log_event(LOG_INFO, "web.form_refused", "reason=\"%s\"", e.msg);
		return page_error(req, MHD_HTTP_BAD_REQUEST), 1;
	}
	const char *sent = form_get(&req->form, "csrf");
	const char *want = (req->match->route->flags & ROUTE_LOGIN) ? web_cookie(req, "ipm_pre")
			 : req->session ? req->session->csrf : NULL;
	if (!token_equal(want, sent)) {
		log_event(LOG_WARN, "web.csrf_refused", "route=%s", req->match->route->pattern);
		return page_error(req, MHD_HTTP_FORBIDDEN), 1;
	}
	return 0;
}

static enum MHD_Result handle(struct web_server *srv, struct MHD_Connection *conn,
			      const char *url, const char *method, struct upload *up)
{
	int64_t started = time_mono_ms();
	struct router_match m;
	struct web_request req = { .conn = conn, .method = method, .path = url, .app = &srv->app,
				   .match = &m };
	enum router_result found = router_match(web_routes, web_routes_n, method, url, &m);
	const char *route = found == ROUTER_FOUND ? m.route->pattern : "(none)";
	int bare = found == ROUTER_FOUND && (m.route->flags & ROUTE_BARE);
	req.store = thread_store(srv);
	if (!bare && find_session(&req) != IPM_OK)
		req.store = NULL;
	choose_lang(&req);

	if (found == ROUTER_NOT_FOUND) {
		page_error(&req, MHD_HTTP_NOT_FOUND);
	} else if (found == ROUTER_BAD_METHOD) {
		web_header(&req, MHD_HTTP_HEADER_ALLOW, m.allow);
		page_error(&req, MHD_HTTP_METHOD_NOT_ALLOWED);
	} else if (!req.store && !bare) {
		page_error(&req, MHD_HTTP_SERVICE_UNAVAILABLE);
	} else if (!req.session && !(m.route->flags & ROUTE_PUBLIC)) {
		if (strcmp(method, "POST") == 0)
			page_error(&req, MHD_HTTP_FORBIDDEN);
		else
			web_redirect(&req, "/login");
	} else if (strcmp(method, "POST") == 0 && form_refused(&req, up)) {
		/* answered with the error page */
	} else {
		int rc = m.route->handler(&req);
		if (rc != IPM_OK) {
			if (rc != IPM_EPERM && rc != IPM_ENOTFOUND)
				log_event(LOG_ERROR, "web.handler_failed", "route=%s code=%s", route,
					  err_code_name(rc));
			req.n_headers = 0;
			page_error(&req, (unsigned)code_status(rc));
		}
	}
	enum MHD_Result ret = web_send(&req);
	/* The route pattern, not the path: paths carry client ids, and query
	 * strings search terms typed by people. No user either: who opened
	 * what is in the audit log, where it is protected. */
	log_event(LOG_INFO, "http.request", "method=%s route=%s status=%u ms=%lld", method, route,
		  req.status, (long long)(time_mono_ms() - started));
	buf_free(&req.body);
	arena_free(&req.arena);
	return ret;
}

static enum MHD_Result dispatch(void *cls, struct MHD_Connection *conn, const char *url,
				const char *method, const char *version,
				const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)version;
	struct web_server *srv = cls;
	struct upload *up = *con_cls;
	if (!up) {
		/* First call: only the headers are here. Decide about the body. */
		up = xcalloc(1, sizeof *up);
		*con_cls = up;
		if (strcmp(method, "POST") == 0) {
			const char *type = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
								       MHD_HTTP_HEADER_CONTENT_TYPE);
			const char *form = "application/x-www-form-urlencoded";
			up->bad_type = !type || strncasecmp(type, form, strlen(form)) != 0 ||
				       (type[strlen(form)] != '\0' && type[strlen(form)] != ';');
			const char *len = MHD_lookup_connection_value(
				conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
			up->too_large = len && strtoull(len, NULL, 10) > UPLOAD_MAX;
			/* Answered at once, so that a body that may not be sent is
			 * not read either; libmicrohttpd closes the connection. */
			if (up->too_large || up->bad_type) {
				up->answered = 1;
				return handle(srv, conn, url, method, up);
			}
		}
		return MHD_YES;
	}
	if (up->answered) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!up->bad_type && !up->too_large) {
			if (up->body.len + *upload_size > UPLOAD_MAX)
				up->too_large = 1;
			else
				buf_add(&up->body, upload_data, *upload_size);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return handle(srv, conn, url, method, up);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		      enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)conn;
	(void)toe;
	struct upload *up = *con_cls;
	if (up) {
		buf_free(&up->body);
		free(up);
		*con_cls = NULL;
	}
}

/* libmicrohttpd's own messages (a malformed request, a failed send) as log
 * lines: the message's text only, never its arguments, for one of them can
 * be the request's path, and the path of a one-time link is its token. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	(void)ap;
	char msg[160];
	size_t n = 0;
	for (const char *p = fmt; *p && n + 1 < sizeof msg; p++)
		if (*p != '\n' && *p != '\r')
			msg[n++] = *p == '"' ? '\'' : *p;
	msg[n] = '\0';
	log_event(LOG_WARN, "http.library", "message=\"%s\"", msg);
}

int web_start(const struct web_config *cfg, struct web_server **out, struct err *e)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(cfg->port) };
	if (inet_pton(AF_INET, cfg->listen, &addr.sin_addr) != 1)
		return err_set(e, IPM_EINVAL, "--listen: '%s' is not an IPv4 address", cfg->listen);
	if (sodium_init() < 0)
		return err_set(e, IPM_ENOMEM, "libsodium could not start");

	struct web_server *srv = xcalloc(1, sizeof *srv);
	const struct web_app_config acfg = { .data_dir = cfg->data_dir,
					     .key_file = cfg->key_file,
					     .secure_cookies = cfg->secure_cookies,
					     .trust_proxy = cfg->trust_proxy };
	int rc = web_app_load(&srv->app, &acfg, e);
	if (rc) {
		free(srv);
		return rc;
	}
	srv->db_path = xstrdup(cfg->db_path);
	if (pthread_key_create(&srv->store_key, store_key_destroy) != 0) {
		web_app_free(&srv->app);
		free(srv->db_path);
		free(srv);
		return err_set(e, IPM_ENOMEM, "cannot create thread key");
	}
	unsigned threads = cfg->threads;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 1;
	}
	/* The logger first: it applies to messages about the options after it. */
	srv->daemon = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, cfg->port, NULL,
		NULL, dispatch, srv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)30,
		/* MHD's own default: request headers and its read buffer live
		 * here (a form body goes to struct upload as it arrives), and
		 * MHD zeroes the whole pool between two requests of a
		 * keep-alive connection — at 256 KB that memset was 15 % of a
		 * dossier view's CPU (docs/performance.md). */
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),
		MHD_OPTION_NOTIFY_COMPLETED, completed, NULL, MHD_OPTION_END);
	if (!srv->daemon) {
		pthread_key_delete(srv->store_key);
		web_app_free(&srv->app);
		free(srv->db_path);
		free(srv);
		return err_set(e, IPM_EIO, "cannot listen on %s:%u (in use, or not allowed)",
			       cfg->listen, (unsigned)cfg->port);
	}
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : cfg->port;
	*out = srv;
	return IPM_OK;
}

uint16_t web_port(const struct web_server *srv)
{
	return srv->port;
}

void web_stop(struct web_server *srv)
{
	if (!srv)
		return;
	MHD_stop_daemon(srv->daemon);
	/* The workers have ended and their key destructors closed their
	 * connections; the main thread never opened one. */
	pthread_key_delete(srv->store_key);
	web_app_free(&srv->app);
	free(srv->db_path);
	free(srv);
}
