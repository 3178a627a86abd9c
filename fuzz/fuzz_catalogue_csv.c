/* libFuzzer target for the catalogue CSV reader (services/catalogue_csv.h).
 * The first input byte picks one of the twelve files (modulo 12) and the
 * rest of the input becomes that file; the other eleven are a small valid
 * catalogue fixed here, so every file gets deep coverage. Any bytes end in
 * IPM_OK or in a clean IPM_EINVAL with at least one problem and nothing
 * returned. What reads and passes cat_validate writes back canonically,
 * reads again and writes the same bytes; its JSON reads back to the same
 * catalogue. Vocabulary as in fuzz_catalogue_json.c. */
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

/* A valid catalogue, one small text per file (enum cat_csv_file order). */
static const char *const fixed[CAT_CSV_NFILES] = {
	"id,name,kind\r\no,Gemeente,gemeente\r\n",
	"id,name,website,email,phone\r\np,Aanbieder,https://a.nl,a@b.nl,030-1234567\r\n",
	"id,name,description\r\ntg,Jongeren,\"Tot 27\njaar\"\r\n",
	"id,name\r\nr,Regio\r\n",
	"id,name,cbs_code,region\r\ng,Utrecht,GM0344,r\r\n",
	"id,name,gemeente\r\nw,Wijk,g\r\n",
	"id,street,number,postcode,city,gemeente\r\nad,Straat,1,3511 AB,Utrecht,g\r\n",
	"id,organisation,provider,name,publish,publish_from,publish_until,summary,goal,method,"
	"forms,distinctive,conditions,agreements,partners,target_group_note,additional_info,"
	"registration,duration,duration_unit,duration_note,intensity_hours_per_week,"
	"intensity_note,cost_eur,cost_note,tiles,klantkenmerken,sol_kinds,group,individual,"
	"target_groups,regions,gemeenten,wijken\r\n"
	"i,o,p,Taalcafé,ja,2026-01-01,2026-12-31,'=Je oefent,Doel,\"Werk, wijze\",f,,,,,,"
	"''=x,,1.5,weken,,0.1,,0,,t,1|1.1,s,ja,nee,tg,r,g,w\r\n",
	"instrument,name,kind,role,email,phone\r\ni,Team,intern,,t@g.nl,\r\n",
	"instrument,name,type,address,in_use,description\r\ni,Kantoor,adres,ad,ja,\r\n",
	"instrument,code,label\r\ni,C1,L\r\n",
	"instrument,kind,label,url\r\ni,video,,https://v.nl/1\r\n",
};

static bool same_files(const struct cat_csv_files *a, const struct cat_csv_files *b)
{
	for (size_t f = 0; f < CAT_CSV_NFILES; f++)
		if (a->f[f].len != b->f[f].len || memcmp(a->f[f].data, b->f[f].data, a->f[f].len))
			return false;
	return true;
}

static void round_trip(const struct catalogue *c)
{
	struct cat_csv_files one = { 0 }, two = { 0 };
	struct cat_problems p = { 0 };
	struct arena a = ARENA_INIT;
	struct catalogue back, from_json;
	struct buf json = BUF_INIT, json2 = BUF_INIT;
	struct err e = { 0 };
	if (catalogue_csv_format(c, &one, &e) != IPM_OK ||
	    catalogue_csv_parse(&one, "one", &back, &p, &a, &e) != IPM_OK ||
	    catalogue_csv_format(&back, &two, &e) != IPM_OK || !same_files(&one, &two))
		__builtin_trap();
	if (catalogue_json_write(c, &json, &e) != IPM_OK ||
	    catalogue_json_parse(json.data, json.len, "j", &from_json, &p, &a, &e) != IPM_OK ||
	    catalogue_json_write(&from_json, &json2, &e) != IPM_OK ||
	    strcmp(buf_str(&json), buf_str(&json2)) != 0)
		__builtin_trap();
	buf_free(&json);
	buf_free(&json2);
	cat_problems_free(&p);
	cat_csv_files_free(&one);
	cat_csv_files_free(&two);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	size_t which = data[0] % CAT_CSV_NFILES;
	struct cat_csv_files files = { 0 };
	for (size_t f = 0; f < CAT_CSV_NFILES; f++)
		if (f == which)
			buf_add(&files.f[f], data + 1, size - 1);
		else
			buf_puts(&files.f[f], fixed[f]);
	struct arena a = ARENA_INIT;
	struct cat_problems p = { 0 };
	struct catalogue c;
	struct err e = { 0 };
	int rc = catalogue_csv_parse(&files, "fuzz", &c, &p, &a, &e);
	if (rc != IPM_OK) {
		if (rc != IPM_EINVAL || c.instruments || c.n_instruments || !p.n || !e.msg[0])
			__builtin_trap();
		goto out;
	}
	rc = cat_validate(&c, &voc, &p, &e);
	if (rc == IPM_OK)
		round_trip(&c);
	else if (rc != IPM_EINVAL || !p.n)
		__builtin_trap();
out:
	cat_problems_free(&p);
	cat_csv_files_free(&files);
	arena_free(&a);
	return 0;
}
