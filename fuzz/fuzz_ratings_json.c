/* libFuzzer target for the ratings file of ipm prognosis
 * (services/ratings_json.h) and the prognosis of what it accepts: any bytes
 * end in a clean IPM_EINVAL with a message, or in an input that prog_predict
 * accepts and whose JSON result parses. The model is built in code: two
 * factors and both client attributes. */
#include "core/buf.h"
#include "services/prognosis_json.h"
#include "services/ratings_json.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct prog_model *model(void)
{
	static struct prog_model m;
	static struct prog_feature f[4];
	static const double h0[3] = { 0.1, 0.05, 0.02 };
	static bool ready;
	if (ready)
		return &m;
	f[0] = (struct prog_feature){ .id = "taal", .kind = PROG_FACTOR, .ref = "taalniveau",
				      .client = PROG_CLIENT_NONE, .beta = 0.2, .min = -2, .max = 2,
				      .influence = PROG_INTERN, .domain = PROG_PERSOON };
	f[1] = (struct prog_feature){ .id = "schulden", .kind = PROG_FACTOR, .ref = "schulden",
				      .client = PROG_CLIENT_NONE, .beta = 0.1, .min = -2, .max = 2,
				      .influence = PROG_EXTERN, .domain = PROG_OMGEVING };
	f[2] = (struct prog_feature){ .id = "age_50_plus", .kind = PROG_CLIENT,
				      .ref = "age_50_plus", .client = PROG_AGE_50_PLUS,
				      .beta = -0.4, .max = 1, .influence = PROG_NIET,
				      .domain = PROG_DOMAIN_NONE };
	f[3] = (struct prog_feature){ .id = "age_under_27", .kind = PROG_CLIENT,
				      .ref = "age_under_27", .client = PROG_AGE_UNDER_27,
				      .beta = 0.2, .max = 1, .influence = PROG_NIET,
				      .domain = PROG_DOMAIN_NONE };
	m = (struct prog_model){ .pack_id = "fuzz", .version = "1.0.0", .factors_pack = "fuzz-f",
				 .n_months = 3, .h0 = h0, .n_features = 4, .features = f };
	struct err e;
	if (prog_model_prepare(&m, &e))
		__builtin_trap();
	ready = true;
	return &m;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct prog_model *m = model();
	struct prog_input in;
	struct prog_result r;
	struct err e = { 0 };
	struct buf out = BUF_INIT;
	int rc = ratings_json_parse("fuzz.json", (const char *)data, size, m, NULL, &in, &e);
	if (rc != IPM_OK) {
		if (rc != IPM_EINVAL || memchr(e.msg, '\0', sizeof e.msg) == NULL || !e.msg[0])
			__builtin_trap();
		return 0;
	}
	/* Accepted ratings are ones the engine accepts too. */
	if (prog_predict(m, &in, NULL, &r, &e) != IPM_OK)
		__builtin_trap();
	prognosis_json_write(&out, m, in.months, &r, Q_EN);
	json_t *doc = json_loadb(out.data, out.len, 0, NULL);
	if (!doc)
		__builtin_trap();
	json_decref(doc);
	buf_free(&out);
	return 0;
}
