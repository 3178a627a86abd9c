/* The names of the catalogue's short record lists — target groups, regions,
 * gemeenten, wijken — for showing them where instruments refer to them by id
 * (the catalogue page's facets). Small lists (a region has a few dozen
 * places), so a caller can keep them and read them again only when the
 * catalogue's generation moves. */
#ifndef IPM_STORE_STORE_CATALOGUE_NAMES_H
#define IPM_STORE_STORE_CATALOGUE_NAMES_H

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"
#include "store/store_catalogue.h"

#include <stddef.h>
#include <stdint.h>

struct store_cat_name {
	const char *id, *name;
};

struct store_cat_names {
	int64_t generation; /* of the catalogue the lists were read from */
	/* Per facet, sorted by id (strcmp order): filled for
	 * STORE_CAT_TARGET_GROUP, _REGION, _GEMEENTE and _WIJK, empty for the
	 * facets whose values are codes of the Eva packs. */
	struct {
		const struct store_cat_name *v;
		size_t n;
	} list[STORE_CAT_NFACETS];
};

/* The catalogue's generation (0: never imported; +1 at every replace):
 * one row read. */
int store_catalogue_generation(struct store *s, int64_t *out, struct err *e);

/* The four lists and their generation, in one snapshot; strings and arrays
 * in the arena. */
int store_catalogue_names(struct store *s, struct store_cat_names *out, struct arena *a,
			  struct err *e);

/* The name of `id` in facet f's list, or NULL. */
const char *store_cat_name_find(const struct store_cat_names *n, enum store_cat_facet f,
				const char *id);

#endif
