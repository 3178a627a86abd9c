#include "support/store_fixture.h"

#include "core/buf.h"
#include "support/proc.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *store_fixture_path(const struct store_fixture *f, const char *name)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s/%s", f->dir, name);
	return buf_detach(&b, NULL);
}

void store_expect(int rc, int want, const struct err *e, const char *needle)
{
	if (rc != want || (needle && !strstr(e->msg, needle)))
		fprintf(stderr, "want %s containing \"%s\", got %s: %s\n", err_code_name(want),
			needle ? needle : "", err_code_name(rc), e->msg);
	assert_int_equal(rc, want);
	if (needle)
		assert_non_null(strstr(e->msg, needle));
}

void store_fixture_up(struct store_fixture *f)
{
	struct err e = { 0 };
	int version = 0;
	memset(f, 0, sizeof *f);
	f->dir = test_tmpdir();
	f->db = store_fixture_path(f, "ipm.db");
	store_expect(store_open(f->db, &f->s, &e), IPM_OK, &e, NULL);
	store_expect(store_migrate(f->s, &version, &e), IPM_OK, &e, NULL);
	assert_true(version >= 1);
	store_expect(store_org_create(f->s, "Gemeente Test", "gemeente", &f->org, &e), IPM_OK, &e,
		     NULL);
	struct store_user u = { .org_id = f->org, .username = "consulent1",
				.display_name = "C. One", .role = "consulent" };
	store_expect(store_user_create(f->s, &u, &f->user, &e), IPM_OK, &e, NULL);
	store_expect(store_pack_register(f->s, FIXTURE_PACK_ID, FIXTURE_PACK_VERSION,
					 "questionnaire", "Test pack", "abc123", "{}", &e),
		     IPM_OK, &e, NULL);
	f->who = (struct store_actor){ .user_id = f->user };
	struct store_client c = { .org_id = f->org, .reference = "K-1", .given_name = "Anna",
				  .family_name = "Jansen", .birth_date = "1980-02-29" };
	store_expect(store_client_create(f->s, &f->who, &c, &f->client, &e), IPM_OK, &e, NULL);
}

void store_fixture_down(struct store_fixture *f)
{
	store_close(f->s);
	f->s = NULL;
	if (f->dir)
		test_rmdir_all(f->dir);
	free(f->db);
	free(f->dir);
	f->db = f->dir = NULL;
}

int store_fixture_setup(void **state)
{
	struct store_fixture *f = calloc(1, sizeof *f);
	*state = f;
	store_fixture_up(f);
	return 0;
}

int store_fixture_teardown(void **state)
{
	struct store_fixture *f = *state;
	store_fixture_down(f);
	free(f);
	return 0;
}
