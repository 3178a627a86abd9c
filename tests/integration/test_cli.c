/* The `ipm` commands as a user calls them: exit codes, help, messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/proc.h"
#include "core/fs.h"
#include "store/store.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static void every_command_has_help(void **state)
{
	(void)state;
	static const char *const names[] = { "init",  "serve", "pack",   "score",  "prognosis",
					     "model", "synth", "backup", "version" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct buf out = BUF_INIT;
		const char *args[] = { names[i], "--help", NULL };
		assert_int_equal(test_run_ipm(&out, NULL, args), 0);
		assert_non_null(strstr(out.data, "usage: ipm"));
		buf_free(&out);
	}
	struct buf out = BUF_INIT;
	const char *args[] = { "--help", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		assert_non_null(strstr(out.data, names[i]));
	buf_free(&out);
}

static void unknown_command_and_option_exit_2(void **state)
{
	(void)state;
	struct buf err = BUF_INIT;
	const char *cmd[] = { "frobnicate", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, cmd), 2);
	assert_non_null(strstr(err.data, "unknown command 'frobnicate'"));
	const char *opt[] = { "init", "--nonsense", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, opt), 2);
	const char *port[] = { "serve", "--port", "70000", NULL };
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, port), 2);
	assert_non_null(strstr(err.data, "--port"));
	buf_free(&err);
}

static void version_names_the_libraries(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	const char *args[] = { "version", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_non_null(strstr(out.data, "ipm "));
	assert_non_null(strstr(out.data, "sqlite 3."));
	buf_free(&out);
}

static void init_twice_adds_nothing_twice(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	struct buf db = BUF_INIT, out = BUF_INIT;
	buf_printf(&db, "%s/ipm.db", dir);
	const char *args[] = { "init", "--db", db.data, "--data", "data", "--demo", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_non_null(strstr(out.data, "demo data added (8 clients) with a synthetic history of "
					 "400 past clients"));
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_non_null(strstr(out.data, "demo data already present"));

	struct store *s;
	struct err e;
	int64_t clients = 0;
	assert_int_equal(store_open(db.data, &s, &e), IPM_OK);
	assert_int_equal(store_client_count(s, 0, &clients, &e), IPM_OK);
	assert_int_equal(clients, 8 + 400); /* the demo clients and the synthetic history */
	store_close(s);
	test_rmdir_all(dir);
	free(dir);
	buf_free(&db);
	buf_free(&out);
}

static void malformed_pack_exits_2_naming_file_and_path(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	struct buf path = BUF_INIT, err = BUF_INIT;
	struct err e;
	buf_printf(&path, "%s/broken.json", dir);
	const char *text = "{\"pack\": \"x\", \"version\": \"one\", \"kind\": \"taxonomy\"}";
	assert_int_equal(fs_write_atomic(path.data, text, strlen(text), &e), IPM_OK);
	const char *args[] = { "pack", "check", path.data, NULL };
	assert_int_equal(test_run_ipm(NULL, &err, args), 2);
	assert_non_null(strstr(err.data, "broken.json: $"));
	assert_non_null(strstr(err.data, "version"));

	buf_reset(&err);
	const char *syntax = "{\"pack\": ";
	assert_int_equal(fs_write_atomic(path.data, syntax, strlen(syntax), &e), IPM_OK);
	assert_int_equal(test_run_ipm(NULL, &err, args), 2);
	assert_non_null(strstr(err.data, "broken.json:1:"));
	test_rmdir_all(dir);
	free(dir);
	buf_free(&path);
	buf_free(&err);
}

static void shipped_packs_check_ok(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	const char *args[] = { "pack", "check", "data/packs/career-phases.json",
			       "data/packs/eva-tiles.json", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_non_null(strstr(out.data, "ok"));
	buf_free(&out);
}

/* ipm backup while `ipm serve` holds the database open gives a copy that
 * passes the integrity check and holds the data. */
static void backup_while_serving(void **state)
{
	(void)state;
	char *dir = test_tmpdir();
	struct buf db = BUF_INIT, copy = BUF_INIT, port = BUF_INIT, out = BUF_INIT;
	buf_printf(&db, "%s/ipm.db", dir);
	buf_printf(&copy, "%s/copy.db", dir);
	buf_printf(&port, "%s/port", dir);
	const char *init[] = { "init", "--db", db.data, "--data", "data", "--demo", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, init), 0);
	const char *serve[] = { "serve", "--db", db.data, "--port", "0", "--port-file", port.data, NULL };
	pid_t pid = test_spawn_ipm(serve);
	assert_int_equal(test_wait_file(port.data, 10000), 0);

	const char *backup[] = { "backup", "--db", db.data, copy.data, NULL };
	assert_int_equal(test_run_ipm(&out, NULL, backup), 0);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);

	struct store *s;
	struct err e;
	int64_t clients = 0;
	assert_int_equal(store_open(copy.data, &s, &e), IPM_OK);
	assert_int_equal(store_integrity_check(s, &e), IPM_OK);
	assert_int_equal(store_client_count(s, 0, &clients, &e), IPM_OK);
	assert_int_equal(clients, 8 + 400);
	store_close(s);
	test_rmdir_all(dir);
	free(dir);
	buf_free(&db);
	buf_free(&copy);
	buf_free(&port);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_command_has_help),
		cmocka_unit_test(unknown_command_and_option_exit_2),
		cmocka_unit_test(version_names_the_libraries),
		cmocka_unit_test(init_twice_adds_nothing_twice),
		cmocka_unit_test(malformed_pack_exits_2_naming_file_and_path),
		cmocka_unit_test(shipped_packs_check_ok),
		cmocka_unit_test(backup_while_serving),
	};
	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
