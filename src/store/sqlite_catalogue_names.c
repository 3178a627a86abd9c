/* store_catalogue_names.h over SQLite: the id and name columns of the four
 * short record lists of migration 0003, ordered by id (BINARY collation:
 * byte order, the order strcmp gives, so a reader can bsearch). */
#include "store/sqlite_catalogue_internal.h"
#include "store/store_catalogue_names.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	enum store_cat_facet facet;
	const char *count_sql, *sql;
} lists[] = {
	{ STORE_CAT_TARGET_GROUP, "SELECT count(*) FROM cat_target_groups",
	  "SELECT id, name FROM cat_target_groups ORDER BY id" },
	{ STORE_CAT_REGION, "SELECT count(*) FROM cat_regions",
	  "SELECT id, name FROM cat_regions ORDER BY id" },
	{ STORE_CAT_GEMEENTE, "SELECT count(*) FROM cat_gemeenten",
	  "SELECT id, name FROM cat_gemeenten ORDER BY id" },
	{ STORE_CAT_WIJK, "SELECT count(*) FROM cat_wijken",
	  "SELECT id, name FROM cat_wijken ORDER BY id" },
};

int store_catalogue_generation(struct store *s, int64_t *out, struct err *e)
{
	*out = 0;
	int rc = db_scalar(s, e, "catalogue generation", out,
			   "SELECT generation FROM cat_state WHERE id = 1", "");
	/* No state row: a catalogue never imported. */
	return rc == IPM_ENOTFOUND ? IPM_OK : rc;
}

struct fill {
	struct store_cat_name *v;
	size_t n, cap;
	struct arena *a;
};

static int name_row(sqlite3_stmt *st, void *ctx, struct err *e)
{
	(void)e;
	struct fill *f = ctx;
	if (f->n == f->cap) /* count and rows share a snapshot: only a guard */
		return IPM_OK;
	f->v[f->n++] = (struct store_cat_name){ db_col_text(st, 0, f->a),
						 db_col_text(st, 1, f->a) };
	return IPM_OK;
}

struct names {
	struct store_cat_names *out;
	struct arena *a;
};

static int names_tx(struct store *s, void *ctx, struct err *e)
{
	struct names *nc = ctx;
	int rc = store_catalogue_generation(s, &nc->out->generation, e);
	for (size_t i = 0; rc == IPM_OK && i < sizeof lists / sizeof lists[0]; i++) {
		int64_t n = 0;
		rc = db_scalar(s, e, "catalogue names", &n, lists[i].count_sql, "");
		if (rc)
			break;
		struct fill f = { arena_array(nc->a, (size_t)n + 1, sizeof *f.v), 0, (size_t)n,
				  nc->a };
		rc = db_each(s, e, "catalogue names", name_row, &f, lists[i].sql, "");
		nc->out->list[lists[i].facet].v = f.v;
		nc->out->list[lists[i].facet].n = f.n;
	}
	return rc;
}

int store_catalogue_names(struct store *s, struct store_cat_names *out, struct arena *a,
			  struct err *e)
{
	*out = (struct store_cat_names){ 0 };
	struct names nc = { out, a };
	int rc = cat_read_tx(s, "catalogue names", names_tx, &nc, e);
	if (rc)
		*out = (struct store_cat_names){ 0 };
	return rc;
}

static int by_id(const void *key, const void *elem)
{
	return strcmp(key, ((const struct store_cat_name *)elem)->id);
}

const char *store_cat_name_find(const struct store_cat_names *n, enum store_cat_facet f,
				const char *id)
{
	if (!id || (unsigned)f >= STORE_CAT_NFACETS || !n->list[f].n)
		return NULL;
	const struct store_cat_name *x =
		bsearch(id, n->list[f].v, n->list[f].n, sizeof *n->list[f].v, by_id);
	return x ? x->name : NULL;
}
