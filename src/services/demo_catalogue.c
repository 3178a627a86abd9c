/* The demo's instrument catalogue (demo.h): data/catalogue/demo.json, a
 * fictional catalogue of Voorbeeldstad and its region, imported like any
 * other (every rule checked) so that `make run` has instruments to search
 * and match. */
#include "services/demo.h"

#include "core/buf.h"
#include "core/fs.h"
#include "services/catalogue_store.h"
#include "store/store_catalogue.h"

int demo_catalogue(struct store *s, const char *data_dir, size_t *added, struct err *e)
{
	*added = 0;
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/%s", data_dir, DEMO_CATALOGUE);
	struct store_cat_counts n;
	int rc = fs_exists(path.data) ? store_catalogue_counts(s, DATE_NONE, &n, e) : IPM_OK;
	/* never over an organisation's own catalogue, nor twice */
	if (rc == IPM_OK && fs_exists(path.data) && n.generation == 0) {
		struct cat_problems problems = { 0 };
		const struct store_actor system = { 0 };
		rc = catalogue_import(s, &system, path.data, data_dir, &problems, added, e);
		cat_problems_free(&problems);
	}
	buf_free(&path);
	return rc;
}
