/* Career phase (DOMAIN §2, step 2): Super's life-career stages looked up by
 * age, with age limits taken from the career-phases pack (so an organisation
 * can change them), and the professional's override with a reason.
 *
 * Pure: no I/O, no json_t. The stage table is built from the pack by
 * src/pack/career_build.c; its strings live in the caller's arena. */
#ifndef IPM_ENGINE_CAREER_H
#define IPM_ENGINE_CAREER_H

#include "core/date.h"
#include "core/err.h"

#include <stdbool.h>
#include <stddef.h>

struct career_stage {
	const char *code;  /* "exploratie" */
	const char *label_nl, *label_en, *label_de; /* NULL when the pack lacks the language */
	int from, to;      /* ages, inclusive; to < 0: open-ended (the last stage) */
};

/* Stages in age order that cover every age: the first starts at 0, each
 * starts the year after the previous ends, the last is open-ended (the
 * converter refuses a pack that breaks this, so a lookup cannot miss). */
struct career_stages {
	const char *pack; /* pack id, for messages */
	const struct career_stage *v;
	size_t n;
};

/* Age in whole years on `ref` (date_years: a birthday not yet reached counts
 * one less; 29 February birthdays fall on 1 March in common years).
 * A birth date after `ref` is IPM_EINVAL naming "birth_date". */
int career_age(struct date birth, struct date ref, int *age, struct err *e);

/* The stage whose range holds `age` (>= 0; negative is IPM_EINVAL "age"). */
int career_stage_for_age(const struct career_stages *t, int age,
			 const struct career_stage **out, struct err *e);

/* The phase as recorded in a dossier. `computed` is what the age gives and
 * is never changed by an override, so the professional's judgement can be
 * compared with the computation later (DOMAIN §2, step 5). */
struct career_phase {
	int age;
	const struct career_stage *computed;
	const struct career_stage *override; /* NULL: the computed stage stands */
	const char *reason;                  /* set with override; borrowed from the caller */
};

/* age → computed stage, no override. */
int career_phase_compute(const struct career_stages *t, int age, struct career_phase *out,
			 struct err *e);

/* Sets the professional's stage `code` with `reason` (e.g. exploration again
 * at 50 after losing a job: Super's "recycling"). Refused with IPM_EINVAL,
 * leaving `p` unchanged: an unknown code ("override"), a missing or blank
 * reason ("reason"), a code equal to the computed stage ("override": that is
 * agreement, not an override). `reason` must outlive `p`. */
int career_phase_override(struct career_phase *p, const struct career_stages *t,
			  const char *code, const char *reason, struct err *e);

/* The stage that counts: the override when there is one. */
const struct career_stage *career_phase_effective(const struct career_phase *p);

/* True when the override is an earlier stage than the computed one: Super's
 * recycling through exploration or establishment later in life. */
bool career_phase_recycled(const struct career_phase *p);

#endif
