#include "web/request.h"
#include "core/utf8.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

const char *web_param(struct web_request *req, const char *name)
{
	const struct router_match *m = req->match;
	size_t n = strlen(name);
	for (size_t i = 0; m && i < m->n_params; i++)
		if (m->params[i].name_len == n && memcmp(m->params[i].name, name, n) == 0)
			return arena_strndup(&req->arena, m->params[i].value, m->params[i].value_len);
	return NULL;
}

int64_t web_param_id(struct web_request *req, const char *name)
{
	const char *v = web_param(req, name);
	if (!v || !*v || strlen(v) > 18)
		return -1;
	int64_t id = 0;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		id = id * 10 + (*p - '0');
	}
	return id > 0 ? id : -1;
}

const char *web_query(struct web_request *req, const char *name)
{
	const char *v = MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
	return v && utf8_valid(v, strlen(v)) ? v : NULL;
}

const char *web_cookie(struct web_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *web_header_in(struct web_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

void web_header(struct web_request *req, const char *name, const char *value)
{
	if (req->n_headers == WEB_MAX_HEADERS)
		return;
	req->headers[req->n_headers].name = name;
	req->headers[req->n_headers].value = arena_strdup(&req->arena, value);
	req->n_headers++;
}

void web_cookie_set(struct web_request *req, const char *name, const char *value, int max_age,
		    int http_only)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s=%s; Path=/; SameSite=Strict", name, value);
	if (max_age >= 0)
		buf_printf(&b, "; Max-Age=%d", max_age);
	if (http_only)
		buf_puts(&b, "; HttpOnly");
	if (web_is_https(req))
		buf_puts(&b, "; Secure");
	web_header(req, MHD_HTTP_HEADER_SET_COOKIE, b.data);
	buf_free(&b);
}

int web_refuse(struct web_request *req, int64_t client_id, const char *entity)
{
	struct err e;
	struct store_actor who = { .user_id = req->user.user_id };
	int rc = store_access_denied(req->store, &who, client_id, entity, &e);
	return rc ? rc : IPM_EPERM;
}

/* Only our own paths: "/x" but not "//host" or "/\host". Browsers drop
 * tabs and newlines from a URL and read '\' as '/', so "/<TAB>/host" is
 * "//host" to them: no control character or backslash anywhere. */
static int local_path(const char *p)
{
	if (!p || p[0] != '/' || p[1] == '/')
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			return 0;
	return 1;
}

int web_redirect(struct web_request *req, const char *location)
{
	int local = local_path(location);
	web_header(req, MHD_HTTP_HEADER_LOCATION, local ? location : "/");
	req->status = MHD_HTTP_SEE_OTHER;
	req->content_type = "text/plain; charset=utf-8";
	buf_reset(&req->body);
	return IPM_OK;
}

const char *web_client_ip(struct web_request *req)
{
	if (req->app->trust_proxy) {
		/* The proxy appends the address it saw: the last entry is the one
		 * it vouches for; earlier ones the client could have sent. */
		const char *xff = web_header_in(req, "X-Forwarded-For");
		if (xff && *xff) {
			const char *last = strrchr(xff, ',');
			last = last ? last + 1 : xff;
			while (*last == ' ')
				last++;
			return arena_strdup(&req->arena, last);
		}
	}
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char *out = arena_alloc(&req->arena, INET6_ADDRSTRLEN);
	if (!ci || !ci->client_addr)
		return "unknown";
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
			  INET6_ADDRSTRLEN);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, out,
			  INET6_ADDRSTRLEN);
	else
		return "unknown";
	return out;
}

int web_is_https(struct web_request *req)
{
	if (req->app->secure_cookies)
		return 1;
	if (req->app->trust_proxy) {
		const char *p = web_header_in(req, "X-Forwarded-Proto");
		return p && strcmp(p, "https") == 0;
	}
	return 0;
}

const char *web_text(const struct web_request *req, const char *msgid)
{
	return i18n_text(&req->app->i18n, req->lang, msgid);
}
