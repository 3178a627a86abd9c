/* The matching of docs/matching.md: needs → goals, instruments and
 * interventions. Instruments are scored in one pass over the catalogue with
 * bit sets (no text, no allocation per instrument); only the ones that
 * survive the cut to max_instruments get their reasons written. */
#include "engine/match.h"
#include "core/buf.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* --- small helpers ------------------------------------------------------- */

static bool strs_has(const struct cat_strs *s, const char *v)
{
	for (size_t i = 0; v && i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return true;
	return false;
}

static int index_of(const struct code_list *l, const char *code)
{
	const struct code_entry *e = l ? code_list_find(l, code) : NULL;
	return e ? (int)code_list_index(l, e) : -1;
}

static const char *label_of(const struct code_list *l, const char *code)
{
	const struct code_entry *e = l ? code_list_find(l, code) : NULL;
	return e && e->label_nl ? e->label_nl : code;
}

/* Goal, kind and target group names inside a sentence start in lower case
 * ("Sol-doel: kennisvergroting (taalcursus)"), but an abbreviation keeps its
 * capitals ("ADHD"): only "Xy…" is lowered. A factor's label is shown as
 * written: it may start with a proper adjective ("Nederlandse …"). */
static void put_lower_first(struct buf *b, const char *s)
{
	if (s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'a' && s[1] <= 'z') {
		buf_putc(b, (char)(s[0] - 'A' + 'a'));
		s++;
	}
	buf_puts(b, s);
}

struct reasons {
	struct match_reason *v;
	size_t n, cap;
	struct arena *a;
};

/* Adds the reason unless the same text is there already (two needs that
 * lead to one Sol goal through one kind say it once). Takes text's bytes. */
static void reason_add(struct reasons *r, const char *kind, const char *code, struct buf *text)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].text_nl, buf_str(text)) == 0) {
			buf_reset(text);
			return;
		}
	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 8;
		struct match_reason *v = arena_array(r->a, cap, sizeof *v);
		if (r->n)
			memcpy(v, r->v, r->n * sizeof *v);
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n++] = (struct match_reason){ .kind = kind, .code = code,
					      .text_nl = arena_strdup(r->a, buf_str(text)) };
	buf_reset(text);
}

static const char *need_name(const struct match_need *n)
{
	return n->label_nl ? n->label_nl : n->factor;
}

static const char *severity_nl(int rating)
{
	return rating <= -2 ? "sterk belemmerend" : "belemmerend";
}

/* --- the klantkenmerken tree as bit sets ----------------------------------- */

struct tree {
	const struct code_list *l;
	uint64_t above[MATCH_CODES_MAX];      /* strict ancestors of each code */
	uint64_t self_below[MATCH_CODES_MAX]; /* the code and its descendants */
};

static int tree_build(const struct code_list *l, struct tree *t, struct err *e)
{
	memset(t, 0, sizeof *t);
	t->l = l;
	if (!l)
		return err_set(e, IPM_EINVAL, "match: no klantkenmerken list");
	if (l->n > MATCH_CODES_MAX)
		return err_set(e, IPM_EINVAL, "match: more than %d klantkenmerken",
			       MATCH_CODES_MAX);
	for (size_t i = 0; i < l->n; i++) {
		t->self_below[i] |= UINT64_C(1) << i;
		/* The pack loader bounds a tree's depth, and a parent that is
		 * not in the list ends the walk, so this loop ends. */
		const char *p = l->v[i].parent;
		for (int depth = 0; p && depth < MATCH_CODES_MAX; depth++) {
			int k = index_of(l, p);
			if (k < 0)
				break;
			t->above[i] |= UINT64_C(1) << k;
			t->self_below[k] |= UINT64_C(1) << i;
			p = l->v[k].parent;
		}
	}
	return IPM_OK;
}

static uint64_t tree_mask(const struct tree *t, const struct cat_strs *codes)
{
	uint64_t m = 0;
	for (size_t i = 0; i < codes->n; i++) {
		int k = index_of(t->l, codes->v[i]);
		if (k >= 0)
			m |= UINT64_C(1) << k;
	}
	return m;
}

/* --- what a need asks for ------------------------------------------------- */

struct need_sets {
	uint64_t self_below; /* klantkenmerken at its level or below */
	uint64_t above;      /* broader klantkenmerken */
	uint64_t goals;      /* its Sol goals */
	uint64_t kinds;      /* its specific Sol kinds (indexes into ref->kinds) */
};

static int goal_index(const struct match_refdata *ref, const char *code)
{
	for (size_t g = 0; g < ref->n_goals; g++)
		if (strcmp(ref->goals[g].code, code) == 0)
			return (int)g;
	return -1;
}

static int kind_index(const struct match_refdata *ref, const char *code)
{
	for (size_t k = 0; k < ref->n_kinds; k++)
		if (strcmp(ref->kinds[k].code, code) == 0)
			return (int)k;
	return -1;
}

static const struct match_kind_def *kind_find(const struct match_refdata *ref, const char *code)
{
	int k = kind_index(ref, code);
	return k < 0 ? NULL : &ref->kinds[k];
}

static uint64_t kind_goals(const struct match_refdata *ref, const struct match_kind_def *k)
{
	uint64_t m = 0;
	for (size_t i = 0; k && i < k->goals.n; i++) {
		int g = goal_index(ref, k->goals.v[i]);
		if (g >= 0)
			m |= UINT64_C(1) << g;
	}
	return m;
}

static int needs_build(const struct match_client *cl, const struct match_refdata *ref,
		       const struct tree *t, struct need_sets *sets, struct err *e)
{
	for (size_t i = 0; i < cl->n_needs; i++) {
		const struct match_need *n = &cl->needs[i];
		struct need_sets *s = &sets[i];
		*s = (struct need_sets){ 0 };
		if (!isfinite(n->weight) || n->weight < 0)
			return err_set(e, IPM_EINVAL,
				       "needs[%zu] (%s).weight: expected a number >= 0", i, n->factor);
		for (size_t k = 0; k < n->klantkenmerken.n; k++) {
			int c = index_of(t->l, n->klantkenmerken.v[k]);
			if (c < 0)
				return err_set(e, IPM_EINVAL,
					       "needs[%zu] (%s).klantkenmerken: unknown code \"%s\"",
					       i, n->factor, n->klantkenmerken.v[k]);
			s->self_below |= t->self_below[c];
			s->above |= t->above[c];
		}
		for (size_t k = 0; k < n->sol_goals.n; k++) {
			int g = goal_index(ref, n->sol_goals.v[k]);
			if (g < 0)
				return err_set(e, IPM_EINVAL,
					       "needs[%zu] (%s).sol_goals: unknown goal \"%s\"", i,
					       n->factor, n->sol_goals.v[k]);
			s->goals |= UINT64_C(1) << g;
		}
		for (size_t k = 0; k < n->sol_kinds.n; k++) {
			int d = kind_index(ref, n->sol_kinds.v[k]);
			if (d < 0)
				return err_set(e, IPM_EINVAL,
					       "needs[%zu] (%s).sol_kinds: unknown kind \"%s\"", i,
					       n->factor, n->sol_kinds.v[k]);
			s->kinds |= UINT64_C(1) << d;
		}
	}
	return IPM_OK;
}

/* How well an instrument serves one need. 1 through one of the need's
 * specific kinds. Through a klantkenmerk at the need's level or below, or
 * a kind of one of its goals: 1 as well when the need names no specific
 * kinds (nothing serves it more directly), else MATCH_GENERAL — a budget
 * course serves "zorg voor kinderen" only as far as both are practical
 * matters. Through a broader klantkenmerk only: that times MATCH_BROADER. */
static double fit_of(const struct need_sets *s, uint64_t kk, uint64_t goals, uint64_t kinds)
{
	if (kinds & s->kinds)
		return 1.0;
	double level = s->kinds ? MATCH_GENERAL : 1.0;
	if ((kk & s->self_below) || (goals & s->goals))
		return level;
	return (kk & s->above) ? level * MATCH_BROADER : 0.0;
}

/* --- goals ------------------------------------------------------------------ */

struct goal_rank {
	size_t def;
	double score;
	bool used;
};

static int by_goal(const void *x, const void *y)
{
	const struct goal_rank *a = x, *b = y;
	if (fabs(a->score - b->score) > MATCH_TIE)
		return a->score > b->score ? -1 : 1;
	return (a->def > b->def) - (a->def < b->def);
}

static void goals_rank(const struct match_client *cl, const struct match_refdata *ref,
		       const struct need_sets *sets, struct match_result *out, struct arena *a)
{
	struct goal_rank *g = arena_array(a, ref->n_goals ? ref->n_goals : 1, sizeof *g);
	size_t n = 0;
	for (size_t k = 0; k < ref->n_goals; k++) {
		g[k].def = k;
		for (size_t i = 0; i < cl->n_needs; i++)
			if (sets[i].goals & (UINT64_C(1) << k)) {
				g[k].score += cl->needs[i].weight;
				g[k].used = true;
			}
	}
	/* Only goals some need leads to; kept in pack order for the tie. */
	for (size_t k = 0; k < ref->n_goals; k++)
		if (g[k].used)
			g[n++] = g[k];
	qsort(g, n, sizeof *g, by_goal);
	struct match_goal *v = arena_array(a, n ? n : 1, sizeof *v);
	struct buf text = BUF_INIT;
	for (size_t k = 0; k < n; k++) {
		struct reasons r = { .a = a };
		for (size_t i = 0; i < cl->n_needs; i++) {
			if (!(sets[i].goals & (UINT64_C(1) << g[k].def)))
				continue;
			buf_puts(&text, "door: ");
			buf_puts(&text, need_name(&cl->needs[i]));
			buf_printf(&text, " (%s)", severity_nl(cl->needs[i].rating));
			reason_add(&r, "factor", cl->needs[i].factor, &text);
		}
		v[k] = (struct match_goal){ .def = &ref->goals[g[k].def], .score = g[k].score,
					    .reasons = r.v, .n_reasons = r.n };
	}
	buf_free(&text);
	out->goals = v;
	out->n_goals = n;
}

/* --- place ------------------------------------------------------------------ */

enum place { PLACE_NO, PLACE_EVERYWHERE, PLACE_GEMEENTE, PLACE_REGIO, PLACE_WIJK,
	     PLACE_WIJK_UNKNOWN };

struct where {
	const struct cat_gemeente *gemeente; /* NULL: unknown */
	const struct cat_wijk *wijk;         /* NULL: unknown */
	const struct cat_wijk **local;       /* the wijken of the gemeente */
	size_t n_local;
};

static int where_build(const struct match_client *cl, const struct catalogue *cat,
		       struct where *w, struct arena *a, struct err *e)
{
	memset(w, 0, sizeof *w);
	for (size_t i = 0; cl->gemeente && i < cat->n_gemeenten; i++)
		if (strcmp(cat->gemeenten[i].id, cl->gemeente) == 0)
			w->gemeente = &cat->gemeenten[i];
	if (cl->gemeente && !w->gemeente)
		return err_set(e, IPM_EINVAL, "gemeente \"%s\": not in the catalogue", cl->gemeente);
	if (cl->wijk && !w->gemeente)
		return err_set(e, IPM_EINVAL, "wijk: needs the client's gemeente");
	w->local = arena_array(a, cat->n_wijken ? cat->n_wijken : 1, sizeof *w->local);
	for (size_t i = 0; w->gemeente && i < cat->n_wijken; i++) {
		const struct cat_wijk *wk = &cat->wijken[i];
		if (strcmp(wk->gemeente, w->gemeente->id) != 0)
			continue;
		w->local[w->n_local++] = wk;
		if (cl->wijk && strcmp(wk->id, cl->wijk) == 0)
			w->wijk = wk;
	}
	if (cl->wijk && !w->wijk)
		return err_set(e, IPM_EINVAL, "wijk \"%s\": not a wijk of gemeente \"%s\"", cl->wijk,
			       w->gemeente->id);
	return IPM_OK;
}

/* The narrowest rule wins: wijken of the client's gemeente limit the
 * instrument to those wijken there; otherwise the gemeente itself or its
 * region must be listed. `hit` gets the wijk that decided, if any. */
static enum place place_of(const struct cat_instrument *in, const struct where *w,
			   const struct cat_wijk **hit)
{
	*hit = NULL;
	if (!in->regions.n && !in->gemeenten.n && !in->wijken.n)
		return PLACE_EVERYWHERE;
	if (!w->gemeente)
		return PLACE_NO;
	for (size_t i = 0; i < w->n_local; i++)
		if (strs_has(&in->wijken, w->local[i]->id) && !*hit)
			*hit = w->local[i];
	if (*hit && !w->wijk)
		return PLACE_WIJK_UNKNOWN;
	if (*hit) {
		*hit = w->wijk;
		return strs_has(&in->wijken, w->wijk->id) ? PLACE_WIJK : PLACE_NO;
	}
	if (strs_has(&in->gemeenten, w->gemeente->id))
		return PLACE_GEMEENTE;
	if (w->gemeente->region && strs_has(&in->regions, w->gemeente->region))
		return PLACE_REGIO;
	return PLACE_NO;
}

/* --- instruments -------------------------------------------------------------- */

struct cand {
	const struct cat_instrument *in;
	double score, needs, tile, group;
	uint64_t kk, goals, kinds;
};

static int by_cand(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (fabs(a->score - b->score) > MATCH_TIE)
		return a->score > b->score ? -1 : 1;
	int c = strcmp(a->in->name, b->in->name);
	return c ? c : strcmp(a->in->id, b->in->id);
}

static bool in_group(const struct cat_instrument *in, const struct match_client *cl)
{
	for (size_t i = 0; i < in->target_groups.n; i++)
		if (strs_has(&cl->target_groups, in->target_groups.v[i]))
			return true;
	return false;
}

static const char *tile_shared(const struct cat_instrument *in, const struct match_client *cl)
{
	for (size_t i = 0; i < in->tiles.n; i++)
		if (strs_has(&cl->tiles, in->tiles.v[i]))
			return in->tiles.v[i];
	return NULL;
}

static const char *group_name(const struct catalogue *cat, const char *id)
{
	for (size_t i = 0; i < cat->n_target_groups; i++)
		if (strcmp(cat->target_groups[i].id, id) == 0 && cat->target_groups[i].name)
			return cat->target_groups[i].name;
	return id;
}

static const char *region_name(const struct catalogue *cat, const char *id)
{
	for (size_t i = 0; i < cat->n_regions; i++)
		if (strcmp(cat->regions[i].id, id) == 0 && cat->regions[i].name)
			return cat->regions[i].name;
	return id;
}

/* "past bij: Schulden (klantkenmerk 5.3 Praktische aandachtspunten)", or for
 * a broader code "… (klantkenmerk 5 Aandachtspunten klant, breder dan 5.3)". */
static void reasons_kk(const struct cand *c, const struct match_need *n,
		       const struct need_sets *s, const struct tree *t, struct reasons *r,
		       struct buf *text)
{
	const struct cat_strs *codes = &c->in->klantkenmerken;
	bool full = (c->kk & s->self_below) != 0;
	for (size_t i = 0; i < codes->n; i++) {
		int k = index_of(t->l, codes->v[i]);
		if (k < 0)
			continue;
		uint64_t bit = UINT64_C(1) << k;
		if (full ? !(bit & s->self_below) : !(bit & s->above))
			continue;
		buf_puts(text, "past bij: ");
		buf_puts(text, need_name(n));
		buf_printf(text, " (klantkenmerk %s %s", codes->v[i], label_of(t->l, codes->v[i]));
		if (!full) {
			/* Name the need's own, narrower code(s) below this one. */
			const char *sep = ", breder dan ";
			for (size_t j = 0; j < n->klantkenmerken.n; j++) {
				int nk = index_of(t->l, n->klantkenmerken.v[j]);
				if (nk >= 0 && (t->above[nk] & bit)) {
					buf_printf(text, "%s%s", sep, n->klantkenmerken.v[j]);
					sep = ", ";
				}
			}
		}
		buf_putc(text, ')');
		reason_add(r, "klantkenmerk", codes->v[i], text);
	}
}

/* "past precies bij: Zorg voor kinderen (kinderopvang)": the instrument is
 * of a kind the factor names as serving it directly. */
static void reasons_kind(const struct cand *c, const struct match_need *n,
			 const struct need_sets *s, const struct match_refdata *ref,
			 struct reasons *r, struct buf *text)
{
	for (size_t i = 0; i < c->in->sol_kinds.n; i++) {
		int k = kind_index(ref, c->in->sol_kinds.v[i]);
		if (k < 0 || !(s->kinds & (UINT64_C(1) << k)))
			continue;
		buf_puts(text, "past precies bij: ");
		buf_puts(text, need_name(n));
		buf_puts(text, " (");
		put_lower_first(text, ref->kinds[k].label_nl);
		buf_putc(text, ')');
		reason_add(r, "sol-kind", ref->kinds[k].code, text);
	}
}

/* "Sol-doel: praktische belemmeringen wegnemen (schuldsanering)". */
static void reasons_sol(const struct cand *c, const struct need_sets *s,
			const struct match_refdata *ref, struct reasons *r, struct buf *text)
{
	for (size_t i = 0; i < c->in->sol_kinds.n; i++) {
		const struct match_kind_def *k = kind_find(ref, c->in->sol_kinds.v[i]);
		for (size_t j = 0; k && j < k->goals.n; j++) {
			int g = goal_index(ref, k->goals.v[j]);
			if (g < 0 || !(s->goals & (UINT64_C(1) << g)))
				continue;
			buf_puts(text, "Sol-doel: ");
			put_lower_first(text, ref->goals[g].label_nl);
			buf_puts(text, " (");
			put_lower_first(text, k->label_nl);
			buf_putc(text, ')');
			reason_add(r, "sol-goal", ref->goals[g].code, text);
		}
	}
}

static void reasons_place(const struct cand *c, const struct catalogue *cat,
			  const struct where *w, struct reasons *r, struct buf *text)
{
	const struct cat_wijk *hit;
	switch (place_of(c->in, w, &hit)) {
	case PLACE_GEMEENTE:
		buf_printf(text, "in gemeente %s", w->gemeente->name);
		reason_add(r, "gemeente", w->gemeente->id, text);
		break;
	case PLACE_REGIO:
		buf_printf(text, "in regio %s (gemeente %s)", region_name(cat, w->gemeente->region),
			   w->gemeente->name);
		reason_add(r, "regio", w->gemeente->region, text);
		break;
	case PLACE_WIJK:
		buf_printf(text, "in wijk %s, gemeente %s", hit->name, w->gemeente->name);
		reason_add(r, "wijk", hit->id, text);
		break;
	case PLACE_WIJK_UNKNOWN:
		buf_printf(text, "alleen in bepaalde wijken van gemeente %s, zoals %s: "
				 "controleer de wijk van de klant", w->gemeente->name, hit->name);
		reason_add(r, "wijk", hit->id, text);
		break;
	case PLACE_EVERYWHERE:
	case PLACE_NO:
		break;
	}
}

static void reasons_instrument(const struct cand *c, const struct match_client *cl,
			       const struct need_sets *sets, const struct catalogue *cat,
			       const struct match_refdata *ref, const struct tree *t,
			       const struct where *w, struct match_instrument *out,
			       struct arena *a)
{
	struct reasons r = { .a = a };
	struct buf text = BUF_INIT;
	double *fits = arena_array(a, cl->n_needs + 1, sizeof *fits);
	for (size_t i = 0; i < cl->n_needs; i++) {
		if ((fits[i] = fit_of(&sets[i], c->kk, c->goals, c->kinds)) <= 0)
			continue;
		if (c->kinds & sets[i].kinds)
			reasons_kind(c, &cl->needs[i], &sets[i], ref, &r, &text);
		if (c->kk & (sets[i].self_below | sets[i].above))
			reasons_kk(c, &cl->needs[i], &sets[i], t, &r, &text);
		if (c->goals & sets[i].goals)
			reasons_sol(c, &sets[i], ref, &r, &text);
	}
	const char *tile = c->tile > 1 ? tile_shared(c->in, cl) : NULL;
	if (tile) {
		buf_printf(&text, "tegel: %s", label_of(ref->tiles, tile));
		reason_add(&r, "tile", tile, &text);
	}
	const struct cat_strs *tg = &c->in->target_groups;
	for (size_t i = 0; c->group > 1 && i < tg->n; i++) {
		if (!strs_has(&cl->target_groups, tg->v[i]))
			continue;
		buf_puts(&text, "speciaal voor jouw doelgroep: ");
		put_lower_first(&text, group_name(cat, tg->v[i]));
		reason_add(&r, "doelgroep", tg->v[i], &text);
	}
	if (c->group < 1) {
		buf_puts(&text, "vooral bedoeld voor een andere doelgroep: ");
		for (size_t i = 0; i < tg->n; i++) {
			if (i)
				buf_puts(&text, ", ");
			put_lower_first(&text, group_name(cat, tg->v[i]));
		}
		reason_add(&r, "andere-doelgroep", tg->v[0], &text);
	}
	reasons_place(c, cat, w, &r, &text);
	buf_free(&text);
	*out = (struct match_instrument){ .instrument = c->in, .score = c->score,
					  .needs = c->needs, .tile = c->tile, .group = c->group,
					  .fits = fits, .reasons = r.v, .n_reasons = r.n };
}

/* Keeps c[0..*m) sorted by by_cand and at most `max` long (max 0: all,
 * sorted at the end): with the usual max of 20 a candidate that does not
 * beat the last one costs one comparison, and nothing of size n is sorted
 * or kept. */
static void keep_best(struct cand *c, size_t *m, size_t max, const struct cand *x)
{
	if (!max) {
		c[(*m)++] = *x;
		return;
	}
	if (*m == max && by_cand(x, &c[max - 1]) >= 0)
		return;
	size_t j = *m < max ? (*m)++ : max - 1;
	for (; j > 0 && by_cand(x, &c[j - 1]) < 0; j--)
		c[j] = c[j - 1];
	c[j] = *x;
}

static void instruments_rank(const struct match_client *cl, const struct catalogue *cat,
			     const struct match_refdata *ref, const struct tree *t,
			     const struct need_sets *sets, const struct where *w, size_t max,
			     struct match_result *out, struct arena *a)
{
	/* The goals of each kind, once, instead of per instrument. */
	uint64_t *kind_mask = arena_array(a, ref->n_kinds + 1, sizeof *kind_mask);
	for (size_t k = 0; k < ref->n_kinds; k++)
		kind_mask[k] = kind_goals(ref, &ref->kinds[k]);
	size_t cap = max && max < cat->n_instruments ? max : cat->n_instruments;
	struct cand *c = arena_array(a, cap ? cap : 1, sizeof *c);
	size_t n = 0, m = 0;
	for (size_t i = 0; i < cat->n_instruments; i++) {
		const struct cat_instrument *in = &cat->instruments[i];
		const struct cat_wijk *hit;
		if (!cat_is_published(in, cl->today) || place_of(in, w, &hit) == PLACE_NO)
			continue;
		uint64_t kk = tree_mask(t, &in->klantkenmerken), goals = 0, kinds = 0;
		for (size_t k = 0; k < in->sol_kinds.n; k++) {
			int d = kind_index(ref, in->sol_kinds.v[k]);
			if (d >= 0) {
				goals |= kind_mask[d];
				kinds |= UINT64_C(1) << d;
			}
		}
		double needs = 0;
		bool serves = false;
		for (size_t k = 0; k < cl->n_needs; k++) {
			double f = fit_of(&sets[k], kk, goals, kinds);
			serves |= f > 0;
			needs += cl->needs[k].weight * f;
		}
		if (!serves)
			continue;
		double tile = tile_shared(in, cl) ? MATCH_TILE : 1.0;
		double group = !in->target_groups.n ? 1.0
			       : in_group(in, cl)   ? MATCH_GROUP_IN
						    : MATCH_GROUP_OUT;
		struct cand x = { .in = in, .score = needs * tile * group, .needs = needs,
				  .tile = tile, .group = group, .kk = kk, .goals = goals,
				  .kinds = kinds };
		keep_best(c, &m, max, &x);
		n++;
	}
	if (!max)
		qsort(c, m, sizeof *c, by_cand);
	struct match_instrument *v = arena_array(a, m ? m : 1, sizeof *v);
	for (size_t i = 0; i < m; i++)
		reasons_instrument(&c[i], cl, sets, cat, ref, t, w, &v[i], a);
	out->instruments = v;
	out->n_instruments = m;
	out->n_candidates = n;
}

/* --- interventions ------------------------------------------------------------ */

struct kenmerk_rank {
	size_t def;
	double weight;
};

static int by_kenmerk(const void *x, const void *y)
{
	const struct kenmerk_rank *a = x, *b = y;
	if (fabs(a->weight - b->weight) > MATCH_TIE)
		return a->weight > b->weight ? -1 : 1;
	return (a->def > b->def) - (a->def < b->def);
}

static void interventions_of(const struct match_kenmerk_def *k, bool suggested,
			     const struct match_client *cl, struct match_intervention *v,
			     size_t *n, struct arena *a)
{
	struct reasons r = { .a = a };
	struct buf text = BUF_INIT;
	if (!suggested) {
		buf_printf(&text, "kenmerk genoteerd door de professional: %s", k->label_nl);
		reason_add(&r, "kenmerk", k->code, &text);
	}
	for (size_t i = 0; suggested && i < cl->n_needs; i++) {
		if (!strs_has(&k->factors, cl->needs[i].factor))
			continue;
		buf_printf(&text, "voorgesteld bij kenmerk %s, door: ", k->label_nl);
		buf_puts(&text, need_name(&cl->needs[i]));
		buf_printf(&text, " (%s)", severity_nl(cl->needs[i].rating));
		reason_add(&r, "factor", cl->needs[i].factor, &text);
	}
	buf_free(&text);
	for (size_t j = 0; j < k->n_interventions; j++)
		v[(*n)++] = (struct match_intervention){ .kenmerk = k, .def = &k->interventions[j],
							 .suggested = suggested, .reasons = r.v,
							 .n_reasons = r.n };
}

static int interventions_rank(const struct match_client *cl, const struct match_refdata *ref,
			      struct match_result *out, struct arena *a, struct err *e)
{
	for (size_t i = 0; i < cl->kenmerken.n; i++) {
		bool known = false;
		for (size_t k = 0; k < ref->n_kenmerken; k++)
			known |= strcmp(ref->kenmerken[k].code, cl->kenmerken.v[i]) == 0;
		if (!known)
			return err_set(e, IPM_EINVAL, "kenmerken[%zu]: unknown kenmerk \"%s\"", i,
				       cl->kenmerken.v[i]);
	}
	size_t total = 0;
	for (size_t k = 0; k < ref->n_kenmerken; k++)
		total += ref->kenmerken[k].n_interventions;
	struct match_intervention *v = arena_array(a, total ? total : 1, sizeof *v);
	struct kenmerk_rank *s = arena_array(a, ref->n_kenmerken ? ref->n_kenmerken : 1,
					     sizeof *s);
	size_t n = 0, ns = 0;
	for (size_t k = 0; k < ref->n_kenmerken; k++) {
		const struct match_kenmerk_def *d = &ref->kenmerken[k];
		if (strs_has(&cl->kenmerken, d->code)) {
			interventions_of(d, false, cl, v, &n, a);
			continue;
		}
		struct kenmerk_rank r = { .def = k };
		bool hit = false;
		for (size_t i = 0; i < cl->n_needs; i++)
			if (strs_has(&d->factors, cl->needs[i].factor)) {
				r.weight += cl->needs[i].weight;
				hit = true;
			}
		if (hit)
			s[ns++] = r;
	}
	qsort(s, ns, sizeof *s, by_kenmerk);
	for (size_t i = 0; i < ns; i++)
		interventions_of(&ref->kenmerken[s[i].def], true, cl, v, &n, a);
	out->interventions = v;
	out->n_interventions = n;
	return IPM_OK;
}

/* --- the whole ------------------------------------------------------------------ */

int match_run(const struct match_client *cl, const struct catalogue *cat,
	      const struct match_refdata *ref, size_t max_instruments,
	      struct match_result *out, struct arena *a, struct err *e)
{
	struct tree t;
	struct where w;
	memset(out, 0, sizeof *out);
	if (ref->n_goals > MATCH_CODES_MAX || ref->n_kinds > MATCH_CODES_MAX)
		return err_set(e, IPM_EINVAL, "match: more than %d Sol goals or kinds",
			       MATCH_CODES_MAX);
	int rc = tree_build(ref->klantkenmerken, &t, e);
	if (rc)
		return rc;
	struct need_sets *sets = arena_array(a, cl->n_needs ? cl->n_needs : 1, sizeof *sets);
	if ((rc = needs_build(cl, ref, &t, sets, e)) ||
	    (rc = where_build(cl, cat, &w, a, e)) ||
	    (rc = interventions_rank(cl, ref, out, a, e)))
		return rc;
	goals_rank(cl, ref, sets, out, a);
	instruments_rank(cl, cat, ref, &t, sets, &w, max_instruments, out, a);
	return IPM_OK;
}
