/* Test support for the store tests: a migrated database in a fresh
 * directory with one organisation, one user (consulent), one pack and one
 * client, so each test starts from the same small world. */
#ifndef IPM_TESTS_STORE_FIXTURE_H
#define IPM_TESTS_STORE_FIXTURE_H

#include "store/store.h"

#include <stdint.h>

#define FIXTURE_PACK_ID "test-pack"
#define FIXTURE_PACK_VERSION "1.0.0"

struct store_fixture {
	char *dir;
	char *db; /* dir/ipm.db */
	struct store *s;
	int64_t org, user, client;
	struct store_actor who; /* the user, no reason */
};

/* Fails the current cmocka test when anything goes wrong. */
void store_fixture_up(struct store_fixture *f);
/* Closes the store (when still open) and removes the directory. */
void store_fixture_down(struct store_fixture *f);
/* cmocka setup and teardown: a store_fixture (up) in *state; down and freed. */
int store_fixture_setup(void **state);
int store_fixture_teardown(void **state);
/* A test that starts from its own fresh fixture. */
#define STORE_FIXTURE_TEST(t) cmocka_unit_test_setup_teardown(t, store_fixture_setup, \
							      store_fixture_teardown)

/* dir/name, to free(). */
char *store_fixture_path(const struct store_fixture *f, const char *name);

/* Asserts rc == want and, when `needle` is not NULL, that the message
 * contains it; prints the message when it does not. */
void store_expect(int rc, int want, const struct err *e, const char *needle);

#endif
