#include "web/form.h"
#include "core/utf8.h"

#include <string.h>

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s[0..n) into a new arena string; -1 on a bad escape. */
static long decode(const char *s, size_t n, struct arena *a, char **out)
{
	char *d = arena_alloc(a, n + 1), *p = d;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			*p++ = ' ';
		} else if (s[i] == '%') {
			int hi = i + 2 < n ? hexval(s[i + 1]) : -1;
			int lo = i + 2 < n ? hexval(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return -1;
			*p++ = (char)(hi << 4 | lo);
			i += 2;
		} else {
			*p++ = s[i];
		}
	}
	*p = '\0';
	*out = d;
	return p - d;
}

static int controls_ok(const char *s, size_t n, int allow_space_controls)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == 0x7f)
			return 0;
		if (c < 0x20 && !(allow_space_controls && (c == '\t' || c == '\r' || c == '\n')))
			return 0;
	}
	return 1;
}

int form_parse(const char *data, size_t len, const struct form_limits *lim, struct arena *a,
	       struct form *out, struct err *e)
{
	*out = (struct form){ 0 };
	size_t cap = 0, pos = 0;
	const char *p = data, *end = data + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *seg_end = amp ? amp : end;
		if (seg_end == p) { /* "a=1&&b=2": empty parts are skipped */
			p = seg_end + 1;
			continue;
		}
		pos++;
		if (out->n == lim->max_fields)
			return err_set(e, IPM_EINVAL, "form: more than %zu fields", lim->max_fields);
		const char *eq = memchr(p, '=', (size_t)(seg_end - p));
		const char *name_end = eq ? eq : seg_end;
		const char *val = eq ? eq + 1 : seg_end;
		char *name, *value;
		long nn = decode(p, (size_t)(name_end - p), a, &name);
		if (nn < 0)
			return err_set(e, IPM_EINVAL, "form: field %zu: bad percent escape in the name",
				       pos);
		if (nn == 0 || (size_t)nn > lim->max_name || !utf8_valid(name, (size_t)nn) ||
		    !controls_ok(name, (size_t)nn, 0))
			return err_set(e, IPM_EINVAL,
				       "form: field %zu: the name is empty, longer than %zu bytes or "
				       "not printable UTF-8",
				       pos, lim->max_name);
		long vn = decode(val, (size_t)(seg_end - val), a, &value);
		if (vn < 0)
			return err_set(e, IPM_EINVAL, "form: %s: bad percent escape", name);
		if ((size_t)vn > lim->max_value)
			return err_set(e, IPM_EINVAL, "form: %s: longer than %zu bytes", name,
				       lim->max_value);
		if (!utf8_valid(value, (size_t)vn) || !controls_ok(value, (size_t)vn, 1))
			return err_set(e, IPM_EINVAL, "form: %s: not valid UTF-8 text", name);
		if (out->n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct form_field *nf = arena_array(a, ncap, sizeof *nf);
			if (out->n)
				memcpy(nf, out->fields, out->n * sizeof *nf);
			out->fields = nf;
			cap = ncap;
		}
		out->fields[out->n++] = (struct form_field){ name, value, (size_t)vn };
		p = amp ? amp + 1 : end;
	}
	return IPM_OK;
}

const char *form_get(const struct form *f, const char *name)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (strcmp(f->fields[i].name, name) == 0)
			return f->fields[i].value;
	return NULL;
}
