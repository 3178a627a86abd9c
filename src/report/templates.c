#include "report/templates.h"
#include "core/fs.h"
#include "core/tmpl.h"
#include "core/xalloc.h"
#include "pack/pack.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct report_templates {
	struct pack *pack;
	struct tmpl_set *set;
	char lang[4];
	json_t *names;          /* name -> true: the templates of `lang` */
	json_t *words;          /* "key" -> words/<key> rendered once at load (read-only after) */
	struct chart_words chart;
};

/* The section ids of report-doc-v1, in report order. */
static const char *const sections[] = { "loopbaanfase", "persoonlijkheid", "cv",
					"loopbaanankers", "carrierecluster", "cultuur",
					"functieanalyse", "belemmerend", "faciliterend", "advies" };

/* Templates the renderers call by name; everything else is reached
 * through partials. */
static const char *const required[] = {
	"closing", "html/document", "cover/title", "cover/subtitle-prof", "cover/subtitle-client",
	"cover/subtitle-employer", "words/header", "words/footer", "words/contents",
	"words/no-data", "words/not-shared", "words/colophon",
};

#define WORD(f) { "words/chart/" #f, offsetof(struct chart_words, f) }
static const struct {
	const char *name;
	size_t off;
} chart_word[] = {
	{ "words/chart/band-laag", offsetof(struct chart_words, band[0]) },
	{ "words/chart/band-gemiddeld", offsetof(struct chart_words, band[1]) },
	{ "words/chart/band-hoog", offsetof(struct chart_words, band[2]) },
	WORD(no_score), WORD(top), WORD(months), WORD(now), WORD(cumulative), WORD(year_ahead),
	WORD(kritisch), WORD(hindering), WORD(facilitating), WORD(flexible), WORD(stable),
	WORD(internal), WORD(external), WORD(mps), WORD(holland), WORD(after_months),
	WORD(not_reached),
};
#undef WORD

/* Where $.templates[i].text starts in the file: a JSON string holds no raw
 * line break, so every line of the template is on that file line. The pack
 * has already been parsed, so this scanner only needs to walk valid JSON;
 * on anything unexpected it gives up and the message has no file line. */
struct scan {
	const char *p, *end;
	unsigned line;
};

static void ws(struct scan *s)
{
	while (s->p < s->end && strchr(" \t\r\n", *s->p)) {
		if (*s->p == '\n')
			s->line++;
		s->p++;
	}
}

static int skip_string(struct scan *s, const char **start, size_t *len)
{
	if (s->p >= s->end || *s->p != '"')
		return -1;
	const char *b = ++s->p;
	while (s->p < s->end && *s->p != '"')
		s->p += *s->p == '\\' ? 2 : 1;
	if (s->p >= s->end)
		return -1;
	if (start) {
		*start = b;
		*len = (size_t)(s->p - b);
	}
	s->p++;
	return 0;
}

static int skip_value(struct scan *s, int depth)
{
	ws(s);
	if (s->p >= s->end || depth > 64)
		return -1;
	if (*s->p == '"')
		return skip_string(s, NULL, NULL);
	if (*s->p == '{' || *s->p == '[') {
		char close = *s->p == '{' ? '}' : ']';
		bool object = *s->p == '{';
		s->p++;
		for (;;) {
			ws(s);
			if (s->p < s->end && *s->p == close) {
				s->p++;
				return 0;
			}
			if (object) {
				if (skip_string(s, NULL, NULL))
					return -1;
				ws(s);
				if (s->p >= s->end || *s->p++ != ':')
					return -1;
			}
			if (skip_value(s, depth + 1))
				return -1;
			ws(s);
			if (s->p < s->end && *s->p == ',')
				s->p++;
		}
	}
	while (s->p < s->end && !strchr(",}] \t\r\n", *s->p))
		s->p++;
	return 0;
}

static bool key_is(const char *k, size_t n, const char *want)
{
	return n == strlen(want) && memcmp(k, want, n) == 0;
}

/* lines[i] = file line of $.templates[i].text, 0 when unknown. */
static void text_lines(const char *text, size_t len, unsigned *lines, size_t n)
{
	struct scan s = { text, text + len, 1 };
	const char *k;
	size_t kn;
	ws(&s);
	if (s.p >= s.end || *s.p++ != '{')
		return;
	for (;;) {
		ws(&s);
		if (skip_string(&s, &k, &kn))
			return;
		ws(&s);
		if (s.p >= s.end || *s.p++ != ':')
			return;
		ws(&s);
		if (!key_is(k, kn, "templates") || s.p >= s.end || *s.p != '[') {
			if (skip_value(&s, 0))
				return;
			ws(&s);
			if (s.p >= s.end || *s.p++ != ',')
				return;
			continue;
		}
		s.p++;
		for (size_t i = 0;; i++) {
			ws(&s);
			if (s.p >= s.end || *s.p != '{')
				return;
			s.p++;
			for (;;) {
				ws(&s);
				if (s.p < s.end && *s.p == '}') {
					s.p++;
					break;
				}
				if (skip_string(&s, &k, &kn))
					return;
				ws(&s);
				if (s.p >= s.end || *s.p++ != ':')
					return;
				ws(&s);
				if (key_is(k, kn, "text") && i < n)
					lines[i] = s.line;
				if (skip_value(&s, 0))
					return;
				ws(&s);
				if (s.p < s.end && *s.p == ',')
					s.p++;
			}
			ws(&s);
			if (s.p >= s.end || *s.p++ != ',')
				return;
		}
	}
}

/* "ORIGIN:N: message" from the template engine → file line, path, name,
 * template line. */
static int template_error(struct err *e, const char *source, unsigned file_line, size_t i,
			  const char *name, const char *origin)
{
	size_t ol = strlen(origin);
	char *end = NULL;
	if (strncmp(e->msg, origin, ol) == 0 && e->msg[ol] == ':') {
		unsigned long n = strtoul(e->msg + ol + 1, &end, 10);
		if (end && end[0] == ':' && end[1] == ' ') {
			char rest[ERR_MSG_MAX];
			snprintf(rest, sizeof rest, "%s", end + 2);
			if (file_line)
				return err_set(e, IPM_EINVAL,
					       "%s:%u: $.templates[%zu].text (\"%s\", line %lu): %s",
					       source, file_line, i, name, n, rest);
			return err_set(e, IPM_EINVAL, "%s: $.templates[%zu].text (\"%s\", line %lu): %s",
				       source, i, name, n, rest);
		}
	}
	return err_prefix(e, "%s: $.templates[%zu].text (\"%s\")", source, i, name);
}

static int compile(struct report_templates *t, const char *source, const char *text, size_t len,
		   struct err *e)
{
	const json_t *list = json_object_get(t->pack->doc, "templates");
	size_t n = json_array_size(list), i;
	unsigned *lines = xcalloc(n ? n : 1, sizeof *lines);
	text_lines(text, len, lines, n);
	int rc = IPM_OK;
	const json_t *tp;
	json_array_foreach(list, i, tp) {
		if (strcmp(json_string_value(json_object_get(tp, "lang")), t->lang))
			continue;
		const char *name = json_string_value(json_object_get(tp, "name"));
		char origin[64];
		snprintf(origin, sizeof origin, "templates[%zu]", i);
		rc = tmpl_set_add(t->set, name, json_string_value(json_object_get(tp, "text")), origin,
				  e);
		if (rc) {
			template_error(e, source, lines[i], i, name, origin);
			break;
		}
		json_object_set_new(t->names, name, json_true());
	}
	free(lines);
	return rc;
}

static int check_complete(struct report_templates *t, const char *source, struct err *e)
{
	if (json_object_size(t->names) == 0)
		return err_set(e, IPM_EINVAL, "%s: $.templates: no template in language \"%s\"",
			       source, t->lang);
	struct buf name = BUF_INIT;
	int rc = IPM_OK;
	for (size_t i = 0; i < sizeof sections / sizeof sections[0] && !rc; i++) {
		buf_reset(&name);
		buf_printf(&name, "section/%s", sections[i]);
		if (!report_templates_has(t, buf_str(&name)))
			rc = err_set(e, IPM_EINVAL, "%s: $.templates: missing template \"%s\" (%s)",
				     source, buf_str(&name), t->lang);
	}
	for (size_t i = 0; i < sizeof required / sizeof required[0] && !rc; i++)
		if (!report_templates_has(t, required[i]))
			rc = err_set(e, IPM_EINVAL, "%s: $.templates: missing template \"%s\" (%s)",
				     source, required[i], t->lang);
	for (size_t i = 0; i < sizeof chart_word / sizeof chart_word[0] && !rc; i++)
		if (!report_templates_has(t, chart_word[i].name))
			rc = err_set(e, IPM_EINVAL, "%s: $.templates: missing template \"%s\" (%s)",
				     source, chart_word[i].name, t->lang);
	buf_free(&name);
	if (!rc && tmpl_set_check(t->set, e))
		rc = err_prefix(e, "%s", source);
	return rc;
}

static int load_words(struct report_templates *t, struct err *e)
{
	const char *name;
	json_t *v;
	json_t *empty = json_object();
	struct buf text = BUF_INIT;
	int rc = IPM_OK;
	json_object_foreach(t->names, name, v) {
		if (strncmp(name, "words/", 6))
			continue;
		buf_reset(&text);
		if ((rc = tmpl_render(t->set, name, empty, &text, e)))
			break;
		json_object_set_new(t->words, name + 6, json_string(buf_str(&text)));
	}
	buf_free(&text);
	json_decref(empty);
	if (rc)
		return err_prefix(e, "%s", t->pack->source_name);
	for (size_t i = 0; i < sizeof chart_word / sizeof chart_word[0]; i++) {
		const char *w = report_templates_word(t, chart_word[i].name + strlen("words/"), NULL);
		if (!w)
			return err_set(e, IPM_EINVAL, "%s: template \"%s\" cannot be rendered",
				       t->pack->source_name, chart_word[i].name);
		*(const char **)((char *)&t->chart + chart_word[i].off) = w;
	}
	/* Dutch and German write 3,5; English 3.5. */
	t->chart.decimal_comma = strcmp(t->lang, "en") != 0;
	return IPM_OK;
}

int report_templates_parse(const char *source_name, const char *text, size_t len,
			   const char *lang, struct report_templates **out, struct err *e)
{
	*out = NULL;
	if (strcmp(lang, "nl") && strcmp(lang, "en") && strcmp(lang, "de"))
		return err_set(e, IPM_EINVAL, "report language must be nl, en or de");
	struct report_templates *t = xcalloc(1, sizeof *t);
	snprintf(t->lang, sizeof t->lang, "%s", lang);
	t->names = json_object();
	t->words = json_object();
	t->set = tmpl_set_new();
	int rc = pack_parse(source_name, text, len, &t->pack, e);
	if (!rc && t->pack->kind != PACK_TEMPLATES)
		rc = err_set(e, IPM_EINVAL, "%s: $.kind: expected \"templates\", not \"%s\"",
			     source_name, pack_kind_name(t->pack->kind));
	if (!rc)
		rc = compile(t, source_name, text, len, e);
	if (!rc)
		rc = check_complete(t, source_name, e);
	if (!rc)
		rc = load_words(t, e);
	if (rc) {
		report_templates_free(t);
		return rc;
	}
	*out = t;
	return IPM_OK;
}

int report_templates_load(const char *path, const char *lang, struct report_templates **out,
			  struct err *e)
{
	struct buf text = BUF_INIT;
	*out = NULL;
	int rc = fs_read_file(path, &text, e);
	if (!rc)
		rc = report_templates_parse(path, buf_str(&text), text.len, lang, out, e);
	buf_free(&text);
	return rc;
}

void report_templates_free(struct report_templates *t)
{
	if (!t)
		return;
	tmpl_set_free(t->set);
	pack_free(t->pack);
	json_decref(t->names);
	json_decref(t->words);
	free(t);
}

bool report_templates_has(const struct report_templates *t, const char *name)
{
	return json_object_get(t->names, name) != NULL;
}

int report_templates_render(const struct report_templates *t, const char *name,
			    const json_t *data, struct buf *out, struct err *e)
{
	return tmpl_render(t->set, name, data, out, e);
}

const char *report_templates_word(const struct report_templates *t, const char *key,
				  const char *dflt)
{
	const char *w = json_string_value(json_object_get(t->words, key));
	return w ? w : dflt;
}

const struct chart_words *report_templates_chart_words(const struct report_templates *t)
{
	return &t->chart;
}

const char *report_templates_id(const struct report_templates *t)
{
	return t->pack->id;
}

const char *report_templates_version(const struct report_templates *t)
{
	return t->pack->version;
}

const char *report_templates_sha256(const struct report_templates *t)
{
	return t->pack->sha256;
}

const char *report_templates_lang(const struct report_templates *t)
{
	return t->lang;
}
