/* Section 3 of the report: the findings of the CV analysis (docs/cv.md),
 * the stored CV analysed on the report date. */
#include "core/json.h"
#include "engine/cv.h"
#include "services/cv_json.h"
#include "services/report_doc_internal.h"
#include "services/stored_pack.h"

#include <stdlib.h>
#include <string.h>

static json_t *date_json(struct date d)
{
	if (!date_is_set(d))
		return json_null();
	struct buf b = BUF_INIT;
	buf_printf(&b, "%04d-%02d-%02d", d.y, d.m, d.d);
	json_t *s = json_string(buf_str(&b));
	buf_free(&b);
	return s;
}

static json_t *code_json(const struct code_list *l, const char *code)
{
	const struct code_entry *c = code ? code_list_find(l, code) : NULL;
	if (!c)
		return json_null();
	return json_pack("{s:s, s:s}", "code", c->code, "label", c->label_nl ? c->label_nl : c->code);
}

/* Newest first: by start date descending, the file's order for equal ones. */
static int newer_first(struct date a, struct date b, size_t ia, size_t ib)
{
	int c = date_cmp(b, a);
	return c ? c : (ia < ib ? -1 : ia > ib);
}

struct idx_sort {
	const struct cv *cv;
	size_t i;
};

static int job_cmp(const void *x, const void *y)
{
	const struct idx_sort *a = x, *b = y;
	return newer_first(a->cv->work[a->i].start, b->cv->work[b->i].start, a->i, b->i);
}

static int edu_cmp(const void *x, const void *y)
{
	const struct idx_sort *a = x, *b = y;
	return newer_first(a->cv->education[a->i].start, b->cv->education[b->i].start, a->i, b->i);
}

struct count {
	const char *code;
	int n;
};

static int count_cmp(const void *x, const void *y)
{
	const struct count *a = x, *b = y;
	return a->n != b->n ? b->n - a->n : strcmp(a->code, b->code);
}

static json_t *competence_counts(const struct cv *cv, const struct cv_vocab *v)
{
	struct count *c = NULL;
	size_t n = 0;
	for (size_t j = 0; j < cv->n_work; j++)
		for (size_t k = 0; k < cv->work[j].n_competences; k++) {
			const char *code = cv->work[j].competences[k];
			size_t i = 0;
			while (i < n && strcmp(c[i].code, code) != 0)
				i++;
			if (i == n) {
				c = realloc(c, (n + 1) * sizeof *c);
				c[n++] = (struct count){ code, 0 };
			}
			c[i].n++;
		}
	if (n)
		qsort(c, n, sizeof *c, count_cmp);
	json_t *list = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = code_json(&v->competences, c[i].code);
		json_object_set_new(o, "count", json_integer(c[i].n));
		json_array_append_new(list, o);
	}
	free(c);
	return list;
}

static json_t *facts_json(const struct cv_facts *f)
{
	const struct code_entry *h = f->highest_diploma;
	return json_pack("{s:o, s:o, s:o, s:o, s:o}", "paid_years", rd_num(f->paid_years, 1),
			 "paid_fte_years", rd_num(f->paid_fte_years, 1), "volunteer_years",
			 rd_num(f->volunteer_years, 1), "months_since_paid_work",
			 f->months_since_paid_work >= 0 ? json_integer(f->months_since_paid_work)
							: json_null(),
			 "highest_education",
			 h ? json_pack("{s:s, s:s}", "code", h->code, "label",
				       h->label_nl ? h->label_nl : h->code)
			   : json_null());
}

int rd_cv(struct rd *r, json_t **data, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct career_packs cp = { 0 };
	struct cv cv;
	struct cv_facts f;
	const char *text = NULL;
	*data = NULL;
	int rc = store_cv_get(r->s, r->who, r->o->client_id, &text, NULL, &r->a, e);
	if (rc == IPM_ENOTFOUND) {
		rc = IPM_OK;
		goto out;
	}
	/* The code lists, recorded in the versions like every pack used. */
	static const char *const used[] = { "education-levels", "sectors", "competences" };
	for (size_t i = 0; i < 3 && rc == IPM_OK; i++) {
		struct pack *p = NULL;
		rc = rd_pack(r, used[i], PACK_TAXONOMY, &p, e);
		if (p)
			pack_free(p);
	}
	if (rc || (rc = stored_career_packs(r->s, &a, &cp, e)) ||
	    (rc = cv_json_parse("cv", text, strlen(text), &cp.vocab, &a, &cv, e)) ||
	    (rc = cv_analyse(&cv, &cp.vocab, r->day, &a, &f, e)))
		goto out;
	bool employer = r->o->version == REPORT_EMPLOYER;
	struct idx_sort *order = calloc(cv.n_work + cv.n_education + 1, sizeof *order);
	json_t *work = json_array(), *edu = json_array(), *sectors = json_array();
	for (size_t i = 0; i < cv.n_work; i++)
		order[i] = (struct idx_sort){ &cv, i };
	qsort(order, cv.n_work, sizeof *order, job_cmp);
	for (size_t k = 0; k < cv.n_work; k++) {
		const struct cv_job *j = &cv.work[order[k].i];
		json_t *comp = json_array();
		for (size_t c = 0; c < j->n_competences; c++)
			json_array_append_new(comp, code_json(&cp.vocab.competences, j->competences[c]));
		json_t *o = json_pack("{s:s, s:o, s:o, s:o, s:o, s:b, s:o}", "function", j->function,
				      "sector", code_json(&cp.vocab.sectors, j->sector), "start",
				      date_json(j->start), "end", date_json(j->end), "hours",
				      rd_num(j->hours, 1), "paid", j->paid, "competences", comp);
		if (!employer) /* a former employer's name is not the new employer's business */
			json_object_set_new(o, "employer", rd_str(j->employer));
		json_array_append_new(work, o);
	}
	for (size_t i = 0; i < cv.n_education; i++)
		order[i] = (struct idx_sort){ &cv, i };
	qsort(order, cv.n_education, sizeof *order, edu_cmp);
	for (size_t k = 0; k < cv.n_education; k++) {
		const struct cv_education *d = &cv.education[order[k].i];
		json_array_append_new(edu, json_pack("{s:o, s:o, s:o, s:o, s:b}", "level",
						     code_json(&cp.vocab.levels, d->level), "field",
						     rd_str(d->field), "start", date_json(d->start),
						     "end", date_json(d->end), "diploma", d->diploma));
	}
	for (size_t i = 0; i < f.n_sectors; i++) {
		if (!f.sectors[i].months)
			continue; /* volunteer work only: not a sector of paid experience */
		json_t *o = code_json(&cp.vocab.sectors, f.sectors[i].sector->code);
		json_object_set_new(o, "months", json_integer(f.sectors[i].months));
		json_array_append_new(sectors, o);
	}
	free(order);
	*data = json_pack("{s:o, s:o, s:o, s:o, s:o}", "facts", facts_json(&f), "work", work,
			  "education", edu, "sectors", sectors, "competences",
			  competence_counts(&cv, &cp.vocab));
out:
	arena_free(&a);
	return rc;
}
