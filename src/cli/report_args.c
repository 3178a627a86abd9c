#include "cli/report_args.h"

#include "cli/options.h"
#include "cli/prog_cli.h"
#include "core/timeutil.h"

bool report_doc_arg(int c, const char *arg, struct report_doc_opts *o, bool *have_version,
		    int *status)
{
	uint64_t v;
	*status = -1;
	switch (c) {
	case 'c':
		if ((*status = cli_whole("--client", arg, 1, INT64_MAX, &v)) < 0)
			o->client_id = (int64_t)v;
		return true;
	case 'v':
		if (report_version_parse(arg, &o->version))
			*status = cli_fail(IPM_EINVAL, "--version must be prof, client or employer");
		else
			*have_version = true;
		return true;
	case 't':
		if (!time_date_valid(arg))
			*status = cli_fail(IPM_EINVAL, "--date: expected a date YYYY-MM-DD");
		else
			o->date = arg;
		return true;
	case 'l':
		if (opt_parse_lang(arg, &o->lang))
			*status = cli_fail(IPM_EINVAL, "--lang must be nl, en or de");
		return true;
	default:
		return false;
	}
}
