/* `ipm serve` as a process: starts on a free port, answers /healthz and the
 * start page with security headers, refuses other methods, stops on SIGTERM. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/proc.h"
#include "support/web_client.h"
#include "core/fs.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct server {
	char *dir;
	pid_t pid;
	int port;
};

static int server_up(void **state)
{
	struct server *s = calloc(1, sizeof *s);
	s->dir = test_tmpdir();
	struct buf db = BUF_INIT, port_file = BUF_INIT, got = BUF_INIT;
	buf_printf(&db, "%s/ipm.db", s->dir);
	buf_printf(&port_file, "%s/port", s->dir);
	const char *init[] = { "init", "--db", db.data, "--data", "data", "--demo", NULL };
	if (test_run_ipm(NULL, NULL, init) != 0)
		return -1;
	const char *serve[] = { "serve", "--db", db.data, "--port", "0", "--threads", "2",
				"--port-file", port_file.data, NULL };
	s->pid = test_spawn_ipm(serve);
	struct err e;
	if (test_wait_file(port_file.data, 10000) != 0 ||
	    fs_read_file(port_file.data, &got, &e) != IPM_OK)
		return -1;
	s->port = atoi(got.data);
	buf_free(&db);
	buf_free(&port_file);
	buf_free(&got);
	*state = s;
	return s->port > 0 ? 0 : -1;
}

static int server_down(void **state)
{
	struct server *s = *state;
	if (s->pid > 0) {
		kill(s->pid, SIGKILL);
		waitpid(s->pid, NULL, 0);
	}
	test_rmdir_all(s->dir);
	free(s->dir);
	free(s);
	return 0;
}

static void healthz_says_ok_with_schema(void **state)
{
	struct server *s = *state;
	struct buf r = BUF_INIT;
	assert_int_equal(web_req(s->port, "GET", "/healthz", NULL, NULL, &r), 200);
	assert_non_null(strstr(r.data, "application/json"));
	assert_non_null(strstr(r.data, "\"status\":\"ok\""));
	assert_null(strstr(r.data, "\"schema\":0"));
	buf_free(&r);
}

static void start_page_is_dutch_with_security_headers(void **state)
{
	struct server *s = *state;
	struct buf r = BUF_INIT;
	/* Not logged in, the start page sends to the login page. */
	assert_int_equal(web_req(s->port, "GET", "/", NULL, NULL, &r), 303);
	assert_non_null(strstr(r.data, "Location: /login"));
	buf_reset(&r);
	assert_int_equal(web_req(s->port, "GET", "/login", NULL, NULL, &r), 200);
	assert_non_null(strstr(r.data, "<html lang=\"nl\">"));
	assert_non_null(strstr(r.data, "Content-Security-Policy: default-src 'none'"));
	assert_non_null(strstr(r.data, "X-Content-Type-Options: nosniff"));
	assert_non_null(strstr(r.data, "X-Frame-Options: DENY"));
	assert_non_null(strstr(r.data, "Cache-Control: no-store"));
	buf_free(&r);
}

static void unknown_path_is_404_and_post_is_405(void **state)
{
	struct server *s = *state;
	struct buf r = BUF_INIT;
	assert_int_equal(web_req(s->port, "GET", "/bestaat-niet", NULL, NULL, &r), 404);
	buf_reset(&r);
	assert_int_equal(web_req(s->port, "POST", "/", NULL, NULL, &r), 405);
	buf_free(&r);
}

static void many_requests_in_a_row(void **state)
{
	struct server *s = *state;
	for (int i = 0; i < 200; i++) {
		struct buf r = BUF_INIT;
		assert_int_equal(web_req(s->port, "GET", "/healthz", NULL, NULL, &r), 200);
		buf_free(&r);
	}
}

static void sigterm_stops_cleanly(void **state)
{
	struct server *s = *state;
	assert_int_equal(kill(s->pid, SIGTERM), 0);
	int status = -1;
	for (int i = 0; i < 250 && waitpid(s->pid, &status, WNOHANG) == 0; i++) {
		struct timespec ts = { 0, 20 * 1000000L };
		nanosleep(&ts, NULL);
	}
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	s->pid = 0;
	struct buf r = BUF_INIT;
	assert_int_equal(web_req(s->port, "GET", "/healthz", NULL, NULL, &r), -1);
	buf_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(healthz_says_ok_with_schema),
		cmocka_unit_test(start_page_is_dutch_with_security_headers),
		cmocka_unit_test(unknown_path_is_404_and_post_is_405),
		cmocka_unit_test(many_requests_in_a_row),
		cmocka_unit_test(sigterm_stops_cleanly),
	};
	return cmocka_run_group_tests_name("serve", tests, server_up, server_down);
}
