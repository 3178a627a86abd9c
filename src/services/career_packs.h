/* The reference data of career research that comes from taxonomy packs:
 * Super's stages (career-phases) and the code lists a CV is checked against
 * (education-levels, sectors, competences). */
#ifndef IPM_SERVICES_CAREER_PACKS_H
#define IPM_SERVICES_CAREER_PACKS_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/career.h"
#include "engine/cv.h"

struct career_packs {
	struct career_stages stages;
	struct cv_vocab vocab;
};

/* Loads DIR/career-phases.json, DIR/education-levels.json, DIR/sectors.json
 * and DIR/competences.json (the pack id is the file name), validates them
 * and builds the engine tables in the arena; the packs themselves are freed. */
int career_packs_load(const char *dir, struct arena *a, struct career_packs *out,
		      struct err *e);

#endif
