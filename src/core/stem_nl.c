/* The Snowball Dutch stemmer (stem_nl.h). The steps and their names follow
 * the published description, so that each branch can be checked against it:
 * prelude (I and Y), regions R1 and R2, steps 1, 2, 3a, 3b and 4, postlude.
 * Works on ASCII bytes: the tokenizer has already folded case and removed
 * accents, which is also the algorithm's own first step. */
#include "core/stem_nl.h"

#include <stdbool.h>
#include <string.h>

struct word {
	char *w;
	size_t n;
	size_t p1, p2; /* start of R1 and R2; n (the end) when there is none */
	bool e_found;  /* step 2 removed an e (step 3b "bar" needs it) */
};

/* The algorithm's vowels after accent removal. I and Y (marked in the
 * prelude) are consonants. */
static bool vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

static bool ends(const struct word *x, const char *suffix)
{
	size_t k = strlen(suffix);
	return x->n >= k && memcmp(x->w + x->n - k, suffix, k) == 0;
}

/* The character just before a suffix of length k, or 0 at the start. */
static char before(const struct word *x, size_t k)
{
	return x->n > k ? x->w[x->n - k - 1] : 0;
}

static bool in_r1(const struct word *x, size_t k)
{
	return x->n - k >= x->p1;
}

static bool in_r2(const struct word *x, size_t k)
{
	return x->n - k >= x->p2;
}

/* Initial y, y after a vowel, and i between vowels become consonants. */
static void prelude(struct word *x)
{
	if (x->n > 0 && x->w[0] == 'y')
		x->w[0] = 'Y';
	for (size_t i = 1; i < x->n; i++) {
		if (!vowel(x->w[i - 1]))
			continue;
		if (x->w[i] == 'y')
			x->w[i] = 'Y';
		else if (x->w[i] == 'i' && i + 1 < x->n && vowel(x->w[i + 1]))
			x->w[i] = 'I';
	}
}

/* The position after the first non-vowel that follows a vowel, searching
 * from `from`; n when there is none. */
static size_t region_after(const struct word *x, size_t from)
{
	size_t i = from;
	while (i < x->n && !vowel(x->w[i]))
		i++;
	if (i >= x->n)
		return x->n;
	i++;
	while (i < x->n && vowel(x->w[i]))
		i++;
	return i >= x->n ? x->n : i + 1;
}

/* R1 as in German: the region after the first non-vowel following a vowel,
 * but not starting before the fourth letter; R2 the same inside R1 (searched
 * from R1's unadjusted start, as the Snowball program does). */
static void mark_regions(struct word *x)
{
	x->p1 = x->p2 = x->n;
	if (x->n < 3)
		return;
	size_t p1 = region_after(x, 0);
	if (p1 >= x->n)
		return;
	x->p1 = p1 < 3 ? 3 : p1;
	x->p2 = region_after(x, p1);
}

/* kk, dd, tt at the end lose their last letter. */
static void undouble(struct word *x)
{
	if (ends(x, "kk") || ends(x, "dd") || ends(x, "tt"))
		x->n--;
}

/* A suffix of length k ending a valid en-ending: in R1, after a non-vowel,
 * and not after "gem" (so "gemen" keeps its en). */
static void en_ending(struct word *x, size_t k)
{
	char c = before(x, k);
	if (!in_r1(x, k) || c == 0 || vowel(c))
		return;
	if (x->n - k >= 3 && memcmp(x->w + x->n - k - 3, "gem", 3) == 0)
		return;
	x->n -= k;
	undouble(x);
}

/* Step 1: the longest of heden, ene, en, se, s; only that one is tried. */
static void step1(struct word *x)
{
	if (ends(x, "heden")) {
		if (in_r1(x, 5)) { /* heden -> heid */
			memcpy(x->w + x->n - 3, "id", 2);
			x->n -= 1;
		}
	} else if (ends(x, "ene")) {
		en_ending(x, 3);
	} else if (ends(x, "en")) {
		en_ending(x, 2);
	} else if (ends(x, "se") || ends(x, "s")) {
		size_t k = ends(x, "se") ? 2 : 1;
		char c = before(x, k); /* a valid s-ending: a non-vowel other than j */
		if (in_r1(x, k) && c != 0 && !vowel(c) && c != 'j')
			x->n -= k;
	}
}

/* Step 2 (also after "lijk"): e in R1 after a non-vowel. */
static void e_ending(struct word *x)
{
	x->e_found = false;
	char c = before(x, 1);
	if (ends(x, "e") && in_r1(x, 1) && c != 0 && !vowel(c)) {
		x->n--;
		x->e_found = true;
		undouble(x);
	}
}

/* Step 3a: heid in R2, not after c; then an en before it as in step 1. */
static void step3a(struct word *x)
{
	if (ends(x, "heid") && in_r2(x, 4) && before(x, 4) != 'c') {
		x->n -= 4;
		if (ends(x, "en"))
			en_ending(x, 2);
	}
}

/* Step 3b: the d-suffixes, longest first. */
static void step3b(struct word *x)
{
	if (ends(x, "end") || ends(x, "ing")) {
		if (!in_r2(x, 3))
			return;
		x->n -= 3;
		if (ends(x, "ig") && in_r2(x, 2) && before(x, 2) != 'e')
			x->n -= 2;
		else
			undouble(x);
	} else if (ends(x, "ig")) {
		if (in_r2(x, 2) && before(x, 2) != 'e')
			x->n -= 2;
	} else if (ends(x, "lijk")) {
		if (in_r2(x, 4)) {
			x->n -= 4;
			e_ending(x);
		}
	} else if (ends(x, "baar")) {
		if (in_r2(x, 4))
			x->n -= 4;
	} else if (ends(x, "bar")) {
		if (in_r2(x, 3) && x->e_found)
			x->n -= 3;
	}
}

/* Step 4: a double aa, ee, oo, uu between two non-vowels at the end loses
 * one vowel (maan -> man); the last letter must not be I. */
static void step4(struct word *x)
{
	if (x->n < 4)
		return;
	const char *t = x->w + x->n - 4;
	bool double_v = t[1] == t[2] && (t[1] == 'a' || t[1] == 'e' || t[1] == 'o' || t[1] == 'u');
	if (double_v && !vowel(t[0]) && !vowel(t[3]) && t[3] != 'I') {
		x->w[x->n - 2] = x->w[x->n - 1];
		x->n--;
	}
}

size_t stem_nl(char *w, size_t n)
{
	if (n > STEM_NL_MAX)
		return n;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80 || (w[i] >= 'A' && w[i] <= 'Z'))
			return n;
	struct word x = { .w = w, .n = n };
	prelude(&x);
	mark_regions(&x);
	step1(&x);
	e_ending(&x);
	step3a(&x);
	step3b(&x);
	step4(&x);
	for (size_t i = 0; i < x.n; i++) /* postlude */
		if (w[i] == 'I' || w[i] == 'Y')
			w[i] += 'a' - 'A';
	return x.n;
}

size_t stem_nl_norm(char *w, size_t n)
{
	if (n > STEM_NL_MAX)
		return n;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80 || (w[i] >= 'A' && w[i] <= 'Z'))
			return n; /* left alone, as stem_nl does */
	size_t len = stem_nl(w, n);
	/* -atie(s) -> -er: "sollicitatie" -> "sollicit" + "er" */
	size_t cut = 0;
	if (len >= 7 && memcmp(w + len - 4, "atie", 4) == 0)
		cut = 4;
	else if (len >= 8 && memcmp(w + len - 5, "aties", 5) == 0)
		cut = 5;
	if (cut) {
		memcpy(w + len - cut, "er", 2);
		return len - cut + 2;
	}
	/* a double consonant at the end (the stem is lower-case ASCII now) */
	if (len >= 3 && w[len - 1] == w[len - 2] && !vowel(w[len - 1]) && w[len - 1] >= 'a' &&
	    w[len - 1] <= 'z')
		len--;
	return len;
}
