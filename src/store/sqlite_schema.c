/* Schema upkeep: migrations compiled into the binary, version, health. */
#include "store/sqlite_internal.h"

#include "core/buf.h"
#include "core/embedded.h"
#include "core/timeutil.h"

#include <stdlib.h>
#include <string.h>

#define MIGRATION_DIR "src/store/migrations/sqlite/"

struct migration {
	int version;
	const char *name; /* the file name, for schema_migrations and messages */
	const char *sql;
};

/* "src/store/migrations/sqlite/0001_init.sql" -> 1, "0001_init.sql". The
 * Makefile embeds every *.sql under migrations/, so anything else under our
 * directory is a naming mistake that must stop the migration, not be skipped. */
static int migration_parse(const struct embedded_file *f, struct migration *m, struct err *e)
{
	const char *base = f->name + strlen(MIGRATION_DIR);
	char *end = NULL;
	long v = strtol(base, &end, 10);
	if (end != base + 4 || *end != '_' || v <= 0)
		return err_set(e, IPM_ESTORE, "store migrate: %s: expected NNNN_name.sql", f->name);
	m->version = (int)v;
	m->name = base;
	m->sql = (const char *)f->data;
	return IPM_OK;
}

static int migration_apply(struct store *s, void *ctx, struct err *e)
{
	const struct migration *m = ctx;
	int64_t done = 0;
	/* Checked again inside the write lock: another process may have applied
	 * it between our version read and our BEGIN IMMEDIATE. */
	int rc = db_scalar(s, e, "store migrate", &done,
			   "SELECT count(*) FROM schema_migrations WHERE version = ?", "i",
			   (int64_t)m->version);
	if (rc != IPM_OK || done)
		return rc;
	/* The SQL comes from the repository, not from a user: exec is fine. */
	if (sqlite3_exec(s->db, m->sql, NULL, NULL, NULL) != SQLITE_OK) {
		db_fail(s->db, "store migrate", e);
		return err_prefix(e, "%s", m->name);
	}
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	return db_exec(s, e, "store migrate", NULL, NULL,
		       "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
		       "iss", (int64_t)m->version, m->name, now);
}

int store_migrate(struct store *s, int *version_out, struct err *e)
{
	int rc = db_exec(s, e, "store migrate", NULL, NULL,
			 "CREATE TABLE IF NOT EXISTS schema_migrations ("
			 " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
			 "");
	if (rc != IPM_OK)
		return rc;
	size_t prefix = strlen(MIGRATION_DIR);
	for (size_t i = 0; i < embedded_count; i++) {
		if (strncmp(embedded_files[i].name, MIGRATION_DIR, prefix) != 0)
			continue;
		struct migration m;
		rc = migration_parse(&embedded_files[i], &m, e);
		if (rc == IPM_OK)
			rc = tx_run(s, "store migrate", migration_apply, &m, e);
		if (rc != IPM_OK)
			return rc;
	}
	return version_out ? store_schema_version(s, version_out, e) : IPM_OK;
}

int store_schema_version(struct store *s, int *version_out, struct err *e)
{
	int64_t present = 0, v = 0;
	*version_out = 0;
	int rc = db_scalar(s, e, "store schema version", &present,
			   "SELECT count(*) FROM sqlite_master"
			   " WHERE type = 'table' AND name = 'schema_migrations'",
			   "");
	if (rc != IPM_OK || !present)
		return rc;
	rc = db_scalar(s, e, "store schema version", &v,
		       "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", "");
	if (rc == IPM_OK)
		*version_out = (int)v;
	return rc;
}

int store_ping(struct store *s, struct err *e)
{
	int64_t n;
	/* Reads the schema page, so a vanished or unreadable file shows. */
	return db_scalar(s, e, "store ping", &n, "SELECT count(*) FROM sqlite_master", "");
}

int store_integrity_check(struct store *s, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = db_query(s, e, "store integrity check", &st, "PRAGMA integrity_check", "");
	if (rc == IPM_ENOTFOUND)
		return err_set(e, IPM_ESTORE, "store integrity check: no answer");
	if (rc != IPM_OK)
		return rc;
	const char *first = (const char *)sqlite3_column_text(st, 0);
	if (!first || strcmp(first, "ok") != 0) {
		/* The report names pages and indexes, not row contents. */
		rc = err_set(e, IPM_ESTORE, "store integrity check: %s", first ? first : "failed");
	}
	db_done(s, st);
	return rc;
}
