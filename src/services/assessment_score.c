#include "services/assessment_score.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/xalloc.h"
#include "pack/questionnaire_build.h"
#include "services/score_json.h"
#include "services/stored_pack.h"
#include "store/store_route.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The stored answers as the engine's row: every item Q_MISSING unless
 * answered with a whole number (the range is score_check's job). */
static int answers_row(const struct questionnaire *q, const struct store_assessment *as,
		       int16_t *row, struct err *e)
{
	for (size_t i = 0; i < q->n_items; i++)
		row[i] = Q_MISSING;
	for (size_t k = 0; k < as->n_answers; k++) {
		const struct store_rating *r = &as->answers[k];
		int32_t i = questionnaire_item_index(q, r->item_id);
		if (i < 0)
			return err_set(e, IPM_EINVAL, "assessment: item \"%s\" is not in %s@%s",
				       r->item_id, as->pack_id, as->pack_version);
		if (!r->value || !*r->value)
			continue;
		char *end = NULL;
		errno = 0;
		long v = strtol(r->value, &end, 10);
		if (*end || errno || v < -32767 || v > 32767)
			return err_set(e, IPM_EINVAL, "assessment: item \"%s\": not a whole number",
				       r->item_id);
		row[i] = (int16_t)v;
	}
	return score_check(q, row, e);
}

/* 'v'/'m' as the norms know them; 'x' or nothing: the mixture. */
static char norm_sex(const char *sex)
{
	return sex && (strcmp(sex, "v") == 0 || strcmp(sex, "m") == 0) ? sex[0] : 0;
}

int assessment_score(struct store *s, const struct store_actor *who, int64_t assessment_id,
		     int64_t *result_id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct store_assessment as;
	struct store_client c;
	struct questionnaire *q = NULL;
	struct pack *p = NULL;
	struct buf spec = BUF_INIT, json = BUF_INIT;
	/* One respondent, by score_one: the batch tables would be wasted. */
	const struct questionnaire_opts qo = { .no_batch_tables = true };
	int16_t *row = NULL;
	struct scale_score *scores = NULL;
	int rc = store_assessment_get(s, who, assessment_id, &as, &a, e);
	if (rc)
		goto out;
	if (!as.completed_at) {
		rc = err_set(e, IPM_EINVAL, "assessment: not completed yet");
		goto out;
	}
	buf_printf(&spec, "%s@%s", as.pack_id, as.pack_version);
	if ((rc = store_client_get(s, who, as.client_id, &c, &a, e)) ||
	    (rc = stored_pack_load(s, buf_str(&spec), PACK_QUESTIONNAIRE, &p, e)) ||
	    (rc = questionnaire_build(p, &qo, &q, e)))
		goto out;
	row = xcalloc(q->n_items + 1, sizeof *row);
	scores = xcalloc(q->n_scales + 1, sizeof *scores);
	if ((rc = answers_row(q, &as, row, e)))
		goto out;
	/* The norm of the client's age on the day of the test. */
	struct norm_choice norm;
	const char *missing = q->norms.n_groups ? "no_age" : "no_norms";
	bool normed = false;
	struct date birth, done;
	char day[11] = { 0 };
	memcpy(day, as.completed_at, strnlen(as.completed_at, 10));
	if (q->norms.n_groups && c.birth_date && date_parse(c.birth_date, &birth) &&
	    date_parse(day, &done)) {
		struct err ignored;
		normed = norm_select(q, norm_sex(c.sex), date_years(birth, done), &norm,
				     &ignored) == IPM_OK;
		if (!normed)
			missing = "no_group";
	}
	score_one(q, row, normed ? &norm : NULL, scores);
	struct score_view view = { c.reference, scores, normed ? &norm : NULL,
				   normed ? NULL : missing };
	score_json_write(&json, q, &view, Q_NL);
	rc = store_result_save(s, who, as.client_id, assessment_id, "score", as.pack_id,
			       as.pack_version, buf_str(&json), result_id, e);
out:
	free(scores);
	free(row);
	if (q)
		questionnaire_free(q);
	if (p)
		pack_free(p);
	buf_free(&json);
	buf_free(&spec);
	arena_free(&a);
	return rc;
}
