/* The catalogue's full text in memory, per connection, beside the facet
 * index of sqlite_catalogue_search.c (docs/store.md, "Catalogue search").
 *
 * Built from the same tokenizer FTS5 indexes with (ipm_nl, with the stored
 * compound lexicon), so it holds what cat_fts holds: per term the
 * instruments that contain it in doc order with their column-weighted
 * frequency, and per instrument its length. A search whose words are each
 * one term runs here and gets exactly FTS5's bm25 (the same operations in
 * the same order as fts5_aux.c); phrases of several tokens and prefixes go
 * to FTS5. */
#ifndef IPM_STORE_SQLITE_CATALOGUE_TEXT_H
#define IPM_STORE_SQLITE_CATALOGUE_TEXT_H

#include "core/err.h"
#include "store/sqlite_internal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cat_text;

/* Reads cat_instruments (seq 1..n, in one read transaction). */
int cat_text_build(struct store *s, size_t n, struct cat_text **out, struct err *e);
void cat_text_free(struct cat_text *tx);

/* Tokens of instrument seq = i + 1 (what FTS5 stores in cat_fts_docsize). */
const uint32_t *cat_text_doclen(const struct cat_text *tx);

/* One word or quoted phrase of the user's text. */
struct cat_text_item {
	const char *s;
	size_t n;
	bool prefix;
};

/* The query as terms, one per FTS5 phrase in order. */
struct cat_text_query {
	uint32_t term[16];
	size_t n;
	bool absent; /* a word the catalogue does not have: nothing matches */
};

/* Whether the items can be answered here: each is one token and none is a
 * prefix, at most 16 of them. */
bool cat_text_parse(struct cat_text *tx, const struct cat_text_item *items, size_t n,
		    struct cat_text_query *q);

/* match = cand and every term; returns how many. */
size_t cat_text_match(const struct cat_text *tx, const struct cat_text_query *q,
		      const uint64_t *cand, uint64_t *match);

/* Appends to doc[]/score[] (grown as needed) matching instruments with
 * their bm25 score as FTS5 reports it (negative): at least every one that
 * can be among the best k in (score, instrument) order. */
void cat_text_hits(struct cat_text *tx, const struct cat_text_query *q, const uint64_t *match,
		   size_t k, uint32_t **doc, double **score, size_t *n, size_t *cap);

#endif
