#include "pack/semantic.h"

#include <stdarg.h>
#include <string.h>

void sem_error(struct sem *s, const char *fmt, ...)
{
	struct buf text = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	diag_add(s->d, &s->path, "%s", buf_str(&text));
	buf_free(&text);
}

void sem_each(struct sem *s, const json_t *parent, const char *key, sem_each_fn *fn,
	      void *ctx)
{
	const json_t *arr = json_object_get(parent, key);
	if (!json_is_array(arr))
		return;
	size_t outer = jpath_push_key(&s->path, key);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t mark = jpath_push_index(&s->path, i);
		fn(s, i, json_array_get(arr, i), ctx);
		jpath_pop(&s->path, mark);
	}
	jpath_pop(&s->path, outer);
}

void sem_note_unique(struct sem *s, json_t *index, const char *key, const char *field)
{
	size_t mark = jpath_push_key(&s->path, field);
	const json_t *first = json_object_get(index, key);
	if (first)
		sem_error(s, "duplicate \"%s\", first at %s", key, json_string_value(first));
	else
		json_object_set_new(index, key, json_string(s->path.s));
	jpath_pop(&s->path, mark);
}

struct index_ctx {
	json_t *index;
	const char *field;
};

static void index_one(struct sem *s, size_t i, const json_t *el, void *ctx)
{
	struct index_ctx *c = ctx;
	const char *key = json_string_value(json_object_get(el, c->field));
	(void)i;
	if (key)
		sem_note_unique(s, c->index, key, c->field);
}

json_t *sem_index(struct sem *s, const json_t *parent, const char *array, const char *field)
{
	struct index_ctx c = { json_object(), field };
	sem_each(s, parent, array, index_one, &c);
	return c.index;
}

void sem_ref(struct sem *s, const json_t *index, const json_t *el, const char *field,
	     const char *what)
{
	const char *id = json_string_value(json_object_get(el, field));
	if (!id || json_object_get(index, id))
		return;
	size_t mark = jpath_push_key(&s->path, field);
	sem_error(s, "unknown %s \"%s\"", what, id);
	jpath_pop(&s->path, mark);
}

/* A "points" scale is a share of an ipsative block (questionnaires only):
 * 0 to the block total, and no labels because the client types a number.
 * Returns 1 when rs is such a scale (checked here), 0 for a rating scale. */
static int check_points_scale(struct sem *s, const json_t *rs, json_int_t min,
			      const json_t *labels)
{
	const char *kind = json_string_value(json_object_get(rs, "kind"));
	if (!kind || strcmp(kind, "points") != 0)
		return 0;
	const char *doc_kind = json_string_value(json_object_get(s->doc, "kind"));
	size_t mark = jpath_push_key(&s->path, "kind");
	if (!doc_kind || strcmp(doc_kind, "questionnaire") != 0)
		sem_error(s, "\"points\" is only for questionnaires");
	jpath_pop(&s->path, mark);
	mark = jpath_push_key(&s->path, "min");
	if (min != 0)
		sem_error(s, "a \"points\" scale starts at 0");
	jpath_pop(&s->path, mark);
	mark = jpath_push_key(&s->path, "labels");
	if (labels)
		sem_error(s, "only allowed with kind \"rating\"");
	jpath_pop(&s->path, mark);
	return 1;
}

/* Exactly one label for each whole value from min to max, so that every
 * answer a client can give has a text and reverse keying (min+max-x) maps
 * the scale onto itself. */
static void check_response_scale(struct sem *s, size_t i, const json_t *rs, void *ctx)
{
	json_int_t min = json_integer_value(json_object_get(rs, "min"));
	json_int_t max = json_integer_value(json_object_get(rs, "max"));
	const json_t *labels = json_object_get(rs, "labels");
	(void)i;
	(void)ctx;
	if (min >= max) {
		size_t mark = jpath_push_key(&s->path, "max");
		sem_error(s, "must be greater than min (%lld)", (long long)min);
		jpath_pop(&s->path, mark);
		return;
	}
	if (check_points_scale(s, rs, min, labels))
		return;
	if (!labels) {
		sem_error(s, "missing required property \"labels\" (kind \"rating\")");
		return;
	}
	size_t outer = jpath_push_key(&s->path, "labels");
	unsigned char seen[201] = { 0 };
	for (size_t k = 0; k < json_array_size(labels); k++) {
		json_int_t v = json_integer_value(json_object_get(json_array_get(labels, k), "value"));
		size_t mark = jpath_push_index(&s->path, k);
		size_t inner = jpath_push_key(&s->path, "value");
		if (v < min || v > max)
			sem_error(s, "%lld is outside min..max (%lld..%lld)", (long long)v,
				  (long long)min, (long long)max);
		else if (seen[v - min]++)
			sem_error(s, "a second label for %lld", (long long)v);
		jpath_pop(&s->path, inner);
		jpath_pop(&s->path, mark);
	}
	if ((json_int_t)json_array_size(labels) != max - min + 1)
		sem_error(s, "expected one label for each value from %lld to %lld (%lld), got %zu",
			  (long long)min, (long long)max, (long long)(max - min + 1),
			  json_array_size(labels));
	jpath_pop(&s->path, outer);
}

json_t *sem_response_scales(struct sem *s, const char *key)
{
	sem_each(s, s->doc, key, check_response_scale, NULL);
	return sem_index(s, s->doc, key, "id");
}

void semantic_check(enum pack_kind kind, const json_t *doc, struct diag *d)
{
	struct sem s = { .d = d, .doc = doc };
	jpath_root(&s.path);
	switch (kind) {
	case PACK_QUESTIONNAIRE: semantic_questionnaire(&s); break;
	case PACK_FACTORS: semantic_factors(&s); break;
	case PACK_MODEL: semantic_model(&s); break;
	case PACK_TAXONOMY: semantic_taxonomy(&s); break;
	case PACK_TEMPLATES: semantic_templates(&s); break;
	}
}
