#include "pack/model_write.h"
#include "core/json.h"
#include "pack/semver.h"

#include <math.h>
#include <string.h>

static int new_version(const struct pack *base, const char *given, struct buf *v,
		       struct err *e)
{
	if (!given) {
		buf_printf(v, "%lu.%lu.0", base->semver.major, base->semver.minor + 1);
		return IPM_OK;
	}
	struct semver s;
	if (semver_parse(given, &s) != IPM_OK)
		return err_set(e, IPM_EINVAL, "version: expected MAJOR.MINOR.PATCH");
	if (semver_compare(&s, &base->semver) <= 0)
		return err_set(e, IPM_EINVAL, "version: %s is not above %s@%s", given, base->id,
			       base->version);
	buf_puts(v, given);
	return IPM_OK;
}

static json_t *baseline(const struct fit_result *r)
{
	double h0[MODEL_WRITE_MONTHS];
	fit_baseline_hazard(r, h0, MODEL_WRITE_MONTHS);
	json_t *arr = json_array();
	for (size_t t = 0; t < MODEL_WRITE_MONTHS; t++)
		json_array_append_new(arr, json_real(h0[t]));
	return arr;
}

/* The coefficients in model order, each citing the fit. */
static json_t *coefficients(const struct prog_model *m, const struct fit_result *r,
			    const struct model_fit_meta *meta)
{
	json_t *arr = json_array();
	struct buf src = BUF_INIT, unc = BUF_INIT;
	for (size_t k = 0; k < m->n_features; k++) {
		buf_reset(&src);
		buf_reset(&unc);
		buf_printf(&src, "fitted on %zu person-periods, %s", r->rows, meta->date);
		if (meta->ridge > 0)
			buf_printf(&src, " (ridge %g)", meta->ridge);
		buf_printf(&unc, "SE %.4g", r->beta_se[k]);
		json_t *c = json_object();
		json_object_set_new(c, "feature", json_string(m->features[k].id));
		json_object_set_new(c, "beta", json_real(r->beta[k]));
		json_object_set_new(c, "source", json_string(buf_str(&src)));
		json_object_set_new(c, "uncertainty", json_string(buf_str(&unc)));
		json_array_append_new(arr, c);
	}
	buf_free(&src);
	buf_free(&unc);
	return arr;
}

int model_write_fitted(const struct pack *base, const struct prog_model *m,
		       const struct fit_result *r, const struct model_fit_meta *meta,
		       struct buf *out, struct err *e)
{
	struct buf version = BUF_INIT, note = BUF_INIT, text = BUF_INIT;
	json_t *doc = NULL;
	struct pack *check = NULL;
	int rc = IPM_EINVAL;
	if (!r->converged) {
		err_set(e, IPM_EINVAL, "the fit did not converge; no model is written");
		goto out;
	}
	for (size_t k = 0; k < m->n_features; k++)
		if (!isfinite(r->beta[k]) || fabs(r->beta[k]) > 20) {
			/* The schema's bound: a |β| this large is separation, not a weight. */
			err_set(e, IPM_EINVAL, "feature %s: fitted beta outside -20..20",
				m->features[k].id);
			goto out;
		}
	if ((rc = new_version(base, meta->version, &version, e)) != IPM_OK)
		goto out;
	doc = json_deep_copy(base->doc);
	json_object_set_new(doc, "version", json_string(buf_str(&version)));
	json_object_set_new(doc, "calibrated", json_true());
	json_t *fitted = json_object();
	json_object_set_new(fitted, "n", json_integer((json_int_t)r->rows));
	json_object_set_new(fitted, "date", json_string(meta->date));
	json_object_set_new(doc, "fitted_on", fitted);
	buf_printf(&note, "Fitted by ipm model fit on %s (%zu person-periods, %zu events) from %s@%s, "
		   "%s; duration buckets 1-3, 4-6, 7-9, 10-12, 13-18, 19-24, 25-36, 37+ months",
		   meta->data_name ? meta->data_name : "person-period data", r->rows, r->events,
		   base->id, base->version, meta->date);
	json_object_set_new(doc, "source", json_string(buf_str(&note)));
	json_object_set_new(doc, "baseline_hazard", baseline(r));
	json_object_set_new(doc, "coefficients", coefficients(m, r, meta));
	json_to_buf(doc, &text, 1);
	buf_putc(&text, '\n');
	/* What we write must load: the same checks as ipm pack check. */
	if ((rc = pack_parse("fitted model", text.data, text.len, &check, e)) != IPM_OK)
		goto out;
	buf_add(out, text.data, text.len);
out:
	pack_free(check);
	json_decref(doc);
	buf_free(&text);
	buf_free(&note);
	buf_free(&version);
	return rc;
}
