#include "pack/semantic.h"

#include <string.h>

struct q {
	json_t *response_scales, *items, *scales;
	json_t *item_rs; /* item id -> its response scale id */
};

static void check_item(struct sem *s, size_t i, const json_t *item, void *ctx)
{
	struct q *q = ctx;
	(void)i;
	sem_ref(s, q->response_scales, item, "response_scale", "response scale");
	const char *id = json_string_value(json_object_get(item, "id"));
	if (!json_object_get(q->item_rs, id))
		json_object_set(q->item_rs, id, json_object_get(item, "response_scale"));
	/* An item left out by default must say why, for the professional who
	 * considers switching it on; a reason on an asked item is a mistake. */
	int excluded = json_is_true(json_object_get(item, "default_excluded"));
	int has_reason = json_object_get(item, "exclusion_reason") != NULL;
	if (excluded && !has_reason)
		sem_error(s, "missing required property \"exclusion_reason\" (default_excluded is true)");
	if (!excluded && has_reason) {
		size_t mark = jpath_push_key(&s->path, "exclusion_reason");
		sem_error(s, "only allowed with \"default_excluded\": true");
		jpath_pop(&s->path, mark);
	}
}

/* Sums and means mix answers only when all items share a response scale. */
static void check_scale(struct sem *s, size_t i, const json_t *scale, void *ctx)
{
	struct q *q = ctx;
	const json_t *items = json_object_get(scale, "items");
	const char *first_rs = NULL, *first_id = NULL;
	(void)i;
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
	json_int_t min = json_integer_value(
		json_object_get(json_object_get(scale, "missing"), "min_answered"));
	if (min > (json_int_t)json_array_size(items)) {
		size_t mark = jpath_push_key(&s->path, "missing");
		size_t inner = jpath_push_key(&s->path, "min_answered");
		sem_error(s, "%lld is more than the scale's %zu items", (long long)min,
			  json_array_size(items));
		jpath_pop(&s->path, inner);
		jpath_pop(&s->path, mark);
	}
}

static void check_group_scale(struct sem *s, size_t i, const json_t *id, void *ctx)
{
	struct q *q = ctx;
	(void)i;
	if (!json_object_get(q->scales, json_string_value(id)))
		sem_error(s, "unknown scale \"%s\"", json_string_value(id));
}

static void check_group(struct sem *s, size_t i, const json_t *group, void *ctx)
{
	(void)i;
	sem_each(s, group, "scales", check_group_scale, ctx);
}

void semantic_questionnaire(struct sem *s)
{
	struct q q = { .item_rs = json_object() };
	q.response_scales = sem_response_scales(s, "response_scales");
	q.items = sem_index(s, s->doc, "items", "id");
	q.scales = sem_index(s, s->doc, "scales", "id");
	json_t *groups = sem_index(s, s->doc, "groups", "id");
	sem_each(s, s->doc, "items", check_item, &q);
	sem_each(s, s->doc, "scales", check_scale, &q);
	sem_each(s, s->doc, "groups", check_group, &q);
	json_decref(groups);
	json_decref(q.item_rs);
	json_decref(q.scales);
	json_decref(q.items);
	json_decref(q.response_scales);
}
