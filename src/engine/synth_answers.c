/* Questionnaire answers of the synthetic population (engine/synth.h,
 * docs/synth.md "Questionnaire answers"): one general factor, the client's
 * closeness to work, drives every rating item, so that the answers exercise
 * scoring, norms and the answers file end to end with a direction that a
 * test can check. They have no realistic scale structure. */
#include "engine/synth.h"
#include "engine/synth_rng.h"

#include <math.h>

/* Mixed into the seed so that the answers have a stream of their own: the
 * ratings and the outcome of client i stay the same whether or not its
 * answers are drawn. */
#define ANSWERS_STREAM 0x616e737765727321ull /* "answers!" */

/* min + Binomial(K − 1, p), mirrored for a reverse-keyed item: its keyed
 * score (min + max − v) is then min + the successes, as for a "+" item. */
static int16_t rating_answer(const struct q_item *it, double p, struct synth_rng *r)
{
	int k = 0;
	for (int t = it->min; t < it->max; t++)
		k += synth_uniform(r) < p;
	return (int16_t)(it->reversed ? it->max - k : it->min + k);
}

/* The block's total split over its asked items by Dirichlet(1, …, 1)
 * weights (exponential draws, normalised), rounded on the cumulative sums
 * so that the points add up to the total exactly. Every item draws a
 * weight, asked or not, so switching excluded items on does not move the
 * other draws. */
static void block_answers(const struct questionnaire *q, const struct q_block *b,
			  struct synth_rng *r, int16_t *row)
{
	double w[Q_ITEMS_MAX], sum = 0;
	for (uint32_t j = 0; j < b->n_items; j++) {
		double u = synth_uniform(r);
		w[j] = q->items[b->items[j]].excluded ? 0 : -log(u);
		sum += w[j];
	}
	if (sum == 0)
		return; /* nothing asked: the block stays unanswered */
	double cum = 0;
	long before = 0;
	for (uint32_t j = 0; j < b->n_items; j++) {
		if (q->items[b->items[j]].excluded)
			continue;
		cum += w[j];
		long upto = lround(b->total * (cum / sum));
		row[b->items[j]] = (int16_t)(upto - before);
		before = upto;
	}
}

void synth_answers(const struct questionnaire *q, uint64_t seed, size_t i, double closeness,
		   int16_t *row)
{
	struct synth_rng r;
	synth_seed(&r, seed ^ ANSWERS_STREAM, i);
	double p = 1 / (1 + exp(-SYNTH_ANSWER_SLOPE * closeness));
	for (size_t k = 0; k < q->n_items; k++) {
		const struct q_item *it = &q->items[k];
		row[k] = Q_MISSING;
		/* Drawn for excluded items as well, for the reason above. */
		if (!(it->points && it->block >= 0)) {
			int16_t v = rating_answer(it, p, &r);
			if (!it->excluded)
				row[k] = v;
		}
	}
	for (size_t k = 0; k < q->n_blocks; k++)
		block_answers(q, &q->blocks[k], &r, row);
}
