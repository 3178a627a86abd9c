/* The CSV files of a catalogue in a directory: read them all, or write them
 * all at once (a new directory renamed into place). */
#include "core/fs.h"
#include "services/catalogue_csv.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int catalogue_csv_read(const char *dir, struct catalogue *out, struct cat_problems *problems,
		       struct arena *a, struct err *e)
{
	struct cat_csv_files files = { 0 };
	size_t before = problems->n;
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		struct buf path = BUF_INIT;
		struct err io = { 0 };
		buf_printf(&path, "%s/%s", dir, cat_csv_file_names[f]);
		/* A missing file stays NULL: the parse names it among the rest. */
		if (fs_exists(buf_str(&path)) && fs_read_file(buf_str(&path), &files.f[f], &io)) {
			struct cat_problem *q = cat_problem_add(problems, NULL, 0, NULL, NULL,
								"cannot be read (%s)", io.msg);
			q->file = cat_csv_file_names[f];
			buf_free(&files.f[f]);
		}
		/* An empty file must still count as there. */
		if (fs_exists(buf_str(&path)) && !files.f[f].data)
			buf_puts(&files.f[f], "");
		buf_free(&path);
	}
	int rc = problems->n > before ? cat_problems_err(problems, before, dir, e)
				      : catalogue_csv_parse(&files, dir, out, problems, a, e);
	cat_csv_files_free(&files);
	return rc;
}

/* true when `dir` has no entries but . and .. */
static bool dir_empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return false;
	const struct dirent *ent;
	bool empty = true;
	while (empty && (ent = readdir(d)))
		empty = strcmp(ent->d_name, ".") == 0 || strcmp(ent->d_name, "..") == 0;
	closedir(d);
	return empty;
}

static void remove_tmp(const char *tmp)
{
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", tmp, cat_csv_file_names[f]);
		unlink(buf_str(&path));
		buf_free(&path);
	}
	rmdir(tmp);
}

int catalogue_csv_write(const struct catalogue *c, const char *dir, struct err *e)
{
	struct cat_csv_files files = { 0 };
	struct buf tmp = BUF_INIT;
	struct stat st;
	int rc = catalogue_csv_format(c, &files, e);
	if (rc)
		goto out;
	if (stat(dir, &st) == 0 && !(S_ISDIR(st.st_mode) && dir_empty(dir))) {
		rc = err_set(e, IPM_EINVAL, "%s: exists and is not an empty directory; export into "
					    "a new or empty directory", dir);
		goto out;
	}
	/* Beside `dir` (so rename stays on one file system), without a
	 * trailing slash that would put it inside. */
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	buf_add(&tmp, dir, n);
	buf_printf(&tmp, ".tmp.%ld", (long)getpid());
	if (mkdir(buf_str(&tmp), 0700) != 0) {
		rc = err_set(e, IPM_EIO, "%s: %s", buf_str(&tmp), strerror(errno));
		goto out;
	}
	for (size_t f = 0; !rc && f < CAT_CSV_NFILES; f++) {
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", buf_str(&tmp), cat_csv_file_names[f]);
		rc = fs_write_atomic(buf_str(&path), buf_str(&files.f[f]), files.f[f].len, e);
		buf_free(&path);
	}
	/* rename(2) replaces an empty directory in one step. */
	if (!rc && rename(buf_str(&tmp), dir) != 0)
		rc = err_set(e, IPM_EIO, "%s: %s", dir, strerror(errno));
	if (rc)
		remove_tmp(buf_str(&tmp));
out:
	buf_free(&tmp);
	cat_csv_files_free(&files);
	return rc;
}
