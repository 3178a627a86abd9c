/* One-time links (docs/web.md, "Questionnaires"): a client answers one
 * questionnaire alone, without an account. The professional makes the link
 * on the dossier and sees it once; the store keeps only the token's SHA-256.
 * A link opens that one assessment and nothing else, for LINK_DAYS days, until
 * the questionnaire is completed, or until a new link replaces it.
 *
 * Why not "the first click spends it": mail filters and link scanners open
 * links before the person does, which would spend the link for nobody. The
 * questionnaire can take more than one sitting, so the link stays usable
 * until the client finishes (or it expires), and no more. */
#ifndef IPM_SERVICES_ASSESSMENT_LINK_H
#define IPM_SERVICES_ASSESSMENT_LINK_H

#include "core/arena.h"
#include "core/err.h"
#include "store/store_questionnaire.h"

#include <stdint.h>

#define LINK_DAYS 7
#define LINK_TOKEN_LEN 43 /* 32 random bytes, base64url without padding */

/* Makes a new link for an open assessment (revoking older ones) valid for
 * LINK_DAYS days from now; token gets the text for the URL. */
int link_create(struct store *s, const struct store_actor *who, int64_t assessment_id,
		int64_t now, char token[LINK_TOKEN_LEN + 1], int64_t *expires, struct err *e);

/* The live link for a token from a URL. *as is the actor for everything the
 * client then does through it: the system (user 0) with the link named as
 * the reason, so that the audit trail says it was the client, by link N.
 * The reason text lives in `a`. IPM_ENOTFOUND for an unknown, expired,
 * replaced or used-up link (one answer for all: a guess learns nothing). */
int link_open(struct store *s, const char *token, int64_t now, struct store_link *out,
	      struct store_actor *as, struct arena *a, struct err *e);

#endif
