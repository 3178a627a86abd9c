#include "engine/career.h"

#include <ctype.h>
#include <string.h>

int career_age(struct date birth, struct date ref, int *age, struct err *e)
{
	if (date_cmp(birth, ref) > 0)
		return err_set(e, IPM_EINVAL, "birth_date: after the reference date");
	*age = date_years(birth, ref);
	return IPM_OK;
}

int career_stage_for_age(const struct career_stages *t, int age,
			 const struct career_stage **out, struct err *e)
{
	if (age < 0)
		return err_set(e, IPM_EINVAL, "age: expected 0 or more");
	for (size_t i = 0; i < t->n; i++) {
		const struct career_stage *s = &t->v[i];
		if (age >= s->from && (s->to < 0 || age <= s->to)) {
			*out = s;
			return IPM_OK;
		}
	}
	/* Only reachable with a table the converter did not build. */
	return err_set(e, IPM_EINVAL, "age: no stage in pack %s covers it", t->pack);
}

int career_phase_compute(const struct career_stages *t, int age, struct career_phase *out,
			 struct err *e)
{
	const struct career_stage *s = NULL;
	int rc = career_stage_for_age(t, age, &s, e);
	if (rc)
		return rc;
	*out = (struct career_phase){ .age = age, .computed = s };
	return IPM_OK;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

int career_phase_override(struct career_phase *p, const struct career_stages *t,
			  const char *code, const char *reason, struct err *e)
{
	const struct career_stage *s = NULL;
	for (size_t i = 0; code && i < t->n; i++)
		if (strcmp(t->v[i].code, code) == 0)
			s = &t->v[i];
	if (!s)
		return err_set(e, IPM_EINVAL, "override: unknown career stage (see pack %s)",
			       t->pack);
	if (s == p->computed)
		return err_set(e, IPM_EINVAL, "override: equals the computed stage");
	/* Without a reason an override cannot be reviewed or audited. */
	if (blank(reason))
		return err_set(e, IPM_EINVAL, "reason: required to override the computed stage");
	p->override = s;
	p->reason = reason;
	return IPM_OK;
}

const struct career_stage *career_phase_effective(const struct career_phase *p)
{
	return p->override ? p->override : p->computed;
}

bool career_phase_recycled(const struct career_phase *p)
{
	/* The table is in age order, so an earlier entry is an earlier stage. */
	return p->override && p->computed && p->override < p->computed;
}
