/* Ipsative blocks: the items of a block share out `total` points, so each
 * must be a "points" item of that block alone, able to take all of them. */
#include "pack/semantic_questionnaire.h"

#include <string.h>

static const json_t *response_scale(const json_t *doc, const char *id)
{
	const json_t *all = json_object_get(doc, "response_scales");
	for (size_t i = 0; i < json_array_size(all); i++) {
		const json_t *rs = json_array_get(all, i);
		if (id && strcmp(json_string_value(json_object_get(rs, "id")), id) == 0)
			return rs;
	}
	return NULL;
}

static int is_points(const json_t *rs)
{
	const char *kind = json_string_value(json_object_get(rs, "kind"));
	return kind && strcmp(kind, "points") == 0;
}

struct blocks {
	const struct semq *q;
	json_t *owner; /* item id -> block id */
};

static void check_block(struct sem *s, size_t i, const json_t *block, void *ctx)
{
	struct blocks *b = ctx;
	const char *bid = json_string_value(json_object_get(block, "id"));
	json_int_t total = json_integer_value(json_object_get(block, "total"));
	const json_t *items = json_object_get(block, "items");
	(void)i;
	size_t outer = jpath_push_key(&s->path, "items");
	for (size_t k = 0; k < json_array_size(items); k++) {
		const char *id = json_string_value(json_array_get(items, k));
		const char *rs_id = json_string_value(json_object_get(b->q->item_rs, id));
		const json_t *rs = response_scale(s->doc, rs_id);
		const char *owner = json_string_value(json_object_get(b->owner, id));
		size_t mark = jpath_push_index(&s->path, k);
		if (!rs_id)
			sem_error(s, "unknown item \"%s\"", id);
		else if (owner)
			sem_error(s, "item \"%s\" is already in block \"%s\"", id, owner);
		else if (rs && !is_points(rs))
			sem_error(s, "item \"%s\" uses response scale \"%s\", which is not of kind \"points\"",
				  id, rs_id);
		else if (rs && json_integer_value(json_object_get(rs, "max")) != total)
			sem_error(s, "item \"%s\" can take %lld points (response scale \"%s\"), the block total is %lld",
				  id, (long long)json_integer_value(json_object_get(rs, "max")), rs_id,
				  (long long)total);
		if (rs_id && !owner && bid)
			json_object_set_new(b->owner, id, json_string(bid));
		jpath_pop(&s->path, mark);
	}
	jpath_pop(&s->path, outer);
}

/* A points item outside every block would have no total to check. */
static void check_points_item(struct sem *s, size_t i, const json_t *item, void *ctx)
{
	struct blocks *b = ctx;
	const char *id = json_string_value(json_object_get(item, "id"));
	const json_t *rs = response_scale(s->doc, json_string_value(json_object_get(item, "response_scale")));
	(void)i;
	if (rs && is_points(rs) && id && !json_object_get(b->owner, id)) {
		size_t mark = jpath_push_key(&s->path, "response_scale");
		sem_error(s, "an item with a \"points\" scale must be in a block");
		jpath_pop(&s->path, mark);
	}
}

void semq_blocks(struct sem *s, const struct semq *q)
{
	struct blocks b = { q, json_object() };
	json_t *ids = sem_index(s, s->doc, "blocks", "id");
	sem_each(s, s->doc, "blocks", check_block, &b);
	sem_each(s, s->doc, "items", check_points_item, &b);
	json_decref(ids);
	json_decref(b.owner);
}
