/* cat_validate: one test per rule of docs/catalogue.md, each breaking one
 * thing in an otherwise valid catalogue and asserting the one problem it
 * gives: record kind, number, id, field and the exact message. The valid
 * catalogue is built here in C; its codes come from the real packs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "engine/catalogue.h"
#include "support/catalogue_fixture.h"

#include <math.h>
#include <string.h>

/* The valid catalogue every test starts from (copied fresh each time). */
static struct cat_organisation orgs[2];
static struct cat_provider provs[1];
static struct cat_target_group tgs[1];
static struct cat_region regions[1];
static struct cat_gemeente gems[2];
static struct cat_wijk wijken[2];
static struct cat_address addrs[1];
static struct cat_instrument ins[2];
static struct cat_contact contacts[1];
static struct cat_location locations[1];
static struct cat_regcode regcodes[1];
static struct cat_link links[1];
static const char *forms[] = { "coaching" }, *tiles[] = { "maatschappelijk-fit" },
		  *kk[] = { "5.3" }, *kinds[] = { "schuldsanering" }, *tg_ids[] = { "statushouders" },
		  *region_ids[] = { "midden-utrecht" }, *gem_ids[] = { "utrecht" },
		  *wijk_ids[] = { "utrecht-overvecht" };

#define STRS(a) ((struct cat_strs){ a, sizeof a / sizeof a[0] })

static struct catalogue base(void)
{
	orgs[0] = (struct cat_organisation){ "gem-utrecht", "Gemeente Utrecht", "gemeente" };
	orgs[1] = (struct cat_organisation){ "werkbedrijf", "Werkbedrijf", "reintegratiebedrijf" };
	provs[0] = (struct cat_provider){ "werkpunt", "Werkpunt", "https://werkpunt.example.nl",
					  "info@werkpunt.example.nl", "030-1234567" };
	tgs[0] = (struct cat_target_group){ "statushouders", "Statushouders", NULL };
	regions[0] = (struct cat_region){ "midden-utrecht", "Midden-Utrecht" };
	gems[0] = (struct cat_gemeente){ "utrecht", "Utrecht", "GM0344", "midden-utrecht" };
	gems[1] = (struct cat_gemeente){ "zeist", "Zeist", "GM0355", NULL };
	wijken[0] = (struct cat_wijk){ "utrecht-overvecht", "Overvecht", "utrecht" };
	wijken[1] = (struct cat_wijk){ "zeist-centrum", "Centrum", "zeist" };
	addrs[0] = (struct cat_address){ "adr-1", "Stationsplein", "12a", "3511 AB", "Utrecht",
					 "utrecht" };
	contacts[0] = (struct cat_contact){ "Team Schuldhulp", "intern", NULL,
					    "schuldhulp@example.nl", NULL };
	locations[0] = (struct cat_location){ "Werkpunt", "adres", "adr-1", true, NULL };
	regcodes[0] = (struct cat_regcode){ "SH-01", "Schuldhulp" };
	links[0] = (struct cat_link){ "link", "Meer", "https://example.nl/schuldhulp" };
	struct cat_instrument in = {
		.id = "schuldhulp",
		.organisation = "gem-utrecht",
		.provider = "werkpunt",
		.name = "Startgesprek schuldhulp",
		.publish = true,
		.summary = "Je praat over je geldzaken.",
		.goal = "Je weet wat je eerste stap is.",
		.method = "Een gesprek.",
		.forms = STRS(forms),
		.has_duration = true,
		.duration = 2,
		.duration_unit = CAT_WEKEN,
		.tiles = STRS(tiles),
		.klantkenmerken = STRS(kk),
		.sol_kinds = STRS(kinds),
		.contacts = contacts,
		.n_contacts = 1,
		.individual = true,
		.locations = locations,
		.n_locations = 1,
		.target_groups = STRS(tg_ids),
		.regcodes = regcodes,
		.n_regcodes = 1,
		.links = links,
		.n_links = 1,
		.regions = STRS(region_ids),
		.gemeenten = STRS(gem_ids),
		.wijken = STRS(wijk_ids),
	};
	ins[0] = in;
	in.id = "taalcafe";
	in.name = "Taalcafé";
	in.contacts = NULL, in.n_contacts = 0;
	in.locations = NULL, in.n_locations = 0;
	in.regcodes = NULL, in.n_regcodes = 0;
	in.links = NULL, in.n_links = 0;
	ins[1] = in;
	return (struct catalogue){ orgs, 2, provs, 1, tgs, 1, regions, 1, gems, 2, wijken, 2,
				   addrs, 1, ins, 2 };
}

static void expect_valid(const struct catalogue *c)
{
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	int rc = cat_validate(c, &test_voc, &p, &e);
	if (rc != IPM_OK || p.n) {
		struct buf b = BUF_INIT;
		cat_problems_format(&p, NULL, 20, &b);
		fail_msg("expected valid, got:\n%s", buf_str(&b));
	}
	cat_problems_free(&p);
}

/* Exactly one problem, with this record, number, id, field and message. */
static void expect_one(const struct catalogue *c, const char *record, size_t number,
		       const char *id, const char *field, const char *message)
{
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	int rc = cat_validate(c, &test_voc, &p, &e);
	assert_int_equal(rc, IPM_EINVAL);
	if (p.n != 1) {
		struct buf b = BUF_INIT;
		cat_problems_format(&p, NULL, 20, &b);
		fail_msg("expected one problem, got %zu:\n%s", p.n, buf_str(&b));
	}
	assert_string_equal(p.v[0].record, record);
	assert_int_equal(p.v[0].number, number);
	assert_string_equal(p.v[0].id, id);
	assert_string_equal(p.v[0].field, field);
	assert_string_equal(p.v[0].message, message);
	assert_null(p.v[0].file);
	cat_problems_free(&p);
}

static void valid_base(void **state)
{
	(void)state;
	struct catalogue c = base();
	expect_valid(&c);
	/* The optional parts may all be left out. */
	ins[1] = (struct cat_instrument){ .id = "kaal", .organisation = "werkbedrijf",
					  .provider = "werkpunt", .name = "Kaal", .summary = "S",
					  .goal = "G", .method = "M", .forms = STRS(forms),
					  .tiles = STRS(tiles), .klantkenmerken = STRS(kk),
					  .group = true };
	expect_valid(&c);
}

static void required_fields(void **state)
{
	(void)state;
	struct catalogue c = base();
	ins[1].summary = NULL;
	expect_one(&c, "instrument", 2, "taalcafe", "summary", "required");
	c = base();
	ins[0].goal = " \n";
	expect_one(&c, "instrument", 1, "schuldhulp", "goal", "required");
	c = base();
	ins[0].method = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "method", "required");
	c = base();
	ins[0].name = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "name", "required");
	c = base();
	ins[0].organisation = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "organisation",
		   "required: the organisation's id");
	c = base();
	ins[0].provider = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "provider",
		   "required: the provider's id");
	c = base();
	provs[0].name = NULL;
	expect_one(&c, "provider", 1, "werkpunt", "name", "required");
	c = base();
	ins[0].distinctive = "  ";
	expect_one(&c, "instrument", 1, "schuldhulp", "distinctive",
		   "only spaces; leave it out instead");
}

/* 500 characters counted as code points: "é" is two bytes but one character. */
static void summary_length(void **state)
{
	(void)state;
	char s[1200];
	struct catalogue c = base();
	for (size_t i = 0; i < 500; i++)
		memcpy(s + 2 * i, "é", 2);
	s[1000] = '\0';
	ins[0].summary = s; /* 1000 bytes, 500 characters: allowed */
	expect_valid(&c);
	memcpy(s + 1000, "x", 2);
	expect_one(&c, "instrument", 1, "schuldhulp", "summary", "501 characters, at most 500");
}

static void text_limits(void **state)
{
	(void)state;
	struct catalogue c = base();
	ins[0].name = "Twee\nregels";
	expect_one(&c, "instrument", 1, "schuldhulp", "name",
		   "contains a line break or control character");
	c = base();
	ins[0].goal = "bel\x07";
	expect_one(&c, "instrument", 1, "schuldhulp", "goal", "contains a control character");
	c = base();
	ins[0].goal = "\xc3\x28";
	expect_one(&c, "instrument", 1, "schuldhulp", "goal", "not valid UTF-8");
	c = base();
	ins[0].method = "regel 1\nregel 2\ttab"; /* a long text may hold these */
	expect_valid(&c);
}

static void duration_units(void **state)
{
	(void)state;
	struct catalogue c = base();
	ins[0].duration_unit = CAT_UNIT_NONE;
	expect_one(&c, "instrument", 1, "schuldhulp", "duration.unit",
		   "required with a duration: uren, dagen, weken or maanden");
	c = base();
	ins[0].has_duration = false;
	expect_one(&c, "instrument", 1, "schuldhulp", "duration.unit",
		   "given without a duration value");
	c = base();
	ins[0].duration = 0;
	expect_one(&c, "instrument", 1, "schuldhulp", "duration.value", "must be more than 0");
	c = base();
	ins[0].has_intensity = true;
	ins[0].intensity_hours = 61;
	expect_one(&c, "instrument", 1, "schuldhulp", "intensity.hours_per_week",
		   "expected more than 0 and at most 60 hours");
	c = base();
	ins[0].has_cost = true;
	ins[0].cost_eur = -1;
	expect_one(&c, "instrument", 1, "schuldhulp", "cost.eur", "expected 0 or more euro");
	c = base();
	ins[0].has_cost = true;
	ins[0].cost_eur = NAN;
	expect_one(&c, "instrument", 1, "schuldhulp", "cost.eur", "expected 0 or more euro");
}

static void publish_window(void **state)
{
	(void)state;
	struct catalogue c = base();
	ins[0].publish_from = (struct date){ 2027, 1, 1 };
	ins[0].publish_until = (struct date){ 2026, 12, 31 };
	expect_one(&c, "instrument", 1, "schuldhulp", "publish_until",
		   "before publish_from: the window would be empty");
	ins[0].publish_until = (struct date){ 2027, 1, 1 }; /* one day is a window */
	expect_valid(&c);
	ins[0].publish_from = (struct date){ 2026, 2, 29 };
	expect_one(&c, "instrument", 1, "schuldhulp", "publish_from", "not a calendar date");
}

static void published(void **state)
{
	(void)state;
	struct catalogue c = base();
	(void)c;
	struct cat_instrument *in = &ins[0];
	struct date d = { 2026, 6, 1 };
	assert_true(cat_is_published(in, d));
	in->publish = false;
	assert_false(cat_is_published(in, d));
	in->publish = true;
	in->publish_from = (struct date){ 2026, 6, 1 };
	in->publish_until = (struct date){ 2026, 6, 30 };
	assert_true(cat_is_published(in, d));                        /* first day */
	assert_true(cat_is_published(in, (struct date){ 2026, 6, 30 })); /* last day, inclusive */
	assert_false(cat_is_published(in, (struct date){ 2026, 5, 31 }));
	assert_false(cat_is_published(in, (struct date){ 2026, 7, 1 }));
	in->publish_from = DATE_NONE;
	assert_true(cat_is_published(in, (struct date){ 1990, 1, 1 }));
}

static void tiles_and_klantkenmerken(void **state)
{
	(void)state;
	struct catalogue c = base();
	ins[0].tiles = (struct cat_strs){ 0 };
	expect_one(&c, "instrument", 1, "schuldhulp", "tiles", "at least one tile is required");
	c = base();
	ins[1].klantkenmerken = (struct cat_strs){ 0 };
	expect_one(&c, "instrument", 2, "taalcafe", "klantkenmerken",
		   "at least one klantkenmerk is required");
	c = base();
	ins[0].forms = (struct cat_strs){ 0 };
	expect_one(&c, "instrument", 1, "schuldhulp", "forms",
		   "at least one uitvoeringsvorm is required");
}

static void codes_against_vocab(void **state)
{
	(void)state;
	static const char *bad_tile[] = { "werk-fit", "werkfit" };
	static const char *kk_nodes[] = { "5", "5.1", "10.2" };
	static const char *bad_kk[] = { "5.4" };
	static const char *twice[] = { "coaching", "coaching" };
	static const char *bad_kind[] = { "praktische-belemmeringen" }; /* a goal, not a kind */
	struct catalogue c = base();
	ins[0].tiles = STRS(bad_tile);
	expect_one(&c, "instrument", 1, "schuldhulp", "tiles[2]",
		   "unknown tile \"werkfit\" (see pack eva-tiles)");
	c = base();
	ins[0].klantkenmerken = STRS(kk_nodes); /* every node of the tree is a code */
	expect_valid(&c);
	ins[0].klantkenmerken = STRS(bad_kk);
	expect_one(&c, "instrument", 1, "schuldhulp", "klantkenmerken[1]",
		   "unknown klantkenmerk \"5.4\" (see pack eva-klantkenmerken)");
	c = base();
	ins[0].forms = STRS(twice);
	expect_one(&c, "instrument", 1, "schuldhulp", "forms[2]", "listed twice (also forms[1])");
	c = base();
	ins[0].sol_kinds = STRS(bad_kind);
	expect_one(&c, "instrument", 1, "schuldhulp", "sol_kinds[1]",
		   "unknown Sol instrument kind \"praktische-belemmeringen\" (see pack sol-goals)");
}

static void group_or_individual(void **state)
{
	(void)state;
	struct catalogue c = base();
	ins[0].individual = false;
	expect_one(&c, "instrument", 1, "schuldhulp", "individual",
		   "an instrument is for a group, for one person, or both: set group or "
		   "individual");
	ins[0].group = true;
	expect_valid(&c);
}

static void no_target_group_algemeen(void **state)
{
	(void)state;
	static const char *rule =
		"no target group \"algemeen\" (Eva's rule): an instrument without target group "
		"is for everyone, one with a target group is especially for that group; leave "
		"the instrument's target_groups empty instead";
	struct catalogue c = base();
	tgs[0].name = " Algemeen ";
	expect_one(&c, "target_group", 1, "statushouders", "name", rule);
	c = base();
	tgs[0].id = "algemeen";
	tg_ids[0] = "algemeen";
	expect_one(&c, "target_group", 1, "algemeen", "id", rule);
	tg_ids[0] = "statushouders";
	c = base();
	tgs[0].name = "Algemene voorzieningen"; /* only the word itself */
	expect_valid(&c);
}

static void wijk_in_gemeente(void **state)
{
	(void)state;
	struct catalogue c = base();
	wijken[0].gemeente = NULL;
	expect_one(&c, "wijk", 1, "utrecht-overvecht", "gemeente",
		   "required: the gemeente's id");
	c = base();
	wijken[1].gemeente = "amersfoort";
	expect_one(&c, "wijk", 2, "zeist-centrum", "gemeente", "no gemeente with id \"amersfoort\"");
}

static void instrument_wijken_in_its_gemeenten(void **state)
{
	(void)state;
	static const char *w[] = { "utrecht-overvecht", "zeist-centrum" };
	struct catalogue c = base();
	ins[0].wijken = STRS(w);
	expect_one(&c, "instrument", 1, "schuldhulp", "wijken[2]",
		   "lies in gemeente \"zeist\", which is not in this instrument's gemeenten");
	ins[0].gemeenten = (struct cat_strs){ 0 }; /* without gemeenten, wijken alone say where */
	expect_valid(&c);
}

static void location_rules(void **state)
{
	(void)state;
	struct catalogue c = base();
	locations[0].type = "kantoor";
	expect_one(&c, "instrument", 1, "schuldhulp", "locations[1].type",
		   "expected one of adres, aanbieder, werkgever, gemeente, klant-thuis");
	c = base();
	locations[0].type = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "locations[1].type",
		   "required: one of adres, aanbieder, werkgever, gemeente, klant-thuis");
	c = base();
	locations[0].address = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "locations[1].address",
		   "required for a location of type adres");
	locations[0].type = "klant-thuis";
	expect_valid(&c);
	c = base();
	locations[0].address = "adr-9";
	expect_one(&c, "instrument", 1, "schuldhulp", "locations[1].address",
		   "no address with id \"adr-9\"");
	c = base();
	locations[0].name = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "locations[1].name", "required");
	c = base();
	locations[0].in_use = false; /* not in use (e.g. only in summer) is allowed */
	expect_valid(&c);
}

static void address_rules(void **state)
{
	(void)state;
	struct catalogue c = base();
	addrs[0].postcode = "3511AB";
	expect_valid(&c);
	addrs[0].postcode = "0511 AB";
	expect_one(&c, "address", 1, "adr-1", "postcode", "expected a Dutch postcode such as 3511 AB");
	c = base();
	addrs[0].city = NULL;
	expect_one(&c, "address", 1, "adr-1", "city", "required");
}

static void contacts_intern_extern(void **state)
{
	(void)state;
	struct catalogue c = base();
	contacts[0].kind = "Intern";
	expect_one(&c, "instrument", 1, "schuldhulp", "contacts[1].kind",
		   "expected one of intern, extern");
	c = base();
	contacts[0].email = "schuldhulp at example.nl";
	expect_one(&c, "instrument", 1, "schuldhulp", "contacts[1].email",
		   "expected an e-mail address such as naam@voorbeeld.nl");
	c = base();
	contacts[0].phone = "bel de balie";
	expect_one(&c, "instrument", 1, "schuldhulp", "contacts[1].phone",
		   "expected a phone number: digits, spaces, + - ( ) only");
	contacts[0].phone = "+31 (0)30 286 00 00";
	expect_valid(&c);
}

static void link_urls(void **state)
{
	(void)state;
	struct catalogue c = base();
	links[0].url = "javascript:alert(1)";
	expect_one(&c, "instrument", 1, "schuldhulp", "links[1].url",
		   "expected a web address starting with https:// or http://");
	c = base();
	links[0].url = "https://example.nl/met spatie";
	expect_one(&c, "instrument", 1, "schuldhulp", "links[1].url", "a web address has no spaces");
	c = base();
	links[0].kind = "podcast";
	expect_one(&c, "instrument", 1, "schuldhulp", "links[1].kind",
		   "expected one of link, download, video");
	c = base();
	provs[0].website = "werkpunt.nl";
	expect_one(&c, "provider", 1, "werkpunt", "website",
		   "expected a web address starting with https:// or http://");
}

static void regcodes_rule(void **state)
{
	(void)state;
	struct catalogue c = base();
	regcodes[0].code = NULL;
	expect_one(&c, "instrument", 1, "schuldhulp", "regcodes[1].code", "required");
}

static void organisation_and_gemeente(void **state)
{
	(void)state;
	struct catalogue c = base();
	orgs[1].kind = "bedrijf";
	expect_one(&c, "organisation", 2, "werkbedrijf", "kind",
		   "expected one of gemeente, reintegratiebedrijf, anders");
	c = base();
	gems[1].cbs_code = "0355";
	expect_one(&c, "gemeente", 2, "zeist", "cbs_code",
		   "expected GM and four digits, such as GM0344");
	c = base();
	gems[1].region = "oost";
	expect_one(&c, "gemeente", 2, "zeist", "region", "no region with id \"oost\"");
}

static void ids(void **state)
{
	(void)state;
	struct catalogue c = base();
	ins[1].id = "schuldhulp";
	expect_one(&c, "instrument", 2, "schuldhulp", "id", "the same id as instrument 1");
	c = base();
	ins[1].id = "Taal Cafe";
	expect_one(&c, "instrument", 2, "", "id",
		   "expected at most 64 of a-z, 0-9 and '-', starting with a letter or digit");
	c = base();
	ins[1].id = "-taal";
	expect_one(&c, "instrument", 2, "", "id",
		   "expected at most 64 of a-z, 0-9 and '-', starting with a letter or digit");
	c = base();
	char long_id[66];
	memset(long_id, 'a', 65);
	long_id[65] = '\0';
	regions[0].id = long_id;
	region_ids[0] = long_id;
	gems[0].region = long_id;
	expect_one(&c, "region", 1, "", "id",
		   "expected at most 64 of a-z, 0-9 and '-', starting with a letter or digit");
	region_ids[0] = "midden-utrecht";
	long_id[64] = '\0'; /* 64 is the limit */
	c = base();
	regions[0].id = long_id;
	gems[0].region = long_id;
	static const char *rid[1];
	rid[0] = long_id;
	ins[0].regions = STRS(rid);
	ins[1].regions = STRS(rid);
	expect_valid(&c);
	c = base();
	ins[0].id = NULL;
	expect_one(&c, "instrument", 1, "", "id", "required");
}

static void references_resolve(void **state)
{
	(void)state;
	static const char *tg[] = { "statushouders", "jongeren" };
	static const char *tg2[] = { "statushouders", "statushouders" };
	struct catalogue c = base();
	ins[0].provider = "onbekend";
	expect_one(&c, "instrument", 1, "schuldhulp", "provider", "no provider with id \"onbekend\"");
	c = base();
	ins[0].target_groups = STRS(tg);
	expect_one(&c, "instrument", 1, "schuldhulp", "target_groups[2]",
		   "no target group with id \"jongeren\"");
	c = base();
	ins[0].target_groups = STRS(tg2);
	expect_one(&c, "instrument", 1, "schuldhulp", "target_groups[2]",
		   "listed twice (also target_groups[1])");
	c = base();
	ins[0].organisation = "Gemeente Utrecht";
	expect_one(&c, "instrument", 1, "schuldhulp", "organisation",
		   "no organisation with this id (not a valid id)");
}

/* Every problem is collected, in the order of the lists and fields, and
 * the error names the count and the first. */
static void every_problem(void **state)
{
	(void)state;
	struct catalogue c = base();
	orgs[0].name = NULL;
	ins[0].summary = NULL;
	ins[0].tiles = (struct cat_strs){ 0 };
	ins[1].provider = "x";
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	assert_int_equal(cat_validate(&c, &test_voc, &p, &e), IPM_EINVAL);
	struct buf b = BUF_INIT;
	cat_problems_format(&p, "demo.json", 10, &b);
	assert_string_equal(buf_str(&b),
			    "demo.json: organisation 1 (gem-utrecht): name: required\n"
			    "demo.json: instrument 1 (schuldhulp): summary: required\n"
			    "demo.json: instrument 1 (schuldhulp): tiles: at least one tile is "
			    "required\n"
			    "demo.json: instrument 2 (taalcafe): provider: no provider with id "
			    "\"x\"\n");
	assert_string_equal(e.msg, "4 problems; the first: organisation 1 (gem-utrecht): name: "
				   "required");
	buf_reset(&b);
	cat_problems_format(&p, NULL, 2, &b);
	assert_string_equal(buf_str(&b), "organisation 1 (gem-utrecht): name: required\n"
					 "instrument 1 (schuldhulp): summary: required\n"
					 "... and 2 more\n");
	buf_free(&b);
	cat_problems_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(valid_base),
		cmocka_unit_test(required_fields),
		cmocka_unit_test(summary_length),
		cmocka_unit_test(text_limits),
		cmocka_unit_test(duration_units),
		cmocka_unit_test(publish_window),
		cmocka_unit_test(published),
		cmocka_unit_test(tiles_and_klantkenmerken),
		cmocka_unit_test(codes_against_vocab),
		cmocka_unit_test(group_or_individual),
		cmocka_unit_test(no_target_group_algemeen),
		cmocka_unit_test(wijk_in_gemeente),
		cmocka_unit_test(instrument_wijken_in_its_gemeenten),
		cmocka_unit_test(location_rules),
		cmocka_unit_test(address_rules),
		cmocka_unit_test(contacts_intern_extern),
		cmocka_unit_test(link_urls),
		cmocka_unit_test(regcodes_rule),
		cmocka_unit_test(organisation_and_gemeente),
		cmocka_unit_test(ids),
		cmocka_unit_test(references_resolve),
		cmocka_unit_test(every_problem),
	};
	return cmocka_run_group_tests(tests, test_voc_setup, test_voc_teardown);
}
