#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "support/questionnaire_fixture.h"
#include "pack/pack.h"
#include "pack/questionnaire_build.h"

struct questionnaire *test_questionnaire(const char *pack_file, bool include_excluded)
{
	struct pack *p = NULL;
	struct questionnaire *q = NULL;
	struct err e = { 0 };
	struct questionnaire_opts o = { .include_excluded = include_excluded };
	if (pack_load_file(pack_file, &p, &e) || questionnaire_build(p, &o, &q, &e))
		fail_msg("%s", e.msg);
	pack_free(p);
	return q;
}
