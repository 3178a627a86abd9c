/* Writing the catalogue JSON canonically (catalogue_json.h): the same
 * catalogue always gives the same bytes, whatever file it came from. */
#include "core/utf8.h"
#include "services/catalogue_fmt.h"
#include "services/catalogue_json.h"

#include <math.h>
#include <string.h>

struct jw {
	struct buf *b;
	int depth;
	bool first; /* no key written yet in the object being written */
	const char *bad; /* the first key whose value JSON cannot hold */
};

static void newline(struct jw *w)
{
	buf_putc(w->b, '\n');
	for (int i = 0; i < w->depth; i++)
		buf_puts(w->b, "  ");
}

static void key(struct jw *w, const char *k)
{
	if (!w->first)
		buf_putc(w->b, ',');
	w->first = false;
	newline(w);
	buf_printf(w->b, "\"%s\": ", k);
}

/* Opens an object or list; the caller keeps the returned state and hands it
 * to jw_close() so that nesting restores "first" of the outer object. */
static bool jw_open(struct jw *w, char c)
{
	bool outer = w->first;
	buf_putc(w->b, c);
	w->depth++;
	w->first = true;
	return outer;
}

static void jw_close(struct jw *w, char c, bool outer)
{
	w->depth--;
	if (!w->first)
		newline(w);
	buf_putc(w->b, c);
	w->first = outer;
}

static void jw_string(struct jw *w, const char *k, const char *s)
{
	if (!utf8_valid(s, strlen(s)) && !w->bad)
		w->bad = k;
	buf_put_json_string(w->b, s);
}

static void text(struct jw *w, const char *k, const char *s)
{
	if (!s || !*s)
		return;
	key(w, k);
	jw_string(w, k, s);
}

static void boolean(struct jw *w, const char *k, bool v)
{
	key(w, k);
	buf_puts(w->b, v ? "true" : "false");
}

static void number(struct jw *w, const char *k, double v)
{
	key(w, k);
	if (!isfinite(v)) {
		if (!w->bad)
			w->bad = k;
		buf_puts(w->b, "null");
		return;
	}
	cat_put_number(w->b, v);
}

static void date(struct jw *w, const char *k, struct date d)
{
	if (!date_is_set(d))
		return;
	key(w, k);
	buf_putc(w->b, '"');
	cat_put_date(w->b, d);
	buf_putc(w->b, '"');
}

/* A list of codes or ids on one line: ["coaching", "verwijzing"]. */
static void strs(struct jw *w, const char *k, const struct cat_strs *s)
{
	if (!s->n)
		return;
	key(w, k);
	buf_putc(w->b, '[');
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			buf_puts(w->b, ", ");
		jw_string(w, k, s->v[i] ? s->v[i] : "");
	}
	buf_putc(w->b, ']');
}

/* A list of objects, each written by `one`. */
static void items(struct jw *w, const char *k, const void *v, size_t n, size_t size,
		  void (*one)(struct jw *, const void *))
{
	if (!n)
		return;
	key(w, k);
	bool outer_list = jw_open(w, '[');
	for (size_t i = 0; i < n; i++) {
		if (!w->first)
			buf_putc(w->b, ',');
		w->first = false;
		newline(w);
		bool outer = jw_open(w, '{');
		one(w, (const char *)v + i * size);
		jw_close(w, '}', outer);
	}
	jw_close(w, ']', outer_list);
}

static void contact(struct jw *w, const void *p)
{
	const struct cat_contact *c = p;
	text(w, "name", c->name);
	text(w, "kind", c->kind);
	text(w, "role", c->role);
	text(w, "email", c->email);
	text(w, "phone", c->phone);
}

static void location(struct jw *w, const void *p)
{
	const struct cat_location *l = p;
	text(w, "name", l->name);
	text(w, "type", l->type);
	text(w, "address", l->address);
	boolean(w, "in_use", l->in_use);
	text(w, "description", l->description);
}

static void regcode(struct jw *w, const void *p)
{
	const struct cat_regcode *r = p;
	text(w, "code", r->code);
	text(w, "label", r->label);
}

static void link_item(struct jw *w, const void *p)
{
	const struct cat_link *l = p;
	text(w, "kind", l->kind);
	text(w, "label", l->label);
	text(w, "url", l->url);
}

static void amounts(struct jw *w, const struct cat_instrument *in)
{
	bool outer;
	const char *unit = cat_unit_name(in->duration_unit);
	if (in->has_duration || unit || (in->duration_note && *in->duration_note)) {
		key(w, "duration");
		outer = jw_open(w, '{');
		if (in->has_duration)
			number(w, "value", in->duration);
		text(w, "unit", unit);
		text(w, "note", in->duration_note);
		jw_close(w, '}', outer);
	}
	if (in->has_intensity || (in->intensity_note && *in->intensity_note)) {
		key(w, "intensity");
		outer = jw_open(w, '{');
		if (in->has_intensity)
			number(w, "hours_per_week", in->intensity_hours);
		text(w, "note", in->intensity_note);
		jw_close(w, '}', outer);
	}
	if (in->has_cost || (in->cost_note && *in->cost_note)) {
		key(w, "cost");
		outer = jw_open(w, '{');
		if (in->has_cost)
			number(w, "eur", in->cost_eur);
		text(w, "note", in->cost_note);
		jw_close(w, '}', outer);
	}
}

static void instrument(struct jw *w, const void *p)
{
	const struct cat_instrument *in = p;
	text(w, "id", in->id);
	text(w, "organisation", in->organisation);
	text(w, "provider", in->provider);
	text(w, "name", in->name);
	boolean(w, "publish", in->publish);
	date(w, "publish_from", in->publish_from);
	date(w, "publish_until", in->publish_until);
	text(w, "summary", in->summary);
	text(w, "goal", in->goal);
	text(w, "method", in->method);
	strs(w, "forms", &in->forms);
	text(w, "distinctive", in->distinctive);
	text(w, "conditions", in->conditions);
	text(w, "agreements", in->agreements);
	text(w, "partners", in->partners);
	text(w, "target_group_note", in->target_group_note);
	text(w, "additional_info", in->additional_info);
	text(w, "registration", in->registration);
	amounts(w, in);
	strs(w, "tiles", &in->tiles);
	strs(w, "klantkenmerken", &in->klantkenmerken);
	strs(w, "sol_kinds", &in->sol_kinds);
	items(w, "contacts", in->contacts, in->n_contacts, sizeof *in->contacts, contact);
	boolean(w, "group", in->group);
	boolean(w, "individual", in->individual);
	items(w, "locations", in->locations, in->n_locations, sizeof *in->locations, location);
	strs(w, "target_groups", &in->target_groups);
	items(w, "regcodes", in->regcodes, in->n_regcodes, sizeof *in->regcodes, regcode);
	items(w, "links", in->links, in->n_links, sizeof *in->links, link_item);
	strs(w, "regions", &in->regions);
	strs(w, "gemeenten", &in->gemeenten);
	strs(w, "wijken", &in->wijken);
}

static void organisation(struct jw *w, const void *p)
{
	const struct cat_organisation *o = p;
	text(w, "id", o->id);
	text(w, "name", o->name);
	text(w, "kind", o->kind);
}

static void provider(struct jw *w, const void *p)
{
	const struct cat_provider *o = p;
	text(w, "id", o->id);
	text(w, "name", o->name);
	text(w, "website", o->website);
	text(w, "email", o->email);
	text(w, "phone", o->phone);
}

static void target_group(struct jw *w, const void *p)
{
	const struct cat_target_group *o = p;
	text(w, "id", o->id);
	text(w, "name", o->name);
	text(w, "description", o->description);
}

static void region(struct jw *w, const void *p)
{
	const struct cat_region *o = p;
	text(w, "id", o->id);
	text(w, "name", o->name);
}

static void gemeente(struct jw *w, const void *p)
{
	const struct cat_gemeente *o = p;
	text(w, "id", o->id);
	text(w, "name", o->name);
	text(w, "cbs_code", o->cbs_code);
	text(w, "region", o->region);
}

static void wijk(struct jw *w, const void *p)
{
	const struct cat_wijk *o = p;
	text(w, "id", o->id);
	text(w, "name", o->name);
	text(w, "gemeente", o->gemeente);
}

static void address(struct jw *w, const void *p)
{
	const struct cat_address *o = p;
	text(w, "id", o->id);
	text(w, "street", o->street);
	text(w, "number", o->number);
	text(w, "postcode", o->postcode);
	text(w, "city", o->city);
	text(w, "gemeente", o->gemeente);
}

#define LIST(k, list, fn) items(&w, k, c->list, c->n_##list, sizeof *c->list, fn)

int catalogue_json_write(const struct catalogue *c, struct buf *out, struct err *e)
{
	size_t start = out->len;
	struct jw w = { .b = out, .first = true };
	bool outer = jw_open(&w, '{');
	key(&w, "format");
	buf_puts(out, "\"ipm-catalogue\"");
	key(&w, "version");
	buf_puts(out, "1");
	LIST("organisations", organisations, organisation);
	LIST("providers", providers, provider);
	LIST("target_groups", target_groups, target_group);
	LIST("regions", regions, region);
	LIST("gemeenten", gemeenten, gemeente);
	LIST("wijken", wijken, wijk);
	LIST("addresses", addresses, address);
	LIST("instruments", instruments, instrument);
	jw_close(&w, '}', outer);
	buf_putc(out, '\n');
	if (!w.bad)
		return IPM_OK;
	/* Nothing half-written stays behind. */
	out->len = start;
	if (out->data)
		out->data[start] = '\0';
	return err_set(e, IPM_EINVAL, "%s: cannot be written as JSON (text that is not UTF-8, "
				      "or a number that is not finite)",
		       w.bad);
}
