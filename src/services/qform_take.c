/* Writing what the browser sent: a page of answers, and the completion. */
#include "services/assessment_score.h"
#include "services/qform.h"
#include "store/store_route.h"

#include <string.h>

struct save {
	const struct store_actor *who;
	int64_t assessment_id;
	size_t n;
	const char *const *ids, *const *answers;
};

static int save_tx(struct store *s, void *ctx, struct err *e)
{
	struct save *x = ctx;
	struct arena a = ARENA_INIT;
	struct store_assessment as;
	int rc = store_assessment_get(s, x->who, x->assessment_id, &as, &a, e);
	for (size_t k = 0; k < x->n && rc == IPM_OK; k++) {
		if (!x->answers[k] || !x->ids[k])
			continue;
		/* An answer given again unchanged is not a new row: the history
		 * holds changes, not page views. */
		const char *cur = NULL;
		for (size_t j = 0; j < as.n_answers; j++)
			if (strcmp(as.answers[j].item_id, x->ids[k]) == 0)
				cur = as.answers[j].value;
		if (cur && strcmp(cur, x->answers[k]) == 0)
			continue;
		rc = store_answer_put(s, x->who, x->assessment_id, x->ids[k], x->answers[k], e);
	}
	arena_free(&a);
	return rc;
}

int qform_save(struct store *s, const struct store_actor *who, int64_t assessment_id, size_t n,
	       const char *const *item_ids, const char *const *answers, struct err *e)
{
	struct save x = { who, assessment_id, n, item_ids, answers };
	return store_batch(s, "questionnaire save", save_tx, &x, e);
}

struct complete {
	const struct store_actor *who;
	int64_t assessment_id, *result_id;
};

static int complete_tx(struct store *s, void *ctx, struct err *e)
{
	struct complete *x = ctx;
	int rc = store_assessment_complete(s, x->who, x->assessment_id, e);
	if (rc == IPM_OK)
		rc = assessment_score(s, x->who, x->assessment_id, x->result_id, e);
	return rc;
}

int qform_complete(struct store *s, const struct store_actor *who, int64_t assessment_id,
		   int64_t *result_id, struct err *e)
{
	struct complete x = { who, assessment_id, result_id };
	return store_batch(s, "questionnaire complete", complete_tx, &x, e);
}
