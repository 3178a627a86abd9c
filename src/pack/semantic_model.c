#include "pack/semantic.h"

#include <ctype.h>
#include <string.h>

/* Personal characteristics the prognosis must not use (docs/packs.md,
 * DOMAIN §4: fairness, AVG art. 9 and 22). They may appear in
 * audit_attributes, to test the model for unequal error rates. Matched as
 * whole words of an id, in English and Dutch. */
static const char *const forbidden[] = {
	"sex",           "gender",        "geslacht",
	"ethnicity",     "ethnic",        "etniciteit",    "race",
	"nationality",   "nationaliteit", "citizenship",
	"migration_background", "migratieachtergrond", "migrant",
	"country_of_birth",     "geboorteland",        "birth_country",
};

/* "_word_" inside "_id_" with '.' and '-' read as '_', ignoring case. */
static const char *forbidden_word(const char *id)
{
	struct buf norm = BUF_INIT;
	const char *hit = NULL;
	buf_putc(&norm, '_');
	for (const char *p = id; *p; p++)
		buf_putc(&norm, (*p == '.' || *p == '-') ? '_' : (char)tolower((unsigned char)*p));
	buf_putc(&norm, '_');
	for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0] && !hit; i++) {
		struct buf word = BUF_INIT;
		buf_printf(&word, "_%s_", forbidden[i]);
		if (strstr(buf_str(&norm), buf_str(&word)))
			hit = forbidden[i];
		buf_free(&word);
	}
	buf_free(&norm);
	return hit;
}

static void check_predictor(struct sem *s, const json_t *feature, const char *field)
{
	const char *id = json_string_value(json_object_get(feature, "id"));
	const char *word = forbidden_word(json_string_value(json_object_get(feature, field)));
	if (!word)
		return;
	size_t mark = jpath_push_key(&s->path, field);
	sem_error(s, "feature \"%s\" uses \"%s\", a forbidden predictor: sex, ethnicity, "
		  "nationality and migration background may only be audit_attributes", id, word);
	jpath_pop(&s->path, mark);
}

struct m {
	json_t *coefficients; /* feature id -> path of its coefficient */
};

static void check_feature(struct sem *s, size_t i, const json_t *feature, void *ctx)
{
	struct m *m = ctx;
	(void)i;
	check_predictor(s, feature, "id");
	check_predictor(s, feature, "ref");
	const char *id = json_string_value(json_object_get(feature, "id"));
	if (!json_object_get(m->coefficients, id))
		sem_error(s, "feature \"%s\" has no coefficient", id);
}

static void check_coefficient(struct sem *s, size_t i, const json_t *coef, void *features)
{
	(void)i;
	sem_ref(s, features, coef, "feature", "feature");
}

void semantic_model(struct sem *s)
{
	struct m m;
	json_t *features = sem_index(s, s->doc, "features", "id");
	m.coefficients = sem_index(s, s->doc, "coefficients", "feature");
	sem_each(s, s->doc, "features", check_feature, &m);
	sem_each(s, s->doc, "coefficients", check_coefficient, features);
	/* A calibrated model must say what it was fitted on: that is what
	 * "gekalibreerd" on a prognosis promises. */
	if (json_is_true(json_object_get(s->doc, "calibrated")) &&
	    !json_object_get(s->doc, "fitted_on"))
		sem_error(s, "missing required property \"fitted_on\" (calibrated is true)");
	/* Terciles: the light has no oranje band when the cut-offs cross. */
	const json_t *pop = json_object_get(s->doc, "population_p12");
	if (pop && json_number_value(json_object_get(pop, "lower")) >
		   json_number_value(json_object_get(pop, "upper"))) {
		size_t mark = jpath_push_key(&s->path, "population_p12");
		sem_error(s, "lower is above upper");
		jpath_pop(&s->path, mark);
	}
	json_decref(m.coefficients);
	json_decref(features);
}
