/* Dutch compound splitting against a lexicon (compound_nl.h). */
#include "core/compound_nl.h"

#include "core/stem_nl.h"
#include "core/xalloc.h"

#include <string.h>

/* Words of this field that compounds in a catalogue of reintegration
 * instruments are made of, whether or not the catalogue uses them on their
 * own: the heads and modifiers of names like taalcafé, schuldhulpverlening,
 * werkervaringsplaats, jobcoach, loonkostensubsidie. Nouns and verbs in
 * their plain form; stems are compared, so inflected forms match too. */
static const char *const field_words[] = {
	"aanpak", "activering", "advies", "arbeid", "arts", "begeleiding", "beroep", "bewijs",
	"bedrijf", "bemiddeling", "brief", "budget", "buurt", "cafe", "centrum", "coach",
	"coaching", "competentie", "computer", "contact", "cursus", "dag", "deel", "diagnose",
	"diploma", "docent", "doel", "eiser", "ervaring", "examen", "fiets", "formulier", "gebruik",
	"geld", "gesprek", "gever", "gezondheid", "groep", "hulp", "huis", "inburgering", "inkomen",
	"jaar", "job", "keuze", "kind", "klant", "kosten", "leer", "les", "leven", "loon", "loket",
	"loopbaan", "maatje", "markt", "meting", "module", "motivatie", "nemer", "netwerk",
	"niveau", "onderzoek", "oefening", "opleiding", "opvang", "participatie", "plaats", "plan",
	"plek", "praktijk", "presentatie", "proces", "profiel", "regeling", "reis", "rekenen",
	"ritme", "route", "sanering", "school", "scholing", "schuld", "sollicitatie", "spreekuur",
	"stage", "stap", "steun", "subsidie", "taal", "talent", "team", "test", "toets", "training",
	"traject", "uur", "vaardigheid", "vacature", "verklaring", "verlener", "verlening",
	"vervoer", "voucher", "vrijwilliger", "week", "werk", "wet", "wijk", "winkel", "zoeken", "zorg",
};

/* Words that begin many words without being their modifier in meaning
 * (voorwaarde, onderzoek, overzicht): never learned. */
static const char *const function_words[] = {
	"aan", "achter", "alle", "allemaal", "binnen", "boven", "buiten", "daar", "deze", "ding",
	"dingen", "door",
	"dus", "een", "elke", "even", "geen", "heel", "hele", "hier", "maar", "meer", "mee",
	"naar", "niet", "onder", "over", "rond", "samen", "soms", "tegen", "terug", "toe",
	"tussen", "uit", "vaak", "veel", "voor", "waar", "weer", "wel", "zelf", "zijn", "zonder",
};

/* Parts have at least four letters, or are one of these: shorter stems
 * meet too many unrelated words (kom-pas, snel-ler, par-ken). */
static const char *const short_parts[] = { "dag", "job", "les", "uur", "wet" };

/* Never a part: "tallen" (tweetallen) stems like "taal". */
static const char *const not_parts[] = { "tallen" };

static bool listed(const char *const *list, size_t n_list, const char *w, size_t n)
{
	for (size_t k = 0; k < n_list; k++)
		if (strlen(list[k]) == n && memcmp(list[k], w, n) == 0)
			return true;
	return false;
}

#define MIN_PART 3

static bool norm_of(const char *w, size_t n, char *out, size_t *len)
{
	if (n == 0 || n > STEM_NL_MAX)
		return false;
	memcpy(out, w, n);
	*len = stem_nl_norm(out, n);
	return true;
}

static void add_stem(struct compound_nl *c, const char *w, size_t n)
{
	char s[STEM_NL_MAX];
	size_t len;
	if (norm_of(w, n, s, &len))
		dict_add(&c->stems, s, len);
}

void compound_nl_init(struct compound_nl *c)
{
	*c = (struct compound_nl){ 0 };
	for (size_t k = 0; k < sizeof field_words / sizeof field_words[0]; k++)
		add_stem(c, field_words[k], strlen(field_words[k]));
	c->cache_at = xcalloc(1, sizeof *c->cache_at);
	c->cache_cap = 1;
}

void compound_nl_free(struct compound_nl *c)
{
	dict_free(&c->stems);
	dict_free(&c->learned);
	dict_free(&c->seen);
	free(c->seen_n);
	dict_free(&c->cache);
	free(c->cache_at);
	dict_free(&c->part_ids);
	free(c->cache_parts);
	*c = (struct compound_nl){ 0 };
}

bool compound_nl_learnable(const char *w, size_t n)
{
	if (n < 4 || n > STEM_NL_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	return !listed(function_words, sizeof function_words / sizeof function_words[0], w, n);
}

void compound_nl_count(struct compound_nl *c, const char *w, size_t n)
{
	if (!compound_nl_learnable(w, n))
		return;
	uint32_t id = dict_add(&c->seen, w, n);
	if (id >= c->seen_cap) {
		size_t cap = c->seen_cap ? 2 * c->seen_cap : 256;
		c->seen_n = xrealloc(c->seen_n, cap * sizeof *c->seen_n);
		memset(c->seen_n + c->seen_cap, 0, (cap - c->seen_cap) * sizeof *c->seen_n);
		c->seen_cap = cap;
	}
	c->seen_n[id]++;
}

/* Splits worked out against a smaller lexicon are forgotten. */
static void cache_clear(struct compound_nl *c)
{
	dict_free(&c->cache);
	c->cache_parts_len = 0;
}

void compound_nl_add_learned(struct compound_nl *c, const char *w, size_t n)
{
	dict_add(&c->learned, w, n);
	add_stem(c, w, n);
	cache_clear(c);
}

void compound_nl_seal(struct compound_nl *c)
{
	for (uint32_t id = 0; id < c->seen.n; id++)
		if (c->seen_n[id] >= COMPOUND_NL_MIN_COUNT) {
			size_t n;
			const char *w = dict_key(&c->seen, id, &n);
			compound_nl_add_learned(c, w, n);
		}
	dict_free(&c->seen);
	free(c->seen_n);
	c->seen_n = NULL;
	c->seen_cap = 0;
}

/* --- splitting ----------------------------------------------------------- */

static bool known(const struct compound_nl *c, const char *w, size_t from, size_t to)
{
	size_t n = to - from;
	if (n < 4)
		return listed(short_parts, sizeof short_parts / sizeof short_parts[0], w + from, n);
	if (listed(not_parts, sizeof not_parts / sizeof not_parts[0], w + from, n))
		return false;
	char s[STEM_NL_MAX];
	size_t len;
	return norm_of(w + from, n, s, &len) && dict_find(&c->stems, s, len) != DICT_NONE;
}

/* The last part may also be known without a plural ending the stemmer
 * keeps: Snowball stems "plaatsen" to "plaats" but "plaats" to "plat". */
static bool known_head(const struct compound_nl *c, const char *w, size_t from, size_t n)
{
	if (listed(not_parts, sizeof not_parts / sizeof not_parts[0], w + from, n - from))
		return false;
	if (known(c, w, from, n))
		return true;
	if (n - from > MIN_PART + 2 && memcmp(w + n - 2, "en", 2) == 0 && known(c, w, from, n - 2))
		return true;
	return n - from > MIN_PART + 1 && w[n - 1] == 's' && known(c, w, from, n - 1);
}

static bool same_stem(const char *a, size_t na, const char *b, size_t nb)
{
	char sa[STEM_NL_MAX], sb[STEM_NL_MAX];
	size_t la, lb;
	return norm_of(a, na, sa, &la) && norm_of(b, nb, sb, &lb) && la == lb &&
	       memcmp(sa, sb, la) == 0;
}

struct seg {
	size_t start[COMPOUND_NL_MAX_PARTS], end[COMPOUND_NL_MAX_PARTS];
	size_t m;
	uint64_t failed; /* starts from which no segmentation exists */
};

/* Cuts w[from..n) into known parts joined by links, the shortest first
 * part first; the whole word (from 0 to n) is not a part of itself, and a
 * cut must not leave an ending as the next part: "gesprekken" is not
 * gesprek + ken, since it stems like "gesprek". */
static bool segment(const struct compound_nl *c, const char *w, size_t n, size_t from,
		    struct seg *sg)
{
	static const char *const links[] = { "", "s", "e", "en" };
	if ((sg->failed >> from) & 1 || sg->m == COMPOUND_NL_MAX_PARTS)
		return false;
	for (size_t to = from + MIN_PART; to <= n; to++) {
		if (from == 0 && to == n)
			break;
		if (to == n) {
			if (!known_head(c, w, from, n))
				continue;
		} else if (!known(c, w, from, to) || same_stem(w + from, n - from, w + from, to - from)) {
			continue;
		}
		sg->start[sg->m] = from;
		sg->end[sg->m] = to;
		sg->m++;
		if (to == n)
			return true;
		for (size_t k = 0; k < sizeof links / sizeof links[0]; k++) {
			size_t l = strlen(links[k]);
			if (to + l < n && memcmp(w + to, links[k], l) == 0 &&
			    segment(c, w, n, to + l, sg))
				return true;
		}
		sg->m--;
	}
	if (from < 64)
		sg->failed |= UINT64_C(1) << from;
	return false;
}

static void cache_push(struct compound_nl *c, uint32_t part)
{
	for (size_t k = c->cache_at[c->cache.n - 1]; k < c->cache_parts_len; k++)
		if (c->cache_parts[k] == part)
			return; /* once per word */
	if (c->cache_parts_len == c->cache_parts_cap) {
		c->cache_parts_cap = c->cache_parts_cap ? 2 * c->cache_parts_cap : 256;
		c->cache_parts = xrealloc(c->cache_parts, c->cache_parts_cap * sizeof *c->cache_parts);
	}
	c->cache_parts[c->cache_parts_len++] = part;
}

/* Works out and caches the split of a word not seen before. */
static void split_new(struct compound_nl *c, const char *w, size_t n)
{
	uint32_t id = dict_add(&c->cache, w, n);
	if (c->cache.n + 1 > c->cache_cap) {
		c->cache_cap = 2 * c->cache_cap + 1;
		c->cache_at = xrealloc(c->cache_at, c->cache_cap * sizeof *c->cache_at);
	}
	c->cache_at[id] = (uint32_t)c->cache_parts_len;
	bool letters = n >= 2 * MIN_PART && n <= STEM_NL_MAX;
	for (size_t i = 0; letters && i < n; i++)
		letters = w[i] >= 'a' && w[i] <= 'z';
	struct seg sg = { .m = 0 };
	if (letters && segment(c, w, n, 0, &sg)) {
		char whole[STEM_NL_MAX], s[STEM_NL_MAX];
		size_t whole_len = 0, len = 0;
		norm_of(w, n, whole, &whole_len);
		for (size_t i = 0; i < sg.m; i++)
			for (size_t j = i; j < sg.m; j++) {
				size_t from = sg.start[i], to = sg.end[j];
				if (i == 0 && j == sg.m - 1)
					continue;
				norm_of(w + from, to - from, s, &len);
				if (len == whole_len && memcmp(s, whole, len) == 0)
					continue;
				cache_push(c, dict_add(&c->part_ids, s, len));
			}
	}
	c->cache_at[id + 1] = (uint32_t)c->cache_parts_len;
}

void compound_nl_split(struct compound_nl *c, const char *w, size_t n, const uint32_t **parts,
		       size_t *n_parts)
{
	uint32_t id = dict_find(&c->cache, w, n);
	if (id == DICT_NONE) {
		split_new(c, w, n);
		id = (uint32_t)c->cache.n - 1;
	}
	*n_parts = c->cache_at[id + 1] - c->cache_at[id];
	*parts = *n_parts ? c->cache_parts + c->cache_at[id] : NULL;
}
