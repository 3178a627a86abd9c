/* The gap report (catalogue_gaps.h): one pass over the published
 * instruments filling a tiles × leaves × groups table of counts, then the
 * cells under the minimum in table order. */
#include "engine/catalogue_gaps.h"

#include <string.h>

/* Whether `code` is `leaf` or one of its ancestors in the tree. */
static bool covers(const struct code_list *kk, const char *code, const struct code_entry *leaf)
{
	for (const struct code_entry *x = leaf; x; x = x->parent ? code_list_find(kk, x->parent) : NULL)
		if (strcmp(x->code, code) == 0)
			return true;
	return false;
}

static bool has_children(const struct code_list *kk, const struct code_entry *x)
{
	for (size_t k = 0; k < kk->n; k++)
		if (kk->v[k].parent && strcmp(kk->v[k].parent, x->code) == 0)
			return true;
	return false;
}

static size_t group_index(const struct catalogue *c, const char *id)
{
	for (size_t g = 0; g < c->n_target_groups; g++)
		if (strcmp(c->target_groups[g].id, id) == 0)
			return g + 1;
	return 0; /* cat_validate refuses unknown ids; counted as none if one slips by */
}

int cat_gaps(const struct catalogue *c, const struct code_list *tiles,
	     const struct code_list *klantkenmerken, struct date on, size_t min,
	     struct cat_gap_report *out, struct arena *a, struct err *e)
{
	*out = (struct cat_gap_report){ .on = on, .min = min, .instruments = c->n_instruments };
	if (min == 0)
		return err_set(e, IPM_EINVAL, "catalogue gaps: the minimum must be at least 1");
	if (!tiles->n || !klantkenmerken->n)
		return err_set(e, IPM_EINVAL, "catalogue gaps: no tiles or klantkenmerken to report on");

	size_t nl = 0;
	const struct code_entry **leaves = arena_array(a, klantkenmerken->n, sizeof *leaves);
	for (size_t k = 0; k < klantkenmerken->n; k++)
		if (!has_children(klantkenmerken, &klantkenmerken->v[k]))
			leaves[nl++] = &klantkenmerken->v[k];
	size_t nt = tiles->n, ng = c->n_target_groups + 1;
	size_t *count = arena_array(a, nt * nl * ng, sizeof *count);
	bool *served = arena_array(a, nl, sizeof *served);

	for (size_t i = 0; i < c->n_instruments; i++) {
		const struct cat_instrument *in = &c->instruments[i];
		if (!cat_is_published(in, on))
			continue;
		out->published++;
		for (size_t l = 0; l < nl; l++) {
			served[l] = false;
			for (size_t k = 0; k < in->klantkenmerken.n && !served[l]; k++)
				served[l] = covers(klantkenmerken, in->klantkenmerken.v[k], leaves[l]);
		}
		for (size_t k = 0; k < in->tiles.n; k++) {
			const struct code_entry *t = code_list_find(tiles, in->tiles.v[k]);
			if (!t)
				continue;
			size_t ti = code_list_index(tiles, t);
			for (size_t l = 0; l < nl; l++) {
				if (!served[l])
					continue;
				size_t *cell = &count[(ti * nl + l) * ng];
				if (in->target_groups.n == 0)
					cell[0]++;
				for (size_t g = 0; g < in->target_groups.n; g++)
					cell[group_index(c, in->target_groups.v[g])]++;
			}
		}
	}

	struct cat_gap *gaps = arena_array(a, nt * nl * ng, sizeof *gaps);
	size_t n = 0;
	for (size_t t = 0; t < nt; t++)
		for (size_t l = 0; l < nl; l++) {
			const size_t *cell = &count[(t * nl + l) * ng];
			for (size_t g = 0; g < ng; g++) {
				size_t available = cell[g] + (g ? cell[0] : 0);
				if (available >= min)
					continue;
				gaps[n++] = (struct cat_gap){
					.tile = &tiles->v[t], .klantkenmerk = leaves[l],
					.group = g ? &c->target_groups[g - 1] : NULL,
					.specific = cell[g], .available = available };
			}
		}
	out->n_tiles = nt;
	out->n_klantkenmerken = nl;
	out->n_groups = ng;
	out->gaps = gaps;
	out->n_gaps = n;
	return IPM_OK;
}
