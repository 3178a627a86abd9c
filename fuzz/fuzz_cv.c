/* libFuzzer target for the CV file parser (src/services/cv_json.c) and the
 * analysis behind it: any bytes must end in a CV whose facts can be derived,
 * or a clean IPM_EINVAL, never a crash, a leak or a sanitizer report.
 *
 * The code lists are a fixed subset of the shipped packs, so the target does
 * not depend on the working directory; the seeds in fuzz/corpus/fuzz_cv use
 * these codes. */
#include "core/arena.h"
#include "engine/cv.h"
#include "services/cv_json.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define N(a) (sizeof a / sizeof a[0])

static const struct code_entry levels[] = {
	{ "geen", "Geen", NULL, 0 },   { "vmbo", "Vmbo", NULL, 3 },
	{ "mbo-2", "Mbo 2", NULL, 5 }, { "mbo-4", "Mbo 4", NULL, 7 },
	{ "havo", "Havo", NULL, 8 },   { "hbo-bachelor", "Hbo-bachelor", NULL, 11 },
};
static const struct code_entry sectors[] = {
	{ "zorg-welzijn", "Zorg", NULL, 0 },
	{ "horeca", "Horeca", NULL, 0 },
	{ "ict", "ICT", NULL, 0 },
	{ "logistiek-transport", "Logistiek", NULL, 0 },
};
static const struct code_entry competences[] = {
	{ "samenwerken", "Samenwerken", "samenwerken-communiceren", 0 },
	{ "signaleren", "Signaleren", "zorg-begeleiding", 0 },
	{ "persoonlijke-verzorging", "Persoonlijke verzorging", "zorg-begeleiding", 0 },
	{ "schoonmaken", "Schoonmaken", "fysiek-praktisch", 0 },
	{ "hygienisch-werken", "Hygiënisch werken", "nauwkeurigheid-regels", 0 },
	{ "orders-verzamelen", "Orders verzamelen", "fysiek-praktisch", 0 },
	{ "gastvrijheid", "Gastvrijheid", "klantgerichtheid", 0 },
};

static const struct cv_vocab vocab = {
	.levels = { "education-levels", levels, N(levels) },
	.sectors = { "sectors", sectors, N(sectors) },
	.competences = { "competences", competences, N(competences) },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a = ARENA_INIT;
	struct cv cv;
	struct cv_facts f;
	struct err e = { 0 };
	int rc = cv_json_parse("fuzz.json", (const char *)data, size, &vocab, &a, &cv, &e);
	/* A message always fits and is terminated. */
	if (rc && (rc != IPM_EINVAL || memchr(e.msg, '\0', sizeof e.msg) == NULL))
		__builtin_trap();
	/* A CV the parser accepted must analyse without complaint, on a day
	 * before, inside and after any dates it holds. */
	static const struct date refs[] = { { 1900, 1, 1 }, { 2024, 2, 29 }, { 9999, 12, 31 } };
	for (size_t i = 0; !rc && i < N(refs); i++) {
		if (cv_analyse(&cv, &vocab, refs[i], &a, &f, &e) != IPM_OK)
			__builtin_trap();
		if (f.paid_fte_years > f.paid_years + 1e-9 || f.months_since_paid_work < -1)
			__builtin_trap();
	}
	arena_free(&a);
	return 0;
}
