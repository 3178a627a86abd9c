/* Writers of the gap report (catalogue_gaps_write.h). */
#include "services/catalogue_gaps_write.h"

#include "core/csv.h"

#include <stdbool.h>

#define EVERYONE_NL "voor iedereen"

static void put_date(struct buf *b, struct date d)
{
	buf_printf(b, "%04d-%02d-%02d", d.y, d.m, d.d);
}

static const char *group_label(const struct cat_gap *g)
{
	return g->group ? g->group->name : EVERYONE_NL;
}

void cat_gaps_write_text(const struct cat_gap_report *r, struct buf *out)
{
	buf_puts(out, "Hiaten in het aanbod op ");
	put_date(out, r->on);
	buf_printf(out, ": minder dan %zu gepubliceerde instrument%s\n", r->min,
		   r->min == 1 ? "" : "en");
	buf_printf(out,
		   "%zu van %zu instrumenten gepubliceerd; %zu tegels x %zu klantkenmerken x %zu "
		   "doelgroepkolommen, %zu hiaten.\n",
		   r->published, r->instruments, r->n_tiles, r->n_klantkenmerken, r->n_groups,
		   r->n_gaps);
	buf_puts(out, "Een doelgroep telt de instrumenten voor iedereen mee; \"eigen\" zijn de "
		      "instrumenten speciaal voor die doelgroep.\n");
	const struct code_entry *tile = NULL;
	/* The gaps of one tile and klantkenmerk are consecutive, "voor
	 * iedereen" first. A group can only be a gap when "voor iedereen" is
	 * one (it counts those too), so one line says it all: the groups with
	 * their own instruments by name, the rest together. */
	for (size_t i = 0; i < r->n_gaps;) {
		const struct cat_gap *g = &r->gaps[i];
		if (g->tile != tile) {
			buf_printf(out, "\n%s\n", g->tile->label_nl ? g->tile->label_nl : g->tile->code);
			tile = g->tile;
		}
		buf_printf(out, "  %-4s %s: ", g->klantkenmerk->code,
			   g->klantkenmerk->label_nl ? g->klantkenmerk->label_nl : "");
		size_t rest = 0, rest_value = 0;
		size_t j = i;
		for (; j < r->n_gaps && r->gaps[j].tile == g->tile &&
		       r->gaps[j].klantkenmerk == g->klantkenmerk;
		     j++) {
			const struct cat_gap *x = &r->gaps[j];
			if (!x->group) {
				buf_printf(out, "%zu voor iedereen", x->available);
			} else if (x->specific) {
				buf_printf(out, "; %s %zu (%zu eigen)", x->group->name, x->available,
					   x->specific);
			} else {
				rest++;
				rest_value = x->available;
			}
		}
		if (rest)
			buf_printf(out, "; %s %zu", rest == r->n_groups - 1 ? "elke doelgroep"
									   : "overige doelgroepen",
				   rest_value);
		buf_putc(out, '\n');
		i = j;
	}
	if (!r->n_gaps)
		buf_puts(out, "\nGeen hiaten: elke combinatie heeft genoeg aanbod.\n");
}

void cat_gaps_write_json(const struct cat_gap_report *r, struct buf *out)
{
	buf_puts(out, "{\n  \"date\": \"");
	put_date(out, r->on);
	buf_printf(out,
		   "\",\n  \"min\": %zu,\n  \"instruments\": %zu,\n  \"published\": %zu,\n"
		   "  \"cells\": %zu,\n  \"gaps\": [",
		   r->min, r->instruments, r->published,
		   r->n_tiles * r->n_klantkenmerken * r->n_groups);
	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct cat_gap *g = &r->gaps[i];
		buf_puts(out, i ? ",\n    {" : "\n    {");
		buf_puts(out, "\"tile\": ");
		buf_put_json_string(out, g->tile->code);
		buf_puts(out, ", \"tile_label\": ");
		buf_put_json_string(out, g->tile->label_nl ? g->tile->label_nl : "");
		buf_puts(out, ", \"klantkenmerk\": ");
		buf_put_json_string(out, g->klantkenmerk->code);
		buf_puts(out, ", \"klantkenmerk_label\": ");
		buf_put_json_string(out, g->klantkenmerk->label_nl ? g->klantkenmerk->label_nl : "");
		buf_puts(out, ", \"doelgroep\": ");
		if (g->group)
			buf_put_json_string(out, g->group->id);
		else
			buf_puts(out, "null");
		buf_puts(out, ", \"doelgroep_label\": ");
		buf_put_json_string(out, group_label(g));
		buf_printf(out, ", \"specific\": %zu, \"available\": %zu}", g->specific, g->available);
	}
	buf_puts(out, r->n_gaps ? "\n  ]\n}\n" : "]\n}\n");
}

void cat_gaps_write_csv(const struct cat_gap_report *r, struct buf *out)
{
	buf_puts(out, "tile,tile_label,klantkenmerk,klantkenmerk_label,doelgroep,doelgroep_label,"
		      "specific,available\r\n");
	for (size_t i = 0; i < r->n_gaps; i++) {
		const struct cat_gap *g = &r->gaps[i];
		const char *cells[] = { g->tile->code, g->tile->label_nl,
					g->klantkenmerk->code, g->klantkenmerk->label_nl,
					g->group ? g->group->id : "", group_label(g) };
		/* A label from the catalogue could start like a formula: a
		 * spreadsheet must show it, not run it. */
		for (size_t k = 0; k < sizeof cells / sizeof cells[0]; k++) {
			csv_put_field_safe(out, cells[k] ? cells[k] : "");
			buf_putc(out, ',');
		}
		buf_printf(out, "%zu,%zu\r\n", g->specific, g->available);
	}
}
