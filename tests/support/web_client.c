#include "support/web_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

int web_req(int port, const char *method, const char *path, const char *headers,
	    const char *body, struct buf *resp)
{
	buf_reset(resp);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
	if (connect(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
		close(fd);
		return -1;
	}
	struct buf req = BUF_INIT;
	buf_printf(&req, "%s %s HTTP/1.0\r\nHost: localhost\r\n%s", method, path,
		   headers ? headers : "");
	if (body)
		buf_printf(&req,
			   "Content-Type: application/x-www-form-urlencoded\r\n"
			   "Content-Length: %zu\r\n\r\n%s",
			   strlen(body), body);
	else
		buf_puts(&req, "Content-Length: 0\r\n\r\n");
	ssize_t w = write(fd, req.data, req.len);
	buf_free(&req);
	if (w < 0) {
		close(fd);
		return -1;
	}
	char chunk[4096];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(resp, chunk, (size_t)n);
	close(fd);
	int status = -1;
	if (sscanf(buf_str(resp), "HTTP/1.%*d %d", &status) != 1)
		return -1;
	return status;
}

int web_post_form(int port, const char *headers, const char *csrf, const char *path,
		  const char *body, struct buf *resp)
{
	struct buf form = BUF_INIT;
	if (csrf)
		buf_printf(&form, "csrf=%s%s", csrf, *body ? "&" : "");
	buf_puts(&form, body);
	int status = web_req(port, "POST", path, headers, buf_str(&form), resp);
	buf_free(&form);
	return status;
}

const char *web_resp_body(const char *resp)
{
	const char *p = strstr(resp, "\r\n\r\n");
	return p ? p + 4 : "";
}

/* Walks the header lines; calls back with name and value spans. */
static int find_header(const char *resp, const char *name, const char *value_prefix,
		       struct buf *out)
{
	const char *end = strstr(resp, "\r\n\r\n");
	const char *line = strstr(resp, "\r\n");
	size_t n = strlen(name);
	while (line && line < end) {
		line += 2;
		const char *eol = strstr(line, "\r\n");
		if (strncasecmp(line, name, n) == 0 && line[n] == ':') {
			const char *v = line + n + 1;
			while (*v == ' ')
				v++;
			if (!value_prefix || strncmp(v, value_prefix, strlen(value_prefix)) == 0) {
				buf_reset(out);
				buf_add(out, v, (size_t)(eol - v));
				return 0;
			}
		}
		line = eol;
	}
	return -1;
}

int web_resp_header(const char *resp, const char *name, struct buf *out)
{
	return find_header(resp, name, NULL, out);
}

int web_resp_cookie_line(const char *resp, const char *name, struct buf *out)
{
	struct buf prefix = BUF_INIT;
	buf_printf(&prefix, "%s=", name);
	int rc = find_header(resp, "Set-Cookie", prefix.data, out);
	buf_free(&prefix);
	return rc;
}

int web_resp_cookie(const char *resp, const char *name, struct buf *out)
{
	struct buf line = BUF_INIT;
	int rc = web_resp_cookie_line(resp, name, &line);
	if (rc == 0) {
		const char *v = strchr(line.data, '=') + 1;
		const char *semi = strchr(v, ';');
		buf_reset(out);
		buf_add(out, v, semi ? (size_t)(semi - v) : strlen(v));
	}
	buf_free(&line);
	return rc;
}

int web_form_value(const char *resp, const char *name, struct buf *out)
{
	struct buf pat = BUF_INIT;
	buf_printf(&pat, "name=\"%s\" value=\"", name);
	const char *p = strstr(resp, pat.data);
	size_t skip = pat.len;
	buf_free(&pat);
	if (!p)
		return -1;
	p += skip;
	const char *q = strchr(p, '"');
	buf_reset(out);
	buf_add(out, p, (size_t)(q - p));
	return 0;
}

int web_login_form(int port, const char *user, const char *password, const char *extra,
		   struct buf *resp, struct buf *hdr, struct buf *body)
{
	struct buf pre = BUF_INIT, field = BUF_INIT;
	int rc = -1;
	if (web_req(port, "GET", "/login", extra, NULL, resp) != 200 ||
	    web_resp_cookie(resp->data, "ipm_pre", &pre) != 0 ||
	    web_form_value(resp->data, "csrf", &field) != 0)
		goto out;
	buf_reset(hdr);
	buf_printf(hdr, "%sCookie: ipm_pre=%s\r\n", extra ? extra : "", pre.data);
	buf_reset(body);
	buf_printf(body, "csrf=%s&username=%s&password=%s", field.data, user, password);
	rc = 0;
out:
	buf_free(&pre);
	buf_free(&field);
	return rc;
}

int web_login(int port, const char *user, const char *password, const char *extra,
	      struct buf *cookie, struct buf *csrf)
{
	struct buf r = BUF_INIT, hdr = BUF_INIT, body = BUF_INIT, token = BUF_INIT;
	int status = -1;
	if (web_login_form(port, user, password, extra, &r, &hdr, &body) != 0)
		goto out;
	status = web_req(port, "POST", "/login", hdr.data, body.data, &r);
	if (status != 303 || web_resp_cookie(r.data, "ipm_session", &token) != 0)
		goto out;
	buf_reset(cookie);
	buf_printf(cookie, "ipm_session=%s", token.data);
	buf_reset(&hdr);
	buf_printf(&hdr, "%sCookie: %s\r\n", extra ? extra : "", cookie->data);
	/* Any logged-in page carries the logout form with the session's token;
	 * the login page redirects, so ask for one that renders for every role. */
	if (web_req(port, "GET", "/no-such-page", hdr.data, NULL, &r) != 404 ||
	    web_form_value(r.data, "csrf", csrf) != 0)
		status = -1;
out:
	buf_free(&r);
	buf_free(&hdr);
	buf_free(&body);
	buf_free(&token);
	return status;
}
