#include "services/prognosis_view.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/json.h"
#include "services/model_set.h"
#include "services/prognosis_store.h"

#include <string.h>

int prognosis_view_latest(struct store *s, const struct store_actor *who, int64_t client_id,
			  struct arena *a, struct prognosis_view *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct model_set ms = { 0 };
	struct buf spec = BUF_INIT;
	struct store_client c;
	struct store_assessment as;
	struct prog_input pi;
	struct prog_result pr;
	struct date at;
	int rc = store_result_latest(s, who, client_id, "prognosis", NULL, &out->r, a, e);
	if (rc || (rc = json_parse_text("prognosis", out->r.data, strlen(out->r.data), &out->doc,
					e)))
		goto out;
	const char *as_of = json_string_value(json_object_get(out->doc, "as_of"));
	if (!as_of || !date_parse(as_of, &at)) {
		rc = err_set(e, IPM_EINVAL, "prognosis: $.as_of: expected a date YYYY-MM-DD");
		goto out;
	}
	buf_printf(&spec, "%s@%s", out->r.pack_id, out->r.pack_version);
	if ((rc = model_set_from_store(s, buf_str(&spec), &ms, e)) ||
	    (rc = store_client_get(s, who, client_id, &c, a, e)) ||
	    (rc = store_assessment_get(s, who, out->r.assessment_id, &as, a, e)))
		goto out;
	struct store_prognosis_input in = { .client_id = client_id, .birth_date = c.birth_date,
					    .benefit_start = c.benefit_start,
					    .n_ratings = as.n_answers, .ratings = as.answers };
	if ((rc = prognosis_input_at(ms.m, &in, at, &pi, e)) ||
	    (rc = prog_predict(ms.m, &pi, NULL, &pr, e)))
		goto out;
	out->months = pi.months;
	out->n = PROGNOSIS_CURVE_MONTHS + 1;
	for (size_t k = 0; k < out->n; k++)
		out->curve[k] = prog_p_within(ms.m, pi.months, (int)k, pr.lp);
out:
	model_set_free(&ms);
	buf_free(&spec);
	return rc;
}

void prognosis_view_free(struct prognosis_view *v)
{
	json_decref(v->doc);
	v->doc = NULL;
}
