/* A prognosis model as the commands use it: the model pack that a spec
 * (ID[@VERSION]) names in DIR/packs, the factor catalogue it names, and the
 * engine's struct prog_model built from both (pack/model_build.h). The packs
 * are kept because fitting writes a new version of the model pack and the
 * ratings parser needs the catalogue's factor ids. */
#ifndef IPM_SERVICES_MODEL_SET_H
#define IPM_SERVICES_MODEL_SET_H

#include "core/err.h"
#include "engine/prognosis.h"
#include "pack/pack.h"

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

void model_set_free(struct model_set *s);

#endif
