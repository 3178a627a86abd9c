/* What the connections of one process to one database file share: the lock
 * its writers queue on, and the thread that syncs the audit rows of reads.
 *
 * The lock. SQLite lets one writer in at a time and makes the
 * others wait in its busy handler, which polls by sleeping 1, 2, 5 ... 100 ms
 * instead of waking when the lock frees; under a busy web server that sleep
 * was most of a request's time. Threads of this process therefore queue on a
 * mutex before BEGIN IMMEDIATE (tx_run) and are woken as soon as the previous
 * transaction ends; other processes (the CLI beside `ipm serve`) still meet
 * the busy timeout. The file is known by device and inode, so two spellings
 * of one path share one entry.
 *
 * The syncer. A read transaction commits with synchronous NORMAL (tx_read):
 * its WAL frames are written, so they survive a crash of the process, but
 * not synced. The first such commit wakes the file's syncer thread, which
 * waits STORE_READ_SYNC_MS so that the reads of that interval share one
 * fdatasync of the WAL, and then syncs it, unless a FULL commit (any write)
 * synced it meanwhile. WAL frames are appended in commit order, so one sync
 * makes every earlier frame durable. */
#include "store/sqlite_internal.h"

#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct db_shared {
	dev_t dev;
	ino_t ino;
	int refs; /* connections using it; under `registry` */
	pthread_mutex_t write;
	struct db_shared *held_prev; /* the owner's previous `held` */
	char *wal;                   /* the WAL file's path */
	pthread_mutex_t sync_mu;     /* guards the fields below */
	pthread_cond_t sync_cv;      /* on CLOCK_MONOTONIC */
	bool unsynced;               /* read commits since the WAL was last synced */
	bool stop, running;
	pthread_t syncer;
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
		struct buf wal = BUF_INIT;
		buf_printf(&wal, "%s-wal", path);
		d->wal = xstrdup(buf_str(&wal));
		buf_free(&wal);
		pthread_mutex_init(&d->sync_mu, NULL);
		pthread_condattr_t ca;
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&d->sync_cv, &ca);
		pthread_condattr_destroy(&ca);
		d->next = shared_list;
		shared_list = d;
	}
	d->refs++;
	pthread_mutex_unlock(&registry);
	*out = d;
	return IPM_OK;
}

/* fdatasync of the WAL through a descriptor of our own: Linux syncs the
 * file, whichever descriptor wrote it. SQLite takes no locks on the WAL
 * file, so closing this descriptor drops none of its locks. No WAL means
 * its frames were checkpointed into the database, which syncs them. */
static void wal_sync(const char *wal)
{
	int fd = open(wal, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fdatasync(fd) != 0)
		log_event(LOG_ERROR, "store.wal_sync_failed", "error=\"%s\"", strerror(errno));
	close(fd);
}

static void *syncer(void *arg)
{
	struct db_shared *d = arg;
	pthread_mutex_lock(&d->sync_mu);
	while (!d->stop) {
		if (!d->unsynced) {
			pthread_cond_wait(&d->sync_cv, &d->sync_mu);
			continue;
		}
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_nsec += (long)STORE_READ_SYNC_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (!d->stop && d->unsynced &&
		       pthread_cond_timedwait(&d->sync_cv, &d->sync_mu, &until) != ETIMEDOUT)
			;
		if (d->unsynced) {
			/* Cleared first: a read that commits during the sync
			 * asks for the next one. */
			d->unsynced = false;
			pthread_mutex_unlock(&d->sync_mu);
			wal_sync(d->wal);
			pthread_mutex_lock(&d->sync_mu);
		}
	}
	pthread_mutex_unlock(&d->sync_mu);
	return NULL;
}

void db_shared_unsynced(struct db_shared *d)
{
	pthread_mutex_lock(&d->sync_mu);
	bool now = false;
	if (!d->unsynced) {
		d->unsynced = true;
		if (d->running)
			pthread_cond_signal(&d->sync_cv);
		else if (pthread_create(&d->syncer, NULL, syncer, d) == 0)
			d->running = true;
		else
			now = true; /* no thread: this read pays for its own sync */
	}
	if (now)
		d->unsynced = false;
	pthread_mutex_unlock(&d->sync_mu);
	if (now)
		wal_sync(d->wal);
}

void db_shared_synced(struct db_shared *d)
{
	pthread_mutex_lock(&d->sync_mu);
	d->unsynced = false;
	pthread_mutex_unlock(&d->sync_mu);
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
		/* The last connection closes: reads not yet synced are synced
		 * now, before the process may end. */
		pthread_mutex_lock(&d->sync_mu);
		d->stop = true;
		pthread_cond_signal(&d->sync_cv);
		bool running = d->running;
		pthread_mutex_unlock(&d->sync_mu);
		if (running)
			pthread_join(d->syncer, NULL);
		if (d->unsynced) /* no other thread uses d any more */
			wal_sync(d->wal);
		pthread_cond_destroy(&d->sync_cv);
		pthread_mutex_destroy(&d->sync_mu);
		pthread_mutex_destroy(&d->write);
		free(d->wal);
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
