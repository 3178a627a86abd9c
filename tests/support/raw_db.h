/* Test support: SQL on a database file beside the store, for what the
 * store's interface rightly cannot do — check a trigger against a direct
 * UPDATE, read back the rows a command wrote, or lay down months of history
 * (assessments completed in the past) in one transaction. */
#ifndef IPM_TESTS_RAW_DB_H
#define IPM_TESTS_RAW_DB_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>

/* Fails the test when the file cannot be opened. */
sqlite3 *raw_open(const char *path);

/* Prepares, binds (types: 's' const char *, 'i' int64_t, one per ?) and runs
 * sql to completion. Returns the SQLite result code (SQLITE_DONE on success);
 * *rowid, when not NULL, gets the last insert rowid. */
int raw_run(sqlite3 *db, int64_t *rowid, const char *sql, const char *types, ...);

/* The first column of the first row as an integer / text (owned, free());
 * fails the test when there is no row. */
int64_t raw_int(sqlite3 *db, const char *sql, const char *types, ...);
int64_t raw_int_v(sqlite3 *db, const char *sql, const char *types, va_list ap);
char *raw_text(sqlite3 *db, const char *sql, const char *types, ...);

#endif
