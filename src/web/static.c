#include "web/static.h"
#include "core/buf.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char *type_of(const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		size_t k = strlen(types[i].ext);
		if (n > k && strcmp(name + n - k, types[i].ext) == 0)
			return types[i].type;
	}
	return NULL;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct web_asset *)a)->name, ((const struct web_asset *)b)->name);
}

int web_static_load(struct web_static *st, const char *dir, struct err *e)
{
	*st = (struct web_static){ 0 };
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, IPM_EIO, "%s: cannot open the static files directory", dir);
	if (sodium_init() < 0) {
		closedir(d);
		return err_set(e, IPM_ENOMEM, "static: libsodium could not start");
	}
	size_t cap = 0;
	int rc = IPM_OK;
	struct dirent *de;
	while (rc == IPM_OK && (de = readdir(d))) {
		const char *type = type_of(de->d_name);
		if (de->d_name[0] == '.' || !type)
			continue;
		struct buf path = BUF_INIT, data = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, de->d_name);
		struct stat sb;
		if (stat(path.data, &sb) != 0 || !S_ISREG(sb.st_mode)) {
			buf_free(&path);
			continue;
		}
		rc = fs_read_file(path.data, &data, e);
		buf_free(&path);
		if (rc)
			break;
		if (st->n == cap) {
			cap = cap ? 2 * cap : 8;
			st->a = xrealloc(st->a, cap * sizeof *st->a);
		}
		struct web_asset *a = &st->a[st->n++];
		a->name = xstrdup(de->d_name);
		a->type = type;
		a->data = (unsigned char *)buf_detach(&data, &a->len);
		unsigned char h[8];
		crypto_generichash(h, sizeof h, a->data, a->len, NULL, 0);
		a->etag[0] = '"';
		sodium_bin2hex(a->etag + 1, 17, h, sizeof h);
		a->etag[17] = '"';
		a->etag[18] = '\0';
	}
	closedir(d);
	if (rc) {
		web_static_free(st);
		return rc;
	}
	if (st->n)
		qsort(st->a, st->n, sizeof *st->a, by_name);
	return IPM_OK;
}

void web_static_free(struct web_static *st)
{
	for (size_t i = 0; i < st->n; i++) {
		free(st->a[i].name);
		free(st->a[i].data);
	}
	free(st->a);
	*st = (struct web_static){ 0 };
}

const struct web_asset *web_static_find(const struct web_static *st, const char *name)
{
	struct web_asset key = { .name = (char *)name };
	return st->n ? bsearch(&key, st->a, st->n, sizeof *st->a, by_name) : NULL;
}
