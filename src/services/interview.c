#include "services/interview.h"
#include "core/date.h"
#include "core/json.h"
#include "pack/derive_build.h"
#include "pack/pack_text.h"
#include "services/cv_json.h"
#include "services/stored_pack.h"
#include "store/store_questionnaire.h"
#include "store/store_route.h"

#include <math.h>
#include <string.h>
#include <time.h>

/* --- the catalogue ------------------------------------------------------- */

static const char *jstr(struct arena *a, const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? arena_strdup(a, s) : NULL;
}

/* The texts of the catalogue: its domains, the rating scale's labels and
 * per factor what the interview shows. The pack passed its schema and
 * semantic checks when it was registered, so the shapes are known. */
static void catalogue(struct interview *iv, const struct pack *p)
{
	struct arena *a = &iv->arena;
	const json_t *doc = p->doc;
	iv->pack_id = arena_strdup(a, p->id);
	iv->version = arena_strdup(a, p->version);
	size_t i;
	const json_t *x;
	json_array_foreach(json_object_get(doc, "domains"), i, x) {
		if (i >= INTERVIEW_DOMAINS)
			break;
		iv->domains[i].id = jstr(a, x, "id");
		iv->domains[i].label = pack_text(a, json_object_get(x, "label"));
	}
	const json_t *scale = json_array_get(json_object_get(doc, "rating_scales"), 0);
	json_array_foreach(json_object_get(scale, "labels"), i, x) {
		json_int_t v = json_integer_value(json_object_get(x, "value"));
		if (v >= -2 && v <= 2)
			iv->scale[v + 2] = pack_text(a, json_object_get(x, "label"));
	}
	const json_t *fs = json_object_get(doc, "factors");
	iv->n_factors = json_array_size(fs);
	iv->factors = arena_alloc(a, (iv->n_factors ? iv->n_factors : 1) * sizeof *iv->factors);
	json_array_foreach(fs, i, x) {
		struct interview_factor *f = &iv->factors[i];
		*f = (struct interview_factor){
			.id = jstr(a, x, "id"),
			.domain = jstr(a, x, "domain"),
			.influence = jstr(a, x, "influence"),
			.label = pack_text(a, json_object_get(x, "label")),
			.question = pack_text(a, json_object_get(x, "question")),
			.rating = pack_text(a, json_object_get(x, "rating")),
			.special = json_is_true(json_object_get(x, "special_category")),
		};
	}
}

const struct interview_factor *interview_factor_find(const struct interview *iv,
						     const char *id)
{
	for (size_t i = 0; id && i < iv->n_factors; i++)
		if (strcmp(iv->factors[i].id, id) == 0)
			return &iv->factors[i];
	return NULL;
}

/* --- the client's assessments of the catalogue ---------------------------- */

struct found {
	int64_t open_id, completed_id;
	const char *completed_at;
	struct arena *a;
};

/* Rows come newest first: the first open one is resumed, the first
 * completed one is the latest. */
static int assessment_seen(void *ctx, const struct store_assessment_row *r, struct err *e)
{
	(void)e;
	struct found *f = ctx;
	if (strcmp(r->pack_id, INTERVIEW_PACK) != 0)
		return IPM_OK;
	if (!r->completed_at && !f->open_id)
		f->open_id = r->id;
	if (r->completed_at && !f->completed_id) {
		f->completed_id = r->id;
		f->completed_at = f->a ? arena_strdup(f->a, r->completed_at) : NULL;
	}
	return IPM_OK;
}

static int find_assessments(struct store *s, const struct store_actor *who, int64_t client_id,
			    struct found *f, struct err *e)
{
	return store_assessments_each(s, who, client_id, NULL, (int64_t)time(NULL),
				      assessment_seen, f, e);
}

/* --- suggestions from earlier steps --------------------------------------- */

/* The Big Five facet C1 T-score of the latest scored IPIP-NEO, or NaN. */
static int c1_t(struct store *s, const struct store_actor *who, int64_t client_id,
		struct arena *a, double *t, struct err *e)
{
	struct store_result r;
	json_t *doc = NULL;
	*t = NAN;
	int rc = store_result_latest(s, who, client_id, "score", "ipip-neo-120", &r, a, e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc || (rc = json_parse_text("result", r.data, strlen(r.data), &doc, e)))
		return rc;
	/* One respondent per stored result; its scales by id. */
	const json_t *res = json_object_get(doc, "scales") ? doc
			    : json_array_get(json_object_get(doc, "respondents"), 0);
	size_t i;
	const json_t *sc;
	json_array_foreach(json_object_get(res, "scales"), i, sc) {
		const char *id = json_string_value(json_object_get(sc, "id"));
		const json_t *v = json_object_get(sc, "t");
		if (id && strcmp(id, "c1") == 0 && json_is_number(v))
			*t = json_number_value(v);
	}
	json_decref(doc);
	return IPM_OK;
}

static int cv_facts_of(struct store *s, const struct store_actor *who, int64_t client_id,
		       struct date today, struct arena *a, struct cv_facts *f, bool *have,
		       struct err *e)
{
	const char *text = NULL;
	struct career_packs cp = { 0 };
	struct cv cv;
	*have = false;
	int rc = store_cv_get(s, who, client_id, &text, NULL, a, e);
	if (rc == IPM_ENOTFOUND)
		return IPM_OK;
	if (rc || (rc = stored_career_packs(s, a, &cp, e)) ||
	    (rc = cv_json_parse("cv", text, strlen(text), &cp.vocab, a, &cv, e)) ||
	    (rc = cv_analyse(&cv, &cp.vocab, today, a, f, e)))
		return rc;
	*have = true;
	return IPM_OK;
}

static int suggest(struct interview *iv, struct store *s, const struct store_actor *who,
		   int64_t client_id, struct date today, const struct derive_set *set,
		   struct err *e)
{
	struct store_client c;
	struct cv_facts facts;
	bool have_cv;
	struct date start;
	struct derive_inputs in = { .months_unemployed = -1 };
	int rc = store_client_get(s, who, client_id, &c, &iv->arena, e);
	if (rc)
		return rc;
	in.language_level = c.language_level && *c.language_level ? c.language_level : NULL;
	if (c.benefit_start && date_parse(c.benefit_start, &start) && date_cmp(start, today) <= 0)
		in.months_unemployed = date_months(start, today);
	if ((rc = cv_facts_of(s, who, client_id, today, &iv->arena, &facts, &have_cv, e)) ||
	    (rc = c1_t(s, who, client_id, &iv->arena, &in.c1_t, e)))
		return rc;
	in.cv = have_cv ? &facts : NULL;
	/* A language level the intake wrote in another form gives no
	 * suggestion rather than no interview. */
	if (in.language_level) {
		bool known = false;
		for (int k = 0; k < DERIVE_CEFR_N; k++)
			known |= strcmp(in.language_level, derive_cefr[k]) == 0;
		if (!known)
			in.language_level = NULL;
	}
	return derive_suggest(set, &in, &iv->suggestions, e);
}

/* --- loading --------------------------------------------------------------- */

static void values_from(struct interview *iv, const struct store_assessment *as)
{
	for (size_t k = 0; k < as->n_answers; k++) {
		const struct store_rating *r = &as->answers[k];
		for (size_t i = 0; i < iv->n_factors; i++)
			if (strcmp(iv->factors[i].id, r->item_id) == 0)
				iv->factors[i].value = r->value && *r->value ? r->value : NULL;
	}
}

struct load {
	const struct store_actor *who;
	int64_t client_id;
	struct date day;
	struct interview *out;
};

static int load_tx(struct store *s, void *ctx, struct err *e)
{
	struct load *x = ctx;
	struct interview *out = x->out;
	struct pack *p = NULL;
	struct derive_set *set = NULL;
	struct found f = { .a = &out->arena };
	int rc = stored_pack_load(s, INTERVIEW_PACK, PACK_FACTORS, &p, e);
	if (rc || (rc = derive_build(p, &set, e)))
		goto out;
	catalogue(out, p);
	if ((rc = suggest(out, s, x->who, x->client_id, x->day, set, e)) ||
	    (rc = find_assessments(s, x->who, x->client_id, &f, e)))
		goto out;
	out->open_id = f.open_id;
	out->completed_id = f.completed_id;
	out->completed_at = f.completed_at;
	int64_t from = f.open_id ? f.open_id : f.completed_id;
	if (from) {
		struct store_assessment as;
		if ((rc = store_assessment_get(s, x->who, from, &as, &out->arena, e)))
			goto out;
		values_from(out, &as);
	}
	/* The suggestions point into the derive set, which dies here: copy
	 * the factor ids into the arena first. */
	for (size_t k = 0; k < out->suggestions.n; k++) {
		struct derive_suggestion *sg = &out->suggestions.v[k];
		sg->factor = arena_strdup(&out->arena, sg->factor);
		for (size_t i = 0; i < out->n_factors; i++)
			if (strcmp(out->factors[i].id, sg->factor) == 0)
				out->factors[i].suggestion = sg;
	}
out:
	derive_set_free(set);
	pack_free(p);
	return rc;
}

int interview_load(struct store *s, const struct store_actor *who, int64_t client_id,
		   const char *today, struct interview *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct load x = { who, client_id, { 0, 0, 0 }, out };
	if (!today || !date_parse(today, &x.day))
		return err_set(e, IPM_EINVAL, "today: expected a date YYYY-MM-DD");
	/* The reads in one transaction: one commit for their audit rows. */
	return store_batch(s, "interview", load_tx, &x, e);
}

int interview_catalogue(struct store *s, struct interview *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct pack *p = NULL;
	int rc = stored_pack_load(s, INTERVIEW_PACK, PACK_FACTORS, &p, e);
	if (rc == IPM_OK)
		catalogue(out, p);
	pack_free(p);
	return rc;
}

void interview_free(struct interview *iv)
{
	derive_suggestions_free(&iv->suggestions);
	arena_free(&iv->arena);
	memset(iv, 0, sizeof *iv);
}

/* --- saving ------------------------------------------------------------------ */

struct save {
	const struct store_actor *who;
	int64_t client_id;
	const struct interview_rating *r;
	size_t n;
	bool complete;
	const char *version;
	int64_t id;
};

static const char *current_of(const struct store_assessment *as, const char *factor)
{
	for (size_t k = 0; as && k < as->n_answers; k++)
		if (strcmp(as->answers[k].item_id, factor) == 0)
			return as->answers[k].value ? as->answers[k].value : "";
	return "";
}

static int save_tx(struct store *s, void *ctx, struct err *e)
{
	struct save *x = ctx;
	struct arena a = ARENA_INIT;
	struct found f = { 0 };
	struct store_assessment cur, last;
	bool have_cur = false, have_last = false;
	int rc = find_assessments(s, x->who, x->client_id, &f, e);
	if (rc)
		goto out;
	if (f.open_id) {
		x->id = f.open_id;
		if ((rc = store_assessment_get(s, x->who, x->id, &cur, &a, e)))
			goto out;
		have_cur = true;
	} else {
		if (f.completed_id) {
			if ((rc = store_assessment_get(s, x->who, f.completed_id, &last, &a, e)))
				goto out;
			have_last = true;
		}
		if ((rc = store_assessment_start(s, x->who, x->client_id, INTERVIEW_PACK, x->version,
						 "professional", &x->id, e)))
			goto out;
		/* A new round starts from the last one: what is not rated anew
		 * keeps its rating. */
		for (size_t k = 0; have_last && k < last.n_answers && rc == IPM_OK; k++) {
			const struct store_rating *r = &last.answers[k];
			bool named = false;
			for (size_t i = 0; i < x->n && !named; i++)
				named = strcmp(x->r[i].factor, r->item_id) == 0;
			if (!named && r->value && *r->value)
				rc = store_answer_put(s, x->who, x->id, r->item_id, r->value, e);
		}
	}
	for (size_t i = 0; i < x->n && rc == IPM_OK; i++) {
		const char *now = have_cur ? current_of(&cur, x->r[i].factor) : "";
		if (strcmp(now, x->r[i].value) != 0)
			rc = store_answer_put(s, x->who, x->id, x->r[i].factor, x->r[i].value, e);
	}
	if (rc == IPM_OK && x->complete)
		rc = store_assessment_complete(s, x->who, x->id, e);
out:
	arena_free(&a);
	return rc;
}

static bool rating_ok(const char *v)
{
	static const char *const ok[] = { "", "-2", "-1", "0", "1", "2" };
	for (size_t i = 0; v && i < sizeof ok / sizeof ok[0]; i++)
		if (strcmp(v, ok[i]) == 0)
			return true;
	return false;
}

int interview_save(struct store *s, const struct store_actor *who, int64_t client_id,
		   const struct interview_rating *r, size_t n, bool complete,
		   int64_t *assessment_id, struct err *e)
{
	struct interview iv;
	int rc = interview_catalogue(s, &iv, e);
	for (size_t i = 0; i < n && rc == IPM_OK; i++) {
		if (!interview_factor_find(&iv, r[i].factor))
			rc = err_set(e, IPM_EINVAL, "ratings.%.64s: not a factor of %s",
				     r[i].factor ? r[i].factor : "?", INTERVIEW_PACK);
		else if (!rating_ok(r[i].value))
			rc = err_set(e, IPM_EINVAL, "ratings.%s: expected -2, -1, 0, 1, 2 or empty",
				     r[i].factor);
		for (size_t k = 0; k < i && rc == IPM_OK; k++)
			if (strcmp(r[k].factor, r[i].factor) == 0)
				rc = err_set(e, IPM_EINVAL, "ratings.%s: given twice", r[i].factor);
	}
	struct save x = { who, client_id, r, n, complete, iv.version, 0 };
	if (rc == IPM_OK)
		rc = store_batch(s, "interview_save", save_tx, &x, e);
	if (rc == IPM_OK && assessment_id)
		*assessment_id = x.id;
	interview_free(&iv);
	return rc;
}
