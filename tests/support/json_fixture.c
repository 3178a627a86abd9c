#include "support/json_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/json.h"

#include <string.h>

json_t *test_json_file(const char *path)
{
	json_error_t je;
	json_t *doc = json_load_file(path, 0, &je);
	if (!doc)
		fail_msg("%s: %s", path, je.text);
	return doc;
}

int test_pack_parse(json_t *doc, const char *name, struct pack **out, struct err *e)
{
	struct buf text = BUF_INIT;
	json_to_buf(doc, &text, 1);
	int rc = pack_parse(name, buf_str(&text), text.len, out, e);
	buf_free(&text);
	json_decref(doc);
	return rc;
}

void test_pack_refused(json_t *doc, const char *want)
{
	struct pack *p = NULL;
	struct err e = { 0 };
	int rc = test_pack_parse(doc, "bad.json", &p, &e);
	if (rc != IPM_EINVAL || strcmp(e.msg, want) != 0)
		fail_msg("rc=%d\n got: %s\nwant: %s", rc, e.msg, want);
	assert_null(p);
}
