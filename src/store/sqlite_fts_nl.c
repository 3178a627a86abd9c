/* What every connection registers for the catalogue's full text
 * (sqlite_catalogue_internal.h): the tokenizer "ipm_nl" and the ranking
 * function "ipm_bm25".
 *
 * The tokenizer: SQLite's own unicode61 does the splitting, case folding and
 * accent removal; this wrapper stems each token it delivers and, when it
 * indexes a document, adds the stems of a compound's parts at the same
 * position (core/compound_nl.h). Wrapping instead of writing a tokenizer
 * keeps Unicode handling where SQLite maintains it. */
#include "store/sqlite_catalogue_internal.h"

#include "core/compound_nl.h"
#include "core/stem_nl.h"
#include "core/xalloc.h"

#include <math.h>
#include <string.h>

/* What the module needs to make its inner unicode61 tokenizers, and the
 * compound lexicon documents are indexed with: per connection, freed when
 * the connection drops the module. */
struct nl_module {
	fts5_tokenizer inner;
	void *inner_ctx;
	struct compound_nl lex;
};

struct nl_tokenizer {
	struct nl_module *mod;
	Fts5Tokenizer *inner;
};

/* The caller's token callback, for the wrapper callback to pass on to. */
struct nl_call {
	struct nl_module *mod;
	void *ctx;
	int (*x_token)(void *ctx, int tflags, const char *token, int n, int start, int end);
	int flags;
};

static int nl_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	struct nl_module *mod = ctx;
	(void)argv;
	*out = NULL;
	if (argc != 0) /* the options are fixed: one tokenizer for index and queries */
		return SQLITE_ERROR;
	static const char *const inner_args[] = { "remove_diacritics", "2" };
	Fts5Tokenizer *inner = NULL;
	int rc = mod->inner.xCreate(mod->inner_ctx, (const char **)inner_args, 2, &inner);
	if (rc != SQLITE_OK)
		return rc;
	struct nl_tokenizer *t = xcalloc(1, sizeof *t);
	t->mod = mod;
	t->inner = inner;
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void nl_delete(Fts5Tokenizer *tok)
{
	struct nl_tokenizer *t = (struct nl_tokenizer *)tok;
	if (!t)
		return;
	t->mod->inner.xDelete(t->inner);
	free(t);
}

static int nl_token(void *ctx, int tflags, const char *token, int n, int start, int end)
{
	const struct nl_call *call = ctx;
	/* The prefix of "schuld*" is matched against stored stems as it is:
	 * stemming it would cut "schulden*" to "schuld*" (harmless) but also
	 * "werke*" to "werk*" (broader than asked). */
	if (n <= 0 || n > STEM_NL_MAX || (call->flags & FTS5_TOKENIZE_PREFIX))
		return call->x_token(call->ctx, tflags, token, n, start, end);
	char w[STEM_NL_MAX];
	memcpy(w, token, (size_t)n);
	size_t len = stem_nl_norm(w, (size_t)n);
	int rc = call->x_token(call->ctx, tflags, w, (int)len, start, end);
	/* Only documents get the parts: a query for "taalcursus" asks for the
	 * compound, not for taal or cursus; snippets (AUX) skip colocated
	 * tokens anyway. */
	if (rc != SQLITE_OK || !(call->flags & FTS5_TOKENIZE_DOCUMENT))
		return rc;
	const uint32_t *parts;
	size_t n_parts;
	compound_nl_split(&call->mod->lex, token, (size_t)n, &parts, &n_parts);
	for (size_t k = 0; k < n_parts && rc == SQLITE_OK; k++) {
		size_t plen;
		const char *p = dict_key(&call->mod->lex.part_ids, parts[k], &plen);
		rc = call->x_token(call->ctx, FTS5_TOKEN_COLOCATED, p, (int)plen, start, end);
	}
	return rc;
}

static int nl_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int n,
		       int (*x_token)(void *, int, const char *, int, int, int))
{
	struct nl_tokenizer *t = (struct nl_tokenizer *)tok;
	struct nl_call call = { .mod = t->mod, .ctx = ctx, .x_token = x_token, .flags = flags };
	return t->mod->inner.xTokenize(t->inner, &call, flags, text, n, nl_token);
}

static void nl_module_free(void *p)
{
	struct nl_module *mod = p;
	compound_nl_free(&mod->lex);
	free(mod);
}

static fts5_api *fts5_api_of(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

/* --- the lexicon and direct tokenizing ------------------------------------ */

static struct nl_module *module_of(sqlite3 *db)
{
	fts5_api *api = fts5_api_of(db);
	void *ctx = NULL;
	fts5_tokenizer tok;
	if (!api || api->xFindTokenizer(api, "ipm_nl", &ctx, &tok) != SQLITE_OK)
		return NULL;
	return ctx;
}

static int count_word(void *ctx, int tflags, const char *token, int n, int start, int end)
{
	(void)tflags;
	(void)start;
	(void)end;
	compound_nl_count(ctx, token, (size_t)n);
	return SQLITE_OK;
}

static int fts_fail(struct store *s, const char *op, struct err *e)
{
	return db_fail(s->db, op, e);
}

int fts_nl_learn(struct store *s, struct err *e)
{
	const char *op = "catalogue replace: compound parts";
	struct nl_module *mod = module_of(s->db);
	if (!mod)
		return err_set(e, IPM_ESTORE, "%s: the tokenizer ipm_nl is not registered", op);
	compound_nl_free(&mod->lex);
	compound_nl_init(&mod->lex);
	static const char *const inner_args[] = { "remove_diacritics", "2" };
	Fts5Tokenizer *inner = NULL;
	if (mod->inner.xCreate(mod->inner_ctx, (const char **)inner_args, 2, &inner) != SQLITE_OK)
		return err_set(e, IPM_ESTORE, "%s: cannot create unicode61", op);
	sqlite3_stmt *st = NULL;
	int rc = IPM_OK;
	if (sqlite3_prepare_v2(s->db, "SELECT name, summary, goal, method FROM cat_instruments",
			       -1, &st, NULL) != SQLITE_OK)
		rc = fts_fail(s, op, e);
	int step = SQLITE_DONE;
	while (rc == IPM_OK && (step = sqlite3_step(st)) == SQLITE_ROW)
		for (int col = 0; col < 4; col++) {
			const char *text = (const char *)sqlite3_column_text(st, col);
			if (text)
				mod->inner.xTokenize(inner, &mod->lex, FTS5_TOKENIZE_DOCUMENT, text,
						     sqlite3_column_bytes(st, col), count_word);
		}
	if (rc == IPM_OK && step != SQLITE_DONE)
		rc = fts_fail(s, op, e);
	sqlite3_finalize(st);
	mod->inner.xDelete(inner);
	compound_nl_seal(&mod->lex);
	if (rc == IPM_OK)
		rc = db_exec(s, e, op, NULL, NULL, "DELETE FROM cat_compound_parts", "");
	for (uint32_t k = 0; rc == IPM_OK && k < mod->lex.learned.n; k++)
		rc = db_exec(s, e, op, NULL, NULL, "INSERT INTO cat_compound_parts (word) VALUES (?)", "s",
			     dict_key(&mod->lex.learned, k, NULL));
	return rc;
}

int fts_nl_open(struct store *s, struct fts_nl_tok *t, struct err *e)
{
	const char *op = "catalogue search: compound parts";
	*t = (struct fts_nl_tok){ 0 };
	struct nl_module *mod = module_of(s->db);
	if (!mod)
		return err_set(e, IPM_ESTORE, "%s: the tokenizer ipm_nl is not registered", op);
	compound_nl_free(&mod->lex);
	compound_nl_init(&mod->lex);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT word FROM cat_compound_parts ORDER BY rowid", -1, &st,
			       NULL) != SQLITE_OK)
		return fts_fail(s, op, e);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		compound_nl_add_learned(&mod->lex, (const char *)sqlite3_column_text(st, 0),
					(size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return fts_fail(s, op, e);
	Fts5Tokenizer *tok = NULL;
	if (nl_create(mod, NULL, 0, &tok) != SQLITE_OK)
		return err_set(e, IPM_ESTORE, "%s: cannot create ipm_nl", op);
	t->mod = mod;
	t->tok = tok;
	return IPM_OK;
}

int fts_nl_tokens(struct fts_nl_tok *t, int flags, const char *text, int n, void *ctx,
		  int (*x_token)(void *ctx, int tflags, const char *token, int n, int start,
				 int end))
{
	return nl_tokenize(t->tok, ctx, flags, text, n, x_token);
}

void fts_nl_close(struct fts_nl_tok *t)
{
	nl_delete(t->tok);
	*t = (struct fts_nl_tok){ 0 };
}

/* --- ranking --------------------------------------------------------------- */

/* ipm_bm25(cat_fts, doclen): FTS5's own bm25 (fts5_aux.c: k1 1.2, b 0.75,
 * IDF floored at 1e-6, per phrase the column-weighted frequency against the
 * row's total length), with the weights of CAT_FTS_WEIGHTS, so it returns
 * the same number as the table's rank. The one difference: the row's length
 * comes from `doclen` (a pointer of type "ipm_doclen", the lengths the search
 * index holds in memory) instead of a lookup in cat_fts_docsize per row,
 * which is most of what ranking costs. Without the pointer it looks up. */

static const double fts_weights[] = CAT_FTS_WEIGHTS;

struct bm25_query {
	double avgdl;
	int nphrase;
	double idf[]; /* per phrase */
};

static int count_row(const Fts5ExtensionApi *api, Fts5Context *fts, void *ctx)
{
	(void)api;
	(void)fts;
	(*(sqlite3_int64 *)ctx)++;
	return SQLITE_OK;
}

/* Once per query (kept as the function's aux data): the average row length
 * and each phrase's IDF from the number of rows that contain it. */
static int bm25_query(const Fts5ExtensionApi *api, Fts5Context *fts, struct bm25_query **out)
{
	struct bm25_query *q = api->xGetAuxdata(fts, 0);
	if (q) {
		*out = q;
		return SQLITE_OK;
	}
	int nphrase = api->xPhraseCount(fts);
	q = xcalloc(1, sizeof *q + (size_t)(nphrase > 0 ? nphrase : 1) * sizeof(double));
	q->nphrase = nphrase;
	sqlite3_int64 nrow = 0, ntok = 0;
	int rc = api->xRowCount(fts, &nrow);
	if (rc == SQLITE_OK)
		rc = api->xColumnTotalSize(fts, -1, &ntok);
	if (rc == SQLITE_OK)
		q->avgdl = nrow > 0 ? (double)ntok / (double)nrow : 1.0;
	for (int i = 0; rc == SQLITE_OK && i < nphrase; i++) {
		sqlite3_int64 nhit = 0;
		rc = api->xQueryPhrase(fts, i, &nhit, count_row);
		double idf = log(((double)nrow - (double)nhit + 0.5) / ((double)nhit + 0.5));
		q->idf[i] = idf <= 0.0 ? 1e-6 : idf;
	}
	if (rc == SQLITE_OK)
		rc = api->xSetAuxdata(fts, q, free); /* frees q itself on failure */
	else
		free(q);
	*out = rc == SQLITE_OK ? q : NULL;
	return rc;
}

static void fn_bm25(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
		    int argc, sqlite3_value **argv)
{
	struct bm25_query *q = NULL;
	int rc = bm25_query(api, fts, &q);
	double freq_stack[8], *freq = freq_stack;
	if (rc == SQLITE_OK && q->nphrase > 8)
		freq = xcalloc((size_t)q->nphrase, sizeof *freq);
	else
		memset(freq_stack, 0, sizeof freq_stack);
	int ninst = 0;
	if (rc == SQLITE_OK)
		rc = api->xInstCount(fts, &ninst);
	for (int i = 0; rc == SQLITE_OK && i < ninst; i++) {
		int phrase, col, off;
		rc = api->xInst(fts, i, &phrase, &col, &off);
		if (rc == SQLITE_OK)
			freq[phrase] += col < (int)(sizeof fts_weights / sizeof fts_weights[0])
						? fts_weights[col]
						: 1.0;
	}
	double dl = 0;
	const struct doclen_ptr *dp =
		argc > 0 ? sqlite3_value_pointer(argv[0], "ipm_doclen") : NULL;
	sqlite3_int64 row = api->xRowid(fts);
	if (dp && row >= 1 && (size_t)row <= dp->n) {
		dl = dp->len[row - 1];
	} else if (rc == SQLITE_OK) {
		int ntok = 0;
		rc = api->xColumnSize(fts, -1, &ntok);
		dl = ntok;
	}
	const double k1 = 1.2, b = 0.75;
	double score = 0;
	for (int i = 0; rc == SQLITE_OK && i < q->nphrase; i++)
		score += q->idf[i] * (freq[i] * (k1 + 1.0)) /
			 (freq[i] + k1 * (1 - b + b * dl / q->avgdl));
	if (freq != freq_stack)
		free(freq);
	if (rc == SQLITE_OK)
		sqlite3_result_double(ctx, -score);
	else
		sqlite3_result_error_code(ctx, rc);
}

int fts_nl_register(sqlite3 *db, struct err *e)
{
	fts5_api *api = fts5_api_of(db);
	if (!api || api->iVersion < 2)
		return err_set(e, IPM_ESTORE, "store settings: this SQLite has no FTS5");
	struct nl_module *mod = xcalloc(1, sizeof *mod);
	if (api->xFindTokenizer(api, "unicode61", &mod->inner_ctx, &mod->inner) != SQLITE_OK) {
		free(mod);
		return err_set(e, IPM_ESTORE, "store settings: FTS5 has no unicode61 tokenizer");
	}
	compound_nl_init(&mod->lex);
	static fts5_tokenizer nl = { nl_create, nl_delete, nl_tokenize };
	/* The only failure is out of memory, before SQLite has taken `mod`. */
	if (api->xCreateTokenizer(api, "ipm_nl", mod, &nl, nl_module_free) != SQLITE_OK) {
		compound_nl_free(&mod->lex);
		free(mod);
		return err_set(e, IPM_ESTORE, "store settings: cannot register the tokenizer ipm_nl");
	}
	if (api->xCreateFunction(api, "ipm_bm25", NULL, fn_bm25, NULL) != SQLITE_OK)
		return err_set(e, IPM_ESTORE, "store settings: cannot register ipm_bm25");
	return IPM_OK;
}
