/* libFuzzer target for the catalogue JSON reader (services/catalogue_json.h)
 * and what runs on what it accepts. Any bytes end in IPM_OK or in a clean
 * IPM_EINVAL with at least one problem, every message NUL-terminated, and
 * nothing returned. What is read writes back canonically, and the canonical
 * text reads and writes again to the same bytes. When the catalogue also
 * passes cat_validate, its CSV files read back to the same JSON (the
 * lossless round trip). The vocabulary is built here so that no pack file
 * is needed: tile "t", klantkenmerken "1" and "1.1", form "f", Sol kind "s". */
#include "services/catalogue_csv.h"
#include "services/catalogue_json.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct code_entry tiles[] = { { "t", "T", NULL, 0 } };
static const struct code_entry kk[] = { { "1", "K", NULL, 0 }, { "1.1", "K1", "1", 0 } };
static const struct code_entry forms[] = { { "f", "F", NULL, 0 } };
static const struct code_entry kinds[] = { { "s", "S", NULL, 0 } };
static const struct cat_vocab voc = { { "tiles", tiles, 1 }, { "kk", kk, 2 },
				      { "forms", forms, 1 }, { "sol", kinds, 1 } };

static void check_problems(const struct cat_problems *p, size_t from)
{
	if (p->n <= from)
		__builtin_trap();
	for (size_t i = from; i < p->n; i++)
		if (!memchr(p->v[i].message, '\0', sizeof p->v[i].message) ||
		    !memchr(p->v[i].field, '\0', sizeof p->v[i].field) ||
		    !memchr(p->v[i].id, '\0', sizeof p->v[i].id))
			__builtin_trap();
}

static void csv_round_trip(const struct catalogue *c, const struct buf *json)
{
	struct cat_csv_files files = { 0 };
	struct cat_problems p = { 0 };
	struct arena a = ARENA_INIT;
	struct catalogue back;
	struct buf again = BUF_INIT;
	struct err e = { 0 };
	if (catalogue_csv_format(c, &files, &e) != IPM_OK ||
	    catalogue_csv_parse(&files, "fuzz", &back, &p, &a, &e) != IPM_OK ||
	    catalogue_json_write(&back, &again, &e) != IPM_OK || again.len != json->len ||
	    memcmp(again.data, json->data, json->len) != 0)
		__builtin_trap();
	buf_free(&again);
	cat_problems_free(&p);
	cat_csv_files_free(&files);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct cat_problems p = { 0 };
	struct catalogue c, again;
	struct buf out = BUF_INIT, out2 = BUF_INIT;
	struct err e = { 0 };
	int rc = catalogue_json_parse((const char *)data, size, "fuzz.json", &c, &p, &a, &e);
	if (rc != IPM_OK) {
		if (rc != IPM_EINVAL || c.n_instruments || c.instruments || !e.msg[0] ||
		    !memchr(e.msg, '\0', sizeof e.msg))
			__builtin_trap();
		check_problems(&p, 0);
		goto out;
	}
	if (p.n)
		__builtin_trap();
	/* JSON holds every string the reader accepted (UTF-8, no NUL). */
	if (catalogue_json_write(&c, &out, &e) != IPM_OK)
		__builtin_trap();
	if (catalogue_json_parse(out.data, out.len, "again.json", &again, &p, &a, &e) != IPM_OK ||
	    catalogue_json_write(&again, &out2, &e) != IPM_OK || out.len != out2.len ||
	    memcmp(out.data, out2.data, out.len) != 0)
		__builtin_trap();
	rc = cat_validate(&c, &voc, &p, &e);
	if (rc == IPM_OK)
		csv_round_trip(&c, &out);
	else if (rc != IPM_EINVAL)
		__builtin_trap();
	else
		check_problems(&p, 0);
out:
	buf_free(&out);
	buf_free(&out2);
	cat_problems_free(&p);
	arena_free(&a);
	return 0;
}
