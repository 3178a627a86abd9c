/* The result of one respondent as JSON: what `ipm score --format json`
 * prints and what the web app will show and store. One writer, so that both
 * say the same thing in the same words.
 *
 *   {"respondent": "r1",
 *    "pack": {"id": "ipip-neo-120", "version": "1.0.0", "sha256": "..."},
 *    "marking": "eigen vragenlijst, niet genormeerd" | null,
 *    "norm": {"description": "man, 21-40 jaar", "mixture": false,
 *             "source": "Johnson ...", "note": "..."} | null,
 *    "norm_missing": "no_norms" | "no_age" | "no_group"      (only with "norm": null)
 *    "scales": [{"id", "label", "raw", "t", "percentile", "band", "band_text"?,
 *                "answered", "asked", "flags": ["prorated", "items_excluded", "no_score"]}],
 *    "top": {"label", "scales": [ids]}                        (packs with top)
 *    "holland": {"code": "SEC" | null, "tied": bool}          (packs with holland)
 *    "profiles": {"label", "ranking": [{"id", "label", "r", "congruence"}]}  (packs with profiles)
 *   }
 *
 * Numbers are written in the shortest form that reads back as the same
 * double (the first of %.15g, %.16g, %.17g that does), so nothing is
 * rounded away; a missing number (no score, not normed) is null. Band is
 * "laag", "gemiddeld", "hoog" or null; texts are in the requested language,
 * falling back to Dutch. */
#ifndef IPM_SERVICES_SCORE_JSON_H
#define IPM_SERVICES_SCORE_JSON_H

#include "core/buf.h"
#include "engine/score.h"

struct score_view {
	const char *respondent;
	const struct scale_score *scores; /* [q->n_scales] */
	const struct norm_choice *norm;   /* NULL: raw scores only */
	const char *norm_missing;         /* why not (norm_missing_name), when norm is NULL */
};

/* Appends one object (no trailing newline). */
void score_json_write(struct buf *out, const struct questionnaire *q, const struct score_view *v,
		      enum q_lang lang);

/* The pack a result cites: {"id", "version", "sha256"}. */
void score_json_pack(struct buf *out, const struct questionnaire *q);

/* A double as JSON: shortest round-trip form, null for NaN or infinity. */
void score_json_number(struct buf *out, double x);

#endif
