/* Answers files (services/answers_csv.h) and the CSV reader under them
 * (core/csv.h): what is accepted, and every message word for word, because
 * the messages are how a professional finds the wrong cell. The questionnaire
 * is tests/fixtures/packs/score-test.json: a1..a3 (1..5, a3 keyed -), b1, b2,
 * x1 (excluded by default), p1..p3 (points in block "verdeling", total 10). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/csv.h"
#include "core/fs.h"
#include "core/utf8.h"
#include "pack/pack.h"
#include "pack/pack_ref.h"
#include "pack/questionnaire_build.h"
#include "services/answers_csv.h"
#include "services/score_csv.h"
#include "support/questionnaire_fixture.h"

#include <stdlib.h>
#include <string.h>

#define PACK "tests/fixtures/packs/score-test.json"

static struct questionnaire *load(bool include_excluded)
{
	return test_questionnaire(PACK, include_excluded);
}

static int setup(void **state)
{
	*state = load(false);
	return 0;
}

static int teardown(void **state)
{
	questionnaire_free(*state);
	return 0;
}

static int item(const struct questionnaire *q, const char *id)
{
	int32_t i = questionnaire_item_index(q, id);
	assert_true(i >= 0);
	return i;
}

/* Parses text that must be refused and returns all message lines. */
static char *refused(const struct questionnaire *q, const char *text)
{
	struct answers a = { 0 };
	struct buf msgs = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(answers_csv_parse(q, "a.csv", text, strlen(text), &a, &msgs, &e),
			 IPM_EINVAL);
	assert_null(a.values);
	/* The error record holds the first line too. */
	size_t first = strcspn(buf_str(&msgs), "\n");
	assert_true(strncmp(e.msg, buf_str(&msgs), first) == 0);
	return buf_detach(&msgs, NULL);
}

/* One problem: exactly this line. */
static void refused_with(const struct questionnaire *q, const char *text, const char *line)
{
	char *m = refused(q, text);
	struct buf want = BUF_INIT;
	buf_printf(&want, "%s\n", line);
	assert_string_equal(m, buf_str(&want));
	buf_free(&want);
	free(m);
}

static void good_file_bom_crlf_quotes_missing(void **state)
{
	const struct questionnaire *q = *state;
	struct buf text = BUF_INIT;
	struct answers a;
	struct err e = { 0 };
	assert_int_equal(fs_read_file("tests/fixtures/answers/good.csv", &text, &e), IPM_OK);
	assert_int_equal(answers_csv_parse(q, "good.csv", text.data, text.len, &a, NULL, &e),
			 IPM_OK);
	assert_int_equal(a.n_rows, 4);
	assert_int_equal(a.n_items, q->n_items);
	assert_string_equal(a.respondent[0], "r1");
	assert_string_equal(a.respondent[3], "r,4 \"x\""); /* comma and "" inside quotes */
	assert_int_equal(a.sex[0], 'm');
	assert_int_equal(a.sex[1], 0);
	assert_int_equal(a.sex[3], 'v'); /* "V": case ignored */
	assert_int_equal(a.age[0], 30);
	assert_int_equal(a.age[2], 0);
	assert_int_equal(a.file_row[0], 2);
	assert_int_equal(a.file_row[3], 5);
	const int16_t *r1 = a.values, *r2 = a.values + a.n_items, *r3 = r2 + a.n_items;
	assert_int_equal(r1[item(q, "a1")], 4);
	assert_int_equal(r1[item(q, "a3")], 2); /* stored as answered; keying is the engine's */
	assert_int_equal(r1[item(q, "p3")], 2);
	assert_int_equal(r2[item(q, "a2")], Q_MISSING); /* empty field */
	assert_int_equal(r2[item(q, "x1")], Q_MISSING); /* no column */
	assert_int_equal(r3[item(q, "p1")], Q_MISSING); /* a block left wholly empty */
	answers_free(&a);
	buf_free(&text);
}

static void lf_quoted_values_spaces_and_blank_lines(void **state)
{
	const struct questionnaire *q = *state;
	const char *text = "a1,respondent,b1\n\" 3 \",x,\"4\"\n\n  5\t,y,\n";
	struct answers a;
	struct err e = { 0 };
	assert_int_equal(answers_csv_parse(q, "a.csv", text, strlen(text), &a, NULL, &e), IPM_OK);
	assert_int_equal(a.n_rows, 2);
	assert_int_equal(a.values[item(q, "a1")], 3);
	assert_int_equal(a.values[item(q, "b1")], 4);
	assert_int_equal(a.file_row[1], 4); /* the blank line 3 still counts */
	assert_int_equal(a.values[a.n_items + item(q, "a1")], 5);
	assert_int_equal(a.values[a.n_items + item(q, "b1")], Q_MISSING);
	answers_free(&a);
}

static void header_problems(void **state)
{
	const struct questionnaire *q = *state;
	refused_with(q, "respondent,a1,zz\nr1,3,4\n",
		     "a.csv: row 1, column 3 (zz): unknown column (not respondent, sex, age, "
		     "pack or an item of score-test@1.2.0)");
	refused_with(q, "respondent,a1,a1\nr1,3,4\n",
		     "a.csv: row 1, column 3 (a1): the same column as column 2");
	refused_with(q, "a1,b1\n3,4\n", "a.csv: row 1: no respondent column (the header must name one)");
	refused_with(q, "respondent,x1\nr1,1\n",
		     "a.csv: row 1, column 2 (x1): item x1 is not asked (excluded by default); "
		     "remove the column or switch the item on");
	/* Headers are outside text: shortened and shown in printable ASCII only. */
	refused_with(q, "respondent,\"A\x01\xc3\xa9\"\nr1,1\n",
		     "a.csv: row 1, column 2 (A??" "?): unknown column (not respondent, sex, age, "
		     "pack or an item of score-test@1.2.0)");
	refused_with(q, "respondent,,a1\nr1,,1\n",
		     "a.csv: row 1, column 2 (empty): unknown column (not respondent, sex, age, "
		     "pack or an item of score-test@1.2.0)");
}

static void excluded_item_switched_on(void **state)
{
	(void)state;
	struct questionnaire *q = load(true);
	const char *text = "respondent,x1\nr1,1\n";
	struct answers a;
	struct err e = { 0 };
	assert_int_equal(answers_csv_parse(q, "a.csv", text, strlen(text), &a, NULL, &e), IPM_OK);
	assert_int_equal(a.values[item(q, "x1")], 1);
	answers_free(&a);
	questionnaire_free(q);
}

static void value_problems(void **state)
{
	const struct questionnaire *q = *state;
	refused_with(q, "respondent,a1\nr1,9\n", "a.csv: row 2, column 2 (a1): 9 is outside 1..5");
	refused_with(q, "respondent,a1\nr1,-2\n", "a.csv: row 2, column 2 (a1): -2 is outside 1..5");
	refused_with(q, "respondent,a1\nr1,1234567\n",
		     "a.csv: row 2, column 2 (a1): a number outside 1..5");
	refused_with(q, "respondent,a1\nr1,3.0\n",
		     "a.csv: row 2, column 2 (a1): not a whole number (expected 1..5 or empty)");
	refused_with(q, "respondent,a1\nr1,Jan\n",
		     "a.csv: row 2, column 2 (a1): not a whole number (expected 1..5 or empty)");
	refused_with(q, "respondent,p1,p2,p3\nr1,11,0,0\n",
		     "a.csv: row 2, column 2 (p1): 11 is outside 0..10");
	refused_with(q, "respondent,sex\nr1,x\n", "a.csv: row 2, column 2 (sex): expected m, v or empty");
	refused_with(q, "respondent,age\nr1,14\n",
		     "a.csv: row 2, column 2 (age): expected whole years from 15 to 100, or empty");
	refused_with(q, "respondent,age\nr1,101\n",
		     "a.csv: row 2, column 2 (age): expected whole years from 15 to 100, or empty");
	refused_with(q, "respondent,a1\nr1,3,4\n", "a.csv: row 2: 3 fields, but the header has 2 columns");
}

/* Respondent ids are not repeated in messages: they may identify a person. */
static void respondent_problems_do_not_echo_the_id(void **state)
{
	const struct questionnaire *q = *state;
	refused_with(q, "respondent,a1\n,3\n",
		     "a.csv: row 2, column 1 (respondent): empty (every row needs a respondent id)");
	struct buf long_id = BUF_INIT;
	buf_puts(&long_id, "respondent\n");
	for (int i = 0; i < 101; i++)
		buf_putc(&long_id, 'x');
	buf_putc(&long_id, '\n');
	refused_with(q, long_id.data,
		     "a.csv: row 2, column 1 (respondent): longer than 100 bytes");
	buf_free(&long_id);
	refused_with(q, "respondent\n\"Jan\nJansen\"\n",
		     "a.csv: row 2, column 1 (respondent): contains a control character");
	refused_with(q, "respondent\nJ\xe9\n",
		     "a.csv: row 2, column 1 (respondent): not valid UTF-8 text");
	refused_with(q, "respondent,a1\nJansen,3\nPiet,3\nJansen,4\nJansen,5\n",
		     "a.csv: row 4, column 1 (respondent): the same respondent as row 2\n"
		     "a.csv: row 5, column 1 (respondent): the same respondent as row 2");
	char *m = refused(q, "respondent,a1\nJansen,9\n");
	assert_null(strstr(m, "Jansen"));
	free(m);
}

static void pack_column(void **state)
{
	const struct questionnaire *q = *state;
	struct answers a;
	struct err e = { 0 };
	const char *ok = "respondent,pack\nr1,score-test@1.2.0\n";
	assert_int_equal(answers_csv_parse(q, "a.csv", ok, strlen(ok), &a, NULL, &e), IPM_OK);
	answers_free(&a);
	refused_with(q, "respondent,pack\nr1,score-test@1.2.0\nr2,score-test@1.1.0\n",
		     "a.csv: row 3, column 2 (pack): answers are for score-test@1.1.0 but the pack "
		     "is score-test@1.2.0");
	refused_with(q, "respondent,pack\nr1,other@1.2.0\n",
		     "a.csv: row 2, column 2 (pack): answers are for other@1.2.0 but the pack is "
		     "score-test@1.2.0");
	refused_with(q, "respondent,pack\nr1,score-test\n",
		     "a.csv: row 2, column 2 (pack): expected ID@VERSION of the pack, here "
		     "score-test@1.2.0");
	refused_with(q, "respondent,pack\nr1,\n",
		     "a.csv: row 2, column 2 (pack): expected ID@VERSION of the pack, here "
		     "score-test@1.2.0");
}

static void ipsative_block_sums(void **state)
{
	const struct questionnaire *q = *state;
	refused_with(q, "respondent,p3,p1,p2\nr1,2,5,3\nr2,3,5,3\n",
		     "a.csv: row 3, column 2 (p3): block \"verdeling\": points add up to 11, "
		     "expected 10");
	refused_with(q, "respondent,p1,p2,p3\nr1,5,5,\n",
		     "a.csv: row 2, column 2 (p1): block \"verdeling\": 2 of 3 items answered; give "
		     "points to all or none");
}

static void csv_syntax_problems(void **state)
{
	const struct questionnaire *q = *state;
	refused_with(q, "respondent,a1\nr1,\"3\n", "a.csv: row 2, column 2: quoted field is not closed");
	refused_with(q, "respondent,a1\nr1,3\"\n",
		     "a.csv: row 2, column 2: a quote inside an unquoted field");
	refused_with(q, "respondent,a1\n\"r1\"x,3\n",
		     "a.csv: row 2, column 1: a closing quote must end the field");
	refused_with(q, "", "a.csv: empty file (a header row is required)");
	refused_with(q, "\xef\xbb\xbf", "a.csv: empty file (a header row is required)");
	refused_with(q, "respondent,a1\r\n", "a.csv: no respondents (only a header row)");
}

/* A file with the same mistake on every row stops at 20 problems. */
static void stops_after_twenty_problems(void **state)
{
	const struct questionnaire *q = *state;
	struct buf text = BUF_INIT;
	buf_puts(&text, "respondent,a1\n");
	for (int i = 0; i < 30; i++)
		buf_printf(&text, "r%d,7\n", i);
	struct answers a = { 0 };
	struct buf msgs = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(answers_csv_parse(q, "a.csv", text.data, text.len, &a, &msgs, &e),
			 IPM_EINVAL);
	size_t lines = 0;
	for (const char *p = msgs.data; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	assert_int_equal(lines, ANSWERS_MAX_ERRORS + 1);
	assert_non_null(strstr(msgs.data, "a.csv: row 21, column 2 (a1): 7 is outside 1..5\n"
					  "a.csv: stopped after 20 problems\n"));
	assert_null(strstr(msgs.data, "row 22"));
	/* The error record keeps whole lines within its 1 KiB. */
	assert_true(strlen(e.msg) < sizeof e.msg);
	assert_non_null(strstr(e.msg, "a.csv: row 2, column 2 (a1): 7 is outside 1..5"));
	buf_free(&msgs);
	buf_free(&text);
}

static void csv_reader_and_writer(void **state)
{
	(void)state;
	struct csv c;
	struct err e = { 0 };
	const char *text = "a,\"b,\"\"c\"\"\",\r\n\"x\ny\",\rlast";
	csv_init(&c, text, strlen(text));
	assert_int_equal(csv_next(&c, &e), IPM_OK);
	assert_int_equal(c.nfields, 3);
	assert_string_equal(csv_field(&c, 1, NULL), "b,\"c\"");
	assert_string_equal(csv_field(&c, 2, NULL), "");
	assert_int_equal(csv_next(&c, &e), IPM_OK);
	assert_int_equal(c.row, 2);
	assert_string_equal(csv_field(&c, 0, NULL), "x\ny");
	assert_int_equal(c.nfields, 2); /* a lone CR ends the record */
	assert_int_equal(csv_next(&c, &e), IPM_OK);
	assert_string_equal(csv_field(&c, 0, NULL), "last");
	assert_int_equal(csv_next(&c, &e), IPM_OK);
	assert_true(c.eof);
	csv_free(&c);

	struct buf b = BUF_INIT;
	csv_put_field(&b, "plain");
	buf_putc(&b, ',');
	csv_put_field(&b, "r,4 \"x\"");
	buf_putc(&b, ',');
	csv_put_field(&b, " padded");
	assert_string_equal(b.data, "plain,\"r,4 \"\"x\"\"\",\" padded\"");
	buf_free(&b);
}

/* Text from outside in a file for spreadsheets: shown, never run. */
static void csv_writer_for_spreadsheets(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "=1+2", "'=1+2" },
		{ "+31 6 1234", "'+31 6 1234" },
		{ "-x", "'-x" },
		{ "@SUM(A1)", "'@SUM(A1)" },
		{ "\tx", "'\tx" },
		{ "'=x", "''=x" }, /* one more, so that taking one off gives it back */
		{ "=a,b", "\"'=a,b\"" },
		{ "\rx", "\"'\rx\"" },
		{ "a=b", "a=b" },
		{ "'tekst", "'tekst" },
		{ "", "" },
	};
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		csv_put_field_safe(&b, cases[i].in);
		assert_string_equal(buf_str(&b), cases[i].out);
	}
	assert_true(csv_formula_like("''@x", 4));
	assert_false(csv_formula_like("''", 2));
	assert_false(csv_formula_like("=x", 0));
	/* ipm score's CSV: the respondent so, the numbers as they are. */
	struct questionnaire q = { 0 };
	buf_reset(&b);
	score_csv_row(&b, &q, "=HYPERLINK(\"x\")", NULL);
	assert_string_equal(buf_str(&b), "\"'=HYPERLINK(\"\"x\"\")\"\r\n");
	buf_free(&b);
}

static void utf8_and_pack_refs(void **state)
{
	(void)state;
	assert_true(utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 14));
	assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong */
	assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
	assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* beyond U+10FFFF */
	assert_false(utf8_valid("\xe2\x82", 2));         /* cut short */
	struct pack_ref r;
	assert_int_equal(pack_ref_parse("ipip-neo-120@1.1.0-rc.1", &r), IPM_OK);
	assert_string_equal(r.id, "ipip-neo-120");
	assert_true(r.has_version);
	assert_string_equal(r.version.pre, "rc.1");
	assert_int_equal(pack_ref_parse("ipip-neo-120", &r), IPM_OK);
	assert_false(r.has_version);
	assert_int_equal(pack_ref_parse("Big@1.0.0", &r), IPM_EINVAL);
	assert_int_equal(pack_ref_parse("x@1.0", &r), IPM_EINVAL);
	assert_int_equal(pack_ref_parse("@1.0.0", &r), IPM_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(good_file_bom_crlf_quotes_missing),
		cmocka_unit_test(lf_quoted_values_spaces_and_blank_lines),
		cmocka_unit_test(header_problems),
		cmocka_unit_test(excluded_item_switched_on),
		cmocka_unit_test(value_problems),
		cmocka_unit_test(respondent_problems_do_not_echo_the_id),
		cmocka_unit_test(pack_column),
		cmocka_unit_test(ipsative_block_sums),
		cmocka_unit_test(csv_syntax_problems),
		cmocka_unit_test(stops_after_twenty_problems),
		cmocka_unit_test(csv_reader_and_writer),
		cmocka_unit_test(csv_writer_for_spreadsheets),
		cmocka_unit_test(utf8_and_pack_refs),
	};
	return cmocka_run_group_tests_name("answers_csv", tests, setup, teardown);
}
