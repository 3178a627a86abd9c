/* ipm catalogue import|export|search|gaps: the instrument catalogue between
 * files and the database, searched with text and facets, and where its
 * offer has gaps (docs/catalogue.md). */
#include "cli/commands.h"
#include "cli/options.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "engine/catalogue_gaps.h"
#include "pack/catalogue_vocab.h"
#include "services/catalogue_gaps_write.h"
#include "services/catalogue_store.h"
#include "store/store_catalogue.h"

#include <getopt.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char catalogue_usage[] =
	"usage: ipm catalogue import FILE.json|DIR [--db PATH] [--data DIR]\n"
	"       ipm catalogue export [--format json|csv] [-o FILE|DIR] [--db PATH]\n"
	"       ipm catalogue search [TEXT] [filters] [--format text|json] [--db PATH]\n"
	"       ipm catalogue gaps [--min N] [--date DAY] [--format text|json|csv] [--db PATH]\n"
	"\n"
	"import   reads a catalogue (a JSON file, or a directory of CSV files), checks\n"
	"         every rule against the packs in DIR/packs and replaces the stored\n"
	"         catalogue. Any problem: every problem is listed, nothing is written,\n"
	"         exit status 2.\n"
	"export   writes the stored catalogue: JSON to FILE (or standard output without\n"
	"         -o), CSV files into DIR (which must not exist or be empty).\n"
	"search   full text over name, summary, goal and method (Dutch stemming: schulden\n"
	"         finds schuld; \"a phrase\"; a word ending in * is a prefix) with filters,\n"
	"         each repeatable (values of one filter are alternatives):\n"
	"           --tile CODE  --klantkenmerk CODE (5 includes 5.1-5.3)  --form CODE\n"
	"           --target-group ID (- = instruments for everyone)\n"
	"           --region ID  --gemeente ID  --wijk ID (available there)\n"
	"           --group  --individual\n"
	"           --cost-min EUR  --cost-max EUR  --days-min N  --days-max N\n"
	"             (total duration in days: uren/24, weken x7, maanden x30.44)\n"
	"           --date DAY (published on DAY, default today)  --all (published or not)\n"
	"           --offset N  --limit N (default 10)\n"
	"gaps     tiles x klantkenmerken x target groups with fewer than --min (default 2)\n"
	"         instruments published on --date (default today).\n"
	"\n"
	"  --db PATH   the database (default: $IPM_DB, else " IPM_DEFAULT_DB ")\n"
	"  --data DIR  the data directory with packs/ (default: $IPM_DATA, else ./data)\n";

static int usage_fail(const char *msg)
{
	fprintf(stderr, "ipm: catalogue %s (see 'ipm catalogue --help')\n", msg);
	return 2;
}

static void today(struct date *out)
{
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	now[10] = '\0';
	date_parse(now, out);
}

/* Options shared by the subcommands; each uses what it needs. */
enum {
	O_DB = 256, O_DATA, O_FORMAT, O_MIN, O_DATE, O_ALL, O_TILE, O_KK, O_FORM, O_GROUP_ID,
	O_REGION, O_GEMEENTE, O_WIJK, O_GROUP, O_INDIVIDUAL, O_COST_MIN, O_COST_MAX, O_DAYS_MIN,
	O_DAYS_MAX, O_OFFSET, O_LIMIT
};

static const struct option longopts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "data", required_argument, NULL, O_DATA },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "min", required_argument, NULL, O_MIN },
	{ "date", required_argument, NULL, O_DATE },
	{ "all", no_argument, NULL, O_ALL },
	{ "tile", required_argument, NULL, O_TILE },
	{ "klantkenmerk", required_argument, NULL, O_KK },
	{ "form", required_argument, NULL, O_FORM },
	{ "target-group", required_argument, NULL, O_GROUP_ID },
	{ "region", required_argument, NULL, O_REGION },
	{ "gemeente", required_argument, NULL, O_GEMEENTE },
	{ "wijk", required_argument, NULL, O_WIJK },
	{ "group", no_argument, NULL, O_GROUP },
	{ "individual", no_argument, NULL, O_INDIVIDUAL },
	{ "cost-min", required_argument, NULL, O_COST_MIN },
	{ "cost-max", required_argument, NULL, O_COST_MAX },
	{ "days-min", required_argument, NULL, O_DAYS_MIN },
	{ "days-max", required_argument, NULL, O_DAYS_MAX },
	{ "offset", required_argument, NULL, O_OFFSET },
	{ "limit", required_argument, NULL, O_LIMIT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* Which option sets which facet. */
static int facet_of(int opt)
{
	switch (opt) {
	case O_TILE: return STORE_CAT_TILE;
	case O_KK: return STORE_CAT_KLANTKENMERK;
	case O_FORM: return STORE_CAT_FORM;
	case O_GROUP_ID: return STORE_CAT_TARGET_GROUP;
	case O_REGION: return STORE_CAT_REGION;
	case O_GEMEENTE: return STORE_CAT_GEMEENTE;
	case O_WIJK: return STORE_CAT_WIJK;
	case O_GROUP: case O_INDIVIDUAL: return STORE_CAT_SETTING;
	default: return -1;
	}
}

struct args {
	const char *db, *data, *format, *out;
	size_t min;
	bool all;
	struct store_cat_query q;
	const char **values[STORE_CAT_NFACETS]; /* room for argc values each */
	const char *positional[2];
	size_t n_positional;
};

static int parse_number(const char *opt, const char *text, double *out)
{
	char *end;
	double v = strtod(text, &end);
	if (end == text || *end || !isfinite(v) || v < 0) {
		fprintf(stderr, "ipm: catalogue: --%s: expected a number >= 0\n", opt);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_count(const char *opt, const char *text, size_t max, size_t *out)
{
	char *end;
	unsigned long long v = strtoull(text, &end, 10);
	if (end == text || *end || text[0] == '-' || v > max) {
		fprintf(stderr, "ipm: catalogue: --%s: expected a whole number up to %zu\n", opt, max);
		return -1;
	}
	*out = (size_t)v;
	return 0;
}

/* 0, 1 after --help, 2 on a usage error (printed). */
static int parse(int argc, char **argv, struct args *a)
{
	*a = (struct args){ .db = opt_default_db(), .data = opt_default_data(),
			    .min = CAT_GAPS_MIN_DEFAULT };
	store_cat_query_init(&a->q);
	today(&a->q.published_on);
	for (int f = 0; f < STORE_CAT_NFACETS; f++)
		a->values[f] = calloc((size_t)argc + 1, sizeof(const char *));
	int c;
	optind = 2; /* argv[0] "catalogue", argv[1] the subcommand */
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		int f = facet_of(c);
		double *range = NULL;
		const char *range_opt = NULL;
		switch (c) {
		case 'h': fputs(catalogue_usage, stdout); return 1;
		case 'o': a->out = optarg; break;
		case O_DB: a->db = optarg; break;
		case O_DATA: a->data = optarg; break;
		case O_FORMAT: a->format = optarg; break;
		case O_ALL: a->all = true; break;
		case O_MIN:
			if (parse_count("min", optarg, 1000000, &a->min) || a->min == 0)
				return usage_fail("--min: expected a whole number of at least 1");
			break;
		case O_DATE:
			if (!date_parse(optarg, &a->q.published_on))
				return usage_fail("--date: expected a day YYYY-MM-DD");
			break;
		case O_OFFSET:
			if (parse_count("offset", optarg, SIZE_MAX / 2, &a->q.offset))
				return 2;
			break;
		case O_LIMIT:
			if (parse_count("limit", optarg, STORE_CAT_PAGE_MAX, &a->q.limit) || !a->q.limit)
				return usage_fail("--limit: expected 1 to 1000");
			break;
		case O_COST_MIN: range = &a->q.cost_min; range_opt = "cost-min"; break;
		case O_COST_MAX: range = &a->q.cost_max; range_opt = "cost-max"; break;
		case O_DAYS_MIN: range = &a->q.days_min; range_opt = "days-min"; break;
		case O_DAYS_MAX: range = &a->q.days_max; range_opt = "days-max"; break;
		default:
			if (f < 0)
				return usage_fail("subcommand: unknown option");
			a->values[f][a->q.facets[f].n++] = c == O_GROUP ? "groep"
							   : c == O_INDIVIDUAL ? "individueel"
									       : optarg;
			a->q.facets[f].v = a->values[f];
		}
		if (range && parse_number(range_opt, optarg, range))
			return 2;
	}
	if (a->all)
		a->q.published_on = DATE_NONE;
	for (; optind < argc; optind++) {
		if (a->n_positional == 2)
			return usage_fail("subcommand: too many arguments");
		a->positional[a->n_positional++] = argv[optind];
	}
	return 0;
}

static void args_free(struct args *a)
{
	for (int f = 0; f < STORE_CAT_NFACETS; f++)
		free(a->values[f]);
}

static int open_store(const char *db, struct store **s)
{
	struct stat st;
	struct err e = { 0 };
	if (stat(db, &st) != 0) /* store_open would create an empty database */
		return cli_fail(IPM_EINVAL, "catalogue: the database does not exist (run ipm init or see --db)");
	if (store_open(db, s, &e) != IPM_OK)
		return cli_fail(e.code, e.msg);
	return 0;
}

/* --- import, export ------------------------------------------------------- */

static int do_import(struct args *a)
{
	if (a->n_positional != 1)
		return usage_fail("import: expected one FILE.json or DIR");
	const char *path = a->positional[0];
	struct store *s = NULL;
	int status = open_store(a->db, &s);
	if (status)
		return status;
	struct cat_problems problems = { 0 };
	struct err e = { 0 };
	size_t n = 0;
	const struct store_actor system = { 0 }; /* the CLI acts as the system */
	int rc = catalogue_import(s, &system, path, a->data, &problems, &n, &e);
	store_close(s);
	if (problems.n) {
		struct buf lines = BUF_INIT;
		cat_problems_format(&problems, path, SIZE_MAX, &lines);
		fputs(buf_str(&lines), stderr);
		fprintf(stderr, "ipm: catalogue import: %zu problem%s in %s; the stored catalogue is "
				"unchanged\n",
			problems.n, problems.n == 1 ? "" : "s", path);
		buf_free(&lines);
		cat_problems_free(&problems);
		return 2;
	}
	cat_problems_free(&problems);
	if (rc != IPM_OK)
		return cli_fail(rc, e.msg);
	printf("catalogue imported from %s: %zu instruments\n", path, n);
	return 0;
}

static int do_export(struct args *a)
{
	const char *format = a->format ? a->format : "json";
	enum catalogue_format f;
	if (strcmp(format, "json") == 0)
		f = CATALOGUE_JSON;
	else if (strcmp(format, "csv") == 0)
		f = CATALOGUE_CSV;
	else
		return usage_fail("export: --format: expected json or csv");
	if (a->n_positional)
		return usage_fail("export: unexpected argument (the destination is -o)");
	if (f == CATALOGUE_CSV && !a->out)
		return usage_fail("export: --format csv needs -o DIR");
	struct store *s = NULL;
	int status = open_store(a->db, &s);
	if (status)
		return status;
	struct buf out = BUF_INIT;
	struct err e = { 0 };
	size_t n = 0;
	int rc = catalogue_export(s, f, a->out, &out, &n, &e);
	store_close(s);
	if (rc == IPM_OK && !a->out)
		fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	if (rc != IPM_OK)
		return cli_fail(rc, e.msg);
	if (a->out)
		printf("catalogue exported to %s: %zu instruments\n", a->out, n);
	return 0;
}

/* --- search ----------------------------------------------------------------- */

#define SUMMARY_SHOWN 160 /* bytes of a summary shown in the text list */

static const char *const facet_labels_nl[STORE_CAT_NFACETS] = {
	"tegel", "klantkenmerk", "uitvoeringsvorm", "doelgroep", "regio", "gemeente", "wijk",
	"vorm",
};

/* Codes of the packs are checked before searching, so that a typing error
 * is an error and not an empty result. */
static int check_codes(const struct args *a)
{
	struct arena ar = ARENA_INIT;
	struct cat_vocab voc;
	struct err e = { 0 };
	struct buf dir = BUF_INIT;
	buf_printf(&dir, "%s/packs", a->data);
	int rc = cat_vocab_load(dir.data, &ar, &voc, &e);
	buf_free(&dir);
	if (rc != IPM_OK) {
		arena_free(&ar);
		return cli_fail(rc, e.msg);
	}
	const struct { int facet; const struct code_list *list; const char *opt; } checks[] = {
		{ STORE_CAT_TILE, &voc.tiles, "tile" },
		{ STORE_CAT_KLANTKENMERK, &voc.klantkenmerken, "klantkenmerk" },
		{ STORE_CAT_FORM, &voc.forms, "form" },
	};
	int status = 0;
	for (size_t k = 0; k < 3; k++) {
		const struct cat_strs *v = &a->q.facets[checks[k].facet];
		for (size_t i = 0; i < v->n; i++)
			if (!code_list_find(checks[k].list, v->v[i])) {
				fprintf(stderr, "ipm: catalogue search: --%s: unknown code (%s)\n",
					checks[k].opt, checks[k].list->pack);
				status = 2;
			}
	}
	arena_free(&ar);
	return status;
}

/* Target groups and places are the catalogue's own records: an id it does
 * not have is reported after the search, which lists every one it has. */
static int check_ids(const struct args *a, const struct store_cat_result *r)
{
	static const int facets[] = { STORE_CAT_TARGET_GROUP, STORE_CAT_REGION, STORE_CAT_GEMEENTE,
				      STORE_CAT_WIJK };
	static const char *const opts[] = { "target-group", "region", "gemeente", "wijk" };
	int status = 0;
	for (size_t k = 0; k < 4; k++) {
		const struct cat_strs *v = &a->q.facets[facets[k]];
		for (size_t i = 0; i < v->n; i++) {
			bool known = false;
			for (size_t j = 0; j < r->facets[facets[k]].n && !known; j++)
				known = strcmp(r->facets[facets[k]].v[j].code, v->v[i]) == 0;
			if (!known) {
				fprintf(stderr, "ipm: catalogue search: --%s: the catalogue has no such id\n",
					opts[k]);
				status = 2;
			}
		}
	}
	return status;
}

static void search_text(const struct args *a, const struct store_cat_result *r, struct buf *b)
{
	size_t first = r->n_hits ? a->q.offset + 1 : 0;
	buf_printf(b, "%zu instrument%s", r->total, r->total == 1 ? "" : "en");
	if (a->q.text)
		buf_printf(b, " voor \"%s\"", a->q.text);
	if (date_is_set(a->q.published_on))
		buf_printf(b, ", gepubliceerd op %04d-%02d-%02d", a->q.published_on.y,
			   a->q.published_on.m, a->q.published_on.d);
	if (r->total)
		buf_printf(b, "; %zu-%zu getoond", first, a->q.offset + r->n_hits);
	buf_puts(b, "\n");
	for (size_t i = 0; i < r->n_hits; i++) {
		const struct store_cat_hit *h = &r->hits[i];
		buf_printf(b, "\n%zu. %s (%s)\n", a->q.offset + i + 1, h->name, h->id);
		if (h->snippet && a->q.text) {
			buf_printf(b, "   %s\n", h->snippet);
		} else if (h->snippet) { /* the summary: its start, cut at a space */
			size_t n = strlen(h->snippet), cut = n;
			if (n > SUMMARY_SHOWN)
				for (cut = SUMMARY_SHOWN; cut > 0 && h->snippet[cut] != ' '; cut--)
					;
			buf_puts(b, "   ");
			buf_add(b, h->snippet, cut ? cut : n);
			buf_puts(b, cut < n ? " …\n" : "\n");
		}
	}
	buf_puts(b, "\nAantallen per filter (over alle gevonden instrumenten):\n");
	for (int f = 0; f < STORE_CAT_NFACETS; f++) {
		bool any = false;
		for (size_t k = 0; k < r->facets[f].n; k++) {
			if (!r->facets[f].v[k].count)
				continue;
			if (any)
				buf_puts(b, " · ");
			else
				buf_printf(b, "  %s: ", facet_labels_nl[f]);
			buf_printf(b, "%s %zu", r->facets[f].v[k].code, r->facets[f].v[k].count);
			any = true;
		}
		if (any)
			buf_putc(b, '\n');
	}
}

static void search_json(const struct args *a, const struct store_cat_result *r, struct buf *b)
{
	buf_puts(b, "{\n  \"text\": ");
	if (a->q.text)
		buf_put_json_string(b, a->q.text);
	else
		buf_puts(b, "null");
	buf_puts(b, ",\n  \"published_on\": ");
	if (date_is_set(a->q.published_on))
		buf_printf(b, "\"%04d-%02d-%02d\"", a->q.published_on.y, a->q.published_on.m,
			   a->q.published_on.d);
	else
		buf_puts(b, "null");
	buf_printf(b, ",\n  \"total\": %zu,\n  \"offset\": %zu,\n  \"hits\": [", r->total,
		   a->q.offset);
	for (size_t i = 0; i < r->n_hits; i++) {
		const struct store_cat_hit *h = &r->hits[i];
		buf_puts(b, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
		buf_put_json_string(b, h->id);
		buf_puts(b, ", \"name\": ");
		buf_put_json_string(b, h->name);
		buf_puts(b, ", \"snippet\": ");
		buf_put_json_string(b, h->snippet ? h->snippet : "");
		buf_printf(b, ", \"score\": %.6g}", h->score);
	}
	buf_puts(b, r->n_hits ? "\n  ],\n  \"facets\": {" : "],\n  \"facets\": {");
	for (int f = 0; f < STORE_CAT_NFACETS; f++) {
		buf_printf(b, "%s\n    \"%s\": [", f ? "," : "", store_cat_facet_names[f]);
		for (size_t k = 0; k < r->facets[f].n; k++) {
			buf_puts(b, k ? ", {\"code\": " : "{\"code\": ");
			buf_put_json_string(b, r->facets[f].v[k].code);
			buf_printf(b, ", \"count\": %zu}", r->facets[f].v[k].count);
		}
		buf_putc(b, ']');
	}
	buf_puts(b, "\n  }\n}\n");
}

static int do_search(struct args *a)
{
	const char *format = a->format ? a->format : "text";
	if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
		return usage_fail("search: --format: expected text or json");
	if (a->n_positional > 1)
		return usage_fail("search: put the words of TEXT in one argument");
	a->q.text = a->n_positional ? a->positional[0] : NULL;
	int status = check_codes(a);
	if (status)
		return status;
	struct store *s = NULL;
	if ((status = open_store(a->db, &s)))
		return status;
	struct arena ar = ARENA_INIT;
	struct store_cat_result r;
	struct err e = { 0 };
	int rc = store_catalogue_search(s, &a->q, &r, &ar, &e);
	store_close(s);
	if (rc != IPM_OK) {
		arena_free(&ar);
		return cli_fail(rc, e.msg);
	}
	status = check_ids(a, &r);
	if (!status) {
		struct buf out = BUF_INIT;
		if (strcmp(format, "json") == 0)
			search_json(a, &r, &out);
		else
			search_text(a, &r, &out);
		fputs(buf_str(&out), stdout);
		buf_free(&out);
	}
	arena_free(&ar);
	return status;
}

/* --- gaps ----------------------------------------------------------------- */

static int do_gaps(struct args *a)
{
	const char *format = a->format ? a->format : "text";
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "csv"))
		return usage_fail("gaps: --format: expected text, json or csv");
	if (a->n_positional)
		return usage_fail("gaps: unexpected argument");
	if (!date_is_set(a->q.published_on))
		return usage_fail("gaps: --all does not apply (gaps are about what is published)");
	struct store *s = NULL;
	int status = open_store(a->db, &s);
	if (status)
		return status;
	struct arena ar = ARENA_INIT;
	struct err e = { 0 };
	struct cat_vocab voc;
	struct catalogue c;
	struct cat_gap_report rep;
	struct buf dir = BUF_INIT;
	buf_printf(&dir, "%s/packs", a->data);
	int rc = cat_vocab_load(dir.data, &ar, &voc, &e);
	if (rc == IPM_OK)
		rc = store_catalogue_load(s, &c, &ar, &e);
	store_close(s);
	if (rc == IPM_OK)
		rc = cat_gaps(&c, &voc.tiles, &voc.klantkenmerken, a->q.published_on, a->min, &rep,
			      &ar, &e);
	buf_free(&dir);
	if (rc != IPM_OK) {
		arena_free(&ar);
		return cli_fail(rc, e.msg);
	}
	struct buf out = BUF_INIT;
	if (strcmp(format, "json") == 0)
		cat_gaps_write_json(&rep, &out);
	else if (strcmp(format, "csv") == 0)
		cat_gaps_write_csv(&rep, &out);
	else
		cat_gaps_write_text(&rep, &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	arena_free(&ar);
	return 0;
}

int cmd_catalogue(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(catalogue_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	static const struct {
		const char *name;
		int (*run)(struct args *a);
	} subs[] = { { "import", do_import }, { "export", do_export }, { "search", do_search },
		     { "gaps", do_gaps } };
	for (size_t k = 0; k < sizeof subs / sizeof subs[0]; k++) {
		if (strcmp(argv[1], subs[k].name) != 0)
			continue;
		struct args a;
		int status = parse(argc, argv, &a);
		if (status == 0)
			status = subs[k].run(&a);
		else if (status == 1)
			status = 0;
		args_free(&a);
		return status;
	}
	return usage_fail("expects import, export, search or gaps");
}
