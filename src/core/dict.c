/* dict.h: a string set numbering its keys. */
#include "core/dict.h"

#include "core/xalloc.h"

#include <string.h>

static uint32_t hash(const char *key, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)key[i];
		h *= 16777619u;
	}
	return h;
}

static size_t slot_of(const struct dict *d, const char *key, size_t n)
{
	size_t mask = d->nslots - 1;
	for (size_t at = hash(key, n) & mask;; at = (at + 1) & mask) {
		uint32_t id = d->slots[at];
		if (id == 0 || (d->len[id - 1] == n && memcmp(d->text + d->off[id - 1], key, n) == 0))
			return at;
	}
}

uint32_t dict_find(const struct dict *d, const char *key, size_t n)
{
	if (d->nslots == 0)
		return DICT_NONE;
	uint32_t id = d->slots[slot_of(d, key, n)];
	return id ? id - 1 : DICT_NONE;
}

/* Keeps the table at most half full. */
static void grow(struct dict *d)
{
	size_t nslots = d->nslots ? 2 * d->nslots : 64;
	free(d->slots);
	d->slots = xcalloc(nslots, sizeof *d->slots);
	d->nslots = nslots;
	for (size_t id = 0; id < d->n; id++)
		d->slots[slot_of(d, d->text + d->off[id], d->len[id])] = (uint32_t)id + 1;
}

uint32_t dict_add(struct dict *d, const char *key, size_t n)
{
	uint32_t found = dict_find(d, key, n);
	if (found != DICT_NONE)
		return found;
	if (2 * (d->n + 1) > d->nslots)
		grow(d);
	if (d->n == d->cap) {
		d->cap = d->cap ? 2 * d->cap : 64;
		d->off = xrealloc(d->off, d->cap * sizeof *d->off);
		d->len = xrealloc(d->len, d->cap * sizeof *d->len);
	}
	while (d->text_len + n + 1 > d->text_cap) {
		d->text_cap = d->text_cap ? 2 * d->text_cap : 1024;
		d->text = xrealloc(d->text, d->text_cap);
	}
	memcpy(d->text + d->text_len, key, n);
	d->text[d->text_len + n] = '\0';
	d->off[d->n] = (uint32_t)d->text_len;
	d->len[d->n] = (uint32_t)n;
	d->text_len += n + 1;
	d->slots[slot_of(d, key, n)] = (uint32_t)d->n + 1;
	return (uint32_t)d->n++;
}

const char *dict_key(const struct dict *d, uint32_t id, size_t *n)
{
	if (n)
		*n = d->len[id];
	return d->text + d->off[id];
}

void dict_free(struct dict *d)
{
	free(d->text);
	free(d->off);
	free(d->len);
	free(d->slots);
	*d = (struct dict){ 0 };
}
