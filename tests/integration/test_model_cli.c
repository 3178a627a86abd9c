/* ipm synth | ipm model fit | validate | audit and ipm prognosis as a user
 * runs them, on the packs of data/packs: a synthetic population of 5,000
 * clients from the default model, fitted, written as a new model version
 * that passes ipm pack check and then predicts "gekalibreerd", validated
 * (AUC above 0.6: the population is drawn from the model itself), audited;
 * bad files exit 2 naming row and column or the JSON field. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/fs.h"
#include "support/proc.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct fixture {
	char *dir;
	struct buf pp, fitted, ratings;
};

static void write_file(const char *path, const char *text)
{
	struct err e;
	assert_int_equal(fs_write_atomic(path, text, strlen(text), &e), IPM_OK);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	f->dir = test_tmpdir();
	buf_printf(&f->pp, "%s/pp.csv", f->dir);
	buf_printf(&f->fitted, "%s/fitted.json", f->dir);
	buf_printf(&f->ratings, "%s/ratings.json", f->dir);
	struct buf err = BUF_INIT;
	const char *args[] = { "synth", "--n", "5000", "--seed", "1", "--data", "data", "--out",
			       f->pp.data, NULL };
	assert_int_equal(test_run_ipm(NULL, &err, args), 0);
	/* Labelled synthetic where a person reads it. */
	assert_non_null(strstr(err.data, "synthetic data, model ipm-model-default 1.0.0, seed 1"));
	buf_free(&err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	test_rmdir_all(f->dir);
	free(f->dir);
	buf_free(&f->pp);
	buf_free(&f->fitted);
	buf_free(&f->ratings);
	free(f);
	return 0;
}

static void synth_is_deterministic(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, file = BUF_INIT;
	struct err e;
	const char *args[] = { "synth", "--n", "5000", "--seed", "1", "--data", "data", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_int_equal(fs_read_file(f->pp.data, &file, &e), IPM_OK);
	assert_string_equal(out.data, file.data);
	assert_int_equal(strncmp(out.data, "client,period,event,gezondheid,", 31), 0);
	assert_non_null(strstr(out.data, ",audit_sex,audit_age_band,audit_migration\n"));
	buf_free(&out);
	buf_free(&file);
}

/* Synthetic answers are what `ipm score` reads: one row per client, every
 * respondent scored; an unknown questionnaire fails before any file exists. */
static void synth_answers_are_scored(void **state)
{
	struct fixture *f = *state;
	struct buf pp = BUF_INIT, answers = BUF_INIT, out = BUF_INIT, err = BUF_INIT;
	buf_printf(&pp, "%s/pp-answers.csv", f->dir);
	buf_printf(&answers, "%s/answers.csv", f->dir);
	const char *bad[] = { "synth", "--n", "50", "--seed", "2", "--data", "data", "--out", pp.data,
			      "--answers", "geen-vragenlijst", "--answers-out", answers.data, NULL };
	assert_int_equal(test_run_ipm(NULL, &err, bad), 2);
	assert_non_null(strstr(err.data, "geen-vragenlijst"));
	assert_false(fs_exists(pp.data));
	assert_false(fs_exists(answers.data));

	const char *good[] = { "synth", "--n", "50", "--seed", "2", "--data", "data", "--out",
			       pp.data, "--answers", "ipip-neo-120", "--answers-out", answers.data,
			       NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, good), 0);
	const char *score[] = { "score", "--pack", "ipip-neo-120", "--answers", answers.data,
				"--data", "data", "--format", "csv", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, score), 0);
	size_t lines = 0;
	for (const char *c = out.data; *c; c++)
		lines += *c == '\n';
	assert_int_equal(lines, 51); /* header + 50 respondents */
	buf_free(&pp);
	buf_free(&answers);
	buf_free(&out);
	buf_free(&err);
}

static void fit_writes_a_new_version(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT, err = BUF_INIT;
	const char *fit[] = { "model", "fit", "--data", f->pp.data, "--data-dir", "data",
			      "--out", f->fitted.data, "--date", "2025-01-31", NULL };
	assert_int_equal(test_run_ipm(&out, &err, fit), 0);
	assert_non_null(strstr(out.data, "converged in "));
	assert_non_null(strstr(out.data, "\n37+ "));
	assert_non_null(strstr(out.data, "\ntaalniveau "));
	assert_non_null(strstr(out.data, "95 % CI"));
	assert_non_null(strstr(out.data, "wrote "));
	const char *check[] = { "pack", "check", f->fitted.data, NULL };
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, NULL, check), 0);
	assert_non_null(strstr(out.data, ": ok (model ipm-model-default 1.1.0"));

	json_t *doc = json_load_file(f->fitted.data, 0, NULL);
	assert_non_null(doc);
	assert_true(json_is_true(json_object_get(doc, "calibrated")));
	assert_string_equal(json_string_value(json_object_get(
				    json_object_get(doc, "fitted_on"), "date")), "2025-01-31");
	assert_int_equal(json_array_size(json_object_get(doc, "baseline_hazard")), 60);
	json_t *c0 = json_array_get(json_object_get(doc, "coefficients"), 0);
	assert_non_null(strstr(json_string_value(json_object_get(c0, "source")),
			       " person-periods, 2025-01-31"));
	assert_int_equal(strncmp(json_string_value(json_object_get(c0, "uncertainty")), "SE ", 3),
			 0);
	json_decref(doc);

	/* Installed beside its catalogue, the fitted version predicts as calibrated. */
	struct buf dir = BUF_INIT, path = BUF_INIT, text = BUF_INIT;
	struct err e;
	buf_printf(&dir, "%s/data", f->dir);
	assert_int_equal(mkdir(dir.data, 0700), 0);
	buf_printf(&path, "%s/packs", dir.data);
	assert_int_equal(mkdir(path.data, 0700), 0);
	buf_puts(&path, "/ipm-factors.json");
	assert_int_equal(fs_read_file("data/packs/ipm-factors.json", &text, &e), IPM_OK);
	write_file(path.data, text.data);
	buf_reset(&path);
	buf_reset(&text);
	buf_printf(&path, "%s/packs/fitted.json", dir.data);
	assert_int_equal(fs_read_file(f->fitted.data, &text, &e), IPM_OK);
	write_file(path.data, text.data);
	write_file(f->ratings.data, "{\"months_unemployed\": 3, \"ratings\": {}}");
	const char *prog[] = { "prognosis", "--data", dir.data, "--ratings", f->ratings.data, NULL };
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, NULL, prog), 0);
	assert_non_null(strstr(out.data, "\"version\":\"1.1.0\""));
	assert_non_null(strstr(out.data, "\"calibration\":\"gekalibreerd\""));
	buf_free(&dir);
	buf_free(&path);
	buf_free(&text);
	buf_free(&out);
	buf_free(&err);
}

/* The number after `label` on the line that starts with `line`. */
static double column(const char *text, const char *line, int index)
{
	const char *p = strstr(text, line);
	assert_non_null(p);
	p += strlen(line);
	double v = 0;
	for (int i = 0; i <= index; i++) {
		char *end;
		v = strtod(p, &end);
		assert_true(end != p);
		p = end;
	}
	return v;
}

static void validate_prints_the_measures(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT;
	const char *args[] = { "model", "validate", "--data", f->pp.data, "--data-dir", "data",
			       NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_non_null(strstr(out.data, "AUC"));
	assert_non_null(strstr(out.data, "Brier"));
	assert_non_null(strstr(out.data, "cal.slope"));
	assert_non_null(strstr(out.data, "calibration by decile of p, 12 months:"));
	/* clients, censored, work, AUC, Brier, slope */
	double auc12 = column(out.data, "\n12 months", 3);
	double slope = column(out.data, "\n12 months", 5);
	assert_true(auc12 > 0.6 && auc12 < 1);
	assert_true(slope > 0.8 && slope < 1.2);
	assert_true(column(out.data, "\n 6 months", 3) > 0.6);

	const char *kfold[] = { "model", "validate", "--data", f->pp.data, "--data-dir", "data",
				"--fit", "--folds", "2", "--seed", "3", NULL };
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, NULL, kfold), 0);
	assert_non_null(strstr(out.data, "2-fold cross-validation by client (seed 3)"));
	assert_true(column(out.data, "\n12 months", 3) > 0.6);
	buf_free(&out);
}

static void audit_prints_every_group(void **state)
{
	struct fixture *f = *state;
	struct buf out = BUF_INIT;
	const char *args[] = { "model", "audit", "--data", f->pp.data, "--data-dir", "data", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	assert_non_null(strstr(out.data, "FPR"));
	assert_non_null(strstr(out.data, "\nsex          m "));
	assert_non_null(strstr(out.data, "\nage_band     50-67 "));
	assert_non_null(strstr(out.data, "\nmigration    ja "));
	buf_free(&out);
}

static void prognosis_has_every_field(void **state)
{
	struct fixture *f = *state;
	write_file(f->ratings.data, "{\"months_unemployed\": 7, \"age\": 52, \"ratings\": "
				    "{\"taalniveau\": -1, \"gezondheid\": -2, \"motivatie\": 1, "
				    "\"discriminatierisico\": -1, \"netwerk\": null}}");
	struct buf out = BUF_INIT;
	const char *args[] = { "prognosis", "--data", "data", "--ratings", f->ratings.data,
			       "--lang", "en", NULL };
	assert_int_equal(test_run_ipm(&out, NULL, args), 0);
	json_error_t je;
	json_t *doc = json_loads(out.data, 0, &je);
	assert_non_null(doc);
	static const char *const fields[] = {
		"model", "calibration", "months_unemployed", "p6", "p12", "months_expected",
		"months_median", "kritisch_moment", "band", "light", "lp", "contributions",
		"domains", "top", "missing",
	};
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
		assert_non_null(json_object_get(doc, fields[i]));
	assert_string_equal(json_string_value(json_object_get(doc, "calibration")),
			    "niet gekalibreerd");
	assert_string_equal(json_string_value(json_object_get(json_object_get(doc, "model"), "id")),
			    "ipm-model-default");
	double p6 = json_real_value(json_object_get(doc, "p6"));
	double p12 = json_real_value(json_object_get(doc, "p12"));
	assert_true(p6 > 0 && p6 < p12 && p12 < 1);
	json_t *contrib = json_object_get(doc, "contributions");
	assert_true(json_array_size(contrib) > 30);
	assert_non_null(json_object_get(json_array_get(contrib, 0), "p12"));
	assert_int_equal(json_array_size(json_object_get(doc, "top")), 3);
	assert_non_null(json_object_get(json_object_get(doc, "domains"), "omgeving"));
	json_decref(doc);

	/* --months overrides the file: a longer duration, a lower chance. */
	const char *later[] = { "prognosis", "--data", "data", "--ratings", f->ratings.data,
				"--months", "30", NULL };
	buf_reset(&out);
	assert_int_equal(test_run_ipm(&out, NULL, later), 0);
	doc = json_loads(out.data, 0, &je);
	assert_non_null(doc);
	assert_int_equal(json_integer_value(json_object_get(doc, "months_unemployed")), 30);
	assert_true(json_real_value(json_object_get(doc, "p12")) < p12);
	json_decref(doc);
	buf_free(&out);
}

static void bad_input_exits_2(void **state)
{
	struct fixture *f = *state;
	struct buf err = BUF_INIT, path = BUF_INIT, text = BUF_INIT;
	struct err e;
	/* The synthetic file with its second row's period changed. */
	assert_int_equal(fs_read_file(f->pp.data, &text, &e), IPM_OK);
	char *row2 = strchr(text.data, '\n') + 1;
	char *row3 = strchr(row2, '\n') + 1;
	char *period = strchr(row3, ',') + 1;
	*period = *period == '9' ? '7' : '9';
	buf_printf(&path, "%s/bad.csv", f->dir);
	write_file(path.data, text.data);
	const char *fit[] = { "model", "fit", "--data", path.data, "--data-dir", "data", NULL };
	assert_int_equal(test_run_ipm(NULL, &err, fit), 2);
	assert_non_null(strstr(err.data, "bad.csv: row 3, column 2 (period): not consecutive "
					 "after row 2\n"));

	write_file(path.data, "client,period,event,taalniveau\n1,1,0,0\n");
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, fit), 2);
	assert_non_null(strstr(err.data, "bad.csv: row 1: no column for feature gezondheid of "
					 "ipm-model-default@1.0.0\n"));

	write_file(f->ratings.data, "{\"months_unemployed\": 7, \"ratings\": {\"taalniveau\": 3}}");
	const char *prog[] = { "prognosis", "--data", "data", "--ratings", f->ratings.data, NULL };
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, prog), 2);
	assert_non_null(strstr(err.data, "$.ratings.taalniveau: expected a whole number from -2 "
					 "to 2, or null\n"));
	write_file(f->ratings.data, "{\"months_unemployed\": 7, \"ratings\": {\"typo\": 1}}");
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, prog), 2);
	assert_non_null(strstr(err.data, "$.ratings.typo: unknown factor (not in the catalogue "
					 "ipm-factors)\n"));

	const char *n0[] = { "synth", "--n", "0", "--seed", "1", NULL };
	buf_reset(&err);
	assert_int_equal(test_run_ipm(NULL, &err, n0), 2);
	assert_non_null(strstr(err.data, "--n: expected a whole number from 1 to 10000000"));
	const char *extra[] = { "model", "audit", "--data", f->pp.data, "--fit", NULL };
	assert_int_equal(test_run_ipm(NULL, NULL, extra), 2);
	buf_free(&err);
	buf_free(&path);
	buf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(synth_is_deterministic),
		cmocka_unit_test(synth_answers_are_scored),
		cmocka_unit_test(fit_writes_a_new_version),
		cmocka_unit_test(validate_prints_the_measures),
		cmocka_unit_test(audit_prints_every_group),
		cmocka_unit_test(prognosis_has_every_field),
		cmocka_unit_test(bad_input_exits_2),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
