/* Suggested factor ratings from what earlier steps already know (docs/
 * factors.md, "Prefilled factors"): the intake's language level and months
 * unemployed, the CV facts, the Big Five C1 T-score, each converted by the
 * catalogue's own map (src/pack/derive_build.h).
 *
 * These are suggestions only. The professional confirms or changes every
 * one; a rating is never set from them without that step (AVG art. 22: no
 * decision based solely on automated processing). Every suggestion names its
 * source, so the professional sees what it rests on. */
#ifndef IPM_SERVICES_DERIVE_RATINGS_H
#define IPM_SERVICES_DERIVE_RATINGS_H

#include "core/buf.h"
#include "core/err.h"
#include "engine/cv.h"
#include "engine/derive.h"

#include <stddef.h>

/* Shown with every list of suggestions. */
#define DERIVE_NOTICE                                                                      \
	"Dit zijn voorstellen, geen beoordelingen: de professional bevestigt of wijzigt "  \
	"elke waarde samen met de klant (AVG art. 22)."

/* What is known; each may be missing, and a missing input gives no
 * suggestion (never a guess). */
struct derive_inputs {
	const char *language_level; /* intake, "A1".."C2"; NULL: not recorded */
	int months_unemployed;      /* whole months since the benefit started; -1: unknown */
	const struct cv_facts *cv;  /* NULL: no CV analysed */
	double c1_t;                /* Big Five facet C1 T-score; NaN: not scored */
};

struct derive_suggestion {
	const char *factor; /* factor id, borrowed from the derive_set */
	int rating;
	enum derive_source source;
	struct buf reason;  /* "afgeleid uit cv: 14 maanden sinds laatste betaalde werk" */
};

struct derive_suggestions {
	const char *pack, *version; /* the catalogue whose maps were used (borrowed) */
	struct derive_suggestion *v;
	size_t n;
};

/* One suggestion per rule of `set` whose input is known, in catalogue
 * order, into *out (free with derive_suggestions_free, also after an
 * error). IPM_EINVAL, naming the input and nothing in *out, for a language
 * level that is not A1..C2, months below -1, a CV with impossible facts or
 * a T-score that is not a finite number. */
int derive_suggest(const struct derive_set *set, const struct derive_inputs *in,
		   struct derive_suggestions *out, struct err *e);

void derive_suggestions_free(struct derive_suggestions *s);

/* "factor: rating (reason)" per line, then DERIVE_NOTICE. */
void derive_suggestions_text(const struct derive_suggestions *s, struct buf *out);

#endif
