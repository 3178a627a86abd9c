/* A prognosis model as the commands use it: the model pack that a spec
 * (ID[@VERSION]) names in DIR/packs, the factor catalogue it names, and the
 * engine's struct prog_model built from both (pack/model_build.h). The packs
 * are kept because fitting writes a new version of the model pack and the
 * ratings parser needs the catalogue's factor ids. */
#ifndef IPM_SERVICES_MODEL_SET_H
#define IPM_SERVICES_MODEL_SET_H

#include "core/buf.h"
#include "core/err.h"
#include "engine/prognosis.h"
#include "pack/pack.h"
#include "store/store.h"

#include <stddef.h>

/* The model a command uses without --model (data/packs, docs/prognosis.md). */
#define MODEL_DEFAULT "ipm-model-default"

struct model_set {
	struct pack **packs;     /* every pack of the directory; owned */
	size_t n_packs;
	struct pack *model;      /* points into packs */
	struct pack *factors;    /* points into packs; NULL when the model names none */
	struct prog_model *m;    /* owned */
};

/* IPM_EINVAL naming the spec or the pack for an unknown model, a catalogue
 * that is not there, or what model_build refuses; IPM_EIO for a directory
 * that cannot be read. *out is filled only on IPM_OK. */
int model_set_load(const char *data_dir, const char *spec, struct model_set *out,
		   struct err *e);

/* The same from the packs registered in the store, where a fitted version
 * may be the only copy: spec among the registered versions of its id, the
 * catalogue in its newest registered version. packs then holds every
 * registered version of the model's id and of the catalogue. IPM_EINVAL
 * naming the spec when it is not registered (or not a model). */
int model_set_from_store(struct store *st, const char *spec, struct model_set *out,
			 struct err *e);

/* The version a new fit of s->model gets: the minor version after the
 * highest version of its id in s->packs ("1.3.0" after 1.2.x). */
void model_set_next_version(const struct model_set *s, struct buf *out);

void model_set_free(struct model_set *s);

#endif
