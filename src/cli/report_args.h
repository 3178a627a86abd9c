/* The options ipm report and ipm report-doc share — --client, --version,
 * --date and --lang — read with the same checks and the same messages. */
#ifndef IPM_CLI_REPORT_ARGS_H
#define IPM_CLI_REPORT_ARGS_H

#include "services/report_doc.h"

#include <stdbool.h>

/* true when getopt's c is one of them, as the long options 'c', 'v', 't'
 * and 'l'; then *status is -1 when the value went into *o (*have_version
 * set by --version), else the exit status of a bad value (the message is
 * printed). */
bool report_doc_arg(int c, const char *arg, struct report_doc_opts *o, bool *have_version,
		    int *status);

#endif
