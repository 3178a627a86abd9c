/* Core: buffer, arena, errors, JSON wrapper, dates, files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/fs.h"
#include "core/json.h"
#include "core/timeutil.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void buf_grows_and_stays_terminated(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	assert_int_equal(b.len, strlen(b.data));
	assert_true(strncmp(b.data, "0,1,2,", 6) == 0);
	assert_string_equal(b.data + b.len - 4, "999,");
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_add(&b, "a\0b", 3);
	assert_int_equal(b.len, 3);
	assert_int_equal(b.data[3], '\0');
	buf_free(&b);
	assert_null(b.data);
}

static void buf_detach_hands_over(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	size_t len = 99;
	char *empty = buf_detach(&b, &len);
	assert_string_equal(empty, "");
	assert_int_equal(len, 0);
	free(empty);
	buf_puts(&b, "klantbeeld");
	char *s = buf_detach(&b, &len);
	assert_string_equal(s, "klantbeeld");
	assert_int_equal(len, 10);
	assert_null(b.data);
	free(s);
}

static void buf_escapes_json_and_html(void **state)
{
	(void)state;
	struct buf b = BUF_INIT;
	buf_put_json_string(&b, "a\"b\\c\n\x01é");
	assert_string_equal(b.data, "\"a\\\"b\\\\c\\n\\u0001é\"");
	buf_reset(&b);
	buf_put_html(&b, "<a href=\"x\">'&'</a>");
	assert_string_equal(b.data, "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
	buf_free(&b);
}

static void arena_aligns_zeroes_and_spans_blocks(void **state)
{
	(void)state;
	struct arena a = { .block_size = 256 };
	for (int i = 0; i < 100; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)(i % 37) + 1);
		assert_int_equal((uintptr_t)p % alignof(max_align_t), 0);
		for (int k = 0; k < i % 37 + 1; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xab, (size_t)(i % 37) + 1);
	}
	char *big = arena_alloc(&a, 10000); /* larger than a block */
	big[9999] = 'x';
	assert_string_equal(arena_strdup(&a, "werkcoach"), "werkcoach");
	assert_string_equal(arena_strndup(&a, "jobcoach", 3), "job");
	assert_null(arena_strdup(&a, NULL));
	double *v = arena_array(&a, 10, sizeof *v);
	assert_true(v[9] == 0.0);
	arena_free(&a);
	assert_null(a.head);
}

static void err_set_prefix_and_exit_status(void **state)
{
	(void)state;
	struct err e;
	err_clear(&e);
	assert_int_equal(e.code, IPM_OK);
	assert_int_equal(err_set(&e, IPM_EINVAL, "%s: expected %d", "$.items[1]", 5), IPM_EINVAL);
	assert_int_equal(err_prefix(&e, "pack.json"), IPM_EINVAL);
	assert_string_equal(e.msg, "pack.json: $.items[1]: expected 5");
	assert_int_equal(err_exit_status(IPM_OK), 0);
	assert_int_equal(err_exit_status(IPM_EINVAL), 2);
	assert_int_equal(err_exit_status(IPM_ESTORE), 1);
	assert_string_equal(err_code_name(IPM_ECONFLICT), "conflict");
	assert_string_equal(err_code_name(999), "unknown");
	assert_int_equal(err_set(NULL, IPM_EIO, "no record"), IPM_EIO);

	/* A very long prefix is cut, never overflows. */
	char longer[3000];
	memset(longer, 'x', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	err_prefix(&e, "%s", longer);
	assert_int_equal(strlen(e.msg), ERR_MSG_MAX - 1);
}

static void json_parse_reports_position_and_duplicates(void **state)
{
	(void)state;
	struct err e;
	json_t *v = NULL;
	const char *bad = "{\n  \"a\": 1,\n  \"b\": tru\n}";
	assert_int_equal(json_parse_text("x.json", bad, strlen(bad), &v, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "x.json:3:"));
	const char *dup = "{\"a\": 1, \"a\": 2}";
	assert_int_equal(json_parse_text("d.json", dup, strlen(dup), &v, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "duplicate"));
	const char *ok = "{\"b\": [1, 2.5, \"z\"], \"a\": null}";
	assert_int_equal(json_parse_text("ok.json", ok, strlen(ok), &v, &e), IPM_OK);
	struct buf out = BUF_INIT;
	json_to_buf(v, &out, 0);
	assert_string_equal(out.data, "{\"b\":[1,2.5,\"z\"],\"a\":null}");
	assert_string_equal(json_type_name(json_object_get(v, "b")), "array");
	assert_string_equal(json_type_name(json_array_get(json_object_get(v, "b"), 1)), "number");
	buf_free(&out);
	json_decref(v);
}

static void jpath_builds_readable_paths(void **state)
{
	(void)state;
	struct jpath p;
	jpath_root(&p);
	size_t m1 = jpath_push_key(&p, "items");
	size_t m2 = jpath_push_index(&p, 3);
	jpath_push_key(&p, "keyed");
	assert_string_equal(p.s, "$.items[3].keyed");
	jpath_pop(&p, m2);
	assert_string_equal(p.s, "$.items");
	jpath_push_key(&p, "odd key\"");
	assert_string_equal(p.s, "$.items[\"odd key?\"]");
	jpath_pop(&p, m1);
	jpath_push_key(&p, "1st");
	assert_string_equal(p.s, "$[\"1st\"]");
	/* A path deeper than the buffer is cut, not overrun. */
	jpath_root(&p);
	for (int i = 0; i < 200; i++)
		jpath_push_key(&p, "segment");
	assert_int_equal(p.len, strlen(p.s));
	assert_true(p.len < sizeof p.s);
}

static void dates_are_calendar_dates(void **state)
{
	(void)state;
	assert_true(time_date_valid("2024-02-29"));
	assert_false(time_date_valid("2023-02-29"));
	assert_true(time_date_valid("2000-02-29"));
	assert_false(time_date_valid("1900-02-29"));
	assert_false(time_date_valid("2026-13-01"));
	assert_false(time_date_valid("2026-04-31"));
	assert_false(time_date_valid("2026-4-30"));
	assert_false(time_date_valid("2026-04-3x"));
	assert_false(time_date_valid(""));
	char ts[TIME_ISO_LEN];
	time_format_iso(0, ts);
	assert_string_equal(ts, "1970-01-01T00:00:00Z");
	time_format_iso(1700000000, ts);
	assert_string_equal(ts, "2023-11-14T22:13:20Z");
}

static void files_write_atomically_and_read_back(void **state)
{
	(void)state;
	char dir[] = "/tmp/ipm-core-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct buf path = BUF_INIT, got = BUF_INIT;
	buf_printf(&path, "%s/f.txt", dir);
	struct err e;
	assert_int_equal(fs_write_atomic(path.data, "eerste", 6, &e), IPM_OK);
	assert_int_equal(fs_write_atomic(path.data, "tweede", 6, &e), IPM_OK);
	assert_int_equal(fs_read_file(path.data, &got, &e), IPM_OK);
	assert_string_equal(got.data, "tweede");
	assert_true(fs_exists(path.data));
	unlink(path.data);
	assert_false(fs_exists(path.data));
	assert_int_equal(fs_read_file(path.data, &got, &e), IPM_EIO);
	assert_non_null(strstr(e.msg, "No such file"));
	buf_reset(&path);
	buf_printf(&path, "%s/missing-dir/f.txt", dir);
	assert_int_equal(fs_write_atomic(path.data, "x", 1, &e), IPM_EIO);
	rmdir(dir);
	buf_free(&path);
	buf_free(&got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_grows_and_stays_terminated),
		cmocka_unit_test(buf_detach_hands_over),
		cmocka_unit_test(buf_escapes_json_and_html),
		cmocka_unit_test(arena_aligns_zeroes_and_spans_blocks),
		cmocka_unit_test(err_set_prefix_and_exit_status),
		cmocka_unit_test(json_parse_reports_position_and_duplicates),
		cmocka_unit_test(jpath_builds_readable_paths),
		cmocka_unit_test(dates_are_calendar_dates),
		cmocka_unit_test(files_write_atomically_and_read_back),
	};
	return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
