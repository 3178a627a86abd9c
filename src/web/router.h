/* Method + path patterns to handlers. A pattern is a path whose segments
 * may be parameters, "/clients/{id}/timeline"; a parameter matches one
 * non-empty segment. HEAD is answered by the GET route (libmicrohttpd sends
 * no body for HEAD). The table lives in src/web/routes.c. */
#ifndef IPM_WEB_ROUTER_H
#define IPM_WEB_ROUTER_H

#include <stddef.h>

struct web_request;
typedef int (*web_handler)(struct web_request *req);

enum route_flags {
	ROUTE_PUBLIC = 1, /* no login needed */
	ROUTE_LOGIN = 2,  /* the login form: CSRF checked against the pre-session cookie */
	ROUTE_BARE = 4,   /* no session lookup (health checks, static files) */
};

struct web_route {
	const char *method; /* "GET" or "POST" */
	const char *pattern;
	web_handler handler;
	unsigned flags;
};

#define ROUTER_MAX_PARAMS 4

struct router_match {
	const struct web_route *route;
	size_t n_params;
	struct {
		const char *name; /* into the pattern, not terminated: name_len */
		size_t name_len;
		const char *value; /* into the path, not terminated: value_len */
		size_t value_len;
	} params[ROUTER_MAX_PARAMS];
	char allow[64]; /* for 405: the methods the path has, "GET, HEAD, POST" */
};

enum router_result { ROUTER_FOUND, ROUTER_NOT_FOUND, ROUTER_BAD_METHOD };

enum router_result router_match(const struct web_route *routes, size_t n, const char *method,
				const char *path, struct router_match *m);

#endif
