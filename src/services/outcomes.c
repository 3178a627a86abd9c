#include "services/outcomes.h"
#include "core/date.h"
#include "core/json.h"
#include "engine/career.h"
#include "pack/pack_text.h"
#include "services/interview.h"
#include "services/stored_pack.h"
#include "store/store_route.h"

#include <stdio.h>
#include <string.h>

#define Q3(nl, en, de) { { nl, en, de } }

static const struct outcome_value band_values[] = {
	{ "0-25", Q3("0–25 %", "0–25 %", "0–25 %") },
	{ "25-50", Q3("25–50 %", "25–50 %", "25–50 %") },
	{ "50-75", Q3("50–75 %", "50–75 %", "50–75 %") },
	{ "75-100", Q3("75–100 %", "75–100 %", "75–100 %") },
};

static const struct outcome_value bigfive_values[] = {
	{ "laag", Q3("laag", "low", "niedrig") },
	{ "gemiddeld", Q3("gemiddeld", "average", "durchschnittlich") },
	{ "hoog", Q3("hoog", "high", "hoch") },
};

struct list {
	struct arena *a;
	struct outcome *v;
	size_t n, cap;
};

static struct outcome *add(struct list *l, enum outcome_group g, const char *subject)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct outcome *v = arena_array(l->a, cap, sizeof *v);
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
		l->cap = cap;
	}
	struct outcome *o = &l->v[l->n++];
	*o = (struct outcome){ .group = g, .subject = arena_strdup(l->a, subject) };
	return o;
}

static const char *sourcef(struct arena *a, const char *kind, int64_t id)
{
	char b[48];
	snprintf(b, sizeof b, "%s:%lld", kind, (long long)id);
	return arena_strdup(a, b);
}

/* The career phase the age gives on `today`. */
static int phase(struct list *l, struct store *s, const struct store_client *c, struct date today,
		 struct err *e)
{
	struct career_packs cp = { 0 };
	const struct career_stage *st = NULL;
	struct date birth;
	int age;
	if (!c->birth_date || !date_parse(c->birth_date, &birth))
		return IPM_OK;
	int rc = stored_career_packs(s, l->a, &cp, e);
	if (rc == IPM_EINVAL) /* the packs are not registered: no phase to judge */
		return IPM_OK;
	if (rc || (rc = career_age(birth, today, &age, e)) ||
	    (rc = career_stage_for_age(&cp.stages, age, &st, e)))
		return rc;
	struct outcome_value *vals = arena_array(l->a, cp.stages.n, sizeof *vals);
	for (size_t i = 0; i < cp.stages.n; i++)
		vals[i] = (struct outcome_value){
			cp.stages.v[i].code,
			{ { cp.stages.v[i].label_nl, cp.stages.v[i].label_en, cp.stages.v[i].label_de } }
		};
	struct outcome *o = add(l, OUTCOME_PHASE, "loopbaanfase");
	o->label = (struct q_text)Q3("Loopbaanfase", "Career stage", "Laufbahnphase");
	o->computed = st->code;
	o->source = "pack career-phases";
	o->values = vals;
	o->n_values = cp.stages.n;
	return IPM_OK;
}

static int band(struct list *l, struct store *s, const struct store_actor *who, int64_t client,
		struct err *e)
{
	struct store_result r;
	json_t *doc = NULL;
	int rc = store_result_latest(s, who, client, "prognosis", NULL, &r, l->a, e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc || (rc = json_parse_text("prognosis", r.data, strlen(r.data), &doc, e)))
		return rc;
	const char *b = json_string_value(json_object_get(doc, "band"));
	if (b) {
		struct outcome *o = add(l, OUTCOME_BAND, "prognose.band");
		o->label = (struct q_text)Q3("Kans op werk binnen 12 maanden",
					     "Chance of work within 12 months",
					     "Chance auf Arbeit innerhalb von 12 Monaten");
		o->computed = arena_strdup(l->a, b);
		o->source = sourcef(l->a, "result", r.id);
		o->values = band_values;
		o->n_values = sizeof band_values / sizeof band_values[0];
	}
	json_decref(doc);
	return IPM_OK;
}

/* The rating scale's values with their labels. */
static const struct outcome_value *rating_values(struct list *l, const struct interview *iv)
{
	static const char *const codes[INTERVIEW_SCALE] = { "-2", "-1", "0", "1", "2" };
	struct outcome_value *v = arena_array(l->a, INTERVIEW_SCALE, sizeof *v);
	for (int k = 0; k < INTERVIEW_SCALE; k++) {
		v[k].code = codes[k];
		for (int g = 0; g < Q_LANGS; g++)
			v[k].label.t[g] = iv->scale[k].t[g] ? arena_strdup(l->a, iv->scale[k].t[g])
							    : NULL;
	}
	return v;
}

static struct q_text qdup(struct arena *a, const struct q_text *t)
{
	struct q_text r = { { NULL } };
	for (int g = 0; g < Q_LANGS; g++)
		r.t[g] = t->t[g] ? arena_strdup(a, t->t[g]) : NULL;
	return r;
}

/* The ratings of the latest completed factor assessment and the
 * suggestions from earlier steps. */
static int factors(struct list *l, struct store *s, const struct store_actor *who, int64_t client,
		   const char *today, struct err *e)
{
	struct interview iv;
	struct buf subject = BUF_INIT;
	int rc = interview_load(s, who, client, today, &iv, e);
	if (rc == IPM_EINVAL && !iv.pack_id) { /* no catalogue registered */
		interview_free(&iv);
		return IPM_OK;
	}
	if (rc)
		goto out;
	const struct outcome_value *vals = rating_values(l, &iv);
	if (iv.completed_id) {
		struct store_assessment as;
		if ((rc = store_assessment_get(s, who, iv.completed_id, &as, l->a, e)))
			goto out;
		for (size_t i = 0; i < iv.n_factors; i++) {
			const struct interview_factor *f = &iv.factors[i];
			const char *v = NULL;
			for (size_t k = 0; k < as.n_answers; k++)
				if (strcmp(as.answers[k].item_id, f->id) == 0)
					v = as.answers[k].value;
			if (!v || !*v)
				continue;
			buf_reset(&subject);
			buf_printf(&subject, "factor:%s", f->id);
			struct outcome *o = add(l, OUTCOME_FACTOR, buf_str(&subject));
			o->label = qdup(l->a, &f->label);
			o->computed = v;
			o->source = sourcef(l->a, "assessment", iv.completed_id);
			o->special = f->special;
			o->values = vals;
			o->n_values = INTERVIEW_SCALE;
		}
	}
	for (size_t k = 0; k < iv.suggestions.n; k++) {
		const struct derive_suggestion *sg = &iv.suggestions.v[k];
		const struct interview_factor *f = interview_factor_find(&iv, sg->factor);
		char v[8];
		snprintf(v, sizeof v, "%d", sg->rating);
		buf_reset(&subject);
		buf_printf(&subject, "afgeleid:%s", sg->factor);
		struct outcome *o = add(l, OUTCOME_DERIVED, buf_str(&subject));
		o->label = f ? qdup(l->a, &f->label) : (struct q_text){ { o->subject + 9 } };
		o->computed = arena_strdup(l->a, v);
		o->source = arena_strdup(l->a, derive_source_name(sg->source));
		o->note = arena_strdup(l->a, buf_str(&sg->reason));
		o->special = f && f->special;
		o->values = vals;
		o->n_values = INTERVIEW_SCALE;
	}
out:
	buf_free(&subject);
	interview_free(&iv);
	return rc;
}

/* The five domain bands of the latest scored IPIP-NEO, labelled by the
 * pack version it was scored with. */
static int bigfive(struct list *l, struct store *s, const struct store_actor *who, int64_t client,
		   struct err *e)
{
	static const char *const domains[] = { "n", "e", "o", "a", "c" };
	struct store_result r;
	json_t *doc = NULL;
	struct pack *p = NULL;
	struct buf spec = BUF_INIT;
	int rc = store_result_latest(s, who, client, "score", "ipip-neo-120", &r, l->a, e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	buf_printf(&spec, "%s@%s", r.pack_id, r.pack_version);
	if (rc || (rc = json_parse_text("result", r.data, strlen(r.data), &doc, e)) ||
	    (rc = stored_pack_load(s, buf_str(&spec), PACK_QUESTIONNAIRE, &p, e)))
		goto out;
	for (size_t d = 0; d < sizeof domains / sizeof domains[0]; d++) {
		size_t i;
		const json_t *sc;
		json_array_foreach(json_object_get(doc, "scales"), i, sc) {
			const char *id = json_string_value(json_object_get(sc, "id"));
			const char *b = json_string_value(json_object_get(sc, "band"));
			if (!id || !b || strcmp(id, domains[d]) != 0)
				continue;
			struct buf subject = BUF_INIT;
			buf_printf(&subject, "bigfive:%s", id);
			struct outcome *o = add(l, OUTCOME_BIGFIVE, buf_str(&subject));
			buf_free(&subject);
			size_t k;
			const json_t *ps;
			json_array_foreach(json_object_get(p->doc, "scales"), k, ps)
				if (strcmp(json_string_value(json_object_get(ps, "id")), id) == 0)
					o->label = pack_text(l->a, json_object_get(ps, "label"));
			o->computed = arena_strdup(l->a, b);
			o->source = sourcef(l->a, "result", r.id);
			o->values = bigfive_values;
			o->n_values = sizeof bigfive_values / sizeof bigfive_values[0];
		}
	}
out:
	pack_free(p);
	json_decref(doc);
	buf_free(&spec);
	return rc;
}

struct run {
	const struct store_actor *who;
	int64_t client_id;
	const char *today;
	struct date day;
	struct list l;
};

static int list_tx(struct store *s, void *ctx, struct err *e)
{
	struct run *x = ctx;
	struct store_client c;
	int rc = store_client_get(s, x->who, x->client_id, &c, x->l.a, e);
	if (rc || (rc = phase(&x->l, s, &c, x->day, e)) ||
	    (rc = band(&x->l, s, x->who, x->client_id, e)) ||
	    (rc = factors(&x->l, s, x->who, x->client_id, x->today, e)) ||
	    (rc = bigfive(&x->l, s, x->who, x->client_id, e)))
		return rc;
	return IPM_OK;
}

int outcomes_list(struct store *s, const struct store_actor *who, int64_t client_id,
		  const char *today, struct arena *a, struct outcome **out, size_t *n,
		  struct err *e)
{
	struct run x = { .who = who, .client_id = client_id, .today = today, .l = { .a = a } };
	*out = NULL;
	*n = 0;
	if (!today || !date_parse(today, &x.day))
		return err_set(e, IPM_EINVAL, "today: expected a date YYYY-MM-DD");
	/* The reads in one transaction: one commit (and fsync) for their audit
	 * rows instead of one per read. */
	int rc = store_batch(s, "outcomes", list_tx, &x, e);
	if (rc)
		return rc;
	*out = x.l.v;
	*n = x.l.n;
	return IPM_OK;
}

const char *outcome_value_label(const struct outcome *o, const char *code, enum q_lang lang)
{
	for (size_t i = 0; code && i < o->n_values; i++)
		if (strcmp(o->values[i].code, code) == 0)
			return q_text_get(&o->values[i].label, lang);
	return code ? code : "";
}
