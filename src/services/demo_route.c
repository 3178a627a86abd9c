/* One demo client with the whole route behind them (services/demo.h,
 * demo_route): every career questionnaire taken and scored, a CV, the
 * prognosis, the professional's judgement with overrides, advice items of
 * both kinds, a trajectplan, jobcoaching advice and the consents for an
 * employer summary, so that the report and the browser route have a
 * complete dossier to show. Everything goes through the same use cases as
 * real work; every name and fact below is invented. */
#include "services/demo.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "engine/career.h"
#include "pack/codes_build.h"
#include "pack/questionnaire_build.h"
#include "services/advice.h"
#include "services/assessment_score.h"
#include "services/cv_store.h"
#include "services/judgement.h"
#include "services/plan.h"
#include "services/prognosis_store.h"
#include "services/stored_pack.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Where on its range each scale's answers lie (0 = lowest, 1 = highest):
 * a profile that fits a careful, helpful 60-year-old who did customer
 * administration for decades. Scales not listed lie at 0.5. */
struct level {
	const char *scale;
	double at;
};

static const struct level bigfive[] = {
	{ "n1", .60 }, { "n2", .30 }, { "n3", .45 }, { "n4", .50 }, { "n5", .35 }, { "n6", .50 },
	{ "e1", .65 }, { "e2", .40 }, { "e3", .30 }, { "e4", .55 }, { "e5", .20 }, { "e6", .55 },
	{ "o1", .35 }, { "o2", .50 }, { "o3", .60 }, { "o4", .25 }, { "o5", .45 }, { "o6", .40 },
	{ "a1", .65 }, { "a2", .85 }, { "a3", .80 }, { "a4", .65 }, { "a5", .70 }, { "a6", .75 },
	{ "c1", .65 }, { "c2", .85 }, { "c3", .90 }, { "c4", .60 }, { "c5", .75 }, { "c6", .70 },
};
static const struct level anchors[] = {
	{ "TF", .60 }, { "GM", .15 }, { "AU", .45 }, { "SE", .90 },
	{ "EC", .10 }, { "SV", .80 }, { "CH", .30 }, { "LS", .70 },
};
static const struct level clusters[] = {
	{ "R", .25 }, { "I", .35 }, { "A", .30 }, { "S", .75 }, { "E", .35 }, { "C", .85 },
};
static const struct level jcm[] = {
	{ "sv-laatste", .35 }, { "ti-laatste", .60 }, { "ts-laatste", .50 },
	{ "au-laatste", .25 }, { "fb-laatste", .40 }, { "sv-gewenst", .60 },
	{ "ti-gewenst", .75 }, { "ts-gewenst", .85 }, { "au-gewenst", .60 },
	{ "fb-gewenst", .75 },
};
/* Culture: shares of each block's points. */
static const struct level culture[] = {
	{ "mensgericht", .40 }, { "innovatief", .10 },
	{ "resultaatgericht", .15 }, { "beheersgericht", .35 },
};

static const struct {
	const char *pack;
	const struct level *levels;
	size_t n;
} questionnaires[] = {
	{ "ipip-neo-120", bigfive, COUNT(bigfive) },
	{ "career-anchors", anchors, COUNT(anchors) },
	{ "career-clusters", clusters, COUNT(clusters) },
	{ "culture-preference", culture, COUNT(culture) },
	{ "job-characteristics", jcm, COUNT(jcm) },
};

static double level_of(const struct level *v, size_t n, const char *scale)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].scale, scale) == 0)
			return v[i].at;
	return 0.5;
}

/* The answers to q that give the levels: per item scale, each asked item
 * near its level with a small fixed wobble (people do not answer every
 * item of a facet alike), reversed for "-" keyed items; ipsative blocks
 * split by the levels as shares, the rounding rest to the last item. */
static void make_answers(const struct questionnaire *q, const struct level *lv, size_t n,
			 int16_t *row)
{
	static const double wobble[] = { 0, .6, 0, -.6, .3, -.3, .6, -.6 };
	double *at = xcalloc(q->n_items + 1, sizeof *at);
	for (size_t i = 0; i < q->n_items; i++)
		row[i] = Q_MISSING;
	for (size_t k = 0; k < q->n_scales; k++) {
		const struct q_scale *sc = &q->scales[k];
		for (uint32_t j = 0; sc->kind == Q_SCALE_ITEMS && j < sc->n_items; j++) {
			const struct q_item *it = &q->items[sc->items[j]];
			at[sc->items[j]] = level_of(lv, n, sc->id);
			if (it->excluded || it->points)
				continue;
			double v = it->min + at[sc->items[j]] * (it->max - it->min) +
				   wobble[j % COUNT(wobble)];
			long r = lround(v);
			r = r < it->min ? it->min : r > it->max ? it->max : r;
			row[sc->items[j]] = (int16_t)(it->reversed ? it->min + it->max - r : r);
		}
	}
	for (size_t b = 0; b < q->n_blocks; b++) {
		const struct q_block *bl = &q->blocks[b];
		int32_t left = bl->total;
		double sum = 0;
		for (uint32_t j = 0; j < bl->n_items; j++)
			sum += at[bl->items[j]];
		for (uint32_t j = 0; j < bl->n_items; j++) {
			/* A fixed tilt per block, so the blocks are not copies. */
			int32_t pts = j + 1 == bl->n_items
					      ? left
					      : (int32_t)lround(bl->total * at[bl->items[j]] / sum) +
							(int32_t)((b + j) % 3) - 1;
			pts = pts < 0 ? 0 : pts > left ? left : pts;
			row[bl->items[j]] = (int16_t)pts;
			left -= pts;
		}
	}
	free(at);
}

/* Takes the questionnaire with the client as the professional would:
 * started, answered item by item, completed, scored. */
static int take(struct store *s, const struct store_actor *who, int64_t client,
		const char *pack_id, const struct level *lv, size_t n, struct err *e)
{
	struct pack *p = NULL;
	struct questionnaire *q = NULL;
	int16_t *row = NULL;
	struct buf value = BUF_INIT;
	int64_t id;
	int rc = stored_pack_load(s, pack_id, PACK_QUESTIONNAIRE, &p, e);
	if (rc || (rc = questionnaire_build(p, NULL, &q, e)))
		goto out;
	row = xcalloc(q->n_items + 1, sizeof *row);
	make_answers(q, lv, n, row);
	rc = store_assessment_start(s, who, client, q->pack_id, q->version, "professional", &id, e);
	for (size_t i = 0; i < q->n_items && rc == IPM_OK; i++) {
		if (row[i] == Q_MISSING)
			continue;
		buf_reset(&value);
		buf_printf(&value, "%d", row[i]);
		rc = store_answer_put(s, who, id, q->items[i].id, buf_str(&value), e);
	}
	if (rc == IPM_OK)
		rc = store_assessment_complete(s, who, id, e);
	if (rc == IPM_OK)
		rc = assessment_score(s, who, id, NULL, e);
out:
	buf_free(&value);
	free(row);
	if (q)
		questionnaire_free(q);
	if (p)
		pack_free(p);
	return rc;
}

/* The CV, in years after the client's birth year (B+12 is the year she
 * turned 12), so that it fits any demo client's age; the last job ends just
 * before the benefit the demo clients receive, the volunteer work runs on. */
static void demo_cv(int b, struct buf *out)
{
	buf_printf(out,
		   "{\"education\": ["
		   "{\"level\": \"vmbo\", \"field\": \"Mavo\", \"start\": \"%d-08-21\","
		   " \"end\": \"%d-06-25\", \"diploma\": true},"
		   "{\"level\": \"mbo-4\", \"field\": \"Secretarieel medewerker\","
		   " \"start\": \"%d-08-16\", \"end\": \"%d-06-28\", \"diploma\": true}],"
		   " \"work\": [",
		   b + 12, b + 16, b + 16, b + 19);
	buf_printf(out,
		   "{\"start\": \"%d-09-01\", \"end\": \"%d-12-31\","
		   " \"employer\": \"Bouwbedrijf Van Leeuwen\", \"sector\": \"bouw-infra\","
		   " \"function\": \"Administratief medewerker\", \"hours\": 38, \"paid\": true,"
		   " \"competences\": [\"administratie-bijhouden\", \"nauwkeurig-werken\","
		   " \"kantoorsoftware\"]},"
		   "{\"start\": \"%d-01-01\", \"end\": \"%d-06-30\","
		   " \"employer\": \"Woonstichting Voorbeeldstad\","
		   " \"sector\": \"overheid-administratie\","
		   " \"function\": \"Medewerker debiteurenadministratie\", \"hours\": 32,"
		   " \"paid\": true, \"competences\": [\"administratie-bijhouden\", \"rekenen\","
		   " \"klachten-afhandelen\"]},"
		   "{\"start\": \"%d-07-01\", \"end\": \"2025-12-31\","
		   " \"employer\": \"Woonstichting Voorbeeldstad\", \"sector\": \"klantcontact\","
		   " \"function\": \"Klantadviseur verhuur\", \"hours\": 32, \"paid\": true,"
		   " \"competences\": [\"klanten-adviseren\", \"mondeling-communiceren\","
		   " \"klachten-afhandelen\", \"bedrijfssystemen\"]},"
		   "{\"start\": \"2019-03-01\", \"employer\": \"Bibliotheek Voorbeeldstad\","
		   " \"sector\": \"onderwijs\", \"function\": \"Vrijwilliger taalcafé\","
		   " \"hours\": 3, \"paid\": false,"
		   " \"competences\": [\"kennis-overdragen\", \"actief-luisteren\"]}]}",
		   b + 19, b + 28, b + 29, b + 42, b + 42);
}

/* What the client agreed to share with an employer (report-doc-v1,
 * "consent"): the CV, what drives and suits her, what helps, the advice.
 * Not the personality test, the hindering factors or the prognosis. */
static const char *const employer_consents[] = {
	"werkgever:naam", "werkgever:cv", "werkgever:loopbaanankers", "werkgever:cultuur",
	"werkgever:functieanalyse", "werkgever:faciliterend", "werkgever:advies",
};
static const char *const employer_refusals[] = {
	"werkgever:persoonlijkheid", "werkgever:belemmerend",
};

static int consents(struct store *s, const struct store_actor *who, int64_t client,
		    struct err *e)
{
	int rc = IPM_OK;
	for (size_t i = 0; i < COUNT(employer_consents) && rc == IPM_OK; i++)
		rc = store_consent_record(s, who, client, employer_consents[i], 1, "toestemming",
					  NULL, e);
	for (size_t i = 0; i < COUNT(employer_refusals) && rc == IPM_OK; i++)
		rc = store_consent_record(s, who, client, employer_refusals[i], 0, "toestemming",
					  NULL, e);
	return rc;
}

/* The professional's decisions: the career phase and one factor
 * overridden (each with a reason), the prognosis band accepted. */
static int judge(struct store *s, const struct store_actor *who, int64_t client, int age,
		 const struct prognosis_made *pm, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct career_packs cp = { 0 };
	const struct career_stage *stage = NULL;
	struct buf src = BUF_INIT;
	int rc = stored_career_packs(s, &a, &cp, e);
	if (rc == IPM_OK)
		rc = career_stage_for_age(&cp.stages, age, &stage, e);
	if (rc)
		goto out;
	buf_printf(&src, "result:%lld", (long long)pm->result_id);
	const struct store_judgement js[] = {
		{ .client_id = client, .subject = "loopbaanfase", .computed = stage->code,
		  .source = "pack career-phases", .decision = "override", .value = "exploratie",
		  .reason_code = "gewijzigde-situatie",
		  .reason_text = "Na lange tijd bij dezelfde werkgever oriënteert ze zich opnieuw "
				 "op wat ze wil en kan: een nieuwe verkenning." },
		{ .client_id = client, .subject = "factor:vraag-beroep", .computed = "-1",
		  .source = buf_str(&src), .decision = "override", .value = "-2",
		  .reason_code = "arbeidsmarkt-lokaal",
		  .reason_text = "In de regio verdwijnen baliefuncties bij woningcorporaties; "
				 "de vraag naar haar beroep is kleiner dan landelijk." },
		{ .client_id = client, .subject = "prognose.band",
		  .computed = prog_band_name(pm->r.band), .source = buf_str(&src),
		  .decision = "accept",
		  .reason_text = "Past bij het beeld uit de gesprekken." },
	};
	for (size_t i = 0; i < COUNT(js) && rc == IPM_OK; i++)
		rc = judgement_record(s, who, &js[i], NULL, e);
out:
	buf_free(&src);
	arena_free(&a);
	return rc;
}

static int advise(struct store *s, const struct store_actor *who, int64_t client, struct err *e)
{
	static const struct {
		struct store_advice a;
		const char *status, *reason;
	} items[] = {
		{ { .type = "randvoorwaarde",
		    .text = "Een vaste werkplek met een duidelijke dagplanning en één vast "
			    "aanspreekpunt voor vragen.",
		    .source_kind = "kenmerk", .source_code = "ondersteuning-werkgever" },
		  "accepted", NULL },
		{ { .type = "randvoorwaarde",
		    .text = "Werk overdag met vaste tijden, zonder onregelmatige diensten." },
		  "accepted", NULL },
		{ { .type = "ontwikkelpunt",
		    .text = "Digitale vaardigheden bijwerken: een modern klantsysteem en online "
			    "samenwerken.",
		    .learnability = "goed",
		    .learnability_note = "Ze leert snel met een vaste oefenomgeving en korte "
					 "opdrachten.",
		    .source_kind = "factor", .source_code = "vraag-beroep" },
		  "accepted", NULL },
		{ { .type = "ontwikkelpunt",
		    .text = "Zichzelf presenteren in een sollicitatiegesprek en haar ervaring "
			    "concreet benoemen.",
		    .learnability = "matig",
		    .learnability_note = "Goed te oefenen, maar het kost enkele weken.",
		    .source_kind = "kenmerk", .source_code = "zelfvertrouwen" },
		  NULL, NULL },
		{ { .type = "ontwikkelpunt",
		    .text = "Beter bestand worden tegen piekdrukte aan de balie.",
		    .learnability = "beperkt",
		    .learnability_note = "Stressbestendigheid ligt grotendeels in de persoon." },
		  "rejected",
		  "Weinig leerbaar; coaching hierop levert weinig op. We leggen het vast als "
		  "randvoorwaarde: geen functie met veel piekdrukte." },
	};
	int rc = IPM_OK;
	for (size_t i = 0; i < COUNT(items) && rc == IPM_OK; i++) {
		struct store_advice a = items[i].a;
		int64_t id;
		a.client_id = client;
		rc = advice_add(s, who, &a, &id, e);
		if (rc == IPM_OK && items[i].status)
			rc = advice_decide(s, who, id, items[i].status, items[i].reason, e);
	}
	return rc;
}

/* today + days, as YYYY-MM-DD into out[11]. */
static void day_after(struct date today, int days, char out[11])
{
	struct date d = date_from_days(date_days(today) + days);
	struct buf b = BUF_INIT;
	buf_printf(&b, "%04d-%02d-%02d", d.y, d.m, d.d);
	memcpy(out, buf_str(&b), 11);
	buf_free(&b);
}

static int plan(struct store *s, const struct store_actor *who, int64_t client, struct date today,
		struct err *e)
{
	char d1[11], d2[11], d3[11];
	day_after(today, 14, d1);
	day_after(today, 28, d2);
	day_after(today, 56, d3);
	const struct store_plan_activity acts[] = {
		{ .text = "Training digitale vaardigheden: kantoorsoftware en een klantsysteem",
		  .provider = "Bibliotheek Voorbeeldstad", .start_date = d1, .hours_per_week = 4 },
		{ .text = "Sollicitatietraining in een kleine groep",
		  .provider = "Werkplein Voorbeeldstad", .start_date = d2, .hours_per_week = 3 },
		{ .text = "Werkervaringsplaats klantcontact, met begeleiding op de werkplek",
		  .provider = "Woonstichting Voorbeeldstad", .start_date = d3,
		  .hours_per_week = 16 },
	};
	const struct store_trajectplan p = {
		.client_id = client, .goal = "beroep",
		.target_occupation = "Medewerker klantcontact",
		.note = "Eerst de digitale vaardigheden, dan solliciteren met een "
			"werkervaringsplaats als opstap.",
		.n_activities = COUNT(acts), .activities = acts,
	};
	return plan_save(s, who, &p, NULL, e);
}

static int jobcoach(struct store *s, const struct store_actor *who, int64_t client,
		    struct err *e)
{
	static const char *const interventions[] = { "zv-positieve-feedback", "ow-leerstijlen" };
	static const char *const kenmerken[] = { "zelfvertrouwen", "ondersteuning-werkgever" };
	struct arena a = ARENA_INIT;
	struct pack *p = NULL;
	struct code_list grades;
	int rc = stored_pack_load(s, JOBCOACH_PACK, PACK_TAXONOMY, &p, e);
	if (rc == IPM_OK)
		rc = code_list_from_pack(p, &a, &grades, e);
	if (rc == IPM_OK) {
		const struct jobcoach_input in = {
			.client_id = client, .advised = true, .grade = "licht",
			.contract_hours = 24, .interventions = interventions,
			.n_interventions = COUNT(interventions), .kenmerken = kenmerken,
			.n_kenmerken = COUNT(kenmerken),
			.note = "Vooral in de eerste maanden, ook voor de leidinggevende.",
		};
		rc = jobcoach_advise(s, who, &in, &grades, p->version, NULL, e);
	}
	if (p)
		pack_free(p);
	arena_free(&a);
	return rc;
}

static int count_version(void *ctx, const char *version, const char *content, size_t len,
			 struct err *e)
{
	(void)version, (void)content, (void)len, (void)e;
	++*(size_t *)ctx;
	return IPM_OK;
}

int demo_route(struct store *s, const struct store_actor *who, int64_t client,
	       const char *today, struct err *e)
{
	/* A database without the packs (ipm init registers them) gets no route. */
	size_t registered = 0;
	int rc0 = store_pack_versions_each(s, questionnaires[0].pack, count_version, &registered, e);
	if (rc0 || !registered)
		return rc0;

	struct arena a = ARENA_INIT;
	struct career_packs cp = { 0 };
	struct store_client c;
	struct prognosis_made pm = { 0 };
	struct buf cv = BUF_INIT;
	struct date day, birth;
	int rc = IPM_EINVAL;
	if (!date_parse(today, &day)) {
		err_set(e, rc, "today: expected a date YYYY-MM-DD");
		goto out;
	}
	if ((rc = store_client_get(s, who, client, &c, &a, e)))
		goto out;
	if (!c.birth_date || !date_parse(c.birth_date, &birth)) {
		rc = err_set(e, IPM_EINVAL, "clients.birth_date: needed for the career phase");
		goto out;
	}
	for (size_t i = 0; i < COUNT(questionnaires) && rc == IPM_OK; i++)
		rc = take(s, who, client, questionnaires[i].pack, questionnaires[i].levels,
			  questionnaires[i].n, e);
	demo_cv(birth.y, &cv);
	if (rc || (rc = stored_career_packs(s, &a, &cp, e)) ||
	    (rc = cv_record(s, who, client, buf_str(&cv), &cp.vocab, NULL, e)) ||
	    (rc = prognosis_for_client(s, who, NULL, client, today, &pm, e)) ||
	    (rc = consents(s, who, client, e)) ||
	    (rc = judge(s, who, client, date_years(birth, day), &pm, e)) ||
	    (rc = advise(s, who, client, e)) || (rc = plan(s, who, client, day, e)))
		goto out;
	rc = jobcoach(s, who, client, e);
out:
	prognosis_made_free(&pm);
	buf_free(&cv);
	arena_free(&a);
	return rc;
}
