/* Static assets (CSS, images): read once at start from DATA/static, served
 * from memory with an ETag. Pages link them as /static/NAME?v=ETAG; a request
 * that carries the current ETag may be cached for a year ("immutable"),
 * any other is revalidated ("no-cache" + If-None-Match -> 304). So a new
 * release is picked up at once and an unchanged file is never fetched twice. */
#ifndef IPM_WEB_STATIC_H
#define IPM_WEB_STATIC_H

#include "core/err.h"

#include <stddef.h>

struct web_asset {
	char *name;
	unsigned char *data;
	size_t len;
	char etag[19]; /* "\"" + 16 hex digits + "\"" */
	const char *type;
};

struct web_static {
	struct web_asset *a;
	size_t n;
};

/* Every regular file directly in dir whose name has a known type. */
int web_static_load(struct web_static *st, const char *dir, struct err *e);
void web_static_free(struct web_static *st);
const struct web_asset *web_static_find(const struct web_static *st, const char *name);

#endif
