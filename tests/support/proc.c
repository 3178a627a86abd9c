#define _XOPEN_SOURCE 700 /* nftw */
#include "support/proc.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *test_ipm_bin(void)
{
	static char path[4096];
	const char *dir = getenv("IPM_BIN_DIR");
	snprintf(path, sizeof path, "%s/ipm", dir && *dir ? dir : "build");
	return path;
}

char *test_tmpdir(void)
{
	char *dir = xstrdup("/tmp/ipm-test-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(1);
	}
	return dir;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void test_rmdir_all(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void exec_ipm(const char *const args[])
{
	const char *argv[64];
	int n = 0;
	argv[n++] = test_ipm_bin();
	for (int i = 0; args[i] && n < 63; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

static void drain(int fd, struct buf *into)
{
	char chunk[4096];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		if (into)
			buf_add(into, chunk, (size_t)n);
}

int test_run_ipm(struct buf *out, struct buf *errout, const char *const args[])
{
	int po[2], pe[2];
	if (pipe(po) != 0 || pipe(pe) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		dup2(po[1], 1);
		dup2(pe[1], 2);
		close(po[0]);
		close(pe[0]);
		exec_ipm(args);
	}
	close(po[1]);
	close(pe[1]);
	/* stderr is small; read stdout to its end first, then stderr. */
	drain(po[0], out);
	drain(pe[0], errout);
	close(po[0]);
	close(pe[0]);
	int status;
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

pid_t test_spawn_ipm(const char *const args[])
{
	pid_t pid = fork();
	if (pid == 0) {
		int devnull = open("/dev/null", O_WRONLY);
		dup2(devnull, 1);
		dup2(devnull, 2);
		exec_ipm(args);
	}
	return pid;
}

int test_wait_file(const char *path, int ms)
{
	for (int waited = 0; waited < ms; waited += 20) {
		struct buf b = BUF_INIT;
		struct err e;
		int ok = fs_read_file(path, &b, &e) == IPM_OK && b.len > 0 && b.data[b.len - 1] == '\n';
		buf_free(&b);
		if (ok)
			return 0;
		struct timespec ts = { 0, 20 * 1000000L };
		nanosleep(&ts, NULL);
	}
	return -1;
}
