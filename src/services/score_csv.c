#include "services/score_csv.h"
#include "core/csv.h"
#include "services/score_json.h"

#include <math.h>

void score_csv_header(struct buf *out, const struct questionnaire *q)
{
	buf_puts(out, "respondent");
	for (size_t j = 0; j < q->n_scales; j++) {
		static const char *const suffix[] = { ".raw", ".t", ".pct" };
		for (size_t k = 0; k < 3; k++) {
			struct buf name = BUF_INIT;
			buf_printf(&name, "%s%s", q->scales[j].id, suffix[k]);
			buf_putc(out, ',');
			csv_put_field(out, buf_str(&name));
			buf_free(&name);
		}
	}
	buf_puts(out, "\r\n");
}

/* The JSON number form, which never needs CSV quoting; NaN is empty. */
static void put_number(struct buf *out, double x)
{
	buf_putc(out, ',');
	if (isfinite(x))
		score_json_number(out, x);
}

void score_csv_row(struct buf *out, const struct questionnaire *q, const char *respondent,
		   const struct scale_score *scores)
{
	/* The respondent is the answers file's own text, and this file is for
	 * spreadsheets: shown, never run as a formula. */
	csv_put_field_safe(out, respondent);
	for (size_t j = 0; j < q->n_scales; j++) {
		put_number(out, scores[j].raw);
		put_number(out, scores[j].t);
		put_number(out, scores[j].percentile);
	}
	buf_puts(out, "\r\n");
}
