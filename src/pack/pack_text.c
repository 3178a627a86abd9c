#include "pack/pack_text.h"

struct q_text pack_text(struct arena *a, const json_t *t)
{
	static const char *const lang[Q_LANGS] = { "nl", "en", "de" };
	struct q_text out = { { NULL } };
	for (int l = 0; l < Q_LANGS; l++) {
		const char *s = json_string_value(json_object_get(t, lang[l]));
		if (s)
			out.t[l] = arena_strdup(a, s);
	}
	return out;
}
