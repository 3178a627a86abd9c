/* A prognosis asked for a day before the client's unemployment began is
 * refused, naming the field, and nothing is stored. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/proc.h"
#include "support/raw_db.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

static void before_benefit_start_is_refused_and_not_stored(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	struct buf db = BUF_INIT, err = BUF_INIT;
	buf_printf(&db, "%s/ipm.db", dir);
	const char *init[] = { "init", "--db", db.data, "--data", "data", "--demo", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, init), 0);

	/* Demo client 3 receives benefits since 2024-02-15. */
	const char *early[] = { "prognosis", "--client", "3", "--db", db.data, "--data", "data",
				"--today", "2020-01-01", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, early), 2);
	assert_non_null(strstr(err.data, "clients.benefit_start: after the reference date"));

	/* Client 3's results only: the demo stores VB-0004's prognosis itself. */
	sqlite3 *raw = raw_open(db.data);
	assert_int_equal(raw_int(raw, "SELECT count(*) FROM results WHERE kind = 'prognosis'"
				      " AND client_id = 3", ""),
			 0);

	/* The same client on a later day: stored once. */
	const char *later[] = { "prognosis", "--client", "3", "--db", db.data, "--data", "data",
				"--today", "2026-11-01", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, later), 0);
	assert_int_equal(raw_int(raw, "SELECT count(*) FROM results WHERE kind = 'prognosis'"
				      " AND client_id = 3", ""),
			 1);
	sqlite3_close(raw);
	test_rmdir_all(dir);
	free(dir);
	buf_free(&db);
	buf_free(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(before_benefit_start_is_refused_and_not_stored),
	};
	return cmocka_run_group_tests_name("prognosis dates", tests, NULL, NULL);
}
