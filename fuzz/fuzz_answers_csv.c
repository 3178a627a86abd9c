/* libFuzzer target for the answers file parser (services/answers_csv.h) and
 * what runs on what it accepts: any bytes must end in a clean IPM_EINVAL with
 * messages that fit, or in answers that pass the engine's own check and score
 * and print without a sanitizer report. The questionnaire is embedded so the
 * target runs from any directory: rating items with reverse keying, an
 * excluded item, an ipsative block, a derived scale and norms by sex and age. */
#include "engine/score.h"
#include "pack/pack.h"
#include "pack/questionnaire_build.h"
#include "services/answers_csv.h"
#include "services/score_csv.h"
#include "services/score_json.h"
#include "services/scoring.h"

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define T(s) "{\"nl\":\"" s "\"}"
#define ITEM(id, rs, keyed) \
	"{\"id\":\"" id "\",\"text\":" T(id) ",\"response_scale\":\"" rs "\",\"keyed\":\"" keyed "\"}"
#define L(v) "{\"value\":" #v ",\"label\":" T(#v) "}"

static const char PACK[] =
	"{\"pack\":\"fuzz\",\"version\":\"1.0.0\",\"kind\":\"questionnaire\",\"title\":" T("fuzz")
	",\"languages\":[\"nl\"],"
	"\"response_scales\":[{\"id\":\"r\",\"min\":1,\"max\":5,\"labels\":[" L(1) "," L(2) "," L(3)
	"," L(4) "," L(5) "]},"
	"{\"id\":\"p\",\"kind\":\"points\",\"min\":0,\"max\":10}],"
	"\"items\":[" ITEM("a1", "r", "+") "," ITEM("a2", "r", "-") "," ITEM("b1", "r", "+") ","
	"{\"id\":\"x1\",\"text\":" T("x1") ",\"response_scale\":\"r\",\"keyed\":\"+\","
	"\"default_excluded\":true,\"exclusion_reason\":" T("art. 9") "},"
	ITEM("p1", "p", "+") "," ITEM("p2", "p", "+") "],"
	"\"blocks\":[{\"id\":\"blk\",\"label\":" T("blk") ",\"items\":[\"p1\",\"p2\"],\"total\":10}],"
	"\"scales\":["
	"{\"id\":\"A\",\"label\":" T("A") ",\"items\":[\"a1\",\"a2\"],\"scoring\":\"sum\","
	"\"missing\":{\"min_answered\":1,\"method\":\"prorate\"}},"
	"{\"id\":\"B\",\"label\":" T("B") ",\"items\":[\"b1\",\"x1\"],\"scoring\":\"mean\","
	"\"missing\":{\"min_answered\":1,\"method\":\"prorate\"}},"
	"{\"id\":\"AB\",\"label\":" T("AB") ",\"of\":[\"A\",\"B\"],\"combine\":\"sum\"},"
	"{\"id\":\"P1\",\"label\":" T("P1") ",\"items\":[\"p1\"],\"scoring\":\"sum\","
	"\"missing\":{\"min_answered\":1,\"method\":\"none\"}},"
	"{\"id\":\"P2\",\"label\":" T("P2") ",\"items\":[\"p2\"],\"scoring\":\"sum\","
	"\"missing\":{\"min_answered\":1,\"method\":\"none\"}}],"
	"\"top\":{\"label\":" T("top") ",\"scales\":[\"P1\",\"P2\"]},"
	"\"norms\":{\"groups\":["
	"{\"id\":\"m\",\"label\":" T("m") ",\"sex\":\"m\",\"age_min\":15,\"age_max\":60,"
	"\"values\":{\"A\":[6,2],\"B\":[3,1]}},"
	"{\"id\":\"v\",\"label\":" T("v") ",\"sex\":\"v\",\"age_min\":15,\"age_max\":60,"
	"\"values\":{\"A\":[5,1.5],\"B\":[3.5,0.8]}}]}}";

static struct questionnaire *questionnaire(void)
{
	static struct questionnaire *q;
	if (q)
		return q;
	struct pack *p = NULL;
	struct err e = { 0 };
	/* A broken embedded pack is a bug in this file, not a finding. */
	if (pack_parse("fuzz.json", PACK, sizeof PACK - 1, &p, &e) ||
	    questionnaire_build(p, NULL, &q, &e))
		__builtin_trap();
	pack_free(p);
	return q;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct questionnaire *q = questionnaire();
	struct answers a = { 0 };
	struct buf msgs = BUF_INIT, out = BUF_INIT;
	struct err e = { 0 };
	int rc = answers_csv_parse(q, "fuzz.csv", (const char *)data, size, &a, &msgs, &e);
	if (rc != IPM_OK) {
		/* Refused: a message that fits, lines for the user, nothing kept. */
		if (rc != IPM_EINVAL || memchr(e.msg, '\0', sizeof e.msg) == NULL || !e.msg[0] ||
		    msgs.len == 0 || a.values)
			__builtin_trap();
		goto out;
	}
	if (a.n_rows == 0 || a.n_items != q->n_items)
		__builtin_trap();
	/* Accepted answers are ones the engine accepts too. */
	for (size_t r = 0; r < a.n_rows; r++)
		if (score_check(q, a.values + r * a.n_items, &e) != IPM_OK)
			__builtin_trap();
	struct scored s;
	scoring_run(q, &a, &s);
	for (size_t r = 0; r < a.n_rows; r++) {
		const struct scale_score *sc = s.scores + r * s.n_scales;
		struct score_view v = { a.respondent[r], sc, s.norm_of[r],
					norm_missing_name(s.missing[r]) };
		buf_reset(&out);
		score_json_write(&out, q, &v, Q_NL);
		/* Whatever the ids hold, the result is valid JSON. */
		json_t *doc = json_loadb(out.data, out.len, 0, NULL);
		if (!doc)
			__builtin_trap();
		json_decref(doc);
		score_csv_row(&out, q, a.respondent[r], sc);
	}
	scored_free(&s);
out:
	answers_free(&a);
	buf_free(&msgs);
	buf_free(&out);
	return 0;
}
