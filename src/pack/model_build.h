/* Converts a validated model pack, joined with the factor catalogue it names
 * (`factors_pack`), into the engine's struct prog_model, so that json_t stays
 * inside src/pack (docs/architecture.md). The join is where a factor feature
 * gets its domain, influence, label and rating range. */
#ifndef IPM_PACK_MODEL_BUILD_H
#define IPM_PACK_MODEL_BUILD_H

#include "core/err.h"
#include "engine/prognosis.h"
#include "pack/pack.h"

/* Builds *out (owned; free with model_free) from `model` (a model pack that
 * passed pack_parse) and `factors` (the factors pack it names; NULL only
 * when the model has no factor features). IPM_EINVAL with a message naming
 * the feature for: a factor not in the catalogue, a catalogue other than
 * the one named by factors_pack, a client attribute other than age_50_plus
 * / age_under_27, more than PROG_FEATURES_MAX features, or whatever
 * prog_model_prepare refuses. */
int model_build(const struct pack *model, const struct pack *factors, struct prog_model **out,
		struct err *e);

void model_free(struct prog_model *m);

#endif
