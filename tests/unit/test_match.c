/* Matching (docs/matching.md): a hand-made catalogue, the shipped taxonomy
 * packs as reference data, and rankings computed by hand in the comments.
 * Also the packs' links: every factor's Eva and Sol links resolve, and the
 * link checks of the taxonomy loader and of match_build refuse bad links. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/json.h"
#include "engine/match.h"
#include "pack/match_build.h"
#include "support/json_fixture.h"

#include <math.h>
#include <string.h>

#define S(...) ((struct cat_strs){ (const char *[]){ __VA_ARGS__ }, \
				   sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(const char *) })
#define NONE ((struct cat_strs){ 0 })

static struct date D(const char *s)
{
	struct date d;
	if (!date_parse(s, &d))
		fail_msg("bad test date %s", s);
	return d;
}

/* --- fixtures --------------------------------------------------------------- */

static struct arena ref_arena;
static struct match_ref R;
static struct pack *factors_pack;

static int setup(void **state)
{
	(void)state;
	struct err e = { 0 };
	if (pack_load_file("data/packs/ipm-factors.json", &factors_pack, &e) ||
	    match_ref_load("data", factors_pack, &ref_arena, &R, &e))
		fail_msg("%s", e.msg);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pack_free(factors_pack);
	arena_free(&ref_arena);
	return 0;
}

static const struct cat_target_group groups[] = {
	{ .id = "statushouders", .name = "Statushouders" },
	{ .id = "jongeren", .name = "Jongeren" },
};
static const struct cat_region regions[] = { { .id = "regio-oost", .name = "Oost" } };
static const struct cat_gemeente gemeenten[] = {
	{ .id = "voorbeeldstad", .name = "Voorbeeldstad", .region = "regio-oost" },
	{ .id = "anderstad", .name = "Anderstad" },
};
static const struct cat_wijk wijken[] = {
	{ .id = "vs-noord", .name = "Noord", .gemeente = "voorbeeldstad" },
	{ .id = "vs-zuid", .name = "Zuid", .gemeente = "voorbeeldstad" },
};

#define PUB .publish = true
static const struct cat_instrument instruments[] = {
	{ .id = "a", .name = "Schuldhulp", PUB, .klantkenmerken = S("5.3"),
	  .sol_kinds = S("schuldsanering"), .tiles = S("maatschappelijk-fit") },
	{ .id = "b", .name = "Taal op de werkvloer", PUB, .klantkenmerken = S("6"),
	  .sol_kinds = S("taalcursus"), .tiles = S("opleiden"), .target_groups = S("statushouders") },
	{ .id = "c", .name = "Aandacht thuis", PUB, .klantkenmerken = S("5"),
	  .tiles = S("diagnostiek") },
	{ .id = "d", .name = "Taalmaatje", PUB, .klantkenmerken = S("6"), .tiles = S("opleiden"),
	  .target_groups = S("jongeren") },
	{ .id = "e", .name = "Leerwerkplek", PUB, .klantkenmerken = S("10.2"),
	  .sol_kinds = S("stage-leerwerktraject"), .tiles = S("werk-fit") },
	{ .id = "f", .name = "Budgetcursus", PUB, .klantkenmerken = S("5.3", "6"),
	  .tiles = S("werk-fit"), .gemeenten = S("voorbeeldstad") },
	{ .id = "g", .name = "Schuldhulp Anderstad", PUB, .klantkenmerken = S("5.3"),
	  .tiles = S("werk-fit"), .gemeenten = S("anderstad") },
	{ .id = "h", .name = "Regio-schuldhulp", PUB, .klantkenmerken = S("5.3"),
	  .tiles = S("werk-fit"), .regions = S("regio-oost") },
	{ .id = "i", .name = "Wijkteam Noord", PUB, .klantkenmerken = S("5.3"),
	  .tiles = S("werk-fit"), .wijken = S("vs-noord") },
	{ .id = "j", .name = "Oud aanbod", PUB, .klantkenmerken = S("5.3"), .tiles = S("werk-fit"),
	  .publish_until = { 2026, 5, 31 } },
	{ .id = "k", .name = "Nog niet", PUB, .klantkenmerken = S("5.3"), .tiles = S("werk-fit"),
	  .publish_from = { 2026, 6, 2 } },
	{ .id = "l", .name = "Concept", .publish = false, .klantkenmerken = S("5.3"),
	  .tiles = S("werk-fit") },
	{ .id = "m", .name = "Sollicitatietraining", PUB, .klantkenmerken = S("9"),
	  .sol_kinds = S("sollicitatietraining"), .tiles = S("bemiddeling") },
	{ .id = "n", .name = "Budgetcoach", PUB, .klantkenmerken = S("5.3"), .tiles = S("werk-fit"),
	  .publish_from = { 2026, 6, 1 }, .publish_until = { 2026, 6, 1 } },
	{ .id = "schuld-b", .name = "Schuldmaatje", PUB, .klantkenmerken = S("5.3"),
	  .tiles = S("werk-fit") },
	{ .id = "schuld-a", .name = "Schuldmaatje", PUB, .klantkenmerken = S("5.3"),
	  .tiles = S("werk-fit") },
	{ .id = "q", .name = "Vakdiploma", PUB, .klantkenmerken = S("10.1"), .tiles = S("opleiden") },
};

static const struct catalogue cat = {
	.target_groups = groups, .n_target_groups = 2, .regions = regions, .n_regions = 1,
	.gemeenten = gemeenten, .n_gemeenten = 2, .wijken = wijken, .n_wijken = 2,
	.instruments = instruments, .n_instruments = sizeof instruments / sizeof instruments[0],
};

/* With the specific kinds of the shipped factor catalogue. */
static const struct match_need needs3[] = {
	{ .factor = "schulden", .label_nl = "Schulden", .rating = -2, .weight = 0.4,
	  .klantkenmerken = S("5.3"), .sol_goals = S("praktische-belemmeringen"),
	  .sol_kinds = S("schuldsanering") },
	{ .factor = "taalniveau", .label_nl = "Taalniveau Nederlands", .rating = -1, .weight = 0.3,
	  .klantkenmerken = S("6"), .sol_goals = S("kennisvergroting"),
	  .sol_kinds = S("taalcursus") },
	{ .factor = "netwerk", .label_nl = "Netwerk", .rating = -1, .weight = 0.3,
	  .klantkenmerken = S("3"), .sol_goals = S("vacatureverwerving", "zoeken-en-solliciteren"),
	  .sol_kinds = S("netwerktraining", "netwerken") },
};

/* File scope: a compound literal inside the function would end with it. */
static const struct cat_strs tiles3 = S("maatschappelijk-fit"), groups3 = S("statushouders"),
			     kenmerken3 = S("zelfvertrouwen");

static struct match_client client3(void)
{
	return (struct match_client){ .needs = needs3, .n_needs = 3, .tiles = tiles3,
				      .target_groups = groups3, .gemeente = "voorbeeldstad",
				      .kenmerken = kenmerken3, .today = D("2026-06-01") };
}

static void run(const struct match_client *cl, size_t max, struct match_result *r,
		struct arena *a)
{
	struct err e = { 0 };
	if (match_run(cl, &cat, &R.ref, max, r, a, &e))
		fail_msg("%s", e.msg);
}

static bool has_reason(const struct match_reason *v, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].text_nl, text) == 0)
			return true;
	return false;
}

#define assert_reason(item, text)                                                          \
	do {                                                                               \
		if (!has_reason((item).reasons, (item).n_reasons, text))                   \
			fail_msg("missing reason \"%s\"", text);                           \
	} while (0)

/* --- rankings --------------------------------------------------------------- */

static void instruments_rank_by_hand(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_client cl = client3();
	struct match_result r;
	run(&cl, 0, &r, &a);
	/* Needs: schulden 0.4 (5.3; praktische-belemmeringen; specific kind
	 * schuldsanering), taalniveau 0.3 (6; kennisvergroting; taalcursus),
	 * netwerk 0.3 (3; vacatureverwerving, zoeken-en-solliciteren;
	 * netwerktraining, netwerken). Every need names specific kinds, so a
	 * klantkenmerk or a goal alone serves it at MATCH_GENERAL 0.5, a broader
	 * klantkenmerk at 0.5 × 0.5. Client: tile maatschappelijk-fit, group
	 * statushouders, gemeente voorbeeldstad (region regio-oost), wijk unknown.
	 *   a Schuldhulp       schuldsanering: 0.4 × 1 × tile 1.25         = 0.5
	 *   b Taal op de w.    taalcursus: 0.3 × 1 × group in 1.5          = 0.45
	 *   f Budgetcursus     5.3 and 6 only: 0.4 × 0.5 + 0.3 × 0.5       = 0.35
	 *   n Budgetcoach      5.3: 0.4 × 0.5 (published on this very day) = 0.2
	 *   h Regio-schuldhulp 5.3: 0.2, via the region                    = 0.2
	 *   schuld-a, schuld-b Schuldmaatje: 0.2, same name → by id        = 0.2
	 *   i Wijkteam Noord   5.3: 0.2, wijk of the gemeente, client's wijk unknown
	 *   e Leerwerkplek     stage-leerwerktraject → kennisvergroting: 0.3 × 0.5
	 *   m Sollicitatietr.  sollicitatietraining → zoeken-en-sol.: 0.3 × 0.5
	 *   d Taalmaatje       6: 0.3 × 0.5 × group out 0.75               = 0.1125
	 *   c Aandacht thuis   5 is broader than 5.3: 0.4 × 0.5 × 0.5      = 0.1
	 * Never: g (other gemeente), j (expired 31 May), k (from 2 June), l (not
	 * published), q (10.1 serves no need). */
	static const char *const want[] = { "a", "b", "f", "n", "h", "schuld-a", "schuld-b",
					    "i", "e", "m", "d", "c" };
	static const double score[] = { 0.5, 0.45, 0.35, 0.2, 0.2, 0.2, 0.2, 0.2, 0.15, 0.15,
					0.1125, 0.1 };
	assert_int_equal(r.n_instruments, 12);
	assert_int_equal(r.n_candidates, 12);
	for (size_t i = 0; i < 12; i++) {
		assert_string_equal(r.instruments[i].instrument->id, want[i]);
		assert_true(fabs(r.instruments[i].score - score[i]) < 1e-12);
	}
	assert_true(fabs(r.instruments[0].tile - MATCH_TILE) < 1e-15);
	assert_true(fabs(r.instruments[0].needs - 0.4) < 1e-15);
	assert_true(fabs(r.instruments[1].group - MATCH_GROUP_IN) < 1e-15);
	assert_true(fabs(r.instruments[10].group - MATCH_GROUP_OUT) < 1e-15);
	assert_true(fabs(r.instruments[10].needs - 0.15) < 1e-15);
	/* The fit per need (schulden, taalniveau, netwerk). */
	static const double fits[][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0.5, 0.5, 0 } };
	for (size_t i = 0; i < 3; i++)
		for (size_t k = 0; k < 3; k++)
			assert_true(fabs(r.instruments[i].fits[k] - fits[i][k]) < 1e-15);
	assert_true(fabs(r.instruments[11].fits[0] - 0.25) < 1e-15);
	assert_true(fabs(r.instruments[9].fits[2] - 0.5) < 1e-15);

	/* At most 3: the first three of the same order; the count says 12. */
	struct match_result top;
	run(&cl, 3, &top, &a);
	assert_int_equal(top.n_instruments, 3);
	assert_int_equal(top.n_candidates, 12);
	assert_string_equal(top.instruments[2].instrument->id, "f");
	arena_free(&a);
}

static void reasons_in_dutch(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_client cl = client3();
	struct match_result r;
	run(&cl, 0, &r, &a);
	const struct match_instrument *s = &r.instruments[0], *b = &r.instruments[1],
				      *f = &r.instruments[2], *h = &r.instruments[4],
				      *i = &r.instruments[7], *e = &r.instruments[8],
				      *d = &r.instruments[10], *c = &r.instruments[11];
	assert_int_equal(f->n_reasons, 3);
	assert_string_equal(f->reasons[0].text_nl,
			    "past bij: Schulden (klantkenmerk 5.3 Praktische aandachtspunten)");
	assert_string_equal(f->reasons[0].kind, "klantkenmerk");
	assert_string_equal(f->reasons[0].code, "5.3");
	assert_string_equal(f->reasons[1].text_nl,
			    "past bij: Taalniveau Nederlands (klantkenmerk 6 Basisvaardigheden)");
	assert_string_equal(f->reasons[2].text_nl, "in gemeente Voorbeeldstad");
	assert_string_equal(f->reasons[2].kind, "gemeente");
	/* Per need: the specific kind, the klantkenmerk, the goal; then the tile. */
	static const char *const s_why[] = {
		"past precies bij: Schulden (schuldsanering)",
		"past bij: Schulden (klantkenmerk 5.3 Praktische aandachtspunten)",
		"Sol-doel: praktische belemmeringen wegnemen (schuldsanering)",
		"tegel: Maatschappelijk fit",
	};
	static const char *const s_kind[] = { "sol-kind", "klantkenmerk", "sol-goal", "tile" };
	assert_int_equal(s->n_reasons, 4);
	for (size_t k = 0; k < 4; k++) {
		assert_string_equal(s->reasons[k].text_nl, s_why[k]);
		assert_string_equal(s->reasons[k].kind, s_kind[k]);
	}
	assert_string_equal(s->reasons[0].code, "schuldsanering");
	assert_reason(*b, "past precies bij: Taalniveau Nederlands (taalcursus)");
	assert_reason(*b, "Sol-doel: kennisvergroting (taalcursus)");
	assert_reason(*b, "speciaal voor jouw doelgroep: statushouders");
	assert_reason(*h, "in regio Oost (gemeente Voorbeeldstad)");
	assert_reason(*i, "alleen in bepaalde wijken van gemeente Voorbeeldstad, zoals Noord: "
			  "controleer de wijk van de klant");
	assert_int_equal(e->n_reasons, 1);
	assert_string_equal(e->reasons[0].text_nl, "Sol-doel: kennisvergroting (stage of leerwerktraject)");
	assert_reason(*d, "vooral bedoeld voor een andere doelgroep: jongeren");
	assert_string_equal(c->reasons[0].text_nl,
			    "past bij: Schulden (klantkenmerk 5 Aandachtspunten klant, breder dan 5.3)");
	arena_free(&a);
}

static void goals_by_weight_then_pack_order(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_client cl = client3();
	struct match_result r;
	run(&cl, 0, &r, &a);
	/* praktische-belemmeringen 0.4; then 0.3 each, in sol-goals order:
	 * zoeken-en-solliciteren (5th), kennisvergroting (7th),
	 * vacatureverwerving (8th). */
	assert_int_equal(r.n_goals, 4);
	assert_string_equal(r.goals[0].def->code, "praktische-belemmeringen");
	assert_true(fabs(r.goals[0].score - 0.4) < 1e-15);
	assert_string_equal(r.goals[1].def->code, "zoeken-en-solliciteren");
	assert_string_equal(r.goals[2].def->code, "kennisvergroting");
	assert_string_equal(r.goals[3].def->code, "vacatureverwerving");
	assert_string_equal(r.goals[0].reasons[0].text_nl, "door: Schulden (sterk belemmerend)");
	assert_string_equal(r.goals[2].reasons[0].text_nl,
			    "door: Taalniveau Nederlands (belemmerend)");
	/* kennisvergroting's kinds: its own two, then the linked one. */
	const struct match_goal_def *k = r.goals[2].def;
	assert_int_equal(k->kinds.n, 3);
	assert_string_equal(k->kinds.v[2], "stage-leerwerktraject");
	arena_free(&a);
}

static void interventions_noted_then_suggested(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_client cl = client3();
	struct match_result r;
	run(&cl, 0, &r, &a);
	/* Noted: zelfvertrouwen (2 interventions). Suggested: thuissituatie by
	 * schulden (0.4), kandidaat-steunen by netwerk (0.3); taalniveau
	 * suggests no kenmerk. 2 + 3 + 2 = 7. */
	assert_int_equal(r.n_interventions, 7);
	assert_string_equal(r.interventions[0].kenmerk->code, "zelfvertrouwen");
	assert_false(r.interventions[0].suggested);
	assert_string_equal(r.interventions[0].def->code, "zv-positieve-feedback");
	assert_string_equal(r.interventions[0].def->executor, "werkgever");
	assert_string_equal(r.interventions[0].def->with.v[0], "jobcoach");
	assert_string_equal(r.interventions[0].reasons[0].text_nl,
			    "kenmerk genoteerd door de professional: Zelfvertrouwen");
	assert_string_equal(r.interventions[1].def->executor, "jobcoach-elementen");
	assert_string_equal(r.interventions[2].kenmerk->code, "thuissituatie");
	assert_true(r.interventions[2].suggested);
	assert_string_equal(r.interventions[2].reasons[0].text_nl,
			    "voorgesteld bij kenmerk Balans met de thuissituatie, door: Schulden "
			    "(sterk belemmerend)");
	assert_string_equal(r.interventions[5].kenmerk->code, "kandidaat-steunen");
	assert_string_equal(r.interventions[6].def->code, "ks-steun-op-maat");
	arena_free(&a);
}

/* --- rules ------------------------------------------------------------------- */

static bool listed(const struct match_result *r, const char *id)
{
	for (size_t i = 0; i < r->n_instruments; i++)
		if (strcmp(r->instruments[i].instrument->id, id) == 0)
			return true;
	return false;
}

static void publish_window_is_inclusive(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_client cl = client3();
	struct match_result r;
	cl.today = D("2026-05-31"); /* j's last day; n not yet */
	run(&cl, 0, &r, &a);
	assert_true(listed(&r, "j"));
	assert_false(listed(&r, "n"));
	cl.today = D("2026-06-02"); /* k's first day; n over */
	run(&cl, 0, &r, &a);
	assert_true(listed(&r, "k"));
	assert_false(listed(&r, "n") || listed(&r, "j") || listed(&r, "l"));
	arena_free(&a);
}

static void place_rules(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_client cl = client3();
	struct match_result r;
	/* In wijk Zuid: Wijkteam Noord is not for this client. */
	cl.wijk = "vs-zuid";
	run(&cl, 0, &r, &a);
	assert_false(listed(&r, "i"));
	assert_true(listed(&r, "f") && listed(&r, "h"));
	/* In wijk Noord it is, and says so. */
	cl.wijk = "vs-noord";
	run(&cl, 0, &r, &a);
	assert_true(listed(&r, "i"));
	for (size_t k = 0; k < r.n_instruments; k++)
		if (strcmp(r.instruments[k].instrument->id, "i") == 0)
			assert_reason(r.instruments[k], "in wijk Noord, gemeente Voorbeeldstad");
	/* In Anderstad (no region): only g and the instruments for everywhere. */
	cl.wijk = NULL;
	cl.gemeente = "anderstad";
	run(&cl, 0, &r, &a);
	assert_true(listed(&r, "g") && listed(&r, "a"));
	assert_false(listed(&r, "f") || listed(&r, "h") || listed(&r, "i"));
	/* Gemeente unknown: only the instruments for everywhere. */
	cl.gemeente = NULL;
	run(&cl, 0, &r, &a);
	assert_false(listed(&r, "f") || listed(&r, "g") || listed(&r, "h") || listed(&r, "i"));
	assert_true(listed(&r, "a") && listed(&r, "c"));
	arena_free(&a);
}

static void target_group_rule_both_ways(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_client cl = client3();
	struct match_result r;
	/* A client in no group: b (statushouders; taalcursus) 0.3 × 0.75 =
	 * 0.225 and d (jongeren; klantkenmerk 6 only) 0.3 × 0.5 × 0.75 =
	 * 0.1125, both still listed. */
	cl.target_groups = NONE;
	run(&cl, 0, &r, &a);
	size_t nb = r.n_instruments, nd = nb;
	for (size_t k = 0; k < r.n_instruments; k++) {
		if (strcmp(r.instruments[k].instrument->id, "b") == 0)
			nb = k;
		if (strcmp(r.instruments[k].instrument->id, "d") == 0)
			nd = k;
	}
	assert_true(nb < nd && nd < r.n_instruments);
	assert_true(fabs(r.instruments[nb].score - 0.225) < 1e-12);
	assert_true(fabs(r.instruments[nd].score - 0.1125) < 1e-12);
	assert_reason(r.instruments[nb], "vooral bedoeld voor een andere doelgroep: statushouders");
	/* A young client: d 0.15 × 1.5 = 0.225 ties with b 0.225, after a 0.5
	 * and f 0.35; by name "Taal op de werkvloer" < "Taalmaatje". */
	cl.target_groups = S("jongeren");
	run(&cl, 0, &r, &a);
	assert_string_equal(r.instruments[2].instrument->id, "b");
	assert_string_equal(r.instruments[3].instrument->id, "d");
	assert_true(fabs(r.instruments[3].score - 0.225) < 1e-12);
	assert_reason(r.instruments[3], "speciaal voor jouw doelgroep: jongeren");
	arena_free(&a);
}

static void parent_code_covers_children(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	/* The need is "10" (all of vakvaardigheden), and names no specific
	 * kinds: an instrument on 10.1 is a part of it and serves it fully,
	 * 0.5; one on 10.2 too. */
	const struct match_need need[] = {
		{ .factor = "vakvaardigheden", .label_nl = "Vakvaardigheden", .rating = -1,
		  .weight = 0.5, .klantkenmerken = S("10") },
	};
	struct match_client cl = { .needs = need, .n_needs = 1, .today = D("2026-06-01") };
	struct match_result r;
	run(&cl, 0, &r, &a);
	/* e Leerwerkplek 10.2 and q Vakdiploma 10.1, 0.5 each, by name. */
	assert_int_equal(r.n_instruments, 2);
	assert_string_equal(r.instruments[0].instrument->id, "e");
	assert_string_equal(r.instruments[1].instrument->id, "q");
	assert_true(fabs(r.instruments[1].score - 0.5) < 1e-15);
	assert_string_equal(r.instruments[1].reasons[0].text_nl,
			    "past bij: Vakvaardigheden (klantkenmerk 10.1 Diploma's, certificering "
			    "en praktijkverklaring)");
	/* No Sol goal; vakvaardigheden suggests algeheel-functioneren (7). */
	assert_int_equal(r.n_goals, 0);
	assert_int_equal(r.n_interventions, 7);
	assert_string_equal(r.interventions[0].kenmerk->code, "algeheel-functioneren");
	assert_true(r.interventions[0].suggested);
	arena_free(&a);
}

static void bad_input_is_named(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_result r;
	struct err e = { 0 };
	struct match_client cl = client3();
	cl.kenmerken = S("zelfvertrouwen", "moed");
	assert_int_equal(match_run(&cl, &cat, &R.ref, 0, &r, &a, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "kenmerken[1]: unknown kenmerk \"moed\"");
	cl = client3();
	cl.gemeente = "nergensdorp";
	assert_int_equal(match_run(&cl, &cat, &R.ref, 0, &r, &a, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "gemeente \"nergensdorp\": not in the catalogue");
	cl = client3();
	cl.wijk = "vs-elders";
	assert_int_equal(match_run(&cl, &cat, &R.ref, 0, &r, &a, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "wijk \"vs-elders\": not a wijk of gemeente \"voorbeeldstad\"");
	struct match_need bad[] = { needs3[0] };
	bad[0].weight = -1;
	cl = client3();
	cl.needs = bad;
	cl.n_needs = 1;
	assert_int_equal(match_run(&cl, &cat, &R.ref, 0, &r, &a, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "needs[0] (schulden).weight: expected a number >= 0");
	bad[0] = needs3[0];
	bad[0].klantkenmerken = S("5.9");
	assert_int_equal(match_run(&cl, &cat, &R.ref, 0, &r, &a, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "needs[0] (schulden).klantkenmerken: unknown code \"5.9\"");
	bad[0] = needs3[0];
	bad[0].sol_kinds = S("schuldsanering", "geldboom");
	assert_int_equal(match_run(&cl, &cat, &R.ref, 0, &r, &a, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "needs[0] (schulden).sol_kinds: unknown kind \"geldboom\"");
	arena_free(&a);
}

/* --- THE BAR ------------------------------------------------------------------ */

static const struct match_factor *factor(const struct match_factors *f, const char *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].id, id) == 0)
			return &f->v[i];
	fail_msg("no factor %s", id);
	return NULL;
}

/* A client with hindering schulden and taalniveau, their links taken from
 * the shipped factor catalogue: goals praktische-belemmeringen and
 * kennisvergroting, instruments on 5.3 and 6, with reasons. */
static void bar_schulden_and_taalniveau(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_factors fs;
	struct err e = { 0 };
	assert_int_equal(match_factors_from_pack(factors_pack, &a, &fs, &e), IPM_OK);
	const struct match_factor *s = factor(&fs, "schulden"), *t = factor(&fs, "taalniveau");
	struct match_need needs[] = {
		{ .factor = s->id, .label_nl = s->label_nl, .rating = -2, .weight = 0.5,
		  .klantkenmerken = s->klantkenmerken, .sol_goals = s->sol_goals,
		  .sol_kinds = s->sol_kinds },
		{ .factor = t->id, .label_nl = t->label_nl, .rating = -1, .weight = 0.25,
		  .klantkenmerken = t->klantkenmerken, .sol_goals = t->sol_goals,
		  .sol_kinds = t->sol_kinds },
	};
	struct match_client cl = { .needs = needs, .n_needs = 2, .gemeente = "voorbeeldstad",
				   .today = D("2026-06-01") };
	struct match_result r;
	run(&cl, 0, &r, &a);
	assert_int_equal(r.n_goals, 2);
	assert_string_equal(r.goals[0].def->code, "praktische-belemmeringen");
	assert_string_equal(r.goals[1].def->code, "kennisvergroting");
	/* schulden names schuldsanering, taalniveau taalcursus:
	 *   a Schuldhulp (schuldsanering)          0.5                      = 0.5
	 *   f Budgetcursus (5.3 and 6 only)        0.5 × 0.5 + 0.25 × 0.5   = 0.375
	 *   n, h, schuld-a, schuld-b, i (5.3 only) 0.5 × 0.5, by name        = 0.25
	 *   b Taal op de werkvloer (taalcursus)    0.25 × group out 0.75    = 0.1875
	 *   c Aandacht thuis (5, broader)          0.5 × 0.5 × 0.5          = 0.125
	 *   e Leerwerkplek (→ kennisvergroting)    0.25 × 0.5               = 0.125
	 *   d Taalmaatje (6 only)                  0.25 × 0.5 × 0.75        = 0.09375 */
	static const char *const want[] = { "a", "f", "n", "h", "schuld-a", "schuld-b", "i",
					    "b", "c", "e", "d" };
	static const double score[] = { 0.5, 0.375, 0.25, 0.25, 0.25, 0.25, 0.25, 0.1875,
					0.125, 0.125, 0.09375 };
	assert_int_equal(r.n_instruments, 11);
	for (size_t i = 0; i < 11; i++) {
		assert_string_equal(r.instruments[i].instrument->id, want[i]);
		assert_true(fabs(r.instruments[i].score - score[i]) < 1e-12);
	}
	assert_reason(r.instruments[0], "past precies bij: Schulden en geldzaken (schuldsanering)");
	assert_reason(r.instruments[0], "Sol-doel: praktische belemmeringen wegnemen (schuldsanering)");
	assert_reason(r.instruments[1], "past bij: Schulden en geldzaken (klantkenmerk 5.3 "
					"Praktische aandachtspunten)");
	assert_reason(r.instruments[7], "past precies bij: Nederlandse taalvaardigheid (taalcursus)");
	bool kk53 = false, kk6 = false;
	for (size_t i = 0; i < r.n_instruments; i++) {
		const struct cat_strs *k = &r.instruments[i].instrument->klantkenmerken;
		assert_true(r.instruments[i].n_reasons > 0);
		for (size_t j = 0; j < k->n; j++) {
			kk53 |= strcmp(k->v[j], "5.3") == 0;
			kk6 |= strcmp(k->v[j], "6") == 0;
		}
	}
	assert_true(kk53 && kk6);
	arena_free(&a);
}

/* --- the packs' links ----------------------------------------------------------- */

static void reference_data_from_the_packs(void **state)
{
	(void)state;
	/* 11 goals, 33 kind codes (34 in Sol's count), 11 kenmerken, 5 executors. */
	assert_int_equal(R.ref.n_goals, 11);
	assert_int_equal(R.ref.n_kinds, 33);
	size_t kinds = 0;
	for (size_t g = 0; g < R.ref.n_goals; g++)
		kinds += R.ref.goals[g].kinds.n;
	assert_int_equal(kinds, 34);
	assert_int_equal(R.ref.n_kenmerken, 11);
	assert_int_equal(R.mechanisms.n, 11);
	assert_int_equal(R.ref.kenmerken[10].number, 11);
	/* Every kind's mechanisms are among its goals' mechanisms. */
	for (size_t k = 0; k < R.ref.n_kinds; k++) {
		const struct match_kind_def *d = &R.ref.kinds[k];
		for (size_t g = 0; g < d->goals.n; g++) {
			const struct match_goal_def *goal = NULL;
			for (size_t i = 0; i < R.ref.n_goals; i++)
				if (strcmp(R.ref.goals[i].code, d->goals.v[g]) == 0)
					goal = &R.ref.goals[i];
			assert_non_null(goal);
			for (size_t m = 0; m < d->mechanisms.n; m++) {
				bool in = false;
				for (size_t j = 0; j < goal->mechanisms.n; j++)
					in |= strcmp(goal->mechanisms.v[j], d->mechanisms.v[m]) == 0;
				if (!in)
					fail_msg("kind %s: mechanism %s not in goal %s", d->code,
						 d->mechanisms.v[m], goal->code);
			}
		}
	}
	/* Every mechanism is used by some kind. */
	for (size_t m = 0; m < R.mechanisms.n; m++) {
		bool used = false;
		for (size_t k = 0; k < R.ref.n_kinds; k++)
			for (size_t j = 0; j < R.ref.kinds[k].mechanisms.n; j++)
				used |= strcmp(R.ref.kinds[k].mechanisms.v[j], R.mechanisms.v[m].code) == 0;
		assert_true(used);
	}
	/* Each executor class is used. */
	static const char *const ex[] = { "jobcoach", "jobcoach-elementen", "werkgever",
					  "psycholoog", "verwijzing" };
	for (size_t x = 0; x < 5; x++) {
		bool used = false;
		for (size_t k = 0; k < R.ref.n_kenmerken; k++)
			for (size_t i = 0; i < R.ref.kenmerken[k].n_interventions; i++)
				used |= strcmp(R.ref.kenmerken[k].interventions[i].executor, ex[x]) == 0;
		assert_true(used);
	}
}

/* The factor catalogue's sol_goals and eva_klantkenmerken all exist in the
 * taxonomy packs (match_ref_load checked it; this says so, and that a bad
 * link is caught with its factor named). */
static void every_factor_link_resolves(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_factors fs;
	struct err e = { 0 };
	assert_int_equal(match_factors_from_pack(factors_pack, &a, &fs, &e), IPM_OK);
	assert_int_equal(fs.n, 33);
	assert_int_equal(match_factors_check(&fs, &R.ref, &e), IPM_OK);
	struct match_factor *v = (struct match_factor *)fs.v;
	v[22].klantkenmerken = S("5.9");
	assert_int_equal(match_factors_check(&fs, &R.ref, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "ipm-factors: factor schulden: eva_klantkenmerken: unknown code "
				   "\"5.9\" (eva-klantkenmerken)");
	v[22] = (struct match_factor){ .id = "schulden", .sol_goals = S("geluk") };
	assert_int_equal(match_factors_check(&fs, &R.ref, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "ipm-factors: factor schulden: sol_goals: unknown goal \"geluk\" "
				   "(sol-goals)");
	/* A specific kind must be a kind of sol-goals, and of one of the
	 * factor's own goals. */
	v[22] = (struct match_factor){ .id = "schulden", .sol_goals = S("praktische-belemmeringen"),
				       .sol_kinds = S("schuldsanering", "geldboom") };
	assert_int_equal(match_factors_check(&fs, &R.ref, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "ipm-factors: factor schulden: sol_kinds: unknown kind "
				   "\"geldboom\" (sol-goals)");
	v[22].sol_kinds = S("scholing");
	assert_int_equal(match_factors_check(&fs, &R.ref, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "ipm-factors: factor schulden: sol_kinds: \"scholing\" is not a "
				   "kind of any of the factor's sol_goals (sol-goals)");
	/* stage-leerwerktraject is listed under werknemersvaardigheden and
	 * linked to kennisvergroting: a factor with only the second may name it. */
	v[22].sol_goals = S("kennisvergroting");
	v[22].sol_kinds = S("stage-leerwerktraject");
	assert_int_equal(match_factors_check(&fs, &R.ref, &e), IPM_OK);
	arena_free(&a);
}

/* The specific kinds of the shipped catalogue: the practical needs,
 * language, applying, network, health, self-efficacy. Broad factors, whose
 * goals' kinds all serve them, name none (docs/matching.md). */
static void shipped_specific_kinds(void **state)
{
	(void)state;
	struct arena a = ARENA_INIT;
	struct match_factors fs;
	struct err e = { 0 };
	assert_int_equal(match_factors_from_pack(factors_pack, &a, &fs, &e), IPM_OK);
	static const struct {
		const char *factor, *kinds;
	} want[] = {
		{ "zorg-kinderen", "kinderopvang" },
		{ "vervoer", "vervoer" },
		{ "huisvesting", "huisvesting" },
		{ "schulden", "schuldsanering" },
		{ "mantelzorg", "maatschappelijke-hulp" },
		{ "taalniveau", "taalcursus" },
		{ "sollicitatievaardigheden", "sollicitatietraining presentatietraining" },
		{ "netwerk", "netwerktraining netwerken" },
		{ "gezondheid", "specialistische-hulp fitness" },
		{ "zelfeffectiviteit", "zelfvertrouwen" },
		{ "motivatie", "" },
		{ "werknemersvaardigheden", "" },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct match_factor *f = factor(&fs, want[i].factor);
		char got[256] = "";
		size_t len = 0;
		for (size_t k = 0; k < f->sol_kinds.n; k++)
			len += (size_t)snprintf(got + len, sizeof got - len, "%s%s", k ? " " : "",
						f->sol_kinds.v[k]);
		assert_string_equal(got, want[i].kinds);
	}
	arena_free(&a);
}

/* The factor pack's own check: specific kinds without goals are refused
 * there, naming the path (the kinds' goals are checked in match_build). */
static void factor_pack_refuses_kinds_without_goals(void **state)
{
	(void)state;
	json_t *doc = test_json_file("data/packs/ipm-factors.json");
	json_t *f = json_array_get(json_object_get(doc, "factors"), 20);
	assert_string_equal(json_string_value(json_object_get(f, "id")), "zorg-kinderen");
	json_object_del(f, "sol_goals");
	test_pack_refused(doc, "bad.json: $.factors[20].sol_kinds: needs \"sol_goals\": a kind "
			       "serves one of the factor's goals");
}

static void taxonomy_links_are_checked_on_load(void **state)
{
	(void)state;
	json_t *doc = test_json_file("data/packs/sol-goals.json");
	json_t *kind = json_array_get(json_object_get(json_array_get(json_object_get(doc, "terms"),
								      5), "children"), 2);
	json_t *links = json_object_get(kind, "links");
	json_object_set_new(links, "goals", json_pack("[s]", "nergens"));
	json_object_set_new(links, "kleur", json_pack("[s]", "rood"));
	test_pack_refused(doc, "bad.json: $.terms[5].children[2].links.goals[0]: unknown code "
			       "\"nergens\" of this pack\n"
			       "bad.json: $.terms[5].children[2].links.kleur: link kind \"kleur\" is "
			       "not declared in $.links");
}

static void cross_pack_links_are_checked(void **state)
{
	(void)state;
	struct err e = { 0 };
	struct pack *packs[6] = { 0 };
	static const char *const ids[] = { "sol-goals", "sol-mechanisms", "eva-klantkenmerken",
					   "eva-tiles", "lucrato-kenmerken", "lucrato-begrippen" };
	for (size_t i = 0; i < 6; i++) {
		char path[128];
		snprintf(path, sizeof path, "data/packs/%s.json", ids[i]);
		if (i == 4) {
			/* An executor that is a verdict, not an executor. */
			json_t *doc = test_json_file(path);
			json_t *iv = json_array_get(json_object_get(
				json_array_get(json_object_get(doc, "terms"), 0), "children"), 1);
			json_object_set_new(json_object_get(iv, "links"), "executor",
					    json_pack("[s]", "positief"));
			assert_int_equal(test_pack_parse(doc, path, &packs[i], &e), IPM_OK);
		} else if (pack_load_file(path, &packs[i], &e)) {
			fail_msg("%s", e.msg);
		}
	}
	struct arena a = ARENA_INIT;
	struct match_ref r;
	assert_int_equal(match_ref_from_packs(packs, 6, factors_pack, &a, &r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "data/packs/lucrato-kenmerken.json: "
				   "$.terms[0].children[1].links.executor[0]: \"positief\" is not an "
				   "executor (lucrato-begrippen, uitvoerder)");
	/* Without one of the packs. */
	assert_int_equal(match_ref_from_packs(packs, 5, factors_pack, &a, &r, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "matching needs the taxonomy pack lucrato-begrippen");
	arena_free(&a);
	for (size_t i = 0; i < 6; i++)
		pack_free(packs[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(instruments_rank_by_hand),
		cmocka_unit_test(reasons_in_dutch),
		cmocka_unit_test(goals_by_weight_then_pack_order),
		cmocka_unit_test(interventions_noted_then_suggested),
		cmocka_unit_test(publish_window_is_inclusive),
		cmocka_unit_test(place_rules),
		cmocka_unit_test(target_group_rule_both_ways),
		cmocka_unit_test(parent_code_covers_children),
		cmocka_unit_test(bad_input_is_named),
		cmocka_unit_test(bar_schulden_and_taalniveau),
		cmocka_unit_test(reference_data_from_the_packs),
		cmocka_unit_test(every_factor_link_resolves),
		cmocka_unit_test(shipped_specific_kinds),
		cmocka_unit_test(factor_pack_refuses_kinds_without_goals),
		cmocka_unit_test(taxonomy_links_are_checked_on_load),
		cmocka_unit_test(cross_pack_links_are_checked),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
