/* Dutch compounds for the catalogue's full text: "taalcursus" is also
 * found by "taal" and by "cursus", "schuldhulpverlening" by "schuld",
 * "hulp" and "hulpverlening" (docs/catalogue.md, "Searching").
 *
 * A lexicon holds the words a compound may be made of: a fixed list of
 * words of this field (compound_nl.c) plus words learned from the
 * catalogue's own text — every word of at least four letters that occurs
 * at least twice and is not a function word ("voor", "over", ...). A word
 * is split when all of it can be cut into known words, optionally joined by
 * the linking morphemes -s-, -e- or -en- (werkervaring-s-plaats), each part
 * at least three letters. "Known" compares stems (stem_nl_norm), so an
 * inflected head counts: "taalcursussen" = taal + cursussen (cursus).
 *
 * What a split yields are the stems of its parts and of every run of
 * adjacent parts (schuld, hulp, verlening, schuldhulp, hulpverlening), never
 * the whole word's own stem. Words are lower case
 * ASCII letters (what unicode61 with remove_diacritics 2 delivers for Dutch
 * words); anything else is not split. */
#ifndef IPM_CORE_COMPOUND_NL_H
#define IPM_CORE_COMPOUND_NL_H

#include "core/dict.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A learned word must occur this often. */
#define COMPOUND_NL_MIN_COUNT 2
/* Parts a split may have. */
#define COMPOUND_NL_MAX_PARTS 8

struct compound_nl {
	struct dict stems;   /* stem_nl_norm of every known word */
	struct dict learned; /* the learned words, in the order learned */
	struct dict seen;    /* words counted by compound_nl_count */
	uint32_t *seen_n;
	size_t seen_cap;
	/* splits already worked out: word -> its part stems */
	struct dict cache;
	uint32_t *cache_at;  /* per cached word: start in cache_parts */
	size_t cache_cap;
	struct dict part_ids; /* the part stems of all cached splits */
	uint32_t *cache_parts;
	size_t cache_parts_len, cache_parts_cap;
};

/* A lexicon with the fixed word list only. */
void compound_nl_init(struct compound_nl *c);
void compound_nl_free(struct compound_nl *c);

/* Learning: count every word of the text, then seal: the words counted
 * often enough become known (and are listed in c->learned). */
void compound_nl_count(struct compound_nl *c, const char *w, size_t n);
void compound_nl_seal(struct compound_nl *c);

/* Makes a word known as learned (reading back a stored c->learned list). */
void compound_nl_add_learned(struct compound_nl *c, const char *w, size_t n);

/* Whether the word could be learned: letters a-z only, at least four, not a
 * function word. */
bool compound_nl_learnable(const char *w, size_t n);

/* The part stems of w[0..n): *n_parts of them, part k being
 * dict_key(&c->part_ids, parts[k]). None (and NULL) when the word is not a
 * compound. Results are cached per word; *parts is valid until the next
 * split. */
void compound_nl_split(struct compound_nl *c, const char *w, size_t n, const uint32_t **parts,
		       size_t *n_parts);

#endif
