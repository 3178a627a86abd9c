/* Matching a client's needs to Sol intermediate goals, to instruments of the
 * organisation's catalogue and to jobcoach interventions (DOMAIN §5, §6, §8;
 * docs/matching.md). Pure: the caller gathers the needs (services/match.c
 * from the stored factor ratings and the client record) and the catalogue;
 * the result lives in the caller's arena and every ranked item carries the
 * reasons that put it there, in Dutch and as codes, so the web page and the
 * report can say "past bij: …".
 *
 * The chain is data, not code: factor → klantkenmerken and Sol goals (factor
 * catalogue ipm-factors), goal → instrument kinds (sol-goals), kenmerk →
 * interventions with executor (lucrato-kenmerken). */
#ifndef IPM_ENGINE_MATCH_H
#define IPM_ENGINE_MATCH_H

#include "core/arena.h"
#include "core/date.h"
#include "core/err.h"
#include "engine/catalogue.h"

#include <stddef.h>

/* The ranking's constants (docs/matching.md, "Ranking"). */
#define MATCH_GENERAL 0.5    /* the need names specific kinds; the instrument has none of them */
#define MATCH_BROADER 0.5    /* the instrument's klantkenmerk is a parent of the need's */
#define MATCH_TILE 1.25      /* the instrument is on one of the client's current tiles */
#define MATCH_GROUP_IN 1.5   /* the client is in one of the instrument's target groups */
#define MATCH_GROUP_OUT 0.75 /* the instrument is especially for groups the client is not in */
#define MATCH_TIE 1e-9       /* scores this close are equal and go to the tie-break */
#define MATCH_CODES_MAX 64   /* klantkenmerken, goals and kinds each (bit sets) */

/* A hindering factor of the client's I.P.M. profile (rating < 0). */
struct match_need {
	const char *factor;          /* factor id, e.g. "schulden" */
	const char *label_nl;        /* for reasons, e.g. "Schulden en financiën" */
	int rating;                  /* -2 or -1 */
	double weight;               /* |β × rating| from the profile: how much it hinders, ≥ 0 */
	const char *influence;       /* intern|extern|niet */
	struct cat_strs klantkenmerken; /* the factor's Eva links */
	struct cat_strs sol_goals;   /* the factor's Sol links */
	struct cat_strs sol_kinds;   /* Sol kinds that serve it directly (narrower than its
				      * goals: kinderopvang for zorg-kinderen); empty = none */
};

struct match_client {
	const struct match_need *needs; size_t n_needs;
	struct cat_strs tiles;          /* the tile(s) the client is in now; empty = no tile bonus */
	struct cat_strs target_groups;  /* catalogue target group ids the client belongs to */
	const char *gemeente;           /* catalogue gemeente id, or NULL */
	const char *wijk;               /* catalogue wijk id, or NULL */
	struct cat_strs kenmerken;      /* Lucrato kenmerk codes noted by the professional */
	struct date today;              /* for the publish window */
};

/* Reference data from the taxonomy packs (src/pack/match_build.c). */
struct match_goal_def {
	const char *code, *label_nl;
	struct cat_strs kinds;      /* instrument kind codes of this goal (its own and linked ones) */
	struct cat_strs mechanisms; /* mechanism codes */
};
struct match_kind_def {
	const char *code, *label_nl;
	struct cat_strs goals;      /* the goal it is listed under first, then any other it serves */
	struct cat_strs mechanisms;
};
struct match_intervention_def {
	const char *code, *label_nl, *description_nl;
	const char *executor;       /* jobcoach|jobcoach-elementen|werkgever|psycholoog|verwijzing */
	struct cat_strs with;       /* others involved, same codes */
};
struct match_kenmerk_def {
	const char *code, *label_nl, *description_nl;
	int number;                 /* K1..K11 in the handleiding */
	struct cat_strs factors;    /* I.P.M. factor ids that suggest this kenmerk */
	const char *prognosis;      /* verdict code (lucrato-begrippen), or NULL */
	const char *prognosis_nl;   /* the indicative expected course, or NULL */
	struct cat_strs modifiers;  /* what changes the course (lucrato-begrippen) */
	const struct match_intervention_def *interventions; size_t n_interventions;
};
struct match_refdata {
	const struct match_goal_def *goals; size_t n_goals;
	const struct match_kind_def *kinds; size_t n_kinds;
	const struct match_kenmerk_def *kenmerken; size_t n_kenmerken;
	const struct code_list *klantkenmerken; /* every node, with parents: coverage and labels */
	const struct code_list *tiles;          /* labels in reasons; NULL = codes */
	const struct code_list *mechanisms;     /* labels; NULL = codes */
	const struct code_list *terms;          /* lucrato-begrippen, every node: executor and
						 * verdict labels; NULL = codes */
};

/* Why something was matched. kind: factor|sol-kind|klantkenmerk|sol-goal|
 * tile|doelgroep|andere-doelgroep|gemeente|regio|wijk|kenmerk; code is the
 * code or id; text_nl the readable reason ("past precies bij: Zorg voor
 * kinderen (kinderopvang)", "past bij: Schulden en geldzaken (klantkenmerk
 * 5.3 Praktische aandachtspunten)"). */
struct match_reason { const char *kind, *code, *text_nl; };

struct match_goal {
	const struct match_goal_def *def;
	double score;                   /* sum of the weights of the needs that lead here */
	const struct match_reason *reasons; size_t n_reasons; /* the factors */
};

/* score = needs × tile × group (docs/matching.md). */
struct match_instrument {
	const struct cat_instrument *instrument;
	double score;                   /* ranking key */
	double needs;                   /* Σ weight × fit over the needs it serves: fit 1 by a
					 * need's specific kind (or, for a need without
					 * specific kinds, by its klantkenmerk or goal),
					 * MATCH_GENERAL by the klantkenmerk or goal only,
					 * × MATCH_BROADER by a broader klantkenmerk only */
	double tile, group;             /* the factors: 1, MATCH_TILE; 1, MATCH_GROUP_IN/_OUT */
	const double *fits;             /* per need, in the client's order: its fit (0 = the
					 * instrument does not serve it) */
	const struct match_reason *reasons; size_t n_reasons;
};

struct match_intervention {
	const struct match_kenmerk_def *kenmerk;
	const struct match_intervention_def *def;
	bool suggested;                 /* from factors only, not noted by the professional */
	const struct match_reason *reasons; size_t n_reasons;
};

struct match_result {
	const struct match_goal *goals; size_t n_goals;                 /* by score, then pack order */
	const struct match_instrument *instruments; size_t n_instruments; /* by score, then name, then id */
	size_t n_candidates;            /* instruments that qualified before the cut to max */
	const struct match_intervention *interventions; size_t n_interventions;
};

/* Ranks goals, instruments (unpublished or expired never appear; outside
 * the client's gemeente/wijk/region never appear; without a target group
 * for everyone, with one ranked higher for clients in it and lower for
 * others) and interventions (noted kenmerken first, then those suggested by
 * the needs). At most max_instruments instruments (0 = all). IPM_EINVAL
 * naming the field for a need whose weight is negative or not finite, a
 * code the reference data does not know (a need's klantkenmerk, goal or
 * kind, a noted kenmerk), or more than MATCH_CODES_MAX klantkenmerken,
 * goals or kinds. */
int match_run(const struct match_client *cl, const struct catalogue *cat,
	      const struct match_refdata *ref, size_t max_instruments,
	      struct match_result *out, struct arena *a, struct err *e);

#endif
