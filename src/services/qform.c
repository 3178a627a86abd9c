#include "services/qform.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "pack/pack_text.h"
#include "pack/questionnaire_build.h"
#include "pack/semver.h"
#include "services/stored_pack.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* The answer options of every response scale, which the scoring engine
 * does not need and so does not keep. */
static void build_scales(struct qform *f, const json_t *doc)
{
	const json_t *rs = json_object_get(doc, "response_scales");
	f->n_scales = json_array_size(rs);
	f->scales = arena_array(&f->arena, f->n_scales + 1, sizeof *f->scales);
	for (size_t i = 0; i < f->n_scales; i++) {
		const json_t *x = json_array_get(rs, i);
		struct qform_scale *sc = &f->scales[i];
		sc->id = arena_strdup(&f->arena, json_string_value(json_object_get(x, "id")));
		sc->min = (int)json_integer_value(json_object_get(x, "min"));
		sc->max = (int)json_integer_value(json_object_get(x, "max"));
		const char *kind = json_string_value(json_object_get(x, "kind"));
		sc->points = kind && strcmp(kind, "points") == 0;
		const json_t *labels = json_object_get(x, "labels");
		if (sc->points || !labels)
			continue;
		sc->n_options = (size_t)(sc->max - sc->min + 1);
		sc->options = arena_array(&f->arena, sc->n_options, sizeof *sc->options);
		for (size_t k = 0; k < sc->n_options; k++)
			sc->options[k].value = sc->min + (int)k;
		/* The pack check guarantees one label per value; place them by value. */
		for (size_t k = 0; k < json_array_size(labels); k++) {
			const json_t *l = json_array_get(labels, k);
			json_int_t v = json_integer_value(json_object_get(l, "value"));
			if (v >= sc->min && v <= sc->max)
				sc->options[v - sc->min].label =
					pack_text(&f->arena, json_object_get(l, "label"));
		}
	}
}

static const struct qform_scale *scale_named(const struct qform *f, const char *id)
{
	for (size_t i = 0; i < f->n_scales; i++)
		if (id && strcmp(f->scales[i].id, id) == 0)
			return &f->scales[i];
	return NULL;
}

/* Pages of at most QFORM_PAGE_ITEMS asked items; a block's items stay
 * together (they are consecutive in every shipped pack; when they are not,
 * the page breaks only where no block is open). */
static void build_pages(struct qform *f)
{
	const struct questionnaire *q = f->q;
	f->pages = arena_array(&f->arena, f->n_asked + 1, sizeof *f->pages);
	size_t i = 0;
	while (i < f->n_asked) {
		size_t start = i, n = 0;
		while (i < f->n_asked) {
			/* The run of the next item: its whole block, or itself. */
			int32_t b = q->items[f->asked[i]].block;
			size_t run = 1;
			while (b >= 0 && i + run < f->n_asked && q->items[f->asked[i + run]].block == b)
				run++;
			if (n && n + run > QFORM_PAGE_ITEMS)
				break;
			n += run;
			i += run;
		}
		f->pages[f->n_pages++] = (struct qform_page){ start, n };
	}
}

static int build(struct store *s, const char *pack_id, const char *version, struct qform **out,
		 struct err *e)
{
	struct buf spec = BUF_INIT;
	buf_printf(&spec, "%s@%s", pack_id, version);
	struct pack *p = NULL;
	int rc = stored_pack_load(s, spec.data, PACK_QUESTIONNAIRE, &p, e);
	buf_free(&spec);
	if (rc)
		return rc;
	struct qform *f = xcalloc(1, sizeof *f);
	rc = questionnaire_build(p, NULL, &f->q, e);
	if (rc) {
		pack_free(p);
		free(f);
		return rc;
	}
	f->description = pack_text(&f->arena, json_object_get(p->doc, "description"));
	build_scales(f, p->doc);
	const json_t *items = json_object_get(p->doc, "items");
	const struct questionnaire *q = f->q;
	f->scale_of = arena_array(&f->arena, q->n_items + 1, sizeof *f->scale_of);
	f->asked = arena_array(&f->arena, q->n_items + 1, sizeof *f->asked);
	for (size_t i = 0; i < q->n_items; i++) {
		const char *rs = json_string_value(
			json_object_get(json_array_get(items, i), "response_scale"));
		f->scale_of[i] = scale_named(f, rs);
		if (q->items[i].excluded)
			f->n_excluded++;
		else
			f->asked[f->n_asked++] = (uint32_t)i;
	}
	pack_free(p);
	build_pages(f);
	*out = f;
	return IPM_OK;
}

static void qform_free(struct qform *f)
{
	if (!f)
		return;
	questionnaire_free(f->q);
	arena_free(&f->arena);
	free(f);
}

/* --- the process's forms ------------------------------------------------- */

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct qform *cache[QFORM_CACHE];
static size_t cache_n;

struct newest {
	struct semver best;
	char version[SEMVER_PRE_MAX + 64];
	int found;
};

static int newest_version(void *ctx, const char *version, const char *content, size_t len,
			  struct err *e)
{
	(void)content, (void)len, (void)e;
	struct newest *n = ctx;
	struct semver v;
	if (semver_parse(version, &v) != IPM_OK || strlen(version) >= sizeof n->version)
		return IPM_OK;
	if (!n->found || semver_compare(&v, &n->best) > 0) {
		n->best = v;
		memcpy(n->version, version, strlen(version) + 1);
		n->found = 1;
	}
	return IPM_OK;
}

int qform_get(struct store *s, const char *pack_id, const char *version,
	      const struct qform **out, struct err *e)
{
	struct newest n = { 0 };
	if (!version || !*version) {
		int rc = store_pack_versions_each(s, pack_id, newest_version, &n, e);
		if (rc)
			return rc;
		if (!n.found)
			return err_set(e, IPM_EINVAL, "pack %s is not registered", pack_id);
		version = n.version;
	}
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < cache_n; i++)
		if (!strcmp(cache[i]->q->pack_id, pack_id) && !strcmp(cache[i]->q->version, version)) {
			*out = cache[i];
			pthread_mutex_unlock(&cache_lock);
			return IPM_OK;
		}
	pthread_mutex_unlock(&cache_lock);
	/* Built outside the lock: two threads may build the same form at
	 * once; the second one's copy is then simply not kept. */
	struct qform *f = NULL;
	int rc = build(s, pack_id, version, &f, e);
	if (rc)
		return rc;
	pthread_mutex_lock(&cache_lock);
	int dup = 0;
	for (size_t i = 0; i < cache_n; i++)
		dup |= !strcmp(cache[i]->q->pack_id, pack_id) && !strcmp(cache[i]->q->version, version);
	if (!dup && cache_n < QFORM_CACHE) {
		f->kept = true;
		cache[cache_n++] = f;
	}
	pthread_mutex_unlock(&cache_lock);
	*out = f;
	return IPM_OK;
}

void qform_release(const struct qform *f)
{
	if (f && !f->kept)
		qform_free((struct qform *)f);
}

int qform_value(const struct qform *f, uint32_t item, const char *text, int *v)
{
	if (!text || item >= f->q->n_items)
		return -1;
	while (*text == ' ')
		text++;
	const char *p = text;
	if (*p == '+' || *p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	long x = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		x = x * 10 + (*p - '0');
		if (x > 100000)
			return -1;
	}
	while (*p == ' ')
		p++;
	if (*p)
		return -1;
	if (*text == '-')
		x = -x;
	const struct q_item *it = &f->q->items[item];
	if (x < it->min || x > it->max)
		return -1;
	*v = (int)x;
	return 0;
}

static int empty(const char *s)
{
	if (!s)
		return 1;
	while (*s == ' ')
		s++;
	return !*s;
}

size_t qform_check_page(const struct qform *f, size_t p, const char *const *values,
			struct qform_problem *out)
{
	const struct qform_page *pg = &f->pages[p];
	const struct questionnaire *q = f->q;
	size_t n = 0;
	for (size_t k = 0; k < pg->n; k++) {
		uint32_t item = f->asked[pg->first + k];
		int v;
		if (empty(values[k]))
			out[n++] = (struct qform_problem){ QFORM_MISSING, item, -1, 0 };
		else if (qform_value(f, item, values[k], &v))
			out[n++] = (struct qform_problem){ QFORM_BAD_VALUE, item, -1, 0 };
		/* A block is checked at its last item, once all its items are
		 * valid: a sum of half-typed numbers says nothing. */
		int32_t b = q->items[item].block;
		int last = b >= 0 && (k + 1 == pg->n || q->items[f->asked[pg->first + k + 1]].block != b);
		if (!last)
			continue;
		long sum = 0;
		size_t bad = 0;
		uint32_t first = item;
		for (size_t j = 0; j <= k; j++) {
			uint32_t x = f->asked[pg->first + j];
			if (q->items[x].block != b)
				continue;
			if (qform_value(f, x, values[j], &v))
				bad++;
			else
				sum += v;
			if (first == item)
				first = x;
		}
		if (!bad && sum != q->blocks[b].total)
			out[n++] = (struct qform_problem){ QFORM_BLOCK_SUM, first, b, sum };
	}
	return n;
}

size_t qform_resume_page(const struct qform *f, const bool *answered)
{
	for (size_t p = 0; p < f->n_pages; p++)
		for (size_t k = 0; k < f->pages[p].n; k++)
			if (!answered[f->asked[f->pages[p].first + k]])
				return p;
	return f->n_pages;
}
