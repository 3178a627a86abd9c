/* Catalogue search at scale (docs/performance.md, "Catalogue search"): N
 * generated instruments (default 100,000; deterministic, Dutch texts drawn
 * from a vocabulary of the domain with a skewed word frequency) are stored
 * with store_catalogue_replace, then each of several realistic searches —
 * text plus facets, published on a day, with facet counts over the whole
 * matching set and snippets for a page of 10 — is timed many times.
 *
 * Reference, same run, same database: the search's text alone run directly
 * in SQLite FTS5 (`MATCH ? ORDER BY rank LIMIT 10`, same tokenizer), which
 * counts nothing, filters nothing and makes no snippets. The ratio is what
 * the facets, the counts and the snippets cost on top of FTS5's ranking.
 * Facet-only searches have no FTS5 equivalent (no ratio).
 *
 * Matching one client: match_run (engine/match.h) on the catalogue loaded
 * from the store, for needs "schulden" and "taalniveau"; and the load
 * itself, which a caller pays when it does not keep the catalogue.
 *
 * usage: bench_catalogue [N [RUNS]]   (from the repository root: reads data/packs) */
#include "core/arena.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "engine/match.h"
#include "pack/match_build.h"
#include "pack/pack.h"
#include "store/sqlite_catalogue_internal.h"
#include "store/store_catalogue.h"

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

_Noreturn static void die(const char *what, const char *msg)
{
	fprintf(stderr, "bench_catalogue: %s: %s\n", what, msg);
	exit(1);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- generating a catalogue -------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static uint64_t rng(void)
{
	uint64_t x = rng_state; /* xorshift64* */
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545f4914f6cdd1du;
}

static double unif(void)
{
	return (double)(rng() >> 11) / 9007199254740992.0;
}

static size_t pick(size_t n)
{
	return (size_t)(unif() * (double)n);
}

/* Catalogue text is topical: an instrument about debts says "schulden",
 * one about language "taal". So each instrument has a topic; a word is
 * common (drawn with a skew: a few very frequent), from its own topic, or
 * now and then from another topic. */
static const char *const common[] = {
	"je", "werk", "hulp", "traject", "training", "coach", "groep", "week", "samen", "leren",
	"doel", "stap", "ervaring", "plan", "vaardigheden", "gemeente", "krijgt", "maakt",
	"werkt", "leert", "oefent", "kiest", "bespreekt", "persoonlijk", "praktisch", "eigen",
	"nieuwe", "eerste", "vaste", "korte", "lange", "kleine", "intensief", "flexibel",
	"gratis", "bijeenkomst", "workshop", "thuis", "afspraken", "advies",
};
#define NCOMMON (sizeof common / sizeof common[0])
#define NTOPIC_WORDS 10
static const char *const topics[][NTOPIC_WORDS] = {
	{ "schulden", "geld", "budget", "schuldhulp", "inkomen", "uitkering", "financieel",
	  "betalingsachterstanden", "rekeningen", "administratie" },
	{ "taal", "nederlands", "lezen", "schrijven", "spreken", "rekenen", "digitaal", "computer",
	  "taalcursus", "inburgering" },
	{ "sollicitatie", "solliciteren", "brief", "cv", "vacature", "gesprek", "presentatie",
	  "netwerken", "zoeken", "vinden" },
	{ "gezondheid", "psychisch", "lichamelijk", "klachten", "stress", "energie", "sport",
	  "bewegen", "voeding", "fitness" },
	{ "werkervaring", "leerwerkplek", "stage", "praktijk", "werkgever", "collega", "team",
	  "rooster", "contract", "uren" },
	{ "opleiding", "cursus", "diploma", "certificaat", "vakmanschap", "examen", "mbo",
	  "scholing", "praktijkverklaring", "leerbedrijf" },
	{ "loopbaan", "keuze", "beroep", "interesse", "talent", "competenties", "test",
	  "vragenlijst", "onderzoek", "perspectief" },
	{ "motivatie", "zelfvertrouwen", "vertrouwen", "regie", "keuzes", "toekomst", "doelen",
	  "structuur", "dagritme", "activering" },
	{ "vervoer", "fiets", "rijbewijs", "kinderopvang", "huisvesting", "wonen", "kleding",
	  "gereedschap", "materiaal", "reiskosten" },
	{ "netwerk", "maatje", "mentor", "vrijwilligerswerk", "vrijwilliger", "buurt", "wijk",
	  "sociaal", "contacten", "participatie" },
	{ "jobcoach", "jobcoaching", "begeleiding", "nazorg", "plaatsing", "werkplek", "aanpassing",
	  "werkproces", "loonkostensubsidie", "inwerken" },
	{ "techniek", "logistiek", "schoonmaak", "horeca", "detailhandel", "productie", "bouw",
	  "groen", "zorg", "klantcontact" },
};
#define NTOPICS (sizeof topics / sizeof topics[0])

static size_t topic; /* of the instrument being generated */

static void sentence(struct buf *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double u = unif();
		if (i)
			buf_putc(b, ' ');
		if (u < 0.65) {
			double v = unif();
			buf_puts(b, common[(size_t)((double)NCOMMON * v * v)]);
		} else if (u < 0.95) {
			buf_puts(b, topics[topic][pick(NTOPIC_WORDS)]);
		} else {
			buf_puts(b, topics[pick(NTOPICS)][pick(NTOPIC_WORDS)]);
		}
	}
	buf_putc(b, '.');
}

static const char *text(struct arena *a, size_t n)
{
	struct buf b = BUF_INIT;
	sentence(&b, n);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

static const char *const tiles[] = { "melding", "diagnostiek", "orientatie",
				     "maatschappelijk-fit", "werk-fit", "opleiden",
				     "bemiddeling", "plaatsing", "nazorg" };
static const char *const kks[] = { "1", "2", "3", "4", "5.1", "5.2", "5.3", "6", "7",
				   "8.1", "8.2", "9", "10.1", "10.2" };
static const char *const forms[] = { "scholing", "vrijwilligerswerk", "bemiddeling", "coaching",
				     "leerwerktraject", "materiele-ondersteuning", "onderzoek",
				     "opleiding", "subsidie-voucher", "tolken-vertalen",
				     "verwijzing", "vragenlijst" };
static const char *const kinds[] = {
	"sancties", "financiele-prikkels", "zelfvertrouwen", "sociale-waardering", "zingeving",
	"specialistische-hulp", "persoonlijke-verzorging", "fitness", "maatschappelijke-hulp",
	"schuldsanering", "huisvesting", "kinderopvang", "vervoer", "loopbaanorientatie",
	"beroepskeuzetest", "competentieprofiel", "zoektraining", "sollicitatietraining",
	"presentatietraining", "netwerktraining", "work-first", "werkervaringsplaats",
	"stage-leerwerktraject", "scholing", "taalcursus", "netwerken", "vacaturejacht",
	"matching", "intensieve-bemiddeling", "subsidie", "aanpassing-werkplek",
	"aanpassing-werkproces", "jobcoaching",
};

#define N_PROVIDERS 20
#define N_GROUPS 10
#define N_REGIONS 5
#define N_GEMEENTEN 40
#define N_WIJKEN 200

static const char *id(struct arena *a, const char *prefix, size_t i)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s-%zu", prefix, i);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* k distinct entries of list[0..n) */
static struct cat_strs some(struct arena *a, const char *const *list, size_t n, size_t k)
{
	const char **v = arena_array(a, k ? k : 1, sizeof *v);
	size_t got = 0;
	while (got < k) {
		const char *c = list[pick(n)];
		bool dup = false;
		for (size_t j = 0; j < got; j++)
			dup |= v[j] == c;
		if (!dup)
			v[got++] = c;
	}
	return (struct cat_strs){ v, k };
}

static void generate(struct catalogue *c, size_t n, struct arena *a)
{
	struct cat_organisation *org = arena_alloc(a, sizeof *org);
	*org = (struct cat_organisation){ "org-1", "Gemeente Bench", "gemeente" };
	struct cat_provider *prov = arena_array(a, N_PROVIDERS, sizeof *prov);
	const char **prov_ids = arena_array(a, N_PROVIDERS, sizeof *prov_ids);
	for (size_t i = 0; i < N_PROVIDERS; i++)
		prov[i] = (struct cat_provider){ .id = prov_ids[i] = id(a, "prov", i),
						 .name = text(a, 2) };
	struct cat_target_group *tg = arena_array(a, N_GROUPS, sizeof *tg);
	const char **tg_ids = arena_array(a, N_GROUPS, sizeof *tg_ids);
	for (size_t i = 0; i < N_GROUPS; i++)
		tg[i] = (struct cat_target_group){ .id = tg_ids[i] = id(a, "tg", i),
						   .name = text(a, 2) };
	struct cat_region *reg = arena_array(a, N_REGIONS, sizeof *reg);
	const char **reg_ids = arena_array(a, N_REGIONS, sizeof *reg_ids);
	for (size_t i = 0; i < N_REGIONS; i++)
		reg[i] = (struct cat_region){ reg_ids[i] = id(a, "reg", i), text(a, 2) };
	struct cat_gemeente *gem = arena_array(a, N_GEMEENTEN, sizeof *gem);
	const char **gem_ids = arena_array(a, N_GEMEENTEN, sizeof *gem_ids);
	for (size_t i = 0; i < N_GEMEENTEN; i++)
		gem[i] = (struct cat_gemeente){ .id = gem_ids[i] = id(a, "gem", i),
						.name = text(a, 1), .region = reg_ids[i % N_REGIONS] };
	struct cat_wijk *wijk = arena_array(a, N_WIJKEN, sizeof *wijk);
	const char **wijk_ids = arena_array(a, N_WIJKEN, sizeof *wijk_ids);
	for (size_t i = 0; i < N_WIJKEN; i++)
		wijk[i] = (struct cat_wijk){ .id = wijk_ids[i] = id(a, "wijk", i),
					     .name = text(a, 1), .gemeente = gem_ids[i % N_GEMEENTEN] };

	struct cat_instrument *in = arena_array(a, n, sizeof *in);
	for (size_t i = 0; i < n; i++) {
		struct cat_instrument *x = &in[i];
		topic = pick(NTOPICS);
		x->id = id(a, "instr", i);
		x->organisation = org->id;
		x->provider = prov_ids[pick(N_PROVIDERS)];
		x->name = text(a, 2 + pick(3));
		x->publish = unif() < 0.9;
		if (unif() < 0.2) { /* a window around the measured day */
			x->publish_from = (struct date){ 2025, 1 + (int)pick(12), 1 };
			x->publish_until = (struct date){ 2026 + (int)pick(2), 1 + (int)pick(12), 28 };
		}
		x->summary = text(a, 15 + pick(25));
		x->goal = text(a, 6 + pick(10));
		x->method = text(a, 15 + pick(30));
		x->forms = some(a, forms, 12, 1 + pick(2));
		x->tiles = some(a, tiles, 9, 1 + pick(2));
		x->klantkenmerken = some(a, kks, 14, 1 + pick(3));
		x->sol_kinds = some(a, kinds, 33, pick(3));
		x->group = unif() < 0.5;
		x->individual = !x->group || unif() < 0.5;
		if (unif() < 0.8) {
			x->has_duration = true;
			x->duration = 1 + (double)pick(40);
			x->duration_unit = (enum cat_duration_unit)(CAT_UREN + (int)pick(4));
		}
		if (unif() < 0.8) {
			x->has_cost = true;
			x->cost_eur = (double)(pick(60) * 50);
		}
		if (unif() < 0.4)
			x->target_groups = some(a, tg_ids, N_GROUPS, 1);
		double g = unif();
		if (g < 0.3)
			; /* everywhere */
		else if (g < 0.5)
			x->regions = some(a, reg_ids, N_REGIONS, 1);
		else if (g < 0.9)
			x->gemeenten = some(a, gem_ids, N_GEMEENTEN, 1 + pick(2));
		else
			x->wijken = some(a, wijk_ids, N_WIJKEN, 1 + pick(3));
	}
	*c = (struct catalogue){ org, 1, prov, N_PROVIDERS, tg, N_GROUPS, reg, N_REGIONS,
				 gem, N_GEMEENTEN, wijk, N_WIJKEN, NULL, 0, in, n };
}

/* --- timing -------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct stats {
	double p50, p99;
};

static struct stats percentiles(double *t, size_t n)
{
	qsort(t, n, sizeof *t, cmp_double);
	return (struct stats){ t[n / 2] * 1e3, t[(size_t)ceil(0.99 * (double)n) - 1] * 1e3 };
}

struct query {
	const char *label;
	const char *text;  /* the user's words */
	const char *fts;   /* the same as an FTS5 expression, for the reference */
	struct store_cat_query q;
};

static struct stats time_search(struct store *s, const struct store_cat_query *q, size_t runs,
				size_t *total)
{
	double *t = xcalloc(runs, sizeof *t);
	struct err e;
	for (size_t r = 0; r < runs + 10; r++) {
		struct arena a = ARENA_INIT;
		struct store_cat_result res;
		double t0 = now_s();
		if (store_catalogue_search(s, q, &res, &a, &e) != IPM_OK)
			die("search", e.msg);
		double dt = now_s() - t0;
		if (r >= 10) /* the first runs warm the caches */
			t[r - 10] = dt;
		*total = res.total;
		arena_free(&a);
	}
	struct stats st = percentiles(t, runs);
	free(t);
	return st;
}

static struct stats time_fts(sqlite3 *db, const char *expr, size_t runs)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM cat_fts WHERE cat_fts MATCH ?1"
				   " ORDER BY rank LIMIT 10", -1, &st, NULL) != SQLITE_OK)
		die("prepare", sqlite3_errmsg(db));
	double *t = xcalloc(runs, sizeof *t);
	for (size_t r = 0; r < runs + 10; r++) {
		double t0 = now_s();
		sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_reset(st);
		double dt = now_s() - t0;
		if (r >= 10)
			t[r - 10] = dt;
	}
	sqlite3_finalize(st);
	struct stats s = percentiles(t, runs);
	free(t);
	return s;
}

#define STRS(...)                                                                          \
	{ (const char *[]){ __VA_ARGS__ }, sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *) }

static void bench_matching(struct store *s, size_t runs)
{
	struct arena a = ARENA_INIT;
	struct err e;
	struct catalogue cat;
	double t0 = now_s();
	if (store_catalogue_load(s, &cat, &a, &e) != IPM_OK)
		die("load", e.msg);
	double t_load = now_s() - t0;

	struct pack *factors = NULL;
	struct match_ref ref;
	struct match_factors fs;
	if (pack_load_file("data/packs/ipm-factors.json", &factors, &e) != IPM_OK ||
	    match_ref_load("data", factors, &a, &ref, &e) != IPM_OK ||
	    match_factors_from_pack(factors, &a, &fs, &e) != IPM_OK)
		die("packs (run from the repository root)", e.msg);
	struct match_need needs[2];
	size_t n_needs = 0;
	for (size_t k = 0; k < fs.n; k++)
		if (strcmp(fs.v[k].id, "schulden") == 0 || strcmp(fs.v[k].id, "taalniveau") == 0)
			needs[n_needs++] = (struct match_need){
				.factor = fs.v[k].id, .label_nl = fs.v[k].label_nl, .rating = -2,
				.weight = 1.0, .influence = fs.v[k].influence,
				.klantkenmerken = fs.v[k].klantkenmerken, .sol_goals = fs.v[k].sol_goals };
	struct match_client cl = { .needs = needs, .n_needs = n_needs,
				   .target_groups = STRS("tg-3"), .gemeente = "gem-7",
				   .today = { 2026, 6, 1 } };
	double *t = xcalloc(runs, sizeof *t);
	size_t found = 0;
	for (size_t r = 0; r < runs + 3; r++) {
		struct arena ra = ARENA_INIT;
		struct match_result res;
		double t1 = now_s();
		if (match_run(&cl, &cat, &ref.ref, 20, &res, &ra, &e) != IPM_OK)
			die("match", e.msg);
		double dt = now_s() - t1;
		if (r >= 3)
			t[r - 3] = dt;
		found = res.n_instruments;
		arena_free(&ra);
	}
	struct stats m = percentiles(t, runs);
	printf("\nmatching one client (needs schulden, taalniveau; %zu instruments returned):\n",
	       found);
	printf("  match_run on the loaded catalogue   p50 %8.3f ms   p99 %8.3f ms\n", m.p50, m.p99);
	printf("  store_catalogue_load (once)         %8.1f ms\n", t_load * 1e3);
	free(t);
	pack_free(factors);
	arena_free(&a);
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 100000;
	size_t runs = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 500;
	if (n == 0 || runs < 10)
		die("usage", "bench_catalogue [N [RUNS >= 10]]");
	char dir[] = "/tmp/ipm-bench-cat-XXXXXX";
	if (!mkdtemp(dir))
		die("mkdtemp", "failed");
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/ipm.db", dir);

	struct store *s;
	struct err e;
	int version;
	if (store_open(path.data, &s, &e) != IPM_OK || store_migrate(s, &version, &e) != IPM_OK)
		die("store", e.msg);
	struct arena gen = ARENA_INIT;
	struct catalogue c;
	generate(&c, n, &gen);
	const struct store_actor sys = { 0 };
	double t0 = now_s();
	if (store_catalogue_replace(s, &sys, &c, &e) != IPM_OK)
		die("replace", e.msg);
	double t_replace = now_s() - t0;
	arena_free(&gen);

	struct store_cat_query first;
	store_cat_query_init(&first);
	size_t total;
	t0 = now_s();
	time_search(s, &first, 10, &total);
	double t_build = now_s() - t0;

	const struct date day = { 2026, 6, 1 };
	struct query qs[6];
	for (size_t k = 0; k < 6; k++) {
		store_cat_query_init(&qs[k].q);
		qs[k].q.published_on = day;
	}
	qs[0].label = "schulden";
	qs[0].text = "schulden";
	qs[0].fts = "\"schulden\"";
	qs[1].label = "taal + kk 6 + gemeente";
	qs[1].text = "taal";
	qs[1].fts = "\"taal\"";
	qs[1].q.facets[STORE_CAT_KLANTKENMERK] = (struct cat_strs)STRS("6");
	qs[1].q.facets[STORE_CAT_GEMEENTE] = (struct cat_strs)STRS("gem-7");
	qs[2].label = "sollicitatie brief + tile";
	qs[2].text = "sollicitatie brief";
	qs[2].fts = "\"sollicitatie\" \"brief\"";
	qs[2].q.facets[STORE_CAT_TILE] = (struct cat_strs)STRS("bemiddeling", "plaatsing");
	qs[3].label = "werk (common) + groep";
	qs[3].text = "werk";
	qs[3].fts = "\"werk\"";
	qs[3].q.facets[STORE_CAT_SETTING] = (struct cat_strs)STRS("groep");
	qs[4].label = "jobcoach* + cost + days";
	qs[4].text = "jobcoach*";
	qs[4].fts = "\"jobcoach\"*";
	qs[4].q.cost_max = 1000;
	qs[4].q.days_max = 90;
	qs[5].label = "no text: kk 5 + doelgroep + wijk";
	qs[5].q.facets[STORE_CAT_KLANTKENMERK] = (struct cat_strs)STRS("5");
	qs[5].q.facets[STORE_CAT_TARGET_GROUP] = (struct cat_strs)STRS("tg-3", STORE_CAT_EVERYONE);
	qs[5].q.facets[STORE_CAT_WIJK] = (struct cat_strs)STRS("wijk-17");

	sqlite3 *raw;
	if (sqlite3_open(path.data, &raw) != SQLITE_OK || fts_nl_register(raw, &e) != IPM_OK)
		die("reference connection", sqlite3_errmsg(raw));

	printf("catalogue search, %zu instruments, %zu runs per query, published on %04d-%02d-%02d\n",
	       n, runs, day.y, day.m, day.d);
	printf("  store_catalogue_replace %.2f s; facet index built on first search %.0f ms\n\n",
	       t_replace, t_build * 1e3);
	printf("  %-34s %8s %9s %9s %9s %9s %7s %7s\n", "query", "matches", "p50 ms", "p99 ms",
	       "fts5 p50", "fts5 p99", "x p50", "x p99");
	for (size_t k = 0; k < 6; k++) {
		qs[k].q.text = qs[k].text;
		struct stats st = time_search(s, &qs[k].q, runs, &total);
		if (qs[k].fts) {
			struct stats ref = time_fts(raw, qs[k].fts, runs);
			printf("  %-34s %8zu %9.3f %9.3f %9.3f %9.3f %7.2f %7.2f\n", qs[k].label, total,
			       st.p50, st.p99, ref.p50, ref.p99, st.p50 / ref.p50, st.p99 / ref.p99);
		} else {
			printf("  %-34s %8zu %9.3f %9.3f %9s %9s %7s %7s\n", qs[k].label, total, st.p50,
			       st.p99, "-", "-", "-", "-");
		}
	}
	sqlite3_close(raw);
	bench_matching(s, runs < 50 ? runs : 50);
	store_close(s);

	const char *suffix[] = { "", "-wal", "-shm" };
	for (size_t k = 0; k < 3; k++) {
		struct buf f = BUF_INIT;
		buf_printf(&f, "%s%s", path.data, suffix[k]);
		unlink(f.data);
		buf_free(&f);
	}
	rmdir(dir);
	buf_free(&path);
	return 0;
}
