/* The catalogue's use cases that write and read it whole
 * (store_catalogue.h): replace, load, counts. Search is in
 * sqlite_catalogue_search.c.
 *
 * A catalogue has up to hundreds of thousands of rows, so these functions
 * prepare each statement once and step it per row (the db_exec helper
 * prepares per call, which is right for a single dossier write). */
#include "store/sqlite_catalogue_internal.h"
#include "store/sqlite_internal.h"
#include "store/store_catalogue.h"

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* The record structs are rows of text columns only; reading and writing
 * them as arrays of `const char *` lets one loop handle all seven lists. */
_Static_assert(sizeof(struct cat_organisation) == 3 * sizeof(const char *), "text row");
_Static_assert(sizeof(struct cat_provider) == 5 * sizeof(const char *), "text row");
_Static_assert(sizeof(struct cat_target_group) == 3 * sizeof(const char *), "text row");
_Static_assert(sizeof(struct cat_region) == 2 * sizeof(const char *), "text row");
_Static_assert(sizeof(struct cat_gemeente) == 4 * sizeof(const char *), "text row");
_Static_assert(sizeof(struct cat_wijk) == 3 * sizeof(const char *), "text row");
_Static_assert(sizeof(struct cat_address) == 6 * sizeof(const char *), "text row");

/* One record list: its name in messages, its columns (seq first on insert),
 * and where the catalogue keeps it. In insert order (referenced lists
 * first); deletion runs backwards. */
struct record_list {
	const char *what;
	int ncols;
	const char *insert_sql, *select_sql, *delete_sql, *count_sql;
	size_t list_off, count_off;
};

#define RECORDS(field) offsetof(struct catalogue, field), offsetof(struct catalogue, n_##field)

static const struct record_list record_lists[] = {
	{ "organisation", 3,
	  "INSERT INTO cat_organisations (seq, id, name, kind) VALUES (?, ?, ?, ?)",
	  "SELECT id, name, kind FROM cat_organisations ORDER BY seq",
	  "DELETE FROM cat_organisations", "SELECT count(*) FROM cat_organisations",
	  RECORDS(organisations) },
	{ "provider", 5,
	  "INSERT INTO cat_providers (seq, id, name, website, email, phone) VALUES (?, ?, ?, ?, ?, ?)",
	  "SELECT id, name, website, email, phone FROM cat_providers ORDER BY seq",
	  "DELETE FROM cat_providers", "SELECT count(*) FROM cat_providers", RECORDS(providers) },
	{ "target group", 3,
	  "INSERT INTO cat_target_groups (seq, id, name, description) VALUES (?, ?, ?, ?)",
	  "SELECT id, name, description FROM cat_target_groups ORDER BY seq",
	  "DELETE FROM cat_target_groups", "SELECT count(*) FROM cat_target_groups",
	  RECORDS(target_groups) },
	{ "region", 2, "INSERT INTO cat_regions (seq, id, name) VALUES (?, ?, ?)",
	  "SELECT id, name FROM cat_regions ORDER BY seq", "DELETE FROM cat_regions",
	  "SELECT count(*) FROM cat_regions", RECORDS(regions) },
	{ "gemeente", 4,
	  "INSERT INTO cat_gemeenten (seq, id, name, cbs_code, region) VALUES (?, ?, ?, ?, ?)",
	  "SELECT id, name, cbs_code, region FROM cat_gemeenten ORDER BY seq",
	  "DELETE FROM cat_gemeenten", "SELECT count(*) FROM cat_gemeenten", RECORDS(gemeenten) },
	{ "wijk", 3, "INSERT INTO cat_wijken (seq, id, name, gemeente) VALUES (?, ?, ?, ?)",
	  "SELECT id, name, gemeente FROM cat_wijken ORDER BY seq", "DELETE FROM cat_wijken",
	  "SELECT count(*) FROM cat_wijken", RECORDS(wijken) },
	{ "address", 6,
	  "INSERT INTO cat_addresses (seq, id, street, number, postcode, city, gemeente)"
	  " VALUES (?, ?, ?, ?, ?, ?, ?)",
	  "SELECT id, street, number, postcode, city, gemeente FROM cat_addresses ORDER BY seq",
	  "DELETE FROM cat_addresses", "SELECT count(*) FROM cat_addresses", RECORDS(addresses) },
};

#define NRECORD_LISTS (sizeof record_lists / sizeof record_lists[0])

/* The lists of codes or ids inside an instrument. */
struct strs_list {
	const char *field; /* in messages */
	const char *insert_sql, *select_sql, *delete_sql;
	size_t off;        /* of the struct cat_strs in struct cat_instrument */
};

#define STRS(table, col, field)                                                              \
	{ #field, "INSERT INTO " table " (instrument, pos, " col ") VALUES (?, ?, ?)",          \
	  "SELECT instrument, " col " FROM " table " ORDER BY instrument, pos",                  \
	  "DELETE FROM " table, offsetof(struct cat_instrument, field) }

static const struct strs_list strs_lists[] = {
	STRS("cat_instrument_forms", "code", forms),
	STRS("cat_instrument_tiles", "code", tiles),
	STRS("cat_instrument_klantkenmerken", "code", klantkenmerken),
	STRS("cat_instrument_sol_kinds", "code", sol_kinds),
	STRS("cat_instrument_target_groups", "target_group", target_groups),
	STRS("cat_instrument_regions", "region", regions),
	STRS("cat_instrument_gemeenten", "gemeente", gemeenten),
	STRS("cat_instrument_wijken", "wijk", wijken),
};

#define NSTRS_LISTS (sizeof strs_lists / sizeof strs_lists[0])

static const char *const unit_names[] = { [CAT_UREN] = "uren", [CAT_DAGEN] = "dagen",
					  [CAT_WEKEN] = "weken", [CAT_MAANDEN] = "maanden" };

/* --- binding ------------------------------------------------------------ */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void bind_real(sqlite3_stmt *st, int i, bool given, double v)
{
	if (given && !isnan(v))
		sqlite3_bind_double(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

static void bind_date(sqlite3_stmt *st, int i, struct date d)
{
	if (!date_is_set(d)) {
		sqlite3_bind_null(st, i);
		return;
	}
	char text[16];
	snprintf(text, sizeof text, "%04d-%02d-%02d", d.y, d.m, d.d);
	sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

/* Steps an insert to completion and resets it; a failure names the record
 * (kind, 1-based number and, for lists inside an instrument, the list). */
static int step_row(struct store *s, sqlite3_stmt *st, const char *what, size_t number,
		    const char *list, struct err *e)
{
	int rc = IPM_OK;
	if (sqlite3_step(st) != SQLITE_DONE) {
		struct buf op = BUF_INIT;
		buf_printf(&op, "catalogue replace: %s %zu", what, number);
		if (list)
			buf_printf(&op, ": %s", list);
		rc = db_fail(s->db, op.data, e);
		buf_free(&op);
	}
	sqlite3_reset(st);
	return rc;
}

static int prepare(struct store *s, const char *sql, sqlite3_stmt **st, const char *op,
		   struct err *e)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return db_fail(s->db, op, e);
	return IPM_OK;
}

/* --- replace ------------------------------------------------------------ */

static const char *const delete_instrument_sql[] = {
	"DELETE FROM cat_instrument_contacts", "DELETE FROM cat_instrument_locations",
	"DELETE FROM cat_instrument_regcodes", "DELETE FROM cat_instrument_links",
};

/* Children before parents, so that no delete has to look for rows that
 * still refer to it. */
static int delete_all(struct store *s, struct err *e)
{
	int rc = IPM_OK;
	for (size_t i = 0; i < NSTRS_LISTS && rc == IPM_OK; i++)
		rc = db_exec(s, e, "catalogue replace", NULL, NULL, strs_lists[i].delete_sql, "");
	for (size_t i = 0; i < 4 && rc == IPM_OK; i++)
		rc = db_exec(s, e, "catalogue replace", NULL, NULL, delete_instrument_sql[i], "");
	if (rc == IPM_OK)
		rc = db_exec(s, e, "catalogue replace", NULL, NULL, "DELETE FROM cat_instruments", "");
	for (size_t i = NRECORD_LISTS; i-- > 0 && rc == IPM_OK;)
		rc = db_exec(s, e, "catalogue replace", NULL, NULL, record_lists[i].delete_sql, "");
	return rc;
}

static int insert_records(struct store *s, const struct catalogue *c, struct err *e)
{
	int rc = IPM_OK;
	for (size_t l = 0; l < NRECORD_LISTS && rc == IPM_OK; l++) {
		const struct record_list *rl = &record_lists[l];
		const char *const *rows = *(const char *const *const *)((const char *)c + rl->list_off);
		size_t n = *(const size_t *)((const char *)c + rl->count_off);
		sqlite3_stmt *st = NULL;
		rc = prepare(s, rl->insert_sql, &st, "catalogue replace", e);
		for (size_t i = 0; i < n && rc == IPM_OK; i++) {
			sqlite3_bind_int64(st, 1, (int64_t)i + 1);
			for (int k = 0; k < rl->ncols; k++)
				bind_text(st, k + 2, rows[i * (size_t)rl->ncols + (size_t)k]);
			rc = step_row(s, st, rl->what, i + 1, NULL, e);
		}
		sqlite3_finalize(st);
	}
	return rc;
}

static int insert_instrument_rows(struct store *s, const struct catalogue *c, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(s,
			 "INSERT INTO cat_instruments (seq, id, organisation, provider, name, publish,"
			 " publish_from, publish_until, summary, goal, method, distinctive, conditions,"
			 " agreements, partners, target_group_note, additional_info, registration,"
			 " duration, duration_unit, duration_note, intensity_hours, intensity_note,"
			 " cost_eur, cost_note, is_group, is_individual) VALUES (?, ?, ?, ?, ?, ?, ?,"
			 " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			 &st, "catalogue replace", e);
	for (size_t i = 0; i < c->n_instruments && rc == IPM_OK; i++) {
		const struct cat_instrument *in = &c->instruments[i];
		int k = 1;
		sqlite3_bind_int64(st, k++, (int64_t)i + 1);
		bind_text(st, k++, in->id);
		bind_text(st, k++, in->organisation);
		bind_text(st, k++, in->provider);
		bind_text(st, k++, in->name);
		sqlite3_bind_int(st, k++, in->publish);
		bind_date(st, k++, in->publish_from);
		bind_date(st, k++, in->publish_until);
		bind_text(st, k++, in->summary);
		bind_text(st, k++, in->goal);
		bind_text(st, k++, in->method);
		bind_text(st, k++, in->distinctive);
		bind_text(st, k++, in->conditions);
		bind_text(st, k++, in->agreements);
		bind_text(st, k++, in->partners);
		bind_text(st, k++, in->target_group_note);
		bind_text(st, k++, in->additional_info);
		bind_text(st, k++, in->registration);
		bind_real(st, k++, in->has_duration, in->duration);
		bind_text(st, k++, in->duration_unit > CAT_UNIT_NONE && in->duration_unit <= CAT_MAANDEN
					   ? unit_names[in->duration_unit]
					   : NULL);
		bind_text(st, k++, in->duration_note);
		bind_real(st, k++, in->has_intensity, in->intensity_hours);
		bind_text(st, k++, in->intensity_note);
		bind_real(st, k++, in->has_cost, in->cost_eur);
		bind_text(st, k++, in->cost_note);
		sqlite3_bind_int(st, k++, in->group);
		sqlite3_bind_int(st, k++, in->individual);
		rc = step_row(s, st, "instrument", i + 1, NULL, e);
	}
	sqlite3_finalize(st);
	return rc;
}

static int insert_strs(struct store *s, const struct catalogue *c, struct err *e)
{
	int rc = IPM_OK;
	for (size_t l = 0; l < NSTRS_LISTS && rc == IPM_OK; l++) {
		sqlite3_stmt *st = NULL;
		rc = prepare(s, strs_lists[l].insert_sql, &st, "catalogue replace", e);
		for (size_t i = 0; i < c->n_instruments && rc == IPM_OK; i++) {
			const struct cat_strs *v =
				(const struct cat_strs *)((const char *)&c->instruments[i] +
							  strs_lists[l].off);
			for (size_t k = 0; k < v->n && rc == IPM_OK; k++) {
				sqlite3_bind_int64(st, 1, (int64_t)i + 1);
				sqlite3_bind_int64(st, 2, (int64_t)k + 1);
				bind_text(st, 3, v->v[k]);
				rc = step_row(s, st, "instrument", i + 1, strs_lists[l].field, e);
			}
		}
		sqlite3_finalize(st);
	}
	return rc;
}

enum { ST_CONTACT, ST_LOCATION, ST_REGCODE, ST_LINK, ST_NITEMS };

static const char *const item_insert_sql[ST_NITEMS] = {
	"INSERT INTO cat_instrument_contacts (instrument, pos, name, kind, role, email, phone)"
	" VALUES (?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO cat_instrument_locations (instrument, pos, name, type, address, in_use,"
	" description) VALUES (?, ?, ?, ?, ?, ?, ?)",
	"INSERT INTO cat_instrument_regcodes (instrument, pos, code, label) VALUES (?, ?, ?, ?)",
	"INSERT INTO cat_instrument_links (instrument, pos, kind, label, url) VALUES (?, ?, ?, ?, ?)",
};

static int insert_items_of(struct store *s, sqlite3_stmt *const *st, size_t i,
			   const struct cat_instrument *in, struct err *e)
{
	int rc = IPM_OK;
	for (size_t k = 0; k < in->n_contacts && rc == IPM_OK; k++) {
		const struct cat_contact *p = &in->contacts[k];
		sqlite3_stmt *q = st[ST_CONTACT];
		sqlite3_bind_int64(q, 1, (int64_t)i + 1);
		sqlite3_bind_int64(q, 2, (int64_t)k + 1);
		bind_text(q, 3, p->name);
		bind_text(q, 4, p->kind);
		bind_text(q, 5, p->role);
		bind_text(q, 6, p->email);
		bind_text(q, 7, p->phone);
		rc = step_row(s, q, "instrument", i + 1, "contacts", e);
	}
	for (size_t k = 0; k < in->n_locations && rc == IPM_OK; k++) {
		const struct cat_location *l = &in->locations[k];
		sqlite3_stmt *q = st[ST_LOCATION];
		sqlite3_bind_int64(q, 1, (int64_t)i + 1);
		sqlite3_bind_int64(q, 2, (int64_t)k + 1);
		bind_text(q, 3, l->name);
		bind_text(q, 4, l->type);
		bind_text(q, 5, l->address);
		sqlite3_bind_int(q, 6, l->in_use);
		bind_text(q, 7, l->description);
		rc = step_row(s, q, "instrument", i + 1, "locations", e);
	}
	for (size_t k = 0; k < in->n_regcodes && rc == IPM_OK; k++) {
		sqlite3_stmt *q = st[ST_REGCODE];
		sqlite3_bind_int64(q, 1, (int64_t)i + 1);
		sqlite3_bind_int64(q, 2, (int64_t)k + 1);
		bind_text(q, 3, in->regcodes[k].code);
		bind_text(q, 4, in->regcodes[k].label);
		rc = step_row(s, q, "instrument", i + 1, "regcodes", e);
	}
	for (size_t k = 0; k < in->n_links && rc == IPM_OK; k++) {
		sqlite3_stmt *q = st[ST_LINK];
		sqlite3_bind_int64(q, 1, (int64_t)i + 1);
		sqlite3_bind_int64(q, 2, (int64_t)k + 1);
		bind_text(q, 3, in->links[k].kind);
		bind_text(q, 4, in->links[k].label);
		bind_text(q, 5, in->links[k].url);
		rc = step_row(s, q, "instrument", i + 1, "links", e);
	}
	return rc;
}

static int insert_items(struct store *s, const struct catalogue *c, struct err *e)
{
	sqlite3_stmt *st[ST_NITEMS] = { 0 };
	int rc = IPM_OK;
	for (int k = 0; k < ST_NITEMS && rc == IPM_OK; k++)
		rc = prepare(s, item_insert_sql[k], &st[k], "catalogue replace", e);
	for (size_t i = 0; i < c->n_instruments && rc == IPM_OK; i++)
		rc = insert_items_of(s, st, i, &c->instruments[i], e);
	for (int k = 0; k < ST_NITEMS; k++)
		sqlite3_finalize(st[k]);
	return rc;
}

struct replace {
	const struct catalogue *c;
	const struct store_actor *who;
};

static int replace_tx(struct store *s, void *ctx, struct err *e)
{
	const struct replace *r = ctx;
	const struct catalogue *c = r->c;
	int rc = delete_all(s, e);
	if (rc == IPM_OK)
		rc = insert_records(s, c, e);
	if (rc == IPM_OK)
		rc = insert_instrument_rows(s, c, e);
	if (rc == IPM_OK)
		rc = insert_strs(s, c, e);
	if (rc == IPM_OK)
		rc = insert_items(s, c, e);
	/* The full-text index follows its content table: rebuilt from it (with
	 * the compound parts learned from the new text first), then merged into
	 * one segment so that a query reads one b-tree per term. */
	if (rc == IPM_OK)
		rc = fts_nl_learn(s, e);
	if (rc == IPM_OK)
		rc = db_exec(s, e, "catalogue replace: full-text index", NULL, NULL,
			     "INSERT INTO cat_fts (cat_fts) VALUES ('rebuild')", "");
	if (rc == IPM_OK)
		rc = db_exec(s, e, "catalogue replace: full-text index", NULL, NULL,
			     "INSERT INTO cat_fts (cat_fts) VALUES ('optimize')", "");
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	if (rc == IPM_OK)
		rc = db_exec(s, e, "catalogue replace", NULL, NULL,
			     "UPDATE cat_state SET generation = generation + 1, replaced_at = ?"
			     " WHERE id = 1",
			     "s", now);
	int64_t generation = 0;
	if (rc == IPM_OK)
		rc = db_scalar(s, e, "catalogue replace", &generation,
			       "SELECT generation FROM cat_state WHERE id = 1", "");
	if (rc == IPM_OK)
		rc = audit_write(s, r->who, "update", "catalogue", generation, 0, e);
	return rc;
}

int store_catalogue_replace(struct store *s, const struct store_actor *who,
			    const struct catalogue *c, struct err *e)
{
	struct replace r = { .c = c, .who = who };
	int rc = tx_run(s, "catalogue replace", replace_tx, &r, e);
	if (rc == IPM_OK)
		cat_index_invalidate(s);
	return rc;
}

/* --- load --------------------------------------------------------------- */

static int count_rows(struct store *s, const char *sql, size_t *n, struct err *e)
{
	int64_t v = 0;
	int rc = db_scalar(s, e, "catalogue load", &v, sql, "");
	*n = rc == IPM_OK && v > 0 ? (size_t)v : 0;
	return rc;
}

/* Reads a record list into an arena array of n x ncols text columns. */
static int load_records(struct store *s, const struct record_list *rl, struct catalogue *c,
			struct arena *a, struct err *e)
{
	size_t n;
	int rc = count_rows(s, rl->count_sql, &n, e);
	if (rc != IPM_OK)
		return rc;
	const char **rows = arena_array(a, n ? n * (size_t)rl->ncols : 1, sizeof *rows);
	sqlite3_stmt *st = NULL;
	rc = prepare(s, rl->select_sql, &st, "catalogue load", e);
	size_t i = 0;
	int step;
	while (rc == IPM_OK && (step = sqlite3_step(st)) == SQLITE_ROW && i < n) {
		for (int k = 0; k < rl->ncols; k++)
			rows[i * (size_t)rl->ncols + (size_t)k] = db_col_text(st, k, a);
		i++;
	}
	if (rc == IPM_OK && step != SQLITE_DONE && step != SQLITE_ROW)
		rc = db_fail(s->db, "catalogue load", e);
	sqlite3_finalize(st);
	*(const char ***)((char *)c + rl->list_off) = rows;
	*(size_t *)((char *)c + rl->count_off) = i;
	return rc;
}

static double col_real(sqlite3_stmt *st, int col, bool *given)
{
	*given = sqlite3_column_type(st, col) != SQLITE_NULL;
	return *given ? sqlite3_column_double(st, col) : 0.0;
}

static struct date col_date(sqlite3_stmt *st, int col)
{
	struct date d = DATE_NONE;
	const char *text = (const char *)sqlite3_column_text(st, col);
	if (text)
		date_parse(text, &d);
	return d;
}

static enum cat_duration_unit col_unit(sqlite3_stmt *st, int col)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	for (int u = CAT_UREN; text && u <= CAT_MAANDEN; u++)
		if (strcmp(text, unit_names[u]) == 0)
			return (enum cat_duration_unit)u;
	return CAT_UNIT_NONE;
}

static void read_instrument(sqlite3_stmt *st, struct cat_instrument *in, struct arena *a)
{
	int k = 0;
	in->id = db_col_text(st, k++, a);
	in->organisation = db_col_text(st, k++, a);
	in->provider = db_col_text(st, k++, a);
	in->name = db_col_text(st, k++, a);
	in->publish = sqlite3_column_int(st, k++) != 0;
	in->publish_from = col_date(st, k++);
	in->publish_until = col_date(st, k++);
	in->summary = db_col_text(st, k++, a);
	in->goal = db_col_text(st, k++, a);
	in->method = db_col_text(st, k++, a);
	in->distinctive = db_col_text(st, k++, a);
	in->conditions = db_col_text(st, k++, a);
	in->agreements = db_col_text(st, k++, a);
	in->partners = db_col_text(st, k++, a);
	in->target_group_note = db_col_text(st, k++, a);
	in->additional_info = db_col_text(st, k++, a);
	in->registration = db_col_text(st, k++, a);
	in->duration = col_real(st, k++, &in->has_duration);
	in->duration_unit = col_unit(st, k++);
	in->duration_note = db_col_text(st, k++, a);
	in->intensity_hours = col_real(st, k++, &in->has_intensity);
	in->intensity_note = db_col_text(st, k++, a);
	in->cost_eur = col_real(st, k++, &in->has_cost);
	in->cost_note = db_col_text(st, k++, a);
	in->group = sqlite3_column_int(st, k++) != 0;
	in->individual = sqlite3_column_int(st, k++) != 0;
}

static int load_instruments(struct store *s, struct catalogue *c, struct cat_instrument **out,
			    struct arena *a, struct err *e)
{
	size_t n;
	int rc = count_rows(s, "SELECT count(*) FROM cat_instruments", &n, e);
	if (rc != IPM_OK)
		return rc;
	struct cat_instrument *v = arena_array(a, n ? n : 1, sizeof *v);
	sqlite3_stmt *st = NULL;
	rc = prepare(s,
		     "SELECT id, organisation, provider, name, publish, publish_from, publish_until,"
		     " summary, goal, method, distinctive, conditions, agreements, partners,"
		     " target_group_note, additional_info, registration, duration, duration_unit,"
		     " duration_note, intensity_hours, intensity_note, cost_eur, cost_note, is_group,"
		     " is_individual, seq FROM cat_instruments ORDER BY seq",
		     &st, "catalogue load", e);
	size_t i = 0;
	int step = SQLITE_DONE;
	while (rc == IPM_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		/* replace numbers instruments 1..n; anything else is not ours */
		if (i >= n || sqlite3_column_int64(st, 26) != (int64_t)i + 1) {
			rc = err_set(e, IPM_ESTORE, "catalogue load: instrument %zu is out of order",
				     i + 1);
			break;
		}
		read_instrument(st, &v[i++], a);
	}
	if (rc == IPM_OK && step != SQLITE_DONE)
		rc = db_fail(s->db, "catalogue load", e);
	sqlite3_finalize(st);
	c->instruments = v;
	c->n_instruments = i;
	*out = v;
	return rc;
}

/* Rows of one list table (instrument, columns...) in (instrument, pos)
 * order: each instrument's rows are one contiguous run. `take` copies the
 * columns of row r (the instrument's k-th) into the arena array. */
typedef void (*item_fn)(sqlite3_stmt *st, void *items, size_t r, struct arena *a);

struct item_list {
	const char *select_sql;
	size_t size;                /* of one item */
	size_t list_off, count_off; /* in struct cat_instrument */
	item_fn take;
};

static int load_items(struct store *s, const struct item_list *il, struct cat_instrument *v,
		      size_t n, struct arena *a, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = prepare(s, il->select_sql, &st, "catalogue load", e);
	if (rc != IPM_OK)
		return rc;
	/* One pass to count per instrument, one to fill: no reallocation and
	 * one arena block per list. */
	size_t *count = xcalloc(n + 1, sizeof *count), total = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(st, 0);
		if (seq < 1 || (size_t)seq > n) {
			rc = err_set(e, IPM_ESTORE, "catalogue load: a list refers to instrument %lld",
				     (long long)seq);
			goto out;
		}
		count[seq - 1]++;
		total++;
	}
	if (step != SQLITE_DONE) {
		rc = db_fail(s->db, "catalogue load", e);
		goto out;
	}
	char *items = arena_array(a, total ? total : 1, il->size);
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		*(void **)((char *)&v[i] + il->list_off) = count[i] ? items + start * il->size : NULL;
		*(size_t *)((char *)&v[i] + il->count_off) = 0;
		start += count[i];
	}
	sqlite3_reset(st);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		struct cat_instrument *in = &v[sqlite3_column_int64(st, 0) - 1];
		size_t *k = (size_t *)((char *)in + il->count_off);
		il->take(st, *(void **)((char *)in + il->list_off), (*k)++, a);
	}
	if (step != SQLITE_DONE)
		rc = db_fail(s->db, "catalogue load", e);
out:
	free(count);
	sqlite3_finalize(st);
	return rc;
}

/* struct cat_strs is { v, n }: the same shape as every other list. */
static void take_str(sqlite3_stmt *st, void *items, size_t r, struct arena *a)
{
	((const char **)items)[r] = db_col_text(st, 1, a);
}

static void take_contact(sqlite3_stmt *st, void *items, size_t r, struct arena *a)
{
	struct cat_contact *p = &((struct cat_contact *)items)[r];
	p->name = db_col_text(st, 1, a);
	p->kind = db_col_text(st, 2, a);
	p->role = db_col_text(st, 3, a);
	p->email = db_col_text(st, 4, a);
	p->phone = db_col_text(st, 5, a);
}

static void take_location(sqlite3_stmt *st, void *items, size_t r, struct arena *a)
{
	struct cat_location *l = &((struct cat_location *)items)[r];
	l->name = db_col_text(st, 1, a);
	l->type = db_col_text(st, 2, a);
	l->address = db_col_text(st, 3, a);
	l->in_use = sqlite3_column_int(st, 4) != 0;
	l->description = db_col_text(st, 5, a);
}

static void take_regcode(sqlite3_stmt *st, void *items, size_t r, struct arena *a)
{
	struct cat_regcode *p = &((struct cat_regcode *)items)[r];
	p->code = db_col_text(st, 1, a);
	p->label = db_col_text(st, 2, a);
}

static void take_link(sqlite3_stmt *st, void *items, size_t r, struct arena *a)
{
	struct cat_link *p = &((struct cat_link *)items)[r];
	p->kind = db_col_text(st, 1, a);
	p->label = db_col_text(st, 2, a);
	p->url = db_col_text(st, 3, a);
}

#define ITEMS(sql, type, list, count, fn)                                                  	{ sql, sizeof(type), offsetof(struct cat_instrument, list),                          	  offsetof(struct cat_instrument, count), fn }

static const struct item_list item_lists[] = {
	ITEMS("SELECT instrument, name, kind, role, email, phone FROM cat_instrument_contacts"
	      " ORDER BY instrument, pos",
	      struct cat_contact, contacts, n_contacts, take_contact),
	ITEMS("SELECT instrument, name, type, address, in_use, description"
	      " FROM cat_instrument_locations ORDER BY instrument, pos",
	      struct cat_location, locations, n_locations, take_location),
	ITEMS("SELECT instrument, code, label FROM cat_instrument_regcodes"
	      " ORDER BY instrument, pos",
	      struct cat_regcode, regcodes, n_regcodes, take_regcode),
	ITEMS("SELECT instrument, kind, label, url FROM cat_instrument_links"
	      " ORDER BY instrument, pos",
	      struct cat_link, links, n_links, take_link),
};

_Static_assert(offsetof(struct cat_strs, n) == sizeof(const char **), "cat_strs is { v, n }");

struct load {
	struct catalogue *c;
	struct arena *a;
};

static int load_tx(struct store *s, void *ctx, struct err *e)
{
	struct load *l = ctx;
	int rc = IPM_OK;
	for (size_t i = 0; i < NRECORD_LISTS && rc == IPM_OK; i++)
		rc = load_records(s, &record_lists[i], l->c, l->a, e);
	struct cat_instrument *v = NULL;
	if (rc == IPM_OK)
		rc = load_instruments(s, l->c, &v, l->a, e);
	size_t n = l->c->n_instruments;
	for (size_t i = 0; i < NSTRS_LISTS && rc == IPM_OK; i++) {
		const struct item_list il = {
			strs_lists[i].select_sql, sizeof(const char *), strs_lists[i].off,
			strs_lists[i].off + offsetof(struct cat_strs, n), take_str
		};
		rc = load_items(s, &il, v, n, l->a, e);
	}
	for (size_t i = 0; i < sizeof item_lists / sizeof item_lists[0] && rc == IPM_OK; i++)
		rc = load_items(s, &item_lists[i], v, n, l->a, e);
	return rc;
}

int store_catalogue_load(struct store *s, struct catalogue *out, struct arena *a,
			 struct err *e)
{
	*out = (struct catalogue){ 0 };
	struct load l = { out, a };
	/* One snapshot: the lists and the instruments they refer to are read
	 * from the same catalogue. */
	int rc = cat_read_tx(s, "catalogue load", load_tx, &l, e);
	if (rc != IPM_OK)
		*out = (struct catalogue){ 0 };
	return rc;
}

/* --- counts ------------------------------------------------------------- */

struct counts {
	struct date on;
	struct store_cat_counts *out;
};

static int counts_tx(struct store *s, void *ctx, struct err *e)
{
	const struct counts *cc = ctx;
	struct date on = cc->on;
	struct store_cat_counts *out = cc->out;
	size_t *fields[NRECORD_LISTS] = { &out->organisations, &out->providers,
					  &out->target_groups, &out->regions, &out->gemeenten,
					  &out->wijken, &out->addresses };
	int rc = db_scalar(s, e, "catalogue counts", &out->generation,
			   "SELECT generation FROM cat_state WHERE id = 1", "");
	for (size_t i = 0; i < NRECORD_LISTS && rc == IPM_OK; i++)
		rc = count_rows(s, record_lists[i].count_sql, fields[i], e);
	if (rc == IPM_OK)
		rc = count_rows(s, "SELECT count(*) FROM cat_instruments", &out->instruments, e);
	char day[16] = "";
	if (date_is_set(on))
		snprintf(day, sizeof day, "%04d-%02d-%02d", on.y, on.m, on.d);
	int64_t published = 0;
	if (rc == IPM_OK)
		rc = db_scalar(s, e, "catalogue counts", &published,
			       "SELECT count(*) FROM cat_instruments WHERE publish = 1"
			       " AND (?1 = '' OR ((publish_from IS NULL OR publish_from <= ?1)"
			       " AND (publish_until IS NULL OR publish_until >= ?1)))",
			       "s", day);
	out->published = (size_t)published;
	return rc;
}

int store_catalogue_counts(struct store *s, struct date on, struct store_cat_counts *out,
			   struct err *e)
{
	*out = (struct store_cat_counts){ 0 };
	struct counts cc = { on, out };
	return cat_read_tx(s, "catalogue counts", counts_tx, &cc, e);
}

int cat_read_tx(struct store *s, const char *op, tx_fn fn, void *ctx, struct err *e)
{
	if (!sqlite3_get_autocommit(s->db)) /* already inside a transaction */
		return fn(s, ctx, e);
	/* Deferred: a read takes no write lock, and WAL gives it one snapshot
	 * from its first read to COMMIT while writers go on. */
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s->db, op, e);
	int rc = fn(s, ctx, e);
	if (rc == IPM_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		rc = db_fail(s->db, op, e);
	if (rc != IPM_OK && !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
