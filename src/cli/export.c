/* ipm export --client ID: the inzage of one client (AVG art. 15) as JSON,
 * the same document the web application offers (services/inzage.h,
 * docs/inzage.md). A command-line run is the system's: the export is
 * audited as 'export' of 'client' by user 0. */
#include "cli/commands.h"
#include "cli/keyfile.h"
#include "cli/options.h"
#include "core/fs.h"
#include "services/inzage.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char export_usage[] =
	"usage: ipm export --client ID [-o FILE.json] [--db PATH] [--key-file FILE]\n"
	"\n"
	"Writes everything stored about one client (the inzage of AVG art. 15) as\n"
	"one JSON document: the client record, consents, questionnaires with every\n"
	"answer, results, CV, factor ratings, prognoses, judgements, advice, plan,\n"
	"jobcoaching advice, issued reports (metadata), outcomes and the audit\n"
	"trail of who accessed the dossier when (docs/inzage.md). Special-category\n"
	"data is decrypted when the key file can be read. The export is audited.\n"
	"The file is written mode 0600; without -o the JSON goes to standard output.\n"
	"\n"
	"  --client ID      the client's internal id\n"
	"  -o FILE          the output file\n"
	"  --db PATH        the database (default: $IPM_DB, else " IPM_DEFAULT_DB ")\n"
	"  --key-file FILE  key for special-category fields (default $IPM_KEY_FILE or\n"
	"                   ipm.key beside the database)\n"
	"  -h, --help       show this help\n"
	"\n"
	"Exit status: 0 written; 2 bad usage or no such client; 1 anything else.\n";

int cmd_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "client", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *db = opt_default_db(), *out_path = NULL, *key_file = NULL;
	long long client = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': {
			char *end;
			client = strtoll(optarg, &end, 10);
			if (*end || client <= 0)
				return cli_fail(IPM_EINVAL, "export: --client: expected a client id");
			break;
		}
		case 'o': out_path = optarg; break;
		case 'd': db = optarg; break;
		case 'k': key_file = optarg; break;
		case 'h': fputs(export_usage, stdout); return 0;
		default: return cli_fail(IPM_EINVAL, "export: see 'ipm export --help'");
		}
	}
	if (!client || optind != argc)
		return cli_fail(IPM_EINVAL, "export: --client ID is required (see --help)");
	if (!fs_exists(db))
		return cli_fail(IPM_EINVAL, "export: the database does not exist (see --db)");

	struct err e = { 0 };
	struct store *s = NULL;
	struct buf key_path = BUF_INIT, out = BUF_INIT;
	struct sensitive_key key;
	int have_key = 0;
	json_t *doc = NULL;
	opt_key_file(key_file, db, &key_path);
	/* Without a key the export still says that such data exists. */
	if (fs_exists(buf_str(&key_path))) {
		int krc = sensitive_key_load(buf_str(&key_path), &key, &e);
		if (krc)
			goto out_key;
		have_key = 1;
	} else if (key_file) {
		err_set(&e, IPM_EINVAL, "export: --key-file: the file does not exist");
		goto out_key;
	}
	struct store_actor system = { 0 };
	struct inzage_opts o = { .key = have_key ? &key : NULL, .may_see_sensitive = 1 };
	int rc = store_open(db, &s, &e);
	if (rc == IPM_OK)
		rc = inzage_build(s, &system, (int64_t)client, &o, &doc, &e);
	if (rc == IPM_OK) {
		inzage_write(doc, &out);
		if (out_path)
			rc = fs_write_atomic(out_path, out.data, out.len, &e);
		else if (fwrite(out.data, 1, out.len, stdout) != out.len)
			rc = err_set(&e, IPM_EIO, "export: cannot write standard output");
	}
	json_decref(doc);
	store_close(s);
	if (out.data)
		sodium_memzero(out.data, out.cap);
	buf_free(&out);
	if (have_key)
		sensitive_key_wipe(&key);
	buf_free(&key_path);
	if (rc == IPM_OK && out_path)
		fprintf(stderr, "export: client %lld written to %s\n", client, out_path);
	return rc == IPM_OK ? 0 : cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
out_key:
	buf_free(&key_path);
	return cli_fail(e.code ? e.code : IPM_EINVAL, e.msg);
}
