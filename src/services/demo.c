#include "services/demo.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "pack/semver.h"
#include "services/password.h"
#include "store/store_web.h"

#include <stddef.h>

/* Every name, address and number below is invented. */
static const struct store_user demo_users[] = {
	{ .username = "demo.consulent", .display_name = "Sanne de Vries", .role = "consulent" },
	{ .username = "demo.psycholoog", .display_name = "Dr. Karim Haddou", .role = "psycholoog" },
	{ .username = "demo.jobcoach", .display_name = "Ellen Bos", .role = "jobcoach" },
	{ .username = "demo.manager", .display_name = "Joost Verbeek", .role = "manager" },
	{ .username = "demo.beheerder", .display_name = "Ria Mulder", .role = "beheerder" },
};

static const struct store_client demo_clients[] = {
	{ .reference = "VB-0001", .given_name = "Mila", .family_name = "Jansen",
	  .birth_date = "1998-03-14", .sex = "v", .city = "Voorbeeldstad", .postcode = "1234 AB",
	  .gemeente = "Voorbeeldstad", .benefit_type = "participatiewet",
	  .benefit_start = "2025-09-01", .education_level = "mbo-2", .language_level = "C2",
	  .household = "alleenstaand", .target_groups = "[\"jongeren\"]", .route_step = "intake" },
	{ .reference = "VB-0002", .given_name = "Yusuf", .family_name = "Demir",
	  .birth_date = "1985-11-02", .sex = "m", .city = "Voorbeeldstad", .postcode = "1234 CD",
	  .gemeente = "Voorbeeldstad", .benefit_type = "ww", .benefit_start = "2026-05-01",
	  .education_level = "hbo", .language_level = "C1", .household = "samenwonend met kinderen",
	  .route_step = "loopbaanonderzoek" },
	{ .reference = "VB-0003", .given_name = "Tesfay", .family_name = "Gebremedhin",
	  .birth_date = "1991-06-30", .sex = "m", .city = "Voorbeeldstad", .postcode = "1235 EF",
	  .gemeente = "Voorbeeldstad", .benefit_type = "participatiewet",
	  .benefit_start = "2024-02-15", .education_level = "geen startkwalificatie",
	  .language_level = "A2", .route_language = "en", .household = "alleenstaand",
	  .target_groups = "[\"statushouders\"]", .route_step = "ipm" },
	{ .reference = "VB-0004", .given_name = "Ingrid", .family_name = "van Dam",
	  .birth_date = "1966-01-20", .sex = "v", .city = "Voorbeeldstad", .postcode = "1236 GH",
	  .gemeente = "Voorbeeldstad", .benefit_type = "ww", .benefit_start = "2026-01-10",
	  .education_level = "mbo-4", .language_level = "C2", .household = "samenwonend",
	  .target_groups = "[\"55-plussers\"]", .route_step = "advies" },
	{ .reference = "VB-0005", .given_name = "Daan", .family_name = "Smit",
	  .birth_date = "2003-09-09", .sex = "m", .city = "Voorbeeldstad", .postcode = "1237 JK",
	  .gemeente = "Voorbeeldstad", .benefit_type = "wajong", .benefit_start = "2021-09-09",
	  .education_level = "praktijkonderwijs", .language_level = "B2",
	  .household = "bij ouders", .target_groups = "[\"banenafspraak\", \"jongeren\"]",
	  .route_step = "nazorg" },
	{ .reference = "VB-0006", .given_name = "Olena", .family_name = "Kovalenko",
	  .birth_date = "1979-04-25", .sex = "v", .city = "Voorbeeldstad", .postcode = "1238 LM",
	  .gemeente = "Voorbeeldstad", .benefit_type = "participatiewet",
	  .benefit_start = "2023-03-01", .education_level = "wo", .language_level = "B1",
	  .route_language = "de", .household = "alleenstaand met kinderen",
	  .route_step = "oordeel" },
	{ .reference = "VB-0007", .given_name = "Priya", .family_name = "Ramdin",
	  .birth_date = "1972-12-05", .sex = "x", .city = "Voorbeeldstad", .postcode = "1239 NP",
	  .gemeente = "Voorbeeldstad", .benefit_type = "wia", .benefit_start = "2022-07-01",
	  .education_level = "havo", .language_level = "C2", .household = "samenwonend",
	  .route_step = "traject" },
	{ .reference = "VB-0008", .given_name = "Kees", .family_name = "Bakker",
	  .birth_date = "1959-08-17", .sex = "m", .city = "Voorbeeldstad", .postcode = "1240 RS",
	  .gemeente = "Voorbeeldstad", .benefit_type = "ioaw", .benefit_start = "2025-02-01",
	  .education_level = "vmbo", .language_level = "C2", .household = "alleenstaand",
	  .target_groups = "[\"55-plussers\"]", .route_step = "intake" },
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The factor ratings of each demo client (a professional's judgement after
 * the intake, invented to fit the client above), so that `ipm prognosis
 * --client 1` has something to work from. NR = not rated. */
#define DEMO_FACTORS_PACK "ipm-factors"
#define NR 9
static const char *const demo_factors[] = {
	"gezondheid", "werkvermogen", "psychosociaal", "taalniveau", "opleiding",
	"werkervaring-recent", "zoekgedrag", "motivatie", "netwerk", "schulden",
	"vraag-beroep", "ondersteuning",
};
static const signed char demo_ratings[][COUNT(demo_factors)] = {
	{ 1, 1, -1, 2, -1, -1, 0, 1, 0, -1, 1, 1 },
	{ 1, 2, 0, 1, 2, 1, 1, 1, 1, 0, 1, 0 },
	{ 1, 1, -1, -2, -1, -2, 0, 2, -1, -1, 0, 1 },
	{ 0, 1, 0, 2, 0, 1, 0, 1, 1, 0, -1, 0 },
	{ -1, -1, 0, 1, -1, 1, 1, 1, 1, 0, 0, 2 },
	{ 0, 1, -1, -1, 2, -2, 1, 2, 0, -1, 0, 1 },
	{ -2, -2, -1, 2, 1, -1, 0, 0, 1, NR, 0, 1 },
	{ -1, 0, 0, 2, -1, -1, -1, -1, 0, NR, -1, 0 },
};

/* A few outcomes, by index into demo_clients. */
static const struct {
	size_t client;
	struct store_outcome o;
} demo_outcomes[] = {
	{ 4, { .outcome = "werk", .start_date = "2026-10-01", .has_hours = 1,
	       .hours_per_week = 24, .contract = "bepaalde tijd", .durable_6m = -1,
	       .durable_12m = -1 } },
	{ 6, { .outcome = "opleiding", .start_date = "2026-09-01", .durable_6m = -1,
	       .durable_12m = -1 } },
};

/* The newest registered version of the catalogue (ipm init registered the
 * data directory's packs just before). */
static int newest_version(void *ctx, const char *version, const char *content, size_t len,
			  struct err *e)
{
	(void)content, (void)len, (void)e;
	struct buf *best = ctx;
	struct semver have, v;
	if (semver_parse(version, &v) != IPM_OK)
		return IPM_OK;
	if (!best->len || semver_parse(buf_str(best), &have) != IPM_OK ||
	    semver_compare(&v, &have) > 0) {
		buf_reset(best);
		buf_puts(best, version);
	}
	return IPM_OK;
}

static int demo_rate(struct store *s, const struct store_actor *who, int64_t client,
		     const signed char *ratings, const char *version, struct err *e)
{
	int64_t id;
	struct buf value = BUF_INIT;
	int rc = store_assessment_start(s, who, client, DEMO_FACTORS_PACK, version, "professional",
					&id, e);
	for (size_t k = 0; k < COUNT(demo_factors) && rc == IPM_OK; k++) {
		/* Empty is "not rated": the prognosis counts it as 0 and lists it. */
		buf_reset(&value);
		if (ratings[k] != NR)
			buf_printf(&value, "%d", ratings[k]);
		rc = store_answer_put(s, who, id, demo_factors[k], buf_str(&value), e);
	}
	buf_free(&value);
	if (rc == IPM_OK)
		rc = store_assessment_complete(s, who, id, e);
	return rc;
}

/* Ratings and outcomes, when the catalogue is registered. */
static int demo_dossiers(struct store *s, const struct store_actor *who, const int64_t *ids,
			 struct err *e)
{
	struct buf version = BUF_INIT;
	int rc = store_pack_versions_each(s, DEMO_FACTORS_PACK, newest_version, &version, e);
	for (size_t i = 0; i < COUNT(demo_ratings) && rc == IPM_OK && version.len; i++)
		rc = demo_rate(s, who, ids[i], demo_ratings[i], buf_str(&version), e);
	for (size_t i = 0; i < COUNT(demo_outcomes) && rc == IPM_OK; i++) {
		struct store_outcome o = demo_outcomes[i].o;
		o.client_id = ids[demo_outcomes[i].client];
		rc = store_outcome_record(s, who, &o, NULL, e);
	}
	buf_free(&version);
	return rc;
}

struct seed {
	int added, synthetic;
};

static int seed_tx(struct store *s, void *ctx, struct err *e)
{
	struct seed *sd = ctx;
	int64_t org, consulent = 0, id, ids[COUNT(demo_clients)];
	int rc = store_org_create(s, "Gemeente Voorbeeldstad", "gemeente", &org, e);
	if (rc != IPM_OK)
		return rc;
	/* Every demo user logs in with DEMO_PASSWORD (README). */
	struct buf pw = BUF_INIT;
	int64_t users[COUNT(demo_users)];
	if ((rc = password_hash(DEMO_PASSWORD, &pw, e)) != IPM_OK)
		return rc;
	for (size_t i = 0; i < COUNT(demo_users) && rc == IPM_OK; i++) {
		struct store_user u = demo_users[i];
		u.org_id = org;
		u.password_hash = pw.data;
		rc = store_user_create(s, &u, &users[i], e);
	}
	buf_free(&pw);
	if (rc != IPM_OK)
		return rc;
	consulent = users[0];
	/* The consulent takes the intakes, so the caseload is theirs. */
	const struct store_actor who = { .user_id = consulent };
	for (size_t i = 0; i < COUNT(demo_clients); i++) {
		struct store_client c = demo_clients[i];
		c.org_id = org;
		if ((rc = store_client_create(s, &who, &c, &ids[i], e)) != IPM_OK)
			return rc;
		id = ids[i];
		if ((rc = store_consent_record(s, &who, id, "diagnose", 1, "toestemming", NULL, e)) !=
		    IPM_OK)
			return rc;
	}
	if ((rc = demo_dossiers(s, &who, ids, e)) != IPM_OK)
		return rc;
	/* VB-0004 is shared with the psycholoog and the jobcoach, so that
	 * their caseloads show what their roles may see of one dossier. */
	for (size_t i = 1; i <= 2; i++)
		if ((rc = store_client_share(s, &who, ids[3], users[i], e)) != IPM_OK)
			return rc;
	sd->added = (int)COUNT(demo_clients);
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	now[10] = '\0';
	/* In the demo organisation itself, so that its fit, validation and
	 * traffic-light terciles see them next to the demo clients. */
	if ((rc = demo_history(s, org, now, &sd->synthetic, e)) != IPM_OK)
		return rc;
	/* VB-0004 (route step advies) has the whole route behind her. After the
	 * history, so that her stored prognosis compares her with the same
	 * clients as every prognosis computed later (not the model's limits). */
	return demo_route(s, &who, ids[3], now, e);
}

int demo_seed(struct store *s, int *added, int *synthetic, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct store_user found;
	int rc = store_user_find(s, demo_users[0].username, &found, &a, e);
	arena_free(&a);
	*added = *synthetic = 0;
	if (rc == IPM_OK)
		return IPM_OK;
	if (rc != IPM_ENOTFOUND)
		return rc;
	/* One transaction: the demo is there whole or not at all, and ~2,000
	 * use cases commit with one fsync instead of one each (< 1 s). */
	struct seed sd = { 0 };
	rc = store_batch(s, "demo seed", seed_tx, &sd, e);
	if (rc == IPM_OK) {
		*added = sd.added;
		*synthetic = sd.synthetic;
	}
	return rc;
}
