/* The random numbers of the synthetic population (engine/synth.h), shared by
 * the ratings and outcomes (synth.c) and the questionnaire answers
 * (synth_answers.c) so that both draw from streams built the same way.
 * Internal to src/engine. */
#ifndef IPM_ENGINE_SYNTH_RNG_H
#define IPM_ENGINE_SYNTH_RNG_H

#include "engine/validate.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>

/* xoshiro256** (Blackman and Vigna 2018): fast, 256 bits of state, passes
 * BigCrush; seeded through SplitMix64 as its authors recommend. */
struct synth_rng {
	uint64_t s[4];
};

static inline uint64_t synth_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t synth_next(struct synth_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = synth_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = synth_rotl(s[3], 45);
	return result;
}

/* Uniform on (0, 1): 53 random bits, never exactly 0 (log below). */
static inline double synth_uniform(struct synth_rng *r)
{
	return ((double)(synth_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

/* Standard normal by Box–Muller; one value per call keeps the stream per
 * client simple to reason about (the second value is not cached). */
static inline double synth_normal(struct synth_rng *r)
{
	double u = synth_uniform(r), v = synth_uniform(r);
	return sqrt(-2.0 * log(u)) * cos(6.283185307179586 * v);
}

/* Client i's own stream: the seed and i mixed by SplitMix64. */
static inline void synth_seed(struct synth_rng *r, uint64_t seed, size_t i)
{
	uint64_t st = seed ^ ((uint64_t)(i + 1) * 0x9e3779b97f4a7c15ull);
	for (int k = 0; k < 4; k++)
		r->s[k] = val_splitmix64(&st);
}

#endif
