/* The instrument catalogue in the database (docs/store.md, "Catalogue"):
 * replaced whole, read whole (for export and matching), searched with full
 * text and facets, counted.
 *
 * The catalogue travels as the engine's plain data structs
 * (engine/catalogue.h): the store reads and writes their fields and calls no
 * engine code. Validation (cat_validate) is the caller's job and happens
 * before store_catalogue_replace; the schema's constraints are a second
 * line, not the rules. */
#ifndef IPM_STORE_STORE_CATALOGUE_H
#define IPM_STORE_STORE_CATALOGUE_H

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "engine/catalogue.h"
#include "store/store.h"

#include <stddef.h>
#include <stdint.h>

/* Replaces the whole catalogue with `c` in one transaction, with one audit
 * row (action update, entity catalogue, entity id the new generation) for
 * `who`. On any error nothing has changed. */
int store_catalogue_replace(struct store *s, const struct store_actor *who,
			    const struct catalogue *c, struct err *e);

/* The whole catalogue, every list in its stored order, strings and arrays in
 * the arena. An empty catalogue (never imported) is IPM_OK with all counts 0. */
int store_catalogue_load(struct store *s, struct catalogue *out, struct arena *a,
			 struct err *e);

struct store_cat_counts {
	int64_t generation; /* 0 = never imported; +1 at every replace */
	size_t organisations, providers, target_groups, regions, gemeenten, wijken, addresses;
	size_t instruments;
	size_t published;   /* instruments published on the day asked for */
};

/* How many records of each kind, and how many instruments are published
 * on `on` (the same rule as cat_is_published). */
int store_catalogue_counts(struct store *s, struct date on, struct store_cat_counts *out,
			   struct err *e);

/* --- search ------------------------------------------------------------- */

/* The facets. Within one facet the chosen values are alternatives (OR),
 * between facets they all apply (AND). */
enum store_cat_facet {
	STORE_CAT_TILE,         /* Eva tile code */
	STORE_CAT_KLANTKENMERK, /* a code; a parent ("5") also matches its children ("5.3") */
	STORE_CAT_FORM,         /* uitvoeringsvorm code */
	STORE_CAT_TARGET_GROUP, /* target group id, or STORE_CAT_EVERYONE */
	STORE_CAT_REGION,       /* region id: available there (see docs/store.md) */
	STORE_CAT_GEMEENTE,     /* gemeente id: available there */
	STORE_CAT_WIJK,         /* wijk id: available there */
	STORE_CAT_SETTING,      /* "groep" or "individueel" */
	STORE_CAT_NFACETS
};

/* "tile", "klantkenmerk", "uitvoeringsvorm", "doelgroep", "regio",
 * "gemeente", "wijk", "vorm". */
extern const char *const store_cat_facet_names[STORE_CAT_NFACETS];

/* The target-group value of instruments without a target group (Eva: for
 * everyone). Not a possible id ([a-z0-9][a-z0-9-]*). */
#define STORE_CAT_EVERYONE "-"

/* Total duration is compared in days: uren / 24, dagen, weken x 7,
 * maanden x 365.25 / 12. */
#define STORE_CAT_DAYS_PER_MONTH (365.25 / 12.0)

struct store_cat_query {
	/* Words, all of which must occur (stemmed, in name, summary, goal or
	 * method); "a phrase in quotes" must occur as written; a word ending
	 * in * is a prefix. Any other character is part of a word. NULL or
	 * blank: no text condition, results by name. */
	const char *text;
	struct cat_strs facets[STORE_CAT_NFACETS];
	/* Ranges, inclusive; NaN = open. An instrument without a cost or a
	 * duration does not pass a range on it. */
	double cost_min, cost_max;
	double days_min, days_max;
	struct date published_on; /* DATE_NONE: published or not */
	size_t offset, limit;     /* the page; limit 0 = STORE_CAT_PAGE */
	/* Marks around the matched words in snippets; NULL = "[" and "]". */
	const char *mark_open, *mark_close;
};

#define STORE_CAT_PAGE 10
#define STORE_CAT_PAGE_MAX 1000

/* The query with nothing chosen: no text, every range open. */
void store_cat_query_init(struct store_cat_query *q);

struct store_cat_hit {
	const char *id, *name;
	const char *snippet; /* from the best-matching column, words marked; the summary without text */
	double score;        /* bm25 as FTS5 ranks it (lower is better); 0 without text */
};

struct store_cat_facet_count {
	const char *code;
	size_t count; /* matching instruments that also have this value */
};

struct store_cat_result {
	size_t total; /* every instrument that matches */
	const struct store_cat_hit *hits;
	size_t n_hits;
	/* Per facet every value the catalogue has (codes as used by its
	 * instruments plus the parents of klantkenmerken; every record of the
	 * geographic lists and the target groups, plus STORE_CAT_EVERYONE), in
	 * natural code order, with its count over all matching instruments:
	 * the number of results that choosing that value as well would give. */
	struct {
		const struct store_cat_facet_count *v;
		size_t n;
	} facets[STORE_CAT_NFACETS];
};

/* Results ranked by bm25 (ties by catalogue order), or by name and id
 * without text. The connection keeps an index of the facets in memory,
 * rebuilt when the catalogue's generation changes; everything is read in
 * one snapshot. Strings live in the arena. */
int store_catalogue_search(struct store *s, const struct store_cat_query *q,
			   struct store_cat_result *out, struct arena *a, struct err *e);

#endif
