/* Pack versions: strict parsing and semver.org precedence. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/err.h"
#include "pack/semver.h"

#include <limits.h>
#include <stdio.h>

static void parses_strictly(void **state)
{
	(void)state;
	struct semver v;
	assert_int_equal(semver_parse("1.22.333", &v), IPM_OK);
	assert_int_equal(v.major, 1);
	assert_int_equal(v.minor, 22);
	assert_int_equal(v.patch, 333);
	assert_string_equal(v.pre, "");
	assert_int_equal(semver_parse("0.0.0-rc.1.x-y", &v), IPM_OK);
	assert_string_equal(v.pre, "rc.1.x-y");
	assert_int_equal(semver_parse("0.0.0-0", &v), IPM_OK);
	static const char *const bad[] = {
		"", "1", "1.0", "1.0.0.0", "01.0.0", "1.00.0", "1.0.01", "1.0.0-", "1.0.0-a..b",
		"1.0.0-a.", "1.0.0-01", "1.0.0+build", "1.0.0-ä", " 1.0.0", "1.0.0 ", "-1.0.0",
		"1.0.x", "99999999999999999999999.0.0",
		"1.0.0-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (semver_parse(bad[i], &v) != IPM_EINVAL)
			fail_msg("accepted \"%s\"", bad[i]);
	assert_int_equal(semver_parse(NULL, &v), IPM_EINVAL);
	char max[64];
	snprintf(max, sizeof max, "%lu.0.0", ULONG_MAX);
	assert_int_equal(semver_parse(max, &v), IPM_OK);
	assert_true(v.major == ULONG_MAX);
}

static void orders_by_precedence(void **state)
{
	(void)state;
	/* Ascending, from semver.org §11 and a few of our own. */
	static const char *const order[] = {
		"0.9.9",         "1.0.0-0",      "1.0.0-2",      "1.0.0-10",
		"1.0.0-alpha",   "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
		"1.0.0-beta.2",  "1.0.0-beta.11", "1.0.0-rc.1",  "1.0.0",
		"1.0.1",         "1.2.0",        "1.10.0",       "2.0.0",
	};
	size_t n = sizeof order / sizeof order[0];
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			struct semver a, b;
			assert_int_equal(semver_parse(order[i], &a), IPM_OK);
			assert_int_equal(semver_parse(order[j], &b), IPM_OK);
			int c = semver_compare(&a, &b);
			int want = (i > j) - (i < j);
			if ((c > 0) - (c < 0) != want)
				fail_msg("%s vs %s: %d", order[i], order[j], c);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parses_strictly),
		cmocka_unit_test(orders_by_precedence),
	};
	return cmocka_run_group_tests_name("pack_semver", tests, NULL, NULL);
}
