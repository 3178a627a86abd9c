#include "services/answers_csv.h"
#include "services/csv_rows.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "engine/score.h"
#include "pack/pack_ref.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define IPM_STR_(x) #x
#define IPM_STR(x) IPM_STR_(x)

/* What a column of the file holds. */
enum col_kind { COL_NONE, COL_RESPONDENT, COL_SEX, COL_AGE, COL_PACK, COL_ITEM };

struct column {
	enum col_kind kind;
	uint32_t item; /* COL_ITEM: index into q->items */
};

struct parser {
	const struct questionnaire *q;
	struct csv csv;
	struct csv_problems pr; /* the messages; ANSWERS_MAX_ERRORS of them stop parsing */
	struct column *cols;   /* [ncols] */
	size_t ncols;
	size_t *item_col;      /* [q->n_items]: 1-based column of each item, 0 = none */
	size_t cap;            /* rows allocated in out */
	struct answers *out;
	int16_t *scratch;      /* one row, for finding the block that broke score_check */
	struct semver version; /* q->version parsed, for the pack column */
	bool version_ok;
};

static bool field_is(const char *s, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(s, word, n) == 0;
}

static void classify_column(struct parser *ps, size_t c, const char *s, size_t n)
{
	struct column *col = &ps->cols[c];
	int32_t item = -1;
	if (field_is(s, n, "respondent"))
		col->kind = COL_RESPONDENT;
	else if (field_is(s, n, "sex"))
		col->kind = COL_SEX;
	else if (field_is(s, n, "age"))
		col->kind = COL_AGE;
	else if (field_is(s, n, "pack"))
		col->kind = COL_PACK;
	else if (strlen(s) == n && (item = questionnaire_item_index(ps->q, s)) >= 0)
		col->kind = COL_ITEM;
	else {
		col->kind = COL_NONE;
		csv_problem(&ps->pr, 1, c + 1, "unknown column (not respondent, sex, age, pack or an item of %s@%s)",
			ps->q->pack_id, ps->q->version);
		return;
	}
	/* Duplicates: the first column with the same meaning. */
	for (size_t k = 0; k < c; k++) {
		const struct column *o = &ps->cols[k];
		if (o->kind == col->kind && (col->kind != COL_ITEM || o->item == (uint32_t)item)) {
			csv_problem(&ps->pr, 1, c + 1, "the same column as column %zu", k + 1);
			return;
		}
	}
	if (col->kind == COL_ITEM) {
		col->item = (uint32_t)item;
		if (ps->q->items[item].excluded) {
			csv_problem(&ps->pr, 1, c + 1,
				"item %s is not asked (excluded by default); remove the column "
				"or switch the item on",
				ps->q->items[item].id);
			return;
		}
		ps->item_col[item] = c + 1;
	}
}

static int read_header(struct parser *ps)
{
	struct csv *c = &ps->csv;
	ps->ncols = c->nfields;
	ps->cols = xcalloc(ps->ncols, sizeof *ps->cols);
	csv_problems_headers(&ps->pr, c);
	bool has_respondent = false;
	for (size_t i = 0; i < ps->ncols && !csv_problems_full(&ps->pr); i++) {
		size_t n;
		const char *s = csv_field(c, i, &n);
		classify_column(ps, i, s, n);
		has_respondent |= ps->cols[i].kind == COL_RESPONDENT;
	}
	if (!has_respondent && !csv_problems_full(&ps->pr))
		csv_problem(&ps->pr, 1, 0, "no respondent column (the header must name one)");
	return ps->pr.diag.count ? IPM_EINVAL : IPM_OK;
}

/* A whole number of at most 6 digits (anything longer is out of every range
 * and not worth repeating in a message); false when the text is none. */
static bool parse_int(const char *s, size_t n, long *out, bool *too_long)
{
	bool neg = n && *s == '-';
	size_t i = neg ? 1 : 0;
	long v = 0;
	*too_long = false;
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (i - neg >= 6)
			*too_long = true;
		else
			v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return true;
}

static void read_value(struct parser *ps, size_t row, size_t c, const char *s, size_t n,
		       int16_t *slot)
{
	const struct q_item *it = &ps->q->items[ps->cols[c].item];
	s = csv_trimmed(s, &n);
	if (n == 0)
		return; /* stays Q_MISSING */
	long v;
	bool too_long;
	if (!parse_int(s, n, &v, &too_long)) {
		csv_problem(&ps->pr, row, c + 1, "not a whole number (expected %d..%d or empty)", it->min,
			it->max);
		return;
	}
	if (too_long || v < it->min || v > it->max) {
		if (too_long)
			csv_problem(&ps->pr, row, c + 1, "a number outside %d..%d", it->min, it->max);
		else
			csv_problem(&ps->pr, row, c + 1, "%ld is outside %d..%d", v, it->min, it->max);
		return;
	}
	*slot = (int16_t)v;
}

static void read_respondent(struct parser *ps, size_t row, size_t c, const char *s, size_t n,
			    size_t r)
{
	const char *why = NULL;
	if (n == 0)
		why = "empty (every row needs a respondent id)";
	else if (n > ANSWERS_ID_MAX)
		why = "longer than " IPM_STR(ANSWERS_ID_MAX) " bytes";
	else if (!utf8_valid(s, n))
		why = "not valid UTF-8 text";
	else
		for (size_t i = 0; i < n && !why; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				why = "contains a control character";
	if (why) {
		csv_problem(&ps->pr, row, c + 1, "%s", why);
		return;
	}
	ps->out->respondent[r] = arena_strndup(&ps->out->arena, s, n);
}

static void read_sex(struct parser *ps, size_t row, size_t c, const char *s, size_t n, size_t r)
{
	s = csv_trimmed(s, &n);
	if (n == 0)
		return;
	if (n == 1 && (*s == 'm' || *s == 'M' || *s == 'v' || *s == 'V')) {
		ps->out->sex[r] = (char)(*s | 0x20);
		return;
	}
	csv_problem(&ps->pr, row, c + 1, "expected m, v or empty");
}

static void read_age(struct parser *ps, size_t row, size_t c, const char *s, size_t n, size_t r)
{
	s = csv_trimmed(s, &n);
	if (n == 0)
		return;
	long v;
	bool too_long;
	if (parse_int(s, n, &v, &too_long) && !too_long && v >= ANSWERS_AGE_MIN &&
	    v <= ANSWERS_AGE_MAX) {
		ps->out->age[r] = (int)v;
		return;
	}
	csv_problem(&ps->pr, row, c + 1, "expected whole years from %d to %d, or empty", ANSWERS_AGE_MIN,
		ANSWERS_AGE_MAX);
}

static void read_pack(struct parser *ps, size_t row, size_t c, const char *s, size_t n)
{
	const struct questionnaire *q = ps->q;
	struct pack_ref ref;
	s = csv_trimmed(s, &n);
	char *text = xstrndup(s, n);
	if (n != strlen(text) || pack_ref_parse(text, &ref) != IPM_OK || !ref.has_version) {
		csv_problem(&ps->pr, row, c + 1, "expected ID@VERSION of the pack, here %s@%s", q->pack_id,
			q->version);
		goto out;
	}
	if (strcmp(ref.id, q->pack_id) != 0 || !ps->version_ok ||
	    semver_compare(&ref.version, &ps->version) != 0)
		csv_problem(&ps->pr, row, c + 1, "answers are for %s but the pack is %s@%s", text, q->pack_id,
			q->version);
out:
	free(text);
}

static void grow_rows(struct parser *ps)
{
	struct answers *a = ps->out;
	if (a->n_rows < ps->cap)
		return;
	ps->cap = ps->cap ? 2 * ps->cap : 64;
	a->values = xrealloc(a->values, ps->cap * a->n_items * sizeof *a->values);
	a->respondent = xrealloc(a->respondent, ps->cap * sizeof *a->respondent);
	a->sex = xrealloc(a->sex, ps->cap * sizeof *a->sex);
	a->age = xrealloc(a->age, ps->cap * sizeof *a->age);
	a->file_row = xrealloc(a->file_row, ps->cap * sizeof *a->file_row);
}

/* score_check stops at the first broken block; masking every other item
 * finds each broken block, so the message can name its first column. */
static void check_blocks(struct parser *ps, size_t row, const int16_t *values)
{
	const struct questionnaire *q = ps->q;
	struct err e = { 0 };
	if (score_check(q, values, &e) == IPM_OK)
		return;
	bool named = false;
	for (size_t b = 0; b < q->n_blocks && !csv_problems_full(&ps->pr); b++) {
		const struct q_block *blk = &q->blocks[b];
		for (size_t i = 0; i < q->n_items; i++)
			ps->scratch[i] = Q_MISSING;
		size_t first_col = 0;
		for (uint32_t k = 0; k < blk->n_items; k++) {
			uint32_t it = blk->items[k];
			ps->scratch[it] = values[it];
			size_t col = ps->item_col[it];
			if (col && (!first_col || col < first_col))
				first_col = col;
		}
		if (score_check(q, ps->scratch, &e) != IPM_OK) {
			csv_problem(&ps->pr, row, first_col, "%s", e.msg);
			named = true;
		}
	}
	if (!named && !csv_problems_full(&ps->pr))
		csv_problem(&ps->pr, row, 0, "%s", e.msg);
}

static void read_row(struct parser *ps)
{
	struct csv *c = &ps->csv;
	struct answers *a = ps->out;
	size_t row = c->row;
	if (c->nfields == 1 && c->len[0] == 0)
		return; /* a blank line, e.g. at the end of a hand-edited file */
	if (c->nfields != ps->ncols) {
		csv_problem(&ps->pr, row, 0, "%zu fields, but the header has %zu columns", c->nfields,
			ps->ncols);
		return;
	}
	grow_rows(ps);
	size_t r = a->n_rows;
	int16_t *values = a->values + r * a->n_items;
	for (size_t i = 0; i < a->n_items; i++)
		values[i] = Q_MISSING;
	a->respondent[r] = NULL;
	a->sex[r] = 0;
	a->age[r] = 0;
	a->file_row[r] = row;
	size_t before = ps->pr.diag.count;
	for (size_t i = 0; i < ps->ncols && !csv_problems_full(&ps->pr); i++) {
		size_t n;
		const char *s = csv_field(c, i, &n);
		switch (ps->cols[i].kind) {
		case COL_RESPONDENT: read_respondent(ps, row, i, s, n, r); break;
		case COL_SEX: read_sex(ps, row, i, s, n, r); break;
		case COL_AGE: read_age(ps, row, i, s, n, r); break;
		case COL_PACK: read_pack(ps, row, i, s, n); break;
		case COL_ITEM: read_value(ps, row, i, s, n, &values[ps->cols[i].item]); break;
		case COL_NONE: break; /* the header refused it; rows are not read then */
		}
	}
	if (ps->pr.diag.count == before && ps->q->n_blocks)
		check_blocks(ps, row, values);
	a->n_rows++;
}

struct id_row {
	const char *id;
	size_t r; /* index of the row in out */
};

static int cmp_id_row(const void *x, const void *y)
{
	const struct id_row *a = x, *b = y;
	int c = strcmp(a->id, b->id);
	/* Equal ids keep file order, so the message names the earlier row. */
	return c ? c : (a->r > b->r) - (a->r < b->r);
}

/* Two rows for one respondent would give two results under one id; sorting
 * finds them in n log n without a hash table. The message names the rows,
 * not the id. */
static void check_unique(struct parser *ps)
{
	struct answers *a = ps->out;
	size_t respondent_col = 0;
	for (size_t i = 0; i < ps->ncols; i++)
		if (ps->cols[i].kind == COL_RESPONDENT)
			respondent_col = i + 1;
	struct id_row *ids = xcalloc(a->n_rows + 1, sizeof *ids);
	for (size_t r = 0; r < a->n_rows; r++)
		ids[r] = (struct id_row){ a->respondent[r], r };
	qsort(ids, a->n_rows, sizeof *ids, cmp_id_row);
	for (size_t k = 1; k < a->n_rows && !csv_problems_full(&ps->pr); k++) {
		if (strcmp(ids[k].id, ids[k - 1].id) != 0)
			continue;
		/* the first row of a run of equal ids */
		size_t first = k - 1;
		while (first > 0 && strcmp(ids[first - 1].id, ids[k].id) == 0)
			first--;
		csv_problem(&ps->pr, a->file_row[ids[k].r], respondent_col, "the same respondent as row %zu",
			a->file_row[ids[first].r]);
	}
	free(ids);
}

void answers_free(struct answers *a)
{
	free(a->values);
	free(a->respondent);
	free(a->sex);
	free(a->age);
	free(a->file_row);
	arena_free(&a->arena);
	*a = (struct answers){ 0 };
}

int answers_csv_parse(const struct questionnaire *q, const char *name, const char *text,
		      size_t len, struct answers *out, struct buf *messages, struct err *e)
{
	struct answers a = { .n_items = q->n_items };
	struct parser ps = { .q = q, .out = &a };
	struct err csv_err = { 0 };
	int rc;
	csv_init(&ps.csv, text, len);
	csv_problems_init(&ps.pr, name, ANSWERS_MAX_ERRORS);
	ps.item_col = xcalloc(q->n_items + 1, sizeof *ps.item_col);
	ps.scratch = xcalloc(q->n_items + 1, sizeof *ps.scratch);
	ps.version_ok = semver_parse(q->version, &ps.version) == IPM_OK;

	if ((rc = csv_next(&ps.csv, &csv_err)) != IPM_OK)
		goto malformed;
	if (ps.csv.eof) {
		rc = err_set(e, IPM_EINVAL, "%s: empty file (a header row is required)", name);
		goto out;
	}
	if (read_header(&ps) != IPM_OK)
		goto finish;
	while (!csv_problems_full(&ps.pr)) {
		if ((rc = csv_next(&ps.csv, &csv_err)) != IPM_OK)
			goto malformed;
		if (ps.csv.eof)
			break;
		read_row(&ps);
	}
	if (!csv_problems_full(&ps.pr) && ps.pr.diag.count == 0)
		check_unique(&ps);
	goto finish;

malformed:
	/* Broken quoting ends the file: what follows cannot be split into
	 * fields reliably. The reader's message has the row and column. */
	csv_problem_line(&ps.pr, csv_err.msg);
finish:
	rc = csv_problems_finish(&ps.pr, csv_problems_full(&ps.pr) && ps.csv.p < ps.csv.end,
				 messages, e);
	if (rc == IPM_OK && a.n_rows == 0)
		rc = err_set(e, IPM_EINVAL, "%s: no respondents (only a header row)", name);
out:
	/* A problem of the whole file rather than of its rows: one line. */
	if (rc != IPM_OK && messages && ps.pr.diag.count == 0)
		buf_printf(messages, "%s\n", e->msg);
	if (rc == IPM_OK) {
		*out = a;
	} else {
		answers_free(&a);
	}
	free(ps.cols);
	free(ps.item_col);
	free(ps.scratch);
	csv_problems_free(&ps.pr);
	csv_free(&ps.csv);
	return rc;
}
