/* A Dutch stemmer: the Snowball "dutch" algorithm as published by Martin
 * Porter (snowball.tartarus.org/algorithms/dutch/stemmer.html), so that a
 * search for "schulden" finds "schuld" and "trainingen" finds "training".
 *
 * It removes inflection (plural -en/-s, -e, -heid, -ing, -lijk, -baar, ...),
 * not derivation or composition: "solliciteren" (sollicit-er) and
 * "sollicitatie" keep different stems, and a compound such as
 * "schuldhulpverlening" is one word that "schuld" does not match (a prefix
 * query "schuld*" does). docs/store.md ("Catalogue search") lists what it
 * does and what it does not. */
#ifndef IPM_CORE_STEM_NL_H
#define IPM_CORE_STEM_NL_H

#include <stddef.h>

/* Longest word that is stemmed; longer ones are left as they are. */
#define STEM_NL_MAX 64

/* Stems w[0..n) in place and returns the new length (<= n). The word must
 * already be lower case with its accents removed (the FTS5 tokenizer
 * unicode61 with remove_diacritics 2 delivers that); a word with a byte
 * outside ASCII, or longer than STEM_NL_MAX, is returned unchanged. */
size_t stem_nl(char *w, size_t n);

#endif
