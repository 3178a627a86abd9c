/* libFuzzer target for what an organisation writes into a report template
 * pack: the pack loader (JSON, schema, every template compiled, the file
 * line of a broken template found by scanning the raw JSON) and the report
 * markup the section templates produce. Any bytes end in a loaded pack or a
 * clean IPM_EINVAL, never a crash, a leak or a sanitizer report. */
#include "core/xalloc.h"
#include "report/markup.h"
#include "report/templates.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report_templates *t = NULL;
	struct err e = { 0 };
	int rc = report_templates_parse("fuzz.json", (const char *)data, size, "nl", &t, &e);
	if ((rc == IPM_OK) != (t != NULL) || (rc && memchr(e.msg, '\0', sizeof e.msg) == NULL))
		__builtin_trap();
	report_templates_free(t);

	/* The same bytes as rendered markup. */
	char *text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	struct mk_doc d;
	rc = markup_parse(text, "fuzz", &d, &e);
	if (rc == IPM_OK)
		markup_free(&d);
	else if (rc != IPM_EINVAL || d.blocks)
		__builtin_trap();
	free(text);
	return 0;
}
