#include "pack/pack_ref.h"

#include <string.h>

static bool is_id_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (!first && (c == '.' || c == '_' || c == '-'));
}

int pack_ref_parse(const char *text, struct pack_ref *out)
{
	struct pack_ref r = { 0 };
	const char *at = strchr(text, '@');
	size_t n = at ? (size_t)(at - text) : strlen(text);
	if (n == 0 || n > PACK_REF_ID_MAX)
		return IPM_EINVAL;
	for (size_t i = 0; i < n; i++)
		if (!is_id_char(text[i], i == 0))
			return IPM_EINVAL;
	memcpy(r.id, text, n);
	if (at) {
		if (semver_parse(at + 1, &r.version) != IPM_OK)
			return IPM_EINVAL;
		r.has_version = true;
	}
	*out = r;
	return IPM_OK;
}

bool pack_ref_matches(const struct pack_ref *ref, const struct pack *p)
{
	return strcmp(ref->id, p->id) == 0 &&
	       (!ref->has_version || semver_compare(&ref->version, &p->semver) == 0);
}

int pack_find(struct pack *const *packs, size_t count, const char *spec, enum pack_kind kind,
	      const char *where, struct pack **out, struct err *e)
{
	struct pack_ref ref;
	if (pack_ref_parse(spec, &ref) != IPM_OK)
		return err_set(e, IPM_EINVAL,
			       "\"%s\" is not a pack reference (ID or ID@VERSION, e.g. "
			       "ipip-neo-120@1.0.0)",
			       spec);
	struct pack *best = NULL;
	const struct pack *other = NULL; /* the same id in another version or kind */
	for (size_t i = 0; i < count; i++) {
		struct pack *p = packs[i];
		if (strcmp(p->id, ref.id) != 0)
			continue;
		if (p->kind != kind || !pack_ref_matches(&ref, p)) {
			other = p;
			continue;
		}
		if (!best || semver_compare(&p->semver, &best->semver) > 0)
			best = p;
	}
	if (best) {
		*out = best;
		return IPM_OK;
	}
	if (other && other->kind != kind)
		return err_set(e, IPM_EINVAL, "pack %s in %s is a %s pack, not a %s", ref.id, where,
			       pack_kind_name(other->kind), pack_kind_name(kind));
	if (other)
		return err_set(e, IPM_EINVAL, "%s has pack %s only in version %s, not %s", where,
			       ref.id, other->version, spec + strlen(ref.id) + 1);
	return err_set(e, IPM_EINVAL, "no pack %s in %s", ref.id, where);
}
