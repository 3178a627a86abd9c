#include "services/prognosis_json.h"

#include <math.h>

const char *prognosis_calibration_name(bool calibrated)
{
	return calibrated ? "gekalibreerd" : "niet gekalibreerd";
}

static void key(struct buf *b, const char *k)
{
	buf_put_json_string(b, k);
	buf_putc(b, ':');
}

static void prob(struct buf *b, const char *k, double p)
{
	key(b, k);
	buf_printf(b, "%.4f", p);
}

static void feature_ref(struct buf *b, const struct prog_model *m, uint32_t k, enum q_lang lang)
{
	const struct prog_feature *f = &m->features[k];
	key(b, "feature");
	buf_put_json_string(b, f->id);
	buf_putc(b, ',');
	key(b, "label");
	buf_put_json_string(b, q_text_get(&f->label, lang));
}

static void contributions(struct buf *b, const struct prog_model *m, const struct prog_result *r,
			  enum q_lang lang)
{
	key(b, "contributions");
	buf_putc(b, '[');
	for (size_t i = 0; i < r->n_contrib; i++) {
		const struct prog_contribution *c = &r->contrib[i];
		const struct prog_feature *f = &m->features[c->feature];
		buf_puts(b, i ? ",{" : "{");
		feature_ref(b, m, c->feature, lang);
		buf_putc(b, ',');
		key(b, "domain");
		if (f->domain == PROG_DOMAIN_NONE)
			buf_puts(b, "null");
		else
			buf_put_json_string(b, prog_domain_name(f->domain));
		buf_putc(b, ',');
		key(b, "influence");
		buf_put_json_string(b, prog_influence_name(f->influence));
		buf_printf(b, ",\"value\":%g,\"beta\":%.4g,\"lp\":%.4g,", c->x, f->beta, c->lp);
		prob(b, "p12", c->p12);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

static void id_list(struct buf *b, const struct prog_model *m, const uint32_t *ids, size_t n)
{
	buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ',');
		buf_put_json_string(b, m->features[ids[i]].id);
	}
	buf_putc(b, ']');
}

static void domains(struct buf *b, const struct prog_model *m, const struct prog_result *r)
{
	key(b, "domains");
	buf_putc(b, '{');
	for (int d = 0; d < PROG_DOMAINS; d++) {
		const struct prog_domain_view *v = &r->domains[d];
		if (d)
			buf_putc(b, ',');
		key(b, prog_domain_name((enum prog_domain)d));
		buf_printf(b, "{\"lp\":%.4g,", v->lp);
		key(b, "hindering");
		id_list(b, m, v->hindering, v->n_hindering);
		buf_putc(b, ',');
		key(b, "facilitating");
		id_list(b, m, v->facilitating, v->n_facilitating);
		buf_putc(b, '}');
	}
	buf_putc(b, '}');
}

static void top(struct buf *b, const struct prog_model *m, const struct prog_result *r,
		enum q_lang lang)
{
	key(b, "top");
	buf_putc(b, '[');
	for (size_t i = 0; i < r->n_top; i++) {
		const struct prog_gain *g = &r->top[i];
		buf_puts(b, i ? ",{" : "{");
		feature_ref(b, m, g->feature, lang);
		buf_printf(b, ",\"from\":%g,\"to\":%g,", g->from, g->to);
		prob(b, "p12", g->p12);
		buf_putc(b, ',');
		prob(b, "gain", g->gain);
		buf_putc(b, '}');
	}
	buf_putc(b, ']');
}

/* What the light was compared with, in words (prognosis_json.h). The
 * group is every client still waiting on that day, whatever their
 * duration: a long-unemployed client in a caseload of even longer ones can
 * be groen with a low chance. Saying so keeps the light from being read as
 * "compared with clients who are as long without work". */
static const struct q_text compared_population = {
	{ "de %zu cliënten van de organisatie die op %s nog werk zochten, ieder met de eigen "
	  "duur zonder werk (niet alleen wie even lang zonder werk is): groen bij het beste "
	  "derde deel, rood bij het laagste derde deel",
	  "the organisation's %zu clients who were still looking for work on %s, each with "
	  "their own time without work (not only those without work for as long): green in "
	  "the best third, red in the lowest third",
	  "die %zu Klientinnen und Klienten der Organisation, die am %s noch Arbeit suchten, "
	  "jeweils mit der eigenen Dauer ohne Arbeit (nicht nur die gleich lange ohne Arbeit): "
	  "grün im besten Drittel, rot im untersten Drittel" }
};
static const struct q_text compared_model = {
	{ "de vaste grenzen van het model (lower en upper), omdat de organisatie op %s minder "
	  "dan %zu cliënten had die nog werk zochten",
	  "the model's fixed limits (lower and upper), because on %s the organisation had "
	  "fewer than %zu clients still looking for work",
	  "die festen Grenzen des Modells (lower und upper), weil die Organisation am %s "
	  "weniger als %zu Klientinnen und Klienten hatte, die noch Arbeit suchten" }
};

static void context(struct buf *b, const struct prognosis_context *c, enum q_lang lang)
{
	buf_putc(b, ',');
	key(b, "as_of");
	buf_put_json_string(b, c->as_of);
	buf_putc(b, ',');
	key(b, "light_thresholds");
	if (!c->t) {
		buf_puts(b, "null");
		return;
	}
	buf_puts(b, "{\"source\":");
	buf_put_json_string(b, c->from_population ? "organisatie" : "model");
	buf_printf(b, ",\"clients\":%zu,", c->from_population ? c->clients : (size_t)0);
	prob(b, "lower", c->t->lower);
	buf_putc(b, ',');
	prob(b, "upper", c->t->upper);
	buf_putc(b, ',');
	key(b, "compared_with");
	struct buf text = BUF_INIT;
	if (c->from_population)
		buf_printf(&text, q_text_get(&compared_population, lang), c->clients, c->as_of);
	else
		buf_printf(&text, q_text_get(&compared_model, lang), c->as_of, c->min_clients);
	buf_put_json_string(b, buf_str(&text));
	buf_free(&text);
	buf_putc(b, '}');
}

void prognosis_json_write(struct buf *b, const struct prog_model *m, int months,
			  const struct prog_result *r, enum q_lang lang)
{
	prognosis_json_write_context(b, m, months, r, NULL, lang);
}

void prognosis_json_write_context(struct buf *b, const struct prog_model *m, int months,
				  const struct prog_result *r, const struct prognosis_context *c,
				  enum q_lang lang)
{
	buf_puts(b, "{\"model\":{\"id\":");
	buf_put_json_string(b, r->pack_id);
	buf_puts(b, ",\"version\":");
	buf_put_json_string(b, r->version);
	buf_puts(b, "},\"calibration\":");
	buf_put_json_string(b, prognosis_calibration_name(r->calibrated));
	buf_printf(b, ",\"months_unemployed\":%d,", months);
	prob(b, "p6", r->p6);
	buf_putc(b, ',');
	prob(b, "p12", r->p12);
	buf_printf(b, ",\"months_expected\":%.1f,\"months_expected_restricted_to\":%d,",
		   r->months_expected, PROG_MEAN_MONTHS);
	key(b, "months_median");
	if (r->months_median < 0)
		buf_puts(b, "null");
	else
		buf_printf(b, "%d", r->months_median);
	buf_putc(b, ',');
	key(b, "kritisch_moment");
	if (r->kritisch < 0)
		buf_puts(b, "null");
	else
		buf_printf(b, "{\"month\":%d,\"now\":%s}", r->kritisch,
			   r->kritisch_now ? "true" : "false");
	buf_putc(b, ',');
	key(b, "band");
	buf_put_json_string(b, prog_band_name(r->band));
	buf_putc(b, ',');
	key(b, "light");
	if (r->light == PROG_LIGHT_NONE)
		buf_puts(b, "null");
	else
		buf_put_json_string(b, prog_light_name(r->light));
	if (c)
		context(b, c, lang);
	buf_printf(b, ",\"lp\":%.4g,", r->lp);
	contributions(b, m, r, lang);
	buf_putc(b, ',');
	domains(b, m, r);
	buf_putc(b, ',');
	top(b, m, r, lang);
	buf_putc(b, ',');
	key(b, "missing");
	id_list(b, m, r->missing, r->n_missing);
	buf_puts(b, "}\n");
}
