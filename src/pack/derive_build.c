#include "pack/derive_build.h"

#include "core/buf.h"
#include "core/xalloc.h"

#include <string.h>

void derive_where_push(struct jpath *p, const struct derive_where *w)
{
	if (w->key)
		jpath_push_key(p, w->key);
	if (w->at.band != DERIVE_NO_BAND) {
		jpath_push_key(p, "bands");
		jpath_push_index(p, w->at.band);
	}
	if (w->at.field)
		jpath_push_key(p, w->at.field);
}

static const json_t *find_scale(const json_t *doc, const char *id)
{
	const json_t *scales = json_object_get(doc, "rating_scales");
	for (size_t k = 0; id && k < json_array_size(scales); k++) {
		const json_t *s = json_array_get(scales, k);
		const char *v = json_string_value(json_object_get(s, "id"));
		if (v && strcmp(v, id) == 0)
			return s;
	}
	return NULL;
}

/* The schema bounds ratings to ±100, so the narrowing is exact. */
static int rating_of(const json_t *v)
{
	return v ? (int)json_integer_value(v) : DERIVE_NO_RATING;
}

static void read_map(const json_t *map, struct derive_band *bands, struct derive_map *m)
{
	const json_t *arr = json_object_get(map, "bands");
	m->n_bands = json_array_size(arr); /* at most DERIVE_BANDS_MAX: derive_read checked */
	for (size_t k = 0; k < m->n_bands; k++) {
		const json_t *b = json_array_get(arr, k);
		bands[k].below = json_number_value(json_object_get(b, "below"));
		bands[k].rating = rating_of(json_object_get(b, "rating"));
	}
	m->bands = bands;
	m->otherwise = rating_of(json_object_get(map, "otherwise"));
	m->none = rating_of(json_object_get(map, "none"));
}

static void read_levels(const json_t *levels, struct derive_levels *l)
{
	for (int k = 0; k < DERIVE_CEFR_N; k++)
		l->rating[k] = rating_of(json_object_get(levels, derive_cefr[k]));
}

static void place(struct derive_where *w, const char *key)
{
	w->key = key;
	w->at.band = DERIVE_NO_BAND;
	w->at.field = NULL;
}

/* Which source the conversion reads and whether its shape fits it. */
static int read_source(const json_t *derived, bool has_map, struct derive_rule *r,
		       struct derive_where *w, struct err *e)
{
	const char *step = json_string_value(json_object_get(derived, "step"));
	const char *ref = json_string_value(json_object_get(derived, "ref"));
	if (!ref) {
		place(w, NULL);
		return err_set(e, IPM_EINVAL, "missing required property \"ref\" (%s needs a "
			       "source)", has_map ? "a map" : "levels");
	}
	if (derive_source_parse(step, ref, &r->source)) {
		struct buf known = BUF_INIT;
		for (int s = 0; s < DERIVE_SOURCES; s++)
			buf_printf(&known, "%s%s", s ? ", " : "", derive_source_name(s));
		place(w, "ref");
		err_set(e, IPM_EINVAL, "no conversion from \"%s.%s\" (known: %s)", step, ref,
			buf_str(&known));
		buf_free(&known);
		return IPM_EINVAL;
	}
	if (has_map == derive_source_is_level(r->source)) {
		place(w, has_map ? "map" : "levels");
		return err_set(e, IPM_EINVAL, "%s is a %s: use \"%s\"",
			       derive_source_name(r->source), has_map ? "language level" : "number",
			       has_map ? "levels" : "map");
	}
	return IPM_OK;
}

int derive_read(const json_t *doc, size_t i, struct derive_rule *r,
		struct derive_band bands[DERIVE_BANDS_MAX], struct derive_where *w, struct err *e)
{
	const json_t *factor = json_array_get(json_object_get(doc, "factors"), i);
	const json_t *derived = json_object_get(factor, "derived_from");
	const json_t *map = json_object_get(derived, "map");
	const json_t *levels = json_object_get(derived, "levels");
	int rc;
	memset(r, 0, sizeof *r);
	if (!map && !levels)
		return IPM_ENOTFOUND;
	r->factor = json_string_value(json_object_get(factor, "id"));
	if (map && levels) {
		place(w, NULL);
		return err_set(e, IPM_EINVAL, "use \"map\" or \"levels\", not both");
	}
	if ((rc = read_source(derived, map != NULL, r, w, e)))
		return rc;
	const json_t *scale =
		find_scale(doc, json_string_value(json_object_get(factor, "rating_scale")));
	if (!scale) {
		place(w, NULL);
		return err_set(e, IPM_EINVAL, "the factor's rating scale is unknown");
	}
	int min = (int)json_integer_value(json_object_get(scale, "min"));
	int max = (int)json_integer_value(json_object_get(scale, "max"));
	place(w, map ? "map" : "levels");
	if (map) {
		if (json_array_size(json_object_get(map, "bands")) > DERIVE_BANDS_MAX) {
			w->at.field = "bands";
			return err_set(e, IPM_EINVAL, "more than %d bands", DERIVE_BANDS_MAX);
		}
		read_map(map, bands, &r->map);
		return derive_map_check(&r->map, min, max, &w->at, e);
	}
	read_levels(levels, &r->levels);
	return derive_levels_check(&r->levels, min, max, &w->at, e);
}

static int build_one(const struct pack *p, size_t i, struct derive_set *s, struct err *e)
{
	struct derive_band bands[DERIVE_BANDS_MAX];
	struct derive_where w = { NULL, { DERIVE_NO_BAND, NULL } };
	struct derive_rule *r = &s->rules[s->n];
	int rc = derive_read(p->doc, i, r, bands, &w, e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc) {
		/* The same place as the pack check reports, so the user finds it. */
		struct jpath path;
		jpath_root(&path);
		jpath_push_key(&path, "factors");
		jpath_push_index(&path, i);
		jpath_push_key(&path, "derived_from");
		derive_where_push(&path, &w);
		return err_prefix(e, "%s: %s", p->source_name, path.s);
	}
	r->factor = arena_strdup(&s->arena, r->factor);
	if (r->map.n_bands) {
		struct derive_band *copy = arena_array(&s->arena, r->map.n_bands, sizeof *copy);
		memcpy(copy, bands, r->map.n_bands * sizeof *copy);
		r->map.bands = copy;
	}
	s->n++;
	return IPM_OK;
}

int derive_build(const struct pack *factors, struct derive_set **out, struct err *e)
{
	struct derive_set *s = xcalloc(1, sizeof *s);
	const json_t *list = json_object_get(factors->doc, "factors");
	int rc = IPM_OK;
	*out = NULL;
	if (factors->kind != PACK_FACTORS) {
		rc = err_set(e, IPM_EINVAL, "pack \"%s\" is a %s pack, not a factor catalogue",
			     factors->id, pack_kind_name(factors->kind));
		goto out;
	}
	s->pack = arena_strdup(&s->arena, factors->id);
	s->version = arena_strdup(&s->arena, factors->version);
	s->rules = arena_array(&s->arena, json_array_size(list) + 1, sizeof *s->rules);
	for (size_t i = 0; i < json_array_size(list); i++)
		if ((rc = build_one(factors, i, s, e)))
			goto out;
	*out = s;
	s = NULL;
out:
	derive_set_free(s);
	return rc;
}

void derive_set_free(struct derive_set *s)
{
	if (!s)
		return;
	arena_free(&s->arena);
	free(s);
}
