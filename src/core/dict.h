/* A set of byte strings, each numbered densely in the order it was first
 * added (0, 1, 2, ...): a word list or a term dictionary that later code
 * indexes arrays with. Open addressing with FNV-1a; keys are copied into
 * one buffer. A zeroed struct is an empty dictionary. */
#ifndef IPM_CORE_DICT_H
#define IPM_CORE_DICT_H

#include <stddef.h>
#include <stdint.h>

#define DICT_NONE UINT32_MAX

struct dict {
	char *text;      /* every key, each followed by a NUL */
	size_t text_len, text_cap;
	uint32_t *off;   /* key number -> offset in text */
	uint32_t *len;   /* key number -> length */
	size_t n, cap;   /* keys */
	uint32_t *slots; /* key number + 1; 0 = empty */
	size_t nslots;   /* a power of two, or 0 */
};

/* The number of key[0..n), or DICT_NONE. */
uint32_t dict_find(const struct dict *d, const char *key, size_t n);

/* The number of key[0..n), added when new. */
uint32_t dict_add(struct dict *d, const char *key, size_t n);

/* Key number id (NUL-terminated), its length in *n when n is not NULL. */
const char *dict_key(const struct dict *d, uint32_t id, size_t *n);

void dict_free(struct dict *d);

#endif
