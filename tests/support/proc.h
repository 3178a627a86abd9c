/* Test support: run the `ipm` binary (HTTP to it: support/web_client.h). */
#ifndef IPM_TESTS_PROC_H
#define IPM_TESTS_PROC_H

#include "core/buf.h"

#include <sys/types.h>

/* The ipm binary of the build under test: $IPM_BIN_DIR/ipm, else build/ipm. */
const char *test_ipm_bin(void);

/* A fresh directory under /tmp; remove it with test_rmdir_all. */
char *test_tmpdir(void);
void test_rmdir_all(const char *dir);

/* Runs ipm with args (NULL-terminated), capturing stdout and stderr; returns
 * the exit status (128+signal when killed). */
int test_run_ipm(struct buf *out, struct buf *errout, const char *const args[]);

/* Starts ipm in the background with stdout/stderr to /dev/null. */
pid_t test_spawn_ipm(const char *const args[]);

/* Waits up to `ms` for a file to exist and be non-empty. 0 when it does. */
int test_wait_file(const char *path, int ms);

#endif
