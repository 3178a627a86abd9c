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

/* Compound parts (core/compound_nl.h): the lexicon a connection's ipm_nl
 * indexes documents with is the fixed word list plus the words learned from
 * the catalogue, stored in cat_compound_parts so that every connection splits
 * exactly as the index was built. fts_nl_learn (store_catalogue_replace,
 * before the index is rebuilt) learns them from cat_instruments and stores
 * them. */
int fts_nl_learn(struct store *s, struct err *e);

/* Tokenizing as FTS5 does, for the search's own index: fts_nl_open loads the
 * stored lexicon into the connection's module and makes a tokenizer;
 * fts_nl_tokens runs it (flags FTS5_TOKENIZE_DOCUMENT or _QUERY). */
struct fts_nl_tok {
	void *mod;
	Fts5Tokenizer *tok;
};
int fts_nl_open(struct store *s, struct fts_nl_tok *t, struct err *e);
int fts_nl_tokens(struct fts_nl_tok *t, int flags, const char *text, int n, void *ctx,
		  int (*x_token)(void *ctx, int tflags, const char *token, int n, int start,
				 int end));
void fts_nl_close(struct fts_nl_tok *t);

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
