#include "support/catalogue_fixture.h"

#include "core/arena.h"
#include "pack/catalogue_vocab.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

struct cat_vocab test_voc;
static struct arena voc_arena;

int test_voc_setup(void **state)
{
	(void)state;
	struct err e = { 0 };
	if (cat_vocab_load("data/packs", &voc_arena, &test_voc, &e)) {
		print_error("%s\n", e.msg);
		return -1;
	}
	return 0;
}

int test_voc_teardown(void **state)
{
	(void)state;
	arena_free(&voc_arena);
	return 0;
}
