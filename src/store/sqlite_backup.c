/* A consistent copy of a live database (ipm backup, or a server's nightly
 * job) with the SQLite online backup API. */
#include "store/sqlite_internal.h"

#include "core/buf.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Pages per step: small enough to return to the caller often, large enough
 * that a big database is not copied in a million tiny calls. */
#define BACKUP_PAGES_PER_STEP 256
#define BACKUP_BUSY_SLEEP_MS 10

static int sync_path(const char *path, int flags, const char *op, struct err *e)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, IPM_EIO, "%s: %s: %s", op, path, strerror(errno));
	int rc = fsync(fd) == 0 ? IPM_OK : err_set(e, IPM_EIO, "%s: %s: %s", op, path, strerror(errno));
	close(fd);
	return rc;
}

/* The directory entry made by rename() is only durable once the directory
 * itself is synced. */
static int sync_parent(const char *path, struct err *e)
{
	struct buf dir = BUF_INIT;
	const char *slash = strrchr(path, '/');
	if (!slash)
		buf_puts(&dir, ".");
	else if (slash == path)
		buf_puts(&dir, "/");
	else
		buf_add(&dir, path, (size_t)(slash - path));
	int rc = sync_path(buf_str(&dir), O_RDONLY | O_DIRECTORY, "store backup", e);
	buf_free(&dir);
	return rc;
}

/* Refuse to rename a copy over the live database itself. */
static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
		return 0;
	return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int copy_pages(sqlite3 *src, sqlite3 *dst, struct err *e)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b)
		return db_fail(dst, "store backup", e);
	int step;
	do {
		step = sqlite3_backup_step(b, BACKUP_PAGES_PER_STEP);
		if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
			sqlite3_sleep(BACKUP_BUSY_SLEEP_MS);
	} while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (step != SQLITE_DONE)
		return db_fail(dst, "store backup", e);
	/* The copy inherits WAL mode from the source; a backup should be one
	 * self-contained file, so switch it back to a rollback journal. */
	if (sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(dst, "store backup", e);
	return IPM_OK;
}

/* Copies from one read snapshot: the explicit read transaction stays open
 * across all steps, so writers on other connections (WAL) keep going and the
 * copy never restarts or mixes two states. */
static int backup_into(const char *src_path, const char *tmp_path, struct err *e)
{
	sqlite3 *src = NULL, *dst = NULL;
	int rc = db_connect(src_path, SQLITE_OPEN_READWRITE, &src, e);
	if (rc != IPM_OK)
		return rc;
	if (sqlite3_exec(src, "BEGIN; SELECT count(*) FROM sqlite_master;", NULL, NULL, NULL) !=
	    SQLITE_OK) {
		rc = db_fail(src, "store backup", e);
		goto out_close_src;
	}
	if (sqlite3_open_v2(tmp_path, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		rc = dst ? db_fail(dst, "store backup", e)
			 : err_set(e, IPM_ENOMEM, "store backup: out of memory");
		goto out_close_dst;
	}
	rc = copy_pages(src, dst, e);
out_close_dst:
	if (dst && sqlite3_close(dst) != SQLITE_OK && rc == IPM_OK)
		rc = err_set(e, IPM_ESTORE, "store backup: closing the copy failed");
	sqlite3_exec(src, "COMMIT", NULL, NULL, NULL);
out_close_src:
	sqlite3_close(src);
	return rc;
}

int store_backup(struct store *s, const char *dest_path, struct err *e)
{
	if (!dest_path || !*dest_path)
		return err_set(e, IPM_EINVAL, "store backup: no destination given");
	if (same_file(s->path, dest_path))
		return err_set(e, IPM_EINVAL, "store backup: %s is the database itself", dest_path);

	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.tmp-XXXXXX", dest_path);
	/* mkstemp: a fresh 0600 file, so the copy of personal data is never
	 * readable by others, not even while it is being written. */
	int fd = mkstemp(tmp.data);
	if (fd < 0) {
		int rc = err_set(e, IPM_EIO, "store backup: %s: %s", dest_path, strerror(errno));
		buf_free(&tmp);
		return rc;
	}
	close(fd);

	int rc = backup_into(s->path, tmp.data, e);
	if (rc == IPM_OK)
		rc = sync_path(tmp.data, O_RDONLY, "store backup", e);
	if (rc == IPM_OK && rename(tmp.data, dest_path) != 0)
		rc = err_set(e, IPM_EIO, "store backup: %s: %s", dest_path, strerror(errno));
	if (rc == IPM_OK)
		rc = sync_parent(dest_path, e);
	else
		unlink(tmp.data);
	buf_free(&tmp);
	return rc;
}
