/* The pack statistics report, as text for a person (Dutch, three decimals)
 * and as JSON for programs (every digit). Layouts: services/pack_stats.h. */
#include "services/pack_stats.h"

#include "services/score_json.h"

#include <math.h>

/* --- text ------------------------------------------------------------------- */

/* More answer values than this (a 0..100 points item) would make lines no
 * one reads; the text then leaves the distribution to the JSON, as psych
 * leaves out response.freq beyond ten categories. */
#define TEXT_MAX_VALUES 11

static void text_number(struct buf *out, double x, int width)
{
	if (isfinite(x))
		buf_printf(out, " %*.3f", width, x);
	else
		buf_printf(out, " %*s", width, "-");
}

static void text_scale(struct buf *out, const struct pack_stats *ps,
		       const struct pack_stats_scale *sc)
{
	const struct questionnaire *q = ps->q;
	const struct stats_alpha *al = &sc->alpha;
	buf_printf(out, "\nSchaal %s: %s\n", sc->scale->id, q_text_get(&sc->scale->label, Q_NL));
	if (sc->ipsative)
		buf_puts(out, "  ipsatief (punten verdeeld): alfa zegt hier weinig\n");
	if (sc->rc == IPM_OK)
		buf_printf(out,
			   "  Cronbachs alfa %.3f (gestandaardiseerd %.3f, gemiddelde r %.3f),"
			   " %zu van %u items\n",
			   al->raw_alpha, al->std_alpha, al->average_r, al->items_used,
			   sc->scale->n_items);
	else
		buf_printf(out, "  geen alfa: %s\n", sc->why);
	size_t shown = sc->freq.nvalues <= TEXT_MAX_VALUES ? sc->freq.nvalues : 0;
	if (!shown)
		buf_printf(out, "  verdeling: %zu mogelijke waarden, zie --format json\n",
			   sc->freq.nvalues);
	buf_printf(out, "  %-12s %3s %6s %6s %6s %7s %8s %11s", "item", "+/-", "n", "gem", "sd",
		   "r-rest", "r-totaal", "alfa-zonder");
	for (size_t v = 0; v < shown; v++)
		buf_printf(out, " %5g", sc->freq.values[v]);
	buf_printf(out, " %7s %8s\n", "ontbr.", "ongeldig");
	for (uint32_t c = 0; c < sc->scale->n_items; c++) {
		const struct q_item *it = &q->items[sc->scale->items[c]];
		/* Without an alpha the engine filled no item statistics. */
		const struct stats_item *st = sc->rc == IPM_OK ? &al->item[c] : NULL;
		buf_printf(out, "  %-12s %3s %6zu", it->id, it->reversed ? "-" : "+",
			   (size_t)(ps->respondents - sc->freq.missing[c]));
		text_number(out, st ? st->mean : NAN, 6);
		text_number(out, st ? st->sd : NAN, 6);
		text_number(out, st ? st->r_drop : NAN, 7);
		text_number(out, st ? st->raw_r : NAN, 8);
		text_number(out, st ? st->alpha_drop : NAN, 11);
		for (size_t v = 0; v < shown; v++)
			buf_printf(out, " %5zu", sc->freq.count[c * sc->freq.nvalues + v]);
		buf_printf(out, " %7zu %8zu", sc->freq.missing[c], sc->invalid[c]);
		if (st && st->dropped)
			buf_puts(out, "  (weggelaten: geen spreiding)");
		buf_putc(out, '\n');
	}
}

void pack_stats_text(struct buf *out, const struct pack_stats *ps)
{
	const struct questionnaire *q = ps->q;
	buf_printf(out, "Pack %s %s (sha256 %s)\n", q->pack_id, q->version, q->sha256);
	buf_printf(out, "Respondenten: %zu afgeronde afnames", ps->respondents);
	if (ps->unknown_answers)
		buf_printf(out, "; %zu antwoorden op onbekende items genegeerd",
			   ps->unknown_answers);
	buf_puts(out, "\nAlfa en r volgens R psych::alpha (paarsgewijs volledige waarnemingen);"
		      " r-rest = item-restcorrelatie, alfa-zonder = alfa als het item wegvalt.\n");
	for (size_t j = 0; j < ps->n_scales; j++)
		text_scale(out, ps, &ps->scales[j]);
}

/* --- JSON -------------------------------------------------------------------- */

static void json_field(struct buf *out, const char *sep, const char *key, double x)
{
	buf_printf(out, "%s\"%s\":", sep, key);
	score_json_number(out, x);
}

static void json_item(struct buf *out, const struct pack_stats *ps,
		      const struct pack_stats_scale *sc, uint32_t c)
{
	const struct q_item *it = &ps->q->items[sc->scale->items[c]];
	const struct stats_item *st = sc->rc == IPM_OK ? &sc->alpha.item[c] : NULL;
	buf_puts(out, "{\"id\":");
	buf_put_json_string(out, it->id);
	buf_printf(out, ",\"keyed\":\"%s\",\"n\":%zu,\"dropped\":%s", it->reversed ? "-" : "+",
		   (size_t)(ps->respondents - sc->freq.missing[c]),
		   !st || st->dropped ? "true" : "false");
	json_field(out, ",", "mean", st ? st->mean : NAN);
	json_field(out, ",", "sd", st ? st->sd : NAN);
	json_field(out, ",", "r_rest", st ? st->r_drop : NAN);
	json_field(out, ",", "r_total", st ? st->raw_r : NAN);
	json_field(out, ",", "alpha_if_deleted", st ? st->alpha_drop : NAN);
	buf_puts(out, ",\"counts\":[");
	for (size_t v = 0; v < sc->freq.nvalues; v++)
		buf_printf(out, "%s%zu", v ? "," : "", sc->freq.count[c * sc->freq.nvalues + v]);
	buf_printf(out, "],\"missing\":%zu,\"invalid\":%zu}", sc->freq.missing[c],
		   sc->invalid[c]);
}

static void json_scale(struct buf *out, const struct pack_stats *ps,
		       const struct pack_stats_scale *sc)
{
	buf_puts(out, "{\"id\":");
	buf_put_json_string(out, sc->scale->id);
	buf_puts(out, ",\"label\":");
	buf_put_json_string(out, q_text_get(&sc->scale->label, Q_NL));
	buf_printf(out, ",\"ipsative\":%s,\"alpha\":", sc->ipsative ? "true" : "false");
	if (sc->rc == IPM_OK) {
		json_field(out, "{", "raw", sc->alpha.raw_alpha);
		json_field(out, ",", "std", sc->alpha.std_alpha);
		json_field(out, ",", "average_r", sc->alpha.average_r);
		buf_printf(out, ",\"items_used\":%zu}", sc->alpha.items_used);
	} else {
		buf_puts(out, "null,\"error\":");
		buf_put_json_string(out, sc->why);
	}
	buf_puts(out, ",\"values\":[");
	for (size_t v = 0; v < sc->freq.nvalues; v++)
		buf_printf(out, "%s%g", v ? "," : "", sc->freq.values[v]);
	buf_puts(out, "],\"items\":[");
	for (uint32_t c = 0; c < sc->scale->n_items; c++) {
		if (c)
			buf_putc(out, ',');
		json_item(out, ps, sc, c);
	}
	buf_puts(out, "]}");
}

void pack_stats_json(struct buf *out, const struct pack_stats *ps)
{
	const struct questionnaire *q = ps->q;
	buf_puts(out, "{\"pack\":");
	score_json_pack(out, q);
	buf_printf(out, ",\"respondents\":%zu,\"unknown_answers\":%zu,\"scales\":[",
		   ps->respondents, ps->unknown_answers);
	for (size_t j = 0; j < ps->n_scales; j++) {
		if (j)
			buf_putc(out, ',');
		json_scale(out, ps, &ps->scales[j]);
	}
	buf_puts(out, "]}\n");
}
