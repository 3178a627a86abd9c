/* ipm match: Sol goals, ranked instruments with reasons and jobcoach
 * interventions for one client (docs/matching.md), as JSON on stdout. */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/fs.h"
#include "core/timeutil.h"
#include "pack/catalogue_vocab.h"
#include "services/catalogue_json.h"
#include "services/match.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#define MATCH_MAX_DEFAULT 20
#define MATCH_LIST_MAX 32 /* --tile / --kenmerk given more often than any list needs */

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm match --client ID [--db PATH] [--user NAME] [--date YYYY-MM-DD]\n"
		"                 [--max N] [--tile CODE]... [--kenmerk CODE]... [--wijk ID]\n"
		"                 [--data DIR]\n"
		"       ipm match --needs FILE.json --catalogue FILE.json [--date YYYY-MM-DD]\n"
		"                 [--max N] [--data DIR]\n"
		"\n"
		"Which Sol intermediate goals, which instruments of the catalogue and which\n"
		"jobcoach interventions fit this client, each with the reasons (in Dutch)\n"
		"that put it there. Needs are the hindering factors of the client's latest\n"
		"completed factor assessment, weighted |beta x rating| by the organisation's\n"
		"active model (else %s). Only instruments published on --date and\n"
		"available where the client lives appear; an instrument for a target group\n"
		"ranks higher for its group and lower for others (docs/matching.md).\n"
		"\n"
		"  --client ID        the client in the database (the reads are audited)\n"
		"  --db PATH          SQLite database (default $IPM_DB or %s)\n"
		"  --user NAME        who asks, for the audit trail (default the system)\n"
		"  --date YYYY-MM-DD  the day for the publish window (default today)\n"
		"  --max N            instruments at most, 0 = all (default %d)\n"
		"  --tile CODE        the client's current Eva tile, e.g. maatschappelijk-fit\n"
		"  --kenmerk CODE     a Lucrato kenmerk the professional noted, e.g. concentratie\n"
		"  --wijk ID          the client's wijk (a catalogue id)\n"
		"  --needs FILE.json  ratings and place without a database:\n"
		"                     {\"ratings\": {\"schulden\": -2}, \"gemeente\": \"…\",\n"
		"                      \"wijk\": \"…\", \"target_groups\": [], \"tiles\": [],\n"
		"                      \"kenmerken\": []}\n"
		"  --catalogue FILE   the catalogue in JSON format 1 (docs/catalogue.md), checked\n"
		"  --data DIR         data directory with packs/ (default $IPM_DATA or ./data)\n"
		"\n"
		"Exit status: 0 done; 2 bad usage or input (the message names the field), an\n"
		"unknown client or one without a completed factor assessment; 1 an internal\n"
		"error.\n",
		MODEL_DEFAULT, IPM_DEFAULT_DB, MATCH_MAX_DEFAULT);
}

struct match_args {
	const char *db, *user, *needs, *catalogue, *data;
	int64_t client;
	struct match_options o;
	const char *tiles[MATCH_LIST_MAX], *kenmerken[MATCH_LIST_MAX];
};

static int add(const char **list, size_t *n, const char *opt, const char *v)
{
	if (*n == MATCH_LIST_MAX) {
		fprintf(stderr, "ipm: %s: at most %d\n", opt, MATCH_LIST_MAX);
		return 2;
	}
	list[(*n)++] = v;
	return -1;
}

static int parse_args(int argc, char **argv, struct match_args *a, char *today)
{
	static const struct option longopts[] = {
		{ "client", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'b' },
		{ "user", required_argument, NULL, 'u' },
		{ "date", required_argument, NULL, 't' },
		{ "max", required_argument, NULL, 'm' },
		{ "tile", required_argument, NULL, 'T' },
		{ "kenmerk", required_argument, NULL, 'k' },
		{ "wijk", required_argument, NULL, 'w' },
		{ "needs", required_argument, NULL, 'n' },
		{ "catalogue", required_argument, NULL, 'C' },
		{ "data", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	a->data = opt_default_data();
	a->o.today = today;
	a->o.max = MATCH_MAX_DEFAULT;
	a->o.tiles.v = a->tiles;
	a->o.kenmerken.v = a->kenmerken;
	int c, status;
	uint64_t v;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		status = -1;
		switch (c) {
		case 'c':
			if ((status = cli_whole("--client", optarg, 1, INT64_MAX, &v)) < 0)
				a->client = (int64_t)v;
			break;
		case 'b': a->db = optarg; break;
		case 'u': a->user = optarg; break;
		case 't':
			if (!time_date_valid(optarg))
				return cli_fail(IPM_EINVAL, "--date: expected a date YYYY-MM-DD");
			a->o.today = optarg;
			break;
		case 'm':
			if ((status = cli_whole("--max", optarg, 0, 100000, &v)) < 0)
				a->o.max = (size_t)v;
			break;
		case 'T': status = add(a->tiles, &a->o.tiles.n, "--tile", optarg); break;
		case 'k': status = add(a->kenmerken, &a->o.kenmerken.n, "--kenmerk", optarg); break;
		case 'w': a->o.wijk = optarg; break;
		case 'n': a->needs = optarg; break;
		case 'C': a->catalogue = optarg; break;
		case 'D': a->data = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
		if (status >= 0)
			return status;
	}
	if (!a->client == !a->needs || !a->needs != !a->catalogue || optind != argc) {
		usage(stderr);
		return 2;
	}
	/* The needs file holds the place, tiles and kenmerken itself. */
	if (a->needs && (a->db || a->user || a->o.tiles.n || a->o.kenmerken.n || a->o.wijk))
		return cli_fail(IPM_EINVAL, "--db, --user, --tile, --kenmerk and --wijk go with "
					    "--client; the needs file holds the rest");
	return -1;
}

static int emit(const struct match_made *m, int64_t client)
{
	struct buf out = BUF_INIT;
	if (m->default_model)
		fprintf(stderr, "ipm: needs weighed by %s@%s (no active model)\n", m->model.m->pack_id,
			m->model.m->version);
	match_json_write(m, client, &out);
	fwrite(out.data, 1, out.len, stdout);
	buf_free(&out);
	return fflush(stdout) == 0 ? 0 : cli_fail(IPM_EIO, "cannot write the result");
}

static int from_store(const struct match_args *a)
{
	struct store *st = NULL;
	struct store_actor who;
	struct match_made m = { 0 };
	struct err e = { 0 };
	int status = cli_store_open(a->db ? a->db : opt_default_db(), &st);
	if (status >= 0 || (status = cli_actor(st, a->user, &who)) >= 0)
		goto out;
	int rc = match_for_client(st, &who, a->data, a->client, &a->o, &m, &e);
	status = rc ? cli_fail(rc == IPM_ENOTFOUND || rc == IPM_EIO ? IPM_EINVAL : rc, e.msg)
		    : emit(&m, a->client);
out:
	match_made_free(&m);
	store_close(st);
	return status;
}

/* The catalogue file, parsed and checked as an import would be. */
static int read_catalogue(const char *file, const char *data, struct catalogue *cat,
			  struct arena *a)
{
	struct buf text = BUF_INIT, dir = BUF_INIT, msg = BUF_INIT;
	struct cat_problems probs = { 0 };
	struct cat_vocab voc;
	struct err e = { 0 };
	int status = -1, rc;
	buf_printf(&dir, "%s/packs", data);
	if ((rc = fs_read_file(file, &text, &e)) ||
	    (rc = cat_vocab_load(buf_str(&dir), a, &voc, &e)) ||
	    (rc = catalogue_json_parse(text.data, text.len, file, cat, &probs, a, &e)) ||
	    (rc = cat_validate(cat, &voc, &probs, &e))) {
		cat_problems_format(&probs, file, probs.n, &msg);
		fputs(buf_str(&msg), stderr);
		status = cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);
	}
	cat_problems_free(&probs);
	buf_free(&msg);
	buf_free(&dir);
	buf_free(&text);
	return status;
}

static int from_files(const struct match_args *a)
{
	struct arena ca = ARENA_INIT;
	struct catalogue cat;
	struct match_made m = { 0 };
	struct buf text = BUF_INIT;
	struct err e = { 0 };
	int rc, status = read_catalogue(a->catalogue, a->data, &cat, &ca);
	if (status >= 0)
		goto out;
	if ((rc = fs_read_file(a->needs, &text, &e)) ||
	    (rc = match_for_needs(a->data, a->needs, buf_str(&text), text.len, &cat, &a->o, &m,
				  &e))) {
		status = cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	status = emit(&m, 0);
out:
	match_made_free(&m);
	buf_free(&text);
	arena_free(&ca);
	return status;
}

int cmd_match(int argc, char **argv)
{
	struct match_args a = { 0 };
	char today[TIME_ISO_LEN];
	time_now_iso(today);
	today[10] = '\0';
	int status = parse_args(argc, argv, &a, today);
	if (status >= 0)
		return status;
	return a.client ? from_store(&a) : from_files(&a);
}
