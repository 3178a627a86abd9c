/* Writing an answers file in the format answers_csv_parse reads
 * (services/answers_csv.h), so that a file written here always scores. */
#include "core/csv.h"
#include "services/answers_csv.h"

void answers_csv_header(struct buf *b, const struct questionnaire *q)
{
	buf_puts(b, "respondent,sex,age,pack");
	for (size_t k = 0; k < q->n_items; k++) {
		/* An item that is not asked must not have a column. */
		if (q->items[k].excluded)
			continue;
		buf_putc(b, ',');
		csv_put_field(b, q->items[k].id);
	}
	buf_putc(b, '\n');
}

void answers_csv_row(struct buf *b, const struct questionnaire *q, const char *respondent,
		     char sex, int age, const int16_t *row)
{
	/* Not csv_put_field_safe: this file is read back by ipm score, which
	 * would keep a "'" as part of the respondent. */
	csv_put_field(b, respondent);
	buf_putc(b, ',');
	if (sex)
		buf_putc(b, sex);
	buf_putc(b, ',');
	if (age)
		buf_printf(b, "%d", age);
	buf_printf(b, ",%s@%s", q->pack_id, q->version);
	for (size_t k = 0; k < q->n_items; k++) {
		if (q->items[k].excluded)
			continue;
		buf_putc(b, ',');
		if (row[k] != Q_MISSING)
			buf_printf(b, "%d", row[k]);
	}
	buf_putc(b, '\n');
}
