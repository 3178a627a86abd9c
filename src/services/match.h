/* Matching for one client (docs/matching.md): the needs from the client's
 * factor ratings, weighted by the prognosis model, the client's place and
 * target groups mapped onto the catalogue, then engine/match.h, written as
 * JSON for `ipm match` (and the same struct for the web and the report).
 *
 * Two sources: a client in the store (its latest completed factor
 * assessment, its record's gemeente and target groups; both reads audited
 * as dossier reads, in one transaction with the catalogue from the store),
 * or a needs file with a catalogue file, for tests and trying things
 * without a database. */
#ifndef IPM_SERVICES_MATCH_H
#define IPM_SERVICES_MATCH_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "engine/match.h"
#include "pack/match_build.h"
#include "services/model_set.h"
#include "store/store.h"

#include <stdint.h>

/* What the professional adds to the stored dossier for this matching. */
struct match_options {
	const char *today;        /* YYYY-MM-DD: the publish window's day */
	size_t max;               /* instruments at most; 0 = all */
	struct cat_strs tiles;    /* the client's current tile(s) */
	struct cat_strs kenmerken; /* Lucrato kenmerken noted by the professional */
	const char *wijk;         /* catalogue wijk id, or NULL */
	bool no_special;          /* leave special-category factors out of the needs: for a
				   * reader who may not see them (no PERM_SENSITIVE), so that
				   * no goal, instrument, reason or intervention stems from them */
};

struct match_made {
	struct arena arena;       /* owns everything below except model */
	struct model_set model;   /* the model whose β weigh the needs; owned */
	bool default_model;       /* no active model: MODEL_DEFAULT (services/active_model.h) */
	struct match_ref ref;     /* ref.sources: the taxonomy packs read, to cite */
	struct catalogue cat;
	struct match_client client;
	const char *gemeente_record; /* the client record's gemeente as written, or NULL */
	struct cat_strs unmapped_groups; /* client target groups the catalogue does not have */
	struct match_result r;
};

/* The matching of a stored client on o->today, weighed by the
 * organisation's model (services/active_model.h). The model and the
 * taxonomy packs come from data_dir, or with data_dir NULL as registered in
 * the store (what the report uses: the same stored data and day give the
 * same matching). IPM_ENOTFOUND for no such
 * client or no completed factor assessment; IPM_EINVAL naming the field
 * for a bad option (an unknown tile, kenmerk or wijk) or a stored rating
 * outside −2..2. The client's gemeente (a name or id) is looked up in the
 * catalogue by id, then by name ignoring case; when it is not there only
 * instruments for everywhere can match, which the JSON says. Free with
 * match_made_free, also after an error. */
int match_for_client(struct store *s, const struct store_actor *who, const char *data_dir,
		     int64_t client_id, const struct match_options *o, struct match_made *out,
		     struct err *e);

/* The same from a needs file (services/match_needs_json.h) and a catalogue
 * already read; the weights from MODEL_DEFAULT in data_dir. The catalogue
 * is borrowed and must outlive out. */
int match_for_needs(const char *data_dir, const char *needs_name, const char *needs_text,
		    size_t needs_len, const struct catalogue *cat, const struct match_options *o,
		    struct match_made *out, struct err *e);

void match_made_free(struct match_made *m);

/* The name of the catalogue's provider `id`, or NULL. */
const char *match_provider_name(const struct catalogue *c, const char *id);

/* The result as JSON (docs/matching.md, "Output"): the needs, goals,
 * instruments with their reasons and key catalogue fields, interventions
 * with executor. client_id 0 leaves out "client". */
void match_json_write(const struct match_made *m, int64_t client_id, struct buf *out);

#endif
