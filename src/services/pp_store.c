/* Person-period data for fitting from the dossiers (prognosis_store.h):
 * each client enters at the completion of their factor assessment and is
 * followed month by month until work, the end of their route without work,
 * or today. */
#include "services/prognosis_store.h"
#include "services/person_period_csv.h"

#include <string.h>

enum { AUDIT_SEX, AUDIT_AGE_BAND, AUDIT_N };
static const char *const audit_names[AUDIT_N] = { "sex", "age_band" };

struct pp_walk {
	const struct prog_model *m;
	const char *today;
	struct date day;
	struct pp_table *t;
	struct pp_store_counts *n;
};

static const char *age_band(int age)
{
	return age < 27 ? "<27" : age < 50 ? "27-49" : "50+";
}

/* Months observed after entry and whether the last one saw work: work in
 * the month after `k` whole months is an event in month k + 1. A route that
 * ended without work after `k` whole months, like `today`, censors after
 * month k: the client was not seen to wait through the part of month k + 1
 * before it, and a part-month counted as a whole one without the event
 * would understate the hazard. 0 months: nothing to learn yet. */
static int observed(struct date entry, const struct pp_walk *w, const char *end, bool work,
		    int *event)
{
	struct date day;
	*event = 0;
	if (end && date_parse(end, &day)) {
		*event = work;
		return date_months(entry, day) + (work ? 1 : 0);
	}
	return date_months(entry, w->day);
}

static void add_rows(struct pp_walk *w, const struct store_prognosis_input *in,
		     const struct prog_input *pi, int months, int event, struct date entry)
{
	struct pp_table *t = w->t;
	int32_t audit[AUDIT_N] = { -1, -1 };
	struct date birth;
	if (in->sex)
		audit[AUDIT_SEX] = pp_table_audit_value(t, AUDIT_SEX, in->sex, strlen(in->sex));
	if (in->birth_date && date_parse(in->birth_date, &birth)) {
		const char *band = age_band(date_years(birth, entry));
		audit[AUDIT_AGE_BAND] = pp_table_audit_value(t, AUDIT_AGE_BAND, band, strlen(band));
	}
	pp_table_reserve(t, t->d.rows + (size_t)months);
	for (int k = 1; k <= months; k++) {
		double *x = pp_table_add(t, (int32_t)in->client_id, pi->months + k,
					 (uint8_t)(event && k == months));
		/* Not rated is 0 already (prognosis_input_at), as the contract
		 * reads a missing rating. */
		memcpy(x, pi->x, w->m->n_features * sizeof *x);
		for (size_t a = 0; a < AUDIT_N; a++)
			t->audit[a].value[t->d.rows - 1] = audit[a];
	}
}

static int pp_client(void *ctx, const struct store_prognosis_input *in, struct err *e)
{
	struct pp_walk *w = ctx;
	struct date entry;
	struct prog_input pi;
	char day[11] = { 0 };
	w->n->clients++;
	if (in->client_id > INT32_MAX)
		return err_set(e, IPM_EINVAL, "client ids above %d cannot be fitted", INT32_MAX);
	if (in->assessed_at)
		memcpy(day, in->assessed_at, strnlen(in->assessed_at, 10));
	if (!in->benefit_start || !date_parse(day, &entry)) {
		w->n->skipped++;
		return IPM_OK;
	}
	int rc = prognosis_input_at(w->m, in, entry, &pi, e);
	if (rc)
		return rc;
	bool work = false;
	const char *end = prognosis_wait_end(in, w->today, &work);
	int event = 0, months = observed(entry, w, end, work, &event);
	/* A wait that ended before the assessment (work, or the end of the
	 * route) is not an episode that the assessment began; a route that
	 * ended within its first month leaves nothing observed; more than
	 * PP_PERIOD_MAX months is a data error. */
	if ((end && strcmp(end, day) < 0) || (end && !work && months == 0) ||
	    pi.months + months > PP_PERIOD_MAX) {
		w->n->skipped++;
		return IPM_OK;
	}
	if (months == 0) {
		w->n->too_new++;
		return IPM_OK;
	}
	add_rows(w, in, &pi, months, event, entry);
	w->n->used++;
	w->n->work += event;
	w->n->ended += end && !work;
	return IPM_OK;
}

int pp_from_store(struct store *s, const struct store_actor *who, int64_t org_id,
		  const struct prog_model *m, const char *today, struct pp_table *out,
		  struct pp_store_counts *counts, struct err *e)
{
	struct pp_walk w = { .m = m, .today = today, .n = counts };
	memset(counts, 0, sizeof *counts);
	if (!today || !date_parse(today, &w.day))
		return err_set(e, IPM_EINVAL, "today: expected a date YYYY-MM-DD");
	if (!m->factors_pack)
		return err_set(e, IPM_EINVAL, "model %s@%s names no factor catalogue", m->pack_id,
			       m->version);
	const char *ids[PROG_FEATURES_MAX];
	for (size_t k = 0; k < m->n_features; k++)
		ids[k] = m->features[k].id;
	struct pp_table t;
	pp_table_init(&t, m->n_features, ids, AUDIT_N, audit_names);
	w.t = &t;
	int rc = store_prognosis_inputs_each(s, who, org_id, m->factors_pack, pp_client, &w, e);
	if (rc == IPM_OK)
		*out = t;
	else
		pp_table_free(&t);
	return rc;
}
