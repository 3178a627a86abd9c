/* ipm init: create or upgrade the database, register every pack in the data
 * directory (so results can cite the exact pack version they used), and
 * optionally add demo data. Safe to run again: nothing is added twice. */
#include "cli/commands.h"
#include "cli/keyfile.h"
#include "cli/options.h"
#include "core/fs.h"
#include "pack/pack.h"
#include "services/demo.h"
#include "services/sensitive.h"
#include "store/store.h"

#include <getopt.h>
#include <stdio.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm init [--db PATH] [--data DIR] [--key-file FILE] [--demo]\n\n"
		"Creates the database or brings its schema up to date, registers the packs\n"
		"in DIR/packs and, with --demo, adds a fictional organisation, users and clients,\n"
		"and %d SYNTHETIC past clients (reference SYN-NNNN, docs/synth.md) whose\n"
		"outcomes ipm model fit|validate --db can learn from.\n\n"
		"  --db PATH   SQLite database (default $IPM_DB or %s)\n"
		"  --data DIR  data directory with packs/ (default $IPM_DATA or ./data)\n"
		"  --demo      add demo data (skipped when already present)\n"
		"  --key-file FILE  key for special-category fields, created (mode 0600) when\n"
		"              missing (default $IPM_KEY_FILE or ipm.key beside the database)\n",
		DEMO_HISTORY_CLIENTS, IPM_DEFAULT_DB);
}

/* Registers the exact bytes of each pack file, so that the stored sha256
 * and content are what the file said. */
static int register_packs(struct store *s, const char *data_dir, size_t *count, struct err *e)
{
	struct buf dir = BUF_INIT;
	buf_printf(&dir, "%s/packs", data_dir);
	struct pack **packs = NULL;
	int rc = pack_load_dir(dir.data, &packs, count, e);
	buf_free(&dir);
	if (rc != IPM_OK)
		return rc;
	struct buf text = BUF_INIT;
	for (size_t i = 0; i < *count && rc == IPM_OK; i++) {
		const struct pack *p = packs[i];
		buf_reset(&text);
		rc = fs_read_file(p->source_name, &text, e);
		if (rc == IPM_OK)
			rc = store_pack_register(s, p->id, p->version, pack_kind_name(p->kind),
						 p->title_nl, p->sha256, buf_str(&text), e);
	}
	buf_free(&text);
	pack_free_all(packs, *count);
	return rc;
}

int cmd_init(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "data", required_argument, NULL, 'D' },
		{ "demo", no_argument, NULL, 'x' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = opt_default_db(), *data = opt_default_data(), *key_file = NULL;
	int demo = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'D': data = optarg; break;
		case 'x': demo = 1; break;
		case 'k': key_file = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		return cli_fail(IPM_EINVAL, "init: unexpected argument");

	struct err e;
	struct store *s;
	int version = 0, added = 0, synthetic = 0;
	size_t packs = 0;
	if (store_open(db, &s, &e) != IPM_OK)
		return cli_fail(e.code, e.msg);
	int rc = store_migrate(s, &version, &e);
	if (rc == IPM_OK)
		rc = register_packs(s, data, &packs, &e);
	if (rc == IPM_OK && demo)
		rc = demo_seed(s, &added, &synthetic, &e);
	size_t instruments = 0;
	if (rc == IPM_OK && demo)
		rc = demo_catalogue(s, data, &instruments, &e);
	store_close(s);
	struct buf key = BUF_INIT;
	int key_created = 0;
	opt_key_file(key_file, db, &key);
	if (rc == IPM_OK)
		rc = sensitive_key_create(key.data, &key_created, &e);
	if (rc != IPM_OK) {
		buf_free(&key);
		return cli_fail(rc, e.msg);
	}
	printf("%s: schema %d, %zu packs registered", db, version, packs);
	if (demo && added)
		printf(", demo data added (%d clients) with a synthetic history of %d past clients"
		       " (SYN-...); demo users demo.consulent, demo.psycholoog, demo.jobcoach,"
		       " demo.manager and demo.beheerder log in with password %s (demo only)",
		       added, synthetic, DEMO_PASSWORD);
	else if (demo)
		printf(", demo data already present");
	if (instruments)
		printf(", demo catalogue of %zu instruments imported", instruments);
	if (key_created)
		printf(", key file %s created (keep it outside backups of the database)", key.data);
	buf_free(&key);
	printf("\n");
	return 0;
}
