/* The catalogue's names of target groups and places (store_catalogue_names.h)
 * kept by the server for all its worker threads: read once per catalogue
 * generation instead of on every catalogue page. Each request checks the
 * generation (one row read) and takes a reference to the current lists; an
 * import moves the generation and the next request reads them again, while
 * requests that hold the old lists keep using them. */
#ifndef IPM_WEB_CAT_NAMES_H
#define IPM_WEB_CAT_NAMES_H

#include "core/err.h"
#include "store/store_catalogue_names.h"

struct web_cat_names;

struct web_cat_names *web_cat_names_new(void);
void web_cat_names_free(struct web_cat_names *c);

/* The lists of the store's current catalogue; give them back with
 * web_cat_names_put. */
int web_cat_names_get(struct web_cat_names *c, struct store *s,
		      const struct store_cat_names **out, struct err *e);
void web_cat_names_put(struct web_cat_names *c, const struct store_cat_names *n);

#endif
