/* Error codes and an error record that carries a human-readable message.
 *
 * Every public function returns an `int` code (IPM_OK on success) and, when it
 * can fail for a reason the user must see, fills a caller-owned `struct err`.
 * The message names the thing that was wrong (file, field, JSON path, row and
 * column) so that the CLI can print it as is and the web layer can show it.
 * Messages never contain personal data: they name fields, not their values. */
#ifndef IPM_CORE_ERR_H
#define IPM_CORE_ERR_H

enum ipm_code {
	IPM_OK = 0,
	IPM_EINVAL,    /* bad input from outside: exit code 2 */
	IPM_ENOMEM,
	IPM_EIO,       /* file or socket error */
	IPM_ESTORE,    /* database error */
	IPM_ENOTFOUND,
	IPM_ECONFLICT, /* uniqueness or immutability violated */
	IPM_EPERM,     /* not allowed for this role or user */
};

#define ERR_MSG_MAX 1024

struct err {
	int code;
	char msg[ERR_MSG_MAX];
};

/* Sets code and message (printf format) and returns the code, so that a
 * failing function can `return err_set(e, IPM_EINVAL, "...")`. `e` may be NULL. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Prepends "prefix: " to the message already in `e`; returns e->code. */
int err_prefix(struct err *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void err_clear(struct err *e);

/* The process exit status for a code: 0 ok, 2 bad input, 1 anything else. */
int err_exit_status(int code);

const char *err_code_name(int code);

#endif
