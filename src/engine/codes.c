#include "engine/codes.h"

#include <string.h>

const struct code_entry *code_list_find(const struct code_list *l, const char *code)
{
	/* Linear: the lists hold tens of codes, a CV a few hundred lookups. */
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

size_t code_list_index(const struct code_list *l, const struct code_entry *entry)
{
	return (size_t)(entry - l->v);
}
