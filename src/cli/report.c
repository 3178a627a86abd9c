/* ipm report: the adviesrapport of one client as PDF or HTML, issued (stored
 * immutably with its version) when made from the database; or a saved
 * document rendered with a template pack, to try out an adapted pack. */
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/prog_cli.h"
#include "cli/report_args.h"
#include "core/fs.h"
#include "core/json.h"
#include "core/timeutil.h"
#include "services/report_issue.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm report --client ID --version prof|client|employer --format pdf|html\n"
		"                  -o FILE [--date YYYY-MM-DD] [--templates FILE] [--lang nl|en|de]\n"
		"                  [--db PATH] [--user NAME] [--data DIR]\n"
		"       ipm report --doc DOC.json --format pdf|html -o FILE [--templates FILE]\n"
		"\n"
		"Makes the advisory report of one client: cover, contents, the ten\n"
		"sections, signatures and the versions of everything that made its\n"
		"numbers (docs/report.md). With --client the report is built from the\n"
		"database and issued: stored unchangeable with its version, the\n"
		"document it was made from and the SHA-256 of the file.\n"
		"\n"
		"  --client ID       the client's id in the database\n"
		"  --version V       prof (complete), client (plain language, no test\n"
		"                    details) or employer (only what the client shares)\n"
		"  --format F        pdf (A4) or html (one standalone page, prints on A4)\n"
		"  -o FILE           where to write the report (replaced atomically)\n"
		"  --date DATE       the report date (default today)\n"
		"  --templates FILE  template pack (default DIR/templates/report-LANG.json)\n"
		"  --lang L          language of the report (default nl)\n"
		"  --doc DOC.json    render a saved document (ipm report-doc) instead;\n"
		"                    nothing is read from or stored in the database\n"
		"  --db PATH         database (default $IPM_DB or %s)\n"
		"  --user NAME       who issues the report, for the audit trail\n"
		"  --data DIR        data directory (default $IPM_DATA or ./data)\n"
		"\n"
		"Exit status: 0 written; 2 bad usage, an unknown client, a bad document or\n"
		"a bad template pack (the message names the file and line); 1 an internal\n"
		"error. Nothing is written or stored on error.\n",
		IPM_DEFAULT_DB);
}

struct report_args {
	const char *db, *user, *data, *templates, *out, *doc;
	struct report_doc_opts o;
	enum report_format format;
	bool have_version, have_format;
	char today[TIME_ISO_LEN];
};

static int parse_args(int argc, char **argv, struct report_args *a)
{
	static const struct option longopts[] = {
		{ "client", required_argument, NULL, 'c' },
		{ "version", required_argument, NULL, 'v' },
		{ "format", required_argument, NULL, 'f' },
		{ "date", required_argument, NULL, 't' },
		{ "templates", required_argument, NULL, 'T' },
		{ "lang", required_argument, NULL, 'l' },
		{ "doc", required_argument, NULL, 'd' },
		{ "db", required_argument, NULL, 'b' },
		{ "user", required_argument, NULL, 'u' },
		{ "data", required_argument, NULL, 'D' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	*a = (struct report_args){ .o.lang = Q_NL, .data = opt_default_data() };
	time_now_iso(a->today);
	a->today[10] = '\0';
	a->o.date = a->today;
	int c, status;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		if (report_doc_arg(c, optarg, &a->o, &a->have_version, &status)) {
			if (status >= 0)
				return status;
			continue;
		}
		switch (c) {
		case 'f':
			if (report_format_parse(optarg, &a->format))
				return cli_fail(IPM_EINVAL, "--format must be pdf or html");
			a->have_format = true;
			break;
		case 'T': a->templates = optarg; break;
		case 'd': a->doc = optarg; break;
		case 'o': a->out = optarg; break;
		case 'b': a->db = optarg; break;
		case 'u': a->user = optarg; break;
		case 'D': a->data = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (!a->have_format || !a->out || optind != argc || !a->o.client_id == !a->doc ||
	    (a->o.client_id && !a->have_version)) {
		usage(stderr);
		return 2;
	}
	if (a->doc && (a->have_version || a->db || a->user))
		return cli_fail(IPM_EINVAL, "--version, --db and --user go with --client "
					    "(a document names its own version)");
	return -1;
}

static const char *lang_name(enum q_lang l)
{
	return l == Q_EN ? "en" : l == Q_DE ? "de" : "nl";
}

static int load_templates(const struct report_args *a, const char *lang,
			  struct report_templates **t)
{
	struct buf path = BUF_INIT;
	struct err e = { 0 };
	if (a->templates)
		buf_puts(&path, a->templates);
	else
		buf_printf(&path, "%s/templates/report-%s.json", a->data, lang);
	int rc = report_templates_load(buf_str(&path), lang, t, &e);
	buf_free(&path);
	/* A missing or unreadable pack is a bad argument, like a bad one. */
	return rc ? cli_fail(rc == IPM_EIO ? IPM_EINVAL : rc, e.msg) : -1;
}

static int write_out(const char *path, const struct buf *bytes)
{
	struct err e = { 0 };
	int rc = fs_write_atomic(path, bytes->data, bytes->len, &e);
	return rc ? cli_fail(rc, e.msg) : -1;
}

/* --doc: a saved document, rendered; no database. */
static int from_doc(const struct report_args *a)
{
	struct buf text = BUF_INIT, out = BUF_INIT;
	struct report_templates *t = NULL;
	json_t *doc = NULL;
	struct err e = { 0 };
	int status;
	int rc = fs_read_file(a->doc, &text, &e);
	if (!rc)
		rc = json_parse_text(a->doc, buf_str(&text), text.len, &doc, &e);
	if (rc) {
		status = cli_fail(IPM_EINVAL, e.msg);
		goto out;
	}
	const char *lang = json_string_value(json_object_get(doc, "language"));
	if (!lang || (strcmp(lang, "nl") && strcmp(lang, "en") && strcmp(lang, "de"))) {
		status = cli_fail(IPM_EINVAL, "report document: $.language: expected nl, en or de");
		goto out;
	}
	if ((status = load_templates(a, lang, &t)) >= 0)
		goto out;
	if ((rc = report_render(doc, t, a->format, &out, &e))) {
		status = cli_fail(rc, e.msg);
		goto out;
	}
	status = write_out(a->out, &out);
	if (status < 0)
		status = 0;
out:
	report_templates_free(t);
	json_decref(doc);
	buf_free(&text);
	buf_free(&out);
	return status;
}

int cmd_report(int argc, char **argv)
{
	struct report_args a;
	struct store *st = NULL;
	struct store_actor who;
	struct report_templates *t = NULL;
	struct report_rendered r = { 0 };
	struct err e = { 0 };
	int status = parse_args(argc, argv, &a);
	if (status >= 0)
		return status;
	if (a.doc) {
		status = from_doc(&a);
		report_fonts_release();
		return status;
	}
	/* The pack first: a bad template stops before the dossier is read. */
	if ((status = load_templates(&a, lang_name(a.o.lang), &t)) >= 0 ||
	    (status = cli_store_open(a.db ? a.db : opt_default_db(), &st)) >= 0 ||
	    (status = cli_actor(st, a.user, &who)) >= 0)
		goto out;
	int rc = report_issue_render(st, &who, t, &a.o, a.format, &r, &e);
	if (rc) {
		status = cli_fail(rc == IPM_ENOTFOUND ? IPM_EINVAL : rc, e.msg);
		goto out;
	}
	if ((status = write_out(a.out, &r.bytes)) >= 0)
		goto out;
	int64_t id = 0;
	if ((rc = report_issue_store(st, &who, t, a.o.client_id, &r, &id, &e))) {
		/* Not issued, so not handed out either. */
		unlink(a.out);
		status = cli_fail(rc, e.msg);
		goto out;
	}
	fprintf(stderr, "ipm: report %lld issued (%s, %s, %zu bytes)\n", (long long)id,
		report_version_name(a.o.version), report_format_ext(a.format), r.bytes.len);
	status = 0;
out:
	report_rendered_free(&r);
	report_templates_free(t);
	store_close(st);
	report_fonts_release();
	return status;
}
