/* The code lists a catalogue is checked against (engine/catalogue.h,
 * struct cat_vocab), built from the taxonomy packs eva-tiles,
 * eva-klantkenmerken, eva-uitvoeringsvormen and sol-goals. */
#ifndef IPM_PACK_CATALOGUE_VOCAB_H
#define IPM_PACK_CATALOGUE_VOCAB_H

#include "core/arena.h"
#include "core/err.h"
#include "engine/catalogue.h"
#include "pack/pack.h"

#include <stddef.h>

/* From packs already loaded: finds the four by pack id (a missing one is
 * IPM_EINVAL naming it). Tiles and forms are the leaves, klantkenmerken
 * every node of the tree ("5" and "5.3"), Sol kinds the leaves of sol-goals
 * (the kinds under each goal). Strings are copied into the arena. */
int cat_vocab_from_packs(struct pack *const *packs, size_t n, struct arena *a,
			 struct cat_vocab *out, struct err *e);

/* Loads DIR/eva-tiles.json, DIR/eva-klantkenmerken.json,
 * DIR/eva-uitvoeringsvormen.json and DIR/sol-goals.json, validates them and
 * builds the vocabulary in the arena; the packs are freed. */
int cat_vocab_load(const char *dir, struct arena *a, struct cat_vocab *out, struct err *e);

#endif
