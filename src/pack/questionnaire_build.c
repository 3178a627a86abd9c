#include "pack/questionnaire_build.h"

#include "core/json.h"
#include "core/xalloc.h"
#include "pack/pack_text.h"

#include <math.h>
#include <string.h>

struct qb {
	struct questionnaire *q;
	const json_t *doc;
	json_t *item_at;  /* item id -> index */
	json_t *scale_at; /* scale id -> index */
	struct err *e;
};

static struct q_text text(struct qb *b, const json_t *t)
{
	return pack_text(&b->q->arena, t);
}

static const char *str(struct qb *b, const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? arena_strdup(&b->q->arena, s) : NULL;
}

static json_t *index_of(const json_t *arr)
{
	json_t *at = json_object();
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const char *id = json_string_value(json_object_get(json_array_get(arr, i), "id"));
		if (id && !json_object_get(at, id))
			json_object_set_new(at, id, json_integer((json_int_t)i));
	}
	return at;
}

/* Ids -> indices through `at`; IPM_EINVAL naming `where` for an unknown id,
 * which a validated pack cannot have. */
static int ids(struct qb *b, const json_t *arr, const json_t *at, const char *where,
	       uint32_t **out, uint32_t *n)
{
	*n = (uint32_t)json_array_size(arr);
	*out = arena_array(&b->q->arena, *n + 1, sizeof **out);
	for (uint32_t k = 0; k < *n; k++) {
		const char *id = json_string_value(json_array_get(arr, k));
		const json_t *i = id ? json_object_get(at, id) : NULL;
		if (!i)
			return err_set(b->e, IPM_EINVAL, "%s: unknown id \"%s\" (pack not validated?)",
				       where, id ? id : "");
		(*out)[k] = (uint32_t)json_integer_value(i);
	}
	return IPM_OK;
}

static const json_t *find_by_id(const json_t *arr, const char *id)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *el = json_array_get(arr, i);
		if (id && strcmp(json_string_value(json_object_get(el, "id")), id) == 0)
			return el;
	}
	return NULL;
}

static int build_items(struct qb *b, bool include_excluded)
{
	const json_t *items = json_object_get(b->doc, "items");
	const json_t *scales = json_object_get(b->doc, "response_scales");
	struct questionnaire *q = b->q;
	q->n_items = json_array_size(items);
	q->items = arena_array(&q->arena, q->n_items + 1, sizeof *q->items);
	for (size_t i = 0; i < q->n_items; i++) {
		const json_t *it = json_array_get(items, i);
		struct q_item *o = &q->items[i];
		const json_t *rs = find_by_id(scales, json_string_value(json_object_get(it, "response_scale")));
		if (!rs)
			return err_set(b->e, IPM_EINVAL, "items[%zu]: unknown response scale", i);
		const char *kind = json_string_value(json_object_get(rs, "kind"));
		o->id = str(b, it, "id");
		o->text = text(b, json_object_get(it, "text"));
		o->response_scale = str(b, rs, "id");
		o->min = (int16_t)json_integer_value(json_object_get(rs, "min"));
		o->max = (int16_t)json_integer_value(json_object_get(rs, "max"));
		o->points = kind && strcmp(kind, "points") == 0;
		o->reversed = strcmp(json_string_value(json_object_get(it, "keyed")), "-") == 0;
		o->default_excluded = json_is_true(json_object_get(it, "default_excluded"));
		o->excluded = o->default_excluded && !include_excluded;
		o->exclusion_reason = text(b, json_object_get(it, "exclusion_reason"));
		o->block = -1;
	}
	return IPM_OK;
}

static int build_blocks(struct qb *b)
{
	const json_t *blocks = json_object_get(b->doc, "blocks");
	struct questionnaire *q = b->q;
	q->n_blocks = json_array_size(blocks);
	q->blocks = arena_array(&q->arena, q->n_blocks + 1, sizeof *q->blocks);
	for (size_t k = 0; k < q->n_blocks; k++) {
		const json_t *bl = json_array_get(blocks, k);
		struct q_block *o = &q->blocks[k];
		uint32_t *items;
		o->id = str(b, bl, "id");
		o->label = text(b, json_object_get(bl, "label"));
		o->total = (int32_t)json_integer_value(json_object_get(bl, "total"));
		int rc = ids(b, json_object_get(bl, "items"), b->item_at, "blocks", &items, &o->n_items);
		if (rc)
			return rc;
		o->items = items;
		for (uint32_t i = 0; i < o->n_items; i++)
			q->items[items[i]].block = (int32_t)k;
	}
	return IPM_OK;
}

static void build_bands(struct qb *b, const json_t *sc, struct q_scale *o)
{
	static const char *const names[3] = { "laag", "gemiddeld", "hoog" };
	const json_t *bands = json_object_get(sc, "bands");
	const json_t *raw = json_object_get(sc, "raw_bands");
	o->has_bands = bands != NULL;
	for (int k = 0; bands && k < 3; k++)
		o->bands[k] = text(b, json_object_get(bands, names[k]));
	o->has_raw_bands = raw != NULL;
	if (raw) {
		o->raw_low_below = json_number_value(json_object_get(raw, "low_below"));
		o->raw_high_above = json_number_value(json_object_get(raw, "high_above"));
	}
}

static int build_scale(struct qb *b, const json_t *sc, struct q_scale *o)
{
	static const char *const combine[] = { "sum", "mean", "mps", "difference" };
	uint32_t *list;
	int rc;
	o->id = str(b, sc, "id");
	o->label = text(b, json_object_get(sc, "label"));
	build_bands(b, sc, o);
	if (json_object_get(sc, "items")) {
		const json_t *missing = json_object_get(sc, "missing");
		o->kind = Q_SCALE_ITEMS;
		o->scoring = strcmp(json_string_value(json_object_get(sc, "scoring")), "mean") == 0
			? Q_SCORING_MEAN : Q_SCORING_SUM;
		o->min_answered = (uint16_t)json_integer_value(json_object_get(missing, "min_answered"));
		o->prorate = strcmp(json_string_value(json_object_get(missing, "method")), "prorate") == 0;
		rc = ids(b, json_object_get(sc, "items"), b->item_at, o->id, &list, &o->n_items);
		o->items = list;
		return rc;
	}
	o->kind = Q_SCALE_DERIVED;
	const char *c = json_string_value(json_object_get(sc, "combine"));
	for (int k = 0; c && k < 4; k++)
		if (strcmp(c, combine[k]) == 0)
			o->combine = (enum q_combine)k;
	rc = ids(b, json_object_get(sc, "of"), b->scale_at, o->id, &list, &o->n_of);
	o->of = list;
	return rc;
}

static int build_scales(struct qb *b)
{
	const json_t *scales = json_object_get(b->doc, "scales");
	struct questionnaire *q = b->q;
	q->n_scales = json_array_size(scales);
	q->scales = arena_array(&q->arena, q->n_scales + 1, sizeof *q->scales);
	for (size_t j = 0; j < q->n_scales; j++) {
		int rc = build_scale(b, json_array_get(scales, j), &q->scales[j]);
		if (rc)
			return rc;
	}
	const json_t *groups = json_object_get(b->doc, "groups");
	q->n_groups = json_array_size(groups);
	q->groups = arena_array(&q->arena, q->n_groups + 1, sizeof *q->groups);
	for (size_t g = 0; g < q->n_groups; g++) {
		const json_t *gr = json_array_get(groups, g);
		uint32_t *list;
		q->groups[g].id = str(b, gr, "id");
		q->groups[g].label = text(b, json_object_get(gr, "label"));
		int rc = ids(b, json_object_get(gr, "scales"), b->scale_at, "groups", &list,
			     &q->groups[g].n_scales);
		if (rc)
			return rc;
		q->groups[g].scales = list;
	}
	return IPM_OK;
}

static int build_norm_group(struct qb *b, const json_t *g, struct q_norm_group *o)
{
	struct questionnaire *q = b->q;
	const char *sex = json_string_value(json_object_get(g, "sex"));
	double *mean = arena_array(&q->arena, q->n_scales + 1, sizeof *mean);
	double *sd = arena_array(&q->arena, q->n_scales + 1, sizeof *sd);
	for (size_t j = 0; j < q->n_scales; j++)
		mean[j] = sd[j] = NAN;
	o->id = str(b, g, "id");
	o->label = text(b, json_object_get(g, "label"));
	o->sex = sex ? sex[0] : 0;
	o->age_min = (int)json_integer_value(json_object_get(g, "age_min"));
	o->age_max = (int)json_integer_value(json_object_get(g, "age_max"));
	const char *key;
	json_t *v;
	json_object_foreach(json_object_get(g, "values"), key, v) {
		const json_t *j = json_object_get(b->scale_at, key);
		if (!j)
			return err_set(b->e, IPM_EINVAL, "norms: unknown scale \"%s\"", key);
		mean[json_integer_value(j)] = json_number_value(json_array_get(v, 0));
		sd[json_integer_value(j)] = json_number_value(json_array_get(v, 1));
	}
	o->mean = mean;
	o->sd = sd;
	return IPM_OK;
}

static int build_norms(struct qb *b)
{
	const json_t *norms = json_object_get(b->doc, "norms");
	struct q_norms *n = &b->q->norms;
	const json_t *bands = json_object_get(norms, "bands");
	const json_t *groups = json_object_get(norms, "groups");
	n->source = text(b, json_object_get(norms, "source"));
	n->note = text(b, json_object_get(norms, "note"));
	n->low_below = bands ? json_number_value(json_object_get(bands, "low_below")) : 45.0;
	n->high_above = bands ? json_number_value(json_object_get(bands, "high_above")) : 55.0;
	n->n_groups = json_array_size(groups);
	n->groups = arena_array(&b->q->arena, n->n_groups + 1, sizeof *n->groups);
	for (size_t g = 0; g < n->n_groups; g++) {
		int rc = build_norm_group(b, json_array_get(groups, g), &n->groups[g]);
		if (rc)
			return rc;
	}
	return IPM_OK;
}

static int build_readouts(struct qb *b)
{
	struct questionnaire *q = b->q;
	const json_t *top = json_object_get(b->doc, "top");
	const json_t *holland = json_object_get(b->doc, "holland");
	const json_t *profiles = json_object_get(b->doc, "profiles");
	uint32_t *list, n;
	int rc;
	if (top) {
		q->top.label = text(b, json_object_get(top, "label"));
		if ((rc = ids(b, json_object_get(top, "scales"), b->scale_at, "top", &list,
			      &q->top.n_scales)))
			return rc;
		q->top.scales = list;
	}
	if (holland) {
		if ((rc = ids(b, json_object_get(holland, "scales"), b->scale_at, "holland", &list, &n)))
			return rc;
		if (n != 6)
			return err_set(b->e, IPM_EINVAL, "holland: expected 6 scales");
		memcpy(q->holland, list, sizeof q->holland);
		q->has_holland = true;
	}
	if (!profiles)
		return IPM_OK;
	q->profiles.label = text(b, json_object_get(profiles, "label"));
	if ((rc = ids(b, json_object_get(profiles, "scales"), b->scale_at, "profiles", &list,
		      &q->profiles.n_scales)))
		return rc;
	q->profiles.scales = list;
	const json_t *entries = json_object_get(profiles, "entries");
	q->profiles.n_entries = json_array_size(entries);
	q->profiles.entries = arena_array(&q->arena, q->profiles.n_entries + 1,
					  sizeof *q->profiles.entries);
	for (size_t i = 0; i < q->profiles.n_entries; i++) {
		const json_t *en = json_array_get(entries, i);
		const json_t *values = json_object_get(en, "values");
		const char *code = json_string_value(json_object_get(en, "holland"));
		struct q_profile_entry *o = &q->profiles.entries[i];
		if (json_array_size(values) != q->profiles.n_scales)
			return err_set(b->e, IPM_EINVAL, "profiles.entries[%zu]: wrong number of values", i);
		double *v = arena_array(&q->arena, q->profiles.n_scales + 1, sizeof *v);
		for (uint32_t k = 0; k < q->profiles.n_scales; k++)
			v[k] = json_number_value(json_array_get(values, k));
		o->id = str(b, en, "id");
		o->label = text(b, json_object_get(en, "label"));
		o->values = v;
		if (code && strlen(code) == 3)
			memcpy(o->holland, code, 4);
	}
	return IPM_OK;
}

int questionnaire_build(const struct pack *p, const struct questionnaire_opts *opts,
			struct questionnaire **out, struct err *e)
{
	struct questionnaire_opts defaults = { 0 };
	struct questionnaire *q = xcalloc(1, sizeof *q);
	struct qb b = { .q = q, .doc = p->doc, .e = e };
	int rc;
	*out = NULL;
	if (p->kind != PACK_QUESTIONNAIRE) {
		rc = err_set(e, IPM_EINVAL, "pack \"%s\" is a %s pack, not a questionnaire", p->id,
			     pack_kind_name(p->kind));
		goto out;
	}
	if (!opts)
		opts = &defaults;
	b.item_at = index_of(json_object_get(p->doc, "items"));
	b.scale_at = index_of(json_object_get(p->doc, "scales"));
	q->pack_id = arena_strdup(&q->arena, p->id);
	q->version = arena_strdup(&q->arena, p->version);
	q->sha256 = arena_strdup(&q->arena, p->sha256);
	q->title = text(&b, json_object_get(p->doc, "title"));
	q->marking = text(&b, json_object_get(p->doc, "marking"));
	q->no_batch_tables = opts->no_batch_tables;
	if ((rc = build_items(&b, opts->include_excluded)) || (rc = build_blocks(&b)) ||
	    (rc = build_scales(&b)) || (rc = build_norms(&b)) || (rc = build_readouts(&b)) ||
	    (rc = questionnaire_prepare(q, e)))
		goto out;
	*out = q;
	q = NULL;
out:
	json_decref(b.scale_at);
	json_decref(b.item_at);
	questionnaire_free(q);
	return rc;
}

void questionnaire_free(struct questionnaire *q)
{
	if (!q)
		return;
	arena_free(&q->arena);
	free(q);
}
