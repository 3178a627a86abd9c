#include "services/retention.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/fs.h"
#include "core/json.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* --- the policy file ---------------------------------------------------- */

struct rp {
	const char *name;
	struct jpath path;
	struct err *e;
};

static int fail(struct rp *r, const char *msg)
{
	return err_set(r->e, IPM_EINVAL, "%s: %s: %s", r->name, r->path.s, msg);
}

/* Only the keys in `allowed` ("|a|b|"): a misspelt key would otherwise be
 * a period silently not applied. */
static int keys_only(struct rp *r, const json_t *o, const char *allowed)
{
	const char *key;
	json_t *v;
	struct buf want = BUF_INIT;
	int rc = IPM_OK;
	json_object_foreach((json_t *)o, key, v)
	{
		buf_reset(&want);
		buf_printf(&want, "|%s|", key);
		if (strchr(key, '|') || !strstr(allowed, buf_str(&want))) {
			size_t mark = jpath_push_key(&r->path, key);
			rc = fail(r, "unknown key");
			jpath_pop(&r->path, mark);
			break;
		}
	}
	buf_free(&want);
	return rc;
}

static int years(struct rp *r, const json_t *o, const char *key, int *out)
{
	size_t mark = jpath_push_key(&r->path, key);
	const json_t *v = json_object_get(o, key);
	int rc = IPM_OK;
	if (!v)
		rc = fail(r, "required");
	else if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		 json_integer_value(v) > RETENTION_MAX_YEARS)
		rc = fail(r, "expected a whole number of years from 0 to 100");
	else
		*out = (int)json_integer_value(v);
	jpath_pop(&r->path, mark);
	return rc;
}

static int rule(struct rp *r, const json_t *o, const char *allowed, struct retention_rule *out)
{
	if (!json_is_object(o))
		return fail(r, "expected an object");
	int rc = keys_only(r, o, allowed);
	if (rc == IPM_OK)
		rc = years(r, o, "years_after_end", &out->years_after_end);
	if (rc == IPM_OK)
		rc = years(r, o, "years_after_last_activity", &out->years_after_last_activity);
	return rc;
}

static int orgs(struct rp *r, const json_t *arr, struct retention_policy *p)
{
	if (!json_is_array(arr))
		return fail(r, "expected an array");
	p->n_orgs = json_array_size(arr);
	p->orgs = xcalloc(p->n_orgs ? p->n_orgs : 1, sizeof *p->orgs);
	int rc = IPM_OK;
	for (size_t i = 0; i < p->n_orgs && rc == IPM_OK; i++) {
		size_t mark = jpath_push_index(&r->path, i);
		const json_t *o = json_array_get(arr, i);
		rc = rule(r, o, "|org_id|years_after_end|years_after_last_activity|note|",
			  &p->orgs[i].rule);
		if (rc == IPM_OK) {
			size_t m2 = jpath_push_key(&r->path, "org_id");
			const json_t *id = json_object_get(o, "org_id");
			if (!id || !json_is_integer(id) || json_integer_value(id) < 1)
				rc = fail(r, "expected an organisation id (a whole number from 1)");
			else
				p->orgs[i].org_id = json_integer_value(id);
			for (size_t k = 0; k < i && rc == IPM_OK; k++)
				if (p->orgs[k].org_id == p->orgs[i].org_id)
					rc = fail(r, "organisation given twice");
			jpath_pop(&r->path, m2);
		}
		jpath_pop(&r->path, mark);
	}
	return rc;
}

static int policy_doc(struct rp *r, const json_t *doc, struct retention_policy *p)
{
	if (!json_is_object(doc))
		return fail(r, "expected an object");
	int rc = keys_only(r, doc, "|policy|version|basis|default|organisations|");
	if (rc)
		return rc;
	size_t mark = jpath_push_key(&r->path, "policy");
	const json_t *v = json_object_get(doc, "policy");
	if (!json_is_string(v) || strcmp(json_string_value(v), "ipm-retention") != 0)
		rc = fail(r, "expected \"ipm-retention\"");
	jpath_pop(&r->path, mark);
	if (rc)
		return rc;
	mark = jpath_push_key(&r->path, "version");
	v = json_object_get(doc, "version");
	if (!json_is_integer(v) || json_integer_value(v) != 1)
		rc = fail(r, "expected 1 (the only version of this format)");
	jpath_pop(&r->path, mark);
	if (rc)
		return rc;
	mark = jpath_push_key(&r->path, "basis");
	v = json_object_get(doc, "basis");
	if (!json_is_string(v) || !json_string_length(v))
		rc = fail(r, "required: say why these periods apply (text)");
	else
		p->basis = xstrdup(json_string_value(v));
	jpath_pop(&r->path, mark);
	if (rc)
		return rc;
	mark = jpath_push_key(&r->path, "default");
	v = json_object_get(doc, "default");
	rc = v ? rule(r, v, "|years_after_end|years_after_last_activity|", &p->def)
	       : fail(r, "required");
	jpath_pop(&r->path, mark);
	if (rc)
		return rc;
	v = json_object_get(doc, "organisations");
	if (v) {
		mark = jpath_push_key(&r->path, "organisations");
		rc = orgs(r, v, p);
		jpath_pop(&r->path, mark);
	}
	return rc;
}

void retention_policy_free(struct retention_policy *p)
{
	if (!p)
		return;
	free(p->orgs);
	free(p->basis);
	*p = (struct retention_policy){ 0 };
}

int retention_policy_parse(const char *name, const char *text, size_t len,
			   struct retention_policy *out, struct err *e)
{
	json_t *doc = NULL;
	int rc = json_parse_text(name, text, len, &doc, e);
	if (rc)
		return rc;
	struct rp r = { .name = name, .e = e };
	jpath_root(&r.path);
	struct retention_policy p = { 0 };
	rc = policy_doc(&r, doc, &p);
	json_decref(doc);
	if (rc) {
		retention_policy_free(&p);
		return rc;
	}
	*out = p;
	return IPM_OK;
}

int retention_policy_load(const char *path, struct retention_policy *out, struct err *e)
{
	struct buf text = BUF_INIT;
	int rc = fs_read_file(path, &text, e);
	if (rc == IPM_OK)
		rc = retention_policy_parse(path, text.data, text.len, out, e);
	buf_free(&text);
	return rc;
}

const struct retention_rule *retention_rule_for(const struct retention_policy *p,
						int64_t org_id)
{
	for (size_t i = 0; i < p->n_orgs; i++)
		if (p->orgs[i].org_id == org_id)
			return &p->orgs[i].rule;
	return &p->def;
}

/* --- one dossier ----------------------------------------------------------- */

static void put_date(char out[11], struct date d)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%04d-%02d-%02d", d.y, d.m, d.d);
	memcpy(out, b.data, 11);
	buf_free(&b);
}

/* The day `years` after d; 29 February goes to 1 March in a common year,
 * the rule date_years counts ages by (core/date.h). */
static struct date add_years(struct date d, int years)
{
	char s[11];
	struct date r;
	put_date(s, (struct date){ d.y + years, d.m, d.d });
	if (!date_parse(s, &r))
		r = (struct date){ d.y + years, 3, 1 };
	return r;
}

/* The day of an ISO-8601 timestamp (its first ten characters). */
static int day_of(const char *iso, const char *field, struct date *out, struct err *e)
{
	char day[11] = { 0 };
	if (iso && strlen(iso) >= 10)
		memcpy(day, iso, 10);
	if (!date_parse(day, out))
		return err_set(e, IPM_EINVAL, "retention: %s: not a date", field);
	return IPM_OK;
}

int retention_status(const struct retention_policy *p, const struct store_retention *r,
		     const char *today, struct retention_status *out, struct err *e)
{
	struct date from, now, hold;
	int rc = day_of(r->last_write, "last change", &from, e);
	if (rc == IPM_OK)
		rc = day_of(today, "today", &now, e);
	if (rc)
		return rc;
	const struct retention_rule *rule = retention_rule_for(p, r->org_id);
	*out = (struct retention_status){ .ended = r->last_outcome != NULL };
	out->years = out->ended ? rule->years_after_end : rule->years_after_last_activity;
	struct date until = add_years(from, out->years);
	if (r->retention_until) {
		if ((rc = day_of(r->retention_until, "clients.retention_until", &hold, e)))
			return rc;
		if (date_cmp(hold, until) > 0) {
			until = hold;
			out->held = 1;
		}
	}
	put_date(out->from, from);
	put_date(out->until, until);
	out->erasable = date_cmp(now, until) > 0;
	return IPM_OK;
}

struct erase_tx {
	const struct store_actor *who;
	const struct retention_policy *p;
	int64_t id;
	const char *today;
	struct retention_status *st;
};

static int erase_tx(struct store *s, void *ctx, struct err *e)
{
	struct erase_tx *x = ctx;
	struct arena a = ARENA_INIT;
	struct store_retention r;
	int rc = store_retention_get(s, x->who, x->id, &r, &a, e);
	if (rc == IPM_OK)
		rc = retention_status(x->p, &r, x->today, x->st, e);
	if (rc == IPM_OK && !x->st->erasable)
		rc = err_set(e, IPM_ECONFLICT,
			     "retention: the dossier is kept until %s; it cannot be erased before",
			     x->st->until);
	if (rc == IPM_OK)
		rc = store_client_erase(s, x->who, x->id, e);
	arena_free(&a);
	return rc;
}

int retention_erase(struct store *s, const struct store_actor *who,
		    const struct retention_policy *p, int64_t client_id, const char *today,
		    struct retention_status *st, struct err *e)
{
	struct retention_status local;
	struct erase_tx x = { who, p, client_id, today, st ? st : &local };
	return store_batch(s, "retention erase", erase_tx, &x, e);
}

/* --- every dossier ------------------------------------------------------------ */

struct due_item {
	int64_t id;
	char until[11];
};

struct due_walk {
	const struct retention_policy *p;
	const char *today;
	size_t checked;
	retention_due_fn fn;
	void *ctx;
};

static int due_row(void *ctx, const struct store_retention *r, struct err *e)
{
	struct due_walk *d = ctx;
	struct retention_status st;
	d->checked++;
	int rc = retention_status(d->p, r, d->today, &st, e);
	if (rc || !st.erasable)
		return rc;
	d->fn(d->ctx, r, &st);
	return IPM_OK;
}

int retention_due_each(struct store *s, const struct store_actor *who, int64_t org_id,
		       const struct retention_policy *p, const char *today, retention_due_fn fn,
		       void *ctx, size_t *checked, struct err *e)
{
	struct due_walk d = { p, today, 0, fn, ctx };
	int rc = store_retention_each(s, who, org_id, due_row, &d, e);
	*checked = d.checked;
	return rc;
}

struct due {
	struct due_item *ids;
	size_t n, cap;
	retention_due_fn fn;
	void *ctx;
};

static void collect(void *ctx, const struct store_retention *r, const struct retention_status *st)
{
	struct due *d = ctx;
	if (d->fn)
		d->fn(d->ctx, r, st);
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 16;
		d->ids = xrealloc(d->ids, d->cap * sizeof *d->ids);
	}
	d->ids[d->n].id = r->client_id;
	memcpy(d->ids[d->n].until, st->until, sizeof st->until);
	d->n++;
}

int retention_run(struct store *s, const struct store_actor *who,
		  const struct retention_policy *p, const char *today, int dry_run,
		  retention_due_fn fn, void *ctx, size_t *checked, size_t *erased, struct err *e)
{
	/* Collected first, erased after: a dossier is not deleted under the
	 * walk that reads the table. Each erasure checks its date again. */
	struct due d = { .fn = fn, .ctx = ctx };
	int rc = retention_due_each(s, who, 0, p, today, collect, &d, checked, e);
	*erased = 0;
	struct buf reason = BUF_INIT;
	for (size_t i = 0; i < d.n && rc == IPM_OK; i++) {
		if (dry_run) {
			(*erased)++;
			continue;
		}
		struct retention_status st;
		struct store_actor sys = *who;
		/* The reason names the date, never the person. */
		buf_reset(&reason);
		buf_printf(&reason, "retention policy: kept until %s", d.ids[i].until);
		sys.reason = buf_str(&reason);
		rc = retention_erase(s, &sys, p, d.ids[i].id, today, &st, e);
		if (rc == IPM_OK)
			(*erased)++;
	}
	buf_free(&reason);
	free(d.ids);
	return rc;
}
