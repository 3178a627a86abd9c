#include "support/cli_db.h"

#include "core/xalloc.h"
#include "support/proc.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

void cli_db_up(struct cli_db *d)
{
	memset(d, 0, sizeof *d);
	d->dir = test_tmpdir();
	buf_printf(&d->db, "%s/ipm.db", d->dir);
}

void cli_db_init(const struct cli_db *d, int demo)
{
	const char *args[] = { "init", "--db", d->db.data, "--data", "data",
			       demo ? "--demo" : NULL, NULL };
	struct buf err = BUF_INIT;
	int status = test_run_ipm(NULL, &err, args);
	if (status != 0)
		fail_msg("ipm init exited %d: %s", status, buf_str(&err));
	buf_free(&err);
}

void cli_db_down(struct cli_db *d)
{
	if (d->dir)
		test_rmdir_all(d->dir);
	free(d->dir);
	buf_free(&d->db);
}

char *cli_db_path(const struct cli_db *d, const char *name)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", d->dir, name);
	return buf_detach(&b, NULL);
}

static int setup(void **state, int init, int demo)
{
	struct cli_db *d = xmalloc(sizeof *d);
	cli_db_up(d);
	*state = d;
	if (init)
		cli_db_init(d, demo);
	return 0;
}

int cli_db_setup(void **state)
{
	return setup(state, 0, 0);
}

int cli_db_setup_init(void **state)
{
	return setup(state, 1, 0);
}

int cli_db_setup_demo(void **state)
{
	return setup(state, 1, 1);
}

int cli_db_teardown(void **state)
{
	struct cli_db *d = *state;
	cli_db_down(d);
	free(d);
	return 0;
}
