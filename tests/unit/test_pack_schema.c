/* The schema validator on schemas written here, for the keywords and
 * corners that the shipped schemas do not reach, and the check that keeps
 * the shipped schemas within the supported subset. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/json.h"
#include "pack/diag.h"
#include "pack/schema.h"

#include <string.h>

static json_t *parse(const char *text)
{
	json_error_t je;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &je);
	if (!v)
		fail_msg("%s: %s", text, je.text);
	return v;
}

/* Validates `doc` against `schema`; the diagnostics must read `want`
 * (each line ending in "\n"; "" for none). */
static void expect(const char *schema, const char *doc, const char *want)
{
	json_t *s = parse(schema), *d = parse(doc), *langs = parse("[\"nl\", \"en\"]");
	struct diag dg;
	struct err e = { 0 };
	diag_init(&dg, "t.json");
	assert_int_equal(schema_validate_json(s, d, langs, &dg, &e), IPM_OK);
	if (strcmp(buf_str(&dg.lines), want) != 0)
		fail_msg("schema %s doc %s\n got: %s\nwant: %s", schema, doc, buf_str(&dg.lines),
			 want);
	diag_free(&dg);
	json_decref(s);
	json_decref(d);
	json_decref(langs);
}

static void types(void **state)
{
	(void)state;
	expect("{\"type\": \"integer\"}", "1", "");
	expect("{\"type\": \"integer\"}", "1.0", "t.json: $: expected integer, got number\n");
	expect("{\"type\": \"number\"}", "1", "");
	expect("{\"type\": \"boolean\"}", "null", "t.json: $: expected boolean, got null\n");
	expect("{\"type\": [\"string\", \"null\"]}", "null", "");
	expect("{\"type\": [\"string\", \"null\"]}", "[]",
	       "t.json: $: expected string or null, got array\n");
	/* A type error hides the other keywords' complaints about the value. */
	expect("{\"type\": \"string\", \"enum\": [\"a\"]}", "3",
	       "t.json: $: expected string, got integer\n");
}

static void values(void **state)
{
	(void)state;
	expect("{\"const\": {\"a\": [1, \"x\"]}}", "{\"a\": [1, \"x\"]}", "");
	expect("{\"const\": \"model\"}", "\"taxonomy\"", "t.json: $: expected \"model\"\n");
	expect("{\"enum\": [1, \"1\", null]}", "true",
	       "t.json: $: expected one of 1, \"1\", null\n");
	expect("{\"minimum\": 0.5, \"maximum\": 2}", "[0.25]", "");
	expect("{\"items\": {\"minimum\": 0.5, \"maximum\": 2}}", "[0.25, 3, 1e300]",
	       "t.json: $[0]: expected a value >= 0.5, got 0.25\n"
	       "t.json: $[1]: expected a value <= 2, got 3\n"
	       "t.json: $[2]: expected a value <= 2, got 1e+300\n");
	expect("{\"exclusiveMinimum\": 0, \"exclusiveMaximum\": 1}", "0.1", "");
	expect("{\"exclusiveMinimum\": 0}", "-0.0", "t.json: $: expected a value > 0, got -0\n");
}

static void strings(void **state)
{
	(void)state;
	/* Lengths count characters, not bytes: "één" is 3. */
	expect("{\"minLength\": 3, \"maxLength\": 3}", "\"\xc3\xa9\xc3\xa9n\"", "");
	expect("{\"maxLength\": 2}", "\"\xc3\xa9\xc3\xa9n\"",
	       "t.json: $: expected at most 2 characters, got 3\n");
	expect("{\"minLength\": 1}", "\"\"", "t.json: $: expected at least 1 character, got 0\n");
	expect("{\"pattern\": \"^[0-9]+$\"}", "\"12a\"",
	       "t.json: $: does not match the pattern \"^[0-9]+$\"\n");
	expect("{\"pattern\": \"b\"}", "\"abc\"", ""); /* unanchored, as JSON Schema says */
	expect("{\"pattern\": \"^x$\", \"x-ipm-expected\": \"an x\"}", "\"y\"",
	       "t.json: $: expected an x\n");
}

static void arrays(void **state)
{
	(void)state;
	expect("{\"minItems\": 2}", "[1]", "t.json: $: expected at least 2 items, got 1\n");
	expect("{\"maxItems\": 1}", "[1, 2]", "t.json: $: expected at most 1 item, got 2\n");
	expect("{\"uniqueItems\": true}", "[{\"a\": 1}, 2, {\"a\": 1}, 2]",
	       "t.json: $[2]: duplicate of item 0\nt.json: $[3]: duplicate of item 1\n");
	expect("{\"uniqueItems\": false}", "[1, 1]", "");
}

static void objects(void **state)
{
	(void)state;
	const char *schema = "{\"type\": \"object\", \"required\": [\"id\", \"n\"], "
			     "\"properties\": {\"id\": {\"type\": \"string\"}, "
			     "\"odd key\": false}, \"additionalProperties\": {\"type\": \"integer\"}}";
	expect(schema, "{\"id\": \"a\", \"n\": 1, \"m\": 2}", "");
	expect(schema, "{\"n\": \"x\", \"odd key\": 1}",
	       "t.json: $: missing required property \"id\"\n"
	       "t.json: $.n: expected integer, got string\n"
	       "t.json: $[\"odd key\"]: not allowed here\n");
	expect("{\"additionalProperties\": false}", "{\"a\": 1}", "t.json: $.a: unknown property\n");
	expect("{\"x-ipm-translated\": true}", "{\"nl\": \"ja\"}",
	       "t.json: $: missing the \"en\" text ($.languages lists it)\n");
	expect("true", "{\"anything\": [1]}", "");
}

static void refs(void **state)
{
	(void)state;
	const char *tree = "{\"$defs\": {\"node\": {\"type\": \"object\", \"additionalProperties\": "
			   "false, \"properties\": {\"kids\": {\"type\": \"array\", \"items\": "
			   "{\"$ref\": \"#/$defs/node\"}}}}}, \"$ref\": \"#/$defs/node\"}";
	expect(tree, "{\"kids\": [{\"kids\": [{\"x\": 1}]}]}",
	       "t.json: $.kids[0].kids[0].x: unknown property\n");
	expect("{\"$ref\": \"envelope.schema.json#/$defs/lang\"}", "\"fr\"",
	       "t.json: $: expected one of \"nl\", \"en\", \"de\"\n");
	/* A loop that never descends into the document ends with a message. */
	expect("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}}, "
	       "\"$ref\": \"#/$defs/a\"}",
	       "1", "t.json: $: internal: schema $ref \"#/$defs/a\" does not resolve or loops\n");
}

static void meta(const char *schema, const char *want)
{
	json_t *s = parse(schema);
	struct err e = { 0 };
	int rc = schema_meta_check(s, &e);
	json_decref(s);
	if (!want) {
		if (rc)
			fail_msg("%s: %s", schema, e.msg);
		return;
	}
	assert_int_equal(rc, IPM_EIO);
	assert_string_equal(e.msg, want);
}

static void schemas_stay_in_the_subset(void **state)
{
	(void)state;
	struct err e = { 0 };
	if (schema_registry_check(&e))
		fail_msg("%s", e.msg);
	static const char *const files[] = { "envelope", "questionnaire", "factors",
					     "model",    "taxonomy",      "templates" };
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char name[64];
		snprintf(name, sizeof name, "%s.schema.json", files[i]);
		assert_non_null(schema_find(name));
	}
	assert_null(schema_find("norms.schema.json"));
	meta("{\"properties\": {\"a\": {\"type\": \"string\", \"minLength\": 1}}}", NULL);
	meta("{\"properties\": {\"a\": {\"requried\": [\"x\"]}}}",
	     "$.properties.a.requried: unsupported keyword");
	meta("{\"oneOf\": []}", "$.oneOf: unsupported keyword");
	meta("{\"type\": \"int\"}", "$.type: malformed value");
	meta("{\"pattern\": \"([a-z\"}", "$.pattern: malformed value");
	meta("{\"minItems\": -1}", "$.minItems: malformed value");
	meta("{\"$ref\": \"#/$defs/nope\"}", "$[\"$ref\"]: malformed value");
	meta("{\"$ref\": \"other.schema.json\"}", "$[\"$ref\"]: malformed value");
	meta("{\"items\": 3}", "$.items: a schema must be an object or a boolean");
	meta("{\"$defs\": []}", "$[\"$defs\"]: expected an object of schemas");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(types),   cmocka_unit_test(values),
		cmocka_unit_test(strings), cmocka_unit_test(arrays),
		cmocka_unit_test(objects), cmocka_unit_test(refs),
		cmocka_unit_test(schemas_stay_in_the_subset),
	};
	return cmocka_run_group_tests_name("pack_schema", tests, NULL, NULL);
}
