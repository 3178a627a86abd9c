/* libFuzzer target for the needs file of ipm match
 * (services/match_needs_json.h) and the matching of what it accepts: any
 * bytes end in a clean IPM_EINVAL with a message, or in a client that
 * match_run either ranks or refuses with a message. The factors, reference
 * data and catalogue are built in code. */
#include "engine/match.h"
#include "services/match_needs_json.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define S(...) { (const char *[]){ __VA_ARGS__ }, \
		 sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *) }

static const struct match_factor factor_v[] = {
	{ .id = "schulden", .label_nl = "Schulden", .influence = "extern",
	  .klantkenmerken = S("5.3"), .sol_goals = S("praktische-belemmeringen"),
	  .sol_kinds = S("schuldsanering") },
	{ .id = "taalniveau", .label_nl = "Taal", .influence = "intern",
	  .klantkenmerken = S("6"), .sol_goals = S("kennisvergroting") },
};
static const struct match_factors factors = { .pack = "fuzz", .v = factor_v, .n = 2 };

static const struct code_entry kk_v[] = {
	{ .code = "5", .label_nl = "Aandachtspunten" },
	{ .code = "5.3", .label_nl = "Praktisch", .parent = "5" },
	{ .code = "6", .label_nl = "Basisvaardigheden" },
};
static const struct code_list kk = { .pack = "kk", .v = kk_v, .n = 3 };
static const struct match_goal_def goals[] = {
	{ .code = "praktische-belemmeringen", .label_nl = "Praktisch", .kinds = S("schuldsanering") },
	{ .code = "kennisvergroting", .label_nl = "Kennis", .kinds = S("taalcursus") },
};
static const struct match_kind_def kinds[] = {
	{ .code = "schuldsanering", .label_nl = "Schuldsanering", .goals = S("praktische-belemmeringen") },
	{ .code = "taalcursus", .label_nl = "Taalcursus", .goals = S("kennisvergroting") },
};
static const struct match_intervention_def ivs[] = {
	{ .code = "iv", .label_nl = "Interventie", .executor = "jobcoach" },
};
static const struct match_kenmerk_def kenmerken[] = {
	{ .code = "thuissituatie", .label_nl = "Thuis", .factors = S("schulden"),
	  .interventions = ivs, .n_interventions = 1 },
};
static const struct match_refdata ref = { .goals = goals, .n_goals = 2, .kinds = kinds,
					  .n_kinds = 2, .kenmerken = kenmerken, .n_kenmerken = 1,
					  .klantkenmerken = &kk };

static const struct cat_target_group groups[] = { { .id = "jongeren", .name = "Jongeren" } };
static const struct cat_gemeente gemeenten[] = { { .id = "stad", .name = "Stad", .region = "r" } };
static const struct cat_wijk wijken[] = { { .id = "noord", .name = "Noord", .gemeente = "stad" } };
static const struct cat_instrument instruments[] = {
	{ .id = "a", .name = "A", .publish = true, .klantkenmerken = S("5"), .tiles = S("opleiden"),
	  .target_groups = S("jongeren") },
	{ .id = "b", .name = "B", .publish = true, .klantkenmerken = S("6"),
	  .sol_kinds = S("schuldsanering"), .wijken = S("noord") },
	{ .id = "c", .name = "C", .publish = true, .klantkenmerken = S("5.3"), .regions = S("r") },
};
static const struct catalogue cat = { .target_groups = groups, .n_target_groups = 1,
				      .gemeenten = gemeenten, .n_gemeenten = 1, .wijken = wijken,
				      .n_wijken = 1, .instruments = instruments, .n_instruments = 3 };

static bool clean(int rc, const struct err *e)
{
	return rc == IPM_OK || (rc == IPM_EINVAL && memchr(e->msg, '\0', sizeof e->msg) && e->msg[0]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct match_needs_file f;
	struct err e = { 0 };
	int rc = match_needs_json_parse("fuzz.json", (const char *)data, size, &factors, &f, &a, &e);
	if (!clean(rc, &e))
		__builtin_trap();
	if (rc == IPM_OK) {
		struct match_need needs[2];
		size_t n = 0;
		for (size_t i = 0; i < f.factors.n; i++) {
			if (f.ratings[i] < -2 || f.ratings[i] > 2)
				__builtin_trap();
			const struct match_factor *x =
				&factor_v[strcmp(f.factors.v[i], "schulden") == 0 ? 0 : 1];
			if (f.ratings[i] < 0 && n < 2)
				needs[n++] = (struct match_need){
					.factor = x->id, .label_nl = x->label_nl, .rating = f.ratings[i],
					.weight = -0.1 * f.ratings[i], .klantkenmerken = x->klantkenmerken,
					.sol_goals = x->sol_goals, .sol_kinds = x->sol_kinds };
		}
		struct match_client cl = { .needs = needs, .n_needs = n, .tiles = f.tiles,
					   .target_groups = f.target_groups, .gemeente = f.gemeente,
					   .wijk = f.wijk, .kenmerken = f.kenmerken,
					   .today = { 2026, 6, 1 } };
		struct match_result r;
		e = (struct err){ 0 };
		rc = match_run(&cl, &cat, &ref, 2, &r, &a, &e);
		if (!clean(rc, &e) || (rc == IPM_OK && r.n_instruments > 2))
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
