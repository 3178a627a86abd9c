/* The HTTP server: libmicrohttpd with an epoll thread pool, security headers
 * on every response, an access log without personal data, and one database
 * connection per worker thread. Pages and routes grow in src/web/page_*.c. */
#ifndef IPM_WEB_SERVER_H
#define IPM_WEB_SERVER_H

#include "core/err.h"

#include <stdint.h>

struct web_config {
	const char *listen; /* IPv4 address to bind, e.g. "127.0.0.1" or "0.0.0.0" */
	uint16_t port;      /* 0 = let the kernel choose (tests) */
	unsigned threads;   /* worker threads; 0 = one per core */
	const char *db_path;
	const char *data_dir;  /* templates/web, static and locale below it */
	const char *key_file;  /* special-category field key; NULL or missing = none */
	int secure_cookies;    /* TLS in front: always Secure cookies, HSTS */
	int trust_proxy;       /* believe X-Forwarded-Proto/-For (a proxy we run) */
};

struct web_server;

int web_start(const struct web_config *cfg, struct web_server **out, struct err *e);
/* The port actually bound (useful when cfg->port was 0). */
uint16_t web_port(const struct web_server *srv);
/* Stops accepting, finishes requests in flight, closes every connection. */
void web_stop(struct web_server *srv);

#endif
