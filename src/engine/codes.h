/* A list of codes from a taxonomy pack (sectors, competences, education
 * levels), as the engine needs it to check and name codes without seeing the
 * pack: built by src/pack/codes_build.c. Everything lives in the caller's
 * arena. */
#ifndef IPM_ENGINE_CODES_H
#define IPM_ENGINE_CODES_H

#include <stddef.h>

struct code_entry {
	const char *code;
	const char *label_nl;
	const char *parent; /* code of the enclosing term (a competence's cluster), or NULL */
	double value;       /* the term's value (an education level's rank), 0 without */
};

struct code_list {
	const char *pack; /* the pack id, named in messages about unknown codes */
	const struct code_entry *v;
	size_t n;
};

/* The entry with `code`, or NULL. */
const struct code_entry *code_list_find(const struct code_list *l, const char *code);

/* Position of `entry` in the list: for a ranked list (education levels,
 * sorted by value) a higher index is a higher level. */
size_t code_list_index(const struct code_list *l, const struct code_entry *entry);

#endif
