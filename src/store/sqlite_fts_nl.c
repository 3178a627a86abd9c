/* The FTS5 tokenizer "ipm_nl" (sqlite_catalogue_internal.h): SQLite's own
 * unicode61 does the splitting, case folding and accent removal; this
 * wrapper stems each token it delivers. Wrapping instead of writing a
 * tokenizer keeps Unicode handling where SQLite maintains it. */
#include "store/sqlite_catalogue_internal.h"

#include "core/stem_nl.h"
#include "core/xalloc.h"

#include <string.h>

/* What the module needs to make its inner unicode61 tokenizers: found once
 * per connection, freed when the connection drops the module. */
struct nl_module {
	fts5_tokenizer inner;
	void *inner_ctx;
};

struct nl_tokenizer {
	const struct nl_module *mod;
	Fts5Tokenizer *inner;
};

/* The caller's token callback, for the wrapper callback to pass on to. */
struct nl_call {
	void *ctx;
	int (*x_token)(void *ctx, int tflags, const char *token, int n, int start, int end);
	int flags;
};

static int nl_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	const struct nl_module *mod = ctx;
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
	size_t len = stem_nl(w, (size_t)n);
	return call->x_token(call->ctx, tflags, w, (int)len, start, end);
}

static int nl_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int n,
		       int (*x_token)(void *, int, const char *, int, int, int))
{
	struct nl_tokenizer *t = (struct nl_tokenizer *)tok;
	struct nl_call call = { .ctx = ctx, .x_token = x_token, .flags = flags };
	return t->mod->inner.xTokenize(t->inner, &call, flags, text, n, nl_token);
}

static void nl_module_free(void *p)
{
	free(p);
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
	static fts5_tokenizer nl = { nl_create, nl_delete, nl_tokenize };
	/* The only failure is out of memory, before SQLite has taken `mod`. */
	if (api->xCreateTokenizer(api, "ipm_nl", mod, &nl, nl_module_free) != SQLITE_OK) {
		free(mod);
		return err_set(e, IPM_ESTORE, "store settings: cannot register the tokenizer ipm_nl");
	}
	return IPM_OK;
}
