/* Converts a validated questionnaire pack (json_t) into the engine's struct
 * questionnaire, so that json_t stays inside src/pack (docs/architecture.md). */
#ifndef IPM_PACK_QUESTIONNAIRE_BUILD_H
#define IPM_PACK_QUESTIONNAIRE_BUILD_H

#include "core/err.h"
#include "engine/questionnaire.h"
#include "pack/pack.h"

#include <stdbool.h>

struct questionnaire_opts {
	/* The organisation switched the default-excluded items on: they are
	 * asked and scored like any other item (no SCORE_ITEMS_EXCLUDED). */
	bool include_excluded;
	/* Only score_one will score with it (one respondent per request):
	 * skip the batch scoring tables, most of the build's time (3.1 of the
	 * Big Five's 3.5 ms). A batch still scores it right, by the formulas. */
	bool no_batch_tables;
};

/* Builds *out (owned; free with questionnaire_free) from p, which must be a
 * questionnaire pack that passed pack_parse. opts NULL = defaults.
 * IPM_EINVAL for another kind of pack. */
int questionnaire_build(const struct pack *p, const struct questionnaire_opts *opts,
			struct questionnaire **out, struct err *e);

void questionnaire_free(struct questionnaire *q);

/* The questionnaire that spec (ID[@VERSION], the newest version without
 * @VERSION) names in DATA_DIR/packs, built as questionnaire_build does.
 * IPM_EINVAL naming the spec for an unknown pack or another kind; IPM_EIO
 * for a directory that cannot be read. src/pack/questionnaire_load.c */
int questionnaire_load(const char *data_dir, const char *spec,
		       const struct questionnaire_opts *opts, struct questionnaire **out,
		       struct err *e);

#endif
