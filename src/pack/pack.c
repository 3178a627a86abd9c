#include "pack/pack.h"
#include "core/buf.h"
#include "core/fs.h"
#include "core/json.h"
#include "core/xalloc.h"
#include "pack/diag.h"
#include "pack/schema.h"
#include "pack/semantic.h"

#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Deeper than any pack needs (a taxonomy of a few levels); it bounds the
 * recursion of every later walk. */
#define PACK_MAX_DEPTH 32

static const char *const kind_names[] = {
	[PACK_QUESTIONNAIRE] = "questionnaire", [PACK_FACTORS] = "factors",
	[PACK_MODEL] = "model",                 [PACK_TAXONOMY] = "taxonomy",
	[PACK_TEMPLATES] = "templates",
};

const char *pack_kind_name(enum pack_kind k)
{
	if ((unsigned)k >= sizeof kind_names / sizeof kind_names[0])
		return "unknown";
	return kind_names[k];
}

int pack_kind_parse(const char *name, enum pack_kind *out)
{
	for (size_t k = 0; k < sizeof kind_names / sizeof kind_names[0]; k++) {
		if (strcmp(name, kind_names[k]) == 0) {
			*out = (enum pack_kind)k;
			return 0;
		}
	}
	return -1;
}

/* What JSON allows but a pack must not hold: NUL inside a string (it would
 * cut ids and texts short in C) and nesting deeper than PACK_MAX_DEPTH. */
static void scan(const json_t *v, struct jpath *p, int depth, struct diag *d)
{
	if (depth > PACK_MAX_DEPTH) {
		diag_add(d, p, "nested deeper than %d levels", PACK_MAX_DEPTH);
		return;
	}
	if (json_is_string(v) && strlen(json_string_value(v)) != json_string_length(v))
		diag_add(d, p, "contains a NUL character");
	if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++) {
			size_t mark = jpath_push_index(p, i);
			scan(json_array_get(v, i), p, depth + 1, d);
			jpath_pop(p, mark);
		}
	}
	if (json_is_object(v)) {
		const char *key;
		size_t key_len;
		json_t *x;
		json_object_keylen_foreach((json_t *)v, key, key_len, x) {
			if (strlen(key) != key_len)
				diag_add(d, p, "a property name contains a NUL character");
			size_t mark = jpath_push_key(p, key);
			scan(x, p, depth + 1, d);
			jpath_pop(p, mark);
		}
	}
}

/* The envelope rules a schema cannot say: strict semver, Dutch first. */
static void check_envelope(const json_t *doc, struct semver *version, struct diag *d)
{
	struct jpath p;
	jpath_root(&p);
	size_t mark = jpath_push_key(&p, "version");
	if (semver_parse(json_string_value(json_object_get(doc, "version")), version))
		diag_add(d, &p, "not a semantic version MAJOR.MINOR.PATCH[-PRERELEASE]");
	jpath_pop(&p, mark);
	const json_t *langs = json_object_get(doc, "languages");
	size_t i;
	json_t *l;
	json_array_foreach(langs, i, l)
		if (strcmp(json_string_value(l), "nl") == 0)
			return;
	jpath_push_key(&p, "languages");
	diag_add(d, &p, "must include \"nl\": Dutch is the language every pack provides");
}

static struct pack *pack_new(const char *source_name, json_t *doc, enum pack_kind kind,
			     const struct semver *version, const char *text, size_t len)
{
	struct pack *p = xcalloc(1, sizeof *p);
	p->id = xstrdup(json_string_value(json_object_get(doc, "pack")));
	p->version = xstrdup(json_string_value(json_object_get(doc, "version")));
	p->semver = *version;
	p->kind = kind;
	p->title_nl = xstrdup(json_string_value(
		json_object_get(json_object_get(doc, "title"), "nl")));
	p->source_name = xstrdup(source_name);
	p->doc = doc;
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, (const unsigned char *)text, len);
	sodium_bin2hex(p->sha256, sizeof p->sha256, hash, sizeof hash);
	return p;
}

/* Each stage runs only on what the previous one accepted, so a message is
 * about the first thing wrong and later checks can trust types. */
static int validate(const json_t *doc, struct diag *d, enum pack_kind *kind,
		    struct semver *version, struct err *e)
{
	struct jpath root;
	jpath_root(&root);
	scan(doc, &root, 0, d);
	if (d->count)
		return IPM_OK;
	int rc = schema_validate("envelope.schema.json", doc, NULL, d, e);
	if (rc || d->count)
		return rc;
	check_envelope(doc, version, d);
	if (d->count)
		return IPM_OK;
	pack_kind_parse(json_string_value(json_object_get(doc, "kind")), kind);
	struct buf schema = BUF_INIT;
	buf_printf(&schema, "%s.schema.json", pack_kind_name(*kind));
	rc = schema_validate(buf_str(&schema), doc, json_object_get(doc, "languages"), d, e);
	buf_free(&schema);
	if (rc || d->count)
		return rc;
	semantic_check(*kind, doc, d);
	return IPM_OK;
}

int pack_parse(const char *source_name, const char *text, size_t len, struct pack **out,
	       struct err *e)
{
	json_t *doc = NULL;
	struct diag d;
	enum pack_kind kind = PACK_QUESTIONNAIRE;
	struct semver version;
	*out = NULL;
	if (sodium_init() < 0)
		return err_set(e, IPM_EIO, "internal: libsodium failed to initialise");
	int rc = json_parse_text(source_name, text, len, &doc, e);
	if (rc)
		return rc;
	diag_init(&d, source_name);
	rc = validate(doc, &d, &kind, &version, e);
	if (!rc)
		rc = diag_finish(&d, e);
	diag_free(&d);
	if (rc)
		goto out;
	*out = pack_new(source_name, doc, kind, &version, text, len);
	doc = NULL;
out:
	json_decref(doc);
	return rc;
}

int pack_load_file(const char *path, struct pack **out, struct err *e)
{
	struct buf text = BUF_INIT;
	*out = NULL;
	int rc = fs_read_file(path, &text, e);
	if (!rc)
		rc = pack_parse(path, buf_str(&text), text.len, out, e);
	buf_free(&text);
	return rc;
}

void pack_free(struct pack *p)
{
	if (!p)
		return;
	free(p->id);
	free(p->version);
	free(p->title_nl);
	free(p->source_name);
	json_decref(p->doc);
	free(p);
}

void pack_free_all(struct pack **packs, size_t count)
{
	for (size_t i = 0; i < count; i++)
		pack_free(packs[i]);
	free(packs);
}

static int is_pack_file(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names, so that the load order (and the first error) is the same
 * on every file system. */
static int list_pack_files(const char *dir, char ***names, size_t *count, struct err *e)
{
	DIR *dh = opendir(dir);
	if (!dh)
		return err_set(e, IPM_EIO, "%s: %s", dir, strerror(errno));
	size_t n = 0, cap = 0;
	char **v = NULL;
	for (struct dirent *de; (de = readdir(dh)) != NULL;) {
		if (!is_pack_file(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[n++] = xstrdup(de->d_name);
	}
	closedir(dh);
	if (n)
		qsort(v, n, sizeof *v, cmp_names);
	*names = v;
	*count = n;
	return IPM_OK;
}

static int check_unique_id(struct pack **packs, size_t n, struct err *e)
{
	const struct pack *last = packs[n - 1];
	for (size_t i = 0; i + 1 < n; i++)
		if (strcmp(packs[i]->id, last->id) == 0)
			return err_set(e, IPM_EINVAL, "%s: $.pack: pack \"%s\" is already loaded from %s",
				       last->source_name, last->id, packs[i]->source_name);
	return IPM_OK;
}

int pack_load_dir(const char *dir, struct pack ***out, size_t *count, struct err *e)
{
	char **names = NULL;
	size_t n = 0, loaded = 0;
	struct pack **packs = NULL;
	*out = NULL;
	*count = 0;
	int rc = list_pack_files(dir, &names, &n, e);
	if (rc)
		return rc;
	packs = xcalloc(n ? n : 1, sizeof *packs);
	for (size_t i = 0; i < n && !rc; i++) {
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, names[i]);
		rc = pack_load_file(buf_str(&path), &packs[loaded], e);
		buf_free(&path);
		if (!rc)
			rc = check_unique_id(packs, ++loaded, e);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc) {
		pack_free_all(packs, loaded);
		return rc;
	}
	*out = packs;
	*count = loaded;
	return IPM_OK;
}
