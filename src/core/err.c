#include "core/err.h"
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, int code, const char *fmt, ...)
{
	if (!e)
		return code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->code = code;
	return code;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	if (!e)
		return IPM_EINVAL;
	struct buf text = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&text, fmt, ap);
	va_end(ap);
	buf_printf(&text, ": %s", e->msg);
	size_t n = text.len < sizeof e->msg ? text.len : sizeof e->msg - 1;
	memcpy(e->msg, text.data, n);
	e->msg[n] = '\0';
	buf_free(&text);
	return e->code;
}

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->code = IPM_OK;
	e->msg[0] = '\0';
}

int err_exit_status(int code)
{
	if (code == IPM_OK)
		return 0;
	return code == IPM_EINVAL ? 2 : 1;
}

const char *err_code_name(int code)
{
	static const char *const names[] = {
		[IPM_OK] = "ok",           [IPM_EINVAL] = "invalid",
		[IPM_ENOMEM] = "no-memory", [IPM_EIO] = "io",
		[IPM_ESTORE] = "store",     [IPM_ENOTFOUND] = "not-found",
		[IPM_ECONFLICT] = "conflict", [IPM_EPERM] = "forbidden",
	};
	if (code < 0 || code >= (int)(sizeof names / sizeof names[0]))
		return "unknown";
	return names[code];
}
