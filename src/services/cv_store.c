#include "services/cv_store.h"
#include "services/cv_json.h"
#include "store/store_route.h"

#include <string.h>

int cv_record(struct store *s, const struct store_actor *who, int64_t client_id,
	      const char *json, const struct cv_vocab *vocab, int64_t *id, struct err *e)
{
	struct arena a = ARENA_INIT;
	struct cv cv;
	int rc = json ? cv_json_parse("cv", json, strlen(json), vocab, &a, &cv, e)
		      : err_set(e, IPM_EINVAL, "cv: is required");
	if (rc == IPM_OK)
		rc = store_cv_save(s, who, client_id, json, id, e);
	arena_free(&a);
	return rc;
}
