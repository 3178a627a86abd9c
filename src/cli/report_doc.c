/* ipm report-doc: the report's document model of one client as JSON
 * (docs/contracts/report-doc-v1.md), for tests and for the renderers. */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "cli/report_args.h"
#include "services/report_doc.h"

#include <getopt.h>
#include <stdio.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm report-doc --client ID --version prof|client|employer\n"
		"                      --date YYYY-MM-DD [--lang nl|en|de] [--db PATH] [--user NAME]\n"
		"\n"
		"Prints the document model of the advisory report of one client: the ten\n"
		"sections with the data each needs, the versions of every pack and model\n"
		"used, and the signatures (docs/contracts/report-doc-v1.md).\n"
		"\n"
		"  --client ID       the client's id in the database\n"
		"  --version V       prof: complete, with test details; client: for the\n"
		"                    client, without T-scores, percentiles or test internals;\n"
		"                    employer: only what the client agreed to share\n"
		"  --date DATE       the report date; ages and months are counted to it, so\n"
		"                    the same data and date give the same document\n"
		"  --lang L          language of labels and texts (default nl)\n"
		"  --db PATH         database (default $IPM_DB or %s)\n"
		"  --user NAME       who reads the dossier, for the audit trail (default: the\n"
		"                    system)\n"
		"\n"
		"Exit status: 0 printed; 2 bad usage, an unknown client or a bad date;\n"
		"1 an internal error.\n",
		IPM_DEFAULT_DB);
}

struct doc_args {
	const char *db, *user;
	struct report_doc_opts o;
	bool have_version;
};

static int parse_args(int argc, char **argv, struct doc_args *a)
{
	static const struct option longopts[] = {
		{ "client", required_argument, NULL, 'c' },
		{ "version", required_argument, NULL, 'v' },
		{ "date", required_argument, NULL, 't' },
		{ "lang", required_argument, NULL, 'l' },
		{ "db", required_argument, NULL, 'b' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	*a = (struct doc_args){ .o.lang = Q_NL };
	int c, status;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (report_doc_arg(c, optarg, &a->o, &a->have_version, &status)) {
			if (status >= 0)
				return status;
			continue;
		}
		switch (c) {
		case 'b': a->db = optarg; break;
		case 'u': a->user = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!a->o.client_id || !a->have_version || !a->o.date || optind != argc) {
		usage(stderr);
		return 2;
	}
	return -1;
}

int cmd_report_doc(int argc, char **argv)
{
	struct doc_args a;
	struct store *st = NULL;
	struct store_actor who;
	struct err e = { 0 };
	struct buf out = BUF_INIT;
	json_t *doc = NULL;
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	if ((status = cli_store_open(a.db ? a.db : opt_default_db(), &st)) >= 0 ||
	    (status = cli_actor(st, a.user, &who)) >= 0)
		goto out;
	int rc = report_doc_build(st, &who, &a.o, &doc, &e);
	if (rc) {
		status = cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	report_doc_text(doc, &out);
	fwrite(out.data, 1, out.len, stdout);
	status = fflush(stdout) == 0 ? 0 : cli_fail(IPM_EIO, "cannot write the document");
out:
	json_decref(doc);
	buf_free(&out);
	store_close(st);
	return status;
}
