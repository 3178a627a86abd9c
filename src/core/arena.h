/* A bump allocator for objects that live and die together (a loaded pack, a
 * scored batch, one HTTP request). Freeing the arena frees them all, so the
 * structs built in it need no destructors of their own. */
#ifndef IPM_CORE_ARENA_H
#define IPM_CORE_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t block_size; /* 0 means the default, 64 KiB */
};

#define ARENA_INIT { 0 }

/* Zeroed, aligned for any type. Never NULL (out of memory is fatal). */
void *arena_alloc(struct arena *a, size_t n);
void *arena_array(struct arena *a, size_t count, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);

#endif
