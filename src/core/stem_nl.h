/* A Dutch stemmer: the Snowball "dutch" algorithm as published by Martin
 * Porter (snowball.tartarus.org/algorithms/dutch/stemmer.html), so that a
 * search for "schulden" finds "schuld" and "trainingen" finds "training".
 *
 * It removes inflection (plural -en/-s, -e, -heid, -ing, -lijk, -baar, ...),
 * not derivation or composition: by stem_nl, "solliciteren" (solliciter)
 * and "sollicitatie" keep different stems; stem_nl_norm below joins them.
 * Compounds are split by core/compound_nl.h. docs/catalogue.md
 * ("Searching") lists what the catalogue's search does and does not. */
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

/* What the catalogue's index and queries use: stem_nl, then two rules of
 * our own that Snowball leaves out, so that more forms of a word meet:
 *  - a stem ending in "atie" or "aties" with at least three letters before
 *    it gets "er" instead: the noun of an -eren verb meets the verb
 *    ("sollicitatie", "sollicitaties", "solliciteren" -> "solliciter";
 *    "organisatie" and "organiseren" -> "organiser");
 *  - a double consonant at the end is made single: Snowball undoubles only
 *    kk, dd and tt, so "cursussen" (cursuss) and "cursus" meet as "cursus",
 *    "stoffen" and "stof" as "stof".
 * Same input rules as stem_nl. */
size_t stem_nl_norm(char *w, size_t n);

#endif
