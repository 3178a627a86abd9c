#include "engine/synth.h"
#include "engine/synth_rng.h"

#include <math.h>
#include <string.h>

const char *const synth_audit_names[SYNTH_AUDIT] = { "sex", "age_band", "migration" };

/* The values of each audit attribute, in the order their indices use. */
enum { AUDIT_SEX, AUDIT_AGE_BAND, AUDIT_MIGRATION };
static const char *const audit_values[SYNTH_AUDIT][3] = {
	{ "m", "v", NULL },
	{ "18-26", "27-49", "50-67" },
	{ "nee", "ja", NULL },
};

const char *synth_audit_value(size_t attribute, int32_t index)
{
	if (attribute >= SYNTH_AUDIT || index < 0 || index > 2)
		return NULL;
	return audit_values[attribute][index];
}

/* The known model of the population (docs/synth.md explains each choice). */
#define LOADING 0.4          /* of every factor rating on the latent distance to work */
#define MIGRATION_P 0.25     /* share with a migration background */
#define MIGRATION_TAAL -0.8  /* shift of the latent language rating with one */
#define AGE_MIN 18
#define AGE_MAX 67

/* Cut points of a standard normal into ratings −2..2 with shares
 * 10/20/40/20/10 %: Φ⁻¹(0.1), Φ⁻¹(0.3), Φ⁻¹(0.7), Φ⁻¹(0.9). */
static const double cuts[4] = { -1.2815515655446004, -0.5244005127080407,
				0.5244005127080407, 1.2815515655446004 };

static double rating(double latent)
{
	double v = -2;
	for (int k = 0; k < 4; k++)
		v += latent >= cuts[k];
	return v;
}

static struct synth_opts defaults(const struct synth_opts *o)
{
	struct synth_opts d = *o;
	if (!d.entry_max)
		d.entry_max = SYNTH_ENTRY_MAX;
	if (!d.follow_up)
		d.follow_up = SYNTH_FOLLOW_UP;
	return d;
}

static void draw_client(const struct prog_model *m, const struct synth_opts *o, struct synth_rng *r,
			struct synth_client *c)
{
	memset(c, 0, sizeof *c);
	/* Drawn in a fixed order, each from the client's stream, so a change
	 * to one model's features does not shift the others' draws. */
	double closeness = synth_normal(r); /* the latent distance to work, sign: closer = higher */
	c->closeness = closeness;
	c->entry = (int)(synth_uniform(r) * (o->entry_max + 1));
	c->age = AGE_MIN + (int)(synth_uniform(r) * (AGE_MAX - AGE_MIN + 1));
	c->audit[AUDIT_SEX] = synth_uniform(r) < 0.5 ? 0 : 1;
	c->audit[AUDIT_MIGRATION] = synth_uniform(r) < MIGRATION_P ? 1 : 0;
	c->audit[AUDIT_AGE_BAND] = c->age < 27 ? 0 : c->age < 50 ? 1 : 2;
	for (size_t k = 0; k < m->n_features; k++) {
		const struct prog_feature *f = &m->features[k];
		/* One draw per feature whatever its kind, for the same reason. */
		double own = synth_normal(r);
		if (f->kind == PROG_CLIENT) {
			if (f->client == PROG_AGE_50_PLUS)
				c->x[k] = c->age >= 50;
			else if (f->client == PROG_AGE_UNDER_27)
				c->x[k] = c->age < 27;
			continue;
		}
		double latent = LOADING * closeness + sqrt(1 - LOADING * LOADING) * own;
		if (c->audit[AUDIT_MIGRATION] && f->ref && strcmp(f->ref, "taalniveau") == 0)
			latent += MIGRATION_TAAL;
		double v = rating(latent);
		c->x[k] = v < f->min ? f->min : v > f->max ? f->max : v;
	}
	/* Ages are uniform, so a clamped-at-bounds client feature is exact;
	 * ratings keep within the feature's own range when it is narrower. */
}

void synth_client(const struct prog_model *truth, const struct synth_opts *o, size_t i,
		  struct synth_client *out)
{
	struct synth_opts d = defaults(o);
	struct synth_rng r;
	synth_seed(&r, d.seed, i);
	draw_client(truth, &d, &r, out);
}

/* Months observed for the client (≥ 1), the last with the event or not.
 * The outcome uniforms come after the client's own draws in its stream. */
static int simulate(const struct prog_model *m, const struct synth_opts *o, struct synth_rng *r,
		    const struct synth_client *c, int *event)
{
	double lp = 0;
	for (size_t k = 0; k < m->n_features; k++)
		lp += m->features[k].beta * c->x[k];
	for (int k = 1; k <= o->follow_up; k++) {
		if (synth_uniform(r) < prog_hazard(m, c->entry + k, lp)) {
			*event = 1;
			return k;
		}
	}
	*event = 0;
	return o->follow_up;
}

/* Client i and its outcome from the client's own stream (o with defaults). */
static int with_outcome(const struct prog_model *m, const struct synth_opts *o, size_t i,
			struct synth_client *c, int *event)
{
	struct synth_rng r;
	synth_seed(&r, o->seed, i);
	draw_client(m, o, &r, c);
	return simulate(m, o, &r, c, event);
}

int synth_client_outcome(const struct prog_model *truth, const struct synth_opts *o, size_t i,
			 struct synth_client *out, int *event)
{
	struct synth_opts d = defaults(o);
	return with_outcome(truth, &d, i, out, event);
}

static int check_opts(const struct synth_opts *o, struct err *e)
{
	if (o->n < 1 || o->n > SYNTH_MAX_CLIENTS)
		return err_set(e, IPM_EINVAL, "n: expected 1 to %d clients", SYNTH_MAX_CLIENTS);
	if (o->entry_max < 0 || o->entry_max > 120)
		return err_set(e, IPM_EINVAL, "entry_max: expected 0 to 120 months");
	if (o->follow_up < 1 || o->follow_up > 120)
		return err_set(e, IPM_EINVAL, "follow_up: expected 1 to 120 months");
	return IPM_OK;
}

int synth_population(const struct prog_model *truth, const struct synth_opts *o,
		     struct pp_table *out, struct err *e)
{
	struct synth_opts d = defaults(o);
	int rc = check_opts(&d, e);
	if (rc)
		return rc;
	const char *ids[PROG_FEATURES_MAX];
	for (size_t k = 0; k < truth->n_features; k++)
		ids[k] = truth->features[k].id;
	struct pp_table t;
	pp_table_init(&t, truth->n_features, ids, SYNTH_AUDIT, synth_audit_names);
	for (size_t a = 0; a < SYNTH_AUDIT; a++)
		for (size_t v = 0; v < 3 && audit_values[a][v]; v++)
			pp_table_audit_value(&t, a, audit_values[a][v], strlen(audit_values[a][v]));

	/* Two passes over the same streams: the first counts the rows, so the
	 * arrays are allocated once at their exact size (a million clients
	 * make ~10 million rows; doubling would hold twice that). */
	struct synth_client c;
	size_t rows = 0;
	for (size_t i = 0; i < d.n; i++) {
		int event;
		rows += (size_t)with_outcome(truth, &d, i, &c, &event);
	}
	pp_table_reserve(&t, rows);
	size_t p = truth->n_features;
	for (size_t i = 0; i < d.n; i++) {
		int event, months = with_outcome(truth, &d, i, &c, &event);
		for (int k = 1; k <= months; k++) {
			double *x = pp_table_add(&t, (int32_t)(i + 1), c.entry + k,
						 (uint8_t)(k == months && event));
			memcpy(x, c.x, p * sizeof *x);
			for (size_t a = 0; a < SYNTH_AUDIT; a++)
				t.audit[a].value[t.d.rows - 1] = c.audit[a];
		}
	}
	*out = t;
	return IPM_OK;
}
