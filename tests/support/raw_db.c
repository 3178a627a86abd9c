#include "support/raw_db.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sqlite3 *raw_open(const char *path)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), SQLITE_OK);
	return db;
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql, const char *types, va_list *ap)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fprintf(stderr, "raw sql: %s\n", sqlite3_errmsg(db));
	assert_non_null(st);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 's')
			sqlite3_bind_text(st, i + 1, va_arg(*ap, const char *), -1, SQLITE_TRANSIENT);
		else
			sqlite3_bind_int64(st, i + 1, va_arg(*ap, int64_t));
	}
	return st;
}

int raw_run(sqlite3 *db, int64_t *rowid, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = prepare(db, sql, types, &ap);
	va_end(ap);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (rowid)
		*rowid = sqlite3_last_insert_rowid(db);
	sqlite3_finalize(st);
	return rc;
}

int64_t raw_int_v(sqlite3 *db, const char *sql, const char *types, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	sqlite3_stmt *st = prepare(db, sql, types, &copy);
	va_end(copy);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int64_t raw_int(sqlite3 *db, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int64_t v = raw_int_v(db, sql, types, ap);
	va_end(ap);
	return v;
}

char *raw_text(sqlite3 *db, const char *sql, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st = prepare(db, sql, types, &ap);
	va_end(ap);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	const unsigned char *t = sqlite3_column_text(st, 0);
	char *v = strdup(t ? (const char *)t : "");
	sqlite3_finalize(st);
	return v;
}
