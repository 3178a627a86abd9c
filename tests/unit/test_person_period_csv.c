/* Person-period files (services/person_period_csv.h): what is accepted, the
 * writer's round trip, and every message word for word, because the
 * messages are how a user finds the wrong cell. The model is built in code:
 * factors taal and gezondheid (−2..2) and client attribute age_50_plus. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "services/person_period_csv.h"

#include <stdio.h>
#include <string.h>

static struct prog_model model;

static int setup(void **state)
{
	(void)state;
	static struct prog_feature f[3];
	static const double h0[1] = { 0.1 };
	f[0] = (struct prog_feature){ .id = "taal", .kind = PROG_FACTOR, .ref = "taalniveau",
				      .client = PROG_CLIENT_NONE, .min = -2, .max = 2 };
	f[1] = (struct prog_feature){ .id = "gezondheid", .kind = PROG_FACTOR, .ref = "gezondheid",
				      .client = PROG_CLIENT_NONE, .min = -2, .max = 2 };
	f[2] = (struct prog_feature){ .id = "age_50_plus", .kind = PROG_CLIENT,
				      .ref = "age_50_plus", .client = PROG_AGE_50_PLUS, .min = 0,
				      .max = 1 };
	model = (struct prog_model){ .pack_id = "m", .version = "1.0.0", .n_months = 1, .h0 = h0,
				     .n_features = 3, .features = f };
	struct err e;
	return prog_model_prepare(&model, &e);
}

static int teardown(void **state)
{
	(void)state;
	arena_free(&model.arena);
	return 0;
}

#define HEAD "client,period,event,taal,gezondheid,age_50_plus\n"

static void parse_ok(const char *text, struct pp_table *t)
{
	struct err e = { 0 };
	struct buf msgs = BUF_INIT;
	int rc = pp_csv_parse(&model, "pp.csv", text, strlen(text), t, &msgs, &e);
	if (rc)
		fprintf(stderr, "%s", buf_str(&msgs));
	assert_int_equal(rc, IPM_OK);
	buf_free(&msgs);
}

/* Asserts that text is refused with exactly these message lines. */
static void refused(const char *text, const char *expected)
{
	struct pp_table t = { 0 };
	struct buf msgs = BUF_INIT;
	struct err e = { 0 };
	assert_int_equal(pp_csv_parse(&model, "pp.csv", text, strlen(text), &t, &msgs, &e),
			 IPM_EINVAL);
	assert_int_equal(t.d.rows, 0);
	assert_null(t.d.x);
	assert_string_equal(buf_str(&msgs), expected);
	/* The error record starts with the first line. */
	assert_int_equal(strncmp(e.msg, expected, strcspn(expected, "\n")), 0);
	buf_free(&msgs);
}

static void accepts_a_file(void **state)
{
	(void)state;
	struct pp_table t;
	parse_ok("audit_sex,event,period,client,gezondheid,taal,age_50_plus\r\n"
		 "m,0,3,17, 1 ,-2,1\r\n"
		 "m,1,4,17,1,-2,1\r\n"
		 ",0,1,5,,0.5,0\r\n"
		 "\r\n",
		 &t);
	assert_int_equal(t.d.rows, 3);
	assert_int_equal(t.n_clients, 2);
	assert_int_equal(t.d.n_features, 3);
	/* Features in model order whatever the column order. */
	assert_string_equal(t.d.names[0], "taal");
	static const double x[9] = { -2, 1, 1, -2, 1, 1, 0.5, 0, 0 };
	for (int i = 0; i < 9; i++)
		assert_true(t.d.x[i] == x[i]);
	assert_int_equal(t.d.client[2], 5);
	assert_int_equal(t.d.period[1], 4);
	assert_int_equal(t.d.event[1], 1);
	assert_int_equal(t.d.event[2], 0);
	assert_int_equal(t.n_audit, 1);
	assert_string_equal(t.audit[0].name, "sex");
	assert_int_equal(t.audit[0].n_values, 1);
	assert_int_equal(t.audit[0].value[0], 0);
	assert_int_equal(t.audit[0].value[2], -1);
	pp_table_free(&t);
}

static void writes_what_it_reads(void **state)
{
	(void)state;
	const char *in = "client,period,event,taal,gezondheid,age_50_plus,audit_sex\n"
			 "1,2,0,-1,0.25,1,v\n"
			 "1,3,1,-1,0.25,1,v\n"
			 "2,1,0,2,-2,0,\"a, b\"\n";
	struct pp_table t;
	parse_ok(in, &t);
	struct buf out = BUF_INIT;
	pp_csv_header(&out, &t);
	pp_csv_rows(&out, &t, 0, t.d.rows);
	assert_string_equal(buf_str(&out), in);
	buf_free(&out);
	pp_table_free(&t);
}

static void header_problems(void **state)
{
	(void)state;
	refused("client,period,event,taal,gezondheid,age_50_plus,leeftijd\n1,1,0,0,0,0,1\n",
		"pp.csv: row 1, column 7 (leeftijd): unknown column (not client, period, event, "
		"audit_* or a feature of m@1.0.0)\n");
	refused("client,period,event,taal,taal,gezondheid,age_50_plus,period\n",
		"pp.csv: row 1, column 5 (taal): the same column as column 4\n"
		"pp.csv: row 1, column 8 (period): the same column as column 2\n");
	refused("period,event,taal\n",
		"pp.csv: row 1: no client column (the header must name one)\n"
		"pp.csv: row 1: no column for feature gezondheid of m@1.0.0\n"
		"pp.csv: row 1: no column for feature age_50_plus of m@1.0.0\n");
	refused("", "pp.csv: empty file (a header row is required)\n");
	refused(HEAD, "pp.csv: no rows (only a header row)\n");
	refused(HEAD "1,1,0,0,0,\"0\n", "pp.csv: row 2, column 6: quoted field is not closed\n");
}

static void value_problems(void **state)
{
	(void)state;
	refused(HEAD "0,1,0,0,0,0\n"
		     "1,0,2,0,0,0\n"
		     "1,1,0,3,-2.5,2\n"
		     "1,1,0,x,1e400,\n"
		     "1,1\n",
		"pp.csv: row 2, column 1 (client): expected a whole number from 1 to 2147483647 "
		"(the client's id)\n"
		"pp.csv: row 3, column 2 (period): expected a whole number of months from 1 to 600\n"
		"pp.csv: row 3, column 3 (event): expected 0 or 1\n"
		"pp.csv: row 4, column 4 (taal): expected a number from -2 to 2, or empty for "
		"neutral\n"
		"pp.csv: row 4, column 5 (gezondheid): expected a number from -2 to 2, or empty for "
		"neutral\n"
		"pp.csv: row 4, column 6 (age_50_plus): expected 0 or 1\n"
		"pp.csv: row 5, column 4 (taal): expected a number from -2 to 2, or empty for "
		"neutral\n"
		"pp.csv: row 5, column 5 (gezondheid): expected a number from -2 to 2, or empty for "
		"neutral\n"
		"pp.csv: row 5, column 6 (age_50_plus): expected 0 or 1\n"
		"pp.csv: row 6: 2 fields, but the header has 6 columns\n");
}

static void sequence_problems(void **state)
{
	(void)state;
	refused(HEAD "1,3,0,0,0,0\n"
		     "1,4,0,0,0,0\n"
		     "1,6,0,0,0,0\n"
		     "2,1,1,0,0,0\n"
		     "2,2,0,0,0,0\n"
		     "3,1,0,0,0,0\n"
		     "1,7,0,0,0,0\n",
		"pp.csv: row 4, column 2 (period): not consecutive after row 3\n"
		"pp.csv: row 6, column 1 (client): the client's rows continue after its event in "
		"row 5\n"
		"pp.csv: row 8, column 1 (client): the client's rows are not together (they also "
		"start at row 2)\n");
	refused("client,period,event,taal,gezondheid,age_50_plus,audit_sex\n"
		"1,1,0,0,0,0,m\n"
		"1,2,0,0,0,0,v\n",
		"pp.csv: row 3, column 7 (audit_sex): differs from the client's first row (row 2)\n");
}

static void stops_after_20(void **state)
{
	(void)state;
	struct buf text = BUF_INIT, expected = BUF_INIT;
	buf_puts(&text, HEAD);
	for (int r = 0; r < 25; r++)
		buf_printf(&text, "%d,1,0,0,0,7\n", r + 1);
	for (int r = 0; r < 20; r++)
		buf_printf(&expected, "pp.csv: row %d, column 6 (age_50_plus): expected 0 or 1\n",
			   r + 2);
	buf_puts(&expected, "pp.csv: stopped after 20 problems\n");
	refused(buf_str(&text), buf_str(&expected));
	buf_free(&text);
	buf_free(&expected);
}

static void audit_values_are_bounded(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	buf_puts(&text, "client,period,event,taal,gezondheid,age_50_plus,audit_x\n");
	for (int r = 0; r < 51; r++)
		buf_printf(&text, "%d,1,0,0,0,0,v%d\n", r + 1, r);
	refused(buf_str(&text), "pp.csv: row 52, column 7 (audit_x): more than 50 different "
				"values in this column (audit groups must be few)\n");
	buf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accepts_a_file),
		cmocka_unit_test(writes_what_it_reads),
		cmocka_unit_test(header_problems),
		cmocka_unit_test(value_problems),
		cmocka_unit_test(sequence_problems),
		cmocka_unit_test(stops_after_20),
		cmocka_unit_test(audit_values_are_bounded),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
