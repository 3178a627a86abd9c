#include "web/router.h"

#include <string.h>

/* Does path match pattern? Fills the parameters of m when it does. */
static int match_path(const char *pattern, const char *path, struct router_match *m)
{
	const char *p = pattern, *s = path;
	m->n_params = 0;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			const char *seg_end = strchr(s, '/');
			if (!seg_end)
				seg_end = s + strlen(s);
			if (!close || seg_end == s || m->n_params == ROUTER_MAX_PARAMS)
				return 0;
			m->params[m->n_params].name = p + 1;
			m->params[m->n_params].name_len = (size_t)(close - p - 1);
			m->params[m->n_params].value = s;
			m->params[m->n_params].value_len = (size_t)(seg_end - s);
			m->n_params++;
			p = close + 1;
			s = seg_end;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

static void allow_add(char *allow, size_t cap, const char *method)
{
	if (strstr(allow, method))
		return;
	size_t len = strlen(allow), add = strlen(method) + (len ? 2 : 0);
	if (len + add + 1 > cap)
		return;
	if (len)
		memcpy(allow + len, ", ", 2), len += 2;
	memcpy(allow + len, method, strlen(method) + 1);
}

enum router_result router_match(const struct web_route *routes, size_t n, const char *method,
				const char *path, struct router_match *m)
{
	int path_known = 0;
	m->allow[0] = '\0';
	m->route = NULL;
	const char *want = strcmp(method, "HEAD") == 0 ? "GET" : method;
	for (size_t i = 0; i < n; i++) {
		struct router_match tmp;
		if (!match_path(routes[i].pattern, path, &tmp))
			continue;
		path_known = 1;
		allow_add(m->allow, sizeof m->allow, routes[i].method);
		if (strcmp(routes[i].method, "GET") == 0)
			allow_add(m->allow, sizeof m->allow, "HEAD");
		if (!m->route && strcmp(routes[i].method, want) == 0) {
			*m = (struct router_match){ .route = &routes[i], .n_params = tmp.n_params };
			memcpy(m->params, tmp.params, sizeof tmp.params);
			return ROUTER_FOUND;
		}
	}
	return path_known ? ROUTER_BAD_METHOD : ROUTER_NOT_FOUND;
}
