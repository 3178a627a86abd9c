#include "pack/schema.h"
#include "core/buf.h"
#include "core/embedded.h"
#include "core/json.h"

#include <pthread.h>
#include <regex.h>
#include <string.h>

#define SCHEMA_DIR "data/schemas/"
/* $ref chains that do not descend into the document; more is a loop. */
#define MAX_REF_HOPS 16

/* --- the registry: parsed once, read-only afterwards ---------------------- */

static pthread_once_t registry_once = PTHREAD_ONCE_INIT;
static json_t *registry;         /* file name -> schema */
static struct err registry_err;

static int meta_check(const json_t *root, const json_t *s, struct jpath *p, struct err *e);

static void registry_load(void)
{
	registry = json_object();
	for (size_t i = 0; i < embedded_count; i++) {
		const struct embedded_file *f = &embedded_files[i];
		if (strncmp(f->name, SCHEMA_DIR, strlen(SCHEMA_DIR)) != 0)
			continue;
		json_t *s;
		if (json_parse_text(f->name, (const char *)f->data, f->len, &s, &registry_err)) {
			err_prefix(&registry_err, "internal");
			registry_err.code = IPM_EIO;
			return;
		}
		json_object_set_new(registry, f->name + strlen(SCHEMA_DIR), s);
	}
	const char *name;
	json_t *s;
	json_object_foreach(registry, name, s) {
		struct jpath p;
		jpath_root(&p);
		if (meta_check(s, s, &p, &registry_err)) {
			err_prefix(&registry_err, "internal: %s%s", SCHEMA_DIR, name);
			registry_err.code = IPM_EIO;
			return;
		}
	}
}

int schema_registry_check(struct err *e)
{
	pthread_once(&registry_once, registry_load);
	if (registry_err.code)
		return err_set(e, registry_err.code, "%s", registry_err.msg);
	return IPM_OK;
}

const json_t *schema_find(const char *file)
{
	if (schema_registry_check(NULL))
		return NULL;
	return json_object_get(registry, file);
}

/* "#/$defs/NAME", "FILE", "FILE#/$defs/NAME": the only $ref forms; anything
 * else resolves to NULL. `*root` switches to FILE's schema. */
static const json_t *resolve_ref(const char *ref, const json_t **root)
{
	const char *hash = strchr(ref, '#');
	size_t file_len = hash ? (size_t)(hash - ref) : strlen(ref);
	const json_t *target = *root;
	if (file_len) {
		char file[128];
		if (file_len >= sizeof file)
			return NULL;
		memcpy(file, ref, file_len);
		file[file_len] = '\0';
		target = json_object_get(registry, file);
		if (!target)
			return NULL;
	}
	*root = target;
	if (!hash || hash[1] == '\0')
		return target;
	if (strncmp(hash, "#/$defs/", 8) != 0)
		return NULL;
	return json_object_get(json_object_get(target, "$defs"), hash + 8);
}

/* --- checking the schemas themselves ------------------------------------ */

static const char *const type_names[] = { "object", "array",   "string", "integer",
					  "number", "boolean", "null" };

static int is_type_name(const json_t *t)
{
	for (size_t i = 0; i < sizeof type_names / sizeof type_names[0]; i++)
		if (json_is_string(t) && strcmp(json_string_value(t), type_names[i]) == 0)
			return 1;
	return 0;
}

static int meta_type(const json_t *v)
{
	if (json_is_string(v))
		return is_type_name(v);
	if (!json_is_array(v) || json_array_size(v) == 0)
		return 0;
	size_t i;
	json_t *t;
	json_array_foreach(v, i, t)
		if (!is_type_name(t))
			return 0;
	return 1;
}

static int meta_strings(const json_t *v)
{
	size_t i;
	json_t *t;
	if (!json_is_array(v))
		return 0;
	json_array_foreach(v, i, t)
		if (!json_is_string(t))
			return 0;
	return 1;
}

static int meta_count(const json_t *v)
{
	return json_is_integer(v) && json_integer_value(v) >= 0;
}

static int meta_pattern(const json_t *v)
{
	regex_t re;
	if (!json_is_string(v) || regcomp(&re, json_string_value(v), REG_EXTENDED | REG_NOSUB))
		return 0;
	regfree(&re);
	return 1;
}

static int meta_schema_map(const json_t *root, const json_t *v, struct jpath *p,
			   struct err *e)
{
	if (!json_is_object(v))
		return err_set(e, IPM_EIO, "%s: expected an object of schemas", p->s);
	const char *key;
	json_t *sub;
	json_object_foreach((json_t *)v, key, sub) {
		size_t mark = jpath_push_key(p, key);
		int rc = meta_check(root, sub, p, e);
		jpath_pop(p, mark);
		if (rc)
			return rc;
	}
	return IPM_OK;
}

/* Every keyword known and well-formed, every $ref resolvable: a typo such
 * as "requried" in a schema would otherwise silently check nothing. */
static int meta_check(const json_t *root, const json_t *s, struct jpath *p, struct err *e)
{
	if (json_is_boolean(s))
		return IPM_OK;
	if (!json_is_object(s))
		return err_set(e, IPM_EIO, "%s: a schema must be an object or a boolean", p->s);
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)s, key, v) {
		size_t mark = jpath_push_key(p, key);
		int ok = 1, rc = IPM_OK;
		if (!strcmp(key, "properties") || !strcmp(key, "$defs")) {
			rc = meta_schema_map(root, v, p, e);
		} else if (!strcmp(key, "items") || !strcmp(key, "additionalProperties")) {
			rc = meta_check(root, v, p, e);
		} else if (!strcmp(key, "$ref")) {
			const json_t *r = root;
			ok = json_is_string(v) && resolve_ref(json_string_value(v), &r);
		} else if (!strcmp(key, "type")) {
			ok = meta_type(v);
		} else if (!strcmp(key, "required")) {
			ok = meta_strings(v);
		} else if (!strcmp(key, "enum")) {
			ok = json_is_array(v) && json_array_size(v) > 0;
		} else if (!strcmp(key, "minLength") || !strcmp(key, "maxLength") ||
			   !strcmp(key, "minItems") || !strcmp(key, "maxItems")) {
			ok = meta_count(v);
		} else if (!strcmp(key, "minimum") || !strcmp(key, "maximum") ||
			   !strcmp(key, "exclusiveMinimum") || !strcmp(key, "exclusiveMaximum")) {
			ok = json_is_number(v);
		} else if (!strcmp(key, "pattern")) {
			ok = meta_pattern(v);
		} else if (!strcmp(key, "x-ipm-expected")) {
			ok = json_is_string(v);
		} else if (!strcmp(key, "uniqueItems") || !strcmp(key, "x-ipm-translated")) {
			ok = json_is_boolean(v);
		} else if (strcmp(key, "const") && strcmp(key, "$schema") && strcmp(key, "$id") &&
			   strcmp(key, "$comment") && strcmp(key, "title") &&
			   strcmp(key, "description") && strcmp(key, "examples") &&
			   strcmp(key, "default")) {
			rc = err_set(e, IPM_EIO, "%s: unsupported keyword", p->s);
		}
		if (!ok)
			rc = err_set(e, IPM_EIO, "%s: malformed value", p->s);
		jpath_pop(p, mark);
		if (rc)
			return rc;
	}
	return IPM_OK;
}

/* --- validating a document ---------------------------------------------- */

struct walk {
	const json_t *root; /* the schema file that "#/..." refers to */
	const json_t *languages;
	struct diag *d;
	struct jpath path;
	int hops;
};

static void check(struct walk *w, const json_t *s, const json_t *v);

static int type_matches(const char *t, const json_t *v)
{
	if (!strcmp(t, "integer"))
		return json_is_integer(v);
	if (!strcmp(t, "number"))
		return json_is_number(v);
	if (!strcmp(t, "boolean"))
		return json_is_boolean(v);
	return strcmp(t, json_type_name(v)) == 0;
}

static int check_type(struct walk *w, const json_t *type, const json_t *v)
{
	if (json_is_string(type)) {
		if (type_matches(json_string_value(type), v))
			return 1;
		diag_add(w->d, &w->path, "expected %s, got %s", json_string_value(type),
			 json_type_name(v));
		return 0;
	}
	size_t i;
	json_t *t;
	json_array_foreach(type, i, t)
		if (type_matches(json_string_value(t), v))
			return 1;
	struct buf names = BUF_INIT;
	json_array_foreach(type, i, t)
		buf_printf(&names, "%s%s", i ? " or " : "", json_string_value(t));
	diag_add(w->d, &w->path, "expected %s, got %s", buf_str(&names), json_type_name(v));
	buf_free(&names);
	return 0;
}

static void check_enum(struct walk *w, const json_t *values, const json_t *v)
{
	size_t i;
	json_t *x;
	json_array_foreach(values, i, x)
		if (json_equal(x, (json_t *)v))
			return;
	struct buf list = BUF_INIT;
	json_array_foreach(values, i, x) {
		if (i)
			buf_puts(&list, ", ");
		json_to_buf(x, &list, 0);
	}
	diag_add(w->d, &w->path, "expected one of %s", buf_str(&list));
	buf_free(&list);
}

static void check_const(struct walk *w, const json_t *c, const json_t *v)
{
	if (json_equal((json_t *)c, (json_t *)v))
		return;
	struct buf text = BUF_INIT;
	json_to_buf(c, &text, 0);
	diag_add(w->d, &w->path, "expected %s", buf_str(&text));
	buf_free(&text);
}

static size_t utf8_length(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* minLength/maxLength and minItems/maxItems: `n` against the bounds. */
static void check_count(struct walk *w, const json_t *s, const char *min_kw,
			const char *max_kw, size_t n, const char *unit)
{
	const json_t *min = json_object_get(s, min_kw);
	const json_t *max = json_object_get(s, max_kw);
	json_int_t bound = 0;
	const char *what = NULL;
	if (min && (json_int_t)n < json_integer_value(min))
		bound = json_integer_value(min), what = "at least";
	else if (max && (json_int_t)n > json_integer_value(max))
		bound = json_integer_value(max), what = "at most";
	if (what)
		diag_add(w->d, &w->path, "expected %s %lld %s%s, got %zu", what, (long long)bound,
			 unit, bound == 1 ? "" : "s", n);
}

static void check_string(struct walk *w, const json_t *s, const json_t *v)
{
	const char *str = json_string_value(v);
	size_t n = utf8_length(str);
	const json_t *pat = json_object_get(s, "pattern");
	check_count(w, s, "minLength", "maxLength", n, "character");
	if (pat) {
		regex_t re;
		if (regcomp(&re, json_string_value(pat), REG_EXTENDED | REG_NOSUB) == 0) {
			const char *hint = json_string_value(json_object_get(s, "x-ipm-expected"));
			int miss = regexec(&re, str, 0, NULL, 0) != 0;
			if (miss && hint)
				diag_add(w->d, &w->path, "expected %s", hint);
			else if (miss)
				diag_add(w->d, &w->path, "does not match the pattern \"%s\"",
					 json_string_value(pat));
			regfree(&re);
		}
	}
}

static void check_bound(struct walk *w, const json_t *s, const char *keyword,
			const char *op, const json_t *v)
{
	const json_t *bound = json_object_get(s, keyword);
	if (!bound)
		return;
	double x = json_number_value(v), b = json_number_value(bound);
	int ok;
	if (op[0] == '>')
		ok = op[1] == '=' ? x >= b : x > b;
	else
		ok = op[1] == '=' ? x <= b : x < b;
	if (ok)
		return;
	struct buf text = BUF_INIT;
	buf_printf(&text, "expected a value %s ", op);
	diag_put_number(&text, bound);
	buf_puts(&text, ", got ");
	diag_put_number(&text, v);
	diag_add(w->d, &w->path, "%s", buf_str(&text));
	buf_free(&text);
}

static void check_array(struct walk *w, const json_t *s, const json_t *v)
{
	size_t n = json_array_size(v);
	check_count(w, s, "minItems", "maxItems", n, "item");
	int unique = json_is_true(json_object_get(s, "uniqueItems"));
	const json_t *items = json_object_get(s, "items");
	for (size_t i = 0; i < n; i++) {
		const json_t *x = json_array_get(v, i);
		size_t mark = jpath_push_index(&w->path, i);
		for (size_t j = 0; unique && j < i; j++) {
			if (json_equal((json_t *)x, json_array_get(v, j))) {
				diag_add(w->d, &w->path, "duplicate of item %zu", j);
				break;
			}
		}
		if (items)
			check(w, items, x);
		jpath_pop(&w->path, mark);
	}
}

static void check_translated(struct walk *w, const json_t *v)
{
	size_t i;
	json_t *lang;
	json_array_foreach(w->languages, i, lang)
		if (json_is_string(lang) && !json_object_get(v, json_string_value(lang)))
			diag_add(w->d, &w->path, "missing the \"%s\" text ($.languages lists it)",
				 json_string_value(lang));
}

static void check_object(struct walk *w, const json_t *s, const json_t *v)
{
	const json_t *required = json_object_get(s, "required");
	const json_t *props = json_object_get(s, "properties");
	const json_t *extra = json_object_get(s, "additionalProperties");
	size_t i;
	json_t *name;
	json_array_foreach(required, i, name)
		if (!json_object_get(v, json_string_value(name)))
			diag_add(w->d, &w->path, "missing required property \"%s\"",
				 json_string_value(name));
	if (json_is_true(json_object_get(s, "x-ipm-translated")) && w->languages)
		check_translated(w, v);
	const char *key;
	json_t *x;
	json_object_foreach((json_t *)v, key, x) {
		const json_t *sub = json_object_get(props, key);
		size_t mark = jpath_push_key(&w->path, key);
		if (sub)
			check(w, sub, x);
		else if (json_is_false(extra))
			diag_add(w->d, &w->path, "unknown property");
		else if (extra)
			check(w, extra, x);
		jpath_pop(&w->path, mark);
	}
}

static void check_ref(struct walk *w, const char *ref, const json_t *v)
{
	const json_t *saved_root = w->root;
	const json_t *target = resolve_ref(ref, &w->root);
	if (!target || w->hops >= MAX_REF_HOPS) {
		diag_add(w->d, &w->path, "internal: schema $ref \"%s\" does not resolve or loops",
			 ref);
	} else {
		w->hops++;
		check(w, target, v);
		w->hops--;
	}
	w->root = saved_root;
}

static void check(struct walk *w, const json_t *s, const json_t *v)
{
	if (json_is_false(s)) {
		diag_add(w->d, &w->path, "not allowed here");
		return;
	}
	if (!json_is_object(s))
		return;
	int hops = w->hops;
	const json_t *ref = json_object_get(s, "$ref");
	if (ref)
		check_ref(w, json_string_value(ref), v);
	/* Descending into the document restarts the count of $ref hops. */
	w->hops = 0;
	const json_t *type = json_object_get(s, "type");
	if (type && !check_type(w, type, v))
		goto out; /* the other keywords would only repeat the type error */
	const json_t *c = json_object_get(s, "const");
	const json_t *values = json_object_get(s, "enum");
	if (c)
		check_const(w, c, v);
	if (values)
		check_enum(w, values, v);
	if (json_is_string(v))
		check_string(w, s, v);
	if (json_is_number(v)) {
		check_bound(w, s, "minimum", ">=", v);
		check_bound(w, s, "exclusiveMinimum", ">", v);
		check_bound(w, s, "maximum", "<=", v);
		check_bound(w, s, "exclusiveMaximum", "<", v);
	}
	if (json_is_array(v))
		check_array(w, s, v);
	if (json_is_object(v))
		check_object(w, s, v);
out:
	w->hops = hops;
}

int schema_validate_json(const json_t *schema, const json_t *doc, const json_t *languages,
			 struct diag *d, struct err *e)
{
	int rc = schema_registry_check(e);
	if (rc)
		return rc;
	struct walk w = { .root = schema, .languages = languages, .d = d };
	jpath_root(&w.path);
	check(&w, schema, doc);
	return IPM_OK;
}

int schema_validate(const char *file, const json_t *doc, const json_t *languages,
		    struct diag *d, struct err *e)
{
	const json_t *root = schema_find(file);
	if (!root && schema_registry_check(e))
		return e ? e->code : IPM_EIO;
	if (!root)
		return err_set(e, IPM_EIO, "internal: no schema %s%s", SCHEMA_DIR, file);
	return schema_validate_json(root, doc, languages, d, e);
}

int schema_meta_check(const json_t *schema, struct err *e)
{
	int rc = schema_registry_check(e);
	if (rc)
		return rc;
	struct jpath p;
	jpath_root(&p);
	return meta_check(schema, schema, &p, e);
}
