/* Test support: a questionnaire built from a pack file, as the scoring and
 * answers tests need one. A pack that does not load fails the test with the
 * loader's message, so a broken fixture reads as such. */
#ifndef IPM_TESTS_QUESTIONNAIRE_FIXTURE_H
#define IPM_TESTS_QUESTIONNAIRE_FIXTURE_H

#include "engine/questionnaire.h"

#include <stdbool.h>

/* Free with questionnaire_free (pack/questionnaire_build.h). */
struct questionnaire *test_questionnaire(const char *pack_file, bool include_excluded);

#endif
