/* Questionnaires taken in the browser (migration 0006_assessment_links.sql;
 * docs/web.md): the assessments of one client with how far each is, and the
 * one-time links through which a client answers one questionnaire alone.
 * Conventions as in store.h: one call is one transaction with its audit
 * row; strings of the _each rows are valid during the callback only, those
 * of getters live in the arena. */
#ifndef IPM_STORE_STORE_QUESTIONNAIRE_H
#define IPM_STORE_STORE_QUESTIONNAIRE_H

#include "store/store.h"

struct store_assessment_row {
	int64_t id;
	const char *pack_id, *pack_version, *taken_by, *started_at;
	const char *completed_at; /* NULL: still open */
	int64_t answered;         /* items whose current answer is not empty */
	int64_t link_expires;     /* Unix time the live link ends; 0 = no live link */
};
typedef int (*store_assessment_fn)(void *ctx, const struct store_assessment_row *r,
				   struct err *e);

/* The client's assessments of every pack except `skip_pack` (NULL = none
 * skipped), newest first; a link counts as live at `now` (Unix seconds).
 * One audit row 'read' of 'assessment' with no entity id. IPM_ENOTFOUND
 * for no such client. */
int store_assessments_each(struct store *s, const struct store_actor *who, int64_t client_id,
			   const char *skip_pack, int64_t now, store_assessment_fn fn, void *ctx,
			   struct err *e);

/* A new link to an open assessment: token_hash is the SHA-256 (hex) of the
 * token the client gets; earlier links of the assessment are revoked.
 * Audit 'create' of 'assessment_link'. IPM_ECONFLICT when the assessment is
 * completed, IPM_ENOTFOUND when there is none. */
int store_link_create(struct store *s, const struct store_actor *who, int64_t assessment_id,
		      const char *token_hash, int64_t expires_unix, int64_t *id, struct err *e);

/* What a live link opens, and no more of the dossier than the page needs. */
struct store_link {
	int64_t id, assessment_id, client_id, expires_unix;
	const char *given_name;     /* the only part of the name a link shows */
	const char *route_language; /* nl|en|de */
	const char *pack_id, *pack_version;
};

/* The link with token_hash when it is live at `now`: not expired, not
 * revoked, its assessment not completed. Audit 'read' of 'assessment_link'
 * by `who` (the service passes the system with the link as reason).
 * IPM_ENOTFOUND, unaudited, for anything else: nothing was read. */
int store_link_open(struct store *s, const struct store_actor *who, const char *token_hash,
		    int64_t now, struct store_link *out, struct arena *a, struct err *e);

#endif
