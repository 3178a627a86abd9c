/* Test support: `ipm serve` on a fresh demo database (services/demo.c) on a
 * free port, for the HTTP tests of the inzage, retention and administration
 * pages; a login as a demo user; form values URL-encoded; audit counts. */
#ifndef IPM_TESTS_DEMO_SERVER_H
#define IPM_TESTS_DEMO_SERVER_H

#include "core/buf.h"

#include <stdint.h>
#include <sys/types.h>

struct demo_server {
	char *dir;
	struct buf db; /* dir/ipm.db */
	pid_t pid;
	int port;
	int64_t other_id; /* "andere.consulent": a consulent with an empty caseload */
};

/* For a test file whose tests share one demo server: declares it as
 * `static struct demo_server name` with the cmocka group setup and teardown
 * that start and stop it, demo_group_up and demo_group_down. */
#define DEMO_SERVER_GROUP(name)                          \
	static struct demo_server name;                  \
	static int demo_group_up(void **state)           \
	{                                                \
		(void)state;                             \
		return demo_server_up(&name);            \
	}                                                \
	static int demo_group_down(void **state)         \
	{                                                \
		(void)state;                             \
		demo_server_down(&name);                 \
		return 0;                                \
	}

/* 0 when the server runs; the demo password is every user's. The same as
 * demo_server_init and demo_server_start(s, NULL). */
int demo_server_up(struct demo_server *s);
void demo_server_down(struct demo_server *s);

/* The two halves of demo_server_up, for a test that needs more before the
 * server starts: a fresh directory with `ipm init --demo` and
 * "andere.consulent"; then `ipm serve` on a free port, with one more serve
 * option (e.g. "--trust-proxy") unless NULL. 0 on success. */
int demo_server_init(struct demo_server *s);
int demo_server_start(struct demo_server *s, const char *option);

/* Adds a consulent of organisation 1 with that password; *id its id. */
int demo_server_add_user(const struct demo_server *s, const char *username,
			 const char *display_name, const char *password, int64_t *id);

/* Logs in; *hdr becomes "Cookie: ...\r\n" for the requests that follow and
 * *csrf the session's token. Fails the test when the login fails. */
void demo_server_login(const struct demo_server *s, const char *user, struct buf *hdr,
		       struct buf *csrf);

/* Appends value to out as application/x-www-form-urlencoded. */
void demo_urlencode(struct buf *out, const char *value);

/* The first column of the first row of sql on the server's database
 * (types as raw_int's); fails the test when there is no row. */
int64_t demo_sql_int(const struct demo_server *s, const char *sql, const char *types, ...);

/* Rows of audit_log with that user (0 = the system), action, entity and
 * client (0 = none). */
int64_t demo_audited(const struct demo_server *s, int64_t user, const char *action,
		     const char *entity, int64_t client);
int64_t demo_user_id(const struct demo_server *s, const char *username);

#endif
