#include "services/score_json.h"
#include "core/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void score_json_number(struct buf *out, double x)
{
	if (!isfinite(x)) {
		buf_puts(out, "null");
		return;
	}
	/* The fewest digits that read back as the same double: 17 always do. */
	char s[40];
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(s, sizeof s, "%.*g", digits, x);
		if (strtod(s, NULL) == x)
			break;
	}
	buf_puts(out, s);
}

/* A pack text, or null when the pack has none (e.g. no marking). */
static void put_text(struct buf *out, const struct q_text *t, enum q_lang lang)
{
	if (!t->t[Q_NL] && !t->t[lang])
		buf_puts(out, "null");
	else
		buf_put_json_string(out, q_text_get(t, lang));
}

/* `{"id":ID,"label":LABEL` of a scale or profile entry, object left open. */
static void open_id_label(struct buf *out, const char *id, const struct q_text *label,
			  enum q_lang lang)
{
	buf_puts(out, "{\"id\":");
	buf_put_json_string(out, id);
	buf_puts(out, ",\"label\":");
	put_text(out, label, lang);
}

static void put_flags(struct buf *out, uint8_t flags)
{
	static const struct { uint8_t bit; const char *word; } words[] = {
		{ SCORE_PRORATED, "prorated" },
		{ SCORE_ITEMS_EXCLUDED, "items_excluded" },
		{ SCORE_NO_SCORE, "no_score" },
	};
	buf_putc(out, '[');
	const char *sep = "";
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (flags & words[i].bit) {
			buf_printf(out, "%s\"%s\"", sep, words[i].word);
			sep = ",";
		}
	}
	buf_putc(out, ']');
}

static void put_scale(struct buf *out, const struct questionnaire *q, size_t j,
		      const struct scale_score *s, enum q_lang lang)
{
	static const char *const band_word[] = { "laag", "gemiddeld", "hoog" };
	const struct q_scale *sc = &q->scales[j];
	open_id_label(out, sc->id, &sc->label, lang);
	buf_puts(out, ",\"raw\":");
	score_json_number(out, s->raw);
	buf_puts(out, ",\"t\":");
	score_json_number(out, s->t);
	buf_puts(out, ",\"percentile\":");
	score_json_number(out, s->percentile);
	bool banded = s->band >= Q_BAND_LAAG && s->band <= Q_BAND_HOOG;
	buf_puts(out, ",\"band\":");
	if (banded)
		buf_printf(out, "\"%s\"", band_word[s->band]);
	else
		buf_puts(out, "null");
	if (banded && sc->has_bands) {
		buf_puts(out, ",\"band_text\":");
		put_text(out, &sc->bands[s->band], lang);
	}
	buf_printf(out, ",\"answered\":%u,\"asked\":%u,\"flags\":", (unsigned)s->answered,
		   (unsigned)s->asked);
	put_flags(out, s->flags);
	buf_putc(out, '}');
}

static void put_top(struct buf *out, const struct questionnaire *q, const struct scale_score *s,
		    enum q_lang lang)
{
	uint32_t *top = xcalloc(q->top.n_scales + 1, sizeof *top);
	size_t n = score_top(q, s, top);
	buf_puts(out, ",\"top\":{\"label\":");
	put_text(out, &q->top.label, lang);
	buf_puts(out, ",\"scales\":[");
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(out, ',');
		buf_put_json_string(out, q->scales[top[i]].id);
	}
	buf_puts(out, "]}");
	free(top);
}

static void put_holland(struct buf *out, const struct questionnaire *q,
			const struct scale_score *s)
{
	char code[4];
	bool tied = false;
	struct err e;
	buf_puts(out, ",\"holland\":{\"code\":");
	if (score_holland(q, s, code, &tied, &e) == IPM_OK)
		buf_put_json_string(out, code);
	else
		buf_puts(out, "null");
	buf_printf(out, ",\"tied\":%s}", tied ? "true" : "false");
}

static void put_profiles(struct buf *out, const struct questionnaire *q,
			 const struct scale_score *s, enum q_lang lang)
{
	const struct q_profiles *pr = &q->profiles;
	struct profile_rank *rank = xcalloc(pr->n_entries + 1, sizeof *rank);
	struct err e;
	buf_puts(out, ",\"profiles\":{\"label\":");
	put_text(out, &pr->label, lang);
	buf_puts(out, ",\"ranking\":");
	if (profiles_rank(q, s, rank, &e) != IPM_OK) {
		buf_puts(out, "null}"); /* a profile scale has no score */
		goto out;
	}
	buf_putc(out, '[');
	for (size_t i = 0; i < pr->n_entries; i++) {
		const struct q_profile_entry *en = &pr->entries[rank[i].entry];
		if (i)
			buf_putc(out, ',');
		open_id_label(out, en->id, &en->label, lang);
		buf_puts(out, ",\"r\":");
		score_json_number(out, rank[i].r);
		buf_puts(out, ",\"congruence\":");
		if (rank[i].congruence >= 0)
			buf_printf(out, "%d", rank[i].congruence);
		else
			buf_puts(out, "null");
		buf_putc(out, '}');
	}
	buf_puts(out, "]}");
out:
	free(rank);
}

void score_json_pack(struct buf *out, const struct questionnaire *q)
{
	buf_puts(out, "{\"id\":");
	buf_put_json_string(out, q->pack_id);
	buf_puts(out, ",\"version\":");
	buf_put_json_string(out, q->version);
	buf_puts(out, ",\"sha256\":");
	buf_put_json_string(out, q->sha256 ? q->sha256 : "");
	buf_putc(out, '}');
}

void score_json_write(struct buf *out, const struct questionnaire *q, const struct score_view *v,
		      enum q_lang lang)
{
	buf_puts(out, "{\"respondent\":");
	buf_put_json_string(out, v->respondent);
	buf_puts(out, ",\"pack\":");
	score_json_pack(out, q);
	buf_puts(out, ",\"marking\":");
	put_text(out, &q->marking, lang);
	buf_puts(out, ",\"norm\":");
	if (v->norm) {
		/* Where the norms come from travels with every normed score: a
		 * T-score against US Internet samples reads differently. */
		buf_puts(out, "{\"description\":");
		put_text(out, &v->norm->description, lang);
		buf_printf(out, ",\"mixture\":%s", v->norm->mixture ? "true" : "false");
		buf_puts(out, ",\"source\":");
		put_text(out, &q->norms.source, lang);
		buf_puts(out, ",\"note\":");
		put_text(out, &q->norms.note, lang);
		buf_putc(out, '}');
	} else {
		buf_puts(out, "null,\"norm_missing\":");
		buf_put_json_string(out, v->norm_missing ? v->norm_missing : "no_norms");
	}
	buf_puts(out, ",\"scales\":[");
	for (size_t j = 0; j < q->n_scales; j++) {
		if (j)
			buf_putc(out, ',');
		put_scale(out, q, j, &v->scores[j], lang);
	}
	buf_putc(out, ']');
	if (q->top.n_scales)
		put_top(out, q, v->scores, lang);
	if (q->has_holland)
		put_holland(out, q, v->scores);
	if (q->profiles.n_scales)
		put_profiles(out, q, v->scores, lang);
	buf_putc(out, '}');
}
