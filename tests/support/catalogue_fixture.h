/* Test support for the catalogue tests: the code lists instruments are
 * checked against (tiles, klantkenmerken, ...), loaded from data/packs once
 * per test file. */
#ifndef IPM_TESTS_CATALOGUE_FIXTURE_H
#define IPM_TESTS_CATALOGUE_FIXTURE_H

#include "engine/catalogue.h"

/* Filled by the group setup, valid until the group teardown. */
extern struct cat_vocab test_voc;

/* cmocka group setup and teardown; the setup prints why it failed. */
int test_voc_setup(void **state);
int test_voc_teardown(void **state);

#endif
