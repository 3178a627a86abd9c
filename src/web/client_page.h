/* What the pages of one client's route steps share (questionnaires and
 * results, factor interview, profile, prognosis, judgement, instruments,
 * reports): the access check, the audited read of the client's name for the
 * heading, the day, the language, and the tabs between the steps — each tab
 * only for a role that may open it. */
#ifndef IPM_WEB_CLIENT_PAGE_H
#define IPM_WEB_CLIENT_PAGE_H

#include "engine/questionnaire.h"
#include "report/chart.h"
#include "web/request.h"

#include <jansson.h>

struct client_page {
	int64_t id;
	struct store_actor who;
	struct store_client c;   /* strings in the request's arena */
	char today[11];          /* YYYY-MM-DD, UTC */
	enum q_lang lang;        /* the UI language */
};

/* The client of route parameter {id}, when req->user may use `perm` on it
 * (services/access.h; a refusal is audited 'denied' of `entity`).
 * IPM_ENOTFOUND for a bad id or no such client, IPM_EPERM when refused. */
int client_page_open(struct web_request *req, enum access_perm perm, const char *entity,
		     struct client_page *cp);

/* Sets view.client {name, reference, href} and view.tabs (the step pages
 * the role may open; `current` is the one shown: "" (the dossier),
 * "questionnaires", "factors", "profile", "prognosis", "judgement",
 * "instruments", "reports"). */
void client_page_view(struct web_request *req, const struct client_page *cp, json_t *v,
		      const char *current);

/* "/clients/ID/PAGE" when the role may open that step page (one of the
 * tabs above), else NULL: for links to a step from elsewhere. */
const char *client_page_step_href(struct web_request *req, int64_t id, const char *page);

/* "/clients/ID/SUFFIX" (suffix "" = the dossier) as an arena string. */
const char *client_page_href(struct web_request *req, int64_t id, const char *suffix);

/* Sets view[key] to a number written the UI's way (comma in nl and de). */
void client_page_number(struct web_request *req, json_t *v, const char *key, double x,
			int decimals);

/* The words charts draw, in the UI's language. */
void client_page_chart_words(struct web_request *req, struct chart_words *w);

/* Renders the chart as inline SVG into view[key] ({{&key}} in the
 * template: markup IPM made) and its text alternative into view[key_alt]. */
int client_page_chart(json_t *v, const char *key, const struct chart *c, double width);

/* A rating as people write it: "−2", "−1", "0", "+1", "+2" (a real minus). */
const char *client_page_signed(int v);

/* "57 %" from a probability, written the UI's way. */
const char *client_page_percent(struct web_request *req, double p);

/* Who can reduce a hindering factor, from its influence class in the
 * factor catalogue (intern, extern, none), in the UI language; "" for NULL. */
const char *client_page_influence(struct web_request *req, const char *influence);

#endif
