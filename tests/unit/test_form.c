/* The urlencoded form parser (src/web/form.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "web/form.h"

#include <string.h>

static const struct form_limits lim = FORM_LIMITS_DEFAULT;

static void decodes_like_a_browser(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct form f;
	struct err e = { 0 };
	const char *in = "username=demo.consulent&password=geheim+w%C3%A4chtwoord%21%2b&&empty=&flag"
			 "&q=a%26b%3Dc&username=second";
	assert_int_equal(form_parse(in, strlen(in), &lim, &a, &f, &e), IPM_OK);
	assert_int_equal(f.n, 6);
	assert_string_equal(form_get(&f, "username"), "demo.consulent"); /* the first one */
	assert_string_equal(form_get(&f, "password"), "geheim wächtwoord!+");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_string_equal(form_get(&f, "q"), "a&b=c");
	assert_null(form_get(&f, "missing"));
	assert_string_equal(f.fields[5].value, "second");
	assert_int_equal(f.fields[1].value_len, strlen("geheim wächtwoord!+"));
	/* Textarea line breaks survive. */
	in = "notes=regel%0D%0Atwee%09tab";
	assert_int_equal(form_parse(in, strlen(in), &lim, &a, &f, &e), IPM_OK);
	assert_string_equal(form_get(&f, "notes"), "regel\r\ntwee\ttab");
	/* Empty input is an empty form. */
	assert_int_equal(form_parse("", 0, &lim, &a, &f, &e), IPM_OK);
	assert_int_equal(f.n, 0);
	arena_free(&a);
}

static void expect_refused(const char *in, const struct form_limits *l, const char *msg)
{
	struct arena a = ARENA_INIT;
	struct form f;
	struct err e = { 0 };
	assert_int_equal(form_parse(in, strlen(in), l, &a, &f, &e), IPM_EINVAL);
	assert_string_equal(e.msg, msg);
	arena_free(&a);
}

static void refuses_with_the_field_named(void **state)
{
	(void)state;
	expect_refused("a=1&b=%zz", &lim, "form: b: bad percent escape");
	expect_refused("a=1&b=%4", &lim, "form: b: bad percent escape");
	expect_refused("a=%00", &lim, "form: a: not valid UTF-8 text");
	expect_refused("a=%C3", &lim, "form: a: not valid UTF-8 text");
	expect_refused("a=%1B[31m", &lim, "form: a: not valid UTF-8 text");
	expect_refused("x=1&=v", &lim,
		       "form: field 2: the name is empty, longer than 64 bytes or not printable UTF-8");
	expect_refused("%0A=v", &lim,
		       "form: field 1: the name is empty, longer than 64 bytes or not printable UTF-8");
	expect_refused("%G0=v", &lim, "form: field 1: bad percent escape in the name");
	const struct form_limits small = { 2, 4, 3 };
	expect_refused("a=1&b=2&c=3", &small, "form: more than 2 fields");
	expect_refused("abcde=1", &small,
		       "form: field 1: the name is empty, longer than 4 bytes or not printable UTF-8");
	expect_refused("a=1234", &small, "form: a: longer than 3 bytes");
	/* The limit counts decoded bytes: %41%42%43 is three. */
	struct arena a = ARENA_INIT;
	struct form f;
	struct err e = { 0 };
	assert_int_equal(form_parse("a=%41%42%43", 11, &small, &a, &f, &e), IPM_OK);
	assert_string_equal(form_get(&f, "a"), "ABC");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(decodes_like_a_browser),
		cmocka_unit_test(refuses_with_the_field_named),
	};
	return cmocka_run_group_tests_name("form", tests, NULL, NULL);
}
