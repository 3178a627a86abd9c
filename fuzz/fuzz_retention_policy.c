/* libFuzzer target for the retention policy parser (services/retention.c):
 * any bytes give a policy that keeps the header's promises, or a clean
 * IPM_EINVAL whose message starts with the source name. */
#include "services/retention.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct retention_policy p;
	struct err e = { 0 };
	int rc = retention_policy_parse("fuzz.json", (const char *)data, size, &p, &e);
	if (rc) {
		if (rc != IPM_EINVAL || strncmp(e.msg, "fuzz.json", 9) != 0)
			__builtin_trap();
		return 0;
	}
	const struct retention_rule *all[1 + 64];
	size_t n = 0;
	all[n++] = &p.def;
	for (size_t i = 0; i < p.n_orgs && n < sizeof all / sizeof all[0]; i++) {
		if (p.orgs[i].org_id < 1 || retention_rule_for(&p, p.orgs[i].org_id) == &p.def)
			__builtin_trap();
		all[n++] = &p.orgs[i].rule;
	}
	for (size_t i = 0; i < n; i++)
		if (all[i]->years_after_end < 0 || all[i]->years_after_end > RETENTION_MAX_YEARS ||
		    all[i]->years_after_last_activity < 0 ||
		    all[i]->years_after_last_activity > RETENTION_MAX_YEARS)
			__builtin_trap();
	if (!p.basis || !*p.basis)
		__builtin_trap();
	/* A status from any valid policy is a real date. */
	struct store_retention r = { .org_id = 1, .last_write = "2024-02-29T10:00:00Z" };
	struct retention_status st;
	if (retention_status(&p, &r, "2030-01-01", &st, &e) != IPM_OK || strlen(st.until) != 10)
		__builtin_trap();
	retention_policy_free(&p);
	return 0;
}
