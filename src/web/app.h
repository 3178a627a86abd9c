/* Everything the pages share, loaded once when the server starts and
 * read-only afterwards: templates, UI strings, static assets, the field
 * encryption key and the security settings; and the catalogue's names,
 * which follow the catalogue (web/cat_names.h). */
#ifndef IPM_WEB_APP_H
#define IPM_WEB_APP_H

#include "core/arena.h"
#include "core/tmpl.h"
#include "pack/catalogue_vocab.h"
#include "services/sensitive.h"
#include "services/session.h"
#include "web/cat_names.h"
#include "web/i18n.h"
#include "web/static.h"

struct web_app_config {
	const char *data_dir;  /* templates/web, static, locale below it */
	const char *key_file;  /* NULL = no special-category fields can be opened */
	int secure_cookies;    /* always mark cookies Secure (TLS in front, no proxy header) */
	int trust_proxy;       /* believe X-Forwarded-Proto/-For from the proxy in front */
};

struct web_app {
	struct tmpl_set *tmpl;
	struct i18n i18n;
	struct web_static assets;
	struct session_config session;
	struct sensitive_key key;
	int have_key;
	const char *data_dir; /* borrowed from the config (packs for matching and reports) */
	int secure_cookies, trust_proxy;
	struct web_cat_names *cat_names; /* the one part that changes: by generation */
	struct arena arena;              /* owns vocab */
	struct cat_vocab vocab;          /* the Eva code lists of DATA/packs, for labels */
};

/* Loads DATA/templates/web/NAME.mustache (each template by NAME; the set is
 * checked), DATA/locale/LANG.mo, DATA/static/, the catalogue's code lists
 * from DATA/packs and the key file. Errors name the file. */
int web_app_load(struct web_app *app, const struct web_app_config *cfg, struct err *e);
void web_app_free(struct web_app *app);

#endif
