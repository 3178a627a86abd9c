/* The later steps of the route in the store (docs/route.md; migration
 * 0005_route.sql): the CV, the professional's judgement of computed
 * outcomes, advice items, the trajectplan, jobcoaching advice and issued
 * reports; and the reads of a dossier that the report needs (consents,
 * stored results, an assessment's answers).
 *
 * As in store.h: one call is one use case and one transaction with its
 * audit row; strings in structs filled by getters live in the caller's
 * arena (or, for the _each walks, are valid during the callback only);
 * strings passed in are only read during the call. Everything here is
 * append-only: a new decision, plan or advice is a new row and the latest
 * counts, so the history of who decided what and why is never lost.
 *
 * The store checks what the schema can (enumerations, required pairs) and
 * names the field; the services (src/services/judgement.h, advice.h,
 * plan.h) check the rest before they call, with messages for people. */
#ifndef IPM_STORE_STORE_ROUTE_H
#define IPM_STORE_STORE_ROUTE_H

#include "store/store.h"

#include <stdbool.h>

/* --- reads of a dossier -------------------------------------------------- */

struct store_consent {
	int64_t id;
	const char *purpose;
	int granted;              /* 0/1 */
	const char *basis;
	const char *recorded_at;
	const char *withdrawn_at; /* NULL: not withdrawn */
};
typedef int (*store_consent_fn)(void *ctx, const struct store_consent *c, struct err *e);

/* Every consent record of the client, oldest first (the latest per purpose
 * counts). Audit 'read' of 'consent'. */
int store_consents_each(struct store *s, const struct store_actor *who, int64_t client_id,
			store_consent_fn fn, void *ctx, struct err *e);

struct store_result {
	int64_t id, client_id, assessment_id; /* assessment_id 0 = none */
	const char *kind, *pack_id, *pack_version, *computed_at;
	const char *data; /* the JSON as saved */
};

/* The latest result of `kind` (and of pack_id, unless NULL) of the client.
 * Audit 'read' of 'result'. IPM_ENOTFOUND (with a message naming kind and
 * pack) when there is none. */
int store_result_latest(struct store *s, const struct store_actor *who, int64_t client_id,
			const char *kind, const char *pack_id, struct store_result *out,
			struct arena *a, struct err *e);

struct store_assessment {
	int64_t id, client_id;
	const char *pack_id, *pack_version, *taken_by, *started_at, *completed_at;
	size_t n_answers;
	const struct store_rating *answers; /* current answer per item, by item id */
};

/* An assessment with its current answers (the highest seq per item; value
 * NULL when cleared). Audit 'read' of 'assessment'. IPM_ENOTFOUND for no
 * such assessment. */
int store_assessment_get(struct store *s, const struct store_actor *who, int64_t assessment_id,
			 struct store_assessment *out, struct arena *a, struct err *e);
/* The same for a page of one client (a URL's {id} and {aid}): IPM_ENOTFOUND,
 * and no audit row, when the assessment is another client's, so that a
 * guessed id neither shows nor records a read of someone else's dossier. */
int store_client_assessment_get(struct store *s, const struct store_actor *who, int64_t client_id,
				int64_t assessment_id, struct store_assessment *out,
				struct arena *a, struct err *e);

/* The sha256 and content of a registered pack version (not a dossier: no
 * audit). IPM_ENOTFOUND naming the pack when it is not registered. */
int store_pack_get(struct store *s, const char *pack_id, const char *version,
		   const char **sha256, const char **content, struct arena *a, struct err *e);

/* The display name and role of a user (not a dossier: no audit); NULLs for
 * user 0 or an unknown user. */
int store_user_name(struct store *s, int64_t user_id, const char **name, const char **role,
		    struct arena *a, struct err *e);

/* --- CV ----------------------------------------------------------------- */

/* Saves the CV (a JSON object in the format of docs/cv.md, checked by the
 * caller with cv_json_parse) as the client's current CV. Audit 'create' of
 * 'cv'. */
int store_cv_save(struct store *s, const struct store_actor *who, int64_t client_id,
		  const char *json, int64_t *id, struct err *e);
/* The current CV; audit 'read' of 'cv'. IPM_ENOTFOUND when none. */
int store_cv_get(struct store *s, const struct store_actor *who, int64_t client_id,
		 const char **json, const char **saved_at, struct arena *a, struct err *e);

/* --- judgement ----------------------------------------------------------- */

/* The fixed list of reasons for an override (docs/route.md explains each). */
#define STORE_REASON_CODES                                                                 \
	"gesprek-klant, aanvullende-informatie, meetprobleem, taal-cultuur, gezondheid, "  \
	"gewijzigde-situatie, arbeidsmarkt-lokaal, anders"

struct store_judgement {
	int64_t id, client_id;      /* id filled by getters */
	const char *subject;        /* "loopbaanfase", "factor:taalniveau", ... */
	const char *computed;       /* the computed value as shown, never changed */
	const char *source;         /* where it came from ("result:12", "pack ID@V"), or NULL */
	const char *decision;       /* accept|override */
	const char *value;          /* override: the professional's value */
	const char *reason_code;    /* override: one of STORE_REASON_CODES */
	const char *reason_text;    /* override: required; accept: optional note */
	int64_t decided_by;         /* filled by getters (the actor) */
	const char *decided_by_name; /* filled by getters */
	const char *decided_at;     /* filled by getters */
};
typedef int (*store_judgement_fn)(void *ctx, const struct store_judgement *j, struct err *e);

/* Appends a decision. Audit 'create' of 'judgement'. IPM_EINVAL naming the
 * column for what the schema refuses (an override without value, reason
 * code or text). */
int store_judgement_add(struct store *s, const struct store_actor *who,
			const struct store_judgement *j, int64_t *id, struct err *e);

/* The client's decisions by subject, then time: all of them (history) or
 * only the latest per subject (current). Audit 'read' of 'judgement'. */
int store_judgements_each(struct store *s, const struct store_actor *who, int64_t client_id,
			  bool current_only, store_judgement_fn fn, void *ctx, struct err *e);

/* Management information (DOMAIN §9: aggregates only, nobody ranked): of
 * the current decisions of the organisation's clients (org 0 = all), per
 * reason code (NULL for accepted ones), how many. One audit row 'read' of
 * 'override_rate' without a client. */
typedef int (*store_override_fn)(void *ctx, const char *decision, const char *reason_code,
				 int64_t count, struct err *e);
int store_override_counts(struct store *s, const struct store_actor *who, int64_t org_id,
			  store_override_fn fn, void *ctx, struct err *e);

/* --- advice items -------------------------------------------------------- */

struct store_advice {
	int64_t id, client_id;         /* id filled by getters */
	const char *type;              /* randvoorwaarde|ontwikkelpunt */
	const char *text;
	const char *learnability;      /* goed|matig|beperkt: ontwikkelpunt only (required) */
	const char *learnability_note;
	const char *source_kind;       /* factor|kenmerk, or NULL */
	const char *source_code;       /* with source_kind */
	/* Filled by getters. */
	int64_t created_by;
	const char *created_at;
	const char *status;            /* proposed|accepted|rejected (latest decision) */
	const char *status_reason;     /* the written reason of a rejection */
	const char *decided_by_name, *decided_at; /* NULL while proposed without decision */
};
typedef int (*store_advice_fn)(void *ctx, const struct store_advice *a, struct err *e);

/* Audit 'create' of 'advice'. */
int store_advice_add(struct store *s, const struct store_actor *who, const struct store_advice *a,
		     int64_t *id, struct err *e);
/* Appends a status (rejected requires `reason`). Audit 'update' of 'advice'.
 * IPM_ENOTFOUND for no such item. */
int store_advice_decide(struct store *s, const struct store_actor *who, int64_t advice_id,
			const char *status, const char *reason, struct err *e);
/* The client's items, oldest first, with their current status. Audit 'read'. */
int store_advice_each(struct store *s, const struct store_actor *who, int64_t client_id,
		      store_advice_fn fn, void *ctx, struct err *e);

/* --- trajectplan --------------------------------------------------------- */

struct store_plan_activity {
	const char *instrument_id;  /* catalogue instrument id, or NULL */
	const char *text;           /* free text (required without instrument) */
	const char *provider;
	const char *start_date;     /* YYYY-MM-DD */
	double hours_per_week;      /* intensity of guidance; NaN = not given */
};

struct store_trajectplan {
	int64_t id, client_id;       /* id filled by getters */
	const char *goal;            /* werk|beroep|participatie|zorg|geen */
	const char *target_occupation; /* required for beroep */
	const char *note;
	size_t n_activities;
	const struct store_plan_activity *activities; /* in order (seq 1..n) */
	int64_t created_by;          /* filled by getters */
	const char *created_by_name, *created_at; /* filled by getters */
};

/* Saves a new version of the plan. Audit 'create' of 'trajectplan'. */
int store_trajectplan_save(struct store *s, const struct store_actor *who,
			   const struct store_trajectplan *p, int64_t *id, struct err *e);
/* The latest version; audit 'read'. IPM_ENOTFOUND when none. */
int store_trajectplan_get(struct store *s, const struct store_actor *who, int64_t client_id,
			  struct store_trajectplan *out, struct arena *a, struct err *e);

/* --- jobcoaching advice -------------------------------------------------- */

struct store_jobcoach {
	int64_t id, client_id;     /* id filled by getters */
	int advised;               /* 0/1 */
	const char *grade;         /* term code of pack_id@pack_version */
	double percent;            /* the grade's value in that pack */
	double contract_hours;     /* the client's weekly contract hours */
	double hours_per_week;     /* contract_hours × percent / 100, as computed */
	const char *pack_id, *pack_version;
	const char *interventions; /* JSON array of codes; NULL = [] */
	const char *kenmerken;     /* JSON array of codes; NULL = [] */
	const char *note;
	int64_t created_by;        /* filled by getters */
	const char *created_by_name, *created_at; /* filled by getters */
};

/* Audit 'create' of 'jobcoach_advice'. */
int store_jobcoach_save(struct store *s, const struct store_actor *who,
			const struct store_jobcoach *j, int64_t *id, struct err *e);
/* The latest; audit 'read'. IPM_ENOTFOUND when none. */
int store_jobcoach_get(struct store *s, const struct store_actor *who, int64_t client_id,
		       struct store_jobcoach *out, struct arena *a, struct err *e);

/* --- issued reports (for the renderers, src/services/report_*.c) --------- */

struct store_report {
	int64_t id, client_id;      /* id filled by getters */
	const char *version;        /* prof|client|employer */
	const char *format;         /* pdf|html */
	const char *sha256;         /* lowercase hex of bytes, computed by the caller */
	const unsigned char *bytes; /* the file as handed over; NULL in list walks */
	size_t n_bytes;
	const char *doc;            /* the document model (report-doc-v1 JSON) */
	const char *versions;       /* JSON: the pack, model and template versions used */
	const char *report_date;    /* YYYY-MM-DD, the date printed on the report */
	int64_t issued_by;          /* filled by getters */
	const char *issued_by_name, *issued_at; /* filled by getters */
};
typedef int (*store_report_fn)(void *ctx, const struct store_report *r, struct err *e);

/* Stores an issued report, never to be changed. Audit 'create' of 'report'.
 * IPM_EINVAL naming the column for a bad version, format or sha256. */
int store_report_issue(struct store *s, const struct store_actor *who,
		       const struct store_report *r, int64_t *id, struct err *e);
/* One report with its bytes; audit 'read' of 'report'. IPM_ENOTFOUND. */
int store_report_get(struct store *s, const struct store_actor *who, int64_t report_id,
		     struct store_report *out, struct arena *a, struct err *e);
/* The same when it is client_id's; IPM_ENOTFOUND and no audit row when not. */
int store_client_report_get(struct store *s, const struct store_actor *who, int64_t client_id,
			    int64_t report_id, struct store_report *out, struct arena *a,
			    struct err *e);
/* The client's reports, oldest first, without bytes and doc (n_bytes is
 * set). Audit 'read' of 'report'. */
int store_reports_each(struct store *s, const struct store_actor *who, int64_t client_id,
		       store_report_fn fn, void *ctx, struct err *e);

#endif
