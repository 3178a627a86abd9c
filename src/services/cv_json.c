#include "services/cv_json.h"
#include "core/buf.h"
#include "core/json.h"

#include <stdarg.h>
#include <string.h>

/* The parse in progress: the JSON path of the value being read, so every
 * message says where it is. */
struct rd {
	const char *name;
	struct jpath path;
	struct arena *a;
	struct err *e;
};

static int fail(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct rd *r, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	buf_printf(&msg, "%s: %s: ", r->name, r->path.s);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	err_set(r->e, IPM_EINVAL, "%s", buf_str(&msg));
	buf_free(&msg);
	return IPM_EINVAL;
}

/* The message at obj[key]: pushes the key, reports, pops. */
static int fail_at(struct rd *r, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail_at(struct rd *r, const char *key, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	size_t mark = jpath_push_key(&r->path, key);
	fail(r, "%s", buf_str(&msg));
	jpath_pop(&r->path, mark);
	buf_free(&msg);
	return IPM_EINVAL;
}

/* A property the format does not have is refused rather than ignored: a
 * misspelt "end" would otherwise turn a finished job into a current one. */
static int known_keys(struct rd *r, const json_t *obj, const char *const *allowed)
{
	const char *key;
	size_t key_len;
	json_t *v;
	json_object_keylen_foreach((json_t *)obj, key, key_len, v) {
		bool ok = strlen(key) == key_len;
		for (size_t i = 0; ok && allowed[i]; i++)
			if (strcmp(key, allowed[i]) == 0)
				goto next;
		return fail_at(r, key, "unknown property");
next:;
	}
	return IPM_OK;
}

/* obj[key], with null read as absent; a required absent one is an error. */
static int get(struct rd *r, const json_t *obj, const char *key, bool required, json_t **out)
{
	json_t *v = json_object_get(obj, key);
	*out = json_is_null(v) ? NULL : v;
	if (!*out && required)
		return fail(r, "missing required property \"%s\"", key);
	return IPM_OK;
}

static int want_type(struct rd *r, const char *key, const json_t *v, const char *type, bool ok)
{
	return ok ? IPM_OK : fail_at(r, key, "expected %s, got %s", type, json_type_name(v));
}

static int read_text(struct rd *r, const json_t *obj, const char *key, bool required,
		     const char **out)
{
	json_t *v;
	int rc = get(r, obj, key, required, &v);
	if (rc || !v)
		return rc;
	if ((rc = want_type(r, key, v, "string", json_is_string(v))))
		return rc;
	/* A NUL would silently cut the text short in C. */
	if (strlen(json_string_value(v)) != json_string_length(v))
		return fail_at(r, key, "contains a NUL character");
	*out = arena_strdup(r->a, json_string_value(v));
	return IPM_OK;
}

static int read_date(struct rd *r, const json_t *obj, const char *key, bool required,
		     struct date *out)
{
	json_t *v;
	int rc = get(r, obj, key, required, &v);
	if (rc || !v)
		return rc;
	if (!json_is_string(v) || !date_parse(json_string_value(v), out))
		return fail_at(r, key, "expected a date YYYY-MM-DD");
	return IPM_OK;
}

static int read_bool(struct rd *r, const json_t *obj, const char *key, bool *out)
{
	json_t *v;
	int rc = get(r, obj, key, true, &v);
	if (!rc)
		rc = want_type(r, key, v, "boolean", json_is_boolean(v));
	if (!rc)
		*out = json_is_true(v);
	return rc;
}

static int read_number(struct rd *r, const json_t *obj, const char *key, double *out)
{
	json_t *v;
	int rc = get(r, obj, key, true, &v);
	if (!rc)
		rc = want_type(r, key, v, "number", json_is_number(v));
	if (!rc)
		*out = json_number_value(v);
	return rc;
}

/* obj[key] as an array of at most `max` items (absent: none). */
static int read_array(struct rd *r, const json_t *obj, const char *key, size_t max,
		      json_t **out)
{
	int rc = get(r, obj, key, false, out);
	if (rc || !*out)
		return rc;
	if ((rc = want_type(r, key, *out, "array", json_is_array(*out))))
		return rc;
	if (json_array_size(*out) > max)
		return fail_at(r, key, "expected at most %zu items", max);
	return IPM_OK;
}

static int read_competences(struct rd *r, const json_t *obj, struct cv_job *job)
{
	json_t *list;
	int rc = read_array(r, obj, "competences", CV_JSON_MAX_COMPETENCES, &list);
	if (rc || !list)
		return rc;
	const char **codes = arena_array(r->a, json_array_size(list) + 1, sizeof *codes);
	size_t mark = jpath_push_key(&r->path, "competences");
	for (size_t i = 0; !rc && i < json_array_size(list); i++) {
		const json_t *v = json_array_get(list, i);
		size_t inner = jpath_push_index(&r->path, i);
		if (!json_is_string(v))
			rc = fail(r, "expected string, got %s", json_type_name(v));
		else if (strlen(json_string_value(v)) != json_string_length(v))
			rc = fail(r, "contains a NUL character");
		else
			codes[i] = arena_strdup(r->a, json_string_value(v));
		jpath_pop(&r->path, inner);
	}
	jpath_pop(&r->path, mark);
	job->competences = codes;
	job->n_competences = json_array_size(list);
	return rc;
}

static int read_job(struct rd *r, const json_t *obj, struct cv_job *job)
{
	static const char *const keys[] = { "start",    "end",   "employer", "sector",
					    "function", "hours", "paid",     "competences",
					    NULL };
	int rc = known_keys(r, obj, keys);
	if (!rc)
		rc = read_date(r, obj, "start", true, &job->start);
	if (!rc)
		rc = read_date(r, obj, "end", false, &job->end);
	if (!rc)
		rc = read_text(r, obj, "employer", false, &job->employer);
	if (!rc)
		rc = read_text(r, obj, "sector", true, &job->sector);
	if (!rc)
		rc = read_text(r, obj, "function", true, &job->function);
	if (!rc)
		rc = read_number(r, obj, "hours", &job->hours);
	if (!rc)
		rc = read_bool(r, obj, "paid", &job->paid);
	if (!rc)
		rc = read_competences(r, obj, job);
	return rc;
}

static int read_education(struct rd *r, const json_t *obj, struct cv_education *ed)
{
	static const char *const keys[] = { "level", "field", "start", "end", "diploma", NULL };
	int rc = known_keys(r, obj, keys);
	if (!rc)
		rc = read_text(r, obj, "level", true, &ed->level);
	if (!rc)
		rc = read_text(r, obj, "field", false, &ed->field);
	if (!rc)
		rc = read_date(r, obj, "start", false, &ed->start);
	if (!rc)
		rc = read_date(r, obj, "end", false, &ed->end);
	if (!rc)
		rc = read_bool(r, obj, "diploma", &ed->diploma);
	return rc;
}

/* Reads root[key][*] with `fn` into an arena array of `size`-byte elements. */
typedef int read_fn(struct rd *r, const json_t *obj, void *el);

static int read_list(struct rd *r, const json_t *root, const char *key, size_t max,
		     size_t size, read_fn *fn, void **out, size_t *n)
{
	json_t *list;
	int rc = read_array(r, root, key, max, &list);
	*n = list ? json_array_size(list) : 0;
	*out = arena_array(r->a, *n + 1, size);
	size_t mark = jpath_push_key(&r->path, key);
	for (size_t i = 0; !rc && i < *n; i++) {
		const json_t *v = json_array_get(list, i);
		size_t inner = jpath_push_index(&r->path, i);
		if (!json_is_object(v))
			rc = fail(r, "expected object, got %s", json_type_name(v));
		else
			rc = fn(r, v, (char *)*out + i * size);
		jpath_pop(&r->path, inner);
	}
	jpath_pop(&r->path, mark);
	return rc;
}

static int job_fn(struct rd *r, const json_t *obj, void *el)
{
	return read_job(r, obj, el);
}

static int education_fn(struct rd *r, const json_t *obj, void *el)
{
	return read_education(r, obj, el);
}

static int read_cv(struct rd *r, const json_t *root, struct cv *out)
{
	static const char *const keys[] = { "education", "work", NULL };
	if (!json_is_object(root))
		return fail(r, "expected object, got %s", json_type_name(root));
	int rc = known_keys(r, root, keys);
	void *education = NULL, *work = NULL;
	if (!rc)
		rc = read_list(r, root, "education", CV_JSON_MAX_EDUCATION,
			       sizeof(struct cv_education), education_fn, &education,
			       &out->n_education);
	if (!rc)
		rc = read_list(r, root, "work", CV_JSON_MAX_WORK, sizeof(struct cv_job), job_fn,
			       &work, &out->n_work);
	out->education = education;
	out->work = work;
	return rc;
}

int cv_json_parse(const char *name, const char *text, size_t len, const struct cv_vocab *vocab,
		  struct arena *a, struct cv *out, struct err *e)
{
	json_t *root = NULL;
	struct rd r = { .name = name, .a = a, .e = e };
	jpath_root(&r.path);
	struct cv cv = { 0 };
	int rc = json_parse_text(name, text, len, &root, e);
	if (rc)
		goto out;
	if ((rc = read_cv(&r, root, &cv)))
		goto out;
	/* The engine's rules name fields as paths below the root ("work[2].end"),
	 * which the JSON path spells "$.work[2].end". */
	if ((rc = cv_check(&cv, vocab, e))) {
		struct buf msg = BUF_INIT;
		buf_printf(&msg, "%s: $.%s", name, e->msg);
		err_set(e, rc, "%s", buf_str(&msg));
		buf_free(&msg);
		goto out;
	}
	*out = cv;
out:
	json_decref(root);
	return rc;
}
