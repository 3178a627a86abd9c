#include "services/judgement.h"
#include "services/route_check.h"

#include <math.h>
#include <string.h>

#define Q3(nl, en, de) { { nl, en, de } }

const struct judgement_reason judgement_reasons[] = {
	{ "gesprek-klant", Q3("Het gesprek met de klant geeft een ander beeld",
			      "The conversation with the client gives a different picture",
			      "Das Gespräch mit der Person ergibt ein anderes Bild") },
	{ "aanvullende-informatie", Q3("Aanvullende informatie die de berekening niet kent",
				       "Additional information the computation does not have",
				       "Zusätzliche Informationen, die die Berechnung nicht kennt") },
	{ "meetprobleem", Q3("De meting is niet betrouwbaar (begrip, vermoeidheid, haast)",
			     "The measurement is not reliable (understanding, fatigue, haste)",
			     "Die Messung ist nicht zuverlässig (Verständnis, Müdigkeit, Eile)") },
	{ "taal-cultuur", Q3("Taal of culturele achtergrond beïnvloedt de uitkomst",
			     "Language or cultural background affects the outcome",
			     "Sprache oder kultureller Hintergrund beeinflusst das Ergebnis") },
	{ "gezondheid", Q3("Gezondheid die niet in de uitkomst zit",
			   "Health not reflected in the outcome",
			   "Gesundheit, die im Ergebnis nicht enthalten ist") },
	{ "gewijzigde-situatie", Q3("De situatie is veranderd sinds de meting",
				    "The situation has changed since the measurement",
				    "Die Lage hat sich seit der Messung geändert") },
	{ "arbeidsmarkt-lokaal", Q3("De regionale arbeidsmarkt wijkt af",
				    "The regional labour market differs",
				    "Der regionale Arbeitsmarkt weicht ab") },
	{ "anders", Q3("Andere reden (zie toelichting)", "Other reason (see explanation)",
		       "Anderer Grund (siehe Erläuterung)") },
};
const size_t judgement_reason_count = sizeof judgement_reasons / sizeof judgement_reasons[0];

const struct judgement_reason *judgement_reason_find(const char *code)
{
	for (size_t i = 0; code && i < judgement_reason_count; i++)
		if (strcmp(judgement_reasons[i].code, code) == 0)
			return &judgement_reasons[i];
	return NULL;
}

/* What values a subject can have. */
enum subject_kind { SUBJ_NONE, SUBJ_PHASE, SUBJ_BAND, SUBJ_RATING, SUBJ_BIGFIVE };

static enum subject_kind subject_kind(const char *subject)
{
	static const struct {
		const char *prefix;
		enum subject_kind kind;
	} kinds[] = {
		{ "factor:", SUBJ_RATING },
		{ "afgeleid:", SUBJ_RATING },
		{ "bigfive:", SUBJ_BIGFIVE },
	};
	if (!subject)
		return SUBJ_NONE;
	if (strcmp(subject, "loopbaanfase") == 0)
		return SUBJ_PHASE;
	if (strcmp(subject, "prognose.band") == 0)
		return SUBJ_BAND;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].prefix);
		if (strncmp(subject, kinds[i].prefix, n) == 0 && route_code_ok(subject + n))
			return kinds[i].kind;
	}
	return SUBJ_NONE;
}

static int value_check(enum subject_kind k, const char *field, const char *v, struct err *e)
{
	switch (k) {
	case SUBJ_PHASE:
		if (route_code_ok(v))
			return IPM_OK;
		return err_set(e, IPM_EINVAL, "%s: expected a career phase code", field);
	case SUBJ_BAND:
		return route_enum(field, v, "0-25, 25-50, 50-75, 75-100", e);
	case SUBJ_RATING:
		return route_enum(field, v, "-2, -1, 0, 1, 2", e);
	case SUBJ_BIGFIVE:
		return route_enum(field, v, "laag, gemiddeld, hoog", e);
	case SUBJ_NONE:
		break;
	}
	return err_set(e, IPM_EINVAL, "%s: unknown subject", field);
}

int judgement_record(struct store *s, const struct store_actor *who,
		     const struct store_judgement *j, int64_t *id, struct err *e)
{
	enum subject_kind k = subject_kind(j->subject);
	int rc;
	if (k == SUBJ_NONE)
		return err_set(e, IPM_EINVAL,
			       "subject: expected loopbaanfase, prognose.band, factor:<id>, "
			       "afgeleid:<id> or bigfive:<scale>");
	if (!j->computed)
		return err_set(e, IPM_EINVAL, "computed: is required");
	if ((rc = value_check(k, "computed", j->computed, e)) ||
	    (rc = route_enum("decision", j->decision, "accept, override", e)) ||
	    (rc = route_text("reason_text", j->reason_text, false, JUDGEMENT_TEXT_MAX, e)))
		return rc;
	if (strcmp(j->decision, "accept") == 0) {
		if (j->value || j->reason_code)
			return err_set(e, IPM_EINVAL,
				       "%s: only with an override", j->value ? "value" : "reason_code");
	} else {
		if (!j->value)
			return err_set(e, IPM_EINVAL, "value: is required for an override");
		if ((rc = value_check(k, "value", j->value, e)))
			return rc;
		if (strcmp(j->value, j->computed) == 0)
			return err_set(e, IPM_EINVAL,
				       "value: equals the computed value; accept it instead");
		if (!j->reason_code)
			return err_set(e, IPM_EINVAL, "reason_code: is required for an override");
		if (!judgement_reason_find(j->reason_code))
			return err_set(e, IPM_EINVAL, "reason_code: expected one of %s",
				       STORE_REASON_CODES);
		if ((rc = route_text("reason_text", j->reason_text, true, JUDGEMENT_TEXT_MAX, e)))
			return rc;
	}
	return store_judgement_add(s, who, j, id, e);
}

static int count_row(void *ctx, const char *decision, const char *reason_code, int64_t count,
		     struct err *e)
{
	(void)e;
	struct override_rate *r = ctx;
	r->judged += count;
	if (strcmp(decision, "override") != 0)
		return IPM_OK;
	r->overridden += count;
	const struct judgement_reason *why = judgement_reason_find(reason_code);
	if (why)
		r->per_reason[why - judgement_reasons] += count;
	return IPM_OK;
}

int judgement_override_rate(struct store *s, const struct store_actor *who, int64_t org_id,
			    struct override_rate *out, struct err *e)
{
	*out = (struct override_rate){ 0 };
	int rc = store_override_counts(s, who, org_id, count_row, out, e);
	out->rate = out->judged ? (double)out->overridden / (double)out->judged : NAN;
	return rc;
}

_Static_assert(sizeof judgement_reasons / sizeof judgement_reasons[0] <=
		       sizeof ((struct override_rate *)0)->per_reason /
			       sizeof ((struct override_rate *)0)->per_reason[0],
	       "override_rate.per_reason has a slot for every reason");
