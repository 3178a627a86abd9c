#include "pack/semver.h"
#include "core/err.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A numeric part: digits, no leading zero unless it is "0". */
static int parse_number(const char **s, unsigned long *out)
{
	const char *p = *s;
	if (!isdigit((unsigned char)*p) || (p[0] == '0' && isdigit((unsigned char)p[1])))
		return -1;
	char *end;
	errno = 0;
	unsigned long v = strtoul(p, &end, 10);
	if (errno == ERANGE)
		return -1;
	*out = v;
	*s = end;
	return 0;
}

static int is_numeric(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Dot-separated identifiers of [0-9A-Za-z-]; numeric ones without leading zeros. */
static int valid_prerelease(const char *s)
{
	while (*s) {
		size_t n = strspn(s, "0123456789"
				     "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				     "abcdefghijklmnopqrstuvwxyz-");
		if (n == 0 || (s[n] != '.' && s[n] != '\0'))
			return 0;
		if (n > 1 && s[0] == '0' && is_numeric(s, n))
			return 0;
		s += n;
		if (*s == '.' && *++s == '\0')
			return 0;
	}
	return 1;
}

int semver_parse(const char *s, struct semver *out)
{
	struct semver v = { 0 };
	if (!s || parse_number(&s, &v.major) || *s++ != '.' || parse_number(&s, &v.minor) ||
	    *s++ != '.' || parse_number(&s, &v.patch))
		return IPM_EINVAL;
	if (*s == '-') {
		s++;
		size_t n = strlen(s);
		if (n == 0 || n >= sizeof v.pre || !valid_prerelease(s))
			return IPM_EINVAL;
		memcpy(v.pre, s, n + 1);
	} else if (*s != '\0') {
		return IPM_EINVAL;
	}
	*out = v;
	return IPM_OK;
}

static int cmp_ulong(unsigned long a, unsigned long b)
{
	return (a > b) - (a < b);
}

/* One identifier each; numeric ones rank below alphanumeric ones. */
static int cmp_identifier(const char *a, size_t an, const char *b, size_t bn)
{
	int anum = is_numeric(a, an), bnum = is_numeric(b, bn);
	if (anum && bnum) {
		/* No leading zeros, so the longer number is the larger one. */
		if (an != bn)
			return cmp_ulong(an, bn);
		return memcmp(a, b, an);
	}
	if (anum != bnum)
		return anum ? -1 : 1;
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : cmp_ulong(an, bn);
}

static int cmp_prerelease(const char *a, const char *b)
{
	/* A release ranks above any of its prereleases. */
	if (!*a || !*b)
		return (*a == '\0') - (*b == '\0');
	for (;;) {
		size_t an = strcspn(a, "."), bn = strcspn(b, ".");
		int c = cmp_identifier(a, an, b, bn);
		if (c)
			return c < 0 ? -1 : 1;
		a += an;
		b += bn;
		if (!*a || !*b)
			return (*a != '\0') - (*b != '\0');
		a++;
		b++;
	}
}

int semver_compare(const struct semver *a, const struct semver *b)
{
	int c = cmp_ulong(a->major, b->major);
	if (!c)
		c = cmp_ulong(a->minor, b->minor);
	if (!c)
		c = cmp_ulong(a->patch, b->patch);
	if (!c)
		c = cmp_prerelease(a->pre, b->pre);
	return c;
}
