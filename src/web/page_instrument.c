/* /catalogue/{iid}: one instrument of the catalogue with every field of the
 * Eva format (docs/catalogue.md): the practical fields of step 1 and the
 * links of step 2, codes with their labels, records (organisation,
 * provider, target groups, places, addresses) by name. */
#include "pack/catalogue_vocab.h"
#include "services/catalogue_fmt.h"
#include "store/store_catalogue.h"
#include "web/client_page.h"
#include "web/pages_ipm.h"
#include "web/view.h"

#include <string.h>
#include <strings.h>

static const struct web_text texts[] = {
	{ "back", N_("Back to the catalogue") },
	{ "practical", N_("About the instrument") },
	{ "links_h", N_("Links, place and target groups") },
	{ "organisation", N_("Organisation") },
	{ "provider", N_("Provider") },
	{ "published", N_("Published") },
	{ "summary", N_("Summary") },
	{ "goal", N_("Goal") },
	{ "method", N_("Method") },
	{ "forms", N_("Form of delivery") },
	{ "distinctive", N_("Distinctive approach") },
	{ "conditions", N_("Conditions for taking part") },
	{ "agreements", N_("Working agreements") },
	{ "partners", N_("Partners") },
	{ "target_group_note", N_("About the target group") },
	{ "additional_info", N_("Additional information") },
	{ "registration", N_("How to register") },
	{ "duration", N_("Total duration") },
	{ "intensity", N_("Intensity (hours per week)") },
	{ "cost", N_("Total cost (euro)") },
	{ "tiles", N_("Tiles of the work landscape") },
	{ "klantkenmerken", N_("Client characteristics") },
	{ "sol_kinds", N_("Kinds of instrument (Sol)") },
	{ "setting", N_("Group or individual") },
	{ "target_groups", N_("Target groups") },
	{ "everyone", N_("For everyone (no target group)") },
	{ "contacts", N_("Contacts") },
	{ "locations", N_("Locations") },
	{ "regcodes", N_("Registration codes") },
	{ "weblinks", N_("Links, downloads and videos") },
	{ "regions", N_("Regions") },
	{ "gemeenten", N_("Municipalities") },
	{ "wijken", N_("Districts") },
	{ "everywhere", N_("Everywhere") },
	{ "yes", N_("yes") },
	{ "no", N_("no") },
};

/* A field as {label, value}; nothing for an empty value. */
static void row(json_t *list, struct web_request *req, const char *msgid, const char *value)
{
	if (!value || !*value)
		return;
	json_array_append_new(list, json_pack("{s:s, s:s}", "label", web_text(req, msgid),
					      "value", value));
}

static const char *join_codes(struct web_request *req, const struct cat_strs *s,
			      const struct code_list *l, bool with_code)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < s->n; i++) {
		const struct code_entry *e = l ? code_list_find(l, s->v[i]) : NULL;
		if (i)
			buf_puts(&b, "; ");
		if (e && e->label_nl && with_code)
			buf_printf(&b, "%s %s", s->v[i], e->label_nl);
		else
			buf_puts(&b, e && e->label_nl ? e->label_nl : s->v[i]);
	}
	const char *r = b.len ? arena_strdup(&req->arena, b.data) : NULL;
	buf_free(&b);
	return r;
}

/* Every record list of the catalogue starts with its id and name. */
struct named {
	const char *id, *name;
};

/* Ids of records joined by their names (an unknown id as itself). */
static const char *join_names(struct web_request *req, const struct cat_strs *ids,
			      const void *records, size_t n, size_t stride)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < ids->n; i++) {
		const char *name = ids->v[i];
		for (size_t k = 0; k < n; k++) {
			const struct named *r =
				(const struct named *)((const char *)records + k * stride);
			if (!strcmp(r->id, ids->v[i]))
				name = r->name;
		}
		buf_printf(&b, "%s%s", i ? "; " : "", name);
	}
	const char *r = b.len ? arena_strdup(&req->arena, b.data) : NULL;
	buf_free(&b);
	return r;
}

#define JOIN_NAMES(req, ids, arr, n) join_names(req, ids, arr, n, sizeof *(arr))

static const char *number(struct web_request *req, double v, const char *unit,
			  const char *note)
{
	struct buf b = BUF_INIT;
	cat_put_number(&b, v);
	if (req->lang != LANG_EN)
		for (size_t i = 0; i < b.len; i++)
			if (b.data[i] == '.')
				b.data[i] = ',';
	if (unit)
		buf_printf(&b, " %s", unit);
	if (note && *note)
		buf_printf(&b, " — %s", note);
	const char *r = arena_strdup(&req->arena, b.data);
	buf_free(&b);
	return r;
}

int page_instrument(struct web_request *req)
{
	struct catalogue cat;
	struct err e;
	const char *iid = web_param(req, "iid");
	if (!iid || !cat_id_valid(iid))
		return IPM_ENOTFOUND;
	const struct cat_vocab *voc = &req->app->vocab;
	int rc;
	if ((rc = store_catalogue_load(req->store, &cat, &req->arena, &e)))
		return rc;
	const struct cat_instrument *in = NULL;
	for (size_t i = 0; i < cat.n_instruments && !in; i++)
		if (!strcmp(cat.instruments[i].id, iid))
			in = &cat.instruments[i];
	if (!in)
		return IPM_ENOTFOUND;
	json_t *v = web_view(req);
	web_view_set(v, "name", in->name);
	json_t *p = json_array(), *l = json_array();
	const char *ids[1] = { in->organisation };
	struct cat_strs one = { ids, 1 };
	row(p, req, N_("Organisation"),
	    JOIN_NAMES(req, &one, cat.organisations, cat.n_organisations));
	ids[0] = in->provider;
	row(p, req, N_("Provider"), JOIN_NAMES(req, &one, cat.providers, cat.n_providers));
	struct buf pub = BUF_INIT;
	buf_puts(&pub, web_text(req, in->publish ? N_("yes") : N_("no")));
	if (date_is_set(in->publish_from) || date_is_set(in->publish_until)) {
		buf_puts(&pub, " (");
		if (date_is_set(in->publish_from))
			cat_put_date(&pub, in->publish_from);
		buf_puts(&pub, " – ");
		if (date_is_set(in->publish_until))
			cat_put_date(&pub, in->publish_until);
		buf_putc(&pub, ')');
	}
	row(p, req, N_("Published"), arena_strdup(&req->arena, pub.data));
	buf_free(&pub);
	row(p, req, N_("Summary"), in->summary);
	row(p, req, N_("Goal"), in->goal);
	row(p, req, N_("Method"), in->method);
	row(p, req, N_("Form of delivery"), join_codes(req, &in->forms, &voc->forms, false));
	row(p, req, N_("Distinctive approach"), in->distinctive);
	row(p, req, N_("Conditions for taking part"), in->conditions);
	row(p, req, N_("Working agreements"), in->agreements);
	row(p, req, N_("Partners"), in->partners);
	row(p, req, N_("About the target group"), in->target_group_note);
	row(p, req, N_("Additional information"), in->additional_info);
	row(p, req, N_("How to register"), in->registration);
	if (in->has_duration)
		row(p, req, N_("Total duration"),
		    number(req, in->duration, cat_unit_name(in->duration_unit), in->duration_note));
	if (in->has_intensity)
		row(p, req, N_("Intensity (hours per week)"),
		    number(req, in->intensity_hours, NULL, in->intensity_note));
	if (in->has_cost)
		row(p, req, N_("Total cost (euro)"), number(req, in->cost_eur, NULL, in->cost_note));

	row(l, req, N_("Tiles of the work landscape"), join_codes(req, &in->tiles, &voc->tiles, false));
	row(l, req, N_("Client characteristics"),
	    join_codes(req, &in->klantkenmerken, &voc->klantkenmerken, true));
	row(l, req, N_("Kinds of instrument (Sol)"),
	    join_codes(req, &in->sol_kinds, &voc->sol_kinds, false));
	struct buf set = BUF_INIT;
	if (in->group)
		buf_puts(&set, web_text(req, N_("In a group")));
	if (in->individual)
		buf_printf(&set, "%s%s", in->group ? "; " : "", web_text(req, N_("Individual")));
	row(l, req, N_("Group or individual"), arena_strdup(&req->arena, set.data ? set.data : ""));
	buf_free(&set);
	row(l, req, N_("Target groups"),
	    in->target_groups.n ? JOIN_NAMES(req, &in->target_groups, cat.target_groups,
					     cat.n_target_groups)
				: web_text(req, N_("For everyone (no target group)")));
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < in->n_contacts; i++) {
		const struct cat_contact *c = &in->contacts[i];
		buf_printf(&b, "%s%s (%s%s%s)%s%s%s%s", i ? "; " : "", c->name, c->kind,
			   c->role ? ", " : "", c->role ? c->role : "", c->email ? " " : "",
			   c->email ? c->email : "", c->phone ? " " : "", c->phone ? c->phone : "");
	}
	row(l, req, N_("Contacts"), b.len ? arena_strdup(&req->arena, b.data) : NULL);
	buf_reset(&b);
	for (size_t i = 0; i < in->n_locations; i++) {
		const struct cat_location *c = &in->locations[i];
		buf_printf(&b, "%s%s (%s)", i ? "; " : "", c->name, c->type);
		for (size_t k = 0; c->address && k < cat.n_addresses; k++)
			if (!strcmp(cat.addresses[k].id, c->address))
				buf_printf(&b, ", %s %s, %s", cat.addresses[k].street,
					   cat.addresses[k].number ? cat.addresses[k].number : "",
					   cat.addresses[k].city ? cat.addresses[k].city : "");
		if (c->description)
			buf_printf(&b, " — %s", c->description);
	}
	row(l, req, N_("Locations"), b.len ? arena_strdup(&req->arena, b.data) : NULL);
	buf_reset(&b);
	for (size_t i = 0; i < in->n_regcodes; i++)
		buf_printf(&b, "%s%s %s", i ? "; " : "", in->regcodes[i].code,
			   in->regcodes[i].label ? in->regcodes[i].label : "");
	row(l, req, N_("Registration codes"), b.len ? arena_strdup(&req->arena, b.data) : NULL);
	buf_free(&b);
	bool everywhere = !in->regions.n && !in->gemeenten.n && !in->wijken.n;
	row(l, req, N_("Regions"), everywhere ? web_text(req, N_("Everywhere"))
					      : JOIN_NAMES(req, &in->regions, cat.regions,
							   cat.n_regions));
	row(l, req, N_("Municipalities"),
	    JOIN_NAMES(req, &in->gemeenten, cat.gemeenten, cat.n_gemeenten));
	row(l, req, N_("Districts"), JOIN_NAMES(req, &in->wijken, cat.wijken, cat.n_wijken));
	/* Imported data: the import accepts only http(s) addresses, and the
	 * page links nothing else either (a "javascript:" or "data:" address
	 * put into the database another way is shown as text, not linked). */
	json_t *links = json_array();
	for (size_t i = 0; i < in->n_links; i++) {
		const struct cat_link *k = &in->links[i];
		bool web = k->url && (!strncasecmp(k->url, "https://", 8) ||
				      !strncasecmp(k->url, "http://", 7));
		json_t *o = json_object();
		web_view_set(o, "kind", k->kind);
		web_view_set(o, "label", k->label && *k->label ? k->label : k->url);
		web_view_set(o, web ? "url" : "text", k->url);
		json_array_append_new(links, o);
	}
	json_object_set_new(v, "practical", p);
	json_object_set_new(v, "links", l);
	json_object_set_new(v, "any_weblinks", json_boolean(in->n_links > 0));
	json_object_set_new(v, "weblinks", links);
	WEB_TEXTS(req, v, texts);
	/* The instrument's own name is the page's title. */
	return web_render(req, "instrument", in->name, v);
}
