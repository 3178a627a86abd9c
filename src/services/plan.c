#include "services/plan.h"
#include "core/buf.h"
#include "services/route_check.h"

#include <math.h>
#include <string.h>

static const struct {
	const char *code;
	struct q_text label;
} goals[] = {
	{ "werk", { { "Werk", "Work", "Arbeit" } } },
	{ "beroep", { { "Een specifiek beroep", "A specific occupation", "Ein bestimmter Beruf" } } },
	{ "participatie", { { "Meedoen in de samenleving (participatie)",
			      "Taking part in society (participation)",
			      "Teilhabe an der Gesellschaft" } } },
	{ "zorg", { { "Zorg en ondersteuning eerst", "Care and support first",
		      "Zuerst Versorgung und Unterstützung" } } },
	{ "geen", { { "Geen activiteit", "No activity", "Keine Aktivität" } } },
};

const char *plan_goal_label(const char *goal, enum q_lang lang)
{
	for (size_t i = 0; goal && i < sizeof goals / sizeof goals[0]; i++)
		if (strcmp(goals[i].code, goal) == 0)
			return q_text_get(&goals[i].label, lang);
	return NULL;
}

static int activity_check(size_t i, const struct store_plan_activity *a, struct err *e)
{
	struct buf field = BUF_INIT;
	int rc = IPM_OK;
#define FIELD(name) (buf_reset(&field), buf_printf(&field, "activities[%zu].%s", i, name), \
		     buf_str(&field))
	if (a->instrument_id && !route_code_ok(a->instrument_id))
		rc = err_set(e, IPM_EINVAL, "%s: expected a catalogue instrument id",
			     FIELD("instrument_id"));
	if (!rc)
		rc = route_text(FIELD("text"), a->text, !a->instrument_id, PLAN_TEXT_MAX, e);
	if (!rc)
		rc = route_text(FIELD("provider"), a->provider, true, 200, e);
	if (!rc)
		rc = route_date(FIELD("start_date"), a->start_date, e);
	if (!rc && !isnan(a->hours_per_week) &&
	    !(a->hours_per_week > 0 && a->hours_per_week <= 40))
		rc = err_set(e, IPM_EINVAL, "%s: expected more than 0 and at most 40",
			     FIELD("hours_per_week"));
#undef FIELD
	buf_free(&field);
	return rc;
}

int plan_save(struct store *s, const struct store_actor *who, const struct store_trajectplan *p,
	      int64_t *id, struct err *e)
{
	int rc;
	if ((rc = route_enum("goal", p->goal, PLAN_GOALS, e)) ||
	    (rc = route_text("target_occupation", p->target_occupation,
			     strcmp(p->goal, "beroep") == 0, 200, e)) ||
	    (rc = route_text("note", p->note, false, PLAN_TEXT_MAX, e)))
		return rc;
	if (p->n_activities > PLAN_ACTIVITIES_MAX)
		return err_set(e, IPM_EINVAL, "activities: expected at most %d",
			       PLAN_ACTIVITIES_MAX);
	for (size_t i = 0; i < p->n_activities; i++)
		if ((rc = activity_check(i, &p->activities[i], e)))
			return rc;
	return store_trajectplan_save(s, who, p, id, e);
}

int jobcoach_hours(double contract_hours, double percent, double *hours, struct err *e)
{
	if (!(contract_hours > 0 && contract_hours <= JOBCOACH_CONTRACT_MAX))
		return err_set(e, IPM_EINVAL, "contract_hours: expected more than 0 and at most %g",
			       JOBCOACH_CONTRACT_MAX);
	if (!(percent > 0 && percent <= 100))
		return err_set(e, IPM_EINVAL, "percent: expected more than 0 and at most 100");
	/* Hundredths of an hour: the seed's own example (32 h, 3 %) is 0.96 h,
	 * which one decimal would already round away. */
	*hours = round(contract_hours * percent) / 100.0;
	return IPM_OK;
}

/* A JSON array of checked codes: ["a","b"]. */
static int code_array(const char *field, const char *const *v, size_t n, struct buf *out,
		      struct err *e)
{
	buf_putc(out, '[');
	for (size_t i = 0; i < n; i++) {
		if (!route_code_ok(v[i]))
			return err_set(e, IPM_EINVAL, "%s[%zu]: expected a code", field, i);
		buf_printf(out, "%s\"%s\"", i ? "," : "", v[i]);
	}
	buf_putc(out, ']');
	return IPM_OK;
}

int jobcoach_advise(struct store *s, const struct store_actor *who,
		    const struct jobcoach_input *in, const struct code_list *grades,
		    const char *pack_version, int64_t *id, struct err *e)
{
	struct buf iv = BUF_INIT, km = BUF_INIT;
	struct store_jobcoach j = { .client_id = in->client_id, .advised = in->advised,
				    .note = in->note };
	int rc;
	if ((rc = code_array("interventions", in->interventions, in->n_interventions, &iv, e)) ||
	    (rc = code_array("kenmerken", in->kenmerken, in->n_kenmerken, &km, e)) ||
	    (rc = route_text("note", in->note, false, PLAN_TEXT_MAX, e)))
		goto out;
	if (in->advised) {
		const struct code_entry *g = in->grade ? code_list_find(grades, in->grade) : NULL;
		if (!g) {
			rc = err_set(e, IPM_EINVAL, "grade: %s (see pack %s)",
				     in->grade ? "unknown code" : "is required", grades->pack);
			goto out;
		}
		if ((rc = jobcoach_hours(in->contract_hours, g->value, &j.hours_per_week, e)))
			goto out;
		j.grade = g->code;
		j.percent = g->value;
		j.contract_hours = in->contract_hours;
		j.pack_id = grades->pack;
		j.pack_version = pack_version;
	}
	j.interventions = buf_str(&iv);
	j.kenmerken = buf_str(&km);
	rc = store_jobcoach_save(s, who, &j, id, e);
out:
	buf_free(&iv);
	buf_free(&km);
	return rc;
}
