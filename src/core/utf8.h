/* UTF-8 validation for text that arrives from outside as bytes (CSV fields)
 * and must later be written into JSON or HTML, which need valid UTF-8. */
#ifndef IPM_CORE_UTF8_H
#define IPM_CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* true when s[0..n) is well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing beyond U+10FFFF). A NUL byte counts as valid. */
bool utf8_valid(const char *s, size_t n);

/* The number of code points ("characters" in a length rule such as Eva's
 * 500 for a summary) in well-formed UTF-8: bytes that start a character. */
size_t utf8_count(const char *s, size_t n);

#endif
