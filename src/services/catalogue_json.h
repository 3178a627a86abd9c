/* The catalogue as JSON (docs/catalogue.md, docs/contracts/catalogue-json-v1.md):
 * read into the engine's struct catalogue and written back canonically, so
 * that export → import → export is byte-identical.
 *
 * Reading checks the shape only: types, known keys (an unknown key is
 * refused, a misspelt optional field must not vanish silently), the fixed
 * enumerations (duration unit, location type, ...), dates and UTF-8. The
 * rules between fields and records are cat_validate's (engine/catalogue.h);
 * callers run it on what the parse returns. Every shape problem is collected
 * (not just the first) as record kind, 1-based number, id and field, e.g.
 *   catalogue.json: instrument 3 (schuldhulp-start): duration.value: expected a number, got text
 * and a syntax error as `catalogue.json: LINE:COLUMN: message`. Messages
 * never repeat a value. */
#ifndef IPM_SERVICES_CATALOGUE_JSON_H
#define IPM_SERVICES_CATALOGUE_JSON_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "engine/catalogue.h"

#include <stddef.h>

/* Bounds that keep a hostile file from costing much; far above a real
 * catalogue (the benchmark uses 100,000 instruments). */
#define CAT_MAX_RECORDS 1000000 /* per record list */
#define CAT_MAX_ITEMS 1000      /* per list inside one instrument */

/* Parses `len` bytes (need not be NUL-terminated); `origin` (the file name)
 * names the input in `e`. On success *out refers to strings and arrays in
 * the arena. On a problem: IPM_EINVAL, every problem appended to `problems`
 * (free with cat_problems_free), e = "ORIGIN: N problems; the first: ...",
 * and *out zeroed (nothing partial). */
int catalogue_json_parse(const char *text, size_t len, const char *origin,
			 struct catalogue *out, struct cat_problems *problems, struct arena *a,
			 struct err *e);

/* Appends the canonical JSON: keys in the contract's order, 2-space
 * indentation, UTF-8 as is, code and id lists on one line, no null, no empty
 * text or list, numbers in the shortest form that reads back to the same
 * double, a final newline. IPM_EINVAL for what JSON cannot hold (a NaN or
 * infinite number, text that is not UTF-8). */
int catalogue_json_write(const struct catalogue *c, struct buf *out, struct err *e);

#endif
