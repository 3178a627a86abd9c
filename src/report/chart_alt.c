/* Text alternatives: the same facts as the picture, as one paragraph, for
 * screen readers (aria-label, <title>) and for readers of the client version
 * who rather read than look. */
#include "report/chart_internal.h"

#include <math.h>
#include <string.h>

static void sep(struct buf *b, size_t start)
{
	buf_puts(b, b->len > start ? "; " : ". ");
}

static void after_months(struct buf *b, const struct chart_words *w, int n)
{
	const char *at = strstr(w->after_months, "{n}");
	if (!at) {
		buf_printf(b, "%s %d", w->after_months, n);
		return;
	}
	buf_add(b, w->after_months, (size_t)(at - w->after_months));
	buf_printf(b, "%d", n);
	buf_puts(b, at + 3);
}

static void alt_bars(const struct chart *c, struct buf *b, size_t start)
{
	const struct chart_bars *s = &c->u.bars;
	for (size_t i = 0; i < s->n; i++) {
		const struct chart_row *r = &s->rows[i];
		sep(b, start);
		buf_puts(b, r->label);
		buf_puts(b, ": ");
		if (!isfinite(r->value)) {
			/* The client version's Big Five: the band without its score. */
			buf_puts(b, r->band && r->note ? r->note : c->w->no_score);
			continue;
		}
		if (c->type == CHART_FACTORS) {
			buf_puts(b, r->value < 0 ? c->w->hindering : c->w->facilitating);
			if (c->show_values) {
				buf_puts(b, " ");
				if (r->value > 0)
					buf_puts(b, "+");
				chart_put_number(b, c->w, r->value * (s->scale > 0 ? s->scale : 1), 0);
				if (s->unit)
					buf_printf(b, " %s", s->unit);
			}
		} else if (c->show_values) {
			chart_put_number(b, c->w, r->value, c->type == CHART_ANCHORS);
			if (r->note)
				buf_printf(b, " (%s)", r->note);
		} else if (r->note)
			buf_puts(b, r->note);
		if (r->mark && c->w->top)
			buf_printf(b, ", %s", c->w->top);
	}
}

static void alt_riasec(const struct chart *c, struct buf *b, size_t start)
{
	static const char letter[] = "RIASEC";
	const struct chart_riasec *q = &c->u.riasec;
	if (c->show_values)
		for (int k = 0; k < 6; k++) {
			sep(b, start);
			buf_printf(b, "%c %s: ", letter[k], q->label[k] ? q->label[k] : "");
			chart_put_number(b, c->w, q->value[k], 1);
		}
	if (q->code) {
		sep(b, start);
		buf_printf(b, "%s: %s", c->w->holland, q->code);
		for (const char *p = q->code; *p; p++) {
			const char *at = strchr(letter, *p);
			if (at && *at && q->label[at - letter])
				buf_printf(b, "%s%s", p == q->code ? " (" : ", ", q->label[at - letter]);
		}
		buf_puts(b, q->code[0] ? ")" : "");
	}
}

/* Without numbers, a series is told as its labels from high to low. */
static void ranked(struct buf *b, const char *series, const char *const *label,
		   const double *v, int n)
{
	int order[5];
	for (int k = 0; k < n; k++)
		order[k] = k;
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0; k--) {
			double a = isfinite(v[order[k]]) ? v[order[k]] : -INFINITY;
			double z = isfinite(v[order[k - 1]]) ? v[order[k - 1]] : -INFINITY;
			if (a <= z)
				break;
			int t = order[k];
			order[k] = order[k - 1];
			order[k - 1] = t;
		}
	buf_printf(b, "%s:", series);
	for (int k = 0; k < n; k++)
		if (isfinite(v[order[k]]))
			buf_printf(b, "%s %s", k ? "," : "", label[order[k]]);
}

static void alt_culture(const struct chart *c, struct buf *b, size_t start)
{
	const struct chart_culture *q = &c->u.culture;
	if (!c->show_values) {
		for (size_t s = 0; s < q->n_series; s++) {
			sep(b, start);
			ranked(b, q->series[s], q->label, q->value[s], 4);
		}
		return;
	}
	for (int k = 0; k < 4; k++) {
		sep(b, start);
		buf_printf(b, "%s:", q->label[k]);
		for (size_t s = 0; s < q->n_series; s++) {
			buf_printf(b, "%s %s ", s ? "," : "", q->series[s]);
			chart_put_number(b, c->w, q->value[s][k], 0);
		}
	}
}

static void alt_jcm(const struct chart *c, struct buf *b, size_t start)
{
	const struct chart_jcm *j = &c->u.jcm;
	if (!c->show_values) {
		for (int s = 0; s < 2; s++) {
			sep(b, start);
			ranked(b, j->series[s], j->label, j->value[s], 5);
		}
		return;
	}
	for (int k = 0; k < 5; k++) {
		sep(b, start);
		buf_printf(b, "%s:", j->label[k]);
		for (int s = 0; s < 2; s++) {
			buf_printf(b, "%s %s ", s ? "," : "", j->series[s]);
			chart_put_number(b, c->w, j->value[s][k], 1);
		}
	}
	{
		sep(b, start);
		buf_printf(b, "%s:", c->w->mps);
		for (int s = 0; s < 2; s++) {
			buf_printf(b, "%s %s ", s ? "," : "", j->series[s]);
			chart_put_number(b, c->w, j->mps[s], 0);
		}
	}
}

static void alt_prognosis(const struct chart *c, struct buf *b, size_t start)
{
	const struct chart_prognosis *g = &c->u.prognosis;
	static const int at[] = { 6, 12, 24 };
	sep(b, start);
	buf_puts(b, c->w->cumulative);
	for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
		if ((size_t)at[i] >= g->n)
			break;
		buf_puts(b, i ? ", " : " ");
		after_months(b, c->w, at[i]);
		buf_puts(b, " ");
		chart_put_number(b, c->w, g->cumulative[at[i]] * 100, 0);
		buf_puts(b, "%");
	}
	sep(b, start);
	buf_printf(b, "%s: ", c->w->kritisch);
	if (g->kritisch < 0)
		buf_puts(b, c->w->not_reached);
	else if (g->kritisch == 0)
		buf_puts(b, c->w->now);
	else
		after_months(b, c->w, g->kritisch);
}

void chart_alt(const struct chart *c, struct buf *out)
{
	buf_puts(out, c->title ? c->title : "");
	size_t start = out->len;
	switch (c->type) {
	case CHART_BIGFIVE:
	case CHART_ANCHORS:
	case CHART_FACTORS:
		alt_bars(c, out, start);
		break;
	case CHART_RIASEC:
		alt_riasec(c, out, start);
		break;
	case CHART_CULTURE:
		alt_culture(c, out, start);
		break;
	case CHART_JCM:
		alt_jcm(c, out, start);
		break;
	case CHART_PROGNOSIS:
		alt_prognosis(c, out, start);
		break;
	}
	buf_puts(out, ".");
}
