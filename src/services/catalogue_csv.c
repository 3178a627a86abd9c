/* The catalogue as CSV files (catalogue_csv.h). One table of columns per
 * file drives both directions, so the reader and the writer cannot drift
 * apart: a column is a name, a kind and where its value lives in the
 * record's struct. */
#include "services/catalogue_csv.h"
#include "core/csv.h"
#include "core/utf8.h"
#include "services/catalogue_fmt.h"
#include "services/catalogue_json.h"
#include "services/csv_rows.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cat_csv_file_names[CAT_CSV_NFILES] = {
	"organisations.csv", "providers.csv", "target_groups.csv", "regions.csv",
	"gemeenten.csv", "wijken.csv", "addresses.csv", "instruments.csv",
	"instrument_contacts.csv", "instrument_locations.csv", "instrument_regcodes.csv",
	"instrument_links.csv",
};

enum kind {
	K_TEXT,   /* const char *, "" = absent */
	K_BOOL,   /* bool, "ja" or "nee" */
	K_DATE,   /* struct date, "" = none */
	K_NUMBER, /* double at off with its bool "given" at off2, "" = not given */
	K_UNIT,   /* enum cat_duration_unit, "" = none */
	K_STRS,   /* struct cat_strs, items joined with "|" */
	K_PARENT, /* nested files: the instrument's id (not in the item's struct) */
};

struct col {
	const char *name;
	enum kind kind;
	size_t off, off2;
};

#define T(s, f) { #f, K_TEXT, offsetof(s, f), 0 }
#define I(f) offsetof(struct cat_instrument, f)

static const struct col org_cols[] = { T(struct cat_organisation, id),
				       T(struct cat_organisation, name),
				       T(struct cat_organisation, kind) };
static const struct col prov_cols[] = { T(struct cat_provider, id), T(struct cat_provider, name),
					T(struct cat_provider, website),
					T(struct cat_provider, email),
					T(struct cat_provider, phone) };
static const struct col tg_cols[] = { T(struct cat_target_group, id),
				      T(struct cat_target_group, name),
				      T(struct cat_target_group, description) };
static const struct col region_cols[] = { T(struct cat_region, id), T(struct cat_region, name) };
static const struct col gem_cols[] = { T(struct cat_gemeente, id), T(struct cat_gemeente, name),
				       T(struct cat_gemeente, cbs_code),
				       T(struct cat_gemeente, region) };
static const struct col wijk_cols[] = { T(struct cat_wijk, id), T(struct cat_wijk, name),
					T(struct cat_wijk, gemeente) };
static const struct col addr_cols[] = { T(struct cat_address, id),
					T(struct cat_address, street),
					T(struct cat_address, number),
					T(struct cat_address, postcode),
					T(struct cat_address, city),
					T(struct cat_address, gemeente) };
static const struct col instr_cols[] = {
	T(struct cat_instrument, id),
	T(struct cat_instrument, organisation),
	T(struct cat_instrument, provider),
	T(struct cat_instrument, name),
	{ "publish", K_BOOL, I(publish), 0 },
	{ "publish_from", K_DATE, I(publish_from), 0 },
	{ "publish_until", K_DATE, I(publish_until), 0 },
	T(struct cat_instrument, summary),
	T(struct cat_instrument, goal),
	T(struct cat_instrument, method),
	{ "forms", K_STRS, I(forms), 0 },
	T(struct cat_instrument, distinctive),
	T(struct cat_instrument, conditions),
	T(struct cat_instrument, agreements),
	T(struct cat_instrument, partners),
	T(struct cat_instrument, target_group_note),
	T(struct cat_instrument, additional_info),
	T(struct cat_instrument, registration),
	{ "duration", K_NUMBER, I(duration), I(has_duration) },
	{ "duration_unit", K_UNIT, I(duration_unit), 0 },
	T(struct cat_instrument, duration_note),
	{ "intensity_hours_per_week", K_NUMBER, I(intensity_hours), I(has_intensity) },
	T(struct cat_instrument, intensity_note),
	{ "cost_eur", K_NUMBER, I(cost_eur), I(has_cost) },
	T(struct cat_instrument, cost_note),
	{ "tiles", K_STRS, I(tiles), 0 },
	{ "klantkenmerken", K_STRS, I(klantkenmerken), 0 },
	{ "sol_kinds", K_STRS, I(sol_kinds), 0 },
	{ "group", K_BOOL, I(group), 0 },
	{ "individual", K_BOOL, I(individual), 0 },
	{ "target_groups", K_STRS, I(target_groups), 0 },
	{ "regions", K_STRS, I(regions), 0 },
	{ "gemeenten", K_STRS, I(gemeenten), 0 },
	{ "wijken", K_STRS, I(wijken), 0 },
};
#define PARENT { "instrument", K_PARENT, 0, 0 }
static const struct col contact_cols[] = { PARENT,
					   T(struct cat_contact, name),
					   T(struct cat_contact, kind),
					   T(struct cat_contact, role),
					   T(struct cat_contact, email),
					   T(struct cat_contact, phone) };
static const struct col location_cols[] = { PARENT,
					    T(struct cat_location, name),
					    T(struct cat_location, type),
					    T(struct cat_location, address),
					    { "in_use", K_BOOL, offsetof(struct cat_location, in_use), 0 },
					    T(struct cat_location, description) };
static const struct col regcode_cols[] = { PARENT, T(struct cat_regcode, code),
					   T(struct cat_regcode, label) };
static const struct col link_cols[] = { PARENT, T(struct cat_link, kind),
					T(struct cat_link, label), T(struct cat_link, url) };

#define C(s, cols, rec, list) { cols, sizeof cols / sizeof cols[0], sizeof(s), rec, list }

/* Per file: its columns, the size of its record, the record kind problems
 * name, and (nested files) the instrument's list it fills. */
static const struct spec {
	const struct col *cols;
	size_t ncols, size;
	const char *record, *list;
} specs[CAT_CSV_NFILES] = {
	C(struct cat_organisation, org_cols, "organisation", NULL),
	C(struct cat_provider, prov_cols, "provider", NULL),
	C(struct cat_target_group, tg_cols, "target_group", NULL),
	C(struct cat_region, region_cols, "region", NULL),
	C(struct cat_gemeente, gem_cols, "gemeente", NULL),
	C(struct cat_wijk, wijk_cols, "wijk", NULL),
	C(struct cat_address, addr_cols, "address", NULL),
	C(struct cat_instrument, instr_cols, "instrument", NULL),
	C(struct cat_contact, contact_cols, "contact", "contacts"),
	C(struct cat_location, location_cols, "location", "locations"),
	C(struct cat_regcode, regcode_cols, "regcode", "regcodes"),
	C(struct cat_link, link_cols, "link", "links"),
};

/* Where each file's records go in struct catalogue (the top-level lists)
 * and in struct cat_instrument (the nested ones): pointer and count. */
static const struct {
	size_t ptr, count;
} places[CAT_CSV_NFILES] = {
	{ offsetof(struct catalogue, organisations), offsetof(struct catalogue, n_organisations) },
	{ offsetof(struct catalogue, providers), offsetof(struct catalogue, n_providers) },
	{ offsetof(struct catalogue, target_groups), offsetof(struct catalogue, n_target_groups) },
	{ offsetof(struct catalogue, regions), offsetof(struct catalogue, n_regions) },
	{ offsetof(struct catalogue, gemeenten), offsetof(struct catalogue, n_gemeenten) },
	{ offsetof(struct catalogue, wijken), offsetof(struct catalogue, n_wijken) },
	{ offsetof(struct catalogue, addresses), offsetof(struct catalogue, n_addresses) },
	{ offsetof(struct catalogue, instruments), offsetof(struct catalogue, n_instruments) },
	{ I(contacts), I(n_contacts) },
	{ I(locations), I(n_locations) },
	{ I(regcodes), I(n_regcodes) },
	{ I(links), I(n_links) },
};

#define AT(base, off, type) ((type *)((char *)(base) + (off)))
#define AT_C(base, off, type) ((const type *)((const char *)(base) + (off)))

/* --- writing -------------------------------------------------------------- */

/* Every cell goes through csv_put_field_safe: a text that starts like a
 * formula is shown, not run, by a spreadsheet; reading takes the "'" off. */
struct wr {
	const char *bad; /* the first column whose value CSV cannot hold */
	struct buf cell;
};

static void format_cell(struct wr *w, const struct col *col, const void *rec, const char *parent,
			struct buf *out)
{
	struct buf *c = &w->cell;
	buf_reset(c);
	buf_puts(c, ""); /* data is non-NULL from here */
	switch (col->kind) {
	case K_PARENT:
		buf_puts(c, parent ? parent : "");
		break;
	case K_TEXT: {
		const char *s = *AT_C(rec, col->off, char *);
		buf_puts(c, s ? s : "");
		break;
	}
	case K_BOOL:
		buf_puts(c, *AT_C(rec, col->off, bool) ? "ja" : "nee");
		break;
	case K_DATE: {
		struct date d = *AT_C(rec, col->off, struct date);
		if (date_is_set(d))
			cat_put_date(c, d);
		break;
	}
	case K_NUMBER:
		if (*AT_C(rec, col->off2, bool)) {
			double v = *AT_C(rec, col->off, double);
			if (!isfinite(v) && !w->bad)
				w->bad = col->name;
			else
				cat_put_number(c, v);
		}
		break;
	case K_UNIT: {
		const char *u = cat_unit_name(*AT_C(rec, col->off, enum cat_duration_unit));
		buf_puts(c, u ? u : "");
		break;
	}
	case K_STRS: {
		const struct cat_strs *s = AT_C(rec, col->off, struct cat_strs);
		for (size_t i = 0; i < s->n; i++) {
			if (i)
				buf_putc(c, '|');
			buf_puts(c, s->v[i] ? s->v[i] : "");
			/* "a|b" would read back as two items, "" as none */
			if ((!s->v[i] || !*s->v[i] || strchr(s->v[i], '|')) && !w->bad)
				w->bad = col->name;
		}
		break;
	}
	}
	if (strlen(buf_str(c)) != c->len || !utf8_valid(c->data, c->len)) {
		if (!w->bad)
			w->bad = col->name;
	}
	csv_put_field_safe(out, buf_str(c));
}

static void format_row(struct wr *w, const struct spec *s, const void *rec, const char *parent,
		       struct buf *out)
{
	for (size_t k = 0; k < s->ncols; k++) {
		if (k)
			buf_putc(out, ',');
		format_cell(w, &s->cols[k], rec, parent, out);
	}
	buf_puts(out, "\r\n");
}

int catalogue_csv_format(const struct catalogue *c, struct cat_csv_files *files, struct err *e)
{
	struct wr w = { 0 };
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		const struct spec *s = &specs[f];
		struct buf *out = &files->f[f];
		for (size_t k = 0; k < s->ncols; k++) {
			if (k)
				buf_putc(out, ',');
			buf_puts(out, s->cols[k].name);
		}
		buf_puts(out, "\r\n");
		if (!s->list) {
			const char *v = *AT_C(c, places[f].ptr, char *);
			size_t n = *AT_C(c, places[f].count, size_t);
			for (size_t i = 0; i < n; i++)
				format_row(&w, s, v + i * s->size, NULL, out);
			continue;
		}
		for (size_t i = 0; i < c->n_instruments; i++) {
			const struct cat_instrument *in = &c->instruments[i];
			const char *v = *AT_C(in, places[f].ptr, char *);
			size_t n = *AT_C(in, places[f].count, size_t);
			for (size_t j = 0; j < n; j++)
				format_row(&w, s, v + j * s->size, in->id, out);
		}
	}
	buf_free(&w.cell);
	if (w.bad)
		return err_set(e, IPM_EINVAL,
			       "%s: cannot be written as CSV (text that is not UTF-8, an empty code "
			       "or one with \"|\", or a number that is not finite)",
			       w.bad);
	return IPM_OK;
}

void cat_csv_files_free(struct cat_csv_files *files)
{
	for (size_t f = 0; f < CAT_CSV_NFILES; f++)
		buf_free(&files->f[f]);
}

/* --- reading -------------------------------------------------------------- */

/* One nested row read before the instruments' lists are sized. */
struct pending {
	size_t instrument; /* index in the catalogue's instruments */
	void *item;
};

struct rd {
	struct arena *a;
	struct cat_problems *pr;
	const char *file;
	const struct spec *spec;
	size_t *col_of;       /* [ncols]: the file's column (0-based) of each spec column */
	size_t nfields;       /* columns in the header */
	size_t row, number;   /* CSV row; record number (1-based data row) */
	const char *id;       /* the row's id, for problems */
};

static void problem(struct rd *r, size_t column, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct rd *r, size_t column, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	struct cat_problem *q =
		cat_problem_add(r->pr, r->row > 1 ? r->spec->record : NULL, r->number, r->id,
				field, "%s", msg);
	q->file = r->file;
	q->row = r->row;
	q->column = column;
}

/* Header row: every column of the spec once, nothing else, in any order. */
static bool read_header(struct rd *r, const struct csv *c)
{
	bool ok = true;
	r->nfields = c->nfields;
	for (size_t k = 0; k < r->spec->ncols; k++)
		r->col_of[k] = SIZE_MAX;
	for (size_t i = 0; i < c->nfields; i++) {
		size_t n;
		const char *h = csv_field(c, i, &n);
		size_t k = 0;
		while (k < r->spec->ncols &&
		       !(strlen(r->spec->cols[k].name) == n && memcmp(h, r->spec->cols[k].name, n) == 0))
			k++;
		char *shown = csv_shown_header(h, n);
		if (k == r->spec->ncols) {
			problem(r, i + 1, shown, "unknown column");
			ok = false;
		} else if (r->col_of[k] != SIZE_MAX) {
			problem(r, i + 1, shown, "the same column as column %zu", r->col_of[k] + 1);
			ok = false;
		} else {
			r->col_of[k] = i;
		}
		free(shown);
	}
	for (size_t k = 0; k < r->spec->ncols; k++)
		if (r->col_of[k] == SIZE_MAX) {
			problem(r, 0, r->spec->cols[k].name, "missing column");
			ok = false;
		}
	return ok;
}

/* The cell of spec column k without its formula protection; *n its length. */
static const char *cell(struct rd *r, const struct csv *c, size_t k, size_t *n)
{
	const char *s = csv_field(c, r->col_of[k], n);
	if (*n && s[0] == '\'' && csv_formula_like(s, *n)) {
		s++;
		(*n)--;
	}
	return s;
}

static const char *text_cell(struct rd *r, size_t k, const char *s, size_t n)
{
	const struct col *col = &r->spec->cols[k];
	size_t column = r->col_of[k] + 1;
	if (!n)
		return NULL;
	if (memchr(s, '\0', n)) {
		problem(r, column, col->name, "contains a NUL character");
		return NULL;
	}
	if (!utf8_valid(s, n)) {
		problem(r, column, col->name, "not valid UTF-8");
		return NULL;
	}
	return arena_strndup(r->a, s, n);
}

static struct cat_strs strs_cell(struct rd *r, size_t k, const char *s, size_t n)
{
	struct cat_strs out = { 0 };
	const struct col *col = &r->spec->cols[k];
	size_t column = r->col_of[k] + 1;
	if (!n)
		return out;
	size_t items = 1;
	for (size_t i = 0; i < n; i++)
		items += s[i] == '|';
	if (items > CAT_MAX_ITEMS) {
		problem(r, column, col->name, "more than %d items", CAT_MAX_ITEMS);
		return out;
	}
	const char **v = arena_array(r->a, items, sizeof *v);
	const char *p = s, *end = s + n;
	for (size_t i = 0; i < items; i++) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t len = bar ? (size_t)(bar - p) : (size_t)(end - p);
		if (!len) {
			problem(r, column, col->name, "item %zu is empty (two \"|\" in a row, or "
						      "one at an end)", i + 1);
			return (struct cat_strs){ 0 };
		}
		v[i] = text_cell(r, k, p, len);
		if (!v[i])
			return (struct cat_strs){ 0 };
		p += len + 1;
	}
	out.v = v;
	out.n = items;
	return out;
}

/* Reads the value of spec column k into the record. */
static void read_cell(struct rd *r, const struct csv *c, size_t k, void *rec)
{
	const struct col *col = &r->spec->cols[k];
	size_t column = r->col_of[k] + 1, n;
	const char *s = cell(r, c, k, &n);
	switch (col->kind) {
	case K_PARENT:
		break;
	case K_TEXT:
		*AT(rec, col->off, const char *) = text_cell(r, k, s, n);
		break;
	case K_BOOL:
		if (n == 2 && memcmp(s, "ja", 2) == 0)
			*AT(rec, col->off, bool) = true;
		else if (!(n == 3 && memcmp(s, "nee", 3) == 0))
			problem(r, column, col->name, n ? "expected ja or nee" : "required: ja or nee");
		break;
	case K_DATE:
		if (n && (n != 10 || memchr(s, '\0', n) || !date_parse(s, AT(rec, col->off, struct date))))
			problem(r, column, col->name, "expected a date YYYY-MM-DD");
		break;
	case K_NUMBER: {
		size_t tn = n;
		const char *t = csv_trimmed(s, &tn);
		if (!tn)
			break;
		if (csv_decimal(t, tn, AT(rec, col->off, double)) &&
		    isfinite(*AT(rec, col->off, double)))
			*AT(rec, col->off2, bool) = true;
		else
			problem(r, column, col->name, "expected a number such as 8 or 2.5");
		break;
	}
	case K_UNIT:
		if (n && (memchr(s, '\0', n) || !cat_unit_parse(s, AT(rec, col->off,
								       enum cat_duration_unit))))
			problem(r, column, col->name, "expected %s", CAT_UNIT_NAMES);
		break;
	case K_STRS:
		*AT(rec, col->off, struct cat_strs) = strs_cell(r, k, s, n);
		break;
	}
}

/* The id of the row (its "id" or "instrument" column, always column 0 of the
 * spec) when it is a valid one, for problems to name. */
static const char *row_id(struct rd *r, const struct csv *c)
{
	size_t n;
	const char *s = cell(r, c, 0, &n);
	if (!n || n > 64 || memchr(s, '\0', n))
		return NULL;
	const char *id = arena_strndup(r->a, s, n);
	return cat_id_valid(id) ? id : NULL;
}

/* The records of one file, in the arena; for a nested file also each
 * record's instrument (index, SIZE_MAX when not found). */
struct table {
	char *v;
	size_t *owner;
	size_t n, cap;
};

static void *table_add(struct rd *r, struct table *t)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 64;
		char *v = arena_array(r->a, t->cap, r->spec->size);
		size_t *owner = arena_array(r->a, t->cap, sizeof *owner);
		if (t->n) {
			memcpy(v, t->v, t->n * r->spec->size);
			memcpy(owner, t->owner, t->n * sizeof *owner);
		}
		t->v = v;
		t->owner = owner;
	}
	return t->v + t->n++ * r->spec->size;
}

/* A nested row's instrument, by the id in its first column. */
static size_t owner_of(struct rd *r, const struct csv *c, const struct cat_idx *instruments)
{
	size_t n;
	const char *s = cell(r, c, 0, &n);
	size_t at = SIZE_MAX;
	if (n && !memchr(s, '\0', n))
		at = cat_idx_find(instruments, arena_strndup(r->a, s, n));
	if (at == SIZE_MAX)
		problem(r, r->col_of[0] + 1, "instrument",
			n ? "no instrument with this id in instruments.csv"
			  : "required: the id of the instrument");
	return at;
}

/* Reads one file into `t`; nested files look their instrument up in
 * `instruments`. Every problem is added; a broken quote ends the file. */
static void read_file(struct rd *r, const struct buf *text, const struct cat_idx *instruments,
		      struct table *t)
{
	struct csv c;
	struct err e = { 0 };
	r->row = 1;
	r->number = 0;
	r->id = NULL;
	if (!text->data) {
		problem(r, 0, NULL, "missing file (every file of the catalogue must be there, at "
				    "least with its header row)");
		return;
	}
	csv_init(&c, text->data, text->len);
	int rc = csv_next(&c, &e);
	if (!rc && c.eof)
		problem(r, 0, NULL, "empty file: expected the header row");
	if (rc || c.eof || !read_header(r, &c))
		goto out;
	while (!(rc = csv_next(&c, &e)) && !c.eof) {
		size_t n0;
		if (c.nfields == 1 && (csv_field(&c, 0, &n0), n0 == 0))
			continue; /* a blank line */
		r->row = c.row;
		r->number++;
		r->id = NULL;
		if (r->number > CAT_MAX_RECORDS) {
			problem(r, 0, NULL, "more than %d records", CAT_MAX_RECORDS);
			goto out;
		}
		if (c.nfields != r->nfields) {
			problem(r, 0, NULL, "expected %zu fields (as the header), got %zu",
				r->nfields, c.nfields);
			continue;
		}
		r->id = row_id(r, &c);
		void *rec = table_add(r, t);
		for (size_t k = 0; k < r->spec->ncols; k++)
			read_cell(r, &c, k, rec);
		t->owner[t->n - 1] = r->spec->list ? owner_of(r, &c, instruments) : SIZE_MAX;
	}
out:
	if (rc) {
		/* "row R, column C: message" from the reader: the quoting is broken
		 * and nothing after it can be trusted. */
		struct cat_problem *q = cat_problem_add(r->pr, NULL, 0, NULL, NULL, "%s", e.msg);
		q->file = r->file;
	}
	csv_free(&c);
}

/* Hands a nested file's items to their instruments, keeping the file's
 * order within each instrument. */
static void distribute(struct arena *a, size_t f, const struct table *t,
		       struct cat_instrument *instruments, size_t n_instruments)
{
	size_t size = specs[f].size;
	size_t *fill = arena_array(a, n_instruments ? n_instruments : 1, sizeof *fill);
	for (size_t j = 0; j < t->n; j++)
		if (t->owner[j] != SIZE_MAX)
			fill[t->owner[j]]++;
	for (size_t i = 0; i < n_instruments; i++) {
		*AT(&instruments[i], places[f].ptr, void *) =
			fill[i] ? arena_array(a, fill[i], size) : NULL;
		*AT(&instruments[i], places[f].count, size_t) = 0;
	}
	for (size_t j = 0; j < t->n; j++) {
		size_t i = t->owner[j];
		if (i == SIZE_MAX)
			continue;
		char *dst = *AT(&instruments[i], places[f].ptr, char *);
		size_t *n = AT(&instruments[i], places[f].count, size_t);
		memcpy(dst + (*n)++ * size, t->v + j * size, size);
	}
}

int catalogue_csv_parse(const struct cat_csv_files *files, const char *origin,
			struct catalogue *out, struct cat_problems *problems, struct arena *a,
			struct err *e)
{
	size_t before = problems->n;
	struct catalogue c = { 0 };
	struct table tables[CAT_CSV_NFILES] = { 0 };
	struct cat_idx instruments = { 0 };
	size_t col_of[64];
	*out = (struct catalogue){ 0 };
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		struct rd r = { .a = a, .pr = problems, .file = cat_csv_file_names[f],
				.spec = &specs[f], .col_of = col_of };
		read_file(&r, &files->f[f], &instruments, &tables[f]);
		if (!specs[f].list) {
			*AT(&c, places[f].ptr, void *) = tables[f].v;
			*AT(&c, places[f].count, size_t) = tables[f].n;
		}
		if (f == CAT_CSV_INSTRUMENTS) {
			/* Instruments by id, for the nested files' "instrument" column. */
			instruments = cat_idx_build(a, c.instruments, tables[f].n,
						    sizeof *c.instruments,
						    offsetof(struct cat_instrument, id));
		}
	}
	for (size_t f = CAT_CSV_CONTACTS; f < CAT_CSV_NFILES; f++)
		distribute(a, f, &tables[f], (struct cat_instrument *)c.instruments,
			   c.n_instruments);
	if (problems->n == before) {
		*out = c;
		return IPM_OK;
	}
	return cat_problems_err(problems, before, origin, e);
}
