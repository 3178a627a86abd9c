/* Import and export of the stored catalogue (catalogue_store.h). */
#include "services/catalogue_store.h"

#include "core/buf.h"
#include "core/fs.h"
#include "pack/catalogue_vocab.h"
#include "services/catalogue_csv.h"
#include "services/catalogue_json.h"
#include "store/store_catalogue.h"

#include <sys/stat.h>

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int catalogue_read_checked(const char *path, const char *data_dir, struct catalogue *out,
			   struct cat_problems *problems, struct arena *a, struct err *e)
{
	*out = (struct catalogue){ 0 };
	struct cat_vocab voc;
	struct buf packs = BUF_INIT;
	buf_printf(&packs, "%s/packs", data_dir);
	int rc = cat_vocab_load(packs.data, a, &voc, e);
	buf_free(&packs);
	if (rc != IPM_OK)
		return rc;
	if (is_dir(path)) {
		rc = catalogue_csv_read(path, out, problems, a, e);
	} else {
		struct buf text = BUF_INIT;
		rc = fs_read_file(path, &text, e);
		if (rc == IPM_OK)
			rc = catalogue_json_parse(buf_str(&text), text.len, path, out, problems, a, e);
		buf_free(&text);
	}
	if (rc == IPM_OK) {
		rc = cat_validate(out, &voc, problems, e);
		if (rc != IPM_OK)
			err_prefix(e, "%s", path);
	}
	if (rc != IPM_OK)
		*out = (struct catalogue){ 0 };
	return rc;
}

int catalogue_import(struct store *s, const struct store_actor *who, const char *path,
		     const char *data_dir, struct cat_problems *problems, size_t *instruments,
		     struct err *e)
{
	struct arena a = ARENA_INIT;
	struct catalogue c;
	*instruments = 0;
	int rc = catalogue_read_checked(path, data_dir, &c, problems, &a, e);
	if (rc == IPM_OK)
		rc = store_catalogue_replace(s, who, &c, e);
	if (rc == IPM_OK)
		*instruments = c.n_instruments;
	arena_free(&a);
	return rc;
}

int catalogue_export(struct store *s, enum catalogue_format format, const char *dest,
		     struct buf *stdout_buf, size_t *instruments, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct catalogue c;
	struct buf json = BUF_INIT;
	*instruments = 0;
	int rc = store_catalogue_load(s, &c, &a, e);
	if (rc == IPM_OK && format == CATALOGUE_CSV)
		rc = catalogue_csv_write(&c, dest, e);
	else if (rc == IPM_OK)
		rc = catalogue_json_write(&c, dest ? &json : stdout_buf, e);
	if (rc == IPM_OK && format == CATALOGUE_JSON && dest)
		rc = fs_write_atomic(dest, json.data, json.len, e);
	if (rc == IPM_OK)
		*instruments = c.n_instruments;
	buf_free(&json);
	arena_free(&a);
	return rc;
}
