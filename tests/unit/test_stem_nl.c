/* The Dutch stemmer against the sample vocabulary published with the
 * Snowball Dutch algorithm (snowball.tartarus.org/algorithms/dutch/), which
 * covers every step: step 1 (heden, en, s), step 2 (e), 3a (heid), 3b (end,
 * ing, ig, lijk), undoubling and step 4 (double vowels); plus the words the
 * catalogue's users type, and what is left alone. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/stem_nl.h"

#include <string.h>

static void expect_stem(const char *word, const char *stem)
{
	char w[128];
	size_t n = strlen(word);
	assert_true(n < sizeof w);
	memcpy(w, word, n + 1);
	n = stem_nl(w, n);
	w[n] = '\0';
	if (strcmp(w, stem) != 0)
		fail_msg("stem_nl(%s) = %s, expected %s", word, w, stem);
}

static void test_published_sample(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{ "lichaamsziek", "lichaamsziek" }, { "lichamelijk", "licham" },
		{ "lichamelijke", "licham" }, { "lichamelijkheden", "licham" },
		{ "lichamen", "licham" }, { "lichere", "licher" }, { "licht", "licht" },
		{ "lichtbeeld", "lichtbeeld" }, { "lichtdoorlatende", "lichtdoorlat" },
		{ "lichte", "licht" }, { "lichten", "licht" }, { "lichtende", "lichtend" },
		{ "lichtenvoorde", "lichtenvoord" }, { "lichter", "lichter" },
		{ "lichters", "lichter" }, { "lichtgevoeligheid", "lichtgevoel" },
		{ "lichthoeveelheid", "lichthoevel" }, { "lichtje", "lichtj" },
		{ "lichtjes", "lichtjes" }, { "lichtkranten", "lichtkrant" },
		{ "lichtregelsystemen", "lichtregelsystem" }, { "lichtste", "lichtst" },
		{ "lichtstromende", "lichtstrom" }, { "lichtte", "licht" }, { "lichtten", "licht" },
		{ "lichttoetreding", "lichttoetred" }, { "lichtverontreinigde", "lichtverontreinigd" },
		{ "lichtzinnige", "lichtzinn" }, { "lid", "lid" }, { "lidia", "lidia" },
		{ "lidmaatschap", "lidmaatschap" }, { "lidstaten", "lidstat" },
		{ "lidvereniging", "lidveren" }, { "opgingen", "opging" },
		{ "opglanzing", "opglanz" }, { "opglanzingen", "opglanz" },
		{ "opglimlachten", "opglimlacht" }, { "opglimpende", "opglimp" },
		{ "opgraven", "opgrav" }, { "opgroeiende", "opgroei" },
		{ "opgroeiplaats", "opgroeiplat" }, { "ophaal", "ophal" },
		{ "ophaaldienst", "ophaaldienst" }, { "ophaalkosten", "ophaalkost" },
		{ "ophaalsystemen", "ophaalsystem" }, { "ophaalt", "ophaalt" },
		{ "ophalen", "ophal" }, { "ophalend", "ophal" }, { "ophalers", "ophaler" },
		{ "opheffen", "opheff" }, { "opheffing", "opheff" }, { "opheldering", "ophelder" },
		{ "ophemelde", "ophemeld" }, { "ophemelen", "ophemel" }, { "ophief", "ophief" },
		{ "ophieven", "ophiev" }, { "ophoog", "ophog" }, { "ophoogzand", "ophoogzand" },
		{ "ophopen", "ophop" }, { "ophoping", "ophop" }, { "ophouden", "ophoud" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		expect_stem(pairs[i][0], pairs[i][1]);
}

/* Words of the catalogue: what conflates, and honestly what does not. */
static void test_catalogue_words(void **state)
{
	(void)state;
	expect_stem("schulden", "schuld");
	expect_stem("schuld", "schuld");
	expect_stem("trainingen", "training"); /* ing is not in R2 here: only en goes */
	expect_stem("training", "training");
	expect_stem("vaardigheden", "vaardig"); /* heden -> heid (1), heid goes (3a) */
	expect_stem("begeleiding", "begeleid");
	expect_stem("begeleiden", "begeleid");
	expect_stem("werknemers", "werknemer");
	/* derivation is not inflection: these keep different stems */
	expect_stem("solliciteren", "solliciter");
	expect_stem("sollicitatie", "sollicitatie");
	expect_stem("sollicitatietraining", "sollicitatietrain");
	/* the en of "gemeenten"'s kind: not after gem */
	expect_stem("gemen", "gemen");
}

static void test_left_alone(void **state)
{
	(void)state;
	expect_stem("", "");
	expect_stem("en", "en");
	expect_stem("b1", "b1");
	expect_stem("caf\xc3\xa9s", "caf\xc3\xa9s"); /* not ASCII: the tokenizer removed accents before */
	char longw[STEM_NL_MAX + 8];
	memset(longw, 'a', sizeof longw - 3);
	memcpy(longw + sizeof longw - 3, "en", 3);
	expect_stem(longw, longw);
}

static void expect_norm(const char *word, const char *stem)
{
	char w[128];
	size_t n = strlen(word);
	assert_true(n < sizeof w);
	memcpy(w, word, n + 1);
	n = stem_nl_norm(w, n);
	w[n] = '\0';
	if (strcmp(w, stem) != 0)
		fail_msg("stem_nl_norm(%s) = %s, expected %s", word, w, stem);
}

/* The two rules on top of Snowball, and that they leave other stems alone. */
static void test_norm_rules(void **state)
{
	(void)state;
	/* -atie(s) -> -er: the noun meets its -eren verb */
	expect_norm("sollicitatie", "solliciter");
	expect_norm("sollicitaties", "solliciter"); /* Snowball keeps the s after a vowel */
	expect_norm("solliciteren", "solliciter");
	expect_norm("solliciteer", "solliciter"); /* Snowball's step 4: eer -> er */
	expect_norm("organisatie", "organiser");
	expect_norm("organiseren", "organiser");
	expect_norm("presentatie", "presenter");
	expect_norm("presenteren", "presenter");
	expect_norm("natie", "natie");     /* fewer than three letters before atie */
	expect_norm("relatie", "reler");   /* three: relateren */
	/* a double consonant at the end */
	expect_norm("cursussen", "cursus"); /* stem_nl: cursuss */
	expect_norm("cursus", "cursus");
	expect_norm("stoffen", "stof");
	expect_norm("stof", "stof");
	expect_norm("lessen", "les");
	expect_norm("opheffen", "ophef"); /* the published sample has opheff */
	expect_norm("ophalen", "ophal");  /* unchanged where Snowball ends in one */
	expect_norm("schulden", "schuld");
	expect_norm("taal", "tal");
	expect_norm("zee", "zee"); /* vowels are not undoubled here */
	expect_norm("b11", "b11"); /* nor digits */
	expect_norm("caf\xc3\xa9", "caf\xc3\xa9");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_published_sample),
		cmocka_unit_test(test_catalogue_words),
		cmocka_unit_test(test_left_alone),
		cmocka_unit_test(test_norm_rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
