/* The store: every byte IPM keeps about organisations, users and dossiers.
 *
 * The interface is narrow and opaque so that the engine and the web layer
 * never see a database type, and so that a PostgreSQL back end can later sit
 * behind the same functions (docs/store.md). One call is one use case and one
 * transaction: it either happens completely, audit row included, or not at
 * all. Dossier reads and writes take a `struct store_actor` because the AVG
 * requires that every access to a client's data is logged with who did it.
 *
 * Strings in structs filled by getters live in the arena the caller passes;
 * NULL means "not given". Strings in structs passed in are only read during
 * the call. */
#ifndef IPM_STORE_STORE_H
#define IPM_STORE_STORE_H

#include "core/arena.h"
#include "core/err.h"

#include <stddef.h>
#include <stdint.h>

struct store;

/* Opens (creating the file, mode 0600, when missing; the directory must
 * exist) and applies the connection settings: WAL, foreign keys, synchronous
 * FULL, busy timeout. Does not migrate. */
int store_open(const char *path, struct store **out, struct err *e);
void store_close(struct store *s);

/* Applies pending migrations, each in its own transaction. */
int store_migrate(struct store *s, int *version_out, struct err *e);
/* 0 for a database that has never been migrated. */
int store_schema_version(struct store *s, int *version_out, struct err *e);
/* A cheap read, for /healthz. */
int store_ping(struct store *s, struct err *e);
/* PRAGMA integrity_check must say "ok"; IPM_ESTORE otherwise. */
int store_integrity_check(struct store *s, struct err *e);
/* A consistent copy made while others keep writing: copied in chunks from one
 * read snapshot into a temporary file beside dest_path, synced, then renamed
 * over dest_path. */
int store_backup(struct store *s, const char *dest_path, struct err *e);

/* Who does it: every dossier read/write is audited in the same transaction. */
struct store_actor {
	int64_t user_id;    /* 0 = the system itself */
	const char *reason; /* NULL unless exceptional access (break-the-glass) */
};

/* Values of the CHECK-constrained columns, as stored. */
#define STORE_ORG_KINDS "gemeente, reintegratiebedrijf, anders"
#define STORE_ROLES "consulent, psycholoog, jobcoach, manager, beheerder"

struct store_user {
	int64_t id; /* filled by getters; ignored on create */
	int64_t org_id;
	const char *username;
	const char *display_name;
	const char *role;          /* consulent|psycholoog|jobcoach|manager|beheerder */
	const char *password_hash; /* Argon2id string, NULL until set */
	int disabled;              /* 0/1 */
	const char *created_at;    /* filled by getters */
};

struct store_client {
	int64_t id;     /* filled by getters; ignored on create */
	int64_t org_id;
	const char *reference; /* the organisation's own client number, unique per org */
	const char *given_name;
	const char *family_name;
	const char *birth_date; /* YYYY-MM-DD */
	const char *sex;        /* v|m|x */
	const char *email;
	const char *phone;
	const char *street;
	const char *postcode;
	const char *city;
	const char *gemeente;
	const char *benefit_type;  /* participatiewet|ww|wia|wajong|anw|ioaw|geen|anders */
	const char *benefit_start; /* YYYY-MM-DD */
	const char *education_level;
	const char *language_level; /* A1..C2 */
	const char *route_language; /* nl|en|de; NULL on create = nl */
	const char *household;
	const char *target_groups; /* JSON array; NULL on create = [] */
	const char *route_step;    /* NULL on create = intake */
	const unsigned char *sensitive; /* special-category data, already encrypted */
	size_t sensitive_len;
	const char *retention_until; /* YYYY-MM-DD */
	const char *created_at;      /* filled by getters */
	const char *updated_at;      /* filled by getters */
};

struct store_outcome {
	int64_t id;        /* filled by getters */
	int64_t client_id;
	int64_t recorded_by; /* filled by getters: the actor that recorded it, 0 = system */
	const char *outcome; /* werk|opleiding|geen|verhuisd|overig */
	const char *start_date; /* YYYY-MM-DD or NULL */
	int has_hours;          /* hours_per_week is given */
	double hours_per_week;
	const char *contract;
	int durable_6m;  /* 0/1, -1 = not yet known */
	int durable_12m; /* 0/1, -1 = not yet known */
	const char *reason;
	const char *recorded_at; /* filled by getters */
};

int store_org_create(struct store *s, const char *name, const char *kind, int64_t *id,
		     struct err *e);
int store_user_create(struct store *s, const struct store_user *u, int64_t *id, struct err *e);
/* IPM_ENOTFOUND when no user has that name. */
int store_user_find(struct store *s, const char *username, struct store_user *out,
		    struct arena *a, struct err *e);

/* Also grants owner access to who->user_id when nonzero; audit 'create'. */
int store_client_create(struct store *s, const struct store_actor *who,
			const struct store_client *c, int64_t *id, struct err *e);
/* Audit 'read'. IPM_ENOTFOUND when there is no such client. */
int store_client_get(struct store *s, const struct store_actor *who, int64_t id,
		     struct store_client *out, struct arena *a, struct err *e);
/* org_id 0 counts every organisation's clients. */
int store_client_count(struct store *s, int64_t org_id, int64_t *count, struct err *e);
/* Deletes the dossier (consents, assessments, answers, results, outcomes,
 * access); the audit trail, including the 'erase' row, survives. */
int store_client_erase(struct store *s, const struct store_actor *who, int64_t id,
		       struct err *e);

int store_consent_record(struct store *s, const struct store_actor *who, int64_t client_id,
			 const char *purpose, int granted, const char *basis, int64_t *id,
			 struct err *e);

/* Idempotent for identical sha256; IPM_ECONFLICT "pack ID VERSION is already
 * registered with different content" otherwise. */
int store_pack_register(struct store *s, const char *pack_id, const char *version,
			const char *kind, const char *title, const char *sha256,
			const char *content, struct err *e);

/* taken_by: professional|client */
int store_assessment_start(struct store *s, const struct store_actor *who, int64_t client_id,
			   const char *pack_id, const char *pack_version, const char *taken_by,
			   int64_t *id, struct err *e);
/* Appends; a corrected answer is a new row with a higher seq. IPM_ECONFLICT
 * once the assessment is completed. */
int store_answer_put(struct store *s, const struct store_actor *who, int64_t assessment_id,
		     const char *item_id, const char *value, struct err *e);
/* IPM_ECONFLICT when already completed. */
int store_assessment_complete(struct store *s, const struct store_actor *who,
			      int64_t assessment_id, struct err *e);

/* Results are immutable: a recomputation is a new row. assessment_id 0 = none. */
int store_result_save(struct store *s, const struct store_actor *who, int64_t client_id,
		      int64_t assessment_id, const char *kind, const char *pack_id,
		      const char *pack_version, const char *data_json, int64_t *id,
		      struct err *e);

int store_outcome_record(struct store *s, const struct store_actor *who,
			 const struct store_outcome *o, int64_t *id, struct err *e);

/* Runs fn, which calls use cases of this store, in one transaction: they
 * all happen, each with its audit rows, or none does. For imports (the
 * demo's synthetic history, services/demo.c), where one commit per use case
 * — an fsync each under synchronous FULL — would take seconds. */
typedef int (*store_batch_fn)(struct store *s, void *ctx, struct err *e);
int store_batch(struct store *s, const char *op, store_batch_fn fn, void *ctx, struct err *e);

/* The same for reads only, e.g. everything one page shows: one transaction
 * with the audit rows of every read, committed like a single read (no fsync
 * of its own; docs/store.md, "Durability"). A use case that writes anything
 * but its audit row is refused inside it (IPM_ESTORE) and the batch rolls
 * back. */
int store_batch_read(struct store *s, const char *op, store_batch_fn fn, void *ctx,
		     struct err *e);

/* --- across clients: instrument quality statistics (src/store/sqlite_answers.c) */

/* Called per row; a code other than IPM_OK stops the walk and is returned.
 * The strings are valid during the call only. */
typedef int (*store_answer_fn)(void *ctx, int64_t assessment_id, const char *item_id,
			       const char *value, struct err *e);
typedef int (*store_pack_version_fn)(void *ctx, const char *version, const char *content,
				     size_t len, struct err *e);

/* The current answer (the highest seq) to each item of every completed
 * assessment of pack_id at version, ordered by assessment id, then item id;
 * value NULL when the answer was cleared. One audit row for the whole read:
 * 'read' of 'pack_stats' by `who`, with no client id, because the aggregate
 * is about no one client. No answers is not an error. */
int store_answers_each(struct store *s, const struct store_actor *who, const char *pack_id,
		       const char *version, store_answer_fn fn, void *ctx, struct err *e);

/* Every registered version of pack_id with its content as registered, in
 * registration order; none is not an error. */
int store_pack_versions_each(struct store *s, const char *pack_id, store_pack_version_fn fn,
			     void *ctx, struct err *e);

/* --- prognosis models and their inputs (src/store/sqlite_models.c) */

/* Makes pack_id@version the active model of the organisation: appends an
 * activation (the history is kept; the latest one is active) and audits
 * 'update' of 'model' by `who` in the same transaction. reason is required.
 * IPM_ENOTFOUND for an organisation or a pack version that is not there;
 * IPM_EINVAL for a registered pack that is not a model. */
int store_model_activate(struct store *s, const struct store_actor *who, int64_t org_id,
			 const char *pack_id, const char *version, const char *reason,
			 struct err *e);

/* The organisation's active model (its latest activation), strings in `a`.
 * IPM_ENOTFOUND (with a message) when it never activated one. */
int store_model_active(struct store *s, int64_t org_id, const char **pack_id,
		       const char **version, struct arena *a, struct err *e);

struct store_model_activation {
	int64_t id, org_id;
	const char *pack_id, *version, *activated_at;
	int64_t activated_by; /* 0 = the system */
	const char *reason;
};

/* A registered model version; active_orgs = how many organisations (of
 * org_id, or all when 0) have it as their active model. */
struct store_model_version {
	const char *pack_id, *version, *title, *registered_at;
	int64_t active_orgs;
};

/* The strings are valid during the call only. */
typedef int (*store_activation_fn)(void *ctx, const struct store_model_activation *a,
				   struct err *e);
typedef int (*store_model_version_fn)(void *ctx, const struct store_model_version *v,
				      struct err *e);

/* The activations of org_id (0 = every organisation), oldest first. */
int store_model_activations_each(struct store *s, int64_t org_id, store_activation_fn fn,
				 void *ctx, struct err *e);

/* Every registered pack of kind model, by id then registration order. */
int store_model_versions_each(struct store *s, int64_t org_id, store_model_version_fn fn,
			      void *ctx, struct err *e);

/* One item of a factor assessment: the current answer (highest seq). */
struct store_rating {
	const char *item_id;
	const char *value; /* "-2".."2" as stored; NULL or "" = not rated */
};

/* What the prognosis and the fit need of one client: the client record's
 * dates (and sex, for the audit of a fit only), the latest completed
 * assessment of the factor catalogue with its current answers, and the
 * two days an outcome can end the wait for work (docs/prognosis.md,
 * "Censoring"). An outcome's day is its start_date, else the day it was
 * recorded (UTC). */
struct store_prognosis_input {
	int64_t client_id, org_id;
	const char *birth_date, *benefit_start; /* YYYY-MM-DD or NULL */
	const char *sex;                        /* v|m|x or NULL */
	int64_t assessment_id;
	const char *assessed_at;                /* the assessment's completed_at (ISO-8601) */
	size_t n_ratings;
	const struct store_rating *ratings;     /* by item id */
	const char *work_start; /* earliest day of a 'werk' outcome, NULL = none */
	const char *exit_date;  /* earliest day of any other outcome (the route ended
				 * without work), NULL = none */
};

/* The struct and its strings are valid during the call only. */
typedef int (*store_prognosis_input_fn)(void *ctx, const struct store_prognosis_input *in,
					struct err *e);

/* Every client of org_id (0 = every organisation) that has a completed
 * assessment of factors_pack (any version), by client id. One audit row for
 * the whole read: 'read' of 'prognosis_inputs' with no client id, as for
 * store_answers_each. No such client is not an error. */
int store_prognosis_inputs_each(struct store *s, const struct store_actor *who, int64_t org_id,
				const char *factors_pack, store_prognosis_input_fn fn, void *ctx,
				struct err *e);

/* The organisation a client belongs to. Not audited: it reads nothing of
 * the dossier, only where it lives (to pick that organisation's model).
 * IPM_ENOTFOUND for no such client. */
int store_client_org(struct store *s, int64_t client_id, int64_t *org_id, struct err *e);

/* The same for one client, audited as 'read' of 'prognosis_inputs' with its
 * client id; *out's strings live in `a`. IPM_ENOTFOUND for no such client
 * or no completed assessment of factors_pack (the message says which). */
int store_prognosis_input_get(struct store *s, const struct store_actor *who, int64_t client_id,
			      const char *factors_pack, struct store_prognosis_input *out,
			      struct arena *a, struct err *e);

/* ONLY for history taken outside IPM (imports; the demo's synthetic
 * clients, services/demo.c): an assessment started, answered and completed
 * on `day` (YYYY-MM-DD, stored as midday UTC, not in the future) with these
 * answers, in one transaction, audited now as 'create' of 'assessment'. An
 * assessment taken in IPM goes through store_assessment_start, _answer_put
 * and _complete and is stamped with the time it happens; this call is the
 * one way to backdate, so the fit (pp_from_store, which enters clients at
 * their completion day) can learn from a past that IPM did not see.
 * IPM_EINVAL naming the field for a bad or future day or an answer without
 * an item id. */
int store_assessment_import(struct store *s, const struct store_actor *who, int64_t client_id,
			    const char *pack_id, const char *pack_version, const char *taken_by,
			    const char *day, size_t n, const struct store_rating *answers,
			    int64_t *id, struct err *e);

/* client_id 0 = every row; action NULL = any action. */
int store_audit_count(struct store *s, int64_t client_id, const char *action, int64_t *count,
		      struct err *e);

#endif
