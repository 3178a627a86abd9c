/* The gap report on a small catalogue counted by hand: two tiles, a
 * klantkenmerk tree with one parent (5: 5.1, 5.3) and one leaf (6), one
 * target group, so 2 x 3 x 2 = 12 cells. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine/catalogue_gaps.h"

#include <string.h>

static const struct code_entry tile_v[] = { { "melding", "Melding", NULL, 0 },
					    { "opleiden", "Opleiden", NULL, 0 } };
static const struct code_entry kk_v[] = { { "5", "Aandachtspunten", NULL, 0 },
					  { "5.1", "Psychosociaal", "5", 0 },
					  { "5.3", "Praktisch", "5", 0 },
					  { "6", "Basisvaardigheden", NULL, 0 } };
static const struct code_list tiles = { "eva-tiles", tile_v, 2 };
static const struct code_list kks = { "eva-klantkenmerken", kk_v, 4 };

#define STRS(...)                                                                          \
	{ (const char *[]){ __VA_ARGS__ }, sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *) }

static const struct cat_target_group groups[] = { { "jongeren", "Jongeren", NULL } };

/* a: melding, kk 5 (serves 5.1 and 5.3), for everyone
 * b: melding, kk 5.3, for jongeren
 * c: opleiden, kk 6, for everyone, published only until 2026-03-31
 * d: melding + opleiden, kk 6, for everyone, not published */
static const struct cat_instrument ins[] = {
	{ .id = "a", .publish = true, .tiles = STRS("melding"), .klantkenmerken = STRS("5") },
	{ .id = "b", .publish = true, .tiles = STRS("melding"), .klantkenmerken = STRS("5.3"),
	  .target_groups = STRS("jongeren") },
	{ .id = "c", .publish = true, .publish_until = { 2026, 3, 31 }, .tiles = STRS("opleiden"),
	  .klantkenmerken = STRS("6") },
	{ .id = "d", .publish = false, .tiles = STRS("melding", "opleiden"),
	  .klantkenmerken = STRS("6") },
};
static const struct catalogue cat = { .target_groups = groups, .n_target_groups = 1,
				      .instruments = ins, .n_instruments = 4 };

static const struct cat_gap *find(const struct cat_gap_report *r, const char *tile,
				  const char *kk, const char *group)
{
	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct cat_gap *g = &r->gaps[i];
		if (strcmp(g->tile->code, tile) == 0 && strcmp(g->klantkenmerk->code, kk) == 0 &&
		    (group ? g->group && strcmp(g->group->id, group) == 0 : !g->group))
			return g;
	}
	return NULL;
}

static void test_min_one(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct cat_gap_report r;
	struct err e = { 0 };
	assert_int_equal(cat_gaps(&cat, &tiles, &kks, (struct date){ 2026, 6, 1 }, 1, &r, &a, &e),
			 IPM_OK);
	assert_int_equal(r.published, 2); /* a, b */
	assert_int_equal(r.n_klantkenmerken, 3); /* 5.1, 5.3, 6: the nodes without children */
	assert_int_equal(r.n_groups, 2);
	/* covered: melding x 5.1 and 5.3 for everyone and jongeren (4 cells);
	 * the other 8 of 12 are gaps */
	assert_int_equal(r.n_gaps, 8);
	assert_null(find(&r, "melding", "5.1", NULL));
	assert_null(find(&r, "melding", "5.3", "jongeren"));
	const struct cat_gap *g = find(&r, "opleiden", "6", NULL); /* c has expired */
	assert_non_null(g);
	assert_int_equal(g->available, 0);
	/* in table order: tile, klantkenmerk, then voor iedereen before groups */
	assert_string_equal(r.gaps[0].tile->code, "melding");
	assert_string_equal(r.gaps[0].klantkenmerk->code, "6");
	assert_null(r.gaps[0].group);
	assert_string_equal(r.gaps[1].group->id, "jongeren");
	arena_free(&a);
}

static void test_min_two_counts_everyone_for_groups(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct cat_gap_report r;
	struct err e = { 0 };
	assert_int_equal(cat_gaps(&cat, &tiles, &kks, (struct date){ 2026, 3, 31 }, 2, &r, &a, &e),
			 IPM_OK);
	assert_int_equal(r.published, 3); /* c's last day */
	/* melding x 5.3 for jongeren: b (its own) + a (for everyone) = 2: no gap */
	assert_null(find(&r, "melding", "5.3", "jongeren"));
	const struct cat_gap *g = find(&r, "melding", "5.3", NULL);
	assert_non_null(g);
	assert_int_equal(g->specific, 1);
	assert_int_equal(g->available, 1);
	g = find(&r, "melding", "5.1", "jongeren");
	assert_non_null(g);
	assert_int_equal(g->specific, 0);
	assert_int_equal(g->available, 1);
	assert_int_equal(r.n_gaps, 11);
	assert_int_equal(cat_gaps(&cat, &tiles, &kks, (struct date){ 2026, 3, 31 }, 0, &r, &a, &e),
			 IPM_EINVAL);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_min_one),
		cmocka_unit_test(test_min_two_counts_everyone_for_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
