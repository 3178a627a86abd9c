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

/* 0 when the server runs; the demo password is every user's. */
int demo_server_up(struct demo_server *s);
void demo_server_down(struct demo_server *s);

/* Logs in; *hdr becomes "Cookie: ...\r\n" for the requests that follow and
 * *csrf the session's token. Fails the test when the login fails. */
void demo_server_login(const struct demo_server *s, const char *user, struct buf *hdr,
		       struct buf *csrf);

/* Appends value to out as application/x-www-form-urlencoded. */
void demo_urlencode(struct buf *out, const char *value);

/* Rows of audit_log with that user (0 = the system), action, entity and
 * client (0 = none). */
int64_t demo_audited(const struct demo_server *s, int64_t user, const char *action,
		     const char *entity, int64_t client);
int64_t demo_user_id(const struct demo_server *s, const char *username);

#endif
