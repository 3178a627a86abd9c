#include "web/i18n.h"
#include "core/buf.h"
#include "core/fs.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MO_MAGIC 0x950412deu

static const char *const codes[LANG_N] = { "nl", "en", "de" };

static uint32_t rd32(const struct i18n_catalog *c, size_t off)
{
	const unsigned char *p = c->data + off;
	if (c->swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The string of entry i of the table at `table`; NULL when out of bounds or
 * not NUL-terminated where the entry says it ends. */
static const char *entry(const struct i18n_catalog *c, uint32_t table, uint32_t i)
{
	size_t at = (size_t)table + (size_t)i * 8;
	uint32_t len = rd32(c, at), off = rd32(c, at + 4);
	if ((size_t)off + len >= c->size || c->data[(size_t)off + len] != '\0')
		return NULL;
	return (const char *)c->data + off;
}

int i18n_parse(struct i18n_catalog *c, unsigned char *data, size_t size, const char *origin,
	       struct err *e)
{
	struct i18n_catalog t = { .data = data, .size = size };
	if (size < 28)
		return err_set(e, IPM_EINVAL, "%s: not a .mo file (too short)", origin);
	uint32_t magic = rd32(&t, 0);
	if (magic != MO_MAGIC) {
		t.swap = 1;
		if (rd32(&t, 0) != MO_MAGIC)
			return err_set(e, IPM_EINVAL, "%s: not a .mo file (bad magic)", origin);
	}
	if (rd32(&t, 4) >> 16 > 1)
		return err_set(e, IPM_EINVAL, "%s: unknown .mo revision", origin);
	t.n = rd32(&t, 8);
	t.orig = rd32(&t, 12);
	t.trans = rd32(&t, 16);
	if (t.n > size / 16 || (size_t)t.orig + (size_t)t.n * 8 > size ||
	    (size_t)t.trans + (size_t)t.n * 8 > size || (t.orig | t.trans) % 4)
		return err_set(e, IPM_EINVAL, "%s: string tables outside the file", origin);
	const char *prev = NULL;
	for (uint32_t i = 0; i < t.n; i++) {
		const char *o = entry(&t, t.orig, i);
		if (!o || !entry(&t, t.trans, i))
			return err_set(e, IPM_EINVAL, "%s: entry %u lies outside the file", origin,
				       (unsigned)i);
		if (prev && strcmp(prev, o) >= 0)
			return err_set(e, IPM_EINVAL, "%s: entry %u is out of order", origin,
				       (unsigned)i);
		prev = o;
	}
	*c = t;
	return IPM_OK;
}

int i18n_load(struct i18n *t, const char *dir, struct err *e)
{
	*t = (struct i18n){ 0 };
	for (int l = 0; l < LANG_N; l++) {
		struct buf path = BUF_INIT, data = BUF_INIT;
		buf_printf(&path, "%s/%s.mo", dir, codes[l]);
		if (!fs_exists(path.data)) {
			int rc = IPM_OK;
			if (l == LANG_NL)
				rc = err_set(e, IPM_EIO, "%s: missing (make builds it from po/nl.po)",
					     path.data);
			buf_free(&path);
			if (rc) {
				i18n_free(t);
				return rc;
			}
			continue;
		}
		int rc = fs_read_file(path.data, &data, e);
		if (rc == IPM_OK) {
			size_t n = 0;
			unsigned char *bytes = (unsigned char *)buf_detach(&data, &n);
			rc = i18n_parse(&t->cat[l], bytes, n, path.data, e);
			if (rc)
				free(bytes);
		}
		buf_free(&path);
		if (rc) {
			i18n_free(t);
			return rc;
		}
	}
	return IPM_OK;
}

void i18n_free(struct i18n *t)
{
	for (int l = 0; l < LANG_N; l++)
		free(t->cat[l].data);
	*t = (struct i18n){ 0 };
}

const char *i18n_text(const struct i18n *t, enum web_lang lang, const char *msgid)
{
	const struct i18n_catalog *c = lang < LANG_N ? &t->cat[lang] : NULL;
	if (!c || !c->data)
		return msgid;
	uint32_t lo = 0, hi = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(msgid, entry(c, c->orig, mid));
		if (cmp == 0) {
			const char *tr = entry(c, c->trans, mid);
			return *tr ? tr : msgid;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}

const char *i18n_lang_code(enum web_lang lang)
{
	return lang < LANG_N ? codes[lang] : codes[LANG_NL];
}

int i18n_lang_parse(const char *code, enum web_lang *out)
{
	for (int l = 0; code && l < LANG_N; l++)
		if (strcmp(code, codes[l]) == 0) {
			*out = (enum web_lang)l;
			return 0;
		}
	return -1;
}

/* q-value of one range "nl-NL;q=0.8" (1000 = 1.0); -1 when malformed. */
static int qvalue(const char *params, const char *end)
{
	const char *q = params;
	while (q < end && (*q == ' ' || *q == ';'))
		q++;
	if (q == end)
		return 1000;
	if (end - q < 3 || (q[0] != 'q' && q[0] != 'Q') || q[1] != '=')
		return -1;
	q += 2;
	int v = 0, scale = 1000, digits = 0;
	if (*q == '0' || *q == '1') {
		v = (*q - '0') * 1000;
		q++;
		if (q < end && *q == '.')
			for (q++; q < end && *q >= '0' && *q <= '9' && digits < 3; q++, digits++)
				v += (*q - '0') * (scale /= 10);
	} else {
		return -1;
	}
	while (q < end && *q == ' ')
		q++;
	return q == end && v <= 1000 ? v : -1;
}

enum web_lang i18n_negotiate(const char *h)
{
	enum web_lang best = LANG_NL;
	int best_q = 0;
	for (const char *p = h; p && *p;) {
		const char *comma = strchr(p, ',');
		const char *end = comma ? comma : p + strlen(p);
		while (p < end && *p == ' ')
			p++;
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *tag_end = semi ? semi : end;
		while (tag_end > p && tag_end[-1] == ' ')
			tag_end--;
		size_t primary = 0;
		while (p + primary < tag_end && p[primary] != '-')
			primary++;
		int q = qvalue(tag_end, end);
		for (int l = 0; l < LANG_N && q > best_q; l++)
			if (primary == 2 && strncasecmp(p, codes[l], 2) == 0) {
				best = (enum web_lang)l;
				best_q = q;
			}
		p = comma ? comma + 1 : end;
	}
	return best;
}
