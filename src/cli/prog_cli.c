#include "cli/prog_cli.h"
#include "cli/options.h"
#include "core/buf.h"
#include "core/fs.h"
#include "services/csv_rows.h"
#include "services/person_period_csv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cli_model_load(const char *data_dir, const char *spec, struct model_set *s)
{
	struct err e = { 0 };
	int rc = model_set_load(data_dir, spec, s, &e);
	/* A data directory that cannot be read is a bad argument too. */
	return rc ? cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg) : -1;
}

int cli_pp_load(const char *file, const struct prog_model *m, struct pp_table *t)
{
	struct buf text = BUF_INIT, messages = BUF_INIT;
	struct err e = { 0 };
	int status = -1;
	int rc = fs_read_file(file, &text, &e);
	if (rc) {
		status = cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	rc = pp_csv_parse(m, file, buf_str(&text), text.len, t, &messages, &e);
	if (rc) {
		fputs(buf_str(&messages), stderr);
		status = err_exit_status(rc);
	}
out:
	buf_free(&messages);
	buf_free(&text);
	return status;
}

int cli_actor(struct store *s, const char *username, struct store_actor *who)
{
	*who = (struct store_actor){ 0 };
	if (!username)
		return -1;
	struct arena a = ARENA_INIT;
	struct store_user u;
	struct err e = { 0 };
	int rc = store_user_find(s, username, &u, &a, &e);
	arena_free(&a);
	if (rc)
		return cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
	if (u.disabled)
		return cli_fail(IPM_EINVAL, "--user: the user is disabled");
	who->user_id = u.id;
	return -1;
}

int cli_store_open(const char *path, struct store **s)
{
	struct err e = { 0 };
	int version = 0;
	int rc = store_open(path, s, &e);
	/* A database made before the models migration gets it here, as
	 * ipm serve does on start. */
	if (rc == IPM_OK && (rc = store_migrate(*s, &version, &e)) != IPM_OK) {
		store_close(*s);
		*s = NULL;
	}
	return rc ? cli_fail(rc, e.msg) : -1;
}

static int bad(const char *opt, const char *what)
{
	struct buf msg = BUF_INIT;
	buf_printf(&msg, "%s: expected %s", opt, what);
	int status = cli_fail(IPM_EINVAL, buf_str(&msg));
	buf_free(&msg);
	return status;
}

int cli_number(const char *opt, const char *s, double min, double max, double *out)
{
	size_t n = strlen(s);
	struct buf what = BUF_INIT;
	buf_printf(&what, "a number from %g to %g", min, max);
	double v = 0;
	int status = -1;
	if (!csv_decimal(s, n, &v) || v < min || v > max)
		status = bad(opt, buf_str(&what));
	else
		*out = v;
	buf_free(&what);
	return status;
}

int cli_whole(const char *opt, const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end = NULL;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	struct buf what = BUF_INIT;
	buf_printf(&what, "a whole number from %llu to %llu", (unsigned long long)min,
		   (unsigned long long)max);
	int status = -1;
	if (!*s || *s == '-' || *s == '+' || *end || errno || v < min || v > max)
		status = bad(opt, buf_str(&what));
	else
		*out = v;
	buf_free(&what);
	return status;
}
