/* Dutch compound splitting (core/compound_nl.h): the parts a compound is
 * indexed under, with the fixed word list and with words learned from text;
 * the linking morphemes; what is never split. Every expected part list is
 * worked out by hand from the rules in compound_nl.h and the stems of
 * stem_nl_norm (tested in test_stem_nl.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/compound_nl.h"

#include <stdio.h>
#include <string.h>

/* The parts of w as "a b c" in the order produced (the runs of parts from
 * the first part on, shortest run first). */
static void expect_parts(struct compound_nl *c, const char *w, const char *want)
{
	const uint32_t *parts;
	size_t n;
	compound_nl_split(c, w, strlen(w), &parts, &n);
	char got[512] = "";
	size_t len = 0;
	for (size_t k = 0; k < n; k++) {
		size_t plen;
		const char *p = dict_key(&c->part_ids, parts[k], &plen);
		assert_true(len + plen + 2 < sizeof got);
		if (k)
			got[len++] = ' ';
		memcpy(got + len, p, plen);
		len += plen;
		got[len] = '\0';
	}
	if (strcmp(got, want) != 0)
		fail_msg("parts of %s: \"%s\", expected \"%s\"", w, got, want);
}

static void test_fixed_list(void **state)
{
	(void)state;
	struct compound_nl c;
	compound_nl_init(&c);
	/* modifier and head, both in the list; taal stems to tal */
	expect_parts(&c, "taalcursus", "tal cursus");
	expect_parts(&c, "taalcursussen", "tal cursus"); /* an inflected head */
	expect_parts(&c, "taalcafe", "tal caf");
	/* three parts: each part and each run of two */
	expect_parts(&c, "schuldhulpverlening", "schuld schuldhulp hulp hulpverlen verlen");
	/* -s- joins ervaring and plaats; the run keeps it */
	expect_parts(&c, "werkervaringsplaats", "werk werkervar ervar ervaringsplat plat");
	/* an -atie part meets the verb; gesprekken is one part, not gesprek + ken */
	expect_parts(&c, "sollicitatiegesprekken", "solliciter gesprek");
	expect_parts(&c, "jobcoach", "job coach"); /* job: a listed short part */
	/* not compounds of known words */
	expect_parts(&c, "werkende", "");    /* ende is no word */
	expect_parts(&c, "netwerk", "");     /* net is too short and not listed */
	expect_parts(&c, "persoonlijk", ""); /* persoon is not in the list */
	expect_parts(&c, "taal", "");        /* a known word alone */
	expect_parts(&c, "b1taal", "");      /* only letters are split */
	expect_parts(&c, "caf\xc3\xa9", "");
	compound_nl_free(&c);
}

static void count(struct compound_nl *c, const char *w, int times)
{
	for (int k = 0; k < times; k++)
		compound_nl_count(c, w, strlen(w));
}

static void test_learned_words(void **state)
{
	(void)state;
	struct compound_nl c;
	compound_nl_init(&c);
	count(&c, "boek", 2);
	count(&c, "kast", 1); /* once: not learned */
	count(&c, "stad", 3);
	count(&c, "voor", 9); /* a function word: never learned */
	count(&c, "waarde", 2);
	count(&c, "ver", 5); /* too short */
	count(&c, "tallen", 2); /* never a part (tweetallen is not about taal) */
	count(&c, "twee", 2);
	compound_nl_seal(&c);
	assert_int_equal(c.learned.n, 5);
	assert_string_equal(dict_key(&c.learned, 0, NULL), "boek"); /* in first-seen order */
	assert_string_equal(dict_key(&c.learned, 4, NULL), "twee");

	expect_parts(&c, "boekenkast", ""); /* kast is not known */
	expect_parts(&c, "stadshuis", "stad huis"); /* -s-, huis from the list */
	expect_parts(&c, "voorwaarde", "");
	expect_parts(&c, "tweetallen", "");
	expect_parts(&c, "boekwerk", "boek werk");

	/* learning another word forgets the cached splits */
	compound_nl_add_learned(&c, "kast", 4);
	expect_parts(&c, "boekenkast", "boek kast"); /* -en- */
	expect_parts(&c, "boekekast", "boek kast");  /* -e- */
	compound_nl_free(&c);
}

static void test_learnable(void **state)
{
	(void)state;
	assert_true(compound_nl_learnable("werk", 4));
	assert_false(compound_nl_learnable("cv", 2));
	assert_false(compound_nl_learnable("dag", 3));
	assert_false(compound_nl_learnable("b1b2", 4));
	assert_false(compound_nl_learnable("over", 4));
	assert_false(compound_nl_learnable("caf\xc3\xa9", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_list),
		cmocka_unit_test(test_learned_words),
		cmocka_unit_test(test_learnable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
