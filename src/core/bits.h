/* Counting set bits over arrays of 64-bit words (bitmaps of 64 items a
 * word). x86-64 builds are compiled for the baseline CPU, which has no
 * POPCNT instruction, so __builtin_popcountll becomes a library call of a
 * few nanoseconds; these functions use the instruction when the CPU has it
 * (checked once) and the portable builtin otherwise. */
#ifndef IPM_CORE_BITS_H
#define IPM_CORE_BITS_H

#include <stddef.h>
#include <stdint.h>

/* Set bits in a[0..n). */
size_t bits_count(const uint64_t *a, size_t n);

/* Set bits in (a AND b)[0..n). */
size_t bits_count_and(const uint64_t *a, const uint64_t *b, size_t n);

#endif
