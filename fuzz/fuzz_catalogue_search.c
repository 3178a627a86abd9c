/* libFuzzer target for the catalogue search's text (store_catalogue_search):
 * any bytes as the user's words — quotes, stars, FTS5 operators, bytes that
 * are not UTF-8, long words for the stemmer — over a small stored
 * catalogue. Every search must succeed (no text is an error), return at
 * most the catalogue, and keep its hits inside the total. The first input
 * byte also picks the page, so the ranking's heap runs at every size. */
#include "core/buf.h"
#include "core/stem_nl.h"
#include "store/store_catalogue.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define STRS(...)                                                                          \
	{ (const char *[]){ __VA_ARGS__ }, sizeof((const char *[]){ __VA_ARGS__ }) / sizeof(char *) }

static const struct cat_organisation org = { "o", "O", "gemeente" };
static const struct cat_provider prov = { "p", "P", NULL, NULL, NULL };
static const struct cat_instrument ins[] = {
	{ .id = "a", .organisation = "o", .provider = "p", .name = "Schuldhulp en budgetcafé",
	  .publish = true, .summary = "Je krijgt hulp bij schulden, \"rekeningen\" en geld.",
	  .goal = "Overzicht.", .method = "Gesprekken * en NEAR(trainingen) OR - vragen.",
	  .forms = STRS("f"), .tiles = STRS("t"), .klantkenmerken = STRS("5.3"), .individual = true },
	{ .id = "b", .organisation = "o", .provider = "p", .name = "Taalcursus",
	  .publish = true, .summary = "Lezen, schrijven en spreken in het Nederlands.",
	  .goal = "Taal.", .method = "Lessen.", .forms = STRS("f"), .tiles = STRS("t"),
	  .klantkenmerken = STRS("6"), .group = true },
};
static const struct catalogue cat = { .organisations = &org, .n_organisations = 1,
				      .providers = &prov, .n_providers = 1, .instruments = ins,
				      .n_instruments = 2 };

static struct store *store;
static char dir[] = "/tmp/ipm-fuzz-search-XXXXXX";

static void remove_store(void)
{
	store_close(store);
	const char *const files[] = { "ipm.db", "ipm.db-wal", "ipm.db-shm" };
	for (size_t k = 0; k < 3; k++) {
		struct buf f = BUF_INIT;
		buf_printf(&f, "%s/%s", dir, files[k]);
		unlink(f.data);
		buf_free(&f);
	}
	rmdir(dir);
}

static struct store *store_once(void)
{
	if (store)
		return store;
	if (!mkdtemp(dir))
		__builtin_trap();
	atexit(remove_store);
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s/ipm.db", dir);
	struct err e;
	int version;
	const struct store_actor sys = { 0 };
	if (store_open(path.data, &store, &e) || store_migrate(store, &version, &e) ||
	    store_catalogue_replace(store, &sys, &cat, &e))
		__builtin_trap();
	buf_free(&path);
	return store; /* kept for the whole run, removed at exit */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct store *s = store_once();
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0'; /* a NUL inside ends the text, as it would from C */
	struct store_cat_query q;
	store_cat_query_init(&q);
	q.text = text;
	q.limit = size ? 1 + data[0] % 3 : 0;
	q.offset = size ? data[0] / 64 : 0;
	struct store_cat_result r;
	struct arena a = ARENA_INIT;
	struct err e;
	if (store_catalogue_search(s, &q, &r, &a, &e) != IPM_OK || r.total > 2 ||
	    r.n_hits > r.total || (r.n_hits && !r.hits[0].id))
		__builtin_trap();
	arena_free(&a);

	/* the stemmer alone, on the raw bytes: never longer, never past them */
	char w[STEM_NL_MAX + 1];
	size_t n = size < sizeof w ? size : sizeof w;
	memcpy(w, data, n);
	if (stem_nl(w, n) > n)
		__builtin_trap();
	free(text);
	return 0;
}
