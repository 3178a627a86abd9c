#include "pack/career_build.h"
#include "pack/codes_build.h"

int career_stages_from_pack(const struct pack *p, struct arena *a, struct career_stages *out,
			    struct err *e)
{
	int rc = pack_expect_taxonomy(p, e);
	if (rc)
		return rc;
	const json_t *terms = json_object_get(p->doc, "terms");
	size_t n = json_array_size(terms);
	/* The taxonomy checks made siblings all ranged or none, consecutive,
	 * only the last open: what is left is whether they cover 0 to any age. */
	const json_t *first = json_object_get(json_array_get(terms, 0), "range");
	const json_t *last = json_object_get(json_array_get(terms, n - 1), "range");
	if (!first)
		return err_set(e, IPM_EINVAL,
			       "%s: $.terms[0]: missing \"range\" (a career stage needs its ages)",
			       p->source_name);
	if (json_integer_value(json_object_get(first, "from")) != 0)
		return err_set(e, IPM_EINVAL,
			       "%s: $.terms[0].range.from: expected 0 (every age needs a stage)",
			       p->source_name);
	if (json_object_get(last, "to"))
		return err_set(e, IPM_EINVAL,
			       "%s: $.terms[%zu].range.to: expected none, the last stage is "
			       "open-ended (every age needs a stage)",
			       p->source_name, n - 1);

	struct career_stage *v = arena_array(a, n, sizeof *v);
	for (size_t i = 0; i < n; i++) {
		const json_t *term = json_array_get(terms, i);
		const json_t *range = json_object_get(term, "range");
		const json_t *to = json_object_get(range, "to");
		v[i] = (struct career_stage){
			.code = arena_strdup(a, json_string_value(json_object_get(term, "code"))),
			.label_nl = pack_term_label(term, "nl", a),
			.label_en = pack_term_label(term, "en", a),
			.label_de = pack_term_label(term, "de", a),
			/* The schema bounds ranges to 0..1000000, so they fit an int. */
			.from = (int)json_integer_value(json_object_get(range, "from")),
			.to = to ? (int)json_integer_value(to) : -1,
		};
	}
	*out = (struct career_stages){ .pack = arena_strdup(a, p->id), .v = v, .n = n };
	return IPM_OK;
}
