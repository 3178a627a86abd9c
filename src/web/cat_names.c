#include "web/cat_names.h"
#include "core/xalloc.h"

#include <pthread.h>
#include <stdlib.h>

/* One generation's lists; the cache holds one reference to the current
 * one, each request that uses it another. */
struct snap {
	struct store_cat_names n; /* first: web_cat_names_put gets it back */
	struct arena a;
	unsigned refs;
};

struct web_cat_names {
	pthread_mutex_t mu;
	struct snap *cur;
};

struct web_cat_names *web_cat_names_new(void)
{
	struct web_cat_names *c = xcalloc(1, sizeof *c);
	pthread_mutex_init(&c->mu, NULL);
	return c;
}

static void unref_locked(struct snap *s)
{
	if (s && --s->refs == 0) {
		arena_free(&s->a);
		free(s);
	}
}

void web_cat_names_free(struct web_cat_names *c)
{
	if (!c)
		return;
	unref_locked(c->cur);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

int web_cat_names_get(struct web_cat_names *c, struct store *s,
		      const struct store_cat_names **out, struct err *e)
{
	int64_t generation;
	int rc = store_catalogue_generation(s, &generation, e);
	if (rc)
		return rc;
	pthread_mutex_lock(&c->mu);
	struct snap *cur = c->cur;
	if (cur && cur->n.generation == generation) {
		cur->refs++;
		pthread_mutex_unlock(&c->mu);
		*out = &cur->n;
		return IPM_OK;
	}
	pthread_mutex_unlock(&c->mu);
	/* Read outside the lock: another thread may do the same meanwhile;
	 * the newer generation is kept. */
	struct snap *fresh = xcalloc(1, sizeof *fresh);
	rc = store_catalogue_names(s, &fresh->n, &fresh->a, e);
	if (rc) {
		arena_free(&fresh->a);
		free(fresh);
		return rc;
	}
	fresh->refs = 1;
	pthread_mutex_lock(&c->mu);
	if (!c->cur || c->cur->n.generation < fresh->n.generation) {
		unref_locked(c->cur);
		c->cur = fresh;
		fresh->refs++;
	}
	pthread_mutex_unlock(&c->mu);
	*out = &fresh->n;
	return IPM_OK;
}

void web_cat_names_put(struct web_cat_names *c, const struct store_cat_names *n)
{
	if (!n)
		return;
	pthread_mutex_lock(&c->mu);
	unref_locked((struct snap *)(void *)n);
	pthread_mutex_unlock(&c->mu);
}
