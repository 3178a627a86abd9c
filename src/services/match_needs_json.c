#include "services/match_needs_json.h"
#include "core/json.h"

#include <string.h>

static int fail(struct err *e, const char *name, const struct jpath *at, const char *msg)
{
	return err_set(e, IPM_EINVAL, "%s: %s: %s", name, at->s, msg);
}

/* An optional string or null. */
static int opt_string(const char *name, const json_t *doc, const char *key, const char **out,
		      struct arena *a, struct err *e)
{
	const json_t *v = json_object_get(doc, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return IPM_OK;
	struct jpath at;
	jpath_root(&at);
	jpath_push_key(&at, key);
	if (!json_is_string(v) || !*json_string_value(v))
		return fail(e, name, &at, "expected a non-empty string or null");
	*out = arena_strdup(a, json_string_value(v));
	return IPM_OK;
}

/* An optional array of non-empty strings. */
static int opt_strings(const char *name, const json_t *doc, const char *key,
		       struct cat_strs *out, struct arena *a, struct err *e)
{
	const json_t *v = json_object_get(doc, key), *s;
	*out = (struct cat_strs){ 0 };
	if (!v)
		return IPM_OK;
	struct jpath at;
	jpath_root(&at);
	jpath_push_key(&at, key);
	if (!json_is_array(v))
		return fail(e, name, &at, "expected an array of strings");
	const char **list = arena_array(a, json_array_size(v) + 1, sizeof *list);
	size_t i;
	json_array_foreach(v, i, s) {
		if (!json_is_string(s) || !*json_string_value(s)) {
			jpath_push_index(&at, i);
			return fail(e, name, &at, "expected a non-empty string");
		}
		list[i] = arena_strdup(a, json_string_value(s));
	}
	*out = (struct cat_strs){ list, json_array_size(v) };
	return IPM_OK;
}

static bool factor_known(const struct match_factors *fs, const char *id)
{
	for (size_t i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].id, id) == 0)
			return true;
	return false;
}

static int ratings(const char *name, const json_t *obj, const struct match_factors *fs,
		   struct match_needs_file *out, struct arena *a, struct err *e)
{
	struct jpath at;
	jpath_root(&at);
	jpath_push_key(&at, "ratings");
	if (!json_is_object(obj))
		return fail(e, name, &at, obj ? "expected an object of factor ratings"
					       : "missing: an object of factor ratings");
	size_t n = json_object_size(obj), k = 0;
	const char **ids = arena_array(a, n + 1, sizeof *ids);
	int *v = arena_array(a, n + 1, sizeof *v);
	const char *key;
	const json_t *r;
	json_object_foreach((json_t *)obj, key, r) {
		struct jpath here = at;
		jpath_push_key(&here, key);
		if (!factor_known(fs, key))
			return fail(e, name, &here, "unknown factor of the factor catalogue");
		if (json_is_null(r))
			continue;
		if (!json_is_integer(r) || json_integer_value(r) < -2 || json_integer_value(r) > 2)
			return fail(e, name, &here, "expected a whole number from -2 to 2, or null");
		ids[k] = arena_strdup(a, key);
		v[k++] = (int)json_integer_value(r);
	}
	out->factors = (struct cat_strs){ ids, k };
	out->ratings = v;
	return IPM_OK;
}

int match_needs_json_parse(const char *name, const char *text, size_t len,
			   const struct match_factors *fs, struct match_needs_file *out,
			   struct arena *a, struct err *e)
{
	static const char *const keys[] = { "ratings", "gemeente", "wijk", "target_groups",
					    "tiles", "kenmerken" };
	json_t *doc = NULL;
	struct match_needs_file f = { 0 };
	int rc = json_parse_text(name, text, len, &doc, e);
	if (rc)
		return rc;
	struct jpath at;
	jpath_root(&at);
	if (!json_is_object(doc)) {
		rc = fail(e, name, &at, "expected an object");
		goto out;
	}
	const char *key;
	const json_t *v;
	json_object_foreach(doc, key, v) {
		bool known = false;
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			known |= strcmp(keys[i], key) == 0;
		if (!known) {
			jpath_push_key(&at, key);
			rc = fail(e, name, &at, "unknown key");
			goto out;
		}
	}
	if ((rc = ratings(name, json_object_get(doc, "ratings"), fs, &f, a, e)) ||
	    (rc = opt_string(name, doc, "gemeente", &f.gemeente, a, e)) ||
	    (rc = opt_string(name, doc, "wijk", &f.wijk, a, e)) ||
	    (rc = opt_strings(name, doc, "target_groups", &f.target_groups, a, e)) ||
	    (rc = opt_strings(name, doc, "tiles", &f.tiles, a, e)) ||
	    (rc = opt_strings(name, doc, "kenmerken", &f.kenmerken, a, e)))
		goto out;
	*out = f;
out:
	json_decref(doc);
	return rc;
}
