#include "report/report.h"
#include "report/report_internal.h"

#include <string.h>

int report_render(const json_t *doc, const struct report_templates *t, enum report_format f,
		  struct buf *out, struct err *e)
{
	int rc = report_doc_check(doc, e);
	if (rc)
		return rc;
	return f == REPORT_PDF ? report_pdf(doc, t, out, e) : report_html(doc, t, out, e);
}

int report_format_parse(const char *s, enum report_format *out)
{
	if (!strcmp(s, "pdf"))
		*out = REPORT_PDF;
	else if (!strcmp(s, "html"))
		*out = REPORT_HTML;
	else
		return -1;
	return 0;
}

const char *report_format_mime(enum report_format f)
{
	return f == REPORT_PDF ? "application/pdf" : "text/html; charset=utf-8";
}

const char *report_format_ext(enum report_format f)
{
	return f == REPORT_PDF ? "pdf" : "html";
}
