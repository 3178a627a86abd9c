/* /lang?to=en&back=/clients: the language choice from the page header. A
 * cookie (one year) so it holds before login too; back only to our own path. */
#include "web/pages.h"

int page_lang(struct web_request *req)
{
	enum web_lang l;
	if (i18n_lang_parse(web_query(req, "to"), &l) == 0) {
		web_cookie_set(req, "ipm_lang", i18n_lang_code(l), 365 * 24 * 3600, 0);
		if (req->session)
			(void)store_user_set_lang(req->store, req->session->user_id,
						  i18n_lang_code(l), &(struct err){ 0 });
	}
	const char *back = web_query(req, "back");
	return web_redirect(req, back ? back : "/");
}
