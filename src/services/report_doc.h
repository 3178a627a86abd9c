/* The adviesrapport's document model (docs/contracts/report-doc-v1.md):
 * one JSON document built from a client's stored data, for the renderers
 * (src/report/, the web app) and `ipm report-doc`. A pure function of the
 * stored data, the report date, the version and the language: no clock,
 * no data directory; every pack and the model are read as registered in
 * the store, and the document names their versions. */
#ifndef IPM_SERVICES_REPORT_DOC_H
#define IPM_SERVICES_REPORT_DOC_H

#include "core/buf.h"
#include "core/err.h"
#include "engine/questionnaire.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

#define REPORT_DOC_CONTRACT "report-doc-v1"
#define REPORT_DOC_SECTIONS 10

/* prof: complete, with test details; client: for the client (no T-scores,
 * percentiles, item texts or test internals); employer: only what the
 * client consented to share. */
enum report_version { REPORT_PROF = 0, REPORT_CLIENT, REPORT_EMPLOYER };

/* "prof", "client", "employer". */
const char *report_version_name(enum report_version v);
/* 0 and *out for a known name, -1 otherwise. */
int report_version_parse(const char *s, enum report_version *out);

/* The ten sections in report order: id ("loopbaanfase") and title. */
const char *report_section_id(size_t i);
const char *report_section_title(size_t i, enum q_lang lang);

struct report_doc_opts {
	int64_t client_id;
	enum report_version version;
	const char *date; /* YYYY-MM-DD: the report date; ages and months are on this day */
	enum q_lang lang;
};

/* Builds the document into *out (a new reference; json_decref it).
 * Reads are audited as `who`. IPM_ENOTFOUND for no such client; IPM_EINVAL
 * naming the field for a bad date or stored data that cannot be read as
 * its contract says. A section without stored data is "available": false,
 * not an error. */
int report_doc_build(struct store *s, const struct store_actor *who,
		     const struct report_doc_opts *o, json_t **out, struct err *e);

/* The canonical text: keys sorted, two-space indent, one trailing newline. */
void report_doc_text(const json_t *doc, struct buf *out);

#endif
