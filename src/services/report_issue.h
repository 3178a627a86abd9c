/* Issuing the adviesrapport: the document model of one client rendered
 * with a template pack, and stored immutably with its version (store_route.h,
 * store_report_issue) together with the document it was made from and the
 * versions of the packs, the model and the templates. The CLI (ipm report)
 * and the web's download button both go through here. */
#ifndef IPM_SERVICES_REPORT_ISSUE_H
#define IPM_SERVICES_REPORT_ISSUE_H

#include "core/buf.h"
#include "core/err.h"
#include "report/report.h"
#include "services/report_doc.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

struct report_rendered {
	json_t *doc;      /* the document model (owned) */
	struct buf bytes; /* the PDF or HTML */
	enum report_format format;
};

/* Builds the document (reads audited as `who`) and renders it. Stores
 * nothing. IPM_ENOTFOUND for an unknown client; IPM_EINVAL naming the field
 * or the template. */
int report_issue_render(struct store *s, const struct store_actor *who,
			const struct report_templates *t, const struct report_doc_opts *o,
			enum report_format f, struct report_rendered *out, struct err *e);

/* Stores a rendered report as issued (one transaction, audited): its bytes
 * with their SHA-256, the document, and the versions JSON
 * {"versions": …the document's…, "templates": {"id","version","sha256"}}. */
int report_issue_store(struct store *s, const struct store_actor *who,
		       const struct report_templates *t, int64_t client_id,
		       const struct report_rendered *r, int64_t *id, struct err *e);

void report_rendered_free(struct report_rendered *r);

#endif
