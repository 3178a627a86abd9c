/* Shared by src/store/sqlite.c and the catalogue's sqlite_catalogue*.c files
 * only: the Dutch full-text tokenizer every connection gets, and the
 * per-connection search index (docs/store.md, "Catalogue search"). */
#ifndef IPM_STORE_SQLITE_CATALOGUE_INTERNAL_H
#define IPM_STORE_SQLITE_CATALOGUE_INTERNAL_H

#include "core/err.h"
#include "store/sqlite_internal.h"

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

/* The FTS5 tokenizer "ipm_nl": unicode61 with remove_diacritics 2 (case
 * folded, accents removed, split on anything that is not a letter or a
 * digit), each token then stemmed by stem_nl, with the offsets of the
 * original word so that snippets mark the words as written. Query tokens
 * are stemmed the same way, except the prefix of a prefix query ("schuld*").
 * Registered on every connection by db_connect: the table cat_fts cannot be
 * created or read without it. */
int fts_nl_register(sqlite3 *db, struct err *e);

/* bm25 weights of cat_fts's columns name, summary, goal, method: the same
 * as its rank (migration 0003), used by ipm_bm25 (sqlite_fts_nl.c), which
 * fts_nl_register also registers: ipm_bm25(cat_fts, doclen) ranks like
 * `rank` with row lengths from memory (a pointer "ipm_doclen" to a struct
 * doclen_ptr) instead of one table lookup per row. */
#define CAT_FTS_WEIGHTS { 4.0, 2.0, 1.0, 1.0 }

struct doclen_ptr {
	const uint32_t *len; /* total tokens of row seq at len[seq - 1] */
	size_t n;
};

/* Runs fn in a read transaction (deferred BEGIN: one snapshot, no write
 * lock), or inside the transaction already open. */
int cat_read_tx(struct store *s, const char *op, tx_fn fn, void *ctx, struct err *e);

/* The search index a connection keeps (sqlite_catalogue_search.c), in
 * struct store: freed (its statements finalized) before the connection
 * closes; marked stale by store_catalogue_replace on the same connection
 * (other connections see the new generation in cat_state). */
struct cat_index;
void cat_index_free(struct cat_index *ix);
void cat_index_invalidate(struct store *s);

#endif
