/* Instrument statistics (engine/stats.h) against R's psych::alpha: every
 * value of the committed golden file tests/golden/bfi/alpha.json (made by
 * tests/golden/bfi/export.R from psychTools::bfi and a synthetic set with many
 * missing answers) to 1e-9 absolute, plus cases small enough to compute by
 * hand and the edges (no variance, nothing answered, one respondent). Runs
 * from the repository root, like every test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "engine/stats.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GOLDEN_DIR "tests/golden/bfi/"
#define TOL 1e-9

/* The largest |C - R| seen over all golden comparisons, printed at the end
 * so that a drift towards the tolerance shows before it fails. */
static double max_diff;
static size_t compared;

static void near(double got, double want, const char *what, const char *item)
{
	double d = fabs(got - want);
	if (!(d <= TOL)) {
		fprintf(stderr, "%s %s: got %.17g, R says %.17g\n", what, item, got, want);
		fail();
	}
	if (d > max_diff)
		max_diff = d;
	compared++;
}

/* --- the golden CSV: a header of item names, then numbers or empty fields */

struct table {
	size_t rows, cols;
	char **names;
	double *x; /* rows × cols, NaN = empty */
};

static void table_free(struct table *t)
{
	for (size_t c = 0; c < t->cols; c++)
		free(t->names[c]);
	free(t->names);
	free(t->x);
}

static size_t count_fields(const char *line, const char *end)
{
	size_t n = 1;
	for (const char *p = line; p < end; p++)
		n += *p == ',';
	return n;
}

static void read_csv(const char *path, struct table *t)
{
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	if (fs_read_file(path, &text, &e) != IPM_OK) {
		fprintf(stderr, "%s\n", e.msg);
		fail();
	}
	const char *p = text.data, *end = text.data + text.len;
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	assert_non_null(eol);
	*t = (struct table){ .cols = count_fields(p, eol) };
	t->names = calloc(t->cols, sizeof *t->names);
	for (size_t c = 0; c < t->cols; c++) {
		const char *comma = memchr(p, ',', (size_t)(eol - p));
		const char *stop = comma ? comma : eol;
		t->names[c] = strndup(p, (size_t)(stop - p));
		p = stop + 1;
	}
	size_t cap = 0;
	for (const char *q = p; q < end; q++)
		cap += *q == '\n';
	t->x = malloc((cap ? cap : 1) * t->cols * sizeof *t->x);
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		assert_int_equal(count_fields(p, eol), t->cols);
		for (size_t c = 0; c < t->cols; c++) {
			/* An empty field is NA; strtod would skip a newline. */
			char *stop = (char *)p;
			double v = *p == ',' || p == eol ? NAN : strtod(p, &stop);
			t->x[t->rows * t->cols + c] = v;
			p = stop + 1; /* past the comma or the newline */
		}
		t->rows++;
		p = eol + 1;
	}
	buf_free(&text);
}

static size_t column_of(const struct table *t, const char *name)
{
	for (size_t c = 0; c < t->cols; c++)
		if (strcmp(t->names[c], name) == 0)
			return c;
	fprintf(stderr, "no column %s\n", name);
	fail();
	return 0;
}

/* The columns a case names, in its order, as a fresh matrix. */
static double *select_items(const struct table *t, json_t *items)
{
	size_t k = json_array_size(items);
	double *x = malloc(t->rows * k * sizeof *x);
	for (size_t i = 0; i < k; i++) {
		size_t c = column_of(t, json_string_value(json_array_get(items, i)));
		for (size_t r = 0; r < t->rows; r++)
			x[r * k + i] = t->x[r * t->cols + c];
	}
	return x;
}

/* JSON null (an item psych dropped) is NaN. */
static double num_at(json_t *array, size_t i)
{
	json_t *v = json_array_get(array, i);
	return json_is_null(v) ? NAN : json_number_value(v);
}

static void check_item(const struct stats_item *it, json_t *c, size_t i, const char *name)
{
	if (json_is_null(json_array_get(json_object_get(c, "n"), i))) {
		assert_true(it->dropped);
		return;
	}
	assert_false(it->dropped);
	assert_int_equal(it->n, (size_t)num_at(json_object_get(c, "n"), i));
	static const struct {
		const char *key;
		size_t offset;
	} fields[] = {
		{ "alpha_drop", offsetof(struct stats_item, alpha_drop) },
		{ "std_alpha_drop", offsetof(struct stats_item, std_alpha_drop) },
		{ "average_r_drop", offsetof(struct stats_item, average_r_drop) },
		{ "raw_r", offsetof(struct stats_item, raw_r) },
		{ "r_drop", offsetof(struct stats_item, r_drop) },
		{ "mean", offsetof(struct stats_item, mean) },
		{ "sd", offsetof(struct stats_item, sd) },
	};
	for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
		double got = *(const double *)((const char *)it + fields[f].offset);
		near(got, num_at(json_object_get(c, fields[f].key), i), fields[f].key, name);
	}
}

/* psych's response.freq: shares of the answered, and the missing share,
 * over the distinct answers of the items it kept. */
static void check_freq(const struct stats_matrix *m, const struct stats_alpha *al, json_t *c)
{
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	/* psych counts over the kept items only. */
	double *kept = malloc(m->rows * al->items_used * sizeof *kept);
	for (size_t r = 0, j = 0; r < m->rows; r++)
		for (size_t i = 0; i < m->cols; i++)
			if (!al->item[i].dropped)
				kept[j++] = m->x[r * m->cols + i];
	struct stats_matrix km = { kept, m->rows, al->items_used };
	struct stats_freq f;
	assert_int_equal(stats_freq(&km, NULL, 0, &a, &f, &e), IPM_OK);
	json_t *values = json_object_get(c, "freq_values");
	assert_int_equal(f.nvalues, json_array_size(values));
	for (size_t v = 0; v < f.nvalues; v++)
		assert_true(f.values[v] == num_at(values, v));
	json_t *items = json_object_get(c, "items");
	for (size_t i = 0, j = 0; i < m->cols; i++) {
		if (al->item[i].dropped)
			continue;
		const char *name = json_string_value(json_array_get(items, i));
		json_t *shares = json_array_get(json_object_get(c, "freq"), i);
		double answered = (double)(m->rows - f.missing[j]);
		for (size_t v = 0; v < f.nvalues; v++)
			near((double)f.count[j * f.nvalues + v] / answered, num_at(shares, v), "freq",
			     name);
		near(1 - answered / (double)m->rows, num_at(json_object_get(c, "miss"), i), "miss",
		     name);
		assert_int_equal(f.other[j], 0);
		j++;
	}
	free(kept);
	arena_free(&a);
}

static void golden_case(json_t *c, const struct table *bfi, const struct table *synthetic)
{
	const char *csv = json_string_value(json_object_get(c, "csv"));
	const struct table *t = strcmp(csv, "bfi.csv") == 0 ? bfi : synthetic;
	json_t *items = json_object_get(c, "items"), *keys = json_object_get(c, "keys");
	size_t k = json_array_size(items);
	double *x = select_items(t, items);
	int *key = malloc(k * sizeof *key);
	for (size_t i = 0; i < k; i++)
		key[i] = (int)num_at(keys, i);
	struct stats_matrix m = { x, t->rows, k };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct stats_alpha al;
	int rc = stats_alpha(&m, key, NAN, &a, &al, &e);
	if (rc != IPM_OK)
		fprintf(stderr, "%s\n", e.msg);
	assert_int_equal(rc, IPM_OK);
	const char *name = json_string_value(json_object_get(c, "name"));
	near(al.raw_alpha, json_number_value(json_object_get(c, "raw_alpha")), "raw_alpha", name);
	near(al.std_alpha, json_number_value(json_object_get(c, "std_alpha")), "std_alpha", name);
	near(al.average_r, json_number_value(json_object_get(c, "average_r")), "average_r", name);
	for (size_t i = 0; i < k; i++)
		check_item(&al.item[i], c, i, json_string_value(json_array_get(items, i)));
	check_freq(&m, &al, c);
	arena_free(&a);
	free(key);
	free(x);
}

static void equals_psych_on_bfi_and_synthetic(void **state)
{
	(void)state;
	struct table bfi, synthetic;
	read_csv(GOLDEN_DIR "bfi.csv", &bfi);
	read_csv(GOLDEN_DIR "synthetic.csv", &synthetic);
	assert_int_equal(bfi.rows, 2800);
	assert_int_equal(bfi.cols, 25);
	json_error_t jerr;
	json_t *golden = json_load_file(GOLDEN_DIR "alpha.json", 0, &jerr);
	if (!golden)
		fprintf(stderr, "alpha.json:%d: %s\n", jerr.line, jerr.text);
	assert_non_null(golden);
	json_t *cases = json_object_get(golden, "cases");
	assert_true(json_array_size(cases) >= 8);
	for (size_t i = 0; i < json_array_size(cases); i++)
		golden_case(json_array_get(cases, i), &bfi, &synthetic);
	printf("stats: %zu values compared with psych %s, max |C - R| = %.3g\n", compared,
	       json_string_value(json_object_get(golden, "psych_version")), max_diff);
	json_decref(golden);
	table_free(&bfi);
	table_free(&synthetic);
}

/* --- by hand ----------------------------------------------------------------- */

/* 4 respondents × 3 items:
 *     x1 x2 x3        means 2.5, 3, 3
 *      1  2  1        var x1 = 5/3, x2 = 4/3, x3 = 8/3
 *      2  2  3        cov12 = 4/3, cov13 = 2, cov23 = 4/3
 *      3  4  3        trace = 17/3, sum C = 17/3 + 2 * 14/3 = 15
 *      4  4  5
 * alpha = (1 - (17/3)/15) * 3/2 = 14/15.
 * Without x1: trace 4, sum 20/3 -> (1 - 12/20) * 2 = 4/5;
 * without x2: trace 13/3, sum 25/3 -> 24/25; without x3: 3, 17/3 -> 16/17.
 * r.drop x1 = (4/3 + 2) / sqrt(5/3 * 20/3) = 1; x2 = (8/3) / sqrt(4/3 * 25/3)
 * = 4/5; x3 = (10/3) / sqrt(8/3 * 17/3) = 10 / sqrt(136).
 * r12 = 2/sqrt 5, r13 = 3/sqrt 10, r23 = 1/sqrt 2; average r = their mean. */
static const double hand[] = { 1, 2, 1, 2, 2, 3, 3, 4, 3, 4, 4, 5 };

static void alpha_by_hand(void **state)
{
	(void)state;
	struct stats_matrix m = { hand, 4, 3 };
	const int keys[] = { 1, 1, 1 };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct stats_alpha al;
	assert_int_equal(stats_alpha(&m, keys, NAN, &a, &al, &e), IPM_OK);
	assert_int_equal(al.items_used, 3);
	assert_true(isnan(al.flip));
	assert_float_equal(al.raw_alpha, 14.0 / 15, 1e-15);
	double r = (2 / sqrt(5) + 3 / sqrt(10) + 1 / sqrt(2)) / 3;
	assert_float_equal(al.average_r, r, 1e-15);
	assert_float_equal(al.std_alpha, (1 - 3 / (3 + 6 * r)) * 1.5, 1e-15);
	assert_float_equal(al.item[0].alpha_drop, 4.0 / 5, 1e-15);
	assert_float_equal(al.item[1].alpha_drop, 24.0 / 25, 1e-15);
	assert_float_equal(al.item[2].alpha_drop, 16.0 / 17, 1e-15);
	assert_float_equal(al.item[0].r_drop, 1, 1e-15);
	assert_float_equal(al.item[1].r_drop, 4.0 / 5, 1e-15);
	assert_float_equal(al.item[2].r_drop, 10 / sqrt(136), 1e-15);
	assert_float_equal(al.item[0].mean, 2.5, 1e-15);
	assert_float_equal(al.item[2].sd, sqrt(8.0 / 3), 1e-15);
	assert_int_equal(al.item[1].n, 4);

	double cov[9];
	stats_cov_pairwise(&m, cov);
	const double want[9] = { 5.0 / 3, 4.0 / 3, 2, 4.0 / 3, 4.0 / 3, 4.0 / 3, 2, 4.0 / 3, 8.0 / 3 };
	for (size_t i = 0; i < 9; i++)
		assert_float_equal(cov[i], want[i], 1e-15);
	arena_free(&a);
}

/* Reverse keying x2 with the response scale 1..5 (flip 6) turns 2,2,4,4 into
 * 4,4,2,2: its covariances change sign, so alpha drops to
 * (1 - (17/3) / (17/3 + 2 * (-4/3 + 2 - 4/3))) * 3/2 = (1 - 17/13) * 3/2. */
static void reverse_keying_uses_the_given_flip(void **state)
{
	(void)state;
	struct stats_matrix m = { hand, 4, 3 };
	const int keys[] = { 1, -1, 1 };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct stats_alpha al;
	assert_int_equal(stats_alpha(&m, keys, 6, &a, &al, &e), IPM_OK);
	assert_float_equal(al.flip, 6, 0);
	assert_float_equal(al.raw_alpha, (1 - 17.0 / 13) * 1.5, 1e-15);
	assert_float_equal(al.item[1].mean, 3, 1e-15);
	/* psych's own rule: observed min + max = 1 + 5, the same here. */
	assert_int_equal(stats_alpha(&m, keys, NAN, &a, &al, &e), IPM_OK);
	assert_float_equal(al.flip, 6, 0);
	arena_free(&a);
}

/* --- edges ------------------------------------------------------------------- */

static void items_without_variance_are_dropped(void **state)
{
	(void)state;
	/* x1, a constant, x3 of the hand case, and an item nobody answered:
	 * alpha is that of x1 and x3 alone, C = [5/3 2; 2 8/3]:
	 * (1 - (13/3) / (25/3)) * 2 = 24/25. */
	const double x[] = { 1, 3, 1, NAN, 2, 3, 3, NAN, 3, 3, 3, NAN, 4, 3, 5, NAN };
	struct stats_matrix m = { x, 4, 4 };
	const int keys[] = { 1, 1, 1, -1 };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct stats_alpha al;
	assert_int_equal(stats_alpha(&m, keys, NAN, &a, &al, &e), IPM_OK);
	assert_int_equal(al.items_used, 2);
	assert_true(al.item[1].dropped && al.item[3].dropped);
	assert_false(al.item[0].dropped || al.item[2].dropped);
	assert_int_equal(al.item[1].n, 4);
	assert_int_equal(al.item[3].n, 0);
	assert_true(isnan(al.item[1].r_drop) && isnan(al.item[3].mean));
	assert_true(isnan(al.flip)); /* the only reverse-keyed item was dropped */
	assert_float_equal(al.raw_alpha, 24.0 / 25, 1e-15);
	/* psych's two-item case: alpha without x1 is cov13 / var x3. */
	assert_float_equal(al.item[0].alpha_drop, 2 / (8.0 / 3), 1e-15);
	assert_float_equal(al.item[2].alpha_drop, 2 / (5.0 / 3), 1e-15);
	assert_float_equal(al.item[0].std_alpha_drop, 3 / sqrt(10), 1e-15);
	arena_free(&a);
}

static void unusable_matrices_are_errors(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct stats_alpha al;
	const int keys[] = { 1, 1, 1 };
	struct stats_matrix one = { hand, 1, 3 }; /* n < 2: no item varies */
	assert_int_equal(stats_alpha(&one, keys, NAN, &a, &al, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "fewer than two items"));
	assert_true(al.item[0].dropped && al.item[0].n == 1);
	struct stats_matrix none = { hand, 0, 3 };
	assert_int_equal(stats_alpha(&none, keys, NAN, &a, &al, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "no respondents"));
	struct stats_matrix m = { hand, 4, 3 };
	const int bad[] = { 1, 0, 1 };
	assert_int_equal(stats_alpha(&m, bad, NAN, &a, &al, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "item 2"));
	arena_free(&a);
}

static void pairs_with_fewer_than_two_rows_have_no_covariance(void **state)
{
	(void)state;
	const double x[] = { 1, NAN, 2, 5, NAN, 6, 4, NAN };
	struct stats_matrix m = { x, 4, 2 };
	double cov[4];
	stats_cov_pairwise(&m, cov);
	assert_float_equal(cov[0], 7.0 / 3, 1e-15); /* 1, 2, 4 */
	assert_float_equal(cov[3], 0.5, 1e-15);     /* 5, 6 */
	assert_true(isnan(cov[1]) && isnan(cov[2])); /* only row 2 has both */
}

static void distribution_counts_values_missing_and_others(void **state)
{
	(void)state;
	const double x[] = { 1, 5, 2, NAN, 2, 7, NAN, 5 };
	struct stats_matrix m = { x, 4, 2 };
	struct arena a = ARENA_INIT;
	struct err e = { 0 };
	struct stats_freq f;
	const double scale[] = { 5, 4, 3, 2, 1 }; /* any order */
	assert_int_equal(stats_freq(&m, scale, 5, &a, &f, &e), IPM_OK);
	assert_int_equal(f.nvalues, 5);
	assert_float_equal(f.values[0], 1, 0);
	const size_t want0[] = { 1, 2, 0, 0, 0 }, want1[] = { 0, 0, 0, 0, 2 };
	for (size_t v = 0; v < 5; v++) {
		assert_int_equal(f.count[v], want0[v]);
		assert_int_equal(f.count[5 + v], want1[v]);
	}
	assert_int_equal(f.missing[0], 1);
	assert_int_equal(f.missing[1], 1);
	assert_int_equal(f.other[1], 1); /* the 7 */
	assert_int_equal(stats_freq(&m, NULL, 0, &a, &f, &e), IPM_OK);
	assert_int_equal(f.nvalues, 4); /* 1, 2, 5, 7 */
	assert_float_equal(f.values[3], 7, 0);
	assert_int_equal(f.count[4 + 3], 1);
	const double twice[] = { 1, 1 };
	assert_int_equal(stats_freq(&m, twice, 2, &a, &f, &e), IPM_EINVAL);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(equals_psych_on_bfi_and_synthetic),
		cmocka_unit_test(alpha_by_hand),
		cmocka_unit_test(reverse_keying_uses_the_given_flip),
		cmocka_unit_test(items_without_variance_are_dropped),
		cmocka_unit_test(unusable_matrices_are_errors),
		cmocka_unit_test(pairs_with_fewer_than_two_rows_have_no_covariance),
		cmocka_unit_test(distribution_counts_values_missing_and_others),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
