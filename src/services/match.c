/* Matching for one client: from the dossier (or a needs file) to the
 * engine's struct match_client, then match_run. */
#include "services/match.h"
#include "core/json.h"
#include "services/active_model.h"
#include "services/match_needs_json.h"
#include "services/stored_pack.h"
#include "store/store_catalogue.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- weights ---------------------------------------------------------------- */

/* |β| of the model's feature for this factor; a factor the model does not
 * use (profile-only, or left out of a fitted model) gets the mean |β| of
 * the model's factor features: no evidence of its size, so an average one
 * (docs/matching.md). */
static double factor_beta(const struct prog_model *m, const char *factor)
{
	double sum = 0;
	size_t n = 0;
	for (size_t k = 0; k < m->n_features; k++) {
		const struct prog_feature *f = &m->features[k];
		if (f->kind != PROG_FACTOR)
			continue;
		if (f->ref && strcmp(f->ref, factor) == 0)
			return fabs(f->beta);
		sum += fabs(f->beta);
		n++;
	}
	return n ? sum / (double)n : 0;
}

struct rated {
	const struct match_factor *f;
	size_t order; /* in the factor catalogue, for the tie */
	int rating;
	double weight;
};

static int by_weight(const void *x, const void *y)
{
	const struct rated *a = x, *b = y;
	if (fabs(a->weight - b->weight) > MATCH_TIE)
		return a->weight > b->weight ? -1 : 1;
	return (a->order > b->order) - (a->order < b->order);
}

/* The hindering factors among the ratings, heaviest first; without the
 * special-category ones when no_special. */
static void needs_from(struct match_made *m, const struct match_factors *fs,
		       const struct cat_strs *ids, const int *ratings, bool no_special)
{
	struct rated *r = arena_array(&m->arena, ids->n + 1, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < ids->n; i++) {
		if (ratings[i] >= 0)
			continue;
		for (size_t k = 0; k < fs->n; k++)
			if (strcmp(fs->v[k].id, ids->v[i]) == 0 && !(no_special && fs->v[k].special))
				r[n++] = (struct rated){
					.f = &fs->v[k], .order = k, .rating = ratings[i],
					.weight = factor_beta(m->model.m, ids->v[i]) * -ratings[i] };
	}
	qsort(r, n, sizeof *r, by_weight);
	struct match_need *v = arena_array(&m->arena, n + 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = (struct match_need){ .factor = r[i].f->id, .label_nl = r[i].f->label_nl,
					    .rating = r[i].rating, .weight = r[i].weight,
					    .influence = r[i].f->influence,
					    .klantkenmerken = r[i].f->klantkenmerken,
					    .sol_goals = r[i].f->sol_goals,
					    .sol_kinds = r[i].f->sol_kinds };
	m->client.needs = v;
	m->client.n_needs = n;
}

/* --- reference data ----------------------------------------------------------- */

/* The taxonomy packs in their newest registered versions. */
static int ref_stored(struct store *s, struct match_made *m, struct err *e)
{
	struct pack *packs[MATCH_N_PACKS] = { 0 };
	int rc = IPM_OK;
	for (size_t i = 0; i < MATCH_N_PACKS && !rc; i++)
		rc = stored_pack_load(s, match_pack_ids[i], PACK_TAXONOMY, &packs[i], e);
	if (!rc)
		rc = match_ref_from_packs(packs, MATCH_N_PACKS, m->model.factors, &m->arena, &m->ref,
					  e);
	for (size_t i = 0; i < MATCH_N_PACKS; i++)
		pack_free(packs[i]);
	return rc;
}

/* The reference data from data_dir's packs, or with data_dir NULL from the
 * packs registered in the store. */
static int refdata(struct match_made *m, struct store *s, const char *data_dir,
		   struct match_factors *fs, struct err *e)
{
	if (!m->model.factors)
		return err_set(e, IPM_EINVAL, "model %s@%s names no factor catalogue",
			       m->model.m->pack_id, m->model.m->version);
	int rc = data_dir ? match_ref_load(data_dir, m->model.factors, &m->arena, &m->ref, e)
			  : ref_stored(s, m, e);
	if (rc == IPM_OK)
		rc = match_factors_from_pack(m->model.factors, &m->arena, fs, e);
	return rc;
}

static int options(struct match_made *m, const struct match_options *o, struct err *e)
{
	if (!o->today || !date_parse(o->today, &m->client.today))
		return err_set(e, IPM_EINVAL, "today: expected a date YYYY-MM-DD");
	for (size_t i = 0; i < m->client.tiles.n; i++)
		if (!code_list_find(&m->ref.tiles, m->client.tiles.v[i]))
			return err_set(e, IPM_EINVAL, "tiles[%zu]: unknown tile \"%s\" (eva-tiles)", i,
				       m->client.tiles.v[i]);
	return IPM_OK;
}

static int run(struct match_made *m, size_t max, struct err *e)
{
	return match_run(&m->client, &m->cat, &m->ref.ref, max, &m->r, &m->arena, e);
}

/* --- from the store ------------------------------------------------------------- */

/* Stored ratings are text; "" is not rated (as in the prognosis). */
static int stored_ratings(const struct store_prognosis_input *in, struct cat_strs *ids,
			  int **ratings, struct arena *a, struct err *e)
{
	const char **v = arena_array(a, in->n_ratings + 1, sizeof *v);
	int *r = arena_array(a, in->n_ratings + 1, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < in->n_ratings; i++) {
		const char *s = in->ratings[i].value;
		if (!s || !*s)
			continue;
		char *end = NULL;
		errno = 0;
		long x = strtol(s, &end, 10);
		if (*end || errno || x < -2 || x > 2)
			return err_set(e, IPM_EINVAL,
				       "factor assessment: item %s: expected a whole number from -2 to 2",
				       in->ratings[i].item_id);
		v[n] = in->ratings[i].item_id;
		r[n++] = (int)x;
	}
	*ids = (struct cat_strs){ v, n };
	*ratings = r;
	return IPM_OK;
}

/* The client record's gemeente, written by a person: a catalogue id, or a
 * name in any case. */
static const char *gemeente_id(const struct catalogue *c, const char *g)
{
	for (size_t i = 0; g && i < c->n_gemeenten; i++)
		if (strcmp(c->gemeenten[i].id, g) == 0)
			return c->gemeenten[i].id;
	for (size_t i = 0; g && i < c->n_gemeenten; i++)
		if (c->gemeenten[i].name && strcasecmp(c->gemeenten[i].name, g) == 0)
			return c->gemeenten[i].id;
	return NULL;
}

/* The record's target groups (a JSON array of names or ids) → catalogue
 * ids; the ones the catalogue does not have are kept apart, to be shown. */
static int target_groups(struct match_made *m, const char *json, struct err *e)
{
	json_t *doc = NULL;
	int rc = json_parse_text("clients.target_groups", json ? json : "[]",
				 json ? strlen(json) : 2, &doc, e);
	if (rc)
		return rc;
	size_t n = json_array_size(doc), in = 0, out = 0, i;
	const char **v = arena_array(&m->arena, n + 1, sizeof *v);
	const char **u = arena_array(&m->arena, n + 1, sizeof *u);
	const json_t *g;
	json_array_foreach(doc, i, g) {
		const char *s = json_string_value(g), *id = NULL;
		for (size_t k = 0; s && !id && k < m->cat.n_target_groups; k++) {
			const struct cat_target_group *t = &m->cat.target_groups[k];
			if (strcmp(t->id, s) == 0 || (t->name && strcasecmp(t->name, s) == 0))
				id = t->id;
		}
		if (id)
			v[in++] = id;
		else if (s)
			u[out++] = arena_strdup(&m->arena, s);
	}
	json_decref(doc);
	m->client.target_groups = (struct cat_strs){ v, in };
	m->unmapped_groups = (struct cat_strs){ u, out };
	return IPM_OK;
}

/* What matching reads from the dossier and the catalogue, in one
 * transaction: the two audited reads and the catalogue are of one moment. */
struct reads {
	const struct store_actor *who;
	int64_t client_id;
	struct match_made *m;
	struct store_prognosis_input in;
	struct store_client rec;
};

static int reads_tx(struct store *s, void *ctx, struct err *e)
{
	struct reads *x = ctx;
	struct match_made *m = x->m;
	int rc = store_prognosis_input_get(s, x->who, x->client_id, m->model.m->factors_pack,
					   &x->in, &m->arena, e);
	if (rc == IPM_OK)
		rc = store_client_get(s, x->who, x->client_id, &x->rec, &m->arena, e);
	if (rc == IPM_OK)
		rc = store_catalogue_load(s, &m->cat, &m->arena, e);
	return rc;
}

int match_for_client(struct store *s, const struct store_actor *who, const char *data_dir,
		     int64_t client_id, const struct match_options *o, struct match_made *out,
		     struct err *e)
{
	memset(out, 0, sizeof *out);
	struct reads x = { .who = who, .client_id = client_id, .m = out };
	struct match_factors fs;
	struct cat_strs ids;
	int *ratings = NULL;
	int64_t org = 0;
	int rc;
	out->client.tiles = o->tiles;
	out->client.kenmerken = o->kenmerken;
	out->client.wijk = o->wijk;
	if ((rc = store_client_org(s, client_id, &org, e)) ||
	    (rc = active_model_load(s, org, data_dir, &out->model, &out->default_model, e)) ||
	    (rc = refdata(out, s, data_dir, &fs, e)) || (rc = options(out, o, e)) ||
	    (rc = store_batch(s, "match", reads_tx, &x, e)) ||
	    (rc = stored_ratings(&x.in, &ids, &ratings, &out->arena, e)) ||
	    (rc = target_groups(out, x.rec.target_groups, e)))
		return rc;
	needs_from(out, &fs, &ids, ratings, o->no_special);
	out->gemeente_record = x.rec.gemeente;
	out->client.gemeente = gemeente_id(&out->cat, x.rec.gemeente);
	return run(out, o->max, e);
}

int match_for_needs(const char *data_dir, const char *needs_name, const char *needs_text,
		    size_t needs_len, const struct catalogue *cat, const struct match_options *o,
		    struct match_made *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct match_factors fs;
	struct match_needs_file f;
	int rc;
	if ((rc = model_set_load(data_dir, MODEL_DEFAULT, &out->model, e)) ||
	    (rc = refdata(out, NULL, data_dir, &fs, e)) ||
	    (rc = match_needs_json_parse(needs_name, needs_text, needs_len, &fs, &f, &out->arena,
					 e)))
		return rc;
	out->default_model = true;
	out->cat = *cat;
	out->client.tiles = f.tiles;
	out->client.kenmerken = f.kenmerken;
	out->client.target_groups = f.target_groups;
	out->client.gemeente = f.gemeente;
	out->client.wijk = f.wijk;
	out->gemeente_record = f.gemeente;
	if ((rc = options(out, o, e)))
		return rc;
	needs_from(out, &fs, &f.factors, f.ratings, o->no_special);
	return run(out, o->max, e);
}

void match_made_free(struct match_made *m)
{
	model_set_free(&m->model);
	arena_free(&m->arena);
}
