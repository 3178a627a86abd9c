/* bits.h: popcount over word arrays, with the POPCNT instruction when the
 * CPU has it. */
#include "core/bits.h"

#include <stdatomic.h>

static size_t count_and_portable(const uint64_t *a, const uint64_t *b, size_t n)
{
	size_t c = 0;
	for (size_t w = 0; w < n; w++)
		c += (size_t)__builtin_popcountll(a[w] & (b ? b[w] : ~UINT64_C(0)));
	return c;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("popcnt"))) static size_t count_and_popcnt(const uint64_t *a,
								 const uint64_t *b, size_t n)
{
	size_t c = 0;
	if (!b) {
		for (size_t w = 0; w < n; w++)
			c += (size_t)__builtin_popcountll(a[w]);
		return c;
	}
	for (size_t w = 0; w < n; w++)
		c += (size_t)__builtin_popcountll(a[w] & b[w]);
	return c;
}

static size_t count_and(const uint64_t *a, const uint64_t *b, size_t n)
{
	/* -1 until checked; threads that check at once all store the same */
	static _Atomic int has_popcnt = -1;
	int has = atomic_load_explicit(&has_popcnt, memory_order_relaxed);
	if (has < 0) {
		__builtin_cpu_init();
		has = __builtin_cpu_supports("popcnt") ? 1 : 0;
		atomic_store_explicit(&has_popcnt, has, memory_order_relaxed);
	}
	return has ? count_and_popcnt(a, b, n) : count_and_portable(a, b, n);
}
#else
static size_t count_and(const uint64_t *a, const uint64_t *b, size_t n)
{
	return count_and_portable(a, b, n);
}
#endif

size_t bits_count(const uint64_t *a, size_t n)
{
	return count_and(a, NULL, n);
}

size_t bits_count_and(const uint64_t *a, const uint64_t *b, size_t n)
{
	return count_and(a, b, n);
}
