/* The catalogue's full text in memory (sqlite_catalogue_text.h).
 *
 * bm25 as FTS5 computes it (ext/fts5/fts5_aux.c, fts5Bm25Function), with
 * the same operations in the same order so that the scores are equal, not
 * merely close: per phrase i the weighted frequency f (sum over the
 * phrase's instances of its column's weight), the row's length D in tokens,
 *   score = sum_i idf_i * ((f * (k1 + 1)) / (f + k1 * (1 - b + b * D / avgdl)))
 * summed in phrase order from 0.0, reported as -1.0 * score; idf_i =
 * log((N - n_i + 0.5) / (n_i + 0.5)), at least 1e-6, over all N rows of
 * which n_i contain the phrase; avgdl = all tokens / N. The part
 * k1 * (1 - b + b * D / avgdl) depends on the row only and is kept per row. */
#include "store/sqlite_catalogue_text.h"

#include "core/bits.h"
#include "core/dict.h"
#include "core/xalloc.h"
#include "store/sqlite_catalogue_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double K1 = 1.2, B = 0.75;

struct term {
	uint32_t *doc; /* instruments containing the term, ascending */
	float *tf;     /* their weighted frequency: sums of integer weights, exact */
	uint32_t n, cap;
	uint64_t *bits;      /* the same set as a bitmap, when more than 1 in 32 */
	uint32_t *by_impact; /* doc positions by score, best first (made on first use) */
	double idf;
};

struct cat_text {
	size_t n, nwords;
	struct dict terms;
	struct term *t;
	size_t cap;
	uint32_t *doclen;
	double *kd; /* k1 * (1 - b + b * D / avgdl) per row */
	struct fts_nl_tok tok;
};

static const double col_weight[] = CAT_FTS_WEIGHTS;

void cat_text_free(struct cat_text *tx)
{
	if (!tx)
		return;
	for (size_t k = 0; k < tx->terms.n; k++) {
		free(tx->t[k].doc);
		free(tx->t[k].tf);
		free(tx->t[k].bits);
		free(tx->t[k].by_impact);
	}
	free(tx->t);
	dict_free(&tx->terms);
	free(tx->doclen);
	free(tx->kd);
	if (tx->tok.tok)
		fts_nl_close(&tx->tok);
	free(tx);
}

const uint32_t *cat_text_doclen(const struct cat_text *tx)
{
	return tx->doclen;
}

/* --- building ----------------------------------------------------------- */

struct doc_build {
	struct cat_text *tx;
	uint32_t doc;
	double weight;   /* of the column being tokenized */
	uint32_t len;    /* tokens at their own position */
	double *acc;     /* per term: weighted frequency in this row */
	uint32_t *last;  /* per term: row + 1 that last had it */
	size_t acc_cap;
	uint32_t *touched; /* terms of this row */
	size_t n_touched, touched_cap;
};

static int on_token(void *ctx, int tflags, const char *token, int n, int start, int end)
{
	(void)start;
	(void)end;
	struct doc_build *d = ctx;
	struct cat_text *tx = d->tx;
	/* FTS5 counts a row's length in positions; a colocated token (a
	 * compound's part) shares its word's position. */
	if (!(tflags & FTS5_TOKEN_COLOCATED) || d->len == 0)
		d->len++;
	uint32_t id = dict_add(&tx->terms, token, (size_t)n);
	if (id >= tx->cap) {
		size_t cap = tx->cap ? 2 * tx->cap : 1024;
		tx->t = xrealloc(tx->t, cap * sizeof *tx->t);
		memset(tx->t + tx->cap, 0, (cap - tx->cap) * sizeof *tx->t);
		tx->cap = cap;
	}
	if (id >= d->acc_cap) {
		size_t cap = d->acc_cap ? 2 * d->acc_cap : 1024;
		d->acc = xrealloc(d->acc, cap * sizeof *d->acc);
		d->last = xrealloc(d->last, cap * sizeof *d->last);
		memset(d->last + d->acc_cap, 0, (cap - d->acc_cap) * sizeof *d->last);
		d->acc_cap = cap;
	}
	if (d->last[id] != d->doc + 1) {
		d->last[id] = d->doc + 1;
		d->acc[id] = 0.0;
		if (d->n_touched == d->touched_cap) {
			d->touched_cap = d->touched_cap ? 2 * d->touched_cap : 256;
			d->touched = xrealloc(d->touched, d->touched_cap * sizeof *d->touched);
		}
		d->touched[d->n_touched++] = id;
	}
	d->acc[id] += d->weight;
	return SQLITE_OK;
}

static void end_doc(struct doc_build *d)
{
	struct cat_text *tx = d->tx;
	for (size_t k = 0; k < d->n_touched; k++) {
		struct term *t = &tx->t[d->touched[k]];
		if (t->n == t->cap) {
			t->cap = t->cap ? 2 * t->cap : 4;
			t->doc = xrealloc(t->doc, t->cap * sizeof *t->doc);
			t->tf = xrealloc(t->tf, t->cap * sizeof *t->tf);
		}
		t->doc[t->n] = d->doc;
		t->tf[t->n++] = (float)d->acc[d->touched[k]];
	}
	tx->doclen[d->doc] = d->len;
	d->n_touched = 0;
	d->len = 0;
}

static void finish(struct cat_text *tx)
{
	uint64_t ntok = 0;
	for (size_t i = 0; i < tx->n; i++)
		ntok += tx->doclen[i];
	double avgdl = tx->n ? (double)ntok / (double)tx->n : 1.0;
	for (size_t i = 0; i < tx->n; i++)
		tx->kd[i] = K1 * (1 - B + B * (double)tx->doclen[i] / avgdl);
	for (size_t k = 0; k < tx->terms.n; k++) {
		struct term *t = &tx->t[k];
		double idf = log(((double)tx->n - (double)t->n + 0.5) / ((double)t->n + 0.5));
		t->idf = idf <= 0.0 ? 1e-6 : idf;
		if ((size_t)t->n * 32 > tx->n) {
			t->bits = xcalloc(tx->nwords, sizeof *t->bits);
			for (uint32_t p = 0; p < t->n; p++)
				t->bits[t->doc[p] >> 6] |= UINT64_C(1) << (t->doc[p] & 63);
		}
	}
}

int cat_text_build(struct store *s, size_t n, struct cat_text **out, struct err *e)
{
	*out = NULL;
	for (size_t c = 0; c < sizeof col_weight / sizeof col_weight[0]; c++)
		if (col_weight[c] != floor(col_weight[c]) || col_weight[c] < 0 || col_weight[c] > 64)
			return err_set(e, IPM_ESTORE, "catalogue search: bm25 weights must be small"
						      " whole numbers (sums kept exactly)");
	struct cat_text *tx = xcalloc(1, sizeof *tx);
	tx->n = n;
	tx->nwords = (n + 63) / 64 ? (n + 63) / 64 : 1;
	tx->doclen = xcalloc(n ? n : 1, sizeof *tx->doclen);
	tx->kd = xcalloc(n ? n : 1, sizeof *tx->kd);
	int rc = fts_nl_open(s, &tx->tok, e);
	sqlite3_stmt *st = NULL;
	if (rc == IPM_OK &&
	    sqlite3_prepare_v2(s->db,
			       "SELECT seq, name, summary, goal, method FROM cat_instruments ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK)
		rc = db_fail(s->db, "catalogue search", e);
	struct doc_build d = { .tx = tx };
	int step = SQLITE_DONE;
	while (rc == IPM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 seq = sqlite3_column_int64(st, 0);
		if (seq < 1 || (size_t)seq > n) {
			rc = err_set(e, IPM_ESTORE, "catalogue search: instrument %lld is out of order",
				     (long long)seq);
			break;
		}
		d.doc = (uint32_t)(seq - 1);
		for (int c = 0; c < 4 && rc == IPM_OK; c++) {
			const char *text = (const char *)sqlite3_column_text(st, c + 1);
			d.weight = c < (int)(sizeof col_weight / sizeof col_weight[0]) ? col_weight[c]
										      : 1.0;
			if (text && fts_nl_tokens(&tx->tok, FTS5_TOKENIZE_DOCUMENT, text,
						  sqlite3_column_bytes(st, c + 1), &d,
						  on_token) != SQLITE_OK)
				rc = err_set(e, IPM_ESTORE, "catalogue search: cannot tokenize");
		}
		end_doc(&d);
	}
	if (rc == IPM_OK && step != SQLITE_DONE)
		rc = db_fail(s->db, "catalogue search", e);
	sqlite3_finalize(st);
	free(d.acc);
	free(d.last);
	free(d.touched);
	if (rc != IPM_OK) {
		cat_text_free(tx);
		return rc;
	}
	finish(tx);
	*out = tx;
	return IPM_OK;
}

/* --- the query ------------------------------------------------------------ */

struct item_tokens {
	size_t n;
	bool colocated;
	const char *first;
	int first_n;
};

static int on_query_token(void *ctx, int tflags, const char *token, int n, int start, int end)
{
	(void)start;
	(void)end;
	struct item_tokens *it = ctx;
	if (tflags & FTS5_TOKEN_COLOCATED)
		it->colocated = true;
	if (it->n++ == 0) {
		it->first = token;
		it->first_n = n;
	}
	return SQLITE_OK;
}

bool cat_text_parse(struct cat_text *tx, const struct cat_text_item *items, size_t n,
		    struct cat_text_query *q)
{
	*q = (struct cat_text_query){ 0 };
	if (n == 0 || n > sizeof q->term / sizeof q->term[0])
		return false;
	for (size_t k = 0; k < n; k++) {
		if (items[k].prefix || items[k].n > 1000)
			return false;
		/* the token points into the tokenizer's buffer: look it up at once */
		struct item_tokens it = { 0 };
		if (fts_nl_tokens(&tx->tok, FTS5_TOKENIZE_QUERY, items[k].s, (int)items[k].n, &it,
				  on_query_token) != SQLITE_OK ||
		    it.n != 1 || it.colocated)
			return false;
		uint32_t id = dict_find(&tx->terms, it.first, (size_t)it.first_n);
		if (id == DICT_NONE)
			q->absent = true;
		q->term[q->n++] = id;
	}
	return true;
}

/* The first position in a[from..n) holding a value >= target (galloping). */
static uint32_t seek(const uint32_t *a, uint32_t n, uint32_t from, uint32_t target)
{
	uint32_t step = 1, lo = from, hi = from;
	while (hi < n && a[hi] < target) {
		lo = hi + 1;
		hi += step;
		step *= 2;
	}
	if (hi > n)
		hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (a[mid] < target)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool has(const struct term *t, uint32_t doc, uint32_t *cursor)
{
	if (t->bits)
		return (t->bits[doc >> 6] >> (doc & 63)) & 1;
	*cursor = seek(t->doc, t->n, *cursor, doc);
	return *cursor < t->n && t->doc[*cursor] == doc;
}

size_t cat_text_match(const struct cat_text *tx, const struct cat_text_query *q,
		      const uint64_t *cand, uint64_t *match)
{
	memset(match, 0, tx->nwords * sizeof *match);
	if (q->absent || q->n == 0)
		return 0;
	/* the rarest term leads */
	const struct term *lead = &tx->t[q->term[0]];
	for (size_t k = 1; k < q->n; k++)
		if (tx->t[q->term[k]].n < lead->n)
			lead = &tx->t[q->term[k]];
	if (lead->bits) { /* every term is dense: AND the bitmaps */
		for (size_t w = 0; w < tx->nwords; w++) {
			uint64_t x = cand[w];
			for (size_t k = 0; k < q->n && x; k++)
				x &= tx->t[q->term[k]].bits[w];
			match[w] = x;
		}
		return bits_count(match, tx->nwords);
	}
	size_t total = 0;
	uint32_t cursor[16] = { 0 };
	for (uint32_t p = 0; p < lead->n; p++) {
		uint32_t doc = lead->doc[p];
		if (!((cand[doc >> 6] >> (doc & 63)) & 1))
			continue;
		bool all = true;
		for (size_t k = 0; k < q->n && all; k++)
			all = &tx->t[q->term[k]] == lead || has(&tx->t[q->term[k]], doc, &cursor[k]);
		if (all) {
			match[doc >> 6] |= UINT64_C(1) << (doc & 63);
			total++;
		}
	}
	return total;
}

/* --- scoring ------------------------------------------------------------- */

static double impact(const struct cat_text *tx, const struct term *t, uint32_t p)
{
	double f = t->tf[p];
	return t->idf * ((f * (K1 + 1.0)) / (f + tx->kd[t->doc[p]]));
}

struct ranked {
	double impact;
	uint32_t p, doc;
};

static int ranked_cmp(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->impact != y->impact)
		return x->impact > y->impact ? -1 : 1;
	return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* The term's postings by score, best first, ties in catalogue order. */
static const uint32_t *by_impact(const struct cat_text *tx, struct term *t)
{
	if (t->by_impact || t->n == 0)
		return t->by_impact;
	struct ranked *r = xcalloc(t->n, sizeof *r);
	for (uint32_t p = 0; p < t->n; p++)
		r[p] = (struct ranked){ impact(tx, t, p), p, t->doc[p] };
	qsort(r, t->n, sizeof *r, ranked_cmp);
	t->by_impact = xcalloc(t->n, sizeof *t->by_impact);
	for (uint32_t p = 0; p < t->n; p++)
		t->by_impact[p] = r[p].p;
	free(r);
	return t->by_impact;
}

static void push(uint32_t d, double sc, uint32_t **doc, double **score, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*doc = xrealloc(*doc, *cap * sizeof **doc);
		*score = xrealloc(*score, *cap * sizeof **score);
	}
	(*doc)[*n] = d;
	(*score)[(*n)++] = sc;
}

void cat_text_hits(struct cat_text *tx, const struct cat_text_query *q, const uint64_t *match,
		   size_t k, uint32_t **doc, double **score, size_t *n, size_t *cap)
{
	if (q->absent || q->n == 0 || k == 0)
		return;
	bool one_term = true;
	for (size_t j = 1; j < q->n; j++)
		one_term &= q->term[j] == q->term[0];
	if (one_term) {
		/* The score grows with the term's impact: walk the postings best
		 * first and stop after k matches, plus those tied with the k-th. */
		struct term *t = &tx->t[q->term[0]];
		const uint32_t *order = by_impact(tx, t);
		size_t got = 0;
		double kth = 0;
		for (uint32_t r = 0; r < t->n; r++) {
			uint32_t p = order[r], d = t->doc[p];
			if (!((match[d >> 6] >> (d & 63)) & 1))
				continue;
			double x = impact(tx, t, p), sc = 0.0;
			for (size_t j = 0; j < q->n; j++)
				sc += x;
			sc = -1.0 * sc;
			if (got >= k && sc != kth)
				break;
			push(d, sc, doc, score, n, cap);
			if (++got == k)
				kth = sc;
		}
		return;
	}
	uint32_t cursor[16] = { 0 };
	for (size_t w = 0; w < tx->nwords; w++) {
		uint64_t bits = match[w];
		while (bits) {
			uint32_t d = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(bits));
			bits &= bits - 1;
			double sc = 0.0;
			for (size_t j = 0; j < q->n; j++) {
				const struct term *t = &tx->t[q->term[j]];
				cursor[j] = seek(t->doc, t->n, cursor[j], d);
				double f = t->tf[cursor[j]];
				sc += t->idf * ((f * (K1 + 1.0)) / (f + tx->kd[d]));
			}
			push(d, -1.0 * sc, doc, score, n, cap);
		}
	}
}
