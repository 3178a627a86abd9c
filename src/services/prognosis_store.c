/* The prognosis of one client from the store: the organisation's active
 * model, the client's ratings, and the traffic light relative to the
 * organisation's other rated clients. */
#include "services/prognosis_store.h"
#include "core/xalloc.h"
#include "services/active_model.h"
#include "services/prognosis_json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A stored rating as the model reads it: "" or NULL is not rated; anything
 * else must be a whole number in the feature's range (the store keeps text,
 * so a value is checked where the model meets it). */
static int rating_value(const struct prog_feature *f, const char *v, bool *given, double *x,
			struct err *e)
{
	*given = false;
	if (!v || !*v)
		return IPM_OK;
	char *end = NULL;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*end || errno || end == v || (double)n < f->min || (double)n > f->max)
		return err_set(e, IPM_EINVAL,
			       "factor assessment: item %s: expected a whole number from %g to %g",
			       f->ref, f->min, f->max);
	*given = true;
	*x = (double)n;
	return IPM_OK;
}

int prognosis_input_at(const struct prog_model *m, const struct store_prognosis_input *in,
		       struct date at, struct prog_input *out, struct err *e)
{
	struct date start, birth;
	memset(out, 0, sizeof *out);
	if (!in->benefit_start || !date_parse(in->benefit_start, &start))
		return err_set(e, IPM_EINVAL,
			       "clients.benefit_start: needed for the months unemployed");
	/* A prognosis "as of" a day before the unemployment began, or before the
	 * client was born, is a mistake in the data or the date asked for. */
	if (date_cmp(start, at) > 0)
		return err_set(e, IPM_EINVAL, "clients.benefit_start: after the reference date");
	out->months = date_months(start, at);
	if (in->birth_date && date_parse(in->birth_date, &birth)) {
		if (date_cmp(birth, at) > 0)
			return err_set(e, IPM_EINVAL, "clients.birth_date: after the reference date");
		prog_input_set_age(m, date_years(birth, at), out);
	}
	for (size_t i = 0; i < in->n_ratings; i++) {
		const struct store_rating *r = &in->ratings[i];
		for (size_t k = 0; k < m->n_features; k++) {
			const struct prog_feature *f = &m->features[k];
			if (f->kind != PROG_FACTOR || !f->ref || strcmp(f->ref, r->item_id) != 0)
				continue;
			int rc = rating_value(f, r->value, &out->given[k], &out->x[k], e);
			if (rc)
				return rc;
		}
	}
	return IPM_OK;
}

const char *prognosis_wait_end(const struct store_prognosis_input *in, const char *today,
			       bool *work)
{
	const char *w = in->work_start, *x = in->exit_date;
	if (w && strcmp(w, today) > 0)
		w = NULL;
	if (x && strcmp(x, today) > 0)
		x = NULL;
	/* Work on the day the route ended is work: it is why the route ended. */
	*work = w && (!x || strcmp(w, x) <= 0);
	return *work ? w : x;
}

struct population {
	const struct prog_model *m;
	const char *today;
	struct date day;
	double *p12;
	size_t n, cap;
};

static int population_add(void *ctx, const struct store_prognosis_input *in, struct err *e)
{
	struct population *pop = ctx;
	bool work;
	/* The caseload: a client without a duration cannot be placed, one whose
	 * unemployment starts later was not yet waiting (ISO dates compare as
	 * text), and one who already works, or whose route ended without work
	 * (moved, education, ...), is no longer waiting for work. */
	if (!in->benefit_start || strcmp(in->benefit_start, pop->today) > 0 ||
	    prognosis_wait_end(in, pop->today, &work))
		return IPM_OK;
	struct prog_input pi;
	int rc = prognosis_input_at(pop->m, in, pop->day, &pi, e);
	if (rc)
		return rc;
	if (pop->n == pop->cap) {
		pop->cap = pop->cap ? 2 * pop->cap : 256;
		pop->p12 = xrealloc(pop->p12, pop->cap * sizeof *pop->p12);
	}
	double p6;
	prog_predict_batch(pop->m, 1, pi.x, &pi.months, &p6, &pop->p12[pop->n++]);
	return IPM_OK;
}

/* The organisation's terciles when it has enough rated clients, else the
 * model's population_p12, else none. */
static int thresholds(struct store *s, const struct store_actor *who, int64_t org,
		      const char *today, struct date day, struct prognosis_made *p, struct err *e)
{
	const struct prog_model *m = p->model.m;
	struct population pop = { .m = m, .today = today, .day = day };
	int rc = store_prognosis_inputs_each(s, who, org, m->factors_pack, population_add, &pop, e);
	if (rc == IPM_OK && pop.n >= PROGNOSIS_POPULATION_MIN) {
		rc = prog_population_thresholds(pop.p12, pop.n, &p->t, e);
		p->from_population = p->has_thresholds = rc == IPM_OK;
		p->clients = pop.n;
	} else if (rc == IPM_OK && m->has_population) {
		p->t = m->population;
		p->has_thresholds = true;
	}
	free(pop.p12);
	return rc;
}

int prognosis_for_client(struct store *s, const struct store_actor *who, const char *data_dir,
			 int64_t client_id, const char *today, struct prognosis_made *out,
			 struct err *e)
{
	memset(out, 0, sizeof *out);
	struct arena a = ARENA_INIT;
	struct store_prognosis_input in;
	struct prog_input pi;
	struct date day;
	int64_t org = 0;
	int rc = IPM_EINVAL;
	if (!today || !date_parse(today, &day)) {
		err_set(e, rc, "today: expected a date YYYY-MM-DD");
		goto out;
	}
	if ((rc = store_client_org(s, client_id, &org, e)) ||
	    (rc = active_model_load(s, org, data_dir, &out->model, &out->default_model, e)))
		goto out;
	const struct prog_model *m = out->model.m;
	if (!m->factors_pack) {
		rc = err_set(e, IPM_EINVAL, "model %s@%s names no factor catalogue", m->pack_id,
			     m->version);
		goto out;
	}
	if ((rc = store_prognosis_input_get(s, who, client_id, m->factors_pack, &in, &a, e)) ||
	    (rc = prognosis_input_at(m, &in, day, &pi, e)) ||
	    (rc = thresholds(s, who, org, today, day, out, e)) ||
	    (rc = prog_predict(m, &pi, out->has_thresholds ? &out->t : NULL, &out->r, e)))
		goto out;
	out->months = pi.months;
	struct prognosis_context c = { .as_of = today,
				       .t = out->has_thresholds ? &out->t : NULL,
				       .from_population = out->from_population,
				       .clients = out->clients,
				       .min_clients = PROGNOSIS_POPULATION_MIN };
	prognosis_json_write_context(&out->json, m, pi.months, &out->r, &c, Q_NL);
	rc = store_result_save(s, who, client_id, in.assessment_id, "prognosis", m->pack_id,
			       m->version, buf_str(&out->json), &out->result_id, e);
out:
	arena_free(&a);
	return rc;
}

void prognosis_made_free(struct prognosis_made *p)
{
	model_set_free(&p->model);
	buf_free(&p->json);
}
