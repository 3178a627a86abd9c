#include "core/fs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int fs_read_file(const char *path, struct buf *out, struct err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, IPM_EIO, "%s: %s", path, strerror(errno));
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			return err_set(e, IPM_EIO, "%s: %s", path, strerror(saved));
		}
		if (n == 0)
			break;
		buf_add(out, chunk, (size_t)n);
	}
	close(fd);
	buf_grow(out, 0);
	out->data[out->len] = '\0';
	return IPM_OK;
}

int fs_write_atomic(const char *path, const void *data, size_t len, struct err *e)
{
	struct buf tmp = BUF_INIT;
	int saved;
	buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		goto fail;
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			goto fail_close;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail_close;
	if (close(fd) != 0)
		goto fail_unlink;
	if (rename(tmp.data, path) != 0)
		goto fail_unlink;
	buf_free(&tmp);
	return IPM_OK;

fail_close:
	saved = errno;
	close(fd);
	goto cleanup;
fail_unlink:
	saved = errno;
cleanup:
	unlink(tmp.data);
	errno = saved;
fail:
	err_set(e, IPM_EIO, "%s: %s", path, strerror(errno));
	buf_free(&tmp);
	return IPM_EIO;
}

bool fs_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}
