#include "services/intake.h"
#include "core/date.h"
#include "pack/pack_text.h"
#include "services/stored_pack.h"
#include "store/store_catalogue.h"

#include <string.h>

const char *const intake_purposes[] = {
	"loopbaanonderzoek",	       "ipm-prognose",		 "delen-met-jobcoach",
	"werkgever:naam",	       "werkgever:loopbaanfase", "werkgever:persoonlijkheid",
	"werkgever:cv",		       "werkgever:loopbaanankers", "werkgever:carrierecluster",
	"werkgever:cultuur",	       "werkgever:functieanalyse", "werkgever:belemmerend",
	"werkgever:faciliterend",      "werkgever:advies",
};
const size_t intake_purposes_n = sizeof intake_purposes / sizeof intake_purposes[0];

struct create {
	const struct store_actor *who;
	const struct store_client *c;
	const struct intake_consent *consents;
	size_t n;
	int64_t *id;
};

static int create_tx(struct store *s, void *ctx, struct err *e)
{
	struct create *x = ctx;
	int rc = store_client_create(s, x->who, x->c, x->id, e);
	for (size_t i = 0; i < x->n && rc == IPM_OK; i++)
		rc = store_consent_record(s, x->who, *x->id, x->consents[i].purpose,
					  x->consents[i].granted, "toestemming", NULL, e);
	return rc;
}

int intake_create(struct store *s, const struct store_actor *who, const struct store_client *c,
		  const struct intake_consent *consents, size_t n, int64_t *id, struct err *e)
{
	struct create x = { who, c, consents, n, id };
	return store_batch(s, "intake", create_tx, &x, e);
}

int intake_terms(struct store *s, const char *pack_id, enum q_lang lang, struct arena *a,
		 struct intake_term **out, size_t *n, struct err *e)
{
	struct pack *p = NULL;
	int rc = stored_pack_load(s, pack_id, PACK_TAXONOMY, &p, e);
	if (rc)
		return rc;
	const json_t *terms = json_object_get(p->doc, "terms");
	*n = json_array_size(terms);
	*out = arena_array(a, *n + 1, sizeof **out);
	for (size_t i = 0; i < *n; i++) {
		const json_t *t = json_array_get(terms, i);
		struct q_text label = pack_text(a, json_object_get(t, "label"));
		(*out)[i].code = arena_strdup(a, json_string_value(json_object_get(t, "code")));
		(*out)[i].label = q_text_get(&label, lang);
	}
	pack_free(p);
	return IPM_OK;
}

int intake_target_groups(struct store *s, struct arena *a, struct intake_term **out, size_t *n,
			 struct err *e)
{
	struct store_cat_counts counts;
	*n = 0;
	*out = NULL;
	int rc = store_catalogue_counts(s, (struct date){ 2000, 1, 1 }, &counts, e);
	if (rc || !counts.target_groups)
		return rc;
	struct catalogue cat;
	if ((rc = store_catalogue_load(s, &cat, a, e)))
		return rc;
	*out = arena_array(a, cat.n_target_groups + 1, sizeof **out);
	for (size_t i = 0; i < cat.n_target_groups; i++)
		(*out)[(*n)++] = (struct intake_term){ cat.target_groups[i].id,
						       cat.target_groups[i].name };
	return IPM_OK;
}
