/* Reading the catalogue JSON: the shape of every value, with every problem
 * collected. A value of the wrong type is reported and left out, and the
 * parse goes on, so one run lists all that is wrong with the file. */
#include "services/catalogue_json.h"
#include "core/json.h"
#include "services/catalogue_fmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct rd {
	struct arena *a;
	struct cat_problems *pr;
	size_t before;      /* problems in the list before this parse */
	/* The record being read: kind, 1-based number, id (once known). */
	const char *record;
	size_t number;
	const char *id;
	char prefix[48];    /* "duration.", "locations[2].", or "" */
};

static void problem(struct rd *r, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct rd *r, const char *key, const char *fmt, ...)
{
	char field[80], msg[256];
	snprintf(field, sizeof field, "%s%s", r->prefix, key ? key : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	/* Without a key the problem is the item itself: "locations[2]". */
	size_t n = strlen(field);
	if (!key && n && field[n - 1] == '.')
		field[n - 1] = '\0';
	cat_problem_add(r->pr, r->record, r->number, r->id, field, "%s", msg);
}

static const char *type_name(const json_t *v)
{
	return json_is_string(v) ? "text" : json_type_name(v);
}

/* A key the format does not have is refused: a misspelt optional field
 * would otherwise vanish without a word. */
static void known_keys(struct rd *r, const json_t *obj, const char *const *allowed)
{
	const char *key;
	size_t key_len;
	json_t *v;
	json_object_keylen_foreach((json_t *)obj, key, key_len, v) {
		bool ok = strlen(key) == key_len;
		size_t i = 0;
		while (ok && allowed[i] && strcmp(key, allowed[i]) != 0)
			i++;
		if (!ok || !allowed[i]) {
			/* The key is outside text: shown only when it is short and plain. */
			bool plain = ok && key_len <= 40 && strspn(key, "abcdefghijklmnopqrstuvwxyz_") ==
								    key_len;
			problem(r, plain ? key : NULL, "unknown property%s", plain ? "" : " (not shown)");
		}
	}
}

/* obj[key] with null read as absent. */
static const json_t *get(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return json_is_null(v) ? NULL : v;
}

/* Text; "" is the same as absent (the exporter never writes it). */
static const char *text_of(struct rd *r, const char *field, const json_t *v)
{
	if (!v)
		return NULL;
	if (!json_is_string(v)) {
		problem(r, field, "expected text, got %s", type_name(v));
		return NULL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		problem(r, field, "contains a NUL character");
		return NULL;
	}
	return json_string_length(v) ? arena_strdup(r->a, json_string_value(v)) : NULL;
}

static const char *read_text(struct rd *r, const json_t *obj, const char *key)
{
	return text_of(r, key, get(obj, key));
}

static bool read_bool(struct rd *r, const json_t *obj, const char *key)
{
	const json_t *v = get(obj, key);
	if (!v)
		problem(r, key, "required: true or false");
	else if (!json_is_boolean(v))
		problem(r, key, "expected true or false, got %s", type_name(v));
	return json_is_true(v);
}

static bool read_number(struct rd *r, const json_t *obj, const char *key, double *out)
{
	const json_t *v = get(obj, key);
	if (!v)
		return false;
	if (!json_is_number(v)) {
		problem(r, key, "expected a number, got %s", type_name(v));
		return false;
	}
	*out = json_number_value(v);
	return true;
}

static struct date read_date(struct rd *r, const json_t *obj, const char *key)
{
	const json_t *v = get(obj, key);
	struct date d = DATE_NONE;
	if (v && (!json_is_string(v) || !date_parse(json_string_value(v), &d)))
		problem(r, key, "expected a date YYYY-MM-DD");
	return d;
}

/* obj[key] as an array of at most `max` items; NULL when absent or wrong. */
static const json_t *read_array(struct rd *r, const json_t *obj, const char *key, size_t max)
{
	const json_t *v = get(obj, key);
	if (!v)
		return NULL;
	if (!json_is_array(v)) {
		problem(r, key, "expected a list, got %s", type_name(v));
		return NULL;
	}
	if (json_array_size(v) > max) {
		problem(r, key, "more than %zu items", max);
		return NULL;
	}
	return v;
}

static struct cat_strs read_strs(struct rd *r, const json_t *obj, const char *key)
{
	struct cat_strs s = { 0 };
	const json_t *list = read_array(r, obj, key, CAT_MAX_ITEMS);
	if (!list || !json_array_size(list))
		return s;
	const char **v = arena_array(r->a, json_array_size(list), sizeof *v);
	char field[64];
	for (size_t i = 0; i < json_array_size(list); i++) {
		snprintf(field, sizeof field, "%s[%zu]", key, i + 1);
		const json_t *item = json_array_get(list, i);
		/* An empty code stays in the list so cat_validate names it. */
		v[i] = json_is_string(item) && !json_string_length(item) ? ""
									 : text_of(r, field, item);
	}
	s.v = v;
	s.n = json_array_size(list);
	return s;
}

/* A list of objects inside an instrument: each item read by `one` with the
 * prefix "list[k]." so its problems name it. Returns the count (0 on a
 * wrong list) and the items in *out. */
static size_t read_items(struct rd *r, const json_t *obj, const char *key, size_t size,
			 void (*one)(struct rd *, const json_t *, void *), void **out)
{
	const json_t *list = read_array(r, obj, key, CAT_MAX_ITEMS);
	*out = NULL;
	if (!list || !json_array_size(list))
		return 0;
	size_t n = json_array_size(list);
	char *items = arena_array(r->a, n, size);
	for (size_t i = 0; i < n; i++) {
		const json_t *item = json_array_get(list, i);
		snprintf(r->prefix, sizeof r->prefix, "%s[%zu].", key, i + 1);
		if (!json_is_object(item))
			problem(r, NULL, "expected an object, got %s", type_name(item));
		else
			one(r, item, items + i * size);
	}
	r->prefix[0] = '\0';
	*out = items;
	return n;
}

static void read_contact(struct rd *r, const json_t *o, void *out)
{
	static const char *const keys[] = { "name", "kind", "role", "email", "phone", NULL };
	struct cat_contact *c = out;
	known_keys(r, o, keys);
	c->name = read_text(r, o, "name");
	c->kind = read_text(r, o, "kind");
	c->role = read_text(r, o, "role");
	c->email = read_text(r, o, "email");
	c->phone = read_text(r, o, "phone");
}

static void read_location(struct rd *r, const json_t *o, void *out)
{
	static const char *const keys[] = { "name", "type", "address", "in_use", "description",
					    NULL };
	struct cat_location *l = out;
	known_keys(r, o, keys);
	l->name = read_text(r, o, "name");
	l->type = read_text(r, o, "type");
	l->address = read_text(r, o, "address");
	l->in_use = read_bool(r, o, "in_use");
	l->description = read_text(r, o, "description");
}

static void read_regcode(struct rd *r, const json_t *o, void *out)
{
	static const char *const keys[] = { "code", "label", NULL };
	struct cat_regcode *c = out;
	known_keys(r, o, keys);
	c->code = read_text(r, o, "code");
	c->label = read_text(r, o, "label");
}

static void read_link(struct rd *r, const json_t *o, void *out)
{
	static const char *const keys[] = { "kind", "label", "url", NULL };
	struct cat_link *l = out;
	known_keys(r, o, keys);
	l->kind = read_text(r, o, "kind");
	l->label = read_text(r, o, "label");
	l->url = read_text(r, o, "url");
}

/* obj[key] as a small object read under the prefix "key."; NULL when absent
 * or not an object. */
static const json_t *enter(struct rd *r, const json_t *obj, const char *key,
			   const char *const *keys)
{
	const json_t *v = get(obj, key);
	if (!v)
		return NULL;
	if (!json_is_object(v)) {
		problem(r, key, "expected an object, got %s", type_name(v));
		return NULL;
	}
	snprintf(r->prefix, sizeof r->prefix, "%s.", key);
	known_keys(r, v, keys);
	return v;
}

static void read_amounts(struct rd *r, const json_t *o, struct cat_instrument *in)
{
	static const char *const dk[] = { "value", "unit", "note", NULL };
	static const char *const ik[] = { "hours_per_week", "note", NULL };
	static const char *const ck[] = { "eur", "note", NULL };
	const json_t *v;
	if ((v = enter(r, o, "duration", dk))) {
		in->has_duration = read_number(r, v, "value", &in->duration);
		const char *unit = read_text(r, v, "unit");
		if (unit && !cat_unit_parse(unit, &in->duration_unit))
			problem(r, "unit", "expected %s", CAT_UNIT_NAMES);
		in->duration_note = read_text(r, v, "note");
	}
	r->prefix[0] = '\0';
	if ((v = enter(r, o, "intensity", ik))) {
		in->has_intensity = read_number(r, v, "hours_per_week", &in->intensity_hours);
		in->intensity_note = read_text(r, v, "note");
	}
	r->prefix[0] = '\0';
	if ((v = enter(r, o, "cost", ck))) {
		in->has_cost = read_number(r, v, "eur", &in->cost_eur);
		in->cost_note = read_text(r, v, "note");
	}
	r->prefix[0] = '\0';
}

static void read_instrument(struct rd *r, const json_t *o, void *out)
{
	static const char *const keys[] = {
		"id", "organisation", "provider", "name", "publish", "publish_from",
		"publish_until", "summary", "goal", "method", "forms", "distinctive",
		"conditions", "agreements", "partners", "target_group_note", "additional_info",
		"registration", "duration", "intensity", "cost", "tiles", "klantkenmerken",
		"sol_kinds", "contacts", "group", "individual", "locations", "target_groups",
		"regcodes", "links", "regions", "gemeenten", "wijken", NULL
	};
	struct cat_instrument *in = out;
	void *items;
	known_keys(r, o, keys);
	in->organisation = read_text(r, o, "organisation");
	in->provider = read_text(r, o, "provider");
	in->name = read_text(r, o, "name");
	in->publish = read_bool(r, o, "publish");
	in->publish_from = read_date(r, o, "publish_from");
	in->publish_until = read_date(r, o, "publish_until");
	in->summary = read_text(r, o, "summary");
	in->goal = read_text(r, o, "goal");
	in->method = read_text(r, o, "method");
	in->forms = read_strs(r, o, "forms");
	in->distinctive = read_text(r, o, "distinctive");
	in->conditions = read_text(r, o, "conditions");
	in->agreements = read_text(r, o, "agreements");
	in->partners = read_text(r, o, "partners");
	in->target_group_note = read_text(r, o, "target_group_note");
	in->additional_info = read_text(r, o, "additional_info");
	in->registration = read_text(r, o, "registration");
	read_amounts(r, o, in);
	in->tiles = read_strs(r, o, "tiles");
	in->klantkenmerken = read_strs(r, o, "klantkenmerken");
	in->sol_kinds = read_strs(r, o, "sol_kinds");
	in->n_contacts = read_items(r, o, "contacts", sizeof *in->contacts, read_contact, &items);
	in->contacts = items;
	in->group = read_bool(r, o, "group");
	in->individual = read_bool(r, o, "individual");
	in->n_locations =
		read_items(r, o, "locations", sizeof *in->locations, read_location, &items);
	in->locations = items;
	in->target_groups = read_strs(r, o, "target_groups");
	in->n_regcodes = read_items(r, o, "regcodes", sizeof *in->regcodes, read_regcode, &items);
	in->regcodes = items;
	in->n_links = read_items(r, o, "links", sizeof *in->links, read_link, &items);
	in->links = items;
	in->regions = read_strs(r, o, "regions");
	in->gemeenten = read_strs(r, o, "gemeenten");
	in->wijken = read_strs(r, o, "wijken");
}

/* The simple records: their keys in order, and where each goes in the
 * struct (all are `const char *`). */
struct simple {
	const char *list, *record;
	size_t size;
	const char *const *keys;
	const size_t *offs;
};

#define O(type, f) offsetof(type, f)

static const char *const org_keys[] = { "id", "name", "kind", NULL };
static const char *const prov_keys[] = { "id", "name", "website", "email", "phone", NULL };
static const char *const tg_keys[] = { "id", "name", "description", NULL };
static const char *const region_keys[] = { "id", "name", NULL };
static const char *const gem_keys[] = { "id", "name", "cbs_code", "region", NULL };
static const char *const wijk_keys[] = { "id", "name", "gemeente", NULL };
static const char *const addr_keys[] = { "id",   "street",   "number", "postcode",
					 "city", "gemeente", NULL };

static const size_t org_offs[] = { O(struct cat_organisation, id), O(struct cat_organisation, name),
				   O(struct cat_organisation, kind) };
static const size_t prov_offs[] = { O(struct cat_provider, id), O(struct cat_provider, name),
				    O(struct cat_provider, website), O(struct cat_provider, email),
				    O(struct cat_provider, phone) };
static const size_t tg_offs[] = { O(struct cat_target_group, id), O(struct cat_target_group, name),
				  O(struct cat_target_group, description) };
static const size_t region_offs[] = { O(struct cat_region, id), O(struct cat_region, name) };
static const size_t gem_offs[] = { O(struct cat_gemeente, id), O(struct cat_gemeente, name),
				   O(struct cat_gemeente, cbs_code), O(struct cat_gemeente, region) };
static const size_t wijk_offs[] = { O(struct cat_wijk, id), O(struct cat_wijk, name),
				    O(struct cat_wijk, gemeente) };
static const size_t addr_offs[] = { O(struct cat_address, id),       O(struct cat_address, street),
				    O(struct cat_address, number),   O(struct cat_address, postcode),
				    O(struct cat_address, city),     O(struct cat_address, gemeente) };

static const struct simple simples[] = {
	{ "organisations", "organisation", sizeof(struct cat_organisation), org_keys, org_offs },
	{ "providers", "provider", sizeof(struct cat_provider), prov_keys, prov_offs },
	{ "target_groups", "target_group", sizeof(struct cat_target_group), tg_keys, tg_offs },
	{ "regions", "region", sizeof(struct cat_region), region_keys, region_offs },
	{ "gemeenten", "gemeente", sizeof(struct cat_gemeente), gem_keys, gem_offs },
	{ "wijken", "wijk", sizeof(struct cat_wijk), wijk_keys, wijk_offs },
	{ "addresses", "address", sizeof(struct cat_address), addr_keys, addr_offs },
};

static void read_simple(struct rd *r, const json_t *o, const struct simple *s, char *rec)
{
	known_keys(r, o, s->keys);
	for (size_t k = 1; s->keys[k]; k++) /* keys[0], the id, is read already */
		*(const char **)(rec + s->offs[k]) = read_text(r, o, s->keys[k]);
}

/* doc[list]: each item an object, read by `simple` (or as an instrument when
 * NULL). Returns the array and its length. */
static void *read_list(struct rd *r, const json_t *doc, const char *list, const char *record,
		       size_t size, const struct simple *simple, size_t *n)
{
	*n = 0;
	r->record = NULL;
	r->prefix[0] = '\0';
	const json_t *v = read_array(r, doc, list, CAT_MAX_RECORDS);
	if (!v || !json_array_size(v))
		return NULL;
	*n = json_array_size(v);
	char *items = arena_array(r->a, *n, size);
	for (size_t i = 0; i < *n; i++) {
		const json_t *o = json_array_get(v, i);
		r->record = record;
		r->number = i + 1;
		r->id = NULL;
		if (!json_is_object(o)) {
			problem(r, NULL, "expected an object, got %s", type_name(o));
			continue;
		}
		/* The id first, so that every later problem of the record names it. */
		const char *id = read_text(r, o, "id");
		r->id = cat_id_valid(id) ? id : NULL;
		if (simple)
			read_simple(r, o, simple, items + i * size);
		else
			read_instrument(r, o, items + i * size);
		*(const char **)(items + i * size) = id; /* every record starts with its id */
	}
	r->record = NULL;
	return items;
}

static void read_doc(struct rd *r, const json_t *doc, struct catalogue *c)
{
	static const char *const keys[] = { "format", "version", "organisations", "providers",
					    "target_groups", "regions", "gemeenten", "wijken",
					    "addresses", "instruments", NULL };
	if (!json_is_object(doc)) {
		problem(r, NULL, "expected a catalogue object, got %s", type_name(doc));
		return;
	}
	known_keys(r, doc, keys);
	const json_t *format = get(doc, "format"), *version = get(doc, "version");
	if (!json_is_string(format) || strcmp(json_string_value(format), "ipm-catalogue") != 0)
		problem(r, "format", "expected \"ipm-catalogue\"");
	if (!json_is_integer(version) || json_integer_value(version) != 1)
		problem(r, "version", "expected 1 (the only version so far)");
	size_t n;
	void *v;
	const void **lists[] = { (const void **)&c->organisations, (const void **)&c->providers,
				 (const void **)&c->target_groups, (const void **)&c->regions,
				 (const void **)&c->gemeenten, (const void **)&c->wijken,
				 (const void **)&c->addresses };
	size_t *counts[] = { &c->n_organisations, &c->n_providers, &c->n_target_groups,
			     &c->n_regions,       &c->n_gemeenten, &c->n_wijken,
			     &c->n_addresses };
	for (size_t k = 0; k < sizeof simples / sizeof simples[0]; k++) {
		v = read_list(r, doc, simples[k].list, simples[k].record, simples[k].size,
			      &simples[k], &n);
		*lists[k] = v;
		*counts[k] = n;
	}
	c->instruments = read_list(r, doc, "instruments", "instrument",
				   sizeof(struct cat_instrument), NULL, &c->n_instruments);
}

int catalogue_json_parse(const char *text, size_t len, const char *origin,
			 struct catalogue *out, struct cat_problems *problems, struct arena *a,
			 struct err *e)
{
	struct rd r = { .a = a, .pr = problems, .before = problems->n };
	json_t *doc = NULL;
	*out = (struct catalogue){ 0 };
	struct err syntax = { 0 };
	if (json_parse_text(origin, text, len, &doc, &syntax)) {
		/* "ORIGIN:LINE:COLUMN: message" → the part after ORIGIN: */
		const char *m = syntax.msg;
		size_t on = strlen(origin);
		if (strncmp(m, origin, on) == 0 && m[on] == ':')
			m += on + 1;
		/* jansson quotes the input near the error ("near 'Jan de V'"), which
		 * may be personal data: the line and column say where. */
		const char *near = strstr(m, " near '");
		int keep = near ? (int)(near - m) : (int)strlen(m);
		cat_problem_add(problems, NULL, 0, NULL, NULL, "%.*s", keep, m);
	} else {
		read_doc(&r, doc, out);
		json_decref(doc);
	}
	if (problems->n == r.before)
		return IPM_OK;
	*out = (struct catalogue){ 0 };
	return cat_problems_err(problems, r.before, origin, e);
}
