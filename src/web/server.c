#include "web/server.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "web/pages.h"
#include "web/response.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

struct web_server {
	struct MHD_Daemon *daemon;
	char *db_path;
	pthread_key_t store_key; /* each worker thread's own connection */
	uint16_t port;
};

struct route {
	const char *path;
	enum MHD_Result (*handler)(struct web_request *req);
};

static const struct route routes[] = {
	{ "/", page_home },
	{ "/healthz", page_healthz },
};

static void store_key_destroy(void *p)
{
	store_close(p);
}

/* SQLite connections must not be shared between threads without locking, and
 * opening one per request costs more than the request: so each MHD worker
 * keeps one, closed by the key destructor when the worker ends. */
static struct store *thread_store(struct web_server *srv)
{
	struct store *s = pthread_getspecific(srv->store_key);
	if (s)
		return s;
	struct err e;
	if (store_open(srv->db_path, &s, &e) != IPM_OK) {
		log_event(LOG_ERROR, "store.open_failed", "code=%s", err_code_name(e.code));
		return NULL;
	}
	pthread_setspecific(srv->store_key, s);
	return s;
}

static enum MHD_Result dispatch(void *cls, struct MHD_Connection *conn, const char *url,
				const char *method, const char *version,
				const char *upload_data, size_t *upload_size, void **con_cls)
{
	(void)version;
	(void)upload_data;
	(void)upload_size;
	(void)con_cls;
	struct web_server *srv = cls;
	int64_t started = time_mono_ms();
	struct web_request req = { .conn = conn, .method = method, .path = url };

	enum MHD_Result ret;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
		struct buf b = BUF_INIT;
		buf_puts(&b, "Methode niet toegestaan\n");
		req.status = MHD_HTTP_METHOD_NOT_ALLOWED;
		ret = web_respond(conn, req.status, "text/plain; charset=utf-8", &b);
		goto out_log;
	}
	req.store = thread_store(srv);
	for (size_t i = 0; i < sizeof routes / sizeof routes[0]; i++) {
		if (strcmp(url, routes[i].path) == 0) {
			ret = routes[i].handler(&req);
			goto out_log;
		}
	}
	ret = page_not_found(&req);

out_log:
	/* The path only: query strings can carry search terms typed by people. */
	log_event(LOG_INFO, "http.request", "method=%s path=%s status=%u ms=%lld", method,
		  req.status == MHD_HTTP_NOT_FOUND ? "(unknown)" : url, req.status,
		  (long long)(time_mono_ms() - started));
	return ret;
}

int web_start(const struct web_config *cfg, struct web_server **out, struct err *e)
{
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons(cfg->port) };
	if (inet_pton(AF_INET, cfg->listen, &addr.sin_addr) != 1)
		return err_set(e, IPM_EINVAL, "--listen: '%s' is not an IPv4 address", cfg->listen);

	struct web_server *srv = xcalloc(1, sizeof *srv);
	srv->db_path = xstrdup(cfg->db_path);
	if (pthread_key_create(&srv->store_key, store_key_destroy) != 0) {
		free(srv->db_path);
		free(srv);
		return err_set(e, IPM_ENOMEM, "cannot create thread key");
	}
	unsigned threads = cfg->threads;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n > 0 ? (unsigned)n : 1;
	}
	srv->daemon = MHD_start_daemon(
		MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG, cfg->port, NULL,
		NULL, dispatch, srv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned)30, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(256 * 1024),
		MHD_OPTION_END);
	if (!srv->daemon) {
		pthread_key_delete(srv->store_key);
		free(srv->db_path);
		free(srv);
		return err_set(e, IPM_EIO, "cannot listen on %s:%u (in use, or not allowed)",
			       cfg->listen, (unsigned)cfg->port);
	}
	const union MHD_DaemonInfo *info =
		MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = info ? info->port : cfg->port;
	*out = srv;
	return IPM_OK;
}

uint16_t web_port(const struct web_server *srv)
{
	return srv->port;
}

void web_stop(struct web_server *srv)
{
	if (!srv)
		return;
	MHD_stop_daemon(srv->daemon);
	/* The workers have ended and their key destructors closed their
	 * connections; the main thread never opened one. */
	pthread_key_delete(srv->store_key);
	free(srv->db_path);
	free(srv);
}
