#include "web/client_page.h"
#include "core/timeutil.h"
#include "web/view.h"

#include <math.h>
#include <stdbool.h>
#include <string.h>

int client_page_open(struct web_request *req, enum access_perm perm, const char *entity,
		     struct client_page *cp)
{
	struct access_grant g;
	struct err e;
	memset(cp, 0, sizeof *cp);
	cp->id = web_param_id(req, "id");
	if (cp->id < 0)
		return IPM_ENOTFOUND;
	/* Outside the caseload these pages are refused: exceptional access
	 * with a reason goes through the dossier page, which records why. */
	int rc = access_client(req->store, &req->user, cp->id, perm, NULL, entity, &g, &e);
	if (rc == IPM_OK && g.break_glass)
		rc = IPM_EPERM;
	if (rc)
		return rc;
	cp->who = (struct store_actor){ .user_id = req->user.user_id };
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	memcpy(cp->today, now, 10);
	cp->today[10] = '\0';
	cp->lang = (enum q_lang)req->lang;
	return store_client_get(req->store, &cp->who, cp->id, &cp->c, &req->arena, &e);
}

const char *client_page_href(struct web_request *req, int64_t id, const char *suffix)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "/clients/%lld%s%s", (long long)id, *suffix ? "/" : "", suffix);
	const char *s = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return s;
}

/* The step pages of a client, in route order, and who may open them. */
static const struct {
	const char *id, *msgid;
	enum access_perm perm;
} tabs[] = {
	{ "", N_("Client file"), PERM_DOSSIER_READ },
	{ "questionnaires", N_("Questionnaires"), PERM_TEST_DETAILS },
	{ "factors", N_("Factor interview"), PERM_TEST_DETAILS },
	{ "profile", N_("Factor profile"), PERM_CONCLUSIONS },
	{ "prognosis", N_("Prognosis"), PERM_CONCLUSIONS },
	{ "judgement", N_("Judgement"), PERM_DOSSIER_WRITE },
	{ "instruments", N_("Instruments"), PERM_CONCLUSIONS },
	{ "reports", N_("Reports"), PERM_CONCLUSIONS },
};
#define N_TABS (sizeof tabs / sizeof tabs[0])

static bool tab_allowed(const struct web_request *req, size_t i)
{
	/* The interview writes the dossier too. */
	return access_allows(req->user.role, tabs[i].perm) &&
	       (strcmp(tabs[i].id, "factors") != 0 ||
		access_allows(req->user.role, PERM_DOSSIER_WRITE));
}

const char *client_page_step_href(struct web_request *req, int64_t id, const char *page)
{
	for (size_t i = 0; i < N_TABS; i++)
		if (!strcmp(tabs[i].id, page))
			return tab_allowed(req, i) ? client_page_href(req, id, page) : NULL;
	return NULL;
}

void client_page_view(struct web_request *req, const struct client_page *cp, json_t *v,
		      const char *current)
{
	json_t *c = json_object();
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s %s", cp->c.given_name, cp->c.family_name);
	web_view_set(c, "name", b.data);
	buf_free(&b);
	web_view_set(c, "reference", cp->c.reference);
	web_view_set(c, "href", client_page_href(req, cp->id, ""));
	json_object_set_new(v, "client", c);
	json_t *list = json_array();
	for (size_t i = 0; i < N_TABS; i++) {
		if (!tab_allowed(req, i))
			continue;
		json_t *t = json_object();
		web_view_set(t, "href", client_page_href(req, cp->id, tabs[i].id));
		web_view_set(t, "label", web_text(req, tabs[i].msgid));
		json_object_set_new(t, "current", json_boolean(strcmp(tabs[i].id, current) == 0));
		json_array_append_new(list, t);
	}
	json_object_set_new(v, "tabs", list);
	web_view_set(v, "tabs_label", web_text(req, N_("Steps of this client")));
}

static void put_number(struct web_request *req, struct buf *b, double x, int decimals)
{
	/* A real minus sign, as printed text has it. */
	if (x < 0 && round(x * pow(10, decimals)) != 0)
		buf_puts(b, "−");
	x = fabs(x);
	size_t at = b->len;
	buf_printf(b, "%.*f", decimals, x);
	if (req->lang != LANG_EN)
		for (size_t i = at; i < b->len; i++)
			if (b->data[i] == '.')
				b->data[i] = ',';
}

void client_page_number(struct web_request *req, json_t *v, const char *key, double x,
			int decimals)
{
	if (!isfinite(x)) {
		web_view_set(v, key, NULL);
		return;
	}
	struct buf b = BUF_INIT;
	put_number(req, &b, x, decimals);
	web_view_set(v, key, b.data);
	buf_free(&b);
}

const char *client_page_percent(struct web_request *req, double p)
{
	struct buf b = BUF_INIT;
	put_number(req, &b, 100 * p, 0);
	buf_puts(&b, " %");
	const char *s = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return s;
}

const char *client_page_influence(struct web_request *req, const char *influence)
{
	if (!influence)
		return "";
	if (!strcmp(influence, "intern"))
		return web_text(req, N_("our own organisation"));
	if (!strcmp(influence, "extern"))
		return web_text(req, N_("another party"));
	return web_text(req, N_("nobody (a given)"));
}

void client_page_chart_words(struct web_request *req, struct chart_words *w)
{
	*w = chart_words_nl;
	w->months = web_text(req, N_("months from now"));
	w->now = web_text(req, N_("now"));
	w->cumulative = web_text(req, N_("chance of work by then"));
	w->year_ahead = web_text(req, N_("chance of work within the year after"));
	w->kritisch = web_text(req, N_("critical moment"));
	w->hindering = web_text(req, N_("hinders"));
	w->facilitating = web_text(req, N_("helps"));
	w->after_months = web_text(req, N_("after {n} months"));
	w->not_reached = web_text(req, N_("not within this period"));
	w->decimal_comma = req->lang != LANG_EN;
}

int client_page_chart(json_t *v, const char *key, const struct chart *c,
		      double width)
{
	struct buf svg = BUF_INIT, alt = BUF_INIT, k = BUF_INIT;
	struct err e;
	int rc = chart_svg(c, width, key, &svg, &e);
	if (rc == IPM_OK) {
		chart_alt(c, &alt);
		web_view_set(v, key, svg.data);
		buf_printf(&k, "%s_alt", key);
		web_view_set(v, k.data, alt.data);
	}
	buf_free(&svg);
	buf_free(&alt);
	buf_free(&k);
	return rc;
}

const char *client_page_signed(int v)
{
	static const char *const s[] = { "−2", "−1", "0", "+1", "+2" };
	return v >= -2 && v <= 2 ? s[v + 2] : "?";
}
