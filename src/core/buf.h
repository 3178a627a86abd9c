/* An owned, growable, always NUL-terminated byte string: the only way text is
 * built in IPM (no sprintf/strcat arithmetic; see docs/architecture.md).
 *
 * A zeroed struct buf (BUF_INIT) is a valid empty buffer. Allocation failure
 * is fatal (xalloc), because a half-built text is worse than a clean exit and
 * every caller would otherwise carry the same error branch. */
#ifndef IPM_CORE_BUF_H
#define IPM_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NUL-terminated when len > 0 or after any append */
	size_t len;
	size_t cap;
};

#define BUF_INIT { 0 }

void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_reset(struct buf *b);
void buf_free(struct buf *b);

/* The text, never NULL: "" for an empty buffer. */
const char *buf_str(const struct buf *b);

/* Hands the allocation to the caller (free() it) and leaves b empty. */
char *buf_detach(struct buf *b, size_t *len);

/* Writers that escape for a target format. */
void buf_put_json_string(struct buf *b, const char *s);
void buf_put_html(struct buf *b, const char *s);

#endif
