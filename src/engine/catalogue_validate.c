/* cat_validate: every rule of docs/catalogue.md ("Rules"), one function per
 * record kind. Problems come out in the order of the lists, and within a
 * record in the order of its fields, so a report reads like the file.
 *
 * Ids are looked up in sorted indexes (one per record list), so a catalogue
 * of 100,000 instruments is checked in n log n, not n². */
#include "engine/catalogue.h"
#include "core/arena.h"
#include "core/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ID_MAX 64
#define NOT_FOUND SIZE_MAX

struct val {
	const struct catalogue *c;
	const struct cat_vocab *voc;
	struct cat_problems *out;
	struct arena a;
	struct cat_idx orgs, provs, tgs, regions, gems, wijken, addrs, instrs;
	/* The record being checked, for every problem it gets. */
	const char *record;
	size_t number;
	const char *id;
};

static void problem(struct val *v, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct val *v, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cat_problem_add(v->out, v->record, v->number, v->id, field, "%s", msg);
}

/* "locations[2].type": the field of the n-th (1-based) item of a list. */
static const char *item_field(char *dst, size_t cap, const char *list, size_t n,
			      const char *field)
{
	if (field)
		snprintf(dst, cap, "%s[%zu].%s", list, n, field);
	else
		snprintf(dst, cap, "%s[%zu]", list, n);
	return dst;
}

/* --- text ---------------------------------------------------------------- */

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

enum text_kind { LINE, LONG };

/* A line (name, label, code) holds no control characters; a long text may
 * hold line breaks and tabs. Both must be UTF-8 and at most `max` characters. */
static void check_text(struct val *v, const char *field, const char *s, bool required,
		       enum text_kind kind, size_t max)
{
	if (blank(s)) {
		if (required)
			problem(v, field, "required");
		else if (s)
			problem(v, field, "only spaces; leave it out instead");
		return;
	}
	size_t n = strlen(s);
	if (!utf8_valid(s, n)) {
		problem(v, field, "not valid UTF-8");
		return;
	}
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 || *p == 0x7f) &&
		    (kind == LINE || (*p != '\n' && *p != '\t' && *p != '\r'))) {
			problem(v, field, kind == LINE ? "contains a line break or control character"
						       : "contains a control character");
			return;
		}
	size_t chars = utf8_count(s, n);
	if (chars > max)
		problem(v, field, "%zu characters, at most %zu", chars, max);
}

bool cat_id_valid(const char *s)
{
	if (!s || !((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	size_t n = 0;
	for (; *s; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return n <= ID_MAX;
}

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* http(s)://host[...] without spaces or control characters: what a browser
 * can open from a link; no javascript: or data: that would run in a page. */
static void check_url(struct val *v, const char *field, const char *s, bool required)
{
	check_text(v, field, s, required, LINE, 2000);
	if (blank(s))
		return;
	const char *host = starts_with(s, "https://") ? s + 8
			   : starts_with(s, "http://") ? s + 7
						       : NULL;
	if (!host || !*host || *host == '/') {
		problem(v, field, "expected a web address starting with https:// or http://");
		return;
	}
	for (const char *p = s; *p; p++)
		if (*p == ' ') {
			problem(v, field, "a web address has no spaces");
			return;
		}
}

/* name@domain.tld with one @ and no spaces: enough to catch a phone number
 * or a name in the wrong field, without pretending to check RFC 5322. */
static void check_email(struct val *v, const char *field, const char *s)
{
	check_text(v, field, s, false, LINE, CAT_NAME_MAX);
	if (blank(s))
		return;
	const char *at = strchr(s, '@');
	bool ok = at && at > s && !strchr(at + 1, '@') && strchr(at + 1, '.') &&
		  at[strlen(at) - 1] != '.' && at[1] != '.' && !strpbrk(s, " \t<>,;");
	if (!ok)
		problem(v, field, "expected an e-mail address such as naam@voorbeeld.nl");
}

/* Digits with the usual separators and at least six digits: 030-1234567,
 * +31 30 123 45 67, (030) 123 45 67. */
static void check_phone(struct val *v, const char *field, const char *s)
{
	check_text(v, field, s, false, LINE, 40);
	if (blank(s))
		return;
	size_t digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" -+()", *p)) {
			digits = 0;
			break;
		}
	}
	if (digits < 6)
		problem(v, field, "expected a phone number: digits, spaces, + - ( ) only");
}

/* One of the fixed values of a field (docs/contracts/catalogue-json-v1.md). */
static void check_enum(struct val *v, const char *field, const char *s,
		       const char *const *allowed, const char *shown)
{
	if (blank(s)) {
		problem(v, field, "required: one of %s", shown);
		return;
	}
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(s, allowed[i]) == 0)
			return;
	problem(v, field, "expected one of %s", shown);
}

/* --- ids and references -------------------------------------------------- */

/* The record's own id: syntax, and unique in its list (the later one of two
 * gets the problem, naming the first). */
static void check_id(struct val *v, const struct cat_idx *x, size_t i, const char *id)
{
	if (blank(id)) {
		problem(v, "id", "required");
		return;
	}
	if (!cat_id_valid(id)) {
		problem(v, "id",
			"expected at most 64 of a-z, 0-9 and '-', starting with a letter or digit");
		return;
	}
	size_t first = cat_idx_find(x, id);
	if (first != i)
		problem(v, "id", "the same id as %s %zu", v->record, first + 1);
}

/* A reference to a record of another list: given (when required) and found. */
static void check_ref(struct val *v, const char *field, const char *id, bool required,
		      const struct cat_idx *x, const char *kind)
{
	if (blank(id)) {
		if (required)
			problem(v, field, "required: the %s's id", kind);
		else if (id)
			problem(v, field, "only spaces; leave it out instead");
		return;
	}
	if (cat_idx_find(x, id) == NOT_FOUND) {
		if (cat_id_valid(id))
			problem(v, field, "no %s with id \"%s\"", kind, id);
		else
			problem(v, field, "no %s with this id (not a valid id)", kind);
	}
}

/* A list of references: each found, none twice. */
static void check_refs(struct val *v, const char *list, const struct cat_strs *s,
		       const struct cat_idx *x, const char *kind)
{
	char f[80];
	for (size_t k = 0; k < s->n; k++) {
		item_field(f, sizeof f, list, k + 1, NULL);
		check_ref(v, f, s->v[k], true, x, kind);
		for (size_t j = 0; j < k; j++)
			if (s->v[j] && s->v[k] && strcmp(s->v[j], s->v[k]) == 0) {
				problem(v, f, "listed twice (also %s[%zu])", list, j + 1);
				break;
			}
	}
}

/* A list of codes of a taxonomy pack: at least `min`, each known, none twice. */
static void check_codes(struct val *v, const char *list, const struct cat_strs *s, size_t min,
			const struct code_list *known, const char *what)
{
	char f[80];
	if (s->n < min) {
		problem(v, list, "at least one %s is required", what);
		return;
	}
	for (size_t k = 0; k < s->n; k++) {
		item_field(f, sizeof f, list, k + 1, NULL);
		if (blank(s->v[k])) {
			problem(v, f, "empty code");
			continue;
		}
		if (!code_list_find(known, s->v[k])) {
			if (cat_id_valid(s->v[k]) || strspn(s->v[k], "0123456789.") == strlen(s->v[k]))
				problem(v, f, "unknown %s \"%.40s\" (see pack %s)", what, s->v[k],
					known->pack ? known->pack : "?");
			else
				problem(v, f, "unknown %s (see pack %s)", what,
					known->pack ? known->pack : "?");
			continue;
		}
		for (size_t j = 0; j < k; j++)
			if (s->v[j] && strcmp(s->v[j], s->v[k]) == 0) {
				problem(v, f, "listed twice (also %s[%zu])", list, j + 1);
				break;
			}
	}
}

/* --- records ------------------------------------------------------------- */

static void begin(struct val *v, const char *record, size_t i, const char *id)
{
	v->record = record;
	v->number = i + 1;
	v->id = cat_id_valid(id) ? id : NULL; /* a broken id is not repeated */
}

static const char *const org_kinds[] = { "gemeente", "reintegratiebedrijf", "anders", NULL };
static const char *const location_types[] = { "adres",     "aanbieder", "werkgever",
					      "gemeente",  "klant-thuis", NULL };
static const char *const contact_kinds[] = { "intern", "extern", NULL };
static const char *const link_kinds[] = { "link", "download", "video", NULL };

static void check_organisations(struct val *v)
{
	for (size_t i = 0; i < v->c->n_organisations; i++) {
		const struct cat_organisation *o = &v->c->organisations[i];
		begin(v, "organisation", i, o->id);
		check_id(v, &v->orgs, i, o->id);
		check_text(v, "name", o->name, true, LINE, CAT_NAME_MAX);
		check_enum(v, "kind", o->kind, org_kinds, "gemeente, reintegratiebedrijf, anders");
	}
}

static void check_providers(struct val *v)
{
	for (size_t i = 0; i < v->c->n_providers; i++) {
		const struct cat_provider *p = &v->c->providers[i];
		begin(v, "provider", i, p->id);
		check_id(v, &v->provs, i, p->id);
		check_text(v, "name", p->name, true, LINE, CAT_NAME_MAX);
		check_url(v, "website", p->website, false);
		check_email(v, "email", p->email);
		check_phone(v, "phone", p->phone);
	}
}

/* "algemeen" trimmed and in any case. */
static bool is_algemeen(const char *s)
{
	if (!s)
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n == 8 && strncasecmp(s, "algemeen", 8) == 0;
}

#define ALGEMEEN_RULE                                                                      \
	"no target group \"algemeen\" (Eva's rule): an instrument without target group is " \
	"for everyone, one with a target group is especially for that group; leave the "   \
	"instrument's target_groups empty instead"

static void check_target_groups(struct val *v)
{
	for (size_t i = 0; i < v->c->n_target_groups; i++) {
		const struct cat_target_group *t = &v->c->target_groups[i];
		begin(v, "target_group", i, t->id);
		check_id(v, &v->tgs, i, t->id);
		if (is_algemeen(t->id))
			problem(v, "id", ALGEMEEN_RULE);
		check_text(v, "name", t->name, true, LINE, CAT_NAME_MAX);
		if (is_algemeen(t->name))
			problem(v, "name", ALGEMEEN_RULE);
		check_text(v, "description", t->description, false, LONG, CAT_TEXT_MAX);
	}
}

static void check_regions(struct val *v)
{
	for (size_t i = 0; i < v->c->n_regions; i++) {
		const struct cat_region *r = &v->c->regions[i];
		begin(v, "region", i, r->id);
		check_id(v, &v->regions, i, r->id);
		check_text(v, "name", r->name, true, LINE, CAT_NAME_MAX);
	}
}

/* CBS's code of a gemeente: GM and four digits (GM0344 is Utrecht). */
static bool cbs_syntax(const char *s)
{
	return strlen(s) == 6 && s[0] == 'G' && s[1] == 'M' && strspn(s + 2, "0123456789") == 4;
}

static void check_gemeenten(struct val *v)
{
	for (size_t i = 0; i < v->c->n_gemeenten; i++) {
		const struct cat_gemeente *g = &v->c->gemeenten[i];
		begin(v, "gemeente", i, g->id);
		check_id(v, &v->gems, i, g->id);
		check_text(v, "name", g->name, true, LINE, CAT_NAME_MAX);
		if (g->cbs_code && !cbs_syntax(g->cbs_code))
			problem(v, "cbs_code", "expected GM and four digits, such as GM0344");
		check_ref(v, "region", g->region, false, &v->regions, "region");
	}
}

static void check_wijken(struct val *v)
{
	for (size_t i = 0; i < v->c->n_wijken; i++) {
		const struct cat_wijk *w = &v->c->wijken[i];
		begin(v, "wijk", i, w->id);
		check_id(v, &v->wijken, i, w->id);
		check_text(v, "name", w->name, true, LINE, CAT_NAME_MAX);
		check_ref(v, "gemeente", w->gemeente, true, &v->gems, "gemeente");
	}
}

/* A Dutch postcode: four digits (not starting with 0), an optional space,
 * two capitals. */
static bool postcode_syntax(const char *s)
{
	if (!(s[0] >= '1' && s[0] <= '9') || strspn(s, "0123456789") != 4)
		return false;
	s += 4;
	if (*s == ' ')
		s++;
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static void check_addresses(struct val *v)
{
	for (size_t i = 0; i < v->c->n_addresses; i++) {
		const struct cat_address *d = &v->c->addresses[i];
		begin(v, "address", i, d->id);
		check_id(v, &v->addrs, i, d->id);
		check_text(v, "street", d->street, true, LINE, CAT_NAME_MAX);
		check_text(v, "number", d->number, false, LINE, 20);
		if (d->postcode && !postcode_syntax(d->postcode))
			problem(v, "postcode", "expected a Dutch postcode such as 3511 AB");
		check_text(v, "city", d->city, true, LINE, CAT_NAME_MAX);
		check_ref(v, "gemeente", d->gemeente, false, &v->gems, "gemeente");
	}
}

/* --- instruments --------------------------------------------------------- */

static bool date_real(struct date d)
{
	if (d.y < 1 || d.y > 9999 || d.m < 1 || d.m > 12 || d.d < 1)
		return false;
	struct date back = date_from_days(date_days(d));
	return date_cmp(back, d) == 0;
}

static void check_window(struct val *v, const struct cat_instrument *in)
{
	bool from = date_is_set(in->publish_from), until = date_is_set(in->publish_until);
	if (from && !date_real(in->publish_from))
		problem(v, "publish_from", "not a calendar date");
	else if (until && !date_real(in->publish_until))
		problem(v, "publish_until", "not a calendar date");
	else if (from && until && date_cmp(in->publish_until, in->publish_from) < 0)
		problem(v, "publish_until", "before publish_from: the window would be empty");
}

static void check_amounts(struct val *v, const struct cat_instrument *in)
{
	if (in->has_duration) {
		if (!isfinite(in->duration) || !(in->duration > 0))
			problem(v, "duration.value", "must be more than 0");
		if (in->duration_unit == CAT_UNIT_NONE)
			problem(v, "duration.unit", "required with a duration: %s",
				"uren, dagen, weken or maanden");
		else if (in->duration_unit > CAT_MAANDEN)
			problem(v, "duration.unit", "expected uren, dagen, weken or maanden");
	} else if (in->duration_unit != CAT_UNIT_NONE) {
		problem(v, "duration.unit", "given without a duration value");
	}
	check_text(v, "duration.note", in->duration_note, false, LONG, CAT_TEXT_MAX);
	if (in->has_intensity && (!isfinite(in->intensity_hours) || !(in->intensity_hours > 0) ||
				  in->intensity_hours > 60))
		problem(v, "intensity.hours_per_week", "expected more than 0 and at most 60 hours");
	check_text(v, "intensity.note", in->intensity_note, false, LONG, CAT_TEXT_MAX);
	if (in->has_cost && (!isfinite(in->cost_eur) || in->cost_eur < 0))
		problem(v, "cost.eur", "expected 0 or more euro");
	check_text(v, "cost.note", in->cost_note, false, LONG, CAT_TEXT_MAX);
}

static void check_contacts(struct val *v, const struct cat_instrument *in)
{
	char f[80];
	for (size_t k = 0; k < in->n_contacts; k++) {
		const struct cat_contact *p = &in->contacts[k];
		check_text(v, item_field(f, sizeof f, "contacts", k + 1, "name"), p->name, true,
			   LINE, CAT_NAME_MAX);
		check_enum(v, item_field(f, sizeof f, "contacts", k + 1, "kind"), p->kind,
			   contact_kinds, "intern, extern");
		check_text(v, item_field(f, sizeof f, "contacts", k + 1, "role"), p->role, false,
			   LINE, CAT_NAME_MAX);
		check_email(v, item_field(f, sizeof f, "contacts", k + 1, "email"), p->email);
		check_phone(v, item_field(f, sizeof f, "contacts", k + 1, "phone"), p->phone);
	}
}

static void check_locations(struct val *v, const struct cat_instrument *in)
{
	char f[80];
	for (size_t k = 0; k < in->n_locations; k++) {
		const struct cat_location *l = &in->locations[k];
		check_text(v, item_field(f, sizeof f, "locations", k + 1, "name"), l->name, true,
			   LINE, CAT_NAME_MAX);
		item_field(f, sizeof f, "locations", k + 1, "type");
		check_enum(v, f, l->type, location_types,
			   "adres, aanbieder, werkgever, gemeente, klant-thuis");
		item_field(f, sizeof f, "locations", k + 1, "address");
		bool needs = l->type && strcmp(l->type, "adres") == 0;
		if (needs && blank(l->address))
			problem(v, f, "required for a location of type adres");
		else
			check_ref(v, f, l->address, false, &v->addrs, "address");
		check_text(v, item_field(f, sizeof f, "locations", k + 1, "description"),
			   l->description, false, LONG, CAT_TEXT_MAX);
	}
}

static void check_extras(struct val *v, const struct cat_instrument *in)
{
	char f[80];
	for (size_t k = 0; k < in->n_regcodes; k++) {
		const struct cat_regcode *r = &in->regcodes[k];
		check_text(v, item_field(f, sizeof f, "regcodes", k + 1, "code"), r->code, true,
			   LINE, CAT_NAME_MAX);
		check_text(v, item_field(f, sizeof f, "regcodes", k + 1, "label"), r->label, false,
			   LINE, CAT_NAME_MAX);
	}
	for (size_t k = 0; k < in->n_links; k++) {
		const struct cat_link *l = &in->links[k];
		check_enum(v, item_field(f, sizeof f, "links", k + 1, "kind"), l->kind, link_kinds,
			   "link, download, video");
		check_text(v, item_field(f, sizeof f, "links", k + 1, "label"), l->label, false,
			   LINE, CAT_NAME_MAX);
		check_url(v, item_field(f, sizeof f, "links", k + 1, "url"), l->url, true);
	}
}

/* Where: regions, gemeenten and wijken found; a wijk, when gemeenten are
 * listed too, lies in one of them (else the two lists contradict). */
static void check_area(struct val *v, const struct cat_instrument *in)
{
	check_refs(v, "regions", &in->regions, &v->regions, "region");
	check_refs(v, "gemeenten", &in->gemeenten, &v->gems, "gemeente");
	check_refs(v, "wijken", &in->wijken, &v->wijken, "wijk");
	if (!in->gemeenten.n)
		return;
	char f[80];
	for (size_t k = 0; k < in->wijken.n; k++) {
		size_t w = cat_idx_find(&v->wijken, in->wijken.v[k]);
		if (w == NOT_FOUND)
			continue;
		const char *gem = v->c->wijken[w].gemeente;
		bool listed = false;
		for (size_t j = 0; !listed && j < in->gemeenten.n; j++)
			listed = gem && in->gemeenten.v[j] && strcmp(gem, in->gemeenten.v[j]) == 0;
		if (!listed && gem && cat_id_valid(gem))
			problem(v, item_field(f, sizeof f, "wijken", k + 1, NULL),
				"lies in gemeente \"%s\", which is not in this instrument's gemeenten",
				gem);
	}
}

static void check_instrument(struct val *v, size_t i)
{
	const struct cat_instrument *in = &v->c->instruments[i];
	const struct cat_vocab *voc = v->voc;
	begin(v, "instrument", i, in->id);
	check_id(v, &v->instrs, i, in->id);
	check_ref(v, "organisation", in->organisation, true, &v->orgs, "organisation");
	check_ref(v, "provider", in->provider, true, &v->provs, "provider");
	check_text(v, "name", in->name, true, LINE, CAT_NAME_MAX);
	check_window(v, in);
	check_text(v, "summary", in->summary, true, LONG, CAT_SUMMARY_MAX);
	check_text(v, "goal", in->goal, true, LONG, CAT_TEXT_MAX);
	check_text(v, "method", in->method, true, LONG, CAT_TEXT_MAX);
	check_codes(v, "forms", &in->forms, 1, &voc->forms, "uitvoeringsvorm");
	static const struct {
		const char *field;
		size_t off;
	} longs[] = {
		{ "distinctive", offsetof(struct cat_instrument, distinctive) },
		{ "conditions", offsetof(struct cat_instrument, conditions) },
		{ "agreements", offsetof(struct cat_instrument, agreements) },
		{ "partners", offsetof(struct cat_instrument, partners) },
		{ "target_group_note", offsetof(struct cat_instrument, target_group_note) },
		{ "additional_info", offsetof(struct cat_instrument, additional_info) },
		{ "registration", offsetof(struct cat_instrument, registration) },
	};
	for (size_t k = 0; k < sizeof longs / sizeof longs[0]; k++)
		check_text(v, longs[k].field,
			   *(const char *const *)((const char *)in + longs[k].off), false, LONG,
			   CAT_TEXT_MAX);
	check_amounts(v, in);
	check_codes(v, "tiles", &in->tiles, 1, &voc->tiles, "tile");
	check_codes(v, "klantkenmerken", &in->klantkenmerken, 1, &voc->klantkenmerken,
		    "klantkenmerk");
	check_codes(v, "sol_kinds", &in->sol_kinds, 0, &voc->sol_kinds, "Sol instrument kind");
	check_contacts(v, in);
	if (!in->group && !in->individual)
		problem(v, "individual", "an instrument is for a group, for one person, or both: "
					 "set group or individual");
	check_locations(v, in);
	check_refs(v, "target_groups", &in->target_groups, &v->tgs, "target group");
	check_extras(v, in);
	check_area(v, in);
}

#define IDX(list, type) \
	cat_idx_build(&v.a, c->list, c->n_##list, sizeof(type), offsetof(type, id))

int cat_validate(const struct catalogue *c, const struct cat_vocab *voc,
		 struct cat_problems *out, struct err *e)
{
	struct val v = { .c = c, .voc = voc, .out = out };
	size_t before = out->n;
	v.orgs = IDX(organisations, struct cat_organisation);
	v.provs = IDX(providers, struct cat_provider);
	v.tgs = IDX(target_groups, struct cat_target_group);
	v.regions = IDX(regions, struct cat_region);
	v.gems = IDX(gemeenten, struct cat_gemeente);
	v.wijken = IDX(wijken, struct cat_wijk);
	v.addrs = IDX(addresses, struct cat_address);
	v.instrs = IDX(instruments, struct cat_instrument);
	check_organisations(&v);
	check_providers(&v);
	check_target_groups(&v);
	check_regions(&v);
	check_gemeenten(&v);
	check_wijken(&v);
	check_addresses(&v);
	for (size_t i = 0; i < c->n_instruments; i++)
		check_instrument(&v, i);
	arena_free(&v.a);
	return cat_problems_err(out, before, NULL, e);
}
