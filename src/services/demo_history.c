/* The demo's synthetic history (docs/synth.md, "In the demo"): past clients
 * of the demo organisation drawn by the synthetic population from the
 * default model, each with a client record, a factor assessment completed
 * on their entry day two years ago and, when they found work within the
 * follow-up, a 'werk' outcome. It gives `ipm model fit --db` and
 * `ipm model validate` outcomes to learn from and the organisation's
 * traffic-light terciles enough clients. Every such client is labelled:
 * reference SYN-NNNN, name "Synthetisch NNNN", created by the system (no
 * user's caseload). */
#include "core/date.h"
#include "engine/synth.h"
#include "services/demo.h"
#include "services/model_set.h"

#include <string.h>

struct history {
	const struct store_actor *who;
	int64_t org;
	const struct prog_model *m;
	const char *factors_version;
	struct synth_opts o;
	struct date month; /* entry days are 1..month.d of this month */
	struct buf ref, family, birth, benefit, entry, work;
};

static void put_date(struct buf *b, struct date d)
{
	buf_reset(b);
	buf_printf(b, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* Whole months earlier or later, the day kept (every day here is ≤ 28). */
static struct date plus_months(struct date d, int months)
{
	int m = d.y * 12 + (d.m - 1) + months;
	return (struct date){ m / 12, m % 12 + 1, d.d };
}

static const char *const rating_text[5] = { "-2", "-1", "0", "1", "2" };

/* One synthetic client. Days within a month vary with i only so that not
 * everyone shares a birthday; whole months are what the model sees, and
 * they are exact: duration at entry c.entry, age c.age, work in month k
 * after entry when the synthetic outcome says so. */
static int history_client(struct store *s, struct history *h, size_t i, struct err *e)
{
	struct synth_client c;
	int event, months = synth_client_outcome(h->m, &h->o, i, &c, &event);
	struct date entry = { h->month.y, h->month.m, 1 + (int)(i % (size_t)h->month.d) };
	/* c.age whole years before entry, less up to 364 days. */
	struct date birth = date_from_days(date_days(plus_months(entry, -12 * c.age)) -
					   (int32_t)(i * 37 % 365));
	buf_reset(&h->ref);
	buf_printf(&h->ref, DEMO_HISTORY_PREFIX "%04zu", i + 1);
	buf_reset(&h->family);
	buf_printf(&h->family, "%04zu", i + 1);
	put_date(&h->birth, birth);
	put_date(&h->benefit, plus_months(entry, -c.entry));
	put_date(&h->entry, entry);
	struct store_client sc = {
		.org_id = h->org, .reference = buf_str(&h->ref), .given_name = "Synthetisch",
		.family_name = buf_str(&h->family), .birth_date = buf_str(&h->birth),
		.sex = synth_audit_value(0, c.audit[0]), .city = "Voorbeeldstad",
		.gemeente = "Voorbeeldstad", .benefit_type = "participatiewet",
		.benefit_start = buf_str(&h->benefit), .route_step = event ? "nazorg" : "traject",
	};
	struct store_rating r[PROG_FEATURES_MAX];
	size_t n = 0;
	for (size_t k = 0; k < h->m->n_features; k++)
		if (h->m->features[k].kind == PROG_FACTOR)
			r[n++] = (struct store_rating){ h->m->features[k].ref,
							rating_text[(int)c.x[k] + 2] };
	int64_t id;
	int rc = store_client_create(s, h->who, &sc, &id, e);
	if (rc == IPM_OK)
		rc = store_assessment_import(s, h->who, id, h->m->factors_pack, h->factors_version,
					     "professional", buf_str(&h->entry), n, r, NULL, e);
	if (rc != IPM_OK || !event)
		return rc;
	/* Work in month `months` after entry: that many whole months less one
	 * from entry, a few days on (still before the next whole month). */
	struct date start = plus_months(entry, months - 1);
	start.d += (int)(i % (size_t)(29 - start.d));
	put_date(&h->work, start);
	struct store_outcome o = { .client_id = id, .outcome = "werk",
				   .start_date = buf_str(&h->work), .durable_6m = -1,
				   .durable_12m = -1 };
	return store_outcome_record(s, h->who, &o, NULL, e);
}

/* Whether the default model and its catalogue are registered (ipm init
 * registered the data directory's packs just before): without them there
 * is nothing to draw from, as demo_dossiers skips the ratings. */
static int count_version(void *ctx, const char *version, const char *content, size_t len,
			 struct err *e)
{
	(void)version, (void)content, (void)len, (void)e;
	++*(size_t *)ctx;
	return IPM_OK;
}

int demo_history(struct store *s, int64_t org, const char *today, int *added, struct err *e)
{
	static const struct store_actor system = { 0 }; /* in no user's caseload */
	struct model_set ms = { 0 };
	struct history h = { .who = &system, .org = org,
			     .o = { .n = DEMO_HISTORY_CLIENTS, .seed = DEMO_HISTORY_SEED } };
	struct date day;
	size_t versions = 0;
	*added = 0;
	if (!today || !date_parse(today, &day))
		return err_set(e, IPM_EINVAL, "demo history: today: expected a date YYYY-MM-DD");
	int rc = store_pack_versions_each(s, MODEL_DEFAULT, count_version, &versions, e);
	if (rc != IPM_OK || !versions)
		return rc;
	if ((rc = model_set_from_store(s, MODEL_DEFAULT, &ms, e)) != IPM_OK)
		goto out;
	if (!ms.factors || !ms.m->factors_pack)
		goto out;
	h.m = ms.m;
	h.factors_version = ms.factors->version;
	/* Entry in the month that ends 24 whole months before today
	 * (SYNTH_FOLLOW_UP): a client without work is then censored today,
	 * as pp_from_store censors, exactly when the synthetic follow-up ends. */
	h.month = plus_months((struct date){ day.y, day.m, day.d > 28 ? 28 : day.d },
			      -SYNTH_FOLLOW_UP);
	for (size_t i = 0; i < h.o.n && rc == IPM_OK; i++)
		rc = history_client(s, &h, i, e);
	if (rc == IPM_OK)
		*added = (int)h.o.n;
out:
	buf_free(&h.ref);
	buf_free(&h.family);
	buf_free(&h.birth);
	buf_free(&h.benefit);
	buf_free(&h.entry);
	buf_free(&h.work);
	model_set_free(&ms);
	return rc;
}
