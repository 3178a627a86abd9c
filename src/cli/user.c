/* ipm user add|passwd|disable|enable: accounts for the web application.
 *
 * A password never comes from the command line (it would sit in the shell
 * history and in /proc/PID/cmdline for every user of the machine): it is
 * read from a terminal without echo, asked twice, or as one line from a
 * pipe (scripts, tests). Argon2id, services/password.c. */
#include "cli/commands.h"
#include "cli/options.h"
#include "services/access.h"
#include "services/password.h"
#include "store/store_web.h"

#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static void usage(FILE *out)
{
	fprintf(out,
		"usage: ipm user add --username NAME --name \"DISPLAY NAME\" --role ROLE --org ID\n"
		"       ipm user passwd NAME\n"
		"       ipm user disable NAME\n"
		"       ipm user enable NAME\n"
		"       (each also takes --db PATH)\n\n"
		"Manages the accounts of the web application. The password is asked without\n"
		"echo, twice, on a terminal, or read as one line from standard input; never\n"
		"from the command line. At least %d characters. Roles: %s.\n"
		"A new password or a disabled account ends the user's open sessions.\n",
		PASSWORD_MIN_CHARS, STORE_ROLES);
}

/* One line from fp without its line end; -1 at end of input or when longer
 * than PASSWORD_MAX_BYTES. */
static int read_line(FILE *fp, struct buf *out)
{
	int c;
	buf_reset(out);
	while ((c = fgetc(fp)) != EOF && c != '\n') {
		if (out->len >= PASSWORD_MAX_BYTES)
			return -1;
		buf_putc(out, (char)c);
	}
	if (out->len && out->data[out->len - 1] == '\r')
		out->data[--out->len] = '\0';
	return c == EOF && out->len == 0 ? -1 : 0;
}

static int prompt_hidden(const char *prompt, struct buf *out)
{
	struct termios old, quiet;
	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) != 0)
		return -1;
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	int rc = read_line(stdin, out);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return rc;
}

static void wipe(struct buf *b)
{
	if (b->data)
		memset(b->data, 0, b->cap);
	buf_free(b);
}

/* The new password's Argon2id hash in *hash. */
static int read_password(struct buf *hash, struct err *e)
{
	struct buf pw = BUF_INIT, again = BUF_INIT;
	int rc;
	if (isatty(STDIN_FILENO)) {
		if (prompt_hidden("Nieuw wachtwoord: ", &pw) != 0 ||
		    prompt_hidden("Nog een keer: ", &again) != 0)
			rc = err_set(e, IPM_EINVAL, "password: not read");
		else if (strcmp(buf_str(&pw), buf_str(&again)) != 0)
			rc = err_set(e, IPM_EINVAL, "password: the two entries differ");
		else
			rc = password_hash(buf_str(&pw), hash, e);
	} else if (read_line(stdin, &pw) != 0) {
		rc = err_set(e, IPM_EINVAL, "password: expected one line on standard input");
	} else {
		rc = password_hash(buf_str(&pw), hash, e);
	}
	wipe(&pw);
	wipe(&again);
	return rc;
}

static int parse_id(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int user_add(struct store *s, const char *username, const char *name, const char *role,
		    int64_t org, struct err *e)
{
	enum access_role r;
	if (!username || !*username || !name || !*name || !role || !org)
		return err_set(e, IPM_EINVAL,
			       "user add: --username, --name, --role and --org are required");
	if (access_role_parse(role, &r) != IPM_OK)
		return err_set(e, IPM_EINVAL, "user add: --role: expected one of %s", STORE_ROLES);
	struct buf hash = BUF_INIT;
	int rc = read_password(&hash, e);
	if (rc == IPM_OK) {
		const struct store_user u = { .org_id = org, .username = username,
					      .display_name = name, .role = role,
					      .password_hash = hash.data };
		int64_t id;
		rc = store_user_create(s, &u, &id, e);
		if (rc == IPM_OK)
			printf("user %s added (id %lld, role %s)\n", username, (long long)id, role);
	}
	buf_free(&hash);
	return rc;
}

int cmd_user(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "username", required_argument, NULL, 'u' },
		{ "name", required_argument, NULL, 'n' },
		{ "role", required_argument, NULL, 'r' },
		{ "org", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *db = opt_default_db(), *username = NULL, *name = NULL, *role = NULL;
	int64_t org = 0;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'u': username = optarg; break;
		case 'n': name = optarg; break;
		case 'r': role = optarg; break;
		case 'o':
			if (parse_id(optarg, &org) != 0)
				return cli_fail(IPM_EINVAL, "user: --org: expected an organisation id");
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *sub = argv[optind];
	const char *target = optind + 1 < argc ? argv[optind + 1] : NULL;
	if (optind + 2 < argc || (strcmp(sub, "add") != 0 && !target) ||
	    (strcmp(sub, "add") == 0 && target))
		return cli_fail(IPM_EINVAL, "user: unexpected or missing argument (see --help)");

	struct err e;
	struct store *s;
	if (store_open(db, &s, &e) != IPM_OK)
		return cli_fail(e.code, e.msg);
	const struct store_actor system = { 0 };
	int rc;
	if (strcmp(sub, "add") == 0) {
		rc = user_add(s, username, name, role, org, &e);
	} else if (strcmp(sub, "passwd") == 0) {
		struct buf hash = BUF_INIT;
		rc = read_password(&hash, &e);
		if (rc == IPM_OK)
			rc = store_user_set_password(s, &system, target, hash.data, &e);
		buf_free(&hash);
		if (rc == IPM_OK)
			printf("password of %s changed; open sessions ended\n", target);
	} else if (strcmp(sub, "disable") == 0 || strcmp(sub, "enable") == 0) {
		int off = sub[0] == 'd';
		rc = store_user_set_disabled(s, &system, target, off, &e);
		if (rc == IPM_OK)
			printf("user %s %s\n", target, off ? "disabled; open sessions ended" : "enabled");
	} else {
		rc = err_set(&e, IPM_EINVAL, "user: unknown subcommand '%s' (add, passwd, disable, enable)",
			     sub);
	}
	store_close(s);
	return rc ? cli_fail(rc, e.msg) : 0;
}
