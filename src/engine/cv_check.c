/* cv_check: the rules of a CV, in one place for every input route (the JSON
 * file of docs/cv.md now, a web form later). Messages name the field by its
 * path in the CV and never quote its value, which may be personal. */
#include "engine/cv.h"

#include <ctype.h>
#include <string.h>

/* Where a problem is: "work[2].end". */
struct at {
	const char *list;
	size_t i;
};

static int fail(struct err *e, struct at at, const char *field, const char *msg)
{
	return err_set(e, IPM_EINVAL, "%s[%zu].%s: %s", at.list, at.i, field, msg);
}

/* Unicode characters of valid UTF-8: the bytes that do not continue one. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int check_text(const char *s, bool required, struct at at, const char *field,
		      struct err *e)
{
	if (!s)
		return required ? fail(e, at, field, "missing") : IPM_OK;
	const char *p = s;
	while (*p && isspace((unsigned char)*p))
		p++;
	if (!*p)
		return fail(e, at, field, "expected at least 1 character that is not a space");
	if (utf8_chars(s) > CV_TEXT_MAX)
		return err_set(e, IPM_EINVAL, "%s[%zu].%s: expected at most %d characters",
			       at.list, at.i, field, CV_TEXT_MAX);
	return IPM_OK;
}

static int check_code(const struct code_list *l, const char *code, struct at at,
		      const char *field, struct err *e)
{
	if (!code)
		return fail(e, at, field, "missing");
	if (!code_list_find(l, code))
		return err_set(e, IPM_EINVAL, "%s[%zu].%s: unknown code (see pack %s)", at.list,
			       at.i, field, l->pack);
	return IPM_OK;
}

static int check_dates(struct date start, struct date end, struct at at, struct err *e)
{
	if (date_is_set(start) && date_is_set(end) && date_cmp(end, start) < 0)
		return fail(e, at, "end", "before the start date");
	return IPM_OK;
}

static int check_education(const struct cv_education *ed, const struct cv_vocab *v,
			   struct at at, struct err *e)
{
	int rc = check_code(&v->levels, ed->level, at, "level", e);
	if (!rc)
		rc = check_text(ed->field, false, at, "field", e);
	if (!rc)
		rc = check_dates(ed->start, ed->end, at, e);
	return rc;
}

static int check_competences(const struct cv_job *job, const struct cv_vocab *v,
			     struct at at, struct err *e)
{
	for (size_t k = 0; k < job->n_competences; k++) {
		const char *code = job->competences[k];
		if (!code || !code_list_find(&v->competences, code))
			return err_set(e, IPM_EINVAL,
				       "%s[%zu].competences[%zu]: unknown code (see pack %s)",
				       at.list, at.i, k, v->competences.pack);
		for (size_t j = 0; j < k; j++)
			if (strcmp(job->competences[j], code) == 0)
				return err_set(e, IPM_EINVAL,
					       "%s[%zu].competences[%zu]: duplicate of item %zu",
					       at.list, at.i, k, j);
	}
	return IPM_OK;
}

static int check_job(const struct cv_job *job, const struct cv_vocab *v, struct at at,
		     struct err *e)
{
	if (!date_is_set(job->start))
		return fail(e, at, "start", "missing");
	int rc = check_dates(job->start, job->end, at, e);
	if (!rc)
		rc = check_text(job->employer, false, at, "employer", e);
	if (!rc)
		rc = check_code(&v->sectors, job->sector, at, "sector", e);
	if (!rc)
		rc = check_text(job->function, true, at, "function", e);
	/* Written so that NaN fails too. */
	if (!rc && !(job->hours > 0 && job->hours <= CV_HOURS_MAX))
		rc = err_set(e, IPM_EINVAL, "%s[%zu].hours: expected more than 0 and at most %g",
			     at.list, at.i, CV_HOURS_MAX);
	if (!rc)
		rc = check_competences(job, v, at, e);
	return rc;
}

int cv_check(const struct cv *cv, const struct cv_vocab *vocab, struct err *e)
{
	int rc = IPM_OK;
	for (size_t i = 0; !rc && i < cv->n_education; i++)
		rc = check_education(&cv->education[i], vocab, (struct at){ "education", i }, e);
	for (size_t i = 0; !rc && i < cv->n_work; i++)
		rc = check_job(&cv->work[i], vocab, (struct at){ "work", i }, e);
	return rc;
}
