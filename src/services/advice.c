#include "services/advice.h"
#include "services/route_check.h"

#include <string.h>

int advice_add(struct store *s, const struct store_actor *who, const struct store_advice *a,
	       int64_t *id, struct err *e)
{
	int rc;
	if ((rc = route_enum("type", a->type, ADVICE_TYPES, e)) ||
	    (rc = route_text("text", a->text, true, ADVICE_TEXT_MAX, e)) ||
	    (rc = route_text("learnability_note", a->learnability_note, false, ADVICE_TEXT_MAX,
			     e)))
		return rc;
	if (strcmp(a->type, "ontwikkelpunt") == 0) {
		if ((rc = route_enum("learnability", a->learnability, ADVICE_LEARNABILITY, e)))
			return rc;
	} else if (a->learnability || a->learnability_note) {
		return err_set(e, IPM_EINVAL, "%s: only for an ontwikkelpunt",
			       a->learnability ? "learnability" : "learnability_note");
	}
	if (a->source_kind || a->source_code) {
		if ((rc = route_enum("source_kind", a->source_kind, "factor, kenmerk", e)))
			return rc;
		if (!route_code_ok(a->source_code))
			return err_set(e, IPM_EINVAL, "source_code: expected a factor id or kenmerk code");
	}
	return store_advice_add(s, who, a, id, e);
}

int advice_decide(struct store *s, const struct store_actor *who, int64_t advice_id,
		  const char *status, const char *reason, struct err *e)
{
	int rc;
	if ((rc = route_enum("status", status, ADVICE_STATUSES, e)))
		return rc;
	bool rejected = strcmp(status, "rejected") == 0;
	if ((rc = route_text("reason", reason, false, ADVICE_TEXT_MAX, e)))
		return rc;
	if (rejected && (rc = route_text("reason", reason, true, ADVICE_TEXT_MAX, e)))
		return err_set(e, IPM_EINVAL, "reason: is required for a rejection");
	return store_advice_decide(s, who, advice_id, status, reason, e);
}

bool advice_suggest_condition(const struct store_advice *a)
{
	return a->type && strcmp(a->type, "ontwikkelpunt") == 0 && a->learnability &&
	       strcmp(a->learnability, "beperkt") == 0;
}
