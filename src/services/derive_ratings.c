#include "services/derive_ratings.h"

#include "core/xalloc.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

/* A Dutch decimal with one digit, cut off rather than rounded: thresholds in
 * the catalogue have at most one decimal, and a value just below one (1.96
 * years against 2) must not read as if it were on it ("2,0"). */
static void put_decimal(struct buf *b, double x)
{
	size_t at = b->len;
	buf_printf(b, "%.1f", floor(x * 10.0) / 10.0);
	char *dot = strchr(b->data + at, '.');
	if (dot)
		*dot = ',';
}

static void put_months(struct buf *b, int n)
{
	buf_printf(b, "%d %s", n, n == 1 ? "maand" : "maanden");
}

/* What the inputs say for one source: IPM_ENOTFOUND when the input is
 * missing, else *x (a number source) or *none (the source says there is
 * nothing), with the reason the professional reads. */
static int read_input(const struct derive_inputs *in, enum derive_source src, double *x,
		      bool *none, struct buf *why)
{
	const struct cv_facts *cv = in->cv;
	*none = false;
	switch (src) {
	case DERIVE_LANGUAGE_LEVEL:
		if (!in->language_level)
			return IPM_ENOTFOUND;
		buf_printf(why, "afgeleid uit intake: taalniveau %s", in->language_level);
		return IPM_OK;
	case DERIVE_MONTHS_UNEMPLOYED:
		if (in->months_unemployed < 0)
			return IPM_ENOTFOUND;
		*x = in->months_unemployed;
		buf_puts(why, "afgeleid uit intake: ");
		put_months(why, in->months_unemployed);
		buf_puts(why, " werkloos (sinds het begin van de uitkering)");
		return IPM_OK;
	case DERIVE_DIPLOMA_RANK:
		if (!cv)
			return IPM_ENOTFOUND;
		*none = !cv->highest_diploma;
		if (*none) {
			buf_puts(why, "afgeleid uit cv: geen diploma");
			return IPM_OK;
		}
		*x = cv->highest_diploma->value;
		buf_printf(why, "afgeleid uit cv: hoogste diploma %s",
			   cv->highest_diploma->label_nl ? cv->highest_diploma->label_nl
							 : cv->highest_diploma->code);
		return IPM_OK;
	case DERIVE_MONTHS_SINCE_WORK:
		if (!cv)
			return IPM_ENOTFOUND;
		*none = cv->months_since_paid_work < 0;
		*x = cv->months_since_paid_work;
		if (*none)
			buf_puts(why, "afgeleid uit cv: nooit betaald gewerkt");
		else if (cv->months_since_paid_work == 0)
			buf_puts(why, "afgeleid uit cv: werkt nu betaald");
		else {
			buf_puts(why, "afgeleid uit cv: ");
			put_months(why, cv->months_since_paid_work);
			buf_puts(why, " sinds laatste betaalde werk");
		}
		return IPM_OK;
	case DERIVE_FTE_YEARS:
		if (!cv)
			return IPM_ENOTFOUND;
		*x = cv->paid_fte_years;
		buf_puts(why, "afgeleid uit cv: ");
		put_decimal(why, cv->paid_fte_years);
		buf_puts(why, " jaar betaald werk, omgerekend naar voltijd");
		return IPM_OK;
	case DERIVE_BIG_FIVE_C1:
		if (isnan(in->c1_t))
			return IPM_ENOTFOUND;
		*x = in->c1_t;
		buf_puts(why, "afgeleid uit Big Five: vertrouwen in eigen kunnen (C1), T-score ");
		put_decimal(why, in->c1_t);
		return IPM_OK;
	case DERIVE_SOURCES:
		break;
	}
	return IPM_ENOTFOUND;
}

/* Messages name the input, never its value (core/err.h). */
static int check_inputs(const struct derive_inputs *in, struct err *e)
{
	if (in->language_level && derive_cefr_index(in->language_level) < 0)
		return err_set(e, IPM_EINVAL, "language_level: expected one of A1, A2, B1, B2, "
			       "C1, C2");
	if (in->months_unemployed < -1)
		return err_set(e, IPM_EINVAL, "months_unemployed: expected 0 or more, or -1 "
			       "(unknown)");
	if (isinf(in->c1_t))
		return err_set(e, IPM_EINVAL, "big_five.c1: the T-score is not a finite number");
	if (in->cv && in->cv->months_since_paid_work < -1)
		return err_set(e, IPM_EINVAL, "cv.months_since_paid_work: expected 0 or more, "
			       "or -1 (never paid)");
	if (in->cv && !(in->cv->paid_fte_years >= 0 && isfinite(in->cv->paid_fte_years)))
		return err_set(e, IPM_EINVAL, "cv.paid_fte_years: expected a number of 0 or more");
	return IPM_OK;
}

static int rate(const struct derive_rule *r, const struct derive_inputs *in, double x,
		bool none, int *rating)
{
	if (derive_source_is_level(r->source))
		return derive_level_rating(&r->levels, in->language_level, rating);
	return none ? derive_rating_none(&r->map, rating) : derive_rating(&r->map, x, rating);
}

int derive_suggest(const struct derive_set *set, const struct derive_inputs *in,
		   struct derive_suggestions *out, struct err *e)
{
	int rc;
	memset(out, 0, sizeof *out);
	if ((rc = check_inputs(in, e)))
		return rc;
	out->pack = set->pack;
	out->version = set->version;
	out->v = xcalloc(set->n + 1, sizeof *out->v);
	for (size_t k = 0; k < set->n; k++) {
		const struct derive_rule *r = &set->rules[k];
		struct derive_suggestion *s = &out->v[out->n];
		double x = NAN;
		bool none;
		if (read_input(in, r->source, &x, &none, &s->reason) ||
		    rate(r, in, x, none, &s->rating)) {
			/* No input, or "nothing" without a `none` rating: no suggestion. */
			buf_reset(&s->reason);
			continue;
		}
		s->factor = r->factor;
		s->source = r->source;
		out->n++;
	}
	return IPM_OK;
}

void derive_suggestions_free(struct derive_suggestions *s)
{
	if (!s->v)
		return;
	/* The slot after the last suggestion may hold a reset, allocated buffer. */
	for (size_t k = 0; k <= s->n; k++)
		buf_free(&s->v[k].reason);
	free(s->v);
	memset(s, 0, sizeof *s);
}

void derive_suggestions_text(const struct derive_suggestions *s, struct buf *out)
{
	for (size_t k = 0; k < s->n; k++)
		buf_printf(out, s->v[k].rating > 0 ? "%s: +%d (%s)\n" : "%s: %d (%s)\n",
			   s->v[k].factor, s->v[k].rating, buf_str(&s->v[k].reason));
	buf_puts(out, DERIVE_NOTICE "\n");
}
