/* /clients/{id}/prognosis: the latest prognosis as stored (DOMAIN §4) — the
 * chance of work within 6 and 12 months, the expected months, the kritisch
 * moment, the band and the traffic light, the model version and, above all,
 * its calibration status; the curve, the contribution of each factor and
 * "wat zou de kans het meest verhogen". POST computes a new one
 * (services/prognosis_store.h, as `ipm prognosis --client`). The jobcoach
 * reads the conclusions only: band, light, kritisch moment, calibration and
 * what would help most, without the numbers behind them. */
#include "services/interview.h"
#include "services/prognosis_store.h"
#include "services/prognosis_view.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <math.h>
#include <string.h>

#define CONTRIB_SHOWN 10

static const struct web_text texts[] = {
	{ "heading", N_("Prognosis") },
	{ "intro", N_("How likely and how soon this client will find paid work, and why. The "
		      "prognosis is advice: you have the final say.") },
	{ "p6", N_("Chance of work within 6 months") },
	{ "p12", N_("Chance of work within 12 months") },
	{ "expected", N_("Expected months until work") },
	{ "expected_note", N_("counted up to 5 years") },
	{ "kritisch", N_("Critical moment") },
	{ "kritisch_note", N_("when the chance of work within a year drops below 30 %") },
	{ "band", N_("Band") },
	{ "light", N_("Traffic light") },
	{ "model", N_("Model") },
	{ "as_of", N_("Computed on") },
	{ "not_calibrated", N_("Not calibrated") },
	{ "not_calibrated_text", N_("This model uses default weights from the literature. It has "
				    "not yet been checked against the outcomes of your own "
				    "clients: read the numbers as an indication.") },
	{ "calibrated", N_("Calibrated on the organisation's outcomes") },
	{ "curve", N_("Chance of work over time") },
	{ "why", N_("Why: the effect of each factor") },
	{ "factor", N_("Factor") },
	{ "rating", N_("Rating") },
	{ "effect", N_("Effect (percentage points)") },
	{ "raise", N_("What would raise the chance most") },
	{ "raise_intro", N_("Factors that can be influenced, each raised by one step:") },
	{ "raise_none", N_("No factor that can be influenced would raise the chance.") },
	{ "missing", N_("Not rated (counted as neutral)") },
	{ "becomes", N_("the chance within 12 months becomes") },
	{ "none", N_("There is no prognosis yet.") },
	{ "compute", N_("Compute the prognosis again") },
	{ "compute_first", N_("Compute the prognosis") },
	{ "conclusions_only", N_("Your role sees the conclusions of the prognosis, not the "
				 "figures behind them.") },
	{ "cannot", N_("The prognosis cannot be computed yet: finish the factor interview and "
		       "record the start of the benefit in the intake.") },
};

/* The factor's label in the UI language, else the stored (Dutch) one. */
static const char *label_of(const struct interview *iv, const json_t *c, enum q_lang lang)
{
	const char *id = json_string_value(json_object_get(c, "feature"));
	const struct interview_factor *f = interview_factor_find(iv, id);
	if (f)
		return q_text_get(&f->label, lang);
	const char *l = json_string_value(json_object_get(c, "label"));
	return l ? l : id ? id : "";
}

/* The light and what it was compared with (docs/prognosis.md, "Traffic
 * light"): the terciles of the organisation's clients still looking for
 * work on that day, each at their own duration — so a long-unemployed
 * client among even longer ones can be groen with a low chance — or, while
 * there are fewer than PROGNOSIS_POPULATION_MIN of them, the model's fixed
 * limits, which are no thirds of anything. The limits themselves only for
 * roles that see the figures. */
static void light(struct web_request *req, json_t *p, const json_t *doc, int details)
{
	const char *l = json_string_value(json_object_get(doc, "light"));
	const json_t *t = json_object_get(doc, "light_thresholds");
	if (!l || !json_is_object(t))
		return;
	const char *source = json_string_value(json_object_get(t, "source"));
	bool org = source && !strcmp(source, "organisatie");
	const char *label;
	if (!strcmp(l, "groen"))
		label = org ? N_("green: among the best third")
			    : N_("green: at or above the model's upper limit");
	else if (!strcmp(l, "oranje"))
		label = org ? N_("orange: the middle third")
			    : N_("orange: between the model's two limits");
	else
		label = org ? N_("red: the lowest third") : N_("red: below the model's lower limit");
	web_view_set(p, "light", l);
	web_view_set(p, "light_label", web_text(req, label));
	struct buf b = BUF_INIT;
	const char *as_of = json_string_value(json_object_get(doc, "as_of"));
	if (org)
		buf_printf(&b,
			   web_text(req, N_("Compared with the %lld clients of the organisation who "
					    "were still looking for work on %s, each with their own "
					    "time without work: not only with those who have been "
					    "without work for as long.")),
			   (long long)json_integer_value(json_object_get(t, "clients")),
			   as_of ? as_of : "");
	else
		buf_printf(&b,
			   web_text(req, N_("The organisation had fewer than %d clients looking for "
					    "work to compare with, so the light follows the fixed "
					    "limits of the model.")),
			   PROGNOSIS_POPULATION_MIN);
	if (details) {
		client_page_number(req, p, "light_upper",
				   100 * json_number_value(json_object_get(t, "upper")), 1);
		client_page_number(req, p, "light_lower",
				   100 * json_number_value(json_object_get(t, "lower")), 1);
		buf_putc(&b, ' ');
		buf_printf(&b,
			   web_text(req, N_("Green from %s %%, red below %s %% chance of work "
					    "within 12 months.")),
			   json_string_value(json_object_get(p, "light_upper")),
			   json_string_value(json_object_get(p, "light_lower")));
	}
	web_view_set(p, "light_reference", b.data);
	buf_free(&b);
}

static void kritisch(struct web_request *req, json_t *v, const json_t *doc, int months)
{
	const json_t *km = json_object_get(doc, "kritisch_moment");
	struct buf b = BUF_INIT;
	if (!json_is_object(km))
		buf_puts(&b, web_text(req, N_("not within 120 months")));
	else if (json_is_true(json_object_get(km, "now")))
		buf_puts(&b, web_text(req, N_("already reached")));
	else
		buf_printf(&b, web_text(req, N_("in %d months")),
			   (int)json_integer_value(json_object_get(km, "month")) - months);
	web_view_set(v, "kritisch", b.data);
	buf_free(&b);
}

static int curve_chart(struct web_request *req, json_t *v, const struct prognosis_view *pv)
{
	struct chart_words w;
	client_page_chart_words(req, &w);
	struct chart c = { .type = CHART_PROGNOSIS,
			   .title = web_text(req, N_("Chance of work over time")),
			   .w = &w,
			   .show_values = true };
	struct chart_prognosis *g = &c.u.prognosis;
	g->n = pv->n;
	g->threshold = PROG_KRITISCH_P;
	for (size_t k = 0; k < pv->n; k++)
		g->cumulative[k] = pv->curve[k];
	/* Within the year after month k: 1 − S(k+12)/S(k), known while k + 12
	 * is on the curve. */
	g->n_year = pv->n > 12 ? pv->n - 12 : 0;
	for (size_t k = 0; k < g->n_year; k++)
		g->year_ahead[k] = 1 - (1 - pv->curve[k + 12]) / (1 - pv->curve[k]);
	const json_t *km = json_object_get(pv->doc, "kritisch_moment");
	g->kritisch = -1;
	if (json_is_true(json_object_get(km, "now")))
		g->kritisch = 0;
	else if (json_is_object(km)) {
		json_int_t m = json_integer_value(json_object_get(km, "month")) - pv->months;
		if (m >= 0 && m < (json_int_t)pv->n)
			g->kritisch = (int)m;
	}
	return client_page_chart(v, "curve_svg", &c, 640);
}

/* A special-category factor, and the role may not see those: left out. */
static bool hidden(const struct web_request *req, const struct interview_factor *f)
{
	return f && f->special && !access_allows(req->user.role, PERM_SENSITIVE);
}

/* The factor a contribution names, or NULL. */
static const struct interview_factor *factor_of(const struct interview *iv, const json_t *c)
{
	return interview_factor_find(iv, json_string_value(json_object_get(c, "feature")));
}

static void explanation(struct web_request *req, json_t *v, const struct interview *iv,
			const json_t *doc, enum q_lang lang, int details)
{
	json_t *rows = json_array(), *raise = json_array(), *missing = json_array();
	size_t i, shown = 0;
	const json_t *c;
	json_array_foreach(json_object_get(doc, "contributions"), i, c) {
		double p12 = json_number_value(json_object_get(c, "p12"));
		if (!details || shown == CONTRIB_SHOWN || fabs(p12) < 0.0005)
			continue;
		if (hidden(req, factor_of(iv, c)))
			continue;
		json_t *o = json_object();
		web_view_set(o, "label", label_of(iv, c, lang));
		web_view_set(o, "rating",
			     client_page_signed((int)json_number_value(json_object_get(c, "value"))));
		client_page_number(req, o, "effect", 100 * p12, 1);
		json_object_set_new(o, "hinders", json_boolean(p12 < 0));
		json_array_append_new(rows, o);
		shown++;
	}
	json_array_foreach(json_object_get(doc, "top"), i, c) {
		/* Naming a special-category factor as one that would help says
		 * the client has it. */
		if (hidden(req, factor_of(iv, c)))
			continue;
		json_t *o = json_object();
		web_view_set(o, "label", label_of(iv, c, lang));
		if (details) {
			struct buf b = BUF_INIT;
			buf_printf(&b, "%s → %s",
				   client_page_signed((int)json_number_value(json_object_get(c, "from"))),
				   client_page_signed((int)json_number_value(json_object_get(c, "to"))));
			web_view_set(o, "step", b.data);
			buf_free(&b);
			web_view_set(o, "p12", client_page_percent(
						       req, json_number_value(json_object_get(c, "p12"))));
		}
		json_array_append_new(raise, o);
	}
	const json_t *m;
	json_array_foreach(json_object_get(doc, "missing"), i, m) {
		const struct interview_factor *f = interview_factor_find(iv, json_string_value(m));
		if (hidden(req, f))
			continue;
		json_array_append_new(missing, json_string(f ? q_text_get(&f->label, lang)
							     : json_string_value(m)));
	}
	json_object_set_new(v, "any_contrib", json_boolean(json_array_size(rows) > 0));
	json_object_set_new(v, "contributions", rows);
	json_object_set_new(v, "any_raise", json_boolean(json_array_size(raise) > 0));
	json_object_set_new(v, "raise", raise);
	json_object_set_new(v, "any_missing",
			    json_boolean(details && json_array_size(missing) > 0));
	json_object_set_new(v, "missing", missing);
	json_object_set_new(v, "n_missing", json_integer((json_int_t)json_array_size(missing)));
}

int page_prognosis(struct web_request *req)
{
	struct client_page cp;
	struct prognosis_view pv;
	struct interview iv;
	struct err e;
	int rc = client_page_open(req, PERM_CONCLUSIONS, "result", &cp);
	if (rc)
		return rc;
	if ((rc = interview_catalogue(req->store, &iv, &e))) {
		interview_free(&iv);
		return rc;
	}
	rc = prognosis_view_latest(req->store, &cp.who, cp.id, &req->arena, &pv, &e);
	if (rc && rc != IPM_ENOTFOUND)
		goto out;
	int details = access_allows(req->user.role, PERM_TEST_DETAILS);
	json_t *v = web_view(req);
	client_page_view(req, &cp, v, "prognosis");
	if (access_allows(req->user.role, PERM_DOSSIER_WRITE))
		web_view_set(v, "compute_action", client_page_href(req, cp.id, "prognosis"));
	json_object_set_new(v, "cannot", json_boolean(web_query(req, "cannot") != NULL));
	json_object_set_new(v, "details", json_boolean(details));
	if (rc == IPM_ENOTFOUND) {
		json_object_set_new(v, "none", json_true());
		rc = IPM_OK;
	} else {
		const json_t *d = pv.doc;
		json_t *p = json_object();
		const char *cal = json_string_value(json_object_get(d, "calibration"));
		json_object_set_new(p, "calibrated",
				    json_boolean(cal && !strcmp(cal, "gekalibreerd")));
		struct buf b = BUF_INIT;
		buf_printf(&b, "%s %s", pv.r.pack_id, pv.r.pack_version);
		web_view_set(p, "model", b.data);
		buf_free(&b);
		web_view_set(p, "as_of", json_string_value(json_object_get(d, "as_of")));
		/* "25-50" reads as a range: an en dash, and a percent sign. */
		const char *band = json_string_value(json_object_get(d, "band"));
		struct buf nice = BUF_INIT;
		for (const char *c = band; c && *c; c++)
			if (*c == '-')
				buf_puts(&nice, "–");
			else
				buf_putc(&nice, *c);
		if (band)
			buf_puts(&nice, " %");
		web_view_set(p, "band", band ? nice.data : NULL);
		buf_free(&nice);
		light(req, p, d, details);
		kritisch(req, p, d, pv.months);
		if (details) {
			web_view_set(p, "p6", client_page_percent(
						      req, json_number_value(json_object_get(d, "p6"))));
			web_view_set(p, "p12", client_page_percent(
						       req, json_number_value(json_object_get(d, "p12"))));
			client_page_number(req, p, "expected",
					   json_number_value(json_object_get(d, "months_expected")), 1);
			if ((rc = curve_chart(req, p, &pv))) {
				json_decref(p);
				json_decref(v);
				goto out;
			}
		}
		json_object_set_new(v, "p", p);
		explanation(req, v, &iv, d, cp.lang, details);
	}
	WEB_TEXTS(req, v, texts);
	rc = web_render(req, "prognosis", N_("Prognosis"), v);
out:
	prognosis_view_free(&pv);
	interview_free(&iv);
	return rc;
}

int page_prognosis_compute(struct web_request *req)
{
	struct client_page cp;
	struct prognosis_made pm;
	struct err e;
	int rc = client_page_open(req, PERM_DOSSIER_WRITE, "result", &cp);
	if (rc)
		return rc;
	rc = prognosis_for_client(req->store, &cp.who, req->app->data_dir, cp.id, cp.today, &pm,
				  &e);
	prognosis_made_free(&pm);
	/* No finished interview or no benefit start: the page says what is
	 * missing. */
	if (rc == IPM_ENOTFOUND || rc == IPM_EINVAL)
		return web_redirect(req, client_page_href(req, cp.id, "prognosis?cannot=1"));
	if (rc)
		return rc;
	return web_redirect(req, client_page_href(req, cp.id, "prognosis"));
}
