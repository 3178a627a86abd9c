/* pack_stats_compute: the pack from the store, all its current answers into
 * one respondents × items table, then the engine's statistics per item scale. */
#include "services/pack_stats.h"

#include "core/xalloc.h"
#include "pack/pack_ref.h"
#include "pack/questionnaire_build.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- the pack ---------------------------------------------------------------- */

struct versions {
	const struct pack_ref *ref;
	struct pack **packs;
	size_t count;
};

static int version_found(void *ctx, const char *version, const char *content, size_t len,
			 struct err *e)
{
	struct versions *v = ctx;
	struct semver sv;
	/* Parse only what can be chosen: an old version that no longer passes
	 * today's checks must not block statistics on the current one. */
	if (v->ref->has_version &&
	    (semver_parse(version, &sv) != IPM_OK || semver_compare(&sv, &v->ref->version) != 0))
		return IPM_OK;
	struct buf name = BUF_INIT;
	buf_printf(&name, "database pack %s@%s", v->ref->id, version);
	struct pack *p;
	int rc = pack_parse(buf_str(&name), content, len, &p, e);
	buf_free(&name);
	if (rc != IPM_OK)
		return rc;
	v->packs = xrealloc(v->packs, (v->count + 1) * sizeof *v->packs);
	v->packs[v->count++] = p;
	return IPM_OK;
}

/* The questionnaire spec names among the registered packs, every item
 * included (an item an organisation switched on has answers worth judging;
 * one nobody answered is left out by the statistics themselves). */
static int load_questionnaire(struct store *s, const char *spec, struct questionnaire **q,
			      struct err *e)
{
	struct pack_ref ref;
	if (pack_ref_parse(spec, &ref) != IPM_OK)
		return err_set(e, IPM_EINVAL,
			       "--pack: \"%s\" is not a pack reference (ID or ID@VERSION)", spec);
	struct versions v = { &ref, NULL, 0 };
	struct pack *p;
	int rc = store_pack_versions_each(s, ref.id, version_found, &v, e);
	if (rc == IPM_OK && !v.count)
		rc = err_set(e, IPM_ENOTFOUND, "pack %s%s is not registered in the database",
			     spec, ref.has_version ? "" : " (any version)");
	if (rc == IPM_OK)
		rc = pack_find(v.packs, v.count, spec, PACK_QUESTIONNAIRE, "the database", &p, e);
	if (rc == IPM_OK) {
		struct questionnaire_opts opts = { .include_excluded = true };
		rc = questionnaire_build(p, &opts, q, e);
	}
	pack_free_all(v.packs, v.count);
	return rc;
}

/* --- the answers ------------------------------------------------------------- */

/* Item ids sorted, so each stored answer finds its item by binary search
 * (a Big Five pack has 120 items, a database many answers). */
struct item_key {
	const char *id;
	uint32_t index;
};

struct item_index {
	const struct questionnaire *q;
	struct item_key *keys;
};

static int cmp_item_key(const void *a, const void *b)
{
	return strcmp(((const struct item_key *)a)->id, ((const struct item_key *)b)->id);
}

static void item_index_build(struct item_index *ix, const struct questionnaire *q,
			     struct arena *a)
{
	ix->q = q;
	ix->keys = arena_array(a, q->n_items, sizeof *ix->keys);
	for (uint32_t i = 0; i < q->n_items; i++)
		ix->keys[i] = (struct item_key){ q->items[i].id, i };
	qsort(ix->keys, q->n_items, sizeof *ix->keys, cmp_item_key);
}

static int32_t item_index_find(const struct item_index *ix, const char *id)
{
	struct item_key want = { id, 0 };
	const struct item_key *k =
		bsearch(&want, ix->keys, ix->q->n_items, sizeof *ix->keys, cmp_item_key);
	return k ? (int32_t)k->index : -1;
}

/* Respondents × all items of the pack, Q_MISSING where there is no valid
 * answer: int16_t keeps a large database's table at a quarter of doubles. */
struct answer_table {
	struct item_index ix;
	size_t rows, cap;
	int16_t *v;       /* rows × q->n_items, owned */
	size_t *invalid;  /* per pack item */
	size_t unknown;
	int64_t current;  /* assessment of the last row; 0 before the first */
};

/* A whole number within the item's response scale, else Q_MISSING. */
static int16_t answer_value(const struct q_item *it, const char *text)
{
	if (!text || !*text)
		return Q_MISSING;
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || *end || end == text || v < it->min || v > it->max)
		return Q_MISSING;
	return (int16_t)v;
}

static int answer_row(void *ctx, int64_t assessment_id, const char *item_id, const char *value,
		      struct err *e)
{
	(void)e;
	struct answer_table *t = ctx;
	size_t k = t->ix.q->n_items;
	int32_t i = item_id ? item_index_find(&t->ix, item_id) : -1;
	if (i < 0) {
		t->unknown++;
		return IPM_OK;
	}
	if (assessment_id != t->current) {
		if (t->rows == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 64;
			t->v = xrealloc(t->v, t->cap * k * sizeof *t->v);
		}
		for (size_t c = 0; c < k; c++)
			t->v[t->rows * k + c] = Q_MISSING;
		t->rows++;
		t->current = assessment_id;
	}
	const struct q_item *it = &t->ix.q->items[i];
	int16_t v = answer_value(it, value);
	if (v == Q_MISSING && value)
		t->invalid[i]++;
	t->v[(t->rows - 1) * k + (size_t)i] = v;
	return IPM_OK;
}

/* --- per scale --------------------------------------------------------------- */

static void scale_stats(const struct answer_table *t, const struct q_scale *sc,
			struct pack_stats_scale *out, struct arena *a)
{
	const struct questionnaire *q = t->ix.q;
	size_t k = sc->n_items, rows = t->rows;
	double *x = arena_array(a, rows * k, sizeof *x);
	int *keys = arena_array(a, k, sizeof *keys);
	size_t *invalid = arena_array(a, k, sizeof *invalid);
	/* The pack checks give a scale's items one response scale. */
	const struct q_item *first = &q->items[sc->items[0]];
	out->scale = sc;
	for (size_t c = 0; c < k; c++) {
		const struct q_item *it = &q->items[sc->items[c]];
		keys[c] = it->reversed ? -1 : 1;
		invalid[c] = t->invalid[sc->items[c]];
		out->ipsative |= it->points;
		for (size_t r = 0; r < rows; r++) {
			int16_t v = t->v[r * q->n_items + sc->items[c]];
			x[r * k + c] = v == Q_MISSING ? NAN : v;
		}
	}
	out->invalid = invalid;
	struct stats_matrix m = { x, rows, k };
	size_t nvalues = (size_t)(first->max - first->min + 1);
	double *values = arena_array(a, nvalues, sizeof *values);
	for (size_t i = 0; i < nvalues; i++)
		values[i] = first->min + (double)i;
	struct err e = { 0 };
	/* The values are distinct by construction, so this cannot fail. */
	stats_freq(&m, values, nvalues, a, &out->freq, &e);
	out->rc = stats_alpha(&m, keys, (double)first->min + first->max, a, &out->alpha, &e);
	out->why = out->rc == IPM_OK ? NULL : arena_strdup(a, e.msg);
}

int pack_stats_compute(struct store *s, const struct store_actor *who, const char *spec,
		       struct pack_stats **out, struct err *e)
{
	struct pack_stats *ps = xcalloc(1, sizeof *ps);
	struct answer_table t = { 0 };
	int rc = load_questionnaire(s, spec, &ps->q, e);
	if (rc != IPM_OK)
		goto out;
	const struct questionnaire *q = ps->q;
	item_index_build(&t.ix, q, &ps->arena);
	t.invalid = arena_array(&ps->arena, q->n_items, sizeof *t.invalid);
	rc = store_answers_each(s, who, q->pack_id, q->version, answer_row, &t, e);
	if (rc != IPM_OK)
		goto out;
	ps->respondents = t.rows;
	ps->unknown_answers = t.unknown;
	ps->scales = arena_array(&ps->arena, q->n_scales, sizeof *ps->scales);
	for (size_t j = 0; j < q->n_scales; j++)
		if (q->scales[j].kind == Q_SCALE_ITEMS)
			scale_stats(&t, &q->scales[j], &ps->scales[ps->n_scales++], &ps->arena);
out:
	free(t.v);
	if (rc != IPM_OK) {
		pack_stats_free(ps);
		ps = NULL;
	}
	*out = ps;
	return rc;
}

void pack_stats_free(struct pack_stats *ps)
{
	if (!ps)
		return;
	if (ps->q)
		questionnaire_free(ps->q);
	arena_free(&ps->arena);
	free(ps);
}
