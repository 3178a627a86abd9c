/* The matching result as JSON (docs/matching.md, "Output"). */
#include "services/match.h"
#include "core/json.h"
#include "services/catalogue_fmt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Scores are sums and products of a few weights: six decimals show every
 * difference that matters, without 0.44999999999999996. */
static json_t *score(double v)
{
	return json_real(round(v * 1e6) / 1e6);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *strs(const struct cat_strs *s)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->n; i++)
		json_array_append_new(a, json_string(s->v[i]));
	return a;
}

/* [{"code": …, "label": …}] with labels from `l` (NULL: codes only). */
static json_t *coded(const struct cat_strs *s, const struct code_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < s->n; i++) {
		const struct code_entry *c = l ? code_list_find(l, s->v[i]) : NULL;
		json_array_append_new(a, json_pack("{s:s, s:o}", "code", s->v[i], "label",
						   str_or_null(c ? c->label_nl : NULL)));
	}
	return a;
}

static json_t *code_label(const char *code, const struct code_list *l)
{
	struct cat_strs one = { &code, 1 };
	json_t *a = coded(&one, l);
	json_t *o = json_incref(json_array_get(a, 0));
	json_decref(a);
	return o;
}

static json_t *reasons(const struct match_reason *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "kind", v[i].kind, "code",
						   v[i].code, "text", v[i].text_nl));
	return a;
}

static json_t *needs(const struct match_client *c)
{
	json_t *a = json_array();
	for (size_t i = 0; i < c->n_needs; i++) {
		const struct match_need *n = &c->needs[i];
		json_array_append_new(
			a, json_pack("{s:s, s:o, s:i, s:o, s:o, s:o, s:o, s:o}", "factor", n->factor,
				     "label", str_or_null(n->label_nl), "rating", n->rating, "weight",
				     score(n->weight), "influence", str_or_null(n->influence),
				     "klantkenmerken", strs(&n->klantkenmerken), "sol_goals",
				     strs(&n->sol_goals), "sol_kinds", strs(&n->sol_kinds)));
	}
	return a;
}

static json_t *goals(const struct match_made *m)
{
	json_t *a = json_array();
	for (size_t i = 0; i < m->r.n_goals; i++) {
		const struct match_goal *g = &m->r.goals[i];
		json_t *kinds = json_array();
		for (size_t k = 0; k < g->def->kinds.n; k++)
			for (size_t j = 0; j < m->ref.ref.n_kinds; j++)
				if (strcmp(m->ref.ref.kinds[j].code, g->def->kinds.v[k]) == 0)
					json_array_append_new(
						kinds, json_pack("{s:s, s:o}", "code", g->def->kinds.v[k],
								 "label",
								 str_or_null(m->ref.ref.kinds[j].label_nl)));
		json_array_append_new(
			a, json_pack("{s:s, s:o, s:o, s:o, s:o, s:o}", "code", g->def->code, "label",
				     str_or_null(g->def->label_nl), "score", score(g->score), "kinds",
				     kinds, "mechanisms", coded(&g->def->mechanisms, &m->ref.mechanisms),
				     "reasons", reasons(g->reasons, g->n_reasons)));
	}
	return a;
}

const char *match_provider_name(const struct catalogue *c, const char *id)
{
	for (size_t i = 0; i < c->n_providers; i++)
		if (strcmp(c->providers[i].id, id) == 0)
			return c->providers[i].name;
	return NULL;
}

static json_t *instrument(const struct match_made *m, const struct match_instrument *x)
{
	const struct cat_instrument *in = x->instrument;
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:o}", "id", in->id, "name", in->name,
			      "provider", str_or_null(match_provider_name(&m->cat, in->provider)),
			      "summary", str_or_null(in->summary), "score", score(x->score));
	json_object_set_new(o, "needs", score(x->needs));
	json_object_set_new(o, "tile_factor", score(x->tile));
	json_object_set_new(o, "group_factor", score(x->group));
	json_object_set_new(o, "tiles", coded(&in->tiles, &m->ref.tiles));
	json_object_set_new(o, "klantkenmerken", coded(&in->klantkenmerken, &m->ref.klantkenmerken));
	json_object_set_new(o, "forms", strs(&in->forms));
	json_object_set_new(o, "sol_kinds", strs(&in->sol_kinds));
	json_object_set_new(o, "target_groups", strs(&in->target_groups));
	json_object_set_new(o, "group", json_boolean(in->group));
	json_object_set_new(o, "individual", json_boolean(in->individual));
	if (in->has_duration)
		json_object_set_new(o, "duration",
				    json_pack("{s:f, s:s}", "value", in->duration, "unit",
					      cat_unit_name(in->duration_unit)));
	if (in->has_intensity)
		json_object_set_new(o, "intensity_hours_per_week", json_real(in->intensity_hours));
	if (in->has_cost)
		json_object_set_new(o, "cost_eur", json_real(in->cost_eur));
	json_object_set_new(o, "reasons", reasons(x->reasons, x->n_reasons));
	return o;
}

static json_t *interventions(const struct match_made *m)
{
	json_t *a = json_array();
	const struct code_list *t = &m->ref.terms;
	for (size_t i = 0; i < m->r.n_interventions; i++) {
		const struct match_intervention *x = &m->r.interventions[i];
		const struct match_kenmerk_def *k = x->kenmerk;
		json_t *km = json_pack("{s:s, s:i, s:o, s:o, s:o, s:o}", "code", k->code, "number",
				       k->number, "label", str_or_null(k->label_nl), "prognosis",
				       k->prognosis ? code_label(k->prognosis, t) : json_null(),
				       "prognosis_text", str_or_null(k->prognosis_nl), "modifiers",
				       coded(&k->modifiers, t));
		json_array_append_new(
			a, json_pack("{s:o, s:s, s:o, s:o, s:o, s:o, s:b, s:o}", "kenmerk", km, "code",
				     x->def->code, "label", str_or_null(x->def->label_nl),
				     "description", str_or_null(x->def->description_nl), "executor",
				     code_label(x->def->executor, t), "with", coded(&x->def->with, t),
				     "suggested", x->suggested, "reasons",
				     reasons(x->reasons, x->n_reasons)));
	}
	return a;
}

static json_t *place(const struct match_made *m)
{
	const struct cat_gemeente *g = NULL;
	for (size_t i = 0; m->client.gemeente && i < m->cat.n_gemeenten; i++)
		if (strcmp(m->cat.gemeenten[i].id, m->client.gemeente) == 0)
			g = &m->cat.gemeenten[i];
	return json_pack("{s:o, s:o, s:o, s:o}", "gemeente",
			 g ? json_pack("{s:s, s:s}", "id", g->id, "name", g->name) : json_null(),
			 "gemeente_in_record", str_or_null(m->gemeente_record), "wijk",
			 str_or_null(m->client.wijk), "note",
			 g ? json_null()
			   : json_string("gemeente niet in de catalogus: alleen instrumenten die "
					 "overal beschikbaar zijn"));
}

void match_json_write(const struct match_made *m, int64_t client_id, struct buf *out)
{
	json_t *doc = json_object();
	struct buf day = BUF_INIT;
	cat_put_date(&day, m->client.today);
	json_object_set_new(doc, "format", json_string("ipm-match"));
	json_object_set_new(doc, "version", json_integer(1));
	if (client_id)
		json_object_set_new(doc, "client", json_integer(client_id));
	json_object_set_new(doc, "as_of", json_string(buf_str(&day)));
	buf_free(&day);
	json_object_set_new(doc, "model",
			    json_pack("{s:s, s:s, s:b}", "pack", m->model.m->pack_id, "version",
				      m->model.m->version, "default", m->default_model));
	json_object_set_new(doc, "place", place(m));
	json_object_set_new(doc, "target_groups", strs(&m->client.target_groups));
	json_object_set_new(doc, "target_groups_not_in_catalogue", strs(&m->unmapped_groups));
	json_object_set_new(doc, "tiles", coded(&m->client.tiles, &m->ref.tiles));
	json_object_set_new(doc, "kenmerken", strs(&m->client.kenmerken));
	json_object_set_new(doc, "needs", needs(&m->client));
	json_object_set_new(doc, "goals", goals(m));
	json_object_set_new(doc, "catalogue",
			    json_pack("{s:I, s:I, s:I}", "instruments",
				      (json_int_t)m->cat.n_instruments, "candidates",
				      (json_int_t)m->r.n_candidates, "shown",
				      (json_int_t)m->r.n_instruments));
	json_t *ins = json_array();
	for (size_t i = 0; i < m->r.n_instruments; i++)
		json_array_append_new(ins, instrument(m, &m->r.instruments[i]));
	json_object_set_new(doc, "instruments", ins);
	json_object_set_new(doc, "interventions", interventions(m));
	json_object_set_new(doc, "interventions_note",
			    json_string("Indicatief en aanvullend, nooit leidend. Een diagnose of "
					"behandelplan vraagt altijd een bevoegde professional."));
	char *s = json_dumps(doc, JSON_PRESERVE_ORDER | JSON_INDENT(2) | JSON_REAL_PRECISION(10));
	if (s) {
		buf_puts(out, s);
		buf_putc(out, '\n');
		free(s);
	}
	json_decref(doc);
}
