#include "core/log.h"
#include "core/buf.h"
#include "core/timeutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static enum log_level min_level = LOG_INFO;

static const char *const level_names[] = { "debug", "info", "warn", "error" };

void log_set_level(enum log_level level)
{
	min_level = level;
}

int log_level_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return -1;
}

void log_event(enum log_level level, const char *event, const char *fields, ...)
{
	if (level < min_level)
		return;
	char ts[TIME_ISO_LEN];
	time_now_iso(ts);
	struct buf line = BUF_INIT;
	buf_printf(&line, "ts=%s level=%s event=%s", ts, level_names[level], event);
	if (fields) {
		va_list ap;
		va_start(ap, fields);
		buf_putc(&line, ' ');
		buf_vprintf(&line, fields, ap);
		va_end(ap);
	}
	buf_putc(&line, '\n');
	/* One write(2) per line keeps lines whole when threads log at once. */
	ssize_t r = write(2, line.data, line.len);
	(void)r;
	buf_free(&line);
}
