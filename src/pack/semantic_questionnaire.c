#include "pack/semantic_questionnaire.h"

#include <string.h>

static void check_item(struct sem *s, size_t i, const json_t *item, void *ctx)
{
	struct semq *q = ctx;
	(void)i;
	sem_ref(s, q->response_scales, item, "response_scale", "response scale");
	const char *id = json_string_value(json_object_get(item, "id"));
	if (!json_object_get(q->item_rs, id))
		json_object_set(q->item_rs, id, json_object_get(item, "response_scale"));
	/* An item left out by default must say why, for the professional who
	 * considers switching it on; a reason on an asked item is a mistake. */
	int excluded = json_is_true(json_object_get(item, "default_excluded"));
	if (excluded && id)
		json_object_set_new(q->excluded, id, json_true());
	int has_reason = json_object_get(item, "exclusion_reason") != NULL;
	if (excluded && !has_reason)
		sem_error(s, "missing required property \"exclusion_reason\" (default_excluded is true)");
	if (!excluded && has_reason) {
		size_t mark = jpath_push_key(&s->path, "exclusion_reason");
		sem_error(s, "only allowed with \"default_excluded\": true");
		jpath_pop(&s->path, mark);
	}
}

static void error_at(struct sem *s, const char *key, const char *msg)
{
	size_t mark = jpath_push_key(&s->path, key);
	sem_error(s, "%s", msg);
	jpath_pop(&s->path, mark);
}

/* Sums and means mix answers only when all items share a response scale;
 * returns how many of the items are asked (not default_excluded). */
static size_t check_scale_items(struct sem *s, const struct semq *q, const json_t *items,
				size_t *known)
{
	const char *first_rs = NULL, *first_id = NULL;
	size_t asked = 0;
	size_t outer = jpath_push_key(&s->path, "items");
	for (size_t k = 0; k < json_array_size(items); k++) {
		const char *id = json_string_value(json_array_get(items, k));
		size_t mark = jpath_push_index(&s->path, k);
		const char *rs = json_string_value(json_object_get(q->item_rs, id));
		if (!rs)
			sem_error(s, "unknown item \"%s\"", id);
		else if (!first_rs)
			first_rs = rs, first_id = id;
		else if (strcmp(first_rs, rs) != 0)
			sem_error(s, "item \"%s\" uses response scale \"%s\", item \"%s\" uses \"%s\"",
				  id, rs, first_id, first_rs);
		jpath_pop(&s->path, mark);
	}
	jpath_pop(&s->path, outer);
	for (size_t k = 0; k < json_array_size(items); k++) {
		const char *id = json_string_value(json_array_get(items, k));
		int found = json_object_get(q->item_rs, id) != NULL;
		*known += found;
		asked += found && !json_object_get(q->excluded, id);
	}
	return asked;
}

static void check_missing(struct sem *s, const json_t *scale, size_t n, size_t known,
			  size_t asked)
{
	const json_t *missing = json_object_get(scale, "missing");
	json_int_t min = json_integer_value(json_object_get(missing, "min_answered"));
	const char *method = json_string_value(json_object_get(missing, "method"));
	size_t mark = jpath_push_key(&s->path, "missing");
	size_t inner = jpath_push_key(&s->path, "min_answered");
	if (min > (json_int_t)n)
		sem_error(s, "%lld is more than the scale's %zu items", (long long)min, n);
	/* Otherwise the scale could never be scored as shipped. */
	else if (min > (json_int_t)asked)
		sem_error(s, "%lld is more than the scale's %zu asked items (default_excluded items are not asked)",
			  (long long)min, asked);
	jpath_pop(&s->path, inner);
	if (asked < known && method && strcmp(method, "none") == 0)
		error_at(s, "method",
			 "\"none\" gives no score while items are excluded by default; use \"prorate\"");
	jpath_pop(&s->path, mark);
}

static void check_item_scale(struct sem *s, const struct semq *q, const json_t *scale)
{
	if (!json_object_get(scale, "scoring"))
		sem_error(s, "missing required property \"scoring\" (item scale)");
	if (!json_object_get(scale, "missing"))
		sem_error(s, "missing required property \"missing\" (item scale)");
	if (json_object_get(scale, "combine"))
		error_at(s, "combine", "only allowed with \"of\"");
	const json_t *items = json_object_get(scale, "items");
	size_t known = 0;
	size_t asked = check_scale_items(s, q, items, &known);
	if (json_object_get(scale, "missing"))
		check_missing(s, scale, json_array_size(items), known, asked);
}

/* Parts must come earlier so that scoring in list order always finds them
 * done, and a cycle cannot be written. */
static void check_derived_scale(struct sem *s, const struct semq *q, size_t pos,
				const json_t *scale)
{
	const json_t *of = json_object_get(scale, "of");
	const char *combine = json_string_value(json_object_get(scale, "combine"));
	if (!combine)
		sem_error(s, "missing required property \"combine\" (derived scale)");
	if (json_object_get(scale, "scoring"))
		error_at(s, "scoring", "only allowed with \"items\"");
	if (json_object_get(scale, "missing"))
		error_at(s, "missing", "only allowed with \"items\"");
	size_t outer = jpath_push_key(&s->path, "of");
	for (size_t k = 0; k < json_array_size(of); k++) {
		const char *id = json_string_value(json_array_get(of, k));
		const json_t *at = json_object_get(q->scale_pos, id);
		size_t mark = jpath_push_index(&s->path, k);
		if (!at)
			sem_error(s, "unknown scale \"%s\"", id);
		else if ((size_t)json_integer_value(at) >= pos)
			sem_error(s, "scale \"%s\" is not defined before this one", id);
		jpath_pop(&s->path, mark);
	}
	size_t n = json_array_size(of);
	if (combine && strcmp(combine, "mps") == 0 && n != 5)
		sem_error(s, "\"mps\" needs exactly 5 scales (SV, TI, TS, A, F), got %zu", n);
	if (combine && strcmp(combine, "difference") == 0 && n != 2)
		sem_error(s, "\"difference\" needs exactly 2 scales (a, b for a - b), got %zu", n);
	jpath_pop(&s->path, outer);
}

static void check_scale(struct sem *s, size_t i, const json_t *scale, void *ctx)
{
	const struct semq *q = ctx;
	int has_items = json_object_get(scale, "items") != NULL;
	int has_of = json_object_get(scale, "of") != NULL;
	if (has_items == has_of)
		sem_error(s, "expected either \"items\" (item scale) or \"of\" (derived scale)");
	else if (has_items)
		check_item_scale(s, q, scale);
	else
		check_derived_scale(s, q, i, scale);
	semq_cutoffs(s, scale, "raw_bands");
}

static void check_scale_ref(struct sem *s, size_t i, const json_t *id, void *ctx)
{
	const struct semq *q = ctx;
	(void)i;
	if (!json_object_get(q->scales, json_string_value(id)))
		sem_error(s, "unknown scale \"%s\"", json_string_value(id));
}

void semq_scale_refs(struct sem *s, const struct semq *q, const json_t *parent, const char *key)
{
	sem_each(s, parent, key, check_scale_ref, (void *)q);
}

static void check_group(struct sem *s, size_t i, const json_t *group, void *ctx)
{
	(void)i;
	semq_scale_refs(s, ctx, group, "scales");
}

static json_t *positions(const json_t *doc)
{
	json_t *pos = json_object();
	const json_t *scales = json_object_get(doc, "scales");
	for (size_t i = 0; i < json_array_size(scales); i++) {
		const char *id = json_string_value(json_object_get(json_array_get(scales, i), "id"));
		if (id && !json_object_get(pos, id))
			json_object_set_new(pos, id, json_integer((json_int_t)i));
	}
	return pos;
}

void semantic_questionnaire(struct sem *s)
{
	struct semq q = { .item_rs = json_object(), .excluded = json_object(),
			  .scale_pos = positions(s->doc) };
	q.response_scales = sem_response_scales(s, "response_scales");
	q.items = sem_index(s, s->doc, "items", "id");
	q.scales = sem_index(s, s->doc, "scales", "id");
	json_t *groups = sem_index(s, s->doc, "groups", "id");
	sem_each(s, s->doc, "items", check_item, &q);
	sem_each(s, s->doc, "scales", check_scale, &q);
	sem_each(s, s->doc, "groups", check_group, &q);
	semq_blocks(s, &q);
	semq_norms(s, &q);
	semq_readouts(s, &q);
	json_decref(groups);
	json_decref(q.scale_pos);
	json_decref(q.excluded);
	json_decref(q.item_rs);
	json_decref(q.scales);
	json_decref(q.items);
	json_decref(q.response_scales);
}
