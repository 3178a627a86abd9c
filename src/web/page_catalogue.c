/* /catalogue: the organisation's instrument catalogue (DOMAIN §5) — full
 * text search with facets and their counts (store_catalogue_search), the
 * facets as checkboxes in a GET form so that it works without JavaScript,
 * paging; /catalogue/{iid}: one instrument with every Eva field. The
 * catalogue holds no personal data: every signed-in user may read it. */
#include "core/timeutil.h"
#include "core/utf8.h"
#include "pack/catalogue_vocab.h"
#include "services/catalogue_fmt.h"
#include "store/store_catalogue.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#define VALUES_MAX 64 /* chosen values per facet */
#define MARK_OPEN "\x01"
#define MARK_CLOSE "\x02"

static const struct web_text texts[] = {
	{ "heading", N_("Instrument catalogue") },
	{ "search", N_("Search in name, summary, goal and method") },
	{ "search_button", N_("Search") },
	{ "filters", N_("Filter") },
	{ "apply", N_("Apply the filters") },
	{ "clear", N_("Clear everything") },
	{ "results", N_("Results") },
	{ "none", N_("No instrument matches.") },
	{ "previous", N_("Previous page") },
	{ "next", N_("Next page") },
	{ "published_only", N_("Only instruments that are published today.") },
	{ "everyone", N_("For everyone (no target group)") },
};

static const char *const facet_msgids[STORE_CAT_NFACETS] = {
	[STORE_CAT_TILE] = N_("Tile of the work landscape"),
	[STORE_CAT_KLANTKENMERK] = N_("Client characteristic"),
	[STORE_CAT_FORM] = N_("Form of delivery"),
	[STORE_CAT_TARGET_GROUP] = N_("Target group"),
	[STORE_CAT_REGION] = N_("Region"),
	[STORE_CAT_GEMEENTE] = N_("Municipality"),
	[STORE_CAT_WIJK] = N_("District"),
	[STORE_CAT_SETTING] = N_("Group or individual"),
};

/* The facets shown, in this order (regions and districts are long lists
 * that the municipality already narrows). */
static const enum store_cat_facet shown[] = {
	STORE_CAT_TILE, STORE_CAT_KLANTKENMERK, STORE_CAT_FORM, STORE_CAT_TARGET_GROUP,
	STORE_CAT_GEMEENTE, STORE_CAT_SETTING,
};

struct chosen {
	struct arena *a;
	struct cat_strs f[STORE_CAT_NFACETS];
};

static enum MHD_Result arg_seen(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	(void)kind;
	struct chosen *c = cls;
	if (!key || !value || !*value || !utf8_valid(value, strlen(value)) || strlen(value) > 64)
		return MHD_YES;
	for (int i = 0; i < STORE_CAT_NFACETS; i++) {
		if (strcmp(key, store_cat_facet_names[i]) != 0 || c->f[i].n == VALUES_MAX)
			continue;
		if (!c->f[i].v)
			c->f[i].v = arena_array(c->a, VALUES_MAX, sizeof *c->f[i].v);
		c->f[i].v[c->f[i].n++] = arena_strdup(c->a, value);
	}
	return MHD_YES;
}

static bool is_chosen(const struct cat_strs *s, const char *code)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], code))
			return true;
	return false;
}

static void urlencode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '_' || *p == '.')
			buf_putc(b, (char)*p);
		else
			buf_printf(b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
}

/* /catalogue?… for another page of the same search. */
static const char *page_href(struct web_request *req, const char *q, const struct chosen *c,
			     size_t page)
{
	struct buf b = BUF_INIT;
	buf_printf(&b, "/catalogue?page=%zu", page);
	if (q && *q) {
		buf_puts(&b, "&q=");
		urlencode(&b, q);
	}
	for (int i = 0; i < STORE_CAT_NFACETS; i++)
		for (size_t k = 0; k < c->f[i].n; k++) {
			buf_printf(&b, "&%s=", store_cat_facet_names[i]);
			urlencode(&b, c->f[i].v[k]);
		}
	const char *s = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return s;
}

static const char *code_label(const struct cat_vocab *v, enum store_cat_facet f, const char *code)
{
	const struct code_list *l = f == STORE_CAT_TILE	  ? &v->tiles
				    : f == STORE_CAT_KLANTKENMERK ? &v->klantkenmerken
				    : f == STORE_CAT_FORM	  ? &v->forms
								  : NULL;
	const struct code_entry *e = l ? code_list_find(l, code) : NULL;
	return e && e->label_nl ? e->label_nl : NULL;
}

/* The snippet as [{text, mark}], so the template escapes every part. */
static json_t *snippet_json(struct arena *ar, const char *s)
{
	json_t *a = json_array();
	bool mark = false;
	while (s && *s) {
		size_t n = strcspn(s, MARK_OPEN MARK_CLOSE);
		if (n) {
			json_array_append_new(a, json_pack("{s:s, s:b}", "text",
							   arena_strndup(ar, s, n), "mark", mark));
		}
		s += n;
		if (*s) {
			mark = *s == MARK_OPEN[0];
			s++;
		}
	}
	return a;
}

int page_catalogue(struct web_request *req)
{
	struct store_cat_query q;
	struct store_cat_result r;
	struct err e;
	struct chosen c = { .a = &req->arena };
	char today[11];
	store_cat_query_init(&q);
	const char *text = web_query(req, "q");
	if (text && strlen(text) > 200)
		text = NULL;
	const char *pg = web_query(req, "page");
	long page = pg ? strtol(pg, NULL, 10) : 1;
	if (page < 1 || page > 10000)
		page = 1;
	MHD_get_connection_values(req->conn, MHD_GET_ARGUMENT_KIND, arg_seen, &c);
	q.text = text;
	for (int i = 0; i < STORE_CAT_NFACETS; i++)
		q.facets[i] = c.f[i];
	q.offset = (size_t)(page - 1) * STORE_CAT_PAGE;
	q.limit = STORE_CAT_PAGE;
	q.mark_open = MARK_OPEN;
	q.mark_close = MARK_CLOSE;
	char now[TIME_ISO_LEN];
	time_now_iso(now);
	memcpy(today, now, 10);
	today[10] = '\0';
	date_parse(today, &q.published_on);
	const struct cat_vocab *voc = &req->app->vocab;
	int rc;
	if ((rc = store_catalogue_search(req->store, &q, &r, &req->arena, &e)))
		return rc;
	const struct store_cat_names *names = NULL;
	if ((rc = web_cat_names_get(req->app->cat_names, req->store, &names, &e)))
		return rc;
	json_t *v = web_view(req);
	web_view_set(v, "q", text);
	json_t *facets = json_array();
	for (size_t s = 0; s < sizeof shown / sizeof shown[0]; s++) {
		enum store_cat_facet f = shown[s];
		json_t *fo = json_object(), *vals = json_array();
		web_view_set(fo, "name", store_cat_facet_names[f]);
		web_view_set(fo, "label", web_text(req, facet_msgids[f]));
		for (size_t k = 0; k < r.facets[f].n; k++) {
			const struct store_cat_facet_count *fc = &r.facets[f].v[k];
			bool on = is_chosen(&c.f[f], fc->code);
			if (!fc->count && !on)
				continue; /* a value no result has: choosing it gives nothing */
			json_t *o = json_object();
			struct buf id = BUF_INIT;
			buf_printf(&id, "f-%s-%zu", store_cat_facet_names[f], k);
			web_view_set(o, "id", id.data);
			buf_free(&id);
			web_view_set(o, "code", fc->code);
			const char *label = code_label(voc, f, fc->code);
			if (!label) /* a target group or a place: its name in the catalogue */
				label = store_cat_name_find(names, f, fc->code);
			if (f == STORE_CAT_TARGET_GROUP && !strcmp(fc->code, STORE_CAT_EVERYONE))
				label = web_text(req, N_("For everyone (no target group)"));
			else if (f == STORE_CAT_SETTING)
				label = web_text(req, !strcmp(fc->code, "groep") ? N_("In a group")
										 : N_("Individual"));
			struct buf lb = BUF_INIT;
			if (label && f == STORE_CAT_KLANTKENMERK)
				buf_printf(&lb, "%s %s", fc->code, label);
			else
				buf_puts(&lb, label ? label : fc->code);
			web_view_set(o, "label", lb.data);
			buf_free(&lb);
			json_object_set_new(o, "count", json_integer((json_int_t)fc->count));
			json_object_set_new(o, "checked", json_boolean(on));
			json_array_append_new(vals, o);
		}
		json_object_set_new(fo, "values", vals);
		if (json_array_size(vals))
			json_array_append_new(facets, fo);
		else
			json_decref(fo);
	}
	json_object_set_new(v, "facets", facets);
	web_cat_names_put(req->app->cat_names, names);
	json_t *hits = json_array();
	for (size_t i = 0; i < r.n_hits; i++) {
		json_t *o = json_object();
		struct buf href = BUF_INIT;
		buf_printf(&href, "/catalogue/%s", r.hits[i].id);
		web_view_set(o, "href", href.data);
		buf_free(&href);
		web_view_set(o, "name", r.hits[i].name);
		json_object_set_new(o, "snippet", snippet_json(&req->arena, r.hits[i].snippet));
		json_array_append_new(hits, o);
	}
	json_object_set_new(v, "hits", hits);
	json_object_set_new(v, "any", json_boolean(r.n_hits > 0));
	struct buf total = BUF_INIT;
	size_t pages = (r.total + STORE_CAT_PAGE - 1) / STORE_CAT_PAGE;
	buf_printf(&total, web_text(req, N_("%zu instrument(s) found; page %ld of %zu")), r.total,
		   page, pages ? pages : 1);
	web_view_set(v, "total", total.data);
	buf_free(&total);
	if (page > 1)
		web_view_set(v, "prev_href", page_href(req, text, &c, (size_t)page - 1));
	if ((size_t)page < pages)
		web_view_set(v, "next_href", page_href(req, text, &c, (size_t)page + 1));
	WEB_TEXTS(req, v, texts);
	return web_render(req, "catalogue", N_("Instrument catalogue"), v);
}
