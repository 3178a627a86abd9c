/* Test support: JSON documents for pack tests — a fixture file read as
 * json_t (a file that does not parse fails the test with jansson's message),
 * and a changed document parsed as a pack, so that a test can break one
 * property of a valid pack and check the message. */
#ifndef IPM_TESTS_JSON_FIXTURE_H
#define IPM_TESTS_JSON_FIXTURE_H

#include "core/err.h"
#include "pack/pack.h"

#include <jansson.h>

/* Owned by the caller (json_decref). */
json_t *test_json_file(const char *path);

/* pack_parse of `doc` (taken over) as the file `name`. */
int test_pack_parse(json_t *doc, const char *name, struct pack **out, struct err *e);
/* Takes `doc`; parsed as the pack file "bad.json" it must be refused with
 * exactly the message `want`. */
void test_pack_refused(json_t *doc, const char *want);

#endif
