/* store_catalogue_search (store_catalogue.h): full text from FTS5, facets
 * from an index the connection keeps in memory (docs/store.md, "Catalogue
 * search").
 *
 * Why in memory: facet counts are needed over the whole matching set, for
 * every value of every facet. With GROUP BY that is one aggregate query per
 * facet over join tables for each search; here each facet value is a set of
 * instrument numbers (a bitmap, or a sorted list when it is small), the
 * candidates are one bitmap, and a count is an AND and a popcount — or, when
 * few instruments match, a walk over their own values. The index is rebuilt
 * when cat_state.generation moves (a replace on any connection); the
 * statements it uses are prepared once per connection.
 *
 * Instrument i (0-based) is row seq = i + 1: store_catalogue_replace numbers
 * them densely in list order. */
#include "store/sqlite_catalogue_internal.h"
#include "store/sqlite_catalogue_text.h"
#include "store/store_catalogue.h"

#include "core/bits.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

const char *const store_cat_facet_names[STORE_CAT_NFACETS] = {
	"tile", "klantkenmerk", "uitvoeringsvorm", "doelgroep", "regio", "gemeente", "wijk", "vorm",
};

static bool facet_is_geo(int f)
{
	return f == STORE_CAT_REGION || f == STORE_CAT_GEMEENTE || f == STORE_CAT_WIJK;
}

/* --- sets of instruments ------------------------------------------------ */

/* Sorted member list while building; afterwards either a bitmap (when that
 * is smaller: more than one member in 32) or the list. */
struct set {
	uint32_t *ids;
	uint64_t *bits;
	size_t n, cap;
};

static void set_push(struct set *s, uint32_t i)
{
	/* Members arrive in instrument order; one instrument may reach a value
	 * twice (5.1 and 5.3 both reach 5), and then it is counted once. */
	if (s->n && s->ids[s->n - 1] == i)
		return;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->ids = xrealloc(s->ids, s->cap * sizeof *s->ids);
	}
	s->ids[s->n++] = i;
}

static void set_seal(struct set *s, size_t n_instruments, size_t nwords)
{
	if (s->n * 32 <= n_instruments)
		return;
	s->bits = xcalloc(nwords ? nwords : 1, sizeof *s->bits);
	for (size_t k = 0; k < s->n; k++)
		s->bits[s->ids[k] >> 6] |= UINT64_C(1) << (s->ids[k] & 63);
	free(s->ids);
	s->ids = NULL;
	s->cap = 0;
}

static void set_free(struct set *s)
{
	free(s->ids);
	free(s->bits);
}

static bool bit(const uint64_t *b, size_t i)
{
	return (b[i >> 6] >> (i & 63)) & 1;
}

static size_t popcount_and(const uint64_t *a, const uint64_t *b, size_t nwords)
{
	return bits_count_and(a, b, nwords);
}

static size_t set_count(const struct set *s, const uint64_t *match, size_t nwords)
{
	if (s->bits)
		return popcount_and(s->bits, match, nwords);
	size_t c = 0;
	for (size_t k = 0; k < s->n; k++)
		c += bit(match, s->ids[k]);
	return c;
}

static void set_or_into(const struct set *s, uint64_t *dst, size_t nwords)
{
	if (s->bits) {
		for (size_t w = 0; w < nwords; w++)
			dst[w] |= s->bits[w];
		return;
	}
	for (size_t k = 0; k < s->n; k++)
		dst[s->ids[k] >> 6] |= UINT64_C(1) << (s->ids[k] & 63);
}

/* --- the index ---------------------------------------------------------- */

struct facet_value {
	char *code;
	struct set set; /* for the geographic facets without the unrestricted ones */
};

struct facet {
	struct facet_value *v;
	size_t n, cap;
};

struct cat_index {
	int64_t generation;
	bool stale;
	size_t n, nwords;
	/* per instrument */
	bool *publish;
	int32_t *from, *until; /* days (date_days); INT32_MIN / INT32_MAX when open */
	double *cost, *days;   /* NaN when not given */
	struct cat_text *text; /* the full text (and row lengths for ipm_bm25) */
	uint32_t *by_name;     /* instrument numbers in name, id order */
	uint32_t *val_start, *vals; /* each instrument's facet values (global numbers) */
	struct facet facets[STORE_CAT_NFACETS];
	size_t facet_base[STORE_CAT_NFACETS + 1]; /* global value number of a facet's first */
	uint64_t *unrestricted; /* no region, gemeente or wijk: available everywhere */
	/* the published set of one day, kept for the next search */
	bool pub_valid;
	int32_t pub_day;
	uint64_t *pub;
	/* scratch for one search */
	uint64_t *cand, *tmp, *match;
	size_t *counts;
	size_t per_value_cost; /* words and list members to count every value */
	/* statements, prepared once */
	sqlite3_stmt *st_generation, *st_text, *st_snippet, *st_row;
};

static void index_clear(struct cat_index *ix)
{
	free(ix->publish);
	free(ix->from);
	free(ix->until);
	free(ix->cost);
	free(ix->days);
	cat_text_free(ix->text);
	free(ix->by_name);
	free(ix->val_start);
	free(ix->vals);
	for (int f = 0; f < STORE_CAT_NFACETS; f++) {
		for (size_t k = 0; k < ix->facets[f].n; k++) {
			free(ix->facets[f].v[k].code);
			set_free(&ix->facets[f].v[k].set);
		}
		free(ix->facets[f].v);
	}
	free(ix->unrestricted);
	free(ix->pub);
	free(ix->cand);
	free(ix->tmp);
	free(ix->match);
	free(ix->counts);
	sqlite3_stmt *st[] = { ix->st_generation, ix->st_text, ix->st_snippet, ix->st_row };
	/* statements survive a rebuild: keep them */
	struct cat_index keep = { .st_generation = st[0], .st_text = st[1], .st_snippet = st[2],
				  .st_row = st[3] };
	*ix = keep;
	ix->generation = -1;
}

void cat_index_free(struct cat_index *ix)
{
	if (!ix)
		return;
	index_clear(ix);
	sqlite3_finalize(ix->st_generation);
	sqlite3_finalize(ix->st_text);
	sqlite3_finalize(ix->st_snippet);
	sqlite3_finalize(ix->st_row);
	free(ix);
}

void cat_index_invalidate(struct store *s)
{
	if (s->cat_index)
		s->cat_index->stale = true;
}

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

/* "5" < "5.1" < "5.3" < "10" < "10.1"; other bytes by value. A total order
 * (facet_find searches in it): runs of digits compare by value, then by
 * length ("1" < "01"), never through a conversion that could overflow. */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (digit(*a) && digit(*b)) {
			const char *ra = a, *rb = b;
			while (*ra == '0')
				ra++;
			while (*rb == '0')
				rb++;
			const char *ea = ra, *eb = rb;
			while (digit(*ea))
				ea++;
			while (digit(*eb))
				eb++;
			if (ea - ra != eb - rb) /* more significant digits: larger */
				return ea - ra < eb - rb ? -1 : 1;
			int c = memcmp(ra, rb, (size_t)(ea - ra));
			if (c != 0)
				return c < 0 ? -1 : 1;
			if (ea - a != eb - b) /* same value, fewer leading zeros first */
				return ea - a < eb - b ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static size_t facet_find(const struct facet *f, const char *code)
{
	/* values are few (tens, a few hundred wijken): binary search on the
	 * natural order they are sorted in */
	size_t lo = 0, hi = f->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = natural_cmp(f->v[mid].code, code);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

static size_t facet_add(struct facet *f, const char *code)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->v = xrealloc(f->v, f->cap * sizeof *f->v);
	}
	f->v[f->n] = (struct facet_value){ .code = xstrdup(code) };
	return f->n++;
}

static int value_cmp(const void *a, const void *b)
{
	return natural_cmp(((const struct facet_value *)a)->code,
			   ((const struct facet_value *)b)->code);
}

/* Sorts the values and removes repeats (before any member is added). */
static void facet_sort(struct facet *f)
{
	if (f->n)
		qsort(f->v, f->n, sizeof *f->v, value_cmp);
	size_t out = 0;
	for (size_t k = 0; k < f->n; k++) {
		if (out && natural_cmp(f->v[out - 1].code, f->v[k].code) == 0) {
			free(f->v[k].code);
			continue;
		}
		f->v[out++] = f->v[k];
	}
	f->n = out;
}

/* --- building ----------------------------------------------------------- */

struct build {
	struct store *s;
	struct cat_index *ix;
	/* geography: each value's parent and children (value numbers) */
	size_t *gem_region;  /* per gemeente value: region value or SIZE_MAX */
	size_t *wijk_gem;    /* per wijk value: gemeente value or SIZE_MAX */
};

static int build_fail(struct build *b, const char *what, struct err *e)
{
	return db_fail(b->s->db, what, e);
}

static double days_of(double value, const char *unit)
{
	if (!unit)
		return NAN;
	if (strcmp(unit, "uren") == 0)
		return value / 24.0;
	if (strcmp(unit, "dagen") == 0)
		return value;
	if (strcmp(unit, "weken") == 0)
		return value * 7.0;
	if (strcmp(unit, "maanden") == 0)
		return value * STORE_CAT_DAYS_PER_MONTH;
	return NAN;
}

static int32_t day_of(sqlite3_stmt *st, int col, int32_t open)
{
	const char *text = (const char *)sqlite3_column_text(st, col);
	struct date d;
	return text && date_parse(text, &d) ? date_days(d) : open;
}

static int build_instruments(struct build *b, struct err *e)
{
	struct cat_index *ix = b->ix;
	int64_t n = 0;
	int rc = db_scalar(b->s, e, "catalogue search", &n, "SELECT count(*) FROM cat_instruments",
			   "");
	if (rc != IPM_OK)
		return rc;
	ix->n = (size_t)n;
	ix->nwords = (ix->n + 63) / 64;
	size_t cells = ix->n ? ix->n : 1, words = ix->nwords ? ix->nwords : 1;
	ix->publish = xcalloc(cells, sizeof *ix->publish);
	ix->from = xcalloc(cells, sizeof *ix->from);
	ix->until = xcalloc(cells, sizeof *ix->until);
	ix->cost = xcalloc(cells, sizeof *ix->cost);
	ix->days = xcalloc(cells, sizeof *ix->days);
	ix->by_name = xcalloc(cells, sizeof *ix->by_name);
	ix->unrestricted = xcalloc(words, sizeof(uint64_t));
	ix->pub = xcalloc(words, sizeof(uint64_t));
	ix->cand = xcalloc(words, sizeof(uint64_t));
	ix->tmp = xcalloc(words, sizeof(uint64_t));
	ix->match = xcalloc(words, sizeof(uint64_t));

	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->s->db,
			       "SELECT seq, publish, publish_from, publish_until, duration, duration_unit,"
			       " cost_eur, is_group, is_individual FROM cat_instruments ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	struct facet *setting = &ix->facets[STORE_CAT_SETTING];
	facet_add(setting, "groep");
	facet_add(setting, "individueel");
	size_t i = 0;
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (i >= ix->n || sqlite3_column_int64(st, 0) != (int64_t)i + 1) {
			sqlite3_finalize(st);
			return err_set(e, IPM_ESTORE, "catalogue search: instrument %zu is out of order",
				       i + 1);
		}
		ix->publish[i] = sqlite3_column_int(st, 1) != 0;
		ix->from[i] = day_of(st, 2, INT32_MIN);
		ix->until[i] = day_of(st, 3, INT32_MAX);
		ix->days[i] = sqlite3_column_type(st, 4) == SQLITE_NULL
				      ? NAN
				      : days_of(sqlite3_column_double(st, 4),
						(const char *)sqlite3_column_text(st, 5));
		ix->cost[i] = sqlite3_column_type(st, 6) == SQLITE_NULL ? NAN
									  : sqlite3_column_double(st, 6);
		if (sqlite3_column_int(st, 7))
			set_push(&setting->v[0].set, (uint32_t)i);
		if (sqlite3_column_int(st, 8))
			set_push(&setting->v[1].set, (uint32_t)i);
		i++;
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return build_fail(b, "catalogue search", e);
	if (i != ix->n)
		return err_set(e, IPM_ESTORE, "catalogue search: instruments changed while read");

	if (sqlite3_prepare_v2(b->s->db, "SELECT seq FROM cat_instruments ORDER BY name, id", -1,
			       &st, NULL) != SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	i = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW && i < ix->n)
		ix->by_name[i++] = (uint32_t)(sqlite3_column_int64(st, 0) - 1);
	sqlite3_finalize(st);
	return step == SQLITE_DONE || step == SQLITE_ROW ? IPM_OK
							 : build_fail(b, "catalogue search", e);
}

/* The values of a code facet: every code its instruments use, and for
 * klantkenmerken the parent of each ("5" for "5.3": the part before the
 * first dot, as the codes of eva-klantkenmerken are built). */
static int build_code_facet(struct build *b, int f, const char *values_sql,
			    const char *members_sql, struct err *e)
{
	struct facet *fc = &b->ix->facets[f];
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->s->db, values_sql, -1, &st, NULL) != SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		facet_add(fc, code);
		const char *dot = f == STORE_CAT_KLANTKENMERK ? strchr(code, '.') : NULL;
		if (dot) {
			char *parent = xstrndup(code, (size_t)(dot - code));
			facet_add(fc, parent);
			free(parent);
		}
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return build_fail(b, "catalogue search", e);
	facet_sort(fc);

	if (sqlite3_prepare_v2(b->s->db, members_sql, -1, &st, NULL) != SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t i = (uint32_t)(sqlite3_column_int64(st, 0) - 1);
		const char *code = (const char *)sqlite3_column_text(st, 1);
		size_t v = facet_find(fc, code);
		if (v != SIZE_MAX)
			set_push(&fc->v[v].set, i);
		const char *dot = f == STORE_CAT_KLANTKENMERK ? strchr(code, '.') : NULL;
		if (dot) {
			char *parent = xstrndup(code, (size_t)(dot - code));
			v = facet_find(fc, parent);
			free(parent);
			if (v != SIZE_MAX)
				set_push(&fc->v[v].set, i);
		}
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? IPM_OK : build_fail(b, "catalogue search", e);
}

/* Every id of a record list as the values of a facet. */
static int build_record_values(struct build *b, int f, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW)
		facet_add(&b->ix->facets[f], (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	facet_sort(&b->ix->facets[f]);
	return step == SQLITE_DONE ? IPM_OK : build_fail(b, "catalogue search", e);
}

static int build_target_groups(struct build *b, struct err *e)
{
	struct facet *fc = &b->ix->facets[STORE_CAT_TARGET_GROUP];
	facet_add(fc, STORE_CAT_EVERYONE); /* "-" sorts before every id */
	int rc = build_record_values(b, STORE_CAT_TARGET_GROUP, "SELECT id FROM cat_target_groups",
				     e);
	if (rc != IPM_OK)
		return rc;
	uint64_t *has = xcalloc(b->ix->nwords ? b->ix->nwords : 1, sizeof *has);
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->s->db,
			       "SELECT instrument, target_group FROM cat_instrument_target_groups"
			       " ORDER BY instrument, pos",
			       -1, &st, NULL) != SQLITE_OK) {
		free(has);
		return build_fail(b, "catalogue search", e);
	}
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t i = (uint32_t)(sqlite3_column_int64(st, 0) - 1);
		size_t v = facet_find(fc, (const char *)sqlite3_column_text(st, 1));
		if (v != SIZE_MAX)
			set_push(&fc->v[v].set, i);
		has[i >> 6] |= UINT64_C(1) << (i & 63);
	}
	sqlite3_finalize(st);
	size_t everyone = facet_find(fc, STORE_CAT_EVERYONE);
	for (size_t i = 0; i < b->ix->n; i++)
		if (!bit(has, i))
			set_push(&fc->v[everyone].set, (uint32_t)i);
	free(has);
	return step == SQLITE_DONE ? IPM_OK : build_fail(b, "catalogue search", e);
}

/* Links between the geographic values: a gemeente's region, a wijk's
 * gemeente (value numbers in their facets). */
static int build_geo_links(struct build *b, struct err *e)
{
	struct facet *reg = &b->ix->facets[STORE_CAT_REGION];
	struct facet *gem = &b->ix->facets[STORE_CAT_GEMEENTE];
	struct facet *wijk = &b->ix->facets[STORE_CAT_WIJK];
	b->gem_region = xcalloc(gem->n + 1, sizeof *b->gem_region);
	b->wijk_gem = xcalloc(wijk->n + 1, sizeof *b->wijk_gem);
	for (size_t k = 0; k < gem->n; k++)
		b->gem_region[k] = SIZE_MAX;
	for (size_t k = 0; k < wijk->n; k++)
		b->wijk_gem[k] = SIZE_MAX;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->s->db, "SELECT id, region FROM cat_gemeenten WHERE region IS NOT NULL",
			       -1, &st, NULL) != SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t g = facet_find(gem, (const char *)sqlite3_column_text(st, 0));
		if (g != SIZE_MAX)
			b->gem_region[g] = facet_find(reg, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_DONE)
		return build_fail(b, "catalogue search", e);
	if (sqlite3_prepare_v2(b->s->db, "SELECT id, gemeente FROM cat_wijken", -1, &st, NULL) !=
	    SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		size_t w = facet_find(wijk, (const char *)sqlite3_column_text(st, 0));
		if (w != SIZE_MAX)
			b->wijk_gem[w] = facet_find(gem, (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	return step == SQLITE_DONE ? IPM_OK : build_fail(b, "catalogue search", e);
}

/* An instrument listing an area is available in every place that overlaps
 * it: a region reaches its gemeenten and their wijken; a gemeente its region
 * and its wijken; a wijk its gemeente and that gemeente's region. */
static void reach_gemeente(struct build *b, size_t g, uint32_t i, bool down)
{
	struct cat_index *ix = b->ix;
	set_push(&ix->facets[STORE_CAT_GEMEENTE].v[g].set, i);
	if (!down)
		return;
	for (size_t w = 0; w < ix->facets[STORE_CAT_WIJK].n; w++)
		if (b->wijk_gem[w] == g)
			set_push(&ix->facets[STORE_CAT_WIJK].v[w].set, i);
}

static void reach(struct build *b, int kind, size_t v, uint32_t i)
{
	struct cat_index *ix = b->ix;
	struct facet *reg = &ix->facets[STORE_CAT_REGION];
	if (kind == 0) { /* region */
		set_push(&reg->v[v].set, i);
		for (size_t g = 0; g < ix->facets[STORE_CAT_GEMEENTE].n; g++)
			if (b->gem_region[g] == v)
				reach_gemeente(b, g, i, true);
	} else if (kind == 1) { /* gemeente */
		reach_gemeente(b, v, i, true);
		if (b->gem_region[v] != SIZE_MAX)
			set_push(&reg->v[b->gem_region[v]].set, i);
	} else { /* wijk */
		set_push(&ix->facets[STORE_CAT_WIJK].v[v].set, i);
		size_t g = b->wijk_gem[v];
		if (g == SIZE_MAX)
			return;
		reach_gemeente(b, g, i, false);
		if (b->gem_region[g] != SIZE_MAX)
			set_push(&reg->v[b->gem_region[g]].set, i);
	}
}

static int build_geo(struct build *b, struct err *e)
{
	int rc = build_record_values(b, STORE_CAT_REGION, "SELECT id FROM cat_regions", e);
	if (rc == IPM_OK)
		rc = build_record_values(b, STORE_CAT_GEMEENTE, "SELECT id FROM cat_gemeenten", e);
	if (rc == IPM_OK)
		rc = build_record_values(b, STORE_CAT_WIJK, "SELECT id FROM cat_wijken", e);
	if (rc == IPM_OK)
		rc = build_geo_links(b, e);
	if (rc != IPM_OK)
		return rc;
	struct cat_index *ix = b->ix;
	memset(ix->unrestricted, 0xff, ix->nwords * sizeof(uint64_t));
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(b->s->db,
			       "SELECT instrument, 0, region FROM cat_instrument_regions"
			       " UNION ALL SELECT instrument, 1, gemeente FROM cat_instrument_gemeenten"
			       " UNION ALL SELECT instrument, 2, wijk FROM cat_instrument_wijken"
			       " ORDER BY 1",
			       -1, &st, NULL) != SQLITE_OK)
		return build_fail(b, "catalogue search", e);
	static const int facet_of[] = { STORE_CAT_REGION, STORE_CAT_GEMEENTE, STORE_CAT_WIJK };
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t i = (uint32_t)(sqlite3_column_int64(st, 0) - 1);
		int kind = sqlite3_column_int(st, 1);
		size_t v = facet_find(&ix->facets[facet_of[kind]],
				      (const char *)sqlite3_column_text(st, 2));
		ix->unrestricted[i >> 6] &= ~(UINT64_C(1) << (i & 63));
		if (v != SIZE_MAX)
			reach(b, kind, v, i);
	}
	sqlite3_finalize(st);
	if (ix->n % 64) /* no bits beyond the last instrument */
		ix->unrestricted[ix->nwords - 1] &= (UINT64_C(1) << (ix->n % 64)) - 1;
	return step == SQLITE_DONE ? IPM_OK : build_fail(b, "catalogue search", e);
}

/* Seals every set, numbers the values globally and lists each instrument's
 * values (for counting over few matches). */
static void build_finish(struct cat_index *ix)
{
	size_t total = 0, members = 0;
	for (int f = 0; f < STORE_CAT_NFACETS; f++) {
		ix->facet_base[f] = total;
		total += ix->facets[f].n;
		for (size_t k = 0; k < ix->facets[f].n; k++)
			members += ix->facets[f].v[k].set.n;
	}
	ix->facet_base[STORE_CAT_NFACETS] = total;
	ix->counts = xcalloc(total + 1, sizeof *ix->counts);
	ix->val_start = xcalloc(ix->n + 1, sizeof *ix->val_start);
	ix->vals = xcalloc(members + 1, sizeof *ix->vals);
	for (int f = 0; f < STORE_CAT_NFACETS; f++)
		for (size_t k = 0; k < ix->facets[f].n; k++) {
			const struct set *s = &ix->facets[f].v[k].set;
			for (size_t m = 0; m < s->n; m++)
				ix->val_start[s->ids[m] + 1]++;
		}
	for (size_t i = 0; i < ix->n; i++)
		ix->val_start[i + 1] += ix->val_start[i];
	uint32_t *fill = xcalloc(ix->n + 1, sizeof *fill);
	for (int f = 0; f < STORE_CAT_NFACETS; f++)
		for (size_t k = 0; k < ix->facets[f].n; k++) {
			struct set *s = &ix->facets[f].v[k].set;
			for (size_t m = 0; m < s->n; m++) {
				uint32_t i = s->ids[m];
				ix->vals[ix->val_start[i] + fill[i]++] =
					(uint32_t)(ix->facet_base[f] + k);
			}
			set_seal(s, ix->n, ix->nwords);
			ix->per_value_cost += s->bits ? ix->nwords : s->n;
		}
	free(fill);
}

static int index_build(struct store *s, struct cat_index *ix, int64_t generation,
		       struct err *e)
{
	index_clear(ix);
	struct build b = { .s = s, .ix = ix };
	int rc = build_instruments(&b, e);
	if (rc == IPM_OK)
		rc = cat_text_build(s, ix->n, &ix->text, e);
	if (rc == IPM_OK)
		rc = build_code_facet(&b, STORE_CAT_TILE,
				      "SELECT DISTINCT code FROM cat_instrument_tiles",
				      "SELECT instrument, code FROM cat_instrument_tiles"
				      " ORDER BY instrument, pos", e);
	if (rc == IPM_OK)
		rc = build_code_facet(&b, STORE_CAT_KLANTKENMERK,
				      "SELECT DISTINCT code FROM cat_instrument_klantkenmerken",
				      "SELECT instrument, code FROM cat_instrument_klantkenmerken"
				      " ORDER BY instrument, pos", e);
	if (rc == IPM_OK)
		rc = build_code_facet(&b, STORE_CAT_FORM,
				      "SELECT DISTINCT code FROM cat_instrument_forms",
				      "SELECT instrument, code FROM cat_instrument_forms"
				      " ORDER BY instrument, pos", e);
	if (rc == IPM_OK)
		rc = build_target_groups(&b, e);
	if (rc == IPM_OK)
		rc = build_geo(&b, e);
	free(b.gem_region);
	free(b.wijk_gem);
	if (rc != IPM_OK) {
		index_clear(ix);
		return rc;
	}
	build_finish(ix);
	ix->generation = generation;
	ix->stale = false;
	return IPM_OK;
}

/* --- the text condition --------------------------------------------------- */

struct items {
	struct cat_text_item *v;
	size_t n, cap;
};

/* Turns the user's words into an FTS5 expression in which every word or
 * quoted phrase is a string ("word", "a phrase", "prefix"*), so that no
 * input is FTS5 syntax (AND, NEAR, a stray quote) and none can fail to
 * parse; and lists the same words as items for the in-memory text index.
 * Returns false when there is no word at all. */
static bool match_expr(const char *text, struct buf *out, struct items *items)
{
	const char *p = text;
	bool any = false;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		const char *start, *end;
		bool prefix = false;
		if (*p == '"') {
			start = ++p;
			while (*p && *p != '"')
				p++;
			end = p;
			if (*p)
				p++;
		} else {
			start = p;
			while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '"')
				p++;
			end = p;
			if (end > start && end[-1] == '*') {
				prefix = true;
				end--;
			}
		}
		if (end == start)
			continue;
		if (items->n == items->cap) {
			items->cap = items->cap ? 2 * items->cap : 8;
			items->v = xrealloc(items->v, items->cap * sizeof *items->v);
		}
		items->v[items->n++] = (struct cat_text_item){ start, (size_t)(end - start), prefix };
		if (any)
			buf_putc(out, ' ');
		buf_putc(out, '"');
		for (const char *c = start; c < end; c++) {
			if (*c == '"')
				buf_putc(out, '"');
			buf_putc(out, *c);
		}
		buf_putc(out, '"');
		if (prefix)
			buf_putc(out, '*');
		any = true;
	}
	return any;
}

/* ipm_cat_in(bitmap, rowid): whether the instrument is still a candidate,
 * so that FTS5 computes bm25 only for rows that pass the facets. */
struct cand_ptr {
	const uint64_t *bits;
	size_t n;
};

static void fn_cat_in(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct cand_ptr *c = sqlite3_value_pointer(argv[0], "ipm_cat_cand");
	sqlite3_int64 seq = sqlite3_value_int64(argv[1]);
	sqlite3_result_int(ctx, c && seq >= 1 && (size_t)seq <= c->n && bit(c->bits, (size_t)seq - 1));
}

static int index_prepare(struct store *s, struct cat_index *ix, struct err *e)
{
	if (sqlite3_create_function_v2(s->db, "ipm_cat_in", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL,
				       fn_cat_in, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(s->db, "catalogue search", e);
	static const struct {
		size_t off;
		const char *sql;
	} stmts[] = {
		{ offsetof(struct cat_index, st_generation),
		  "SELECT generation FROM cat_state WHERE id = 1" },
		{ offsetof(struct cat_index, st_text),
		  "SELECT rowid, ipm_bm25(cat_fts, ?3) FROM cat_fts"
		  " WHERE cat_fts MATCH ?1 AND ipm_cat_in(?2, rowid)" },
		{ offsetof(struct cat_index, st_snippet),
		  "SELECT snippet(cat_fts, -1, ?2, ?3, '…', 16) FROM cat_fts"
		  " WHERE cat_fts MATCH ?1 AND rowid = ?4" },
		{ offsetof(struct cat_index, st_row),
		  "SELECT id, name, summary FROM cat_instruments WHERE seq = ?" },
	};
	for (size_t k = 0; k < sizeof stmts / sizeof stmts[0]; k++) {
		sqlite3_stmt **st = (sqlite3_stmt **)((char *)ix + stmts[k].off);
		if (sqlite3_prepare_v3(s->db, stmts[k].sql, -1, SQLITE_PREPARE_PERSISTENT, st,
				       NULL) != SQLITE_OK)
			return db_fail(s->db, "catalogue search", e);
	}
	return IPM_OK;
}

/* The connection's index, built or rebuilt when the catalogue changed. */
static int index_current(struct store *s, struct cat_index **out, struct err *e)
{
	struct cat_index *ix = s->cat_index;
	if (!ix) {
		ix = xcalloc(1, sizeof *ix);
		ix->generation = -1;
		int rc = index_prepare(s, ix, e);
		if (rc != IPM_OK) {
			cat_index_free(ix);
			return rc;
		}
		s->cat_index = ix;
	}
	int64_t generation = -1;
	int step = sqlite3_step(ix->st_generation);
	if (step == SQLITE_ROW)
		generation = sqlite3_column_int64(ix->st_generation, 0);
	sqlite3_reset(ix->st_generation);
	if (step != SQLITE_ROW)
		return db_fail(s->db, "catalogue search", e);
	*out = ix;
	if (ix->stale || ix->generation != generation)
		return index_build(s, ix, generation, e);
	return IPM_OK;
}

/* --- searching ---------------------------------------------------------- */

struct search {
	struct store *s;
	const struct store_cat_query *q;
	struct store_cat_result *out;
	struct arena *a;
	struct cat_index *ix;
	struct buf expr;   /* the FTS5 expression, empty without text */
	struct items items; /* the same words */
	/* text matches that pass the facets: instrument and bm25 */
	uint32_t *hit_i;
	double *hit_score;
	size_t n_hits, cap_hits;
};

static void published_on(struct cat_index *ix, struct date on)
{
	int32_t day = date_days(on);
	if (ix->pub_valid && ix->pub_day == day)
		return;
	memset(ix->pub, 0, ix->nwords * sizeof *ix->pub);
	for (size_t i = 0; i < ix->n; i++)
		if (ix->publish[i] && ix->from[i] <= day && day <= ix->until[i])
			ix->pub[i >> 6] |= UINT64_C(1) << (i & 63);
	ix->pub_valid = true;
	ix->pub_day = day;
}

static bool in_range(double v, double lo, double hi)
{
	if (isnan(lo) && isnan(hi))
		return true;
	if (isnan(v))
		return false;
	return (isnan(lo) || v >= lo) && (isnan(hi) || v <= hi);
}

/* The candidates: published, every facet, every range. */
static void candidates(struct search *sr)
{
	struct cat_index *ix = sr->ix;
	const struct store_cat_query *q = sr->q;
	size_t nw = ix->nwords;
	if (date_is_set(q->published_on)) {
		published_on(ix, q->published_on);
		memcpy(ix->cand, ix->pub, nw * sizeof *ix->cand);
	} else {
		memset(ix->cand, 0xff, nw * sizeof *ix->cand);
		if (ix->n % 64)
			ix->cand[nw - 1] = (UINT64_C(1) << (ix->n % 64)) - 1;
	}
	for (int f = 0; f < STORE_CAT_NFACETS; f++) {
		const struct cat_strs *chosen = &q->facets[f];
		if (chosen->n == 0)
			continue;
		memset(ix->tmp, 0, nw * sizeof *ix->tmp);
		for (size_t k = 0; k < chosen->n; k++) {
			size_t v = facet_find(&ix->facets[f], chosen->v[k]);
			if (v != SIZE_MAX)
				set_or_into(&ix->facets[f].v[v].set, ix->tmp, nw);
		}
		if (facet_is_geo(f))
			for (size_t w = 0; w < nw; w++)
				ix->tmp[w] |= ix->unrestricted[w];
		for (size_t w = 0; w < nw; w++)
			ix->cand[w] &= ix->tmp[w];
	}
	bool ranges = !isnan(q->cost_min) || !isnan(q->cost_max) || !isnan(q->days_min) ||
		      !isnan(q->days_max);
	for (size_t w = 0; ranges && w < nw; w++) {
		uint64_t word = ix->cand[w];
		while (word) {
			size_t i = w * 64 + (size_t)__builtin_ctzll(word);
			word &= word - 1;
			if (!in_range(ix->cost[i], q->cost_min, q->cost_max) ||
			    !in_range(ix->days[i], q->days_min, q->days_max))
				ix->cand[w] &= ~(UINT64_C(1) << (i & 63));
		}
	}
}

static int text_matches(struct search *sr, struct err *e)
{
	struct cat_index *ix = sr->ix;
	sqlite3_stmt *st = ix->st_text;
	struct cand_ptr cand = { ix->cand, ix->n };
	struct doclen_ptr doclen = { cat_text_doclen(ix->text), ix->n };
	sqlite3_bind_text(st, 1, sr->expr.data, (int)sr->expr.len, SQLITE_STATIC);
	sqlite3_bind_pointer(st, 2, &cand, "ipm_cat_cand", NULL);
	sqlite3_bind_pointer(st, 3, &doclen, "ipm_doclen", NULL);
	memset(ix->match, 0, ix->nwords * sizeof *ix->match);
	int step;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 seq = sqlite3_column_int64(st, 0);
		if (seq < 1 || (size_t)seq > ix->n)
			continue; /* cannot happen: the index follows cat_instruments */
		if (sr->n_hits == sr->cap_hits) {
			sr->cap_hits = sr->cap_hits ? 2 * sr->cap_hits : 256;
			sr->hit_i = xrealloc(sr->hit_i, sr->cap_hits * sizeof *sr->hit_i);
			sr->hit_score = xrealloc(sr->hit_score, sr->cap_hits * sizeof *sr->hit_score);
		}
		uint32_t i = (uint32_t)(seq - 1);
		sr->hit_i[sr->n_hits] = i;
		sr->hit_score[sr->n_hits++] = sqlite3_column_double(st, 1);
		ix->match[i >> 6] |= UINT64_C(1) << (i & 63);
	}
	int rc = step == SQLITE_DONE ? IPM_OK : db_fail(sr->s->db, "catalogue search: text", e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* Counts per facet value over the matching set, the cheaper of two ways:
 * per value an AND and popcount over its bitmap (or a bit test per member
 * of a short list), or per matching instrument a walk over its own values.
 * Measured at 100,000 instruments (bench_catalogue): a word of a bitmap
 * costs about 0.75 ns, a value of a match 1.7-2.5 ns (a load and an
 * increment of a counter that the previous match may just have
 * incremented), hence the factor 3. */
static void facet_counts(struct search *sr, size_t total)
{
	struct cat_index *ix = sr->ix;
	size_t nvals = ix->facet_base[STORE_CAT_NFACETS];
	size_t per_match = ix->n ? total * (ix->val_start[ix->n] / ix->n + 1) * 3 : 0;
	memset(ix->counts, 0, (nvals + 1) * sizeof *ix->counts);
	if (per_match < ix->per_value_cost) {
		for (size_t w = 0; w < ix->nwords; w++) {
			uint64_t word = ix->match[w];
			while (word) {
				size_t i = w * 64 + (size_t)__builtin_ctzll(word);
				word &= word - 1;
				for (uint32_t k = ix->val_start[i]; k < ix->val_start[i + 1]; k++)
					ix->counts[ix->vals[k]]++;
			}
		}
	} else {
		for (int f = 0; f < STORE_CAT_NFACETS; f++)
			for (size_t k = 0; k < ix->facets[f].n; k++)
				ix->counts[ix->facet_base[f] + k] =
					set_count(&ix->facets[f].v[k].set, ix->match, ix->nwords);
	}
	size_t everywhere = popcount_and(ix->match, ix->unrestricted, ix->nwords);
	for (int f = 0; f < STORE_CAT_NFACETS; f++) {
		struct store_cat_facet_count *v =
			arena_array(sr->a, ix->facets[f].n ? ix->facets[f].n : 1, sizeof *v);
		for (size_t k = 0; k < ix->facets[f].n; k++) {
			v[k].code = arena_strdup(sr->a, ix->facets[f].v[k].code);
			v[k].count = ix->counts[ix->facet_base[f] + k] +
				     (facet_is_geo(f) ? everywhere : 0);
		}
		sr->out->facets[f].v = v;
		sr->out->facets[f].n = ix->facets[f].n;
	}
}

/* Hit a ranks before hit b: lower bm25, then catalogue order. */
static bool ranks_before(const struct search *sr, size_t a, size_t b)
{
	if (sr->hit_score[a] != sr->hit_score[b])
		return sr->hit_score[a] < sr->hit_score[b];
	return sr->hit_i[a] < sr->hit_i[b];
}

static void hit_swap(struct search *sr, size_t a, size_t b)
{
	uint32_t i = sr->hit_i[a];
	double sc = sr->hit_score[a];
	sr->hit_i[a] = sr->hit_i[b];
	sr->hit_score[a] = sr->hit_score[b];
	sr->hit_i[b] = i;
	sr->hit_score[b] = sc;
}

/* Heap of the k best in hits[0..k): the root is the worst kept. */
static void sift_down(struct search *sr, size_t k, size_t at)
{
	for (;;) {
		size_t l = 2 * at + 1, r = l + 1, worst = at;
		if (l < k && ranks_before(sr, worst, l))
			worst = l;
		if (r < k && ranks_before(sr, worst, r))
			worst = r;
		if (worst == at)
			return;
		hit_swap(sr, at, worst);
		at = worst;
	}
}

/* Moves the best k hits, in rank order, to the front: O(n log k). */
static size_t top_k(struct search *sr, size_t k)
{
	size_t n = sr->n_hits;
	if (k > n)
		k = n;
	if (k == 0)
		return 0;
	for (size_t at = k / 2; at-- > 0;)
		sift_down(sr, k, at);
	for (size_t j = k; j < n; j++)
		if (ranks_before(sr, j, 0)) {
			hit_swap(sr, j, 0);
			sift_down(sr, k, 0);
		}
	for (size_t end = k; end > 1; end--) { /* heap sort: worst to the back */
		hit_swap(sr, 0, end - 1);
		sift_down(sr, end - 1, 0);
	}
	return k;
}

static int fill_hit(struct search *sr, uint32_t i, double score, struct store_cat_hit *h,
		    struct err *e)
{
	struct cat_index *ix = sr->ix;
	sqlite3_stmt *st = ix->st_row;
	sqlite3_bind_int64(st, 1, (int64_t)i + 1);
	int rc = IPM_OK;
	if (sqlite3_step(st) == SQLITE_ROW) {
		h->id = db_col_text(st, 0, sr->a);
		h->name = db_col_text(st, 1, sr->a);
		h->snippet = db_col_text(st, 2, sr->a);
		h->score = score;
	} else {
		rc = db_fail(sr->s->db, "catalogue search", e);
	}
	sqlite3_reset(st);
	if (rc != IPM_OK || sr->expr.len == 0)
		return rc;
	st = ix->st_snippet;
	const char *open = sr->q->mark_open ? sr->q->mark_open : "[";
	const char *close = sr->q->mark_close ? sr->q->mark_close : "]";
	sqlite3_bind_text(st, 1, sr->expr.data, (int)sr->expr.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, open, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, close, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (int64_t)i + 1);
	int step = sqlite3_step(st);
	if (step == SQLITE_ROW)
		h->snippet = db_col_text(st, 0, sr->a);
	else if (step != SQLITE_DONE)
		rc = db_fail(sr->s->db, "catalogue search: snippet", e);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc;
}

/* The page: its first result and how many it shows. */
static void page_bounds(const struct store_cat_query *q, size_t total, size_t *first,
			size_t *want)
{
	size_t limit = q->limit ? q->limit : STORE_CAT_PAGE;
	if (limit > STORE_CAT_PAGE_MAX)
		limit = STORE_CAT_PAGE_MAX;
	*first = q->offset < total ? q->offset : total;
	*want = total - *first < limit ? total - *first : limit;
}

static int page(struct search *sr, size_t total, struct err *e)
{
	const struct store_cat_query *q = sr->q;
	struct cat_index *ix = sr->ix;
	size_t first, want;
	page_bounds(q, total, &first, &want);
	struct store_cat_hit *hits = arena_array(sr->a, want ? want : 1, sizeof *hits);
	int rc = IPM_OK;
	if (sr->expr.len) {
		size_t k = top_k(sr, first + want);
		for (size_t j = first; j < k && rc == IPM_OK; j++)
			rc = fill_hit(sr, sr->hit_i[j], sr->hit_score[j], &hits[j - first], e);
	} else {
		size_t seen = 0, got = 0;
		for (size_t r = 0; r < ix->n && got < want && rc == IPM_OK; r++) {
			uint32_t i = ix->by_name[r];
			if (!bit(ix->match, i) || seen++ < first)
				continue;
			rc = fill_hit(sr, i, 0.0, &hits[got++], e);
		}
	}
	sr->out->hits = hits;
	sr->out->n_hits = want;
	return rc;
}

static int search_tx(struct store *s, void *ctx, struct err *e)
{
	struct search *sr = ctx;
	int rc = index_current(s, &sr->ix, e);
	if (rc != IPM_OK)
		return rc;
	struct cat_index *ix = sr->ix;
	candidates(sr);
	size_t total;
	struct cat_text_query tq;
	if (sr->expr.len && cat_text_parse(ix->text, sr->items.v, sr->items.n, &tq)) {
		/* words only: the in-memory index, which scores just enough
		 * matches to know the page */
		total = cat_text_match(ix->text, &tq, ix->cand, ix->match);
		size_t first, want;
		page_bounds(sr->q, total, &first, &want);
		cat_text_hits(ix->text, &tq, ix->match, first + want, &sr->hit_i, &sr->hit_score,
			      &sr->n_hits, &sr->cap_hits);
	} else if (sr->expr.len) { /* phrases and prefixes: FTS5 */
		rc = text_matches(sr, e);
		if (rc != IPM_OK)
			return rc;
		total = sr->n_hits;
	} else {
		memcpy(ix->match, ix->cand, ix->nwords * sizeof *ix->match);
		total = popcount_and(ix->match, ix->match, ix->nwords);
	}
	sr->out->total = total;
	facet_counts(sr, total);
	return page(sr, total, e);
}

void store_cat_query_init(struct store_cat_query *q)
{
	*q = (struct store_cat_query){ .cost_min = NAN, .cost_max = NAN, .days_min = NAN,
				       .days_max = NAN, .published_on = DATE_NONE };
}

int store_catalogue_search(struct store *s, const struct store_cat_query *q,
			   struct store_cat_result *out, struct arena *a, struct err *e)
{
	*out = (struct store_cat_result){ 0 };
	struct search sr = { .s = s, .q = q, .out = out, .a = a };
	if (q->text) /* blank text (or only quotes and stars) is no text */
		match_expr(q->text, &sr.expr, &sr.items);
	int rc = cat_read_tx(s, "catalogue search", search_tx, &sr, e);
	buf_free(&sr.expr);
	free(sr.items.v);
	free(sr.hit_i);
	free(sr.hit_score);
	if (rc != IPM_OK)
		*out = (struct store_cat_result){ 0 };
	return rc;
}
