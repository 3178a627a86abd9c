#include "support/json_fixture.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/json.h"

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
