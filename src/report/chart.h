/* Vector charts of the advisory report, drawn with cairo and pango, so the
 * same drawing code gives the PDF, the inline SVG of the web and PNG in tests.
 *
 * Input is plain C structs (never json_t): the report layer converts its
 * document model into them. Every string is the caller's and must outlive the
 * call; every word a chart draws itself comes from `struct chart_words`, so
 * the language and the wording are the template pack's (report_templates).
 *
 * Colours are from the Okabe–Ito palette (distinguishable with every common
 * form of colour blindness), darkened where needed for at least 3:1 contrast
 * on white (WCAG 1.4.11), and colour is never the only carrier of meaning:
 * hindering and facilitating bars point in opposite directions, the two JCM
 * series differ in fill as well as hue, the top anchor is also labelled.
 *
 * `show_values` false leaves out every number (T-scores, raw scores,
 * percentages): the client version shows bands and shapes, no test internals.
 * Every chart has a text alternative (chart_alt) with the same information as
 * the picture, for screen readers and for readers who prefer text. */
#ifndef IPM_REPORT_CHART_H
#define IPM_REPORT_CHART_H

#include "core/buf.h"
#include "core/err.h"

#include <cairo.h>
#include <stdbool.h>
#include <stddef.h>

#define CHART_ROWS_MAX 48
#define CHART_MONTHS_MAX 121

enum chart_type {
	CHART_BIGFIVE,   /* T-score bars with the norm bands */
	CHART_ANCHORS,   /* career anchor bars, top anchor(s) marked */
	CHART_RIASEC,    /* the six interests on Holland's hexagon */
	CHART_CULTURE,   /* Competing Values quadrants with the profile(s) */
	CHART_JCM,       /* five job characteristics, last vs wished job, MPS */
	CHART_PROGNOSIS, /* chance of work over months, kritisch moment */
	CHART_FACTORS,   /* contributions: hindering left, facilitating right */
};

/* Words drawn inside charts; report_templates fills them from the pack. */
struct chart_words {
	const char *band[3];         /* "laag", "gemiddeld", "hoog" */
	const char *no_score;        /* "geen score" */
	const char *top;             /* "sterkste" (marks the top anchor) */
	const char *months;          /* axis: "maanden vanaf nu" */
	const char *now;             /* "nu" */
	const char *cumulative;      /* "kans op werk tot dan" */
	const char *year_ahead;      /* "kans op werk binnen het jaar daarna" */
	const char *kritisch;        /* "kritisch moment" */
	const char *hindering;       /* "belemmert" */
	const char *facilitating;    /* "helpt" */
	const char *flexible, *stable, *internal, *external; /* culture axes */
	const char *mps;             /* "MPS" */
	const char *holland;         /* "Holland-code" */
	const char *after_months;    /* "na {n} maanden": {n} is replaced */
	const char *not_reached;     /* "niet binnen deze periode" */
	bool decimal_comma;          /* 3,5 (nl, de) or 3.5 (en) */
};

/* One bar: a scale, a facet, an anchor or a factor. */
struct chart_row {
	const char *label;
	double value;    /* NAN: no score */
	int level;       /* 0 a domain or top row, 1 a facet (indented, thinner) */
	bool mark;       /* highlighted: the top anchor(s) */
	const char *note; /* text after the label in the alternative, or NULL (e.g. the band) */
	int band;        /* Big Five without a value: 1 laag, 2 gemiddeld, 3 hoog (0: none):
			  * the band itself is drawn, for the client version */
};

/* CHART_BIGFIVE, CHART_ANCHORS, CHART_FACTORS. */
struct chart_bars {
	size_t n;                /* ≤ CHART_ROWS_MAX */
	const struct chart_row *rows;
	double min, max;         /* axis range (T: 20..80; factors: symmetric, e.g. −0.2..0.2) */
	double band_low, band_high; /* Big Five: laag < band_low, hoog > band_high; else NAN */
	const char *unit;        /* after numbers in labels ("pp"), or NULL */
	double scale;            /* numbers shown are value × scale (100 for percentage points) */
};

/* CHART_RIASEC: in R, I, A, S, E, C order. */
struct chart_riasec {
	const char *label[6];    /* "Realistisch", … */
	double value[6];         /* NAN: no score */
	double min, max;         /* the scale's range: the centre is min */
	const char *code;        /* Holland code, e.g. "SEC", or NULL */
};

/* CHART_CULTURE: quadrants in the Competing Values order top-left
 * mensgericht (clan), top-right innovatief (adhocracy), bottom-left
 * beheersgericht (hierarchy), bottom-right resultaatgericht (market). */
struct chart_culture {
	const char *label[4];
	size_t n_series;         /* 1 or 2 */
	const char *series[2];   /* "voorkeur", … */
	double value[2][4];      /* points of an ipsative split (of `total`) */
	double total;            /* 100 */
};

/* CHART_JCM. */
struct chart_jcm {
	const char *label[5];    /* vaardigheidsvariatie, taakidentiteit, taakbelang, autonomie, feedback */
	const char *series[2];   /* "laatste functie", "gewenste functie" */
	double value[2][5];      /* NAN: not answered */
	double mps[2];           /* NAN: none */
	double min, max;         /* the item scale's range */
};

/* CHART_PROGNOSIS: month k = 0 is now. */
struct chart_prognosis {
	size_t n;                      /* months shown + 1, ≤ CHART_MONTHS_MAX */
	double cumulative[CHART_MONTHS_MAX]; /* P(work within k months) */
	double year_ahead[CHART_MONTHS_MAX]; /* P(work within 12 months after month k) */
	size_t n_year;                 /* year_ahead is known for k < n_year (≤ n) */
	int kritisch;                  /* months from now, −1: not within the range */
	double threshold;              /* 0.30 (UWV Anker-model) */
};

struct chart {
	enum chart_type type;
	const char *title;             /* <title>, aria-label and start of chart_alt */
	const struct chart_words *w;
	bool show_values;
	union {
		struct chart_bars bars;
		struct chart_riasec riasec;
		struct chart_culture culture;
		struct chart_jcm jcm;
		struct chart_prognosis prognosis;
	} u;
};

/* Dutch words (the defaults of the shipped pack; tests and fallbacks). */
extern const struct chart_words chart_words_nl;

/* The height a chart wants at `width` (points). */
double chart_height(const struct chart *c, double width);

/* Draws the chart into the box; the cairo state is saved and restored. */
void chart_draw(cairo_t *cr, const struct chart *c, double x, double y, double w, double h);

/* The text alternative: the title and every value the picture shows. */
void chart_alt(const struct chart *c, struct buf *out);

/* An <svg> element (no XML declaration) for inlining in HTML, `width`
 * points wide: role="img", aria-label and <title> from chart_alt, ids
 * prefixed with `id_prefix` (so several charts can share one page), styles
 * as presentation attributes (the web's CSP forbids style attributes). */
int chart_svg(const struct chart *c, double width, const char *id_prefix, struct buf *out,
	      struct err *e);

/* A number as the report writes it: decimals as asked, comma or point. */
void chart_put_number(struct buf *b, const struct chart_words *w, double v, int decimals);

#endif
