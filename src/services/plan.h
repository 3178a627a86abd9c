/* Step 6 of the route: the trajectplan (goal, target occupation, activities
 * with provider, start date and intensity of guidance) and the jobcoaching
 * advice (DOMAIN §2, §8; seed 002 §4.2, §8 req. 23, 40): an intensity grade
 * from the organisation's jobcoach-intensity pack, the client's contract
 * hours, and hours of jobcoaching per week = contract hours × grade. */
#ifndef IPM_SERVICES_PLAN_H
#define IPM_SERVICES_PLAN_H

#include "core/err.h"
#include "engine/codes.h"
#include "engine/questionnaire.h"
#include "store/store_route.h"

#define PLAN_GOALS "werk, beroep, participatie, zorg, geen"
#define PLAN_ACTIVITIES_MAX 50
#define PLAN_TEXT_MAX 2000
#define JOBCOACH_PACK "jobcoach-intensity"
#define JOBCOACH_CONTRACT_MAX 60.0 /* hours per week, as the store allows */

/* The goal's label: "Werk", "Een specifiek beroep", ...; NULL for an
 * unknown goal. */
const char *plan_goal_label(const char *goal, enum q_lang lang);

/* Checks and saves a new version of the plan. IPM_EINVAL naming the field,
 * nothing stored: goal; target_occupation (required for beroep, ≤ 200
 * characters); note; activities (at most PLAN_ACTIVITIES_MAX; each
 * "activities[i].start_date" a date, ".provider" required, an
 * ".instrument_id" code or a ".text", ".hours_per_week" more than 0 and at
 * most 40 when given). */
int plan_save(struct store *s, const struct store_actor *who, const struct store_trajectplan *p,
	      int64_t *id, struct err *e);

/* Hours of jobcoaching per week: contract_hours × percent / 100, rounded
 * to hundredths of an hour (32 h × 3 % = 0.96; 32 h × 10 % = 3.2).
 * IPM_EINVAL naming contract_hours (more than 0, at most
 * JOBCOACH_CONTRACT_MAX) or percent (more than 0, at most 100). */
int jobcoach_hours(double contract_hours, double percent, double *hours, struct err *e);

/* What a jobcoaching advice is made from. */
struct jobcoach_input {
	int64_t client_id;
	bool advised;
	const char *grade;          /* a term code of the jobcoach-intensity pack */
	double contract_hours;
	const char *const *interventions; size_t n_interventions; /* codes, may be none */
	const char *const *kenmerken; size_t n_kenmerken;         /* codes, may be none */
	const char *note;
};

/* Checks the input against `grades` (the terms of the newest registered
 * jobcoach-intensity pack, pack_version its version), computes the hours
 * and saves the advice. When not advised only the note (and the codes) are
 * kept. IPM_EINVAL naming the field: grade ("grade: unknown code (see pack
 * jobcoach-intensity)"), contract_hours, interventions[i], kenmerken[i]
 * (codes), note. */
int jobcoach_advise(struct store *s, const struct store_actor *who,
		    const struct jobcoach_input *in, const struct code_list *grades,
		    const char *pack_version, int64_t *id, struct err *e);

#endif
