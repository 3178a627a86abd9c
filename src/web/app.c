#include "web/app.h"
#include "core/buf.h"
#include "core/fs.h"

#include <dirent.h>
#include <string.h>

static int load_templates(struct tmpl_set *set, const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, IPM_EIO, "%s: cannot open the templates directory", dir);
	int rc = IPM_OK;
	struct dirent *de;
	static const char ext[] = ".mustache";
	while (rc == IPM_OK && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (de->d_name[0] == '.' || n <= sizeof ext - 1 ||
		    strcmp(de->d_name + n - (sizeof ext - 1), ext) != 0)
			continue;
		struct buf path = BUF_INIT, text = BUF_INIT, name = BUF_INIT;
		buf_printf(&path, "%s/%s", dir, de->d_name);
		buf_add(&name, de->d_name, n - (sizeof ext - 1));
		rc = fs_read_file(path.data, &text, e);
		if (rc == IPM_OK)
			rc = tmpl_set_add(set, name.data, buf_str(&text), path.data, e);
		buf_free(&path);
		buf_free(&text);
		buf_free(&name);
	}
	closedir(d);
	return rc ? rc : tmpl_set_check(set, e);
}

int web_app_load(struct web_app *app, const struct web_app_config *cfg, struct err *e)
{
	*app = (struct web_app){ .secure_cookies = cfg->secure_cookies,
				 .trust_proxy = cfg->trust_proxy,
				 .data_dir = cfg->data_dir };
	session_config_default(&app->session);
	app->tmpl = tmpl_set_new();
	app->cat_names = web_cat_names_new();
	struct buf dir = BUF_INIT;
	buf_printf(&dir, "%s/templates/web", cfg->data_dir);
	int rc = load_templates(app->tmpl, dir.data, e);
	if (rc == IPM_OK) {
		buf_reset(&dir);
		buf_printf(&dir, "%s/locale", cfg->data_dir);
		rc = i18n_load(&app->i18n, dir.data, e);
	}
	if (rc == IPM_OK) {
		buf_reset(&dir);
		buf_printf(&dir, "%s/static", cfg->data_dir);
		rc = web_static_load(&app->assets, dir.data, e);
	}
	if (rc == IPM_OK) {
		buf_reset(&dir);
		buf_printf(&dir, "%s/packs", cfg->data_dir);
		rc = cat_vocab_load(dir.data, &app->arena, &app->vocab, e);
	}
	if (rc == IPM_OK && cfg->key_file && fs_exists(cfg->key_file)) {
		rc = sensitive_key_load(cfg->key_file, &app->key, e);
		app->have_key = rc == IPM_OK;
	}
	buf_free(&dir);
	if (rc)
		web_app_free(app);
	return rc;
}

void web_app_free(struct web_app *app)
{
	tmpl_set_free(app->tmpl);
	i18n_free(&app->i18n);
	web_static_free(&app->assets);
	sensitive_key_wipe(&app->key);
	web_cat_names_free(app->cat_names);
	arena_free(&app->arena);
	*app = (struct web_app){ 0 };
}
