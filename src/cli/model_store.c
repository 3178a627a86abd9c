/* ipm model fit --db, ipm model activate and ipm model list: models fitted
 * on the organisation's own dossiers, registered as new pack versions, and
 * activated explicitly with a reason (docs/prognosis.md, "In the database"). */
#include "cli/model_args.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/fs.h"
#include "core/timeutil.h"
#include "pack/pack_ref.h"
#include "services/prognosis_store.h"

#include <stdio.h>
#include <string.h>

/* --model, else the organisation's active model, else the default. */
static int base_spec(struct store *s, const struct model_args *a, struct buf *spec)
{
	struct arena arena = ARENA_INIT;
	const char *id = NULL, *version = NULL;
	struct err e = { 0 };
	int status = -1, rc = IPM_ENOTFOUND;
	if (a->given & MO_MODEL)
		buf_puts(spec, a->model);
	else if (a->org && (rc = store_model_active(s, a->org, &id, &version, &arena, &e)) == IPM_OK)
		buf_printf(spec, "%s@%s", id, version);
	else if (rc == IPM_ENOTFOUND)
		buf_puts(spec, MODEL_DEFAULT);
	else
		status = cli_fail(rc, e.msg);
	arena_free(&arena);
	return status;
}

/* Where the rows came from, as the fitted pack's fitted_on and the
 * validation print it. */
static void source_name(const struct model_args *a, struct buf *out)
{
	if (a->org)
		buf_printf(out, "the database, organisation %lld", (long long)a->org);
	else
		buf_puts(out, "the database, every organisation");
}

/* The store, the actor and the base model. -1 to go on, else the exit status. */
static int open_base(const struct model_args *a, struct store **st, struct store_actor *who,
		     struct model_set *s)
{
	struct buf spec = BUF_INIT;
	struct err e = { 0 };
	int status = cli_store_open(a->db, st);
	if (status >= 0 || (status = cli_actor(*st, a->user, who)) >= 0 ||
	    (status = base_spec(*st, a, &spec)) >= 0)
		goto out;
	int rc = model_set_from_store(*st, buf_str(&spec), s, &e);
	if (rc)
		status = cli_fail(rc, e.msg);
out:
	buf_free(&spec);
	return status;
}

/* --date (checked by pp_from_store), else today in `buf`. */
static const char *as_of(const struct model_args *a, char buf[TIME_ISO_LEN])
{
	time_now_iso(buf);
	buf[10] = '\0';
	return a->date ? a->date : buf;
}

static int fit_and_register(struct store *st, const struct model_args *a,
			    const struct store_actor *who, const struct model_set *s,
			    const char *today)
{
	struct pp_table t = { 0 };
	struct pp_store_counts n;
	struct arena arena = ARENA_INIT;
	struct buf text = BUF_INIT, version = BUF_INIT, source = BUF_INIT;
	struct err e = { 0 };
	struct fit_result r;
	int status = -1;
	int rc = pp_from_store(st, who, a->org, s->m, today, &t, &n, &e);
	if (rc) {
		status = cli_fail(rc, e.msg);
		goto out;
	}
	printf("%zu clients with a completed factor assessment: %zu followed (%zu until work, "
	       "%zu until their route ended without work, %zu still waiting on %s), %zu assessed "
	       "too recently to have a month observed, %zu left out (no benefit_start, the wait "
	       "ended before the assessment or without work within its first month, or too "
	       "long)\n",
	       n.clients, n.used, n.work, n.ended, n.used - n.work - n.ended, today, n.too_new,
	       n.skipped);
	if (!t.d.rows) {
		status = cli_fail(IPM_EINVAL, "no month of any client observed yet: nothing to fit");
		goto out;
	}
	/* An organisation rarely has clients in every duration bucket. */
	struct fit_opts fo = { .ridge = a->ridge, .drop_empty_buckets = true };
	if ((rc = fit_cloglog(&t.d, &fo, &arena, &r, &e))) {
		status = cli_fail(rc, e.msg);
		goto out;
	}
	model_print_fit(s->m, &t, &r, a->ridge);
	if (!r.converged) {
		status = cli_fail(IPM_EINVAL, "the fit did not converge (try --ridge)");
		goto out;
	}
	source_name(a, &source);
	struct model_fit_meta meta = { .version = a->version, .date = today, .ridge = a->ridge,
				       .data_name = buf_str(&source) };
	if ((rc = model_register_fitted(st, s, &r, &meta, &text, &version, &e)) ||
	    (a->out && (rc = fs_write_atomic(a->out, text.data, text.len, &e)))) {
		status = cli_fail(rc, e.msg);
		goto out;
	}
	printf("\nregistered %s@%s (calibrated); it is not active: ipm model activate %s@%s "
	       "--org ID --reason TEXT\n",
	       s->model->id, buf_str(&version), s->model->id, buf_str(&version));
	status = 0;
out:
	buf_free(&source);
	buf_free(&version);
	buf_free(&text);
	arena_free(&arena);
	pp_table_free(&t);
	return status;
}

int cmd_model_fit_store(const struct model_args *a)
{
	struct store *st = NULL;
	struct model_set s = { 0 };
	struct store_actor who;
	char now[TIME_ISO_LEN];
	const char *today = as_of(a, now);
	int status = open_base(a, &st, &who, &s);
	if (status < 0)
		status = fit_and_register(st, a, &who, &s, today);
	fflush(stdout);
	model_set_free(&s);
	store_close(st);
	return status;
}

int model_store_rows(const struct model_args *a, struct model_set *s, struct pp_table *t,
		     struct buf *name)
{
	struct store *st = NULL;
	struct store_actor who;
	struct pp_store_counts n;
	struct err e = { 0 };
	char now[TIME_ISO_LEN];
	const char *today = as_of(a, now);
	int status = open_base(a, &st, &who, s);
	if (status >= 0)
		goto out;
	int rc = pp_from_store(st, &who, a->org, s->m, today, t, &n, &e);
	if (rc) {
		status = cli_fail(rc, e.msg);
		goto out;
	}
	source_name(a, name);
	buf_printf(name, " (%zu of %zu clients followed, as of %s)", n.used, n.clients, today);
out:
	store_close(st);
	return status;
}

int cmd_model_activate(int argc, char **argv)
{
	struct model_args a;
	int status = model_args_parse(argc, argv, MO_SPEC | MO_DB | MO_ORG | MO_REASON | MO_USER,
				      model_usage(), &a);
	if (status >= 0)
		return status;
	struct pack_ref ref;
	const char *at = strchr(a.spec, '@');
	if (pack_ref_parse(a.spec, &ref) != IPM_OK || !ref.has_version)
		return cli_fail(IPM_EINVAL, "activate: expected ID@VERSION, e.g. "
					    "ipm-model-default@1.1.0");
	if (!a.org || !a.reason || !*a.reason)
		return cli_fail(IPM_EINVAL, "activate: --org and --reason are required (why this "
					    "model now is part of the record)");
	struct store *st = NULL;
	struct store_actor who;
	struct err e = { 0 };
	if ((status = cli_store_open(a.db, &st)) >= 0 ||
	    (status = cli_actor(st, a.user, &who)) >= 0)
		goto out;
	int rc = store_model_activate(st, &who, a.org, ref.id, at + 1, a.reason, &e);
	if (rc) {
		status = cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	printf("%s is now the active model of organisation %lld\n", a.spec, (long long)a.org);
	status = 0;
out:
	store_close(st);
	return status;
}

static int print_version(void *ctx, const struct store_model_version *v, struct err *e)
{
	(void)e;
	const struct model_args *a = ctx;
	printf("%-24s %-9s registered %s", v->pack_id, v->version, v->registered_at);
	if (v->active_orgs && a->org)
		printf("  ACTIVE");
	else if (v->active_orgs)
		printf("  ACTIVE in %lld organisation%s", (long long)v->active_orgs,
		       v->active_orgs == 1 ? "" : "s");
	printf("\n");
	return IPM_OK;
}

static int print_activation(void *ctx, const struct store_model_activation *x, struct err *e)
{
	(void)ctx;
	(void)e;
	printf("%s  %s@%s  by ", x->activated_at, x->pack_id, x->version);
	if (x->activated_by)
		printf("user %lld", (long long)x->activated_by);
	else
		printf("the system");
	printf(": %s\n", x->reason);
	return IPM_OK;
}

int cmd_model_list(int argc, char **argv)
{
	struct model_args a;
	int status = model_args_parse(argc, argv, MO_DB | MO_ORG, model_usage(), &a);
	if (status >= 0)
		return status;
	struct store *st = NULL;
	struct err e = { 0 };
	if ((status = cli_store_open(a.db, &st)) >= 0)
		goto out;
	int rc = store_model_versions_each(st, a.org, print_version, &a, &e);
	if (rc == IPM_OK && a.org) {
		printf("\nactivations of organisation %lld (the latest is active):\n",
		       (long long)a.org);
		rc = store_model_activations_each(st, a.org, print_activation, NULL, &e);
	}
	status = rc ? cli_fail(rc, e.msg) : 0;
out:
	fflush(stdout);
	store_close(st);
	return status;
}
