/* Allocation that cannot return NULL. Out of memory ends the process with a
 * message: IPM never continues with a half-built object (see architecture.md). */
#ifndef IPM_CORE_XALLOC_H
#define IPM_CORE_XALLOC_H

#include <stddef.h>
#include <stdlib.h>

_Noreturn void xalloc_die(void);
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
