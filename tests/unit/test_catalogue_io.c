/* Catalogue import/export: the canonical JSON reads and writes back byte for
 * byte; CSV export is the committed golden directory byte for byte and reads
 * back to the same catalogue (JSON → CSV → JSON identical); formula
 * protection is undone on reading; every problem of a bad file is listed
 * with its record number or row and column and field, and nothing partial
 * is returned. The fixture tests/fixtures/catalogue/small.json uses every
 * field, quotes, commas, line breaks, non-ASCII text and cells that start
 * with = + - @ and '. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/arena.h"
#include "core/fs.h"
#include "support/catalogue_fixture.h"
#include "services/catalogue_csv.h"
#include "services/catalogue_json.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIXTURE "tests/fixtures/catalogue/small.json"
#define GOLDEN_CSV "tests/fixtures/catalogue/small-csv"

static void read_fixture(const char *path, struct buf *out)
{
	struct err e = { 0 };
	if (fs_read_file(path, out, &e))
		fail_msg("%s", e.msg);
}

/* Parses JSON that must be valid (shape and rules). */
static void parse_valid(const char *text, size_t len, struct catalogue *c, struct arena *a)
{
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	int rc = catalogue_json_parse(text, len, "small.json", c, &p, a, &e);
	if (!rc)
		rc = cat_validate(c, &test_voc, &p, &e);
	if (rc) {
		struct buf b = BUF_INIT;
		cat_problems_format(&p, "small.json", 20, &b);
		fail_msg("%s\n%s", e.msg, buf_str(&b));
	}
	cat_problems_free(&p);
}

/* The problems of a parse that must fail, one per line. */
static void json_problems(const char *text, struct buf *out)
{
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	struct arena a = ARENA_INIT;
	struct catalogue c;
	assert_int_equal(catalogue_json_parse(text, strlen(text), "bad.json", &c, &p, &a, &e),
			 IPM_EINVAL);
	/* Nothing partial. */
	assert_null(c.instruments);
	assert_int_equal(c.n_instruments, 0);
	assert_int_equal(c.n_organisations, 0);
	assert_non_null(strstr(e.msg, "the first: bad.json: "));
	cat_problems_format(&p, "bad.json", 100, out);
	cat_problems_free(&p);
	arena_free(&a);
}

static void json_round_trip_is_byte_identical(void **state)
{
	(void)state;
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct catalogue c;
	struct err e = { 0 };
	read_fixture(FIXTURE, &in);
	parse_valid(in.data, in.len, &c, &a);
	assert_int_equal(catalogue_json_write(&c, &out, &e), IPM_OK);
	assert_int_equal(out.len, in.len);
	assert_memory_equal(out.data, in.data, in.len);
	buf_free(&in);
	buf_free(&out);
	arena_free(&a);
}

/* What the parse reads: values checked against the fixture by hand. */
static void json_values(void **state)
{
	(void)state;
	struct buf in = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct catalogue c;
	read_fixture(FIXTURE, &in);
	parse_valid(in.data, in.len, &c, &a);
	assert_int_equal(c.n_organisations, 2);
	assert_int_equal(c.n_providers, 2);
	assert_int_equal(c.n_target_groups, 2);
	assert_int_equal(c.n_regions, 1);
	assert_int_equal(c.n_gemeenten, 2);
	assert_int_equal(c.n_wijken, 2);
	assert_int_equal(c.n_addresses, 1);
	assert_int_equal(c.n_instruments, 2);
	const struct cat_instrument *s = &c.instruments[0], *t = &c.instruments[1];
	assert_string_equal(s->id, "schuldhulp-startgesprek");
	assert_true(s->publish);
	assert_int_equal(s->publish_until.y, 2027);
	assert_int_equal(s->publish_until.m, 12);
	assert_int_equal(s->publish_until.d, 31);
	assert_true(s->has_duration);
	assert_true(s->duration == 1.5);
	assert_int_equal(s->duration_unit, CAT_UREN);
	assert_true(s->has_intensity && s->intensity_hours == 0.1);
	assert_true(s->has_cost && s->cost_eur == 0);
	assert_string_equal(s->distinctive, "=Geen wachtlijst: je kunt binnen een week terecht.");
	assert_int_equal(s->klantkenmerken.n, 2);
	assert_string_equal(s->klantkenmerken.v[0], "5.3");
	assert_int_equal(s->n_contacts, 2);
	assert_string_equal(s->contacts[1].kind, "extern");
	assert_null(s->contacts[1].email);
	assert_int_equal(s->n_locations, 2);
	assert_false(s->locations[1].in_use);
	assert_null(s->locations[1].address);
	assert_false(s->group);
	assert_true(s->individual);
	assert_false(t->publish);
	assert_false(date_is_set(t->publish_from));
	assert_false(t->has_intensity);
	assert_true(t->cost_eur == 1234567.89);
	assert_int_equal(t->n_contacts, 0);
	assert_null(t->distinctive);
	buf_free(&in);
	arena_free(&a);
}

static void csv_files_equal_golden(const struct cat_csv_files *files)
{
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		struct buf path = BUF_INIT, want = BUF_INIT;
		buf_printf(&path, "%s/%s", GOLDEN_CSV, cat_csv_file_names[f]);
		read_fixture(buf_str(&path), &want);
		if (files->f[f].len != want.len || memcmp(files->f[f].data, want.data, want.len))
			fail_msg("%s differs from the golden file:\n%s", cat_csv_file_names[f],
				 buf_str(&files->f[f]));
		buf_free(&path);
		buf_free(&want);
	}
}

/* JSON → CSV is the golden directory; CSV → catalogue → CSV the same bytes;
 * and CSV → JSON the original JSON. */
static void csv_round_trip(void **state)
{
	(void)state;
	struct buf in = BUF_INIT, json = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct catalogue c, back;
	struct cat_csv_files csv = { 0 }, again = { 0 };
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	read_fixture(FIXTURE, &in);
	parse_valid(in.data, in.len, &c, &a);
	assert_int_equal(catalogue_csv_format(&c, &csv, &e), IPM_OK);
	csv_files_equal_golden(&csv);
	if (catalogue_csv_parse(&csv, "golden", &back, &p, &a, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(cat_validate(&back, &test_voc, &p, &e), IPM_OK);
	assert_int_equal(catalogue_csv_format(&back, &again, &e), IPM_OK);
	csv_files_equal_golden(&again);
	assert_int_equal(catalogue_json_write(&back, &json, &e), IPM_OK);
	assert_int_equal(json.len, in.len);
	assert_memory_equal(json.data, in.data, in.len);
	/* The formula protection came off again. */
	assert_string_equal(back.instruments[0].distinctive,
			    "=Geen wachtlijst: je kunt binnen een week terecht.");
	assert_string_equal(back.instruments[0].additional_info,
			    "'=Dit is geen formule maar tekst met een quote ervoor.");
	assert_string_equal(back.providers[1].name, "Taalhuis 's-Hertogenbosch");
	cat_problems_free(&p);
	cat_csv_files_free(&csv);
	cat_csv_files_free(&again);
	buf_free(&in);
	buf_free(&json);
	arena_free(&a);
}

/* Exactly how the protection looks in the file, cell by cell. */
static void csv_formula_protection(void **state)
{
	(void)state;
	struct buf golden = BUF_INIT;
	read_fixture(GOLDEN_CSV "/instruments.csv", &golden);
	const char *s = buf_str(&golden);
	assert_non_null(strstr(s, ",'=Geen wachtlijst"));
	assert_non_null(strstr(s, ",'-18 jaar"));
	assert_non_null(strstr(s, ",'+De klantmanager"));
	assert_non_null(strstr(s, ",\"'@Buurtteams, Voedselbank\","));
	assert_non_null(strstr(s, ",''=Dit is geen formule"));
	buf_free(&golden);
	/* A hand-written file without protection reads as it is. */
	struct cat_csv_files files = { 0 };
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", GOLDEN_CSV, cat_csv_file_names[f]);
		read_fixture(buf_str(&path), &files.f[f]);
		buf_free(&path);
	}
	struct buf *pr = &files.f[CAT_CSV_PROVIDERS];
	buf_reset(pr);
	buf_puts(pr, "id,name,website,email,phone\n"
		     "werkpunt,=Werkpunt,,,\n"
		     "taalhuis,'Taalhuis,,,\n");
	struct arena a = ARENA_INIT;
	struct catalogue c;
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	assert_int_equal(catalogue_csv_parse(&files, "hand", &c, &p, &a, &e), IPM_OK);
	assert_string_equal(c.providers[0].name, "=Werkpunt");
	assert_string_equal(c.providers[1].name, "'Taalhuis");
	cat_csv_files_free(&files);
	arena_free(&a);
}

static void csv_directory(void **state)
{
	(void)state;
	char dir[] = "/tmp/ipm-catalogue-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct buf in = BUF_INIT, json = BUF_INIT, target = BUF_INIT;
	struct arena a = ARENA_INIT;
	struct catalogue c, back;
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	read_fixture(FIXTURE, &in);
	parse_valid(in.data, in.len, &c, &a);
	/* An empty directory is replaced in one step. */
	assert_int_equal(catalogue_csv_write(&c, dir, &e), IPM_OK);
	assert_int_equal(catalogue_csv_read(dir, &back, &p, &a, &e), IPM_OK);
	assert_int_equal(catalogue_json_write(&back, &json, &e), IPM_OK);
	assert_string_equal(buf_str(&json), buf_str(&in));
	/* A directory with files in it is refused, and left as it was. */
	assert_int_equal(catalogue_csv_write(&c, dir, &e), IPM_EINVAL);
	assert_non_null(strstr(e.msg, "exists and is not an empty directory"));
	/* A missing file is a problem of that file, listed with the rest. */
	buf_printf(&target, "%s/instrument_links.csv", dir);
	assert_int_equal(unlink(buf_str(&target)), 0);
	assert_int_equal(catalogue_csv_read(dir, &back, &p, &a, &e), IPM_EINVAL);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].file, "instrument_links.csv");
	assert_string_equal(p.v[0].message, "missing file (every file of the catalogue must be "
					    "there, at least with its header row)");
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		buf_reset(&target);
		buf_printf(&target, "%s/%s", dir, cat_csv_file_names[f]);
		unlink(buf_str(&target));
	}
	assert_int_equal(rmdir(dir), 0);
	cat_problems_free(&p);
	buf_free(&in);
	buf_free(&json);
	buf_free(&target);
	arena_free(&a);
}

/* Every shape problem of a JSON file, in order, with record number, id and
 * field; the parse continues past each. */
static void json_every_error(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	json_problems(
		"{\"format\": \"ipm-catalogue\", \"version\": 2, \"colour\": 1,\n"
		" \"organisations\": [{\"id\": \"o\", \"name\": 5, \"kind\": \"gemeente\"}, 7],\n"
		" \"instruments\": [{}, {\"id\": \"b\", \"publish\": \"ja\", \"summary\": [],\n"
		"   \"publish_from\": \"2026-02-30\", \"forms\": [\"coaching\", 3],\n"
		"   \"duration\": {\"value\": \"acht\", \"unit\": \"jaren\", \"extra\": 1},\n"
		"   \"contacts\": [{\"name\": \"x\", \"kind\": \"intern\", \"mail\": \"y\"}, \"z\"],\n"
		"   \"group\": true, \"individual\": false, \"Wijken\": []}]}",
		&out);
	assert_string_equal(
		buf_str(&out),
		"bad.json: colour: unknown property\n"
		"bad.json: version: expected 1 (the only version so far)\n"
		"bad.json: organisation 1 (o): name: expected text, got integer\n"
		"bad.json: organisation 2: expected an object, got integer\n"
		"bad.json: instrument 1: publish: required: true or false\n"
		"bad.json: instrument 1: group: required: true or false\n"
		"bad.json: instrument 1: individual: required: true or false\n"
		"bad.json: instrument 2 (b): unknown property (not shown)\n"
		"bad.json: instrument 2 (b): publish: expected true or false, got text\n"
		"bad.json: instrument 2 (b): publish_from: expected a date YYYY-MM-DD\n"
		"bad.json: instrument 2 (b): summary: expected text, got array\n"
		"bad.json: instrument 2 (b): forms[2]: expected text, got integer\n"
		"bad.json: instrument 2 (b): duration.extra: unknown property\n"
		"bad.json: instrument 2 (b): duration.value: expected a number, got text\n"
		"bad.json: instrument 2 (b): duration.unit: expected uren, dagen, weken or maanden\n"
		"bad.json: instrument 2 (b): contacts[1].mail: unknown property\n"
		"bad.json: instrument 2 (b): contacts[2]: expected an object, got text\n");
	buf_free(&out);
}

static void json_syntax_error(void **state)
{
	(void)state;
	struct buf out = BUF_INIT;
	/* The input near the error is not repeated: it could be a person's name.
	 * (jansson counts the column at the end of the token it stopped on.) */
	json_problems("{\"format\": \"ipm-catalogue\",\n \"version\": 1,\n Jan de Vries}", &out);
	assert_string_equal(buf_str(&out), "bad.json: 3:4: string or '}' expected\n");
	buf_reset(&out);
	json_problems("[]", &out);
	assert_string_equal(buf_str(&out), "bad.json: expected a catalogue object, got array\n");
	buf_reset(&out);
	json_problems("{\"format\": \"ipm-catalogue\", \"version\": 1, \"format\": \"x\"}", &out);
	assert_non_null(strstr(buf_str(&out), "duplicate object key"));
	buf_free(&out);
}

/* Every problem of a CSV directory, each with file, row, column and field. */
static void csv_every_error(void **state)
{
	(void)state;
	struct cat_csv_files files = { 0 };
	for (size_t f = 0; f < CAT_CSV_NFILES; f++) {
		struct buf path = BUF_INIT;
		buf_printf(&path, "%s/%s", GOLDEN_CSV, cat_csv_file_names[f]);
		read_fixture(buf_str(&path), &files.f[f]);
		buf_free(&path);
	}
	struct buf *f = &files.f[CAT_CSV_ORGANISATIONS];
	buf_reset(f);
	buf_puts(f, "name,id,colour,name\r\ngem,x\r\n");
	f = &files.f[CAT_CSV_INSTRUMENTS];
	/* Row 2: duration, publish and a code list broken; row 3 left as is. */
	char *row2 = strstr(f->data, "\nschuldhulp-startgesprek,") + 1;
	char *cut = strstr(row2, ",1.5,uren,");
	memcpy(cut, ",1,5,uren", 9); /* "1,5" shifts a column: one field too many */
	f = &files.f[CAT_CSV_LOCATIONS];
	buf_reset(f);
	buf_puts(f, "instrument,name,type,address,in_use,description\r\n"
		    "taalcafe,Zaal,adres,adr-1,misschien,\r\n"
		    "onbekend,Zaal,adres,adr-1,ja,\r\n");
	f = &files.f[CAT_CSV_LINKS];
	buf_reset(f);
	buf_puts(f, "instrument,kind,label,url\r\ntaalcafe,link,\"open,https://x\r\n");
	f = &files.f[CAT_CSV_REGCODES];
	buf_reset(f);
	buf_puts(f, "instrument,code,label\r\ntaalcafe,\xff,\r\n");
	struct arena a = ARENA_INIT;
	struct catalogue c;
	struct cat_problems p = { 0 };
	struct err e = { 0 };
	assert_int_equal(catalogue_csv_parse(&files, "dir", &c, &p, &a, &e), IPM_EINVAL);
	assert_null(c.instruments);
	struct buf out = BUF_INIT;
	cat_problems_format(&p, "dir", 100, &out);
	assert_string_equal(
		buf_str(&out),
		"dir: organisations.csv: row 1, column 3 (colour): unknown column\n"
		"dir: organisations.csv: row 1, column 4 (name): the same column as column 1\n"
		"dir: organisations.csv: row 1 (kind): missing column\n"
		"dir: instruments.csv: row 2: expected 34 fields (as the header), got 35\n"
		"dir: instrument_contacts.csv: row 2, column 1 (instrument): no instrument with "
		"this id in instruments.csv\n"
		"dir: instrument_contacts.csv: row 3, column 1 (instrument): no instrument with "
		"this id in instruments.csv\n"
		"dir: instrument_locations.csv: row 2, column 5 (in_use): expected ja or nee\n"
		"dir: instrument_locations.csv: row 3, column 1 (instrument): no instrument with "
		"this id in instruments.csv\n"
		"dir: instrument_regcodes.csv: row 2, column 2 (code): not valid UTF-8\n"
		"dir: instrument_links.csv: row 2, column 3: quoted field is not closed\n");
	buf_free(&out);
	cat_problems_free(&p);
	cat_csv_files_free(&files);
	arena_free(&a);
}

/* Numbers are written in the shortest form that reads back exactly. */
static void numbers_round_trip(void **state)
{
	(void)state;
	static const double values[] = { 0.1, 1.0 / 3, 2.5, 10, 1200, 1e21, 123456789012345678.0,
					 5e-324, 0.30000000000000004, 1.7976931348623157e308 };
	for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct buf json = BUF_INIT, again = BUF_INIT;
		struct arena a = ARENA_INIT;
		struct cat_problems p = { 0 };
		struct err e = { 0 };
		struct cat_instrument in = { .id = "x", .has_cost = true, .cost_eur = values[i] };
		struct catalogue c = { .instruments = &in, .n_instruments = 1 }, back;
		assert_int_equal(catalogue_json_write(&c, &json, &e), IPM_OK);
		assert_int_equal(catalogue_json_parse(json.data, json.len, "n.json", &back, &p, &a,
						      &e),
				 IPM_OK);
		assert_true(back.instruments[0].cost_eur == values[i]);
		/* Through CSV too. */
		struct cat_csv_files csv = { 0 };
		assert_int_equal(catalogue_csv_format(&c, &csv, &e), IPM_OK);
		assert_int_equal(catalogue_csv_parse(&csv, "n", &back, &p, &a, &e), IPM_OK);
		assert_true(back.instruments[0].cost_eur == values[i]);
		assert_int_equal(catalogue_json_write(&back, &again, &e), IPM_OK);
		assert_string_equal(buf_str(&again), buf_str(&json));
		cat_csv_files_free(&csv);
		cat_problems_free(&p);
		buf_free(&json);
		buf_free(&again);
		arena_free(&a);
	}
	/* The text a person would write (the same as Python's repr of the double); -0
	 * as 0 (JSON reads "-0" as the integer 0). */
	static const struct {
		double v;
		const char *text;
	} shown[] = { { 0.1, "0.1" },   { 10, "10" },        { 1200, "1200" },
		      { 1450, "1450" }, { 1e21, "1e+21" },    { -0.0, "0" },
		      { 2.5, "2.5" },   { 1.0 / 3, "0.3333333333333333" } };
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
		struct buf b = BUF_INIT, want = BUF_INIT;
		struct cat_instrument in = { .id = "x", .has_cost = true, .cost_eur = shown[i].v };
		struct catalogue c = { .instruments = &in, .n_instruments = 1 };
		struct err e = { 0 };
		assert_int_equal(catalogue_json_write(&c, &b, &e), IPM_OK);
		buf_printf(&want, "\"eur\": %s\n", shown[i].text);
		if (!strstr(buf_str(&b), buf_str(&want)))
			fail_msg("%s not in\n%s", buf_str(&want), buf_str(&b));
		buf_free(&b);
		buf_free(&want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_round_trip_is_byte_identical),
		cmocka_unit_test(json_values),
		cmocka_unit_test(csv_round_trip),
		cmocka_unit_test(csv_formula_protection),
		cmocka_unit_test(csv_directory),
		cmocka_unit_test(json_every_error),
		cmocka_unit_test(json_syntax_error),
		cmocka_unit_test(csv_every_error),
		cmocka_unit_test(numbers_round_trip),
	};
	return cmocka_run_group_tests(tests, test_voc_setup, test_voc_teardown);
}
