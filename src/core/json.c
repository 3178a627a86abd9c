#include "core/json.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

int json_parse_text(const char *name, const char *text, size_t len, json_t **out,
		    struct err *e)
{
	json_error_t je;
	json_t *v = json_loadb(text, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	if (!v)
		return err_set(e, IPM_EINVAL, "%s:%d:%d: %s", name, je.line, je.column,
			       je.text);
	*out = v;
	return IPM_OK;
}

static int dump_cb(const char *data, size_t size, void *ctx)
{
	buf_add(ctx, data, size);
	return 0;
}

void json_to_buf(const json_t *v, struct buf *out, int pretty)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY;
	flags |= pretty ? JSON_INDENT(2) : JSON_COMPACT;
	json_dump_callback(v, dump_cb, out, flags);
}

void jpath_root(struct jpath *p)
{
	p->s[0] = '$';
	p->s[1] = '\0';
	p->len = 1;
}

static size_t jpath_append(struct jpath *p, const char *text)
{
	size_t mark = p->len;
	size_t n = strlen(text);
	if (p->len + n >= sizeof p->s) {
		/* Keep the path readable rather than silently wrong. */
		n = sizeof p->s - 1 - p->len;
	}
	memcpy(p->s + p->len, text, n);
	p->len += n;
	p->s[p->len] = '\0';
	return mark;
}

static int is_plain_key(const char *k)
{
	if (!*k || isdigit((unsigned char)*k))
		return 0;
	for (; *k; k++)
		if (!isalnum((unsigned char)*k) && *k != '_' && *k != '-')
			return 0;
	return 1;
}

size_t jpath_push_key(struct jpath *p, const char *key)
{
	char part[300];
	if (is_plain_key(key) && strlen(key) < 200) {
		snprintf(part, sizeof part, ".%s", key);
	} else {
		size_t n = 0;
		part[n++] = '[';
		part[n++] = '"';
		for (const char *k = key; *k && n < sizeof part - 4; k++) {
			unsigned char c = (unsigned char)*k;
			part[n++] = (c < 0x20 || c == '"' || c == '\\') ? '?' : (char)c;
		}
		part[n++] = '"';
		part[n++] = ']';
		part[n] = '\0';
	}
	return jpath_append(p, part);
}

size_t jpath_push_index(struct jpath *p, size_t index)
{
	char part[32];
	snprintf(part, sizeof part, "[%zu]", index);
	return jpath_append(p, part);
}

void jpath_pop(struct jpath *p, size_t mark)
{
	p->len = mark;
	p->s[mark] = '\0';
}

const char *json_type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "object";
	case JSON_ARRAY: return "array";
	case JSON_STRING: return "string";
	case JSON_INTEGER: return "integer";
	case JSON_REAL: return "number";
	case JSON_TRUE:
	case JSON_FALSE: return "boolean";
	case JSON_NULL: return "null";
	}
	return "unknown";
}
