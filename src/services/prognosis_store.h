/* Prognoses and model fits from the dossiers in the store (docs/prognosis.md,
 * "In the database"). A client's factor ratings are the current answers of
 * their latest completed assessment of the factor catalogue (item id =
 * factor id, value "-2".."2", empty = not rated); months unemployed run
 * from the client's benefit_start, age from birth_date; the wait for work
 * ends with the first 'werk' outcome, or earlier with any other outcome
 * (the route ended without work: censored there, "Censoring"). */
#ifndef IPM_SERVICES_PROGNOSIS_STORE_H
#define IPM_SERVICES_PROGNOSIS_STORE_H

#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "engine/fit.h"
#include "engine/pp_table.h"
#include "engine/prognosis.h"
#include "pack/model_write.h"
#include "services/model_set.h"
#include "store/store.h"

#include <stdbool.h>
#include <stdint.h>

/* Below this many rated clients the organisation's terciles say little and
 * the model pack's population_p12 gives the traffic light (contract). */
#define PROGNOSIS_POPULATION_MIN 30

struct prognosis_made {
	struct model_set model;    /* the model that made it; owned */
	bool default_model;        /* no active model: MODEL_DEFAULT from the data directory */
	bool from_population;      /* light from the organisation's terciles */
	size_t clients;            /* clients the terciles were computed from */
	bool has_thresholds;
	struct prog_thresholds t;
	int months;                /* months unemployed at `today` */
	struct prog_result r;      /* r.pack_id/version point into `model` */
	int64_t result_id;         /* the stored result */
	struct buf json;           /* the result as stored */
};

/* The prognosis of one client on `today` (YYYY-MM-DD) by the active model of
 * the client's organisation, else MODEL_DEFAULT from data_dir (registered
 * in the store when it is not yet, so the result cites stored bytes; with
 * data_dir NULL its highest version registered in the store),
 * saved as a result of kind "prognosis" naming the model id and version
 * and the factor assessment. IPM_ENOTFOUND for no client or no completed
 * factor assessment; IPM_EINVAL naming the field for a client without
 * benefit_start or a stored rating that is not -2..2. Free *out with
 * prognosis_made_free, also after an error. */
int prognosis_for_client(struct store *s, const struct store_actor *who, const char *data_dir,
			 int64_t client_id, const char *today, struct prognosis_made *out,
			 struct err *e);

void prognosis_made_free(struct prognosis_made *p);

/* The model's input for a client on day `at`: months from benefit_start,
 * the age attributes from birth_date (missing without it), the ratings of
 * the model's factor features (not rated = missing, 0). IPM_EINVAL naming
 * the field for no benefit_start or a rating that is not a whole number in
 * the feature's range. */
int prognosis_input_at(const struct prog_model *m, const struct store_prognosis_input *in,
		       struct date at, struct prog_input *out, struct err *e);

/* The day the client stopped waiting for work, as far as it is known on
 * `today` (all days YYYY-MM-DD, compared as text): the first day of work
 * (*work = true) or, when it came strictly before that, the day the route
 * ended without work (*work = false; work after it belongs to no route of
 * ours). NULL while the client is still waiting on `today`; a day after
 * `today` is not known yet. */
const char *prognosis_wait_end(const struct store_prognosis_input *in, const char *today,
			       bool *work);

/* What pp_from_store made of the organisation's clients. */
struct pp_store_counts {
	size_t clients;   /* with a completed factor assessment */
	size_t used;      /* with at least one month observed: */
	size_t work;      /*   of those, followed until work (the event) */
	size_t ended;     /*   followed until their route ended without work */
	size_t skipped;   /* no benefit_start, the wait ended before the assessment or (not
			   * by work) within its first month, or too long */
	size_t too_new;   /* assessed this month: nothing observed yet */
};

/* Person-period rows for fitting `m` (contract "Person-period data") from
 * the clients of org_id (0 = every organisation): entry = the factor
 * assessment's completion day, duration at entry = whole months from
 * benefit_start to it; one row per whole month until the wait ends
 * (prognosis_wait_end): with work, an event in the month it starts; with
 * the end of the route, censored after the whole months before that day;
 * else censored at `today`. Features: the ratings (not
 * rated = 0) and the age attributes at entry. Audit attributes sex (from
 * the client record, never a feature) and age_band (<27, 27-49, 50+). *out
 * (free with pp_table_free) is filled only on IPM_OK; it may have no rows. */
int pp_from_store(struct store *s, const struct store_actor *who, int64_t org_id,
		  const struct prog_model *m, const char *today, struct pp_table *out,
		  struct pp_store_counts *counts, struct err *e);

/* Writes the fitted model as a new version of base->model (meta->version,
 * or NULL: model_set_next_version, above every registered version when
 * base came from the store) into `text` and registers it in the store as
 * a pack of kind model. It is not activated: that is a separate, explicit
 * act (store_model_activate). `version` gets the version written. */
int model_register_fitted(struct store *s, const struct model_set *base,
			  const struct fit_result *r, const struct model_fit_meta *meta,
			  struct buf *text, struct buf *version, struct err *e);

#endif
