/* Shared by src/services/report_doc*.c only: the build context and the
 * helpers every section uses. */
#ifndef IPM_SERVICES_REPORT_DOC_INTERNAL_H
#define IPM_SERVICES_REPORT_DOC_INTERNAL_H

#include "core/arena.h"
#include "core/date.h"
#include "pack/pack.h"
#include "services/model_set.h"
#include "services/report_doc.h"
#include "store/store_route.h"

#include <stdbool.h>

struct rd {
	struct store *s;
	const struct store_actor *who;
	const struct report_doc_opts *o;
	struct date day;
	struct arena a;              /* strings read from the store */
	struct store_client client;
	json_t *packs;               /* "id@version" -> {id, version, sha256}: every pack used */
	json_t *model;               /* {id, version, calibrated, calibration} or NULL */
	json_t *judgements;          /* subject -> judgement object (current decisions) */
	json_t *prognosis;           /* the stored prognosis result, or NULL */
	int64_t prognosis_assessment; /* the factor assessment it was made from */
	bool prognosis_loaded;       /* rd_prognosis ran */
	struct model_set ms;         /* the model that made it (ms.m NULL: none) */
	int64_t signer;              /* the professional who signs: latest plan or judgement */
	const char *signed_at;       /* when the signer's latest judgement was made */
};

static inline bool rd_prof(const struct rd *r)
{
	return r->o->version == REPORT_PROF;
}

static inline const char *rd_lang(const struct rd *r)
{
	static const char *const names[] = { "nl", "en", "de" };
	return names[r->o->lang];
}

/* A number rounded to `decimals` places; null for NaN or infinity. */
json_t *rd_num(double x, int decimals);
/* A string, or null for NULL. */
json_t *rd_str(const char *s);
/* The text of a pack text object {"nl": …} in the document's language,
 * falling back to Dutch; NULL when there is none. */
const char *rd_text(const struct rd *r, const json_t *t);

/* Records a pack the document's data came from in its versions. */
void rd_cite(struct rd *r, const char *id, const char *version, const char *sha256);

/* Loads a pack as registered (spec ID or ID@VERSION) and records it in the
 * document's versions. */
int rd_pack(struct rd *r, const char *spec, enum pack_kind kind, struct pack **out,
	    struct err *e);

/* The taxonomy term with `code` (children searched too), or NULL. */
const json_t *rd_term(const struct pack *p, const char *code);
/* {"code", "label"} of a taxonomy term; the label is the code when unknown. */
json_t *rd_code(const struct rd *r, const struct pack *p, const char *code);

/* The stored result of a questionnaire and its pack (loaded and recorded).
 * IPM_ENOTFOUND when the client has none. *res is a new reference. */
int rd_score_result(struct rd *r, const char *pack_id, json_t **res, struct pack **p,
		    struct err *e);
/* The scale object with this id in a stored score result, or NULL. */
const json_t *rd_scale(const json_t *res, const char *id);

/* The current judgement of `subject` for the prof version (a new
 * reference), else null. */
json_t *rd_judgement(const struct rd *r, const char *subject);

/* The stored prognosis and its model, loaded once (report_doc_factors.c):
 * r->prognosis stays NULL when the client has none. Sets r->model. */
int rd_prognosis(struct rd *r, struct err *e);

/* Sections (report_doc_career.c, report_doc_factors.c, report_doc_advice.c):
 * each returns IPM_OK with *data NULL when nothing is stored. */
int rd_loopbaanfase(struct rd *r, json_t **data, struct err *e);
int rd_persoonlijkheid(struct rd *r, json_t **data, struct err *e);
int rd_cv(struct rd *r, json_t **data, struct err *e);
int rd_loopbaanankers(struct rd *r, json_t **data, struct err *e);
int rd_carrierecluster(struct rd *r, json_t **data, struct err *e);
int rd_cultuur(struct rd *r, json_t **data, struct err *e);
int rd_functieanalyse(struct rd *r, json_t **data, struct err *e);
int rd_belemmerend(struct rd *r, json_t **data, struct err *e);
int rd_faciliterend(struct rd *r, json_t **data, struct err *e);
int rd_advies(struct rd *r, json_t **data, struct err *e);

/* The "matches" of section 10 (report_doc_match.c): *out NULL when there is
 * nothing to match (no completed factor assessment; the employer version). */
int rd_matches(struct rd *r, json_t **out, struct err *e);

#endif
