/* libFuzzer target for the person-period parser (services/person_period_csv.h)
 * and what runs on what it accepts: any bytes must end in a clean IPM_EINVAL
 * with messages that fit, or in a table that the validation's own grouping
 * accepts, that writes back to CSV and parses again to the same rows. The
 * model is built in code so the target needs no pack files: two factor
 * features and one client attribute. */
#include "engine/validate.h"
#include "services/person_period_csv.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct prog_model *model(void)
{
	static struct prog_model m;
	static struct prog_feature f[3];
	static const double h0[2] = { 0.1, 0.05 };
	static bool ready;
	if (ready)
		return &m;
	f[0] = (struct prog_feature){ .id = "taal", .kind = PROG_FACTOR, .ref = "taalniveau",
				      .client = PROG_CLIENT_NONE, .beta = 0.2, .min = -2, .max = 2 };
	f[1] = (struct prog_feature){ .id = "gezondheid", .kind = PROG_FACTOR, .ref = "gezondheid",
				      .client = PROG_CLIENT_NONE, .beta = 0.1, .min = -2, .max = 2 };
	f[2] = (struct prog_feature){ .id = "age_50_plus", .kind = PROG_CLIENT,
				      .ref = "age_50_plus", .client = PROG_AGE_50_PLUS,
				      .beta = -0.4, .min = 0, .max = 1 };
	m = (struct prog_model){ .pack_id = "fuzz", .version = "1.0.0", .n_months = 2, .h0 = h0,
				 .n_features = 3, .features = f };
	struct err e;
	/* A model this file cannot prepare is a bug here, not a finding. */
	if (prog_model_prepare(&m, &e))
		__builtin_trap();
	ready = true;
	return &m;
}

static void same_tables(const struct pp_table *a, const struct pp_table *b)
{
	const struct pp_data *x = &a->d, *y = &b->d;
	if (x->rows != y->rows || x->n_features != y->n_features || a->n_audit != b->n_audit ||
	    a->n_clients != b->n_clients)
		__builtin_trap();
	for (size_t r = 0; r < x->rows; r++) {
		if (x->client[r] != y->client[r] || x->period[r] != y->period[r] ||
		    x->event[r] != y->event[r])
			__builtin_trap();
		for (size_t k = 0; k < x->n_features; k++)
			if (x->x[r * x->n_features + k] != y->x[r * y->n_features + k])
				__builtin_trap();
		for (size_t k = 0; k < a->n_audit; k++) {
			int32_t va = a->audit[k].value[r], vb = b->audit[k].value[r];
			if ((va < 0) != (vb < 0) ||
			    (va >= 0 && strcmp(a->audit[k].values[va], b->audit[k].values[vb])))
				__builtin_trap();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct prog_model *m = model();
	struct pp_table t = { 0 }, again = { 0 };
	struct buf msgs = BUF_INIT, out = BUF_INIT;
	struct err e = { 0 };
	struct arena a = ARENA_INIT;
	int rc = pp_csv_parse(m, "fuzz.csv", (const char *)data, size, &t, &msgs, &e);
	if (rc != IPM_OK) {
		/* Refused: a message that fits, lines for the user, nothing kept. */
		if (rc != IPM_EINVAL || memchr(e.msg, '\0', sizeof e.msg) == NULL || !e.msg[0] ||
		    msgs.len == 0 || t.d.rows)
			__builtin_trap();
		goto out;
	}
	if (t.d.rows == 0 || t.d.n_features != m->n_features)
		__builtin_trap();
	/* What the parser accepts, the validation's grouping accepts too. */
	struct val_clients cs;
	if (val_clients(&t.d, &a, &cs, &e) != IPM_OK || cs.n != t.n_clients)
		__builtin_trap();
	pp_csv_header(&out, &t);
	pp_csv_rows(&out, &t, 0, t.d.rows);
	if (pp_csv_parse(m, "again.csv", out.data, out.len, &again, NULL, &e) != IPM_OK)
		__builtin_trap();
	same_tables(&t, &again);
out:
	arena_free(&a);
	pp_table_free(&t);
	pp_table_free(&again);
	buf_free(&msgs);
	buf_free(&out);
	return 0;
}
