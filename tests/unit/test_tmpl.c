/* Template engine (src/core/tmpl.c). The rendering cases are the Mustache
 * spec's (github.com/mustache/spec, specs/{interpolation,sections,inverted,
 * comments,partials}.yml) for the supported subset, with the spec's expected
 * output as golden value; the rest pin down IPM's own choices (refused
 * syntax, errors as ORIGIN:LINE, missing partials, recursion, escaping). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/tmpl.h"

#include <string.h>

struct tcase {
	const char *name;
	const char *data;     /* JSON */
	const char *template;
	const char *partials; /* JSON object name -> text, or NULL */
	const char *expected;
};

static json_t *parse(const char *text)
{
	json_error_t je;
	json_t *v = json_loads(text, JSON_DECODE_ANY, &je);
	if (!v)
		fail_msg("bad test JSON at %d:%d: %s", je.line, je.column, je.text);
	return v;
}

/* Renders one case; returns the code and leaves the output in out. */
static int render_case(const struct tcase *c, struct buf *out, struct err *e)
{
	struct tmpl_set *set = tmpl_set_new();
	int rc = tmpl_set_add(set, "main", c->template, "main.mustache", e);
	if (rc == IPM_OK && c->partials) {
		json_t *p = parse(c->partials);
		const char *key;
		json_t *v;
		json_object_foreach(p, key, v) {
			if (rc == IPM_OK)
				rc = tmpl_set_add(set, key, json_string_value(v), key, e);
		}
		json_decref(p);
	}
	json_t *data = parse(c->data);
	if (rc == IPM_OK)
		rc = tmpl_render(set, "main", data, out, e);
	json_decref(data);
	tmpl_set_free(set);
	return rc;
}

static void run_cases(const struct tcase *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct buf out = BUF_INIT;
		struct err e = { 0 };
		int rc = render_case(&cases[i], &out, &e);
		if (rc != IPM_OK)
			fail_msg("%s: %s", cases[i].name, e.msg);
		if (strcmp(buf_str(&out), cases[i].expected) != 0)
			fail_msg("%s:\n got  [%s]\n want [%s]", cases[i].name, buf_str(&out),
				 cases[i].expected);
		buf_free(&out);
	}
}

#define RUN(cases) run_cases(cases, sizeof cases / sizeof cases[0])

static void spec_interpolation(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{ "No Interpolation", "{}", "Hello from {Mustache}!\n", NULL,
		  "Hello from {Mustache}!\n" },
		{ "Basic Interpolation", "{\"subject\":\"world\"}", "Hello, {{subject}}!\n", NULL,
		  "Hello, world!\n" },
		{ "HTML Escaping", "{\"forbidden\":\"& \\\" < >\"}",
		  "These characters should be HTML escaped: {{forbidden}}\n", NULL,
		  "These characters should be HTML escaped: &amp; &quot; &lt; &gt;\n" },
		{ "Ampersand", "{\"forbidden\":\"& \\\" < >\"}",
		  "These characters should not be HTML escaped: {{&forbidden}}\n", NULL,
		  "These characters should not be HTML escaped: & \" < >\n" },
		{ "Basic Integer Interpolation", "{\"mph\":85}", "\"{{mph}} miles an hour!\"", NULL,
		  "\"85 miles an hour!\"" },
		{ "Ampersand Integer Interpolation", "{\"mph\":85}", "\"{{&mph}} miles an hour!\"",
		  NULL, "\"85 miles an hour!\"" },
		{ "Basic Decimal Interpolation", "{\"power\":1.210}", "\"{{power}} jiggawatts!\"",
		  NULL, "\"1.21 jiggawatts!\"" },
		{ "Ampersand Decimal Interpolation", "{\"power\":1.210}",
		  "\"{{&power}} jiggawatts!\"", NULL, "\"1.21 jiggawatts!\"" },
		{ "Basic Context Miss Interpolation", "{}", "I ({{cannot}}) be seen!", NULL,
		  "I () be seen!" },
		{ "Ampersand Context Miss Interpolation", "{}", "I ({{&cannot}}) be seen!", NULL,
		  "I () be seen!" },
		{ "Dotted Names - Basic Interpolation", "{\"person\":{\"name\":\"Joe\"}}",
		  "\"{{person.name}}\" == \"{{#person}}{{name}}{{/person}}\"", NULL,
		  "\"Joe\" == \"Joe\"" },
		{ "Dotted Names - Ampersand Interpolation", "{\"person\":{\"name\":\"Joe\"}}",
		  "\"{{&person.name}}\" == \"{{#person}}{{&name}}{{/person}}\"", NULL,
		  "\"Joe\" == \"Joe\"" },
		{ "Dotted Names - Arbitrary Depth",
		  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}}}",
		  "\"{{a.b.c.d.e.name}}\" == \"Phil\"", NULL, "\"Phil\" == \"Phil\"" },
		{ "Dotted Names - Broken Chains", "{\"a\":{}}", "\"{{a.b.c}}\" == \"\"", NULL,
		  "\"\" == \"\"" },
		{ "Dotted Names - Broken Chain Resolution",
		  "{\"a\":{\"b\":{}},\"c\":{\"name\":\"Jim\"}}", "\"{{a.b.c.name}}\" == \"\"", NULL,
		  "\"\" == \"\"" },
		{ "Dotted Names - Initial Resolution",
		  "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Phil\"}}}}},"
		  "\"b\":{\"c\":{\"d\":{\"e\":{\"name\":\"Wrong\"}}}}}",
		  "\"{{#a}}{{b.c.d.e.name}}{{/a}}\" == \"Phil\"", NULL, "\"Phil\" == \"Phil\"" },
		{ "Dotted Names - Leading Dot",
		  "{\"a\":{},\"b\":{\"name\":\"Name\"},\"name\":\"Fail\"}",
		  "{{#a}}{{.name}}{{/a}}{{#b}}{{.name}}{{/b}}", NULL, "Name" },
		{ "Dotted Names - Context Precedence", "{\"a\":{\"b\":{}},\"b\":{\"c\":\"ERROR\"}}",
		  "{{#a}}{{b.c}}{{/a}}", NULL, "" },
		{ "Interpolation - Surrounding Whitespace", "{\"string\":\"---\"}",
		  "| {{string}} |", NULL, "| --- |" },
		{ "Ampersand - Surrounding Whitespace", "{\"string\":\"---\"}", "| {{&string}} |",
		  NULL, "| --- |" },
		{ "Interpolation - Standalone", "{\"string\":\"---\"}", "  {{string}}\n", NULL,
		  "  ---\n" },
		{ "Ampersand - Standalone", "{\"string\":\"---\"}", "  {{&string}}\n", NULL,
		  "  ---\n" },
		{ "Interpolation With Padding", "{\"string\":\"---\"}", "|{{ string }}|", NULL,
		  "|---|" },
		{ "Ampersand With Padding", "{\"string\":\"---\"}", "|{{& string }}|", NULL,
		  "|---|" },
	};
	RUN(cases);
}

static void spec_sections(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{ "Truthy", "{\"boolean\":true}",
		  "\"{{#boolean}}This should be rendered.{{/boolean}}\"", NULL,
		  "\"This should be rendered.\"" },
		{ "Falsey", "{\"boolean\":false}",
		  "\"{{#boolean}}This should not be rendered.{{/boolean}}\"", NULL, "\"\"" },
		{ "Null is falsey", "{\"null\":null}",
		  "\"{{#null}}This should not be rendered.{{/null}}\"", NULL, "\"\"" },
		{ "Context", "{\"context\":{\"name\":\"Joe\"}}",
		  "\"{{#context}}Hi {{name}}.{{/context}}\"", NULL, "\"Hi Joe.\"" },
		{ "Parent contexts",
		  "{\"a\":\"foo\",\"b\":\"wrong\",\"sec\":{\"b\":\"bar\"},\"c\":{\"d\":\"baz\"}}",
		  "\"{{#sec}}{{a}}, {{b}}, {{c.d}}{{/sec}}\"", NULL, "\"foo, bar, baz\"" },
		{ "Variable test", "{\"foo\":\"bar\"}", "\"{{#foo}}{{.}} is {{foo}}{{/foo}}\"", NULL,
		  "\"bar is bar\"" },
		{ "List Contexts",
		  "{\"tops\":[{\"tname\":{\"upper\":\"A\",\"lower\":\"a\"},\"middles\":[{\"mname\":"
		  "\"1\",\"bottoms\":[{\"bname\":\"x\"},{\"bname\":\"y\"}]}]}]}",
		  "{{#tops}}{{#middles}}{{tname.lower}}{{mname}}.{{#bottoms}}{{tname.upper}}"
		  "{{mname}}{{bname}}.{{/bottoms}}{{/middles}}{{/tops}}",
		  NULL, "a1.A1x.A1y." },
		{ "Deeply Nested Contexts",
		  "{\"a\":{\"one\":1},\"b\":{\"two\":2},\"c\":{\"three\":3,\"d\":{\"four\":4,"
		  "\"five\":5}}}",
		  "{{#a}}\n{{one}}\n{{#b}}\n{{one}}{{two}}{{one}}\n{{#c}}\n"
		  "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{#d}}\n"
		  "{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{#five}}\n"
		  "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
		  "{{one}}{{two}}{{three}}{{four}}{{.}}6{{.}}{{four}}{{three}}{{two}}{{one}}\n"
		  "{{one}}{{two}}{{three}}{{four}}{{five}}{{four}}{{three}}{{two}}{{one}}\n"
		  "{{/five}}\n{{one}}{{two}}{{three}}{{four}}{{three}}{{two}}{{one}}\n{{/d}}\n"
		  "{{one}}{{two}}{{three}}{{two}}{{one}}\n{{/c}}\n{{one}}{{two}}{{one}}\n{{/b}}\n"
		  "{{one}}\n{{/a}}\n",
		  NULL,
		  "1\n121\n12321\n1234321\n123454321\n12345654321\n123454321\n1234321\n12321\n"
		  "121\n1\n" },
		{ "List", "{\"list\":[{\"item\":1},{\"item\":2},{\"item\":3}]}",
		  "\"{{#list}}{{item}}{{/list}}\"", NULL, "\"123\"" },
		{ "Empty List", "{\"list\":[]}", "\"{{#list}}Yay lists!{{/list}}\"", NULL, "\"\"" },
		{ "Strings Not Lists", "{\"section\":\"123\"}", "\"{{#section}}foo{{/section}}\"",
		  NULL, "\"foo\"" },
		{ "Doubled", "{\"bool\":true,\"two\":\"second\"}",
		  "{{#bool}}\n* first\n{{/bool}}\n* {{two}}\n{{#bool}}\n* third\n{{/bool}}\n", NULL,
		  "* first\n* second\n* third\n" },
		{ "Nested (Truthy)", "{\"bool\":true}",
		  "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", NULL, "| A B C D E |" },
		{ "Nested (Falsey)", "{\"bool\":false}",
		  "| A {{#bool}}B {{#bool}}C{{/bool}} D{{/bool}} E |", NULL, "| A  E |" },
		{ "Context Misses", "{}", "[{{#missing}}Found key 'missing'!{{/missing}}]", NULL,
		  "[]" },
		{ "Implicit Iterator - String", "{\"list\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}",
		  "\"{{#list}}({{.}}){{/list}}\"", NULL, "\"(a)(b)(c)(d)(e)\"" },
		{ "Implicit Iterator - Integer", "{\"list\":[1,2,3,4,5]}",
		  "\"{{#list}}({{.}}){{/list}}\"", NULL, "\"(1)(2)(3)(4)(5)\"" },
		{ "Implicit Iterator - Decimal", "{\"list\":[1.10,2.20,3.30,4.40,5.50]}",
		  "\"{{#list}}({{.}}){{/list}}\"", NULL, "\"(1.1)(2.2)(3.3)(4.4)(5.5)\"" },
		{ "Implicit Iterator - Array", "{\"list\":[[1,2,3],[\"a\",\"b\",\"c\"]]}",
		  "\"{{#list}}({{#.}}{{.}}{{/.}}){{/list}}\"", NULL, "\"(123)(abc)\"" },
		{ "Dotted Names - Truthy", "{\"a\":{\"b\":{\"c\":true}}}",
		  "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"Here\"", NULL, "\"Here\" == \"Here\"" },
		{ "Dotted Names - Falsey", "{\"a\":{\"b\":{\"c\":false}}}",
		  "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", NULL, "\"\" == \"\"" },
		{ "Dotted Names - Broken Chains", "{\"a\":{}}",
		  "\"{{#a.b.c}}Here{{/a.b.c}}\" == \"\"", NULL, "\"\" == \"\"" },
		{ "Surrounding Whitespace", "{\"boolean\":true}",
		  " | {{#boolean}}\t|\t{{/boolean}} | \n", NULL, " | \t|\t | \n" },
		{ "Internal Whitespace", "{\"boolean\":true}",
		  " | {{#boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", NULL,
		  " |  \n  | \n" },
		{ "Indented Inline Sections", "{\"boolean\":true}",
		  " {{#boolean}}YES{{/boolean}}\n {{#boolean}}GOOD{{/boolean}}\n", NULL,
		  " YES\n GOOD\n" },
		{ "Standalone Lines", "{\"boolean\":true}",
		  "| This Is\n{{#boolean}}\n|\n{{/boolean}}\n| A Line\n", NULL,
		  "| This Is\n|\n| A Line\n" },
		{ "Indented Standalone Lines", "{\"boolean\":true}",
		  "| This Is\n  {{#boolean}}\n|\n  {{/boolean}}\n| A Line\n", NULL,
		  "| This Is\n|\n| A Line\n" },
		{ "Standalone Line Endings", "{\"boolean\":true}",
		  "|\r\n{{#boolean}}\r\n{{/boolean}}\r\n|", NULL, "|\r\n|" },
		{ "Standalone Without Previous Line", "{\"boolean\":true}",
		  "  {{#boolean}}\n#{{/boolean}}\n/", NULL, "#\n/" },
		{ "Standalone Without Newline", "{\"boolean\":true}",
		  "#{{#boolean}}\n/\n  {{/boolean}}", NULL, "#\n/\n" },
		{ "Padding", "{\"boolean\":true}", "|{{# boolean }}={{/ boolean }}|", NULL,
		  "|=|" },
	};
	RUN(cases);
}

static void spec_inverted(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{ "Falsey", "{\"boolean\":false}",
		  "\"{{^boolean}}This should be rendered.{{/boolean}}\"", NULL,
		  "\"This should be rendered.\"" },
		{ "Truthy", "{\"boolean\":true}",
		  "\"{{^boolean}}This should not be rendered.{{/boolean}}\"", NULL, "\"\"" },
		{ "Null is falsey", "{\"null\":null}",
		  "\"{{^null}}This should be rendered.{{/null}}\"", NULL,
		  "\"This should be rendered.\"" },
		{ "Context", "{\"context\":{\"name\":\"Joe\"}}",
		  "\"{{^context}}Hi {{name}}.{{/context}}\"", NULL, "\"\"" },
		{ "List", "{\"list\":[{\"n\":1},{\"n\":2},{\"n\":3}]}",
		  "\"{{^list}}{{n}}{{/list}}\"", NULL, "\"\"" },
		{ "Empty List", "{\"list\":[]}", "\"{{^list}}Yay lists!{{/list}}\"", NULL,
		  "\"Yay lists!\"" },
		{ "Doubled", "{\"bool\":false,\"two\":\"second\"}",
		  "{{^bool}}\n* first\n{{/bool}}\n* {{two}}\n{{^bool}}\n* third\n{{/bool}}\n", NULL,
		  "* first\n* second\n* third\n" },
		{ "Nested (Falsey)", "{\"bool\":false}",
		  "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", NULL, "| A B C D E |" },
		{ "Nested (Truthy)", "{\"bool\":true}",
		  "| A {{^bool}}B {{^bool}}C{{/bool}} D{{/bool}} E |", NULL, "| A  E |" },
		{ "Context Misses", "{}", "[{{^missing}}Found key 'missing'!{{/missing}}]", NULL,
		  "[Found key 'missing'!]" },
		{ "Dotted Names - Truthy", "{\"a\":{\"b\":{\"c\":true}}}",
		  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"\"", NULL, "\"\" == \"\"" },
		{ "Dotted Names - Falsey", "{\"a\":{\"b\":{\"c\":false}}}",
		  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", NULL,
		  "\"Not Here\" == \"Not Here\"" },
		{ "Dotted Names - Broken Chains", "{\"a\":{}}",
		  "\"{{^a.b.c}}Not Here{{/a.b.c}}\" == \"Not Here\"", NULL,
		  "\"Not Here\" == \"Not Here\"" },
		{ "Surrounding Whitespace", "{\"boolean\":false}",
		  " | {{^boolean}}\t|\t{{/boolean}} | \n", NULL, " | \t|\t | \n" },
		{ "Internal Whitespace", "{\"boolean\":false}",
		  " | {{^boolean}} {{! Important Whitespace }}\n {{/boolean}} | \n", NULL,
		  " |  \n  | \n" },
		{ "Standalone Lines", "{\"boolean\":false}",
		  "| This Is\n{{^boolean}}\n|\n{{/boolean}}\n| A Line\n", NULL,
		  "| This Is\n|\n| A Line\n" },
		{ "Standalone Indented Lines", "{\"boolean\":false}",
		  "| This Is\n  {{^boolean}}\n|\n  {{/boolean}}\n| A Line\n", NULL,
		  "| This Is\n|\n| A Line\n" },
		{ "Standalone Line Endings", "{\"boolean\":false}",
		  "|\r\n{{^boolean}}\r\n{{/boolean}}\r\n|", NULL, "|\r\n|" },
		{ "Standalone Without Previous Line", "{\"boolean\":false}",
		  "  {{^boolean}}\n^{{/boolean}}\n/", NULL, "^\n/" },
		{ "Standalone Without Newline", "{\"boolean\":false}",
		  "^{{^boolean}}\n/\n  {{/boolean}}", NULL, "^\n/\n" },
		{ "Padding", "{\"boolean\":false}", "|{{^ boolean }}={{/ boolean }}|", NULL,
		  "|=|" },
	};
	RUN(cases);
}

static void spec_comments(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{ "Inline", "{}", "12345{{! Comment Block! }}67890", NULL, "1234567890" },
		{ "Multiline", "{}", "12345{{!\n  This is a\n  multi-line comment...\n}}67890\n", NULL,
		  "1234567890\n" },
		{ "Standalone", "{}", "Begin.\n{{! Comment Block! }}\nEnd.\n", NULL,
		  "Begin.\nEnd.\n" },
		{ "Indented Standalone", "{}", "Begin.\n  {{! Indented Comment Block! }}\nEnd.\n",
		  NULL, "Begin.\nEnd.\n" },
		{ "Standalone Line Endings", "{}", "|\r\n{{! Standalone Comment }}\r\n|", NULL,
		  "|\r\n|" },
		{ "Standalone Without Previous Line", "{}", "  {{! I'm Still Standalone }}\n!",
		  NULL, "!" },
		{ "Standalone Without Newline", "{}", "!\n  {{! I'm Still Standalone }}", NULL,
		  "!\n" },
		{ "Multiline Standalone", "{}", "Begin.\n{{!\nSomething's going on here...\n}}\nEnd.\n",
		  NULL, "Begin.\nEnd.\n" },
		{ "Indented Multiline Standalone", "{}",
		  "Begin.\n  {{!\n    Something's going on here...\n  }}\nEnd.\n", NULL,
		  "Begin.\nEnd.\n" },
		{ "Indented Inline", "{}", "  12 {{! 34 }}\n", NULL, "  12 \n" },
		{ "Surrounding Whitespace", "{}", "12345 {{! Comment Block! }} 67890", NULL,
		  "12345  67890" },
		{ "Variable Name Collision", "{\"! comment\":1,\"! comment \":2,\"!comment\":3,"
		  "\"comment\":4}", "comments never render: {{! comment }}", NULL,
		  "comments never render: " },
	};
	RUN(cases);
}

static void spec_partials(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{ "Basic Behavior", "{}", "\"{{>text}}\"", "{\"text\":\"from partial\"}",
		  "\"from partial\"" },
		{ "Context", "{\"text\":\"content\"}", "\"{{>partial}}\"",
		  "{\"partial\":\"*{{text}}*\"}", "\"*content*\"" },
		{ "Recursion", "{\"content\":\"X\",\"nodes\":[{\"content\":\"Y\",\"nodes\":[]}]}",
		  "{{>node}}", "{\"node\":\"{{content}}<{{#nodes}}{{>node}}{{/nodes}}>\"}",
		  "X<Y<>>" },
		{ "Surrounding Whitespace", "{}", "| {{>partial}} |", "{\"partial\":\"\\t|\\t\"}",
		  "| \t|\t |" },
		{ "Inline Indentation", "{\"data\":\"|\"}", "  {{data}}  {{> partial}}\n",
		  "{\"partial\":\">\\n>\"}", "  |  >\n>\n" },
		{ "Standalone Line Endings", "{}", "|\r\n{{>partial}}\r\n|", "{\"partial\":\">\"}",
		  "|\r\n>|" },
		{ "Standalone Without Previous Line", "{}", "  {{>partial}}\n>",
		  "{\"partial\":\">\\n>\"}", "  >\n  >>" },
		{ "Standalone Without Newline", "{}", ">\n  {{>partial}}", "{\"partial\":\">\\n>\"}",
		  ">\n  >\n  >" },
		{ "Standalone Indentation", "{\"content\":\"<\\n->\"}", "\\\n {{>partial}}\n/\n",
		  "{\"partial\":\"|\\n{{&content}}a b{{&content}}c\\n|\\n\"}",
		  "\\\n |\n <\n->a b<\n->c\n |\n/\n" },
		{ "Padding Whitespace", "{\"boolean\":true}", "|{{> partial }}|",
		  "{\"partial\":\"[]\"}", "|[]|" },
	};
	RUN(cases);
}

/* Nested standalone partials add their indentation up. */
static void nested_partials_indent_cumulatively(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{ "nested", "{\"x\":\"v\"}", "<ul>\n  {{>item}}\n</ul>\n",
		  "{\"item\":\"<li>\\n  {{>inner}}\\n</li>\\n\",\"inner\":\"<b>{{x}}</b>\\n\"}",
		  "<ul>\n  <li>\n    <b>v</b>\n  </li>\n</ul>\n" },
	};
	RUN(cases);
}

/* Values are safe in element text and in quoted attribute values. */
static void escaping_covers_text_and_attributes(void **state)
{
	(void)state;
	static const struct tcase cases[] = {
		{ "attribute", "{\"v\":\"x' onmouseover='alert(1)\\\" y=\\\"<b>&amp;\"}",
		  "<input value=\"{{v}}\" title='{{v}}'>", NULL,
		  "<input value=\"x&#39; onmouseover=&#39;alert(1)&quot; y=&quot;&lt;b&gt;&amp;amp;\" "
		  "title='x&#39; onmouseover=&#39;alert(1)&quot; y=&quot;&lt;b&gt;&amp;amp;'>" },
		{ "utf-8 untouched", "{\"v\":\"Zoë – €\"}", "{{v}}", NULL, "Zoë – €" },
		{ "raw is raw", "{\"svg\":\"<svg><rect/></svg>\"}", "{{&svg}}", NULL,
		  "<svg><rect/></svg>" },
		{ "scalars", "{\"t\":true,\"f\":false,\"n\":null,\"i\":-42,\"r\":0.1,\"big\":1e300,"
		  "\"o\":{\"a\":1},\"a\":[1]}",
		  "{{t}}|{{f}}|{{n}}|{{i}}|{{r}}|{{big}}|{{o}}|{{a}}", NULL,
		  "true|false||-42|0.1|1e+300||" },
		{ "zero is truthy", "{\"n\":0,\"s\":\"\"}", "{{#n}}[{{.}}]{{/n}}{{^s}}empty{{/s}}",
		  NULL, "[0]empty" },
	};
	RUN(cases);
}

static void expect_compile_error(const char *text, int code, const char *msg)
{
	struct tmpl_set *set = tmpl_set_new();
	struct err e = { 0 };
	assert_int_equal(tmpl_set_add(set, "t", text, "web/page.mustache", &e), code);
	assert_string_equal(e.msg, msg);
	tmpl_set_free(set);
}

static void refused_syntax_names_origin_and_line(void **state)
{
	(void)state;
	expect_compile_error("a\n{{{x}}}", IPM_EINVAL,
			     "web/page.mustache:2: triple mustaches are not supported; use {{&name}}");
	expect_compile_error("\n\n{{=<% %>=}}", IPM_EINVAL,
			     "web/page.mustache:3: delimiter changes are not supported");
	expect_compile_error("x {{name", IPM_EINVAL,
			     "web/page.mustache:1: tag '{{' is never closed with '}}'");
	expect_compile_error("{{#a}}\n{{#b}}\n{{/a}}", IPM_EINVAL,
			     "web/page.mustache:3: {{/a}} closes {{#b}} opened on line 2");
	expect_compile_error("{{^a}}\n\n", IPM_EINVAL,
			     "web/page.mustache:1: {{^a}} is never closed");
	expect_compile_error("x\n{{/a}}", IPM_EINVAL, "web/page.mustache:2: {{/a}} closes no section");
	expect_compile_error("{{ }}", IPM_EINVAL, "web/page.mustache:1: empty tag name");
	expect_compile_error("{{!\n\n}}{{a b}}", IPM_EINVAL, "web/page.mustache:3: bad tag name");
	expect_compile_error("{{a..b}}", IPM_EINVAL, "web/page.mustache:1: bad tag name");
	expect_compile_error("{{#a.}}{{/a.}}", IPM_EINVAL, "web/page.mustache:1: bad tag name");
	expect_compile_error("{{> }}", IPM_EINVAL, "web/page.mustache:1: empty tag name");

	/* Section nesting is bounded, so rendering is bounded too. */
	struct buf deep = BUF_INIT;
	for (int i = 0; i < 65; i++)
		buf_puts(&deep, "{{#a}}");
	expect_compile_error(deep.data, IPM_EINVAL,
			     "web/page.mustache:1: sections nested deeper than 64");
	buf_free(&deep);

	struct tmpl_set *set = tmpl_set_new();
	struct err e = { 0 };
	assert_int_equal(tmpl_set_add(set, "t", "x", "a.mustache", &e), IPM_OK);
	assert_int_equal(tmpl_set_add(set, "t", "y", "b.mustache", &e), IPM_ECONFLICT);
	assert_string_equal(e.msg, "b.mustache: template 't' is already in the set");
	tmpl_set_free(set);
}

static void partials_checked_and_render_errors(void **state)
{
	(void)state;
	struct tmpl_set *set = tmpl_set_new();
	struct err e = { 0 };
	struct buf out = BUF_INIT;
	json_t *data = parse("{\"go\":true}");

	assert_int_equal(tmpl_set_add(set, "page", "<p>\nkop\n{{#go}}{{>nav}}{{/go}}\n", "page.m", &e),
			 IPM_OK);
	assert_int_equal(tmpl_set_check(set, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "page.m:3: partial 'nav' is not in the set");
	/* Rendering fails the same way and leaves the caller's buffer as it was. */
	buf_puts(&out, "before");
	assert_int_equal(tmpl_render(set, "page", data, &out, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "page.m:3: partial 'nav' is not in the set");
	assert_string_equal(buf_str(&out), "before");
	assert_int_equal(out.len, 6);
	assert_int_equal(tmpl_render(set, "nope", data, &out, &e), IPM_ENOTFOUND);
	assert_string_equal(e.msg, "template 'nope' is not in the set");

	/* A cycle through two partials is refused by the check... */
	assert_int_equal(tmpl_set_add(set, "nav", "<nav>{{>menu}}</nav>", "nav.m", &e), IPM_OK);
	assert_int_equal(tmpl_set_add(set, "menu", "x\n{{#go}}{{>nav}}{{/go}}", "menu.m", &e), IPM_OK);
	assert_int_equal(tmpl_set_check(set, &e), IPM_EINVAL);
	assert_string_equal(e.msg,
			    "menu.m:2: partial 'nav' includes itself (directly or through others)");
	/* ...and stopped at the depth limit when rendered unchecked. */
	assert_int_equal(tmpl_render(set, "page", data, &out, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "menu.m:2: partials nested deeper than 32 (recursion?)");
	assert_string_equal(buf_str(&out), "before");

	tmpl_set_free(set);
	set = tmpl_set_new();
	assert_int_equal(tmpl_set_add(set, "menu", "<li>{{.}}</li>", "menu.m", &e), IPM_OK);
	assert_int_equal(tmpl_set_add(set, "page", "<ul>{{#items}}{{>menu}}{{/items}}</ul>", "page.m",
				      &e), IPM_OK);
	assert_int_equal(tmpl_set_check(set, &e), IPM_OK);
	json_decref(data);
	data = parse("{\"items\":[\"a<\",\"b\"]}");
	buf_reset(&out);
	assert_int_equal(tmpl_render(set, "page", data, &out, &e), IPM_OK);
	assert_string_equal(buf_str(&out), "<ul><li>a&lt;</li><li>b</li></ul>");
	/* Rendering appends. */
	assert_int_equal(tmpl_render(set, "menu", data, &out, &e), IPM_OK);
	assert_string_equal(buf_str(&out), "<ul><li>a&lt;</li><li>b</li></ul><li></li>");

	json_decref(data);
	buf_free(&out);
	tmpl_set_free(set);
}

/* Nested sections over an array multiply: 4^13 iterations are refused by
 * the step budget instead of holding a worker. */
static void rendering_work_is_bounded(void **state)
{
	(void)state;
	struct buf text = BUF_INIT;
	for (int i = 0; i < 13; i++)
		buf_puts(&text, "{{#l}}");
	buf_puts(&text, "x");
	for (int i = 0; i < 13; i++)
		buf_puts(&text, "{{/l}}");
	struct tmpl_set *set = tmpl_set_new();
	struct err e = { 0 };
	struct buf out = BUF_INIT;
	json_t *data = parse("{\"l\":[1,2,3,4]}");
	assert_int_equal(tmpl_set_add(set, "t", text.data, "t.m", &e), IPM_OK);
	assert_int_equal(tmpl_render(set, "t", data, &out, &e), IPM_EINVAL);
	assert_string_equal(e.msg, "t.m:1: rendering stopped: more than 16777216 steps or 64 MiB");
	assert_int_equal(out.len, 0);
	json_decref(data);
	buf_free(&out);
	buf_free(&text);
	tmpl_set_free(set);
}

/* An empty rendering still hands back a terminated string. */
static void empty_rendering_is_terminated(void **state)
{
	(void)state;
	struct tmpl_set *set = tmpl_set_new();
	struct err e = { 0 };
	struct buf out = BUF_INIT;
	assert_int_equal(tmpl_set_add(set, "e", "{{! nothing }}", "e.m", &e), IPM_OK);
	assert_int_equal(tmpl_render(set, "e", json_null(), &out, &e), IPM_OK);
	assert_non_null(out.data);
	assert_string_equal(out.data, "");
	buf_free(&out);
	tmpl_set_free(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spec_interpolation),
		cmocka_unit_test(spec_sections),
		cmocka_unit_test(spec_inverted),
		cmocka_unit_test(spec_comments),
		cmocka_unit_test(spec_partials),
		cmocka_unit_test(nested_partials_indent_cumulatively),
		cmocka_unit_test(escaping_covers_text_and_attributes),
		cmocka_unit_test(refused_syntax_names_origin_and_line),
		cmocka_unit_test(partials_checked_and_render_errors),
		cmocka_unit_test(rendering_work_is_bounded),
		cmocka_unit_test(empty_rendering_is_terminated),
	};
	return cmocka_run_group_tests_name("tmpl", tests, NULL, NULL);
}
