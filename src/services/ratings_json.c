#include "services/ratings_json.h"
#include "core/json.h"
#include "services/person_period_csv.h"

#include <string.h>

struct rj {
	const char *name;
	const struct prog_model *m;
	struct jpath path;
	struct err *e;
};

static int fail(struct rj *r, const char *msg)
{
	return err_set(r->e, IPM_EINVAL, "%s: %s: %s", r->name, r->path.s, msg);
}

/* A whole number in min..max; fails with `expected` otherwise. */
static int whole(struct rj *r, const json_t *v, long min, long max, const char *expected,
		 long *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return fail(r, expected);
	*out = (long)json_integer_value(v);
	return IPM_OK;
}

static bool in_catalogue(const struct pack *factors, const char *id)
{
	const json_t *arr = factors ? json_object_get(factors->doc, "factors") : NULL;
	for (size_t i = 0; i < json_array_size(arr); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(arr, i), "id")), id) == 0)
			return true;
	return false;
}

static int rating(struct rj *r, const char *key, const json_t *v, const struct pack *factors,
		  struct prog_input *in)
{
	int k = -1;
	for (size_t i = 0; i < r->m->n_features && k < 0; i++) {
		const struct prog_feature *f = &r->m->features[i];
		if (f->kind == PROG_FACTOR && f->ref && strcmp(f->ref, key) == 0)
			k = (int)i;
	}
	if (k < 0) {
		if (in_catalogue(factors, key))
			return IPM_OK; /* rated for the profile; this model does not use it */
		struct buf msg = BUF_INIT;
		if (r->m->factors_pack)
			buf_printf(&msg, "unknown factor (not in the catalogue %s)",
				   r->m->factors_pack);
		else
			buf_printf(&msg, "unknown factor (not a feature of %s@%s)", r->m->pack_id,
				   r->m->version);
		int rc = fail(r, buf_str(&msg));
		buf_free(&msg);
		return rc;
	}
	if (json_is_null(v))
		return IPM_OK;
	const struct prog_feature *f = &r->m->features[k];
	struct buf msg = BUF_INIT;
	buf_printf(&msg, "expected a whole number from %g to %g, or null", f->min, f->max);
	long value = 0;
	int rc = whole(r, v, (long)f->min, (long)f->max, buf_str(&msg), &value);
	buf_free(&msg);
	if (rc)
		return rc;
	in->x[k] = (double)value;
	in->given[k] = true;
	return IPM_OK;
}

static int parse_doc(struct rj *r, const json_t *doc, const struct pack *factors,
		     struct prog_input *in)
{
	int rc = IPM_OK;
	if (!json_is_object(doc))
		return fail(r, "expected an object with months_unemployed, age and ratings");
	bool has_months = false;
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)doc, key, v) {
		size_t mark = jpath_push_key(&r->path, key);
		long n = 0;
		if (strcmp(key, "months_unemployed") == 0) {
			rc = whole(r, v, 0, PP_PERIOD_MAX,
				   "expected whole months from 0 to 600", &n);
			in->months = (int)n;
			has_months = true;
		} else if (strcmp(key, "age") == 0) {
			rc = whole(r, v, RATINGS_AGE_MIN, RATINGS_AGE_MAX,
				   "expected whole years from 15 to 100", &n);
			if (!rc)
				prog_input_set_age(r->m, (int)n, in);
		} else if (strcmp(key, "ratings") == 0) {
			if (!json_is_object(v))
				rc = fail(r, "expected an object of factor id: rating");
			const char *fid;
			json_t *fv;
			json_object_foreach(v, fid, fv) {
				if (rc)
					break;
				size_t m2 = jpath_push_key(&r->path, fid);
				rc = rating(r, fid, fv, factors, in);
				jpath_pop(&r->path, m2);
			}
		} else {
			rc = fail(r, "unknown field (expected months_unemployed, age or ratings)");
		}
		jpath_pop(&r->path, mark);
		if (rc)
			return rc;
	}
	if (!has_months)
		return fail(r, "missing months_unemployed (whole months without work so far)");
	return IPM_OK;
}

int ratings_json_parse(const char *name, const char *text, size_t len,
		       const struct prog_model *m, const struct pack *factors,
		       struct prog_input *out, struct err *e)
{
	json_t *doc = NULL;
	int rc = json_parse_text(name, text, len, &doc, e);
	if (rc)
		return rc;
	struct rj r = { .name = name, .m = m, .e = e };
	jpath_root(&r.path);
	struct prog_input in;
	memset(&in, 0, sizeof in);
	rc = parse_doc(&r, doc, factors, &in);
	if (rc == IPM_OK)
		*out = in;
	json_decref(doc);
	return rc;
}
