/* The inzage (AVG art. 15): everything IPM stores about one client, as one
 * JSON document (docs/inzage.md). The web page renders it readably and
 * offers it for download; `ipm export` writes it to a file. */
#ifndef IPM_SERVICES_INZAGE_H
#define IPM_SERVICES_INZAGE_H

#include "core/buf.h"
#include "core/err.h"
#include "services/sensitive.h"
#include "store/store.h"

#include <jansson.h>
#include <stdint.h>

#define INZAGE_FORMAT "ipm-inzage"
#define INZAGE_VERSION 1

struct inzage_opts {
	const struct sensitive_key *key; /* NULL: special-category data cannot be opened */
	int may_see_sensitive;           /* the requester's role may read it */
};

/* The document: {"format", "version", "generated_at", "generated_by",
 * "client_id", "client": {...}, "organisation": {...}, and one array of row
 * objects per further part of store_export_parts}. Every part is present
 * (empty arrays included), so a reader can tell "none" from "left out".
 * clients.sensitive becomes {"status": "none"|"shown"|"withheld"|"locked",
 * "text": ... when shown}. Audited as 'export' of 'client' by `who`.
 * IPM_ENOTFOUND for no such client. *out is owned by the caller. */
int inzage_build(struct store *s, const struct store_actor *who, int64_t client_id,
		 const struct inzage_opts *o, json_t **out, struct err *e);

/* The document as indented UTF-8 JSON with a final newline. */
void inzage_write(const json_t *doc, struct buf *out);

#endif
