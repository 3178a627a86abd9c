/* libFuzzer target for the template engine (src/core/tmpl.c): any template
 * text, partial text and data must compile and render, or end in a clean
 * error that names where, never a crash, a leak or a sanitizer report.
 *
 * Input layout: TEMPLATE \0 PARTIAL \0 JSON-DATA (missing parts are empty;
 * data that is not JSON renders against a fixed object). The template is
 * "main", the partial "p", so "{{>p}}" and "{{>main}}" reach recursion. */
#include "core/tmpl.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char fallback[] =
	"{\"a\":\"<x> & 'y'\",\"b\":[1,2.5,{\"c\":true}],\"t\":true,\"n\":null,\"o\":{\"a\":\"z\"}}";

/* A terminated copy of the next NUL-separated part of [*p, end). */
static char *next_part(const char **p, const char *end)
{
	const char *s = *p;
	const char *nul = memchr(s, '\0', (size_t)(end - s));
	size_t n = nul ? (size_t)(nul - s) : (size_t)(end - s);
	char *out = malloc(n + 1);
	if (!out)
		__builtin_trap();
	memcpy(out, s, n);
	out[n] = '\0';
	*p = nul ? nul + 1 : end;
	return out;
}

static void check_err(int rc, const struct err *e, const char *origin)
{
	if (rc == IPM_OK)
		return;
	if (memchr(e->msg, '\0', sizeof e->msg) == NULL)
		__builtin_trap();
	/* Compile and render errors name the origin they come from. */
	if (rc == IPM_EINVAL && strncmp(e->msg, origin, strlen(origin)) != 0 &&
	    strncmp(e->msg, "p.mustache", 10) != 0 && strncmp(e->msg, "main.mustache", 13) != 0)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char *main_text = next_part(&p, end);
	char *partial_text = next_part(&p, end);
	char *json_text = next_part(&p, end);

	json_t *ctx = json_loads(json_text, JSON_DECODE_ANY, NULL);
	if (!ctx)
		ctx = json_loads(fallback, 0, NULL);

	struct tmpl_set *set = tmpl_set_new();
	struct err e = { 0 };
	int rc = tmpl_set_add(set, "main", main_text, "main.mustache", &e);
	check_err(rc, &e, "main.mustache");
	rc = tmpl_set_add(set, "p", partial_text, "p.mustache", &e);
	check_err(rc, &e, "p.mustache");
	rc = tmpl_set_check(set, &e);
	check_err(rc, &e, "main.mustache");

	struct buf out = BUF_INIT, again = BUF_INIT;
	rc = tmpl_render(set, "main", ctx, &out, &e);
	if (rc != IPM_ENOTFOUND)
		check_err(rc, &e, "main.mustache");
	/* Rendering is deterministic, and a failed one leaves nothing behind. */
	int rc2 = tmpl_render(set, "main", ctx, &again, &e);
	if (rc != rc2 || out.len != again.len || (out.len && memcmp(out.data, again.data, out.len)))
		__builtin_trap();
	if (rc != IPM_OK && out.len != 0)
		__builtin_trap();

	buf_free(&out);
	buf_free(&again);
	tmpl_set_free(set);
	json_decref(ctx);
	free(main_text);
	free(partial_text);
	free(json_text);
	return 0;
}
