/* A pack text object {"nl": …, "en": …, "de": …} as the engine's struct
 * q_text, copied into an arena: shared by the builders so that each engine
 * struct gets its texts the same way. */
#ifndef IPM_PACK_PACK_TEXT_H
#define IPM_PACK_PACK_TEXT_H

#include "core/arena.h"
#include "engine/questionnaire.h"

#include <jansson.h>

/* Languages absent from `t` (or `t` NULL) are NULL in the result. */
struct q_text pack_text(struct arena *a, const json_t *t);

#endif
