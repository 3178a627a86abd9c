/* Matching a client's needs to Sol intermediate goals, to instruments of the
 * organisation's catalogue and to jobcoach interventions (DOMAIN §5, §6, §8;
 * docs/matching.md). Pure: the caller gathers the needs (services/match.c
 * from the stored factor ratings and the client record) and the published
 * catalogue; the result lives in the caller's arena and every ranked item
 * carries the reasons that put it there, in Dutch and as codes, so the web
 * page and the report can say "past bij: …".
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

/* A hindering factor of the client's I.P.M. profile (rating < 0). */
struct match_need {
	const char *factor;          /* factor id, e.g. "schulden" */
	const char *label_nl;        /* for reasons, e.g. "Schulden en financiën" */
	int rating;                  /* -2 or -1 */
	double weight;               /* |weight × rating| from the profile: how much it hinders */
	const char *influence;       /* intern|extern|niet */
	struct cat_strs klantkenmerken; /* the factor's Eva links */
	struct cat_strs sol_goals;   /* the factor's Sol links */
};

struct match_client {
	const struct match_need *needs; size_t n_needs;
	struct cat_strs tiles;          /* the tile(s) the client is in now; empty = any */
	struct cat_strs target_groups;  /* catalogue target group ids the client belongs to */
	const char *gemeente;           /* catalogue gemeente id, or NULL */
	const char *wijk;               /* catalogue wijk id, or NULL */
	struct cat_strs kenmerken;      /* Lucrato kenmerk codes noted by the professional */
	struct date today;              /* for the publish window */
};

/* Reference data from the taxonomy packs (src/pack/match_build.c). */
struct match_goal_def {
	const char *code, *label_nl;
	struct cat_strs kinds;      /* instrument kind codes of this goal */
	struct cat_strs mechanisms; /* mechanism codes */
};
struct match_kind_def { const char *code, *label_nl, *goal; };
struct match_intervention_def {
	const char *code, *label_nl;
	const char *executor;       /* jobcoach|jobcoach-elementen|werkgever|psycholoog|verwijzing */
};
struct match_kenmerk_def {
	const char *code, *label_nl;
	struct cat_strs factors;    /* I.P.M. factor ids that suggest this kenmerk */
	const struct match_intervention_def *interventions; size_t n_interventions;
};
struct match_refdata {
	const struct match_goal_def *goals; size_t n_goals;
	const struct match_kind_def *kinds; size_t n_kinds;
	const struct match_kenmerk_def *kenmerken; size_t n_kenmerken;
	const struct code_list *klantkenmerken; /* for labels in reasons */
	const struct code_list *tiles;
};

/* Why something was matched. kind: factor|klantkenmerk|sol-goal|sol-kind|
 * tile|doelgroep|gemeente|wijk|kenmerk; code is the code or id; text_nl the
 * readable reason ("past bij: schulden (klantkenmerk 5.3 praktisch)"). */
struct match_reason { const char *kind, *code, *text_nl; };

struct match_goal {
	const struct match_goal_def *def;
	double score;                   /* sum of the weights of the needs that lead here */
	const struct match_reason *reasons; size_t n_reasons; /* the factors */
};

struct match_instrument {
	const struct cat_instrument *instrument;
	double score;                   /* ranking key, documented in docs/matching.md */
	const struct match_reason *reasons; size_t n_reasons;
};

struct match_intervention {
	const struct match_kenmerk_def *kenmerk;
	const struct match_intervention_def *def;
	bool suggested;                 /* from factors only, not noted by the professional */
	const struct match_reason *reasons; size_t n_reasons;
};

struct match_result {
	const struct match_goal *goals; size_t n_goals;                 /* by score, then code */
	const struct match_instrument *instruments; size_t n_instruments; /* by score, then name, then id */
	const struct match_intervention *interventions; size_t n_interventions;
};

/* Ranks goals, instruments (unpublished or expired never appear; outside
 * the client's gemeente/wijk/region never appear; without a target group
 * for everyone, with one ranked higher for clients in it) and interventions.
 * At most max_instruments instruments (0 = all). */
int match_run(const struct match_client *cl, const struct catalogue *cat,
	      const struct match_refdata *ref, size_t max_instruments,
	      struct match_result *out, struct arena *a, struct err *e);

#endif
