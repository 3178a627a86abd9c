#include "engine/questionnaire.h"

#include "engine/score_internal.h"

#include <string.h>

int32_t questionnaire_scale_index(const struct questionnaire *q, const char *id)
{
	for (size_t i = 0; i < q->n_scales; i++)
		if (strcmp(q->scales[i].id, id) == 0)
			return (int32_t)i;
	return -1;
}

int32_t questionnaire_item_index(const struct questionnaire *q, const char *id)
{
	for (size_t i = 0; i < q->n_items; i++)
		if (strcmp(q->items[i].id, id) == 0)
			return (int32_t)i;
	return -1;
}

/* The pack checks guarantee these; checking again here keeps a hand-built
 * struct (tests, tools) from reading out of bounds in the scoring loops. */
static int check_indices(const struct questionnaire *q, struct err *e)
{
	for (size_t j = 0; j < q->n_scales; j++) {
		const struct q_scale *sc = &q->scales[j];
		if (sc->kind == Q_SCALE_ITEMS) {
			for (uint32_t k = 0; k < sc->n_items; k++)
				if (sc->items[k] >= q->n_items)
					return err_set(e, IPM_EINVAL, "scale \"%s\": item index out of range",
						       sc->id);
			continue;
		}
		uint32_t need = sc->combine == Q_COMBINE_MPS ? 5
			: sc->combine == Q_COMBINE_DIFFERENCE ? 2 : 0;
		if (sc->n_of == 0 || (need && sc->n_of != need))
			return err_set(e, IPM_EINVAL, "scale \"%s\": wrong number of parts", sc->id);
		for (uint32_t k = 0; k < sc->n_of; k++)
			if (sc->of[k] >= j)
				return err_set(e, IPM_EINVAL,
					       "scale \"%s\": a part must be a scale defined earlier",
					       sc->id);
	}
	for (uint32_t k = 0; k < q->top.n_scales; k++)
		if (q->top.scales[k] >= q->n_scales)
			return err_set(e, IPM_EINVAL, "top: scale index out of range");
	for (int k = 0; q->has_holland && k < 6; k++)
		if (q->holland[k] >= q->n_scales)
			return err_set(e, IPM_EINVAL, "holland: scale index out of range");
	for (uint32_t k = 0; k < q->profiles.n_scales; k++)
		if (q->profiles.scales[k] >= q->n_scales)
			return err_set(e, IPM_EINVAL, "profiles: scale index out of range");
	for (size_t b = 0; b < q->n_blocks; b++)
		for (uint32_t k = 0; k < q->blocks[b].n_items; k++)
			if (q->blocks[b].items[k] >= q->n_items)
				return err_set(e, IPM_EINVAL, "block \"%s\": item index out of range",
					       q->blocks[b].id);
	return IPM_OK;
}

/* One flat array of (item, keying) for all item scales, asked items only,
 * so that scoring a respondent walks memory in one direction. */
static void build_plan(struct questionnaire *q)
{
	size_t total = 0;
	for (size_t j = 0; j < q->n_scales; j++)
		if (q->scales[j].kind == Q_SCALE_ITEMS)
			total += q->scales[j].n_items;
	uint32_t *item = arena_array(&q->arena, total + 1, sizeof *item);
	int16_t *add = arena_array(&q->arena, total + 1, sizeof *add);
	int8_t *mul = arena_array(&q->arena, total + 1, sizeof *mul);
	uint32_t at = 0;
	for (size_t j = 0; j < q->n_scales; j++) {
		struct q_scale *sc = &q->scales[j];
		if (sc->kind != Q_SCALE_ITEMS)
			continue;
		sc->plan_start = at;
		sc->n_asked = 0;
		for (uint32_t k = 0; k < sc->n_items; k++) {
			const struct q_item *it = &q->items[sc->items[k]];
			if (it->excluded)
				continue;
			item[at] = sc->items[k];
			add[at] = it->key_add;
			mul[at] = it->key_mul;
			at++;
			sc->n_asked++;
		}
	}
	q->plan_item = item;
	q->plan_add = add;
	q->plan_mul = mul;
}

int questionnaire_prepare(struct questionnaire *q, struct err *e)
{
	int rc = check_indices(q, e);
	if (rc)
		return rc;
	/* Scoring keys a row into stack arrays of this size. */
	if (q->n_items > Q_ITEMS_MAX)
		return err_set(e, IPM_EINVAL, "items: %zu, at most %d", q->n_items, Q_ITEMS_MAX);
	/* Reverse keying v' = min + max - v as add + mul * v, branch-free. */
	int16_t *add = arena_array(&q->arena, q->n_items + 1, sizeof *add);
	int16_t *mul = arena_array(&q->arena, q->n_items + 1, sizeof *mul);
	int16_t *asked = arena_array(&q->arena, q->n_items + 1, sizeof *asked);
	for (size_t i = 0; i < q->n_items; i++) {
		struct q_item *it = &q->items[i];
		it->key_add = it->reversed ? (int16_t)(it->min + it->max) : 0;
		it->key_mul = it->reversed ? -1 : 1;
		add[i] = it->key_add;
		mul[i] = it->key_mul;
		asked[i] = !it->excluded;
	}
	q->item_add = add;
	q->item_mul = mul;
	q->item_asked = asked;
	build_plan(q);
	return norm_prepare(q, e);
}
