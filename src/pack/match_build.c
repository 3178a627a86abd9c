#include "pack/match_build.h"
#include "core/buf.h"
#include "core/json.h"
#include "pack/codes_build.h"

#include <string.h>

const char *const match_pack_ids[MATCH_N_PACKS] = {
	"sol-goals", "sol-mechanisms", "eva-klantkenmerken", "eva-tiles", "lucrato-kenmerken",
	"lucrato-begrippen",
};

static struct cat_strs strs_from(const json_t *arr, struct arena *a)
{
	struct cat_strs s = { 0 };
	size_t n = json_array_size(arr);
	if (!n)
		return s;
	const char **v = arena_array(a, n, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[s.n++] = arena_strdup(a, json_string_value(json_array_get(arr, i)));
	s.v = v;
	return s;
}

static const char *text_nl(const json_t *text, struct arena *a)
{
	const char *s = json_string_value(json_object_get(text, "nl"));
	return s ? arena_strdup(a, s) : NULL;
}

static const json_t *links_of(const json_t *term, const char *kind)
{
	return json_object_get(json_object_get(term, "links"), kind);
}

/* Every code of term.links[kind] must satisfy ok(); otherwise the message
 * names the file, the JSON path of the code and what it should have been. */
struct target {
	const struct code_list *list;
	const char *parent; /* the code must sit directly under this term; NULL = anywhere */
	const char *what;   /* "a mechanism of sol-mechanisms" */
};

static bool target_has(const struct target *t, const char *code)
{
	const struct code_entry *c = code_list_find(t->list, code);
	if (!c)
		return false;
	if (!t->parent)
		return true;
	return c->parent && strcmp(c->parent, t->parent) == 0;
}

static int check_links(const struct pack *p, const struct jpath *at, const json_t *term,
		       const char *kind, const struct target *t, struct err *e)
{
	size_t i;
	const json_t *code;
	json_array_foreach(links_of(term, kind), i, code) {
		if (target_has(t, json_string_value(code)))
			continue;
		struct jpath path = *at;
		jpath_push_key(&path, "links");
		jpath_push_key(&path, kind);
		jpath_push_index(&path, i);
		return err_set(e, IPM_EINVAL, "%s: %s: \"%s\" is not %s", p->source_name, path.s,
			       json_string_value(code), t->what);
	}
	return IPM_OK;
}

static const struct pack *find(struct pack *const *packs, size_t n, const char *id,
			       struct err *e)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(packs[i]->id, id) == 0) {
			if (pack_expect_taxonomy(packs[i], e))
				return NULL;
			return packs[i];
		}
	err_set(e, IPM_EINVAL, "matching needs the taxonomy pack %s", id);
	return NULL;
}

/* --- sol-goals ------------------------------------------------------------ */

static int sol_build(const struct pack *p, struct match_ref *r, struct arena *a, struct err *e)
{
	const json_t *goals = json_object_get(p->doc, "terms");
	size_t n_goals = json_array_size(goals), n_kinds = 0, gi, ki;
	const json_t *g, *k;
	json_array_foreach(goals, gi, g)
		n_kinds += json_array_size(json_object_get(g, "children"));
	struct match_goal_def *gv = arena_array(a, n_goals ? n_goals : 1, sizeof *gv);
	struct match_kind_def *kv = arena_array(a, n_kinds ? n_kinds : 1, sizeof *kv);
	struct code_list goal_codes = { .pack = p->id };
	struct code_entry *gc = arena_array(a, n_goals ? n_goals : 1, sizeof *gc);
	json_array_foreach(goals, gi, g)
		gc[gi] = (struct code_entry){ .code = json_string_value(json_object_get(g, "code")) };
	goal_codes.v = gc;
	goal_codes.n = n_goals;
	struct target mech = { &r->mechanisms, NULL, "a mechanism of sol-mechanisms" };
	struct target goal = { &goal_codes, NULL, "a goal (a top-level term of sol-goals)" };
	size_t nk = 0;
	int rc;
	json_array_foreach(goals, gi, g) {
		struct jpath at;
		jpath_root(&at);
		jpath_push_key(&at, "terms");
		jpath_push_index(&at, gi);
		if ((rc = check_links(p, &at, g, "mechanisms", &mech, e)))
			return rc;
		gv[gi] = (struct match_goal_def){ .code = arena_strdup(a, gc[gi].code),
						  .label_nl = pack_term_label(g, "nl", a),
						  .mechanisms = strs_from(links_of(g, "mechanisms"), a) };
		json_array_foreach(json_object_get(g, "children"), ki, k) {
			struct jpath kat = at;
			jpath_push_key(&kat, "children");
			jpath_push_index(&kat, ki);
			if ((rc = check_links(p, &kat, k, "mechanisms", &mech, e)) ||
			    (rc = check_links(p, &kat, k, "goals", &goal, e)))
				return rc;
			const json_t *more = links_of(k, "goals");
			const char **kg = arena_array(a, 1 + json_array_size(more), sizeof *kg);
			size_t n = 0, i;
			const json_t *code;
			kg[n++] = gv[gi].code;
			json_array_foreach(more, i, code)
				kg[n++] = arena_strdup(a, json_string_value(code));
			kv[nk++] = (struct match_kind_def){
				.code = arena_strdup(a, json_string_value(json_object_get(k, "code"))),
				.label_nl = pack_term_label(k, "nl", a),
				.goals = { kg, n },
				.mechanisms = strs_from(links_of(k, "mechanisms"), a) };
		}
	}
	/* A goal's kinds: the ones it lists, then those linked to it from
	 * elsewhere (stage-leerwerktraject under werknemersvaardigheden also
	 * serves kennisvergroting). */
	for (size_t i = 0; i < n_goals; i++) {
		const char **v = arena_array(a, nk ? nk : 1, sizeof *v);
		size_t n = 0;
		for (size_t j = 0; j < nk; j++)
			if (strcmp(kv[j].goals.v[0], gv[i].code) == 0)
				v[n++] = kv[j].code;
		for (size_t j = 0; j < nk; j++)
			for (size_t m = 1; m < kv[j].goals.n; m++)
				if (strcmp(kv[j].goals.v[m], gv[i].code) == 0)
					v[n++] = kv[j].code;
		gv[i].kinds = (struct cat_strs){ v, n };
	}
	r->ref.goals = gv;
	r->ref.n_goals = n_goals;
	r->ref.kinds = kv;
	r->ref.n_kinds = nk;
	return IPM_OK;
}

/* --- lucrato-kenmerken ---------------------------------------------------- */

struct lucrato_targets {
	struct target factors, verdict, modifier, executor;
};

static int intervention_build(const struct pack *p, const struct jpath *at, const json_t *t,
			      const struct lucrato_targets *tg, struct match_intervention_def *out,
			      struct arena *a, struct err *e)
{
	int rc;
	const json_t *ex = links_of(t, "executor");
	if (json_array_size(ex) != 1) {
		struct jpath path = *at;
		jpath_push_key(&path, "links");
		return err_set(e, IPM_EINVAL, "%s: %s: expected \"executor\" with one code",
			       p->source_name, path.s);
	}
	if ((rc = check_links(p, at, t, "executor", &tg->executor, e)) ||
	    (rc = check_links(p, at, t, "with", &tg->executor, e)))
		return rc;
	*out = (struct match_intervention_def){
		.code = arena_strdup(a, json_string_value(json_object_get(t, "code"))),
		.label_nl = pack_term_label(t, "nl", a),
		.description_nl = text_nl(json_object_get(t, "description"), a),
		.executor = arena_strdup(a, json_string_value(json_array_get(ex, 0))),
		.with = strs_from(links_of(t, "with"), a) };
	return IPM_OK;
}

static int lucrato_build(const struct pack *p, const struct lucrato_targets *tg,
			 struct match_ref *r, struct arena *a, struct err *e)
{
	const json_t *terms = json_object_get(p->doc, "terms");
	size_t n = json_array_size(terms), i, j;
	const json_t *t, *iv;
	struct match_kenmerk_def *kv = arena_array(a, n ? n : 1, sizeof *kv);
	int rc;
	json_array_foreach(terms, i, t) {
		struct jpath at;
		jpath_root(&at);
		jpath_push_key(&at, "terms");
		jpath_push_index(&at, i);
		if ((rc = check_links(p, &at, t, "factors", &tg->factors, e)) ||
		    (rc = check_links(p, &at, t, "prognose", &tg->verdict, e)) ||
		    (rc = check_links(p, &at, t, "prognosefactoren", &tg->modifier, e)))
			return rc;
		const json_t *children = json_object_get(t, "children");
		struct match_intervention_def *ivs =
			arena_array(a, json_array_size(children) + 1, sizeof *ivs);
		json_array_foreach(children, j, iv) {
			struct jpath iat = at;
			jpath_push_key(&iat, "children");
			jpath_push_index(&iat, j);
			if ((rc = intervention_build(p, &iat, iv, tg, &ivs[j], a, e)))
				return rc;
		}
		const char *verdict = json_string_value(json_array_get(links_of(t, "prognose"), 0));
		kv[i] = (struct match_kenmerk_def){
			.code = arena_strdup(a, json_string_value(json_object_get(t, "code"))),
			.label_nl = pack_term_label(t, "nl", a),
			.description_nl = text_nl(json_object_get(t, "description"), a),
			.number = (int)json_number_value(json_object_get(t, "value")),
			.factors = strs_from(links_of(t, "factors"), a),
			.prognosis = verdict ? arena_strdup(a, verdict) : NULL,
			.prognosis_nl = text_nl(json_object_get(json_object_get(t, "texts"), "prognose"),
						a),
			.modifiers = strs_from(links_of(t, "prognosefactoren"), a),
			.interventions = ivs,
			.n_interventions = json_array_size(children) };
	}
	r->ref.kenmerken = kv;
	r->ref.n_kenmerken = n;
	return IPM_OK;
}

/* --- factors -------------------------------------------------------------- */

int match_factors_from_pack(const struct pack *p, struct arena *a, struct match_factors *out,
			    struct err *e)
{
	if (p->kind != PACK_FACTORS)
		return err_set(e, IPM_EINVAL, "%s: expected a factors pack, got %s", p->source_name,
			       pack_kind_name(p->kind));
	const json_t *list = json_object_get(p->doc, "factors");
	size_t n = json_array_size(list), i;
	const json_t *f;
	struct match_factor *v = arena_array(a, n ? n : 1, sizeof *v);
	json_array_foreach(list, i, f)
		v[i] = (struct match_factor){
			.id = arena_strdup(a, json_string_value(json_object_get(f, "id"))),
			.label_nl = text_nl(json_object_get(f, "label"), a),
			.influence = arena_strdup(a, json_string_value(json_object_get(f, "influence"))),
			.profile_only = json_is_true(json_object_get(f, "profile_only")),
			.special = json_is_true(json_object_get(f, "special_category")),
			.klantkenmerken = strs_from(json_object_get(f, "eva_klantkenmerken"), a),
			.sol_goals = strs_from(json_object_get(f, "sol_goals"), a),
			.sol_kinds = strs_from(json_object_get(f, "sol_kinds"), a) };
	*out = (struct match_factors){ .pack = arena_strdup(a, p->id),
				       .version = arena_strdup(a, p->version), .v = v, .n = n };
	return IPM_OK;
}

static bool strs_has(const struct cat_strs *s, const char *v)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return true;
	return false;
}

/* A specific kind must be a kind of sol-goals and narrow one of the
 * factor's own goals: "scholing" for a factor whose only goal is
 * praktische-belemmeringen would rank instruments by a link the goals
 * deny. */
static int kinds_check(const struct match_factors *f, const struct match_factor *x,
		       const struct match_refdata *ref, struct err *e)
{
	for (size_t k = 0; k < x->sol_kinds.n; k++) {
		const struct match_kind_def *d = NULL;
		for (size_t i = 0; !d && i < ref->n_kinds; i++)
			if (strcmp(ref->kinds[i].code, x->sol_kinds.v[k]) == 0)
				d = &ref->kinds[i];
		if (!d)
			return err_set(e, IPM_EINVAL,
				       "%s: factor %s: sol_kinds: unknown kind \"%s\" (sol-goals)",
				       f->pack, x->id, x->sol_kinds.v[k]);
		bool serves = false;
		for (size_t g = 0; g < d->goals.n; g++)
			serves |= strs_has(&x->sol_goals, d->goals.v[g]);
		if (!serves)
			return err_set(e, IPM_EINVAL,
				       "%s: factor %s: sol_kinds: \"%s\" is not a kind of any of the "
				       "factor's sol_goals (sol-goals)",
				       f->pack, x->id, x->sol_kinds.v[k]);
	}
	return IPM_OK;
}

int match_factors_check(const struct match_factors *f, const struct match_refdata *ref,
			struct err *e)
{
	for (size_t i = 0; i < f->n; i++) {
		const struct match_factor *x = &f->v[i];
		for (size_t k = 0; k < x->klantkenmerken.n; k++)
			if (!code_list_find(ref->klantkenmerken, x->klantkenmerken.v[k]))
				return err_set(e, IPM_EINVAL,
					       "%s: factor %s: eva_klantkenmerken: unknown code \"%s\" "
					       "(eva-klantkenmerken)",
					       f->pack, x->id, x->klantkenmerken.v[k]);
		for (size_t k = 0; k < x->sol_goals.n; k++) {
			bool found = false;
			for (size_t g = 0; g < ref->n_goals; g++)
				found |= strcmp(ref->goals[g].code, x->sol_goals.v[k]) == 0;
			if (!found)
				return err_set(e, IPM_EINVAL,
					       "%s: factor %s: sol_goals: unknown goal \"%s\" (sol-goals)",
					       f->pack, x->id, x->sol_goals.v[k]);
		}
		int rc = kinds_check(f, x, ref, e);
		if (rc)
			return rc;
	}
	return IPM_OK;
}

/* --- the whole ------------------------------------------------------------- */

int match_ref_from_packs(struct pack *const *packs, size_t n, const struct pack *factors,
			 struct arena *a, struct match_ref *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	const struct pack *p[MATCH_N_PACKS];
	struct match_factors fs;
	int rc;
	for (size_t i = 0; i < MATCH_N_PACKS; i++) {
		if (!(p[i] = find(packs, n, match_pack_ids[i], e)))
			return IPM_EINVAL;
		out->sources[i] = (struct match_source){ .id = arena_strdup(a, p[i]->id),
							 .version = arena_strdup(a, p[i]->version),
							 .sha256 = arena_strdup(a, p[i]->sha256) };
	}
	const struct pack *sol = p[0], *mech = p[1], *kk = p[2], *tiles = p[3], *km = p[4],
			  *terms = p[5];
	if ((rc = code_list_all_from_pack(kk, a, &out->klantkenmerken, e)) ||
	    (rc = code_list_from_pack(tiles, a, &out->tiles, e)) ||
	    (rc = code_list_from_pack(mech, a, &out->mechanisms, e)) ||
	    (rc = code_list_all_from_pack(terms, a, &out->terms, e)) ||
	    (rc = match_factors_from_pack(factors, a, &fs, e)))
		return rc;
	/* The factor ids as a code list, the target of the kenmerken's links. */
	struct code_entry *fc = arena_array(a, fs.n ? fs.n : 1, sizeof *fc);
	for (size_t i = 0; i < fs.n; i++)
		fc[i] = (struct code_entry){ .code = fs.v[i].id, .label_nl = fs.v[i].label_nl };
	struct code_list factor_codes = { .pack = fs.pack, .v = fc, .n = fs.n };
	struct lucrato_targets tg = {
		.factors = { &factor_codes, NULL, "a factor of the factor catalogue" },
		.verdict = { &out->terms, "prognose", "a verdict (lucrato-begrippen, prognose)" },
		.modifier = { &out->terms, "prognosefactor",
			      "a modifier (lucrato-begrippen, prognosefactor)" },
		.executor = { &out->terms, "uitvoerder", "an executor (lucrato-begrippen, uitvoerder)" },
	};
	if ((rc = sol_build(sol, out, a, e)) || (rc = lucrato_build(km, &tg, out, a, e)))
		return rc;
	out->ref.klantkenmerken = &out->klantkenmerken;
	out->ref.tiles = &out->tiles;
	out->ref.mechanisms = &out->mechanisms;
	out->ref.terms = &out->terms;
	return match_factors_check(&fs, &out->ref, e);
}

int match_ref_load(const char *data_dir, const struct pack *factors, struct arena *a,
		   struct match_ref *out, struct err *e)
{
	struct pack *packs[MATCH_N_PACKS] = { 0 };
	struct buf path = BUF_INIT;
	int rc = IPM_OK;
	for (size_t i = 0; i < MATCH_N_PACKS && !rc; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/packs/%s.json", data_dir, match_pack_ids[i]);
		rc = pack_load_file(buf_str(&path), &packs[i], e);
	}
	if (!rc)
		rc = match_ref_from_packs(packs, MATCH_N_PACKS, factors, a, out, e);
	for (size_t i = 0; i < MATCH_N_PACKS; i++)
		pack_free(packs[i]);
	buf_free(&path);
	return rc;
}
