#include "pack/semantic.h"

#include <string.h>

struct tp {
	json_t *names; /* "name (lang)" -> first path */
	const json_t *languages;
};

static int declared(const json_t *languages, const char *lang)
{
	size_t i;
	json_t *l;
	json_array_foreach(languages, i, l)
		if (strcmp(json_string_value(l), lang) == 0)
			return 1;
	return 0;
}

static void check_template(struct sem *s, size_t i, const json_t *tmpl, void *ctx)
{
	struct tp *tp = ctx;
	const char *lang = json_string_value(json_object_get(tmpl, "lang"));
	struct buf key = BUF_INIT;
	(void)i;
	buf_printf(&key, "%s (%s)", json_string_value(json_object_get(tmpl, "name")), lang);
	sem_note_unique(s, tp->names, buf_str(&key), "name");
	buf_free(&key);
	if (!declared(tp->languages, lang)) {
		size_t mark = jpath_push_key(&s->path, "lang");
		sem_error(s, "\"%s\" is not in $.languages", lang);
		jpath_pop(&s->path, mark);
	}
}

void semantic_templates(struct sem *s)
{
	struct tp tp = { json_object(), json_object_get(s->doc, "languages") };
	sem_each(s, s->doc, "templates", check_template, &tp);
	json_decref(tp.names);
}
