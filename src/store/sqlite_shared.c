/* What the connections of one process to one database file share: the lock
 * its writers queue on. SQLite lets one writer in at a time and makes the
 * others wait in its busy handler, which polls by sleeping 1, 2, 5 ... 100 ms
 * instead of waking when the lock frees; under a busy web server that sleep
 * was most of a request's time. Threads of this process therefore queue on a
 * mutex before BEGIN IMMEDIATE (tx_run) and are woken as soon as the previous
 * transaction ends; other processes (the CLI beside `ipm serve`) still meet
 * the busy timeout. The file is known by device and inode, so two spellings
 * of one path share one entry. */
#include "store/sqlite_internal.h"

#include "core/xalloc.h"

#include <pthread.h>
#include <sys/stat.h>

struct db_shared {
	dev_t dev;
	ino_t ino;
	int refs; /* connections using it; under `registry` */
	pthread_mutex_t write;
	struct db_shared *held_prev; /* the owner's previous `held` */
	struct db_shared *next;
};

static pthread_mutex_t registry = PTHREAD_MUTEX_INITIALIZER;
static struct db_shared *shared_list;

/* The entries whose write locks this thread holds (tx_run), innermost first
 * and chained through held_prev, so that a thread that opens a second
 * connection to the same file inside a transaction is not blocked by itself:
 * it meets SQLite's busy timeout as before. */
static _Thread_local struct db_shared *held;

int db_shared_get(const char *path, struct db_shared **out, struct err *e)
{
	struct stat st;
	*out = NULL;
	if (stat(path, &st) != 0)
		return err_set(e, IPM_EIO, "store open: the database file cannot be examined");
	pthread_mutex_lock(&registry);
	struct db_shared *d = shared_list;
	while (d && !(d->dev == st.st_dev && d->ino == st.st_ino))
		d = d->next;
	if (!d) {
		d = xcalloc(1, sizeof *d);
		d->dev = st.st_dev;
		d->ino = st.st_ino;
		pthread_mutex_init(&d->write, NULL);
		d->next = shared_list;
		shared_list = d;
	}
	d->refs++;
	pthread_mutex_unlock(&registry);
	*out = d;
	return IPM_OK;
}

void db_shared_put(struct db_shared *d)
{
	if (!d)
		return;
	pthread_mutex_lock(&registry);
	if (--d->refs == 0) {
		struct db_shared **p = &shared_list;
		while (*p != d)
			p = &(*p)->next;
		*p = d->next;
		pthread_mutex_destroy(&d->write);
		free(d);
	}
	pthread_mutex_unlock(&registry);
}

bool db_shared_lock(struct db_shared *d)
{
	for (const struct db_shared *h = held; h; h = h->held_prev)
		if (h == d)
			return false;
	pthread_mutex_lock(&d->write);
	d->held_prev = held;
	held = d;
	return true;
}

void db_shared_unlock(struct db_shared *d)
{
	held = d->held_prev;
	pthread_mutex_unlock(&d->write);
}
