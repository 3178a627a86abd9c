#include "core/utf8.h"

bool utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	while (p < end) {
		unsigned c = *p++;
		if (c < 0x80)
			continue;
		size_t more;
		unsigned lo = 0x80, hi = 0xBF; /* the range of the first continuation byte */
		if (c >= 0xC2 && c <= 0xDF) {
			more = 1;
		} else if (c >= 0xE0 && c <= 0xEF) {
			more = 2;
			if (c == 0xE0)
				lo = 0xA0; /* overlong */
			else if (c == 0xED)
				hi = 0x9F; /* surrogates */
		} else if (c >= 0xF0 && c <= 0xF4) {
			more = 3;
			if (c == 0xF0)
				lo = 0x90; /* overlong */
			else if (c == 0xF4)
				hi = 0x8F; /* beyond U+10FFFF */
		} else {
			return false;
		}
		if ((size_t)(end - p) < more || *p < lo || *p > hi)
			return false;
		p++;
		for (size_t i = 1; i < more; i++, p++)
			if (*p < 0x80 || *p > 0xBF)
				return false;
	}
	return true;
}

size_t utf8_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += ((unsigned char)s[i] & 0xC0) != 0x80;
	return count;
}
