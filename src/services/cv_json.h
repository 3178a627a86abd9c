/* The CV file (docs/cv.md): a JSON document with the client's education and
 * work history, read into the engine's struct cv and checked (cv_check)
 * against the code lists of the taxonomy packs.
 *
 * Messages read `NAME: $.json.path: message`, e.g.
 *   cv.json: $.work[2].start: expected a date YYYY-MM-DD
 *   cv.json: $.work[0].sector: unknown code (see pack sectors)
 * (JSON syntax errors `NAME:LINE:COLUMN: message`). They name the field and
 * never repeat its value: a CV is personal data. The first problem stops the
 * parse; on error nothing is returned. */
#ifndef IPM_SERVICES_CV_JSON_H
#define IPM_SERVICES_CV_JSON_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/cv.h"

#include <stddef.h>

/* Bounds that keep a hostile file from costing much; far above a real CV. */
#define CV_JSON_MAX_EDUCATION 50
#define CV_JSON_MAX_WORK 200
#define CV_JSON_MAX_COMPETENCES 50

/* Parses `len` bytes (need not be NUL-terminated); `name` prefixes every
 * message. The CV's strings and arrays live in the arena. */
int cv_json_parse(const char *name, const char *text, size_t len, const struct cv_vocab *vocab,
		  struct arena *a, struct cv *out, struct err *e);

#endif
