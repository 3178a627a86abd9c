#include "pack/catalogue_vocab.h"
#include "core/buf.h"
#include "pack/codes_build.h"

#include <stdbool.h>
#include <string.h>

/* The four packs, in the order of struct cat_vocab's lists; klantkenmerken
 * keeps every node ("5" and "5.3" are both codes an instrument may carry),
 * the others their leaves (a Sol goal is a heading over its kinds). */
static const struct {
	const char *id;
	bool all;
	size_t off;
} lists[] = {
	{ "eva-tiles", false, offsetof(struct cat_vocab, tiles) },
	{ "eva-klantkenmerken", true, offsetof(struct cat_vocab, klantkenmerken) },
	{ "eva-uitvoeringsvormen", false, offsetof(struct cat_vocab, forms) },
	{ "sol-goals", false, offsetof(struct cat_vocab, sol_kinds) },
};
#define N_LISTS (sizeof lists / sizeof lists[0])

static int build(const struct pack *p, size_t k, struct arena *a, struct cat_vocab *out,
		 struct err *e)
{
	struct code_list *l = (struct code_list *)((char *)out + lists[k].off);
	return lists[k].all ? code_list_all_from_pack(p, a, l, e)
			    : code_list_from_pack(p, a, l, e);
}

int cat_vocab_from_packs(struct pack *const *packs, size_t n, struct arena *a,
			 struct cat_vocab *out, struct err *e)
{
	*out = (struct cat_vocab){ 0 };
	for (size_t k = 0; k < N_LISTS; k++) {
		const struct pack *p = NULL;
		for (size_t i = 0; !p && i < n; i++)
			if (strcmp(packs[i]->id, lists[k].id) == 0)
				p = packs[i];
		if (!p)
			return err_set(e, IPM_EINVAL, "the catalogue needs the taxonomy pack %s",
				       lists[k].id);
		int rc = build(p, k, a, out, e);
		if (rc)
			return rc;
	}
	return IPM_OK;
}

int cat_vocab_load(const char *dir, struct arena *a, struct cat_vocab *out, struct err *e)
{
	int rc = IPM_OK;
	*out = (struct cat_vocab){ 0 };
	for (size_t k = 0; !rc && k < N_LISTS; k++) {
		struct buf path = BUF_INIT;
		struct pack *p = NULL;
		buf_printf(&path, "%s/%s.json", dir, lists[k].id);
		rc = pack_load_file(buf_str(&path), &p, e);
		if (!rc && strcmp(p->id, lists[k].id) != 0)
			rc = err_set(e, IPM_EINVAL, "%s: expected pack %s, got %s", buf_str(&path),
				     lists[k].id, p->id);
		if (!rc)
			rc = build(p, k, a, out, e);
		pack_free(p);
		buf_free(&path);
	}
	return rc;
}
