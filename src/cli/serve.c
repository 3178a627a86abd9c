/* ipm serve: migrate the database, start the web server, stop cleanly on
 * SIGINT/SIGTERM. */
#include "cli/commands.h"
#include "cli/keyfile.h"
#include "cli/options.h"
#include "core/fs.h"
#include "core/log.h"
#include "store/store.h"
#include "web/server.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm serve [--db PATH] [--listen ADDR] [--port N] [--threads N]\n"
		"                 [--port-file FILE] [--log-level LEVEL] [--data DIR]\n"
		"                 [--key-file FILE] [--secure-cookies] [--trust-proxy]\n\n"
		"Starts the web server after bringing the database schema up to date.\n\n"
		"  --db PATH         SQLite database (default $IPM_DB or %s)\n"
		"  --listen ADDR     IPv4 address to bind (default 127.0.0.1)\n"
		"  --port N          TCP port (default 8080; 0 = any free port)\n"
		"  --threads N       worker threads (default: one per core)\n"
		"  --port-file FILE  write the bound port to FILE once listening\n"
		"  --log-level L     debug, info, warn or error (default info)\n"
		"  --data DIR        templates, static files and translations (default $IPM_DATA,\n"
		"                    ./data, or the installed share/ipm)\n"
		"  --key-file FILE   key for special-category fields (default $IPM_KEY_FILE or\n"
		"                    ipm.key beside the database; made by ipm init)\n"
		"  --secure-cookies  TLS ends in front of IPM: mark cookies Secure, send HSTS\n"
		"  --trust-proxy     a proxy we run is in front: believe its X-Forwarded-For\n"
		"                    and X-Forwarded-Proto headers\n",
		IPM_DEFAULT_DB);
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*s == '\0' || *end != '\0' || *s == '-' || v > max)
		return -1;
	*out = v;
	return 0;
}

static int migrate(const char *db_path, struct err *e)
{
	struct store *s;
	int version;
	if (store_open(db_path, &s, e) != IPM_OK)
		return e->code;
	int rc = store_migrate(s, &version, e);
	store_close(s);
	if (rc == IPM_OK)
		log_event(LOG_INFO, "store.ready", "schema=%d", version);
	return rc;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "threads", required_argument, NULL, 't' },
		{ "port-file", required_argument, NULL, 'f' },
		{ "log-level", required_argument, NULL, 'L' },
		{ "data", required_argument, NULL, 'D' },
		{ "key-file", required_argument, NULL, 'k' },
		{ "secure-cookies", no_argument, NULL, 'S' },
		{ "trust-proxy", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct web_config cfg = { .listen = "127.0.0.1", .port = 8080, .db_path = opt_default_db(),
				  .data_dir = opt_default_data() };
	const char *port_file = NULL, *key_file = NULL;
	unsigned long v;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg.db_path = optarg; break;
		case 'l': cfg.listen = optarg; break;
		case 'D': cfg.data_dir = optarg; break;
		case 'k': key_file = optarg; break;
		case 'S': cfg.secure_cookies = 1; break;
		case 'T': cfg.trust_proxy = 1; break;
		case 'f': port_file = optarg; break;
		case 'p':
			if (parse_uint(optarg, 65535, &v) != 0)
				return cli_fail(IPM_EINVAL, "--port: expected a number 0..65535");
			cfg.port = (uint16_t)v;
			break;
		case 't':
			if (parse_uint(optarg, 1024, &v) != 0)
				return cli_fail(IPM_EINVAL, "--threads: expected a number 0..1024");
			cfg.threads = (unsigned)v;
			break;
		case 'L':
			if (log_level_parse(optarg) < 0)
				return cli_fail(IPM_EINVAL, "--log-level: expected debug, info, warn or error");
			log_set_level((enum log_level)log_level_parse(optarg));
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		return cli_fail(IPM_EINVAL, "serve: unexpected argument");

	struct err e;
	if (migrate(cfg.db_path, &e) != IPM_OK)
		return cli_fail(e.code, e.msg);

	/* Block the stop signals before the worker threads exist, so that they
	 * inherit the mask and only sigwait() below sees the signals. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct buf key = BUF_INIT;
	opt_key_file(key_file, cfg.db_path, &key);
	cfg.key_file = key.data;
	struct web_server *srv;
	int started = web_start(&cfg, &srv, &e);
	buf_free(&key);
	if (started != IPM_OK)
		return cli_fail(e.code, e.msg);
	log_event(LOG_INFO, "server.start", "listen=%s port=%u", cfg.listen,
		  (unsigned)web_port(srv));
	if (port_file) {
		struct buf b = BUF_INIT;
		buf_printf(&b, "%u\n", (unsigned)web_port(srv));
		int rc = fs_write_atomic(port_file, b.data, b.len, &e);
		buf_free(&b);
		if (rc != IPM_OK) {
			web_stop(srv);
			return cli_fail(rc, e.msg);
		}
	}

	int sig = 0;
	sigwait(&stop, &sig);
	log_event(LOG_INFO, "server.stop", "signal=%d", sig);
	web_stop(srv);
	return 0;
}
