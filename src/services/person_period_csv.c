#include "services/person_period_csv.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "services/csv_rows.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum col_kind { COL_NONE, COL_CLIENT, COL_PERIOD, COL_EVENT, COL_FEATURE, COL_AUDIT };

struct column {
	enum col_kind kind;
	size_t index; /* COL_FEATURE: model feature; COL_AUDIT: audit attribute */
};

/* Where a client's rows start, for finding clients whose rows are split. */
struct start {
	int32_t client;
	size_t row;
};

struct parser {
	const struct prog_model *m;
	struct csv csv;
	struct csv_problems pr;
	struct column *cols;
	size_t ncols;
	size_t col_of[3];          /* 1-based column of client, period, event; 0 = none */
	struct pp_table t;
	bool table_ready;

	/* The previous row that parsed, for the checks across rows. */
	bool have_prev;
	int32_t prev_client, prev_period;
	bool prev_event;
	size_t prev_row, client_row; /* client_row: the current client's first row */
	int32_t *client_audit;     /* [n_audit]: the current client's audit values */
	int32_t *row_audit;        /* [n_audit]: this row's */
	double *row_x;             /* [n_features]: this row's */

	struct start *starts;
	size_t n_starts, cap_starts;
};

static bool field_is(const char *s, size_t n, const char *word)
{
	return n == strlen(word) && memcmp(s, word, n) == 0;
}

static void classify(struct parser *ps, size_t c, const char *s, size_t n, struct buf *audit,
		     size_t *feature_col)
{
	static const char *const fixed[3] = { "client", "period", "event" };
	struct column *col = &ps->cols[c];
	size_t first = 0; /* an earlier column with the same meaning */
	for (size_t k = 0; k < 3; k++)
		if (field_is(s, n, fixed[k])) {
			if (!(first = ps->col_of[k])) {
				col->kind = (enum col_kind)(COL_CLIENT + k);
				ps->col_of[k] = c + 1;
				return;
			}
			goto same;
		}
	int f = strlen(s) == n ? prog_feature_index(ps->m, s) : -1;
	if (f >= 0) {
		if ((first = feature_col[f]))
			goto same;
		col->kind = COL_FEATURE;
		col->index = (size_t)f;
		feature_col[f] = c + 1;
		return;
	}
	if (n > 6 && memcmp(s, "audit_", 6) == 0 && strlen(s) == n) {
		/* The names so far, NUL-separated, for pp_table_init. */
		size_t index = 0;
		for (const char *p = buf_str(audit); p < buf_str(audit) + audit->len;
		     p += strlen(p) + 1, index++)
			if (strcmp(p, s + 6) == 0) {
				for (size_t k = 0; k < c; k++)
					if (ps->cols[k].kind == COL_AUDIT && ps->cols[k].index == index)
						first = k + 1;
				goto same;
			}
		if (index == PP_AUDIT_MAX) {
			csv_problem(&ps->pr, 1, c + 1, "more than %d audit columns", PP_AUDIT_MAX);
			return;
		}
		col->kind = COL_AUDIT;
		col->index = index;
		buf_add(audit, s + 6, n - 6 + 1);
		return;
	}
	csv_problem(&ps->pr, 1, c + 1,
		    "unknown column (not client, period, event, audit_* or a feature of %s@%s)",
		    ps->m->pack_id, ps->m->version);
	return;
same:
	csv_problem(&ps->pr, 1, c + 1, "the same column as column %zu", first);
}

static int read_header(struct parser *ps)
{
	struct csv *c = &ps->csv;
	const struct prog_model *m = ps->m;
	ps->ncols = c->nfields;
	ps->cols = xcalloc(ps->ncols, sizeof *ps->cols);
	csv_problems_headers(&ps->pr, c);

	struct buf audit = BUF_INIT;
	size_t feature_col[PROG_FEATURES_MAX + 1] = { 0 };
	for (size_t i = 0; i < ps->ncols && !csv_problems_full(&ps->pr); i++) {
		size_t n;
		const char *s = csv_field(c, i, &n);
		classify(ps, i, s, n, &audit, feature_col);
	}
	static const char *const fixed[3] = { "client", "period", "event" };
	for (size_t k = 0; k < 3 && !csv_problems_full(&ps->pr); k++)
		if (!ps->col_of[k])
			csv_problem(&ps->pr, 1, 0, "no %s column (the header must name one)", fixed[k]);
	for (size_t k = 0; k < m->n_features && !csv_problems_full(&ps->pr); k++)
		if (!feature_col[k])
			csv_problem(&ps->pr, 1, 0, "no column for feature %s of %s@%s",
				    m->features[k].id, m->pack_id, m->version);

	int rc = IPM_OK;
	if (ps->pr.diag.count) {
		rc = IPM_EINVAL;
		goto out;
	}
	size_t n_audit = 0;
	const char **audit_names = xcalloc(ps->ncols + 1, sizeof *audit_names);
	for (const char *p = buf_str(&audit); p < buf_str(&audit) + audit.len; p += strlen(p) + 1)
		audit_names[n_audit++] = p;
	const char *ids[PROG_FEATURES_MAX];
	for (size_t k = 0; k < m->n_features; k++)
		ids[k] = m->features[k].id;
	pp_table_init(&ps->t, m->n_features, ids, n_audit, audit_names);
	ps->table_ready = true;
	free(audit_names);
	ps->client_audit = xcalloc(n_audit + 1, sizeof *ps->client_audit);
	ps->row_audit = xcalloc(n_audit + 1, sizeof *ps->row_audit);
	ps->row_x = xcalloc(m->n_features + 1, sizeof *ps->row_x);
out:
	buf_free(&audit);
	return rc;
}

static void read_feature(struct parser *ps, size_t row, size_t c, const char *s, size_t n)
{
	const struct prog_feature *f = &ps->m->features[ps->cols[c].index];
	double v = 0;
	s = csv_trimmed(s, &n);
	if (f->kind == PROG_CLIENT) {
		if (!(n == 1 && (*s == '0' || *s == '1')))
			csv_problem(&ps->pr, row, c + 1, "expected 0 or 1");
		else
			v = *s - '0';
	} else if (n && (!csv_decimal(s, n, &v) || v < f->min || v > f->max)) {
		csv_problem(&ps->pr, row, c + 1, "expected a number from %g to %g, or empty for neutral",
			    f->min, f->max);
	}
	ps->row_x[ps->cols[c].index] = v;
}

static void read_audit(struct parser *ps, size_t row, size_t c, const char *s, size_t n)
{
	size_t a = ps->cols[c].index;
	const char *why = NULL;
	ps->row_audit[a] = -1;
	s = csv_trimmed(s, &n);
	if (n == 0)
		return;
	if (n > PP_AUDIT_VALUE_MAX)
		why = "longer than 100 bytes";
	else if (!utf8_valid(s, n))
		why = "not valid UTF-8 text";
	for (size_t i = 0; i < n && !why; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			why = "contains a control character";
	if (!why && (ps->row_audit[a] = pp_table_audit_value(&ps->t, a, s, n)) < 0)
		why = "more than 50 different values in this column (audit groups must be few)";
	if (why)
		csv_problem(&ps->pr, row, c + 1, "%s", why);
}

/* The checks that need the previous row: periods consecutive, nothing after
 * the event, one audit value per client. */
static void check_sequence(struct parser *ps, size_t row, int32_t client, int32_t period)
{
	struct pp_table *t = &ps->t;
	if (ps->have_prev && client == ps->prev_client) {
		if (ps->prev_event)
			csv_problem(&ps->pr, row, ps->col_of[0],
				    "the client's rows continue after its event in row %zu",
				    ps->prev_row);
		else if (period != ps->prev_period + 1)
			csv_problem(&ps->pr, row, ps->col_of[1], "not consecutive after row %zu",
				    ps->prev_row);
		for (size_t a = 0; a < t->n_audit; a++)
			if (ps->row_audit[a] != ps->client_audit[a]) {
				size_t col = 0;
				for (size_t i = 0; i < ps->ncols; i++)
					if (ps->cols[i].kind == COL_AUDIT && ps->cols[i].index == a)
						col = i + 1;
				csv_problem(&ps->pr, row, col,
					    "differs from the client's first row (row %zu)",
					    ps->client_row);
			}
		return;
	}
	ps->client_row = row;
	memcpy(ps->client_audit, ps->row_audit, t->n_audit * sizeof *ps->row_audit);
	if (ps->n_starts == ps->cap_starts) {
		ps->cap_starts = ps->cap_starts ? 2 * ps->cap_starts : 256;
		ps->starts = xrealloc(ps->starts, ps->cap_starts * sizeof *ps->starts);
	}
	ps->starts[ps->n_starts++] = (struct start){ client, row };
}

static void read_row(struct parser *ps)
{
	struct csv *c = &ps->csv;
	size_t row = c->row;
	if (c->nfields == 1 && c->len[0] == 0)
		return; /* a blank line, e.g. at the end of a hand-edited file */
	if (c->nfields != ps->ncols) {
		csv_problem(&ps->pr, row, 0, "%zu fields, but the header has %zu columns",
			    c->nfields, ps->ncols);
		ps->have_prev = false;
		return;
	}
	size_t before = ps->pr.diag.count;
	long v[3] = { 0, 0, 0 };
	static const long lo[3] = { 1, 1, 0 }, hi[3] = { INT32_MAX, PP_PERIOD_MAX, 1 };
	static const char *const expected[3] = {
		"expected a whole number from 1 to 2147483647 (the client's id)",
		"expected a whole number of months from 1 to 600",
		"expected 0 or 1",
	};
	for (size_t i = 0; i < ps->ncols && !csv_problems_full(&ps->pr); i++) {
		size_t n;
		const char *s = csv_field(c, i, &n);
		switch (ps->cols[i].kind) {
		case COL_CLIENT:
		case COL_PERIOD:
		case COL_EVENT: {
			size_t k = ps->cols[i].kind - COL_CLIENT;
			s = csv_trimmed(s, &n);
			if (!csv_whole(s, n, lo[k], hi[k], &v[k]))
				csv_problem(&ps->pr, row, i + 1, "%s", expected[k]);
			break;
		}
		case COL_FEATURE: read_feature(ps, row, i, s, n); break;
		case COL_AUDIT: read_audit(ps, row, i, s, n); break;
		case COL_NONE: break; /* the header refused it; rows are not read then */
		}
	}
	if (ps->pr.diag.count != before) {
		/* The next row cannot be judged against a row that did not parse. */
		ps->have_prev = false;
		return;
	}
	check_sequence(ps, row, (int32_t)v[0], (int32_t)v[1]);
	double *x = pp_table_add(&ps->t, (int32_t)v[0], (int32_t)v[1], (uint8_t)v[2]);
	memcpy(x, ps->row_x, ps->t.d.n_features * sizeof *x);
	for (size_t a = 0; a < ps->t.n_audit; a++)
		ps->t.audit[a].value[ps->t.d.rows - 1] = ps->row_audit[a];
	ps->have_prev = true;
	ps->prev_client = (int32_t)v[0];
	ps->prev_period = (int32_t)v[1];
	ps->prev_event = v[2] == 1;
	ps->prev_row = row;
}

static int cmp_start(const void *x, const void *y)
{
	const struct start *a = x, *b = y;
	if (a->client != b->client)
		return a->client < b->client ? -1 : 1;
	return (a->row > b->row) - (a->row < b->row);
}

/* A client whose rows start twice has rows elsewhere in the file: the
 * message names the later start and the earlier one, not the id. */
static void check_contiguous(struct parser *ps)
{
	if (ps->n_starts < 2)
		return;
	qsort(ps->starts, ps->n_starts, sizeof *ps->starts, cmp_start);
	for (size_t k = 1; k < ps->n_starts && !csv_problems_full(&ps->pr); k++)
		if (ps->starts[k].client == ps->starts[k - 1].client)
			csv_problem(&ps->pr, ps->starts[k].row, ps->col_of[0],
				    "the client's rows are not together (they also start at row %zu)",
				    ps->starts[k - 1].row);
}

int pp_csv_parse(const struct prog_model *m, const char *name, const char *text, size_t len,
		 struct pp_table *out, struct buf *messages, struct err *e)
{
	struct parser ps = { .m = m };
	struct err csv_err = { 0 };
	int rc;
	csv_init(&ps.csv, text, len);
	csv_problems_init(&ps.pr, name, PP_MAX_ERRORS);

	if (csv_next(&ps.csv, &csv_err) != IPM_OK) {
		csv_problem_line(&ps.pr, csv_err.msg);
		goto finish;
	}
	if (ps.csv.eof) {
		csv_problem_line(&ps.pr, "empty file (a header row is required)");
		goto finish;
	}
	if (read_header(&ps) != IPM_OK)
		goto finish;
	while (!csv_problems_full(&ps.pr)) {
		if (csv_next(&ps.csv, &csv_err) != IPM_OK) {
			/* Broken quoting ends the file: what follows cannot be
			 * split into fields reliably. */
			csv_problem_line(&ps.pr, csv_err.msg);
			break;
		}
		if (ps.csv.eof)
			break;
		read_row(&ps);
	}
	if (!csv_problems_full(&ps.pr))
		check_contiguous(&ps);
	if (ps.pr.diag.count == 0 && ps.t.d.rows == 0)
		csv_problem_line(&ps.pr, "no rows (only a header row)");
finish:
	rc = csv_problems_finish(&ps.pr, csv_problems_full(&ps.pr) && ps.csv.p < ps.csv.end,
				 messages, e);
	if (rc == IPM_OK)
		*out = ps.t;
	else if (ps.table_ready)
		pp_table_free(&ps.t);
	free(ps.cols);
	free(ps.client_audit);
	free(ps.row_audit);
	free(ps.row_x);
	free(ps.starts);
	csv_problems_free(&ps.pr);
	csv_free(&ps.csv);
	return rc;
}

/* A value as the file shows it: ratings and 0/1 as whole numbers, anything
 * else with enough digits to read back the same double. */
static void put_number(struct buf *b, double v)
{
	if (v == (double)(long)v && v > -1e9 && v < 1e9)
		buf_printf(b, "%ld", (long)v);
	else
		buf_printf(b, "%.17g", v);
}

void pp_csv_header(struct buf *b, const struct pp_table *t)
{
	buf_puts(b, "client,period,event");
	for (size_t k = 0; k < t->d.n_features; k++) {
		buf_putc(b, ',');
		csv_put_field(b, t->d.names[k]);
	}
	for (size_t a = 0; a < t->n_audit; a++) {
		struct buf h = BUF_INIT;
		buf_printf(&h, "audit_%s", t->audit[a].name);
		buf_putc(b, ',');
		csv_put_field(b, buf_str(&h));
		buf_free(&h);
	}
	buf_putc(b, '\n');
}

void pp_csv_rows(struct buf *b, const struct pp_table *t, size_t from, size_t to)
{
	const struct pp_data *d = &t->d;
	for (size_t r = from; r < to && r < d->rows; r++) {
		buf_printf(b, "%ld,%ld,%d", (long)d->client[r], (long)d->period[r], d->event[r]);
		const double *x = d->x + r * d->n_features;
		for (size_t k = 0; k < d->n_features; k++) {
			buf_putc(b, ',');
			put_number(b, x[k]);
		}
		for (size_t a = 0; a < t->n_audit; a++) {
			int32_t v = t->audit[a].value[r];
			buf_putc(b, ',');
			/* As read, not csv_put_field_safe: the file is read back
			 * (ipm model fit), and a "'" would change the value. */
			if (v >= 0)
				csv_put_field(b, t->audit[a].values[v]);
		}
		buf_putc(b, '\n');
	}
}
