/* UI strings: GNU gettext catalogues (po/LANG.po, compiled by msgfmt at build
 * time into data/locale/LANG.mo) looked up per request.
 *
 * Why not glibc's gettext(): it translates for the process locale, which is
 * global (a server answers each request in its own language) and needs the
 * nl_NL/de_DE locales generated on the machine, which a minimal Debian does
 * not have. The .mo format is small and documented; this reads it directly,
 * so lookup is thread-safe, locale-free and a binary search.
 *
 * Message ids are English (C convention); Dutch is the default language, so
 * nl.mo must exist and a string missing from it is a build-time check
 * (tests/unit/test_i18n.c), not a surprise in the UI. */
#ifndef IPM_WEB_I18N_H
#define IPM_WEB_I18N_H

#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

/* Marks a string for xgettext without translating it here. */
#define N_(s) s

enum web_lang { LANG_NL, LANG_EN, LANG_DE, LANG_N };

struct i18n_catalog {
	unsigned char *data; /* the whole .mo file, owned */
	size_t size;
	uint32_t n, orig, trans; /* entry count and table offsets */
	int swap;                /* written on a machine of the other byte order */
};

struct i18n {
	struct i18n_catalog cat[LANG_N];
};

/* Takes over `data` (malloc'd) on success. Checks every offset and length,
 * the terminating NULs and that the originals are sorted. */
int i18n_parse(struct i18n_catalog *c, unsigned char *data, size_t size, const char *origin,
	       struct err *e);
/* Loads DIR/nl.mo (required), DIR/en.mo and DIR/de.mo (when present). */
int i18n_load(struct i18n *t, const char *dir, struct err *e);
void i18n_free(struct i18n *t);

/* The translation of msgid, or msgid itself. */
const char *i18n_text(const struct i18n *t, enum web_lang lang, const char *msgid);

const char *i18n_lang_code(enum web_lang lang);
/* 0 and *out for "nl", "en" or "de"; -1 otherwise. */
int i18n_lang_parse(const char *code, enum web_lang *out);
/* The best of nl/en/de for an Accept-Language header (RFC 9110 §12.5.4:
 * highest q wins, earlier wins a tie); LANG_NL when none matches. */
enum web_lang i18n_negotiate(const char *accept_language);

#endif
