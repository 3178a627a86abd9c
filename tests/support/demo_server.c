#include "support/demo_server.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/fs.h"
#include "services/demo.h"
#include "services/password.h"
#include "store/store.h"
#include "support/proc.h"
#include "support/raw_db.h"
#include "support/web_client.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

int demo_server_add_user(const struct demo_server *s, const char *username,
			 const char *display_name, const char *password, int64_t *id)
{
	struct buf hash = BUF_INIT;
	struct store *st = NULL;
	struct err e;
	int rc = -1;
	if (store_open(s->db.data, &st, &e) || password_hash(password, &hash, &e))
		goto out;
	const struct store_user u = { .org_id = 1, .username = username,
				      .display_name = display_name, .role = "consulent",
				      .password_hash = hash.data };
	rc = store_user_create(st, &u, id, &e) == IPM_OK ? 0 : -1;
out:
	store_close(st);
	buf_free(&hash);
	return rc;
}

int demo_server_init(struct demo_server *s)
{
	memset(s, 0, sizeof *s);
	s->dir = test_tmpdir();
	buf_printf(&s->db, "%s/ipm.db", s->dir);
	const char *init[] = { "init", "--db", s->db.data, "--data", "data", "--demo", NULL };
	if (test_run_ipm(NULL, NULL, init) != 0)
		return -1;
	return demo_server_add_user(s, "andere.consulent", "Andere Consulent", DEMO_PASSWORD,
				    &s->other_id);
}

int demo_server_start(struct demo_server *s, const char *option)
{
	struct buf port_file = BUF_INIT, got = BUF_INIT;
	struct err e;
	int rc = -1;
	buf_printf(&port_file, "%s/port", s->dir);
	const char *serve[] = { "serve", "--db", s->db.data, "--data", "data", "--port", "0",
				"--threads", "2", "--port-file", port_file.data, option, NULL };
	s->pid = test_spawn_ipm(serve);
	/* 20 s: an ASan build on a busy machine migrates and loads slowly. */
	if (test_wait_file(port_file.data, 20000) != 0 ||
	    fs_read_file(port_file.data, &got, &e) != IPM_OK)
		goto out;
	s->port = atoi(got.data);
	rc = s->port > 0 ? 0 : -1;
out:
	buf_free(&port_file);
	buf_free(&got);
	return rc;
}

int demo_server_up(struct demo_server *s)
{
	return demo_server_init(s) == 0 && demo_server_start(s, NULL) == 0 ? 0 : -1;
}

void demo_server_down(struct demo_server *s)
{
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	if (s->dir)
		test_rmdir_all(s->dir);
	free(s->dir);
	buf_free(&s->db);
}

void demo_server_login(const struct demo_server *s, const char *user, struct buf *hdr,
		       struct buf *csrf)
{
	struct buf cookie = BUF_INIT;
	buf_reset(csrf);
	assert_int_equal(web_login(s->port, user, DEMO_PASSWORD, NULL, &cookie, csrf), 303);
	buf_reset(hdr);
	buf_printf(hdr, "Cookie: %s\r\n", cookie.data);
	buf_free(&cookie);
}

void demo_urlencode(struct buf *out, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(out, (char)*p);
		} else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}

int64_t demo_sql_int(const struct demo_server *s, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3 *db = raw_open(s->db.data);
	int64_t n = raw_int_v(db, sql, types, ap);
	sqlite3_close(db);
	va_end(ap);
	return n;
}

int64_t demo_audited(const struct demo_server *s, int64_t user, const char *action,
		     const char *entity, int64_t client)
{
	return demo_sql_int(s,
			    "SELECT count(*) FROM audit_log WHERE IFNULL(user_id, 0) = ?"
			    " AND action = ? AND entity = ? AND IFNULL(client_id, 0) = ?",
			    "issi", user, action, entity, client);
}

int64_t demo_user_id(const struct demo_server *s, const char *username)
{
	return demo_sql_int(s, "SELECT id FROM users WHERE username = ?", "s", username);
}
