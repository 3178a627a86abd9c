/* libFuzzer target for the pack loader: any bytes must end in a pack or a
 * clean IPM_EINVAL, never a crash, a leak or a sanitizer report. */
#include "pack/pack.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pack *p = NULL;
	struct err e = { 0 };
	int rc = pack_parse("fuzz.json", (const char *)data, size, &p, &e);
	/* Either a pack or a message, and the message always fits. */
	if ((rc == IPM_OK) != (p != NULL) || (rc && memchr(e.msg, '\0', sizeof e.msg) == NULL))
		__builtin_trap();
	pack_free(p);
	return 0;
}
