/* The jansson wrapper: parsing with positioned errors, and JSON paths for
 * messages such as `pack.json: $.items[3].keyed: expected "+" or "-"`.
 *
 * Only the pack, store and web layers include this; the engine works on its
 * own structs and never sees a json_t (see docs/architecture.md). */
#ifndef IPM_CORE_JSON_H
#define IPM_CORE_JSON_H

#include "core/buf.h"
#include "core/err.h"

#include <jansson.h>
#include <stddef.h>

/* Parses `len` bytes. Duplicate keys are an error: a pack that says the same
 * thing twice is ambiguous. On error: "NAME:LINE:COLUMN: message". */
int json_parse_text(const char *name, const char *text, size_t len, json_t **out,
		    struct err *e);

/* Serialises compactly (or indented when `pretty`) with keys in insertion order. */
void json_to_buf(const json_t *v, struct buf *out, int pretty);

/* A JSON path being walked: "$", "$.items", "$.items[3]", "$[\"odd key\"]". */
struct jpath {
	char s[512];
	size_t len;
};

void jpath_root(struct jpath *p);
/* Each push returns the previous length; pass it to jpath_pop to go back up. */
size_t jpath_push_key(struct jpath *p, const char *key);
size_t jpath_push_index(struct jpath *p, size_t index);
void jpath_pop(struct jpath *p, size_t mark);

const char *json_type_name(const json_t *v);

#endif
