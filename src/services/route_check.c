#include "services/route_check.h"
#include "core/timeutil.h"
#include "core/utf8.h"

#include <string.h>

int route_text(const char *field, const char *v, bool required, size_t max, struct err *e)
{
	size_t n = v ? strlen(v) : 0;
	if (!n || strspn(v, " \t\r\n") == n)
		return required ? err_set(e, IPM_EINVAL, "%s: is required", field) : IPM_OK;
	if (!utf8_valid(v, n))
		return err_set(e, IPM_EINVAL, "%s: not valid UTF-8", field);
	if (utf8_count(v, n) > max)
		return err_set(e, IPM_EINVAL, "%s: expected at most %zu characters", field, max);
	return IPM_OK;
}

int route_enum(const char *field, const char *v, const char *list, struct err *e)
{
	if (!v)
		return err_set(e, IPM_EINVAL, "%s: is required", field);
	size_t n = strlen(v);
	for (const char *p = list; *p;) {
		size_t w = strcspn(p, ",");
		if (w == n && n && strncmp(p, v, n) == 0)
			return IPM_OK;
		p += w;
		p += strspn(p, ", ");
	}
	return err_set(e, IPM_EINVAL, "%s: expected one of %s", field, list);
}

int route_date(const char *field, const char *v, struct err *e)
{
	if (!v || !time_date_valid(v))
		return err_set(e, IPM_EINVAL, "%s: expected a date YYYY-MM-DD", field);
	return IPM_OK;
}

bool route_code_ok(const char *v)
{
	size_t n = v ? strlen(v) : 0;
	if (n < 1 || n > 64 || v[0] == '.' || v[0] == '_' || v[0] == '-')
		return false;
	return strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}
