/* The flow of the PDF: paragraphs, headings, lists, tables and charts from
 * the report markup, broken over pages. */
#include "report/pdf_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PARA_GAP 7.0
#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.5
#define BULLET_W 14.0

PangoLayout *pdf_layout(struct pdf *p, double size, bool bold, double width)
{
	PangoLayout *l = pango_layout_new(p->pctx);
	PangoFontDescription *fd = pango_font_description_from_string(STYLE_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		/* A word longer than the line (a hash, a URL) breaks anywhere. */
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_line_spacing(l, 1.25f);
	return l;
}

int pdf_set_markup(struct pdf *p, PangoLayout *l, const char *markup, const char *where)
{
	PangoAttrList *attrs = NULL;
	char *text = NULL;
	GError *ge = NULL;
	if (!pango_parse_markup(markup, -1, 0, &attrs, &text, NULL, &ge)) {
		int rc = err_set(p->e, IPM_EINVAL, "%s: text the PDF cannot lay out: %s", where,
				 ge ? ge->message : "invalid markup");
		if (ge)
			g_error_free(ge);
		return rc;
	}
	pango_layout_set_text(l, text, -1);
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
	g_free(text);
	return IPM_OK;
}

double pdf_layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

void pdf_flow_layout(struct pdf *p, PangoLayout *l, double x, const struct rgb *color)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = p->y; /* y of the layout's origin on the current page */
	double shift = 0;  /* layout y of the first line on this page */
	do {
		PangoRectangle r;
		pango_layout_iter_get_line_extents(it, NULL, &r);
		double ly = (double)r.y / PANGO_SCALE - shift;
		double lh = (double)r.height / PANGO_SCALE;
		if (top + ly + lh > PDF_BOTTOM && ly > 0) {
			pdf_new_page(p);
			top = p->y;
			shift += ly;
			ly = 0;
		}
		if (p->draw) {
			double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - shift;
			style_set(p->cr, color);
			cairo_move_to(p->cr, x + (double)r.x / PANGO_SCALE, top + base);
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y = top + ly + lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static int paragraph(struct pdf *p, const struct mk_block *b, const char *where)
{
	bool note = strcmp(b->cls, "note") == 0;
	PangoLayout *l = pdf_layout(p, note ? PDF_SMALL : PDF_BODY, false, PDF_WIDTH);
	int rc = pdf_set_markup(p, l, b->markup, where);
	if (!rc) {
		/* Two lines at least before a page break. */
		pdf_need(p, fmin(pdf_layout_height(l), 2.6 * PDF_BODY));
		pdf_flow_layout(p, l, PDF_LEFT, note ? &style_muted : &style_ink);
		p->y += PARA_GAP;
	}
	g_object_unref(l);
	return rc;
}

static int heading(struct pdf *p, const struct mk_block *b, const char *where)
{
	PangoLayout *l = pdf_layout(p, 12, true, PDF_WIDTH);
	int rc = pdf_set_markup(p, l, b->markup, where);
	if (!rc) {
		double h = pdf_layout_height(l);
		p->y += 6;
		pdf_need(p, h + 48); /* keep with what follows */
		pdf_flow_layout(p, l, PDF_LEFT, &style_accent);
		p->y += 4;
	}
	g_object_unref(l);
	return rc;
}

static int list_item(struct pdf *p, const struct mk_block *b, const char *where)
{
	PangoLayout *l = pdf_layout(p, PDF_BODY, false, PDF_WIDTH - BULLET_W);
	int rc = pdf_set_markup(p, l, b->markup, where);
	if (rc) {
		g_object_unref(l);
		return rc;
	}
	pdf_need(p, fmin(pdf_layout_height(l), 2.6 * PDF_BODY));
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
	pango_layout_iter_free(it);
	if (p->draw) {
		char mark[16];
		if (b->ordinal)
			snprintf(mark, sizeof mark, "%d.", b->ordinal);
		else
			snprintf(mark, sizeof mark, "\xe2\x80\xa2");
		PangoLayout *m = pdf_layout(p, PDF_BODY, false, 0);
		pango_layout_set_text(m, mark, -1);
		PangoLayoutIter *mi = pango_layout_get_iter(m);
		double mb = (double)pango_layout_iter_get_baseline(mi) / PANGO_SCALE;
		pango_layout_iter_free(mi);
		style_set(p->cr, b->ordinal ? &style_ink : &style_accent);
		cairo_move_to(p->cr, PDF_LEFT + 2, p->y + base - mb);
		pango_cairo_show_layout(p->cr, m);
		g_object_unref(m);
	}
	pdf_flow_layout(p, l, PDF_LEFT + BULLET_W, &style_ink);
	p->y += 3;
	g_object_unref(l);
	return IPM_OK;
}

/* --- tables ------------------------------------------------------------ */

struct table {
	const struct mk_block *b;
	bool kv, signature, compact;
	double size, pad;   /* text size and vertical cell padding */
	size_t cols;
	double w[16];
	PangoLayout **cell; /* [row * cols + col], NULL for a missing cell */
};

static bool head_cell(const struct table *t, size_t r, size_t c)
{
	return t->b->rows[r].head || (t->kv && c == 0);
}

/* Column widths as a browser would: the narrowest each column can be (its
 * longest word) and the widest it wants (its longest cell on one line);
 * all at their widest if that fits, else the minimum plus a share of the
 * rest in proportion to what each wants more. */
static void widths(struct pdf *p, struct table *t)
{
	double lo[16] = { 0 }, hi[16] = { 0 };
	for (size_t r = 0; r < t->b->n_rows; r++)
		for (size_t c = 0; c < t->b->rows[r].n && c < t->cols; c++) {
			PangoLayout *l = pdf_layout(p, t->size, head_cell(t, r, c), 0);
			PangoAttrList *attrs = NULL;
			char *text = NULL;
			if (!pango_parse_markup(t->b->rows[r].cells[c], -1, 0, &attrs, &text, NULL, NULL)) {
				g_object_unref(l);
				continue;
			}
			pango_layout_set_text(l, text, -1);
			pango_layout_set_attributes(l, attrs);
			int w, h;
			pango_layout_get_size(l, &w, &h);
			hi[c] = fmax(hi[c], (double)w / PANGO_SCALE + 2 * CELL_PAD_X);
			/* The longest word: the layout at a tiny width. */
			pango_layout_set_width(l, 1);
			pango_layout_set_wrap(l, PANGO_WRAP_WORD);
			pango_layout_get_size(l, &w, &h);
			lo[c] = fmax(lo[c], fmin((double)w / PANGO_SCALE, 120) + 2 * CELL_PAD_X);
			pango_attr_list_unref(attrs);
			g_free(text);
			g_object_unref(l);
		}
	double sum_lo = 0, sum_hi = 0;
	for (size_t c = 0; c < t->cols; c++) {
		sum_lo += lo[c];
		sum_hi += hi[c];
	}
	if (t->signature) {
		/* One column per person, equal. */
		for (size_t c = 0; c < t->cols; c++)
			t->w[c] = PDF_WIDTH / (double)t->cols;
		return;
	}
	if (t->kv && t->cols == 2) {
		/* Key-value tables line up with each other: a fixed key column. */
		t->w[0] = fmax(fmin(hi[0], PDF_WIDTH * 0.38), fmin(lo[0], PDF_WIDTH * 0.5));
		t->w[1] = PDF_WIDTH - t->w[0];
		return;
	}
	if (sum_hi <= PDF_WIDTH) {
		for (size_t c = 0; c < t->cols; c++)
			t->w[c] = hi[c] + (PDF_WIDTH - sum_hi) * (hi[c] / sum_hi);
		return;
	}
	if (sum_lo >= PDF_WIDTH) {
		for (size_t c = 0; c < t->cols; c++)
			t->w[c] = PDF_WIDTH * lo[c] / sum_lo;
		return;
	}
	/* Columns that want less than a fair share get all they want (a date,
	 * a status); the others share what is left beyond their minimum in
	 * proportion to how much more they want. */
	bool fixed[16] = { false };
	double left = PDF_WIDTH;
	size_t open = t->cols;
	for (bool changed = true; changed && open;) {
		changed = false;
		for (size_t c = 0; c < t->cols; c++)
			if (!fixed[c] && hi[c] <= left / (double)open) {
				t->w[c] = hi[c];
				fixed[c] = true;
				left -= hi[c];
				open--;
				changed = true;
			}
	}
	double rest_lo = 0, rest_hi = 0;
	for (size_t c = 0; c < t->cols; c++)
		if (!fixed[c]) {
			rest_lo += lo[c];
			rest_hi += hi[c];
		}
	for (size_t c = 0; c < t->cols; c++)
		if (!fixed[c])
			t->w[c] = rest_lo >= left || rest_hi <= rest_lo
				? left * lo[c] / rest_lo
				: lo[c] + (left - rest_lo) * (hi[c] - lo[c]) / (rest_hi - rest_lo);
}

static double row_height(const struct table *t, size_t r)
{
	double h = 0;
	for (size_t c = 0; c < t->cols; c++)
		if (t->cell[r * t->cols + c])
			h = fmax(h, pdf_layout_height(t->cell[r * t->cols + c]));
	h += 2 * t->pad;
	if (t->signature && !t->b->rows[r].head && r >= 2)
		h = fmax(h, 40);
	return h;
}

static void draw_row(struct pdf *p, const struct table *t, size_t r, double h)
{
	if (!p->draw)
		return;
	cairo_t *cr = p->cr;
	bool head = t->b->rows[r].head;
	double x = PDF_LEFT;
	for (size_t c = 0; c < t->cols; c++) {
		if (head_cell(t, r, c) && t->kv) {
			style_set(cr, &style_band_lt);
			cairo_rectangle(cr, x, p->y, t->w[c], h);
			cairo_fill(cr);
		}
		PangoLayout *l = t->cell[r * t->cols + c];
		if (l) {
			style_set(cr, &style_ink);
			cairo_move_to(cr, x + CELL_PAD_X, p->y + t->pad);
			pango_cairo_show_layout(cr, l);
		}
		if (t->signature && r >= 2) {
			/* The line to sign or write on. */
			style_set(cr, &style_ink);
			cairo_set_line_width(cr, 0.6);
			cairo_move_to(cr, x + CELL_PAD_X, p->y + h - 4);
			cairo_line_to(cr, x + t->w[c] - 12, p->y + h - 4);
			cairo_stroke(cr);
		}
		x += t->w[c];
	}
	if (!t->signature || head) {
		style_set(cr, head ? &style_accent : &style_rule);
		cairo_set_line_width(cr, head ? 1.2 : 0.5);
		cairo_move_to(cr, PDF_LEFT, p->y + h);
		cairo_line_to(cr, PDF_LEFT + PDF_WIDTH, p->y + h);
		cairo_stroke(cr);
	}
}

static int table(struct pdf *p, const struct mk_block *b, const char *where)
{
	struct table t = { .b = b, .kv = strstr(b->cls, "kv") != NULL,
			   .signature = strstr(b->cls, "signature") != NULL,
			   .compact = strstr(b->cls, "compact") != NULL };
	/* "compact": long reference lists (the versions of the packs). */
	t.size = t.compact ? PDF_SMALL : PDF_TABLE;
	t.pad = t.compact ? 2.0 : CELL_PAD_Y;
	t.cols = b->n_cols;
	if (!t.cols || !b->n_rows)
		return IPM_OK;
	if (t.cols > 16)
		return err_set(p->e, IPM_EINVAL, "%s: a table has %zu columns; the PDF fits 16", where,
			       t.cols);
	widths(p, &t);
	t.cell = calloc(b->n_rows * t.cols, sizeof *t.cell);
	if (!t.cell)
		return err_set(p->e, IPM_ENOMEM, "out of memory");
	int rc = IPM_OK;
	for (size_t r = 0; r < b->n_rows && !rc; r++)
		for (size_t c = 0; c < b->rows[r].n && !rc; c++) {
			PangoLayout *l = pdf_layout(p, t.size, head_cell(&t, r, c),
						    t.w[c] - 2 * CELL_PAD_X);
			pango_layout_set_line_spacing(l, 1.15f);
			rc = pdf_set_markup(p, l, b->rows[r].cells[c], where);
			t.cell[r * t.cols + c] = l;
		}
	/* Header rows at the top of the table repeat after a page break. */
	size_t heads = 0;
	while (heads < b->n_rows && b->rows[heads].head)
		heads++;
	double head_h = 0;
	for (size_t r = 0; r < heads && !rc; r++)
		head_h += row_height(&t, r);
	if (!rc) {
		p->y += 2;
		for (size_t r = 0; r < b->n_rows; r++) {
			double h = row_height(&t, r);
			if (r < heads) {
				/* Never a header alone at the foot of a page. */
				if (r == 0)
					pdf_need(p, head_h + (heads < b->n_rows ? row_height(&t, heads) : 0));
			} else if (p->y + h + (r + 2 == b->n_rows ? row_height(&t, r + 1) : 0) >
				   PDF_BOTTOM) {
				/* A break, and never a last row alone on the next page. */
				pdf_new_page(p);
				for (size_t k = 0; k < heads; k++) {
					double hh = row_height(&t, k);
					draw_row(p, &t, k, hh);
					p->y += hh;
				}
			}
			draw_row(p, &t, r, h);
			p->y += h;
		}
		p->y += PARA_GAP + 3;
	}
	for (size_t i = 0; i < b->n_rows * t.cols; i++)
		if (t.cell[i])
			g_object_unref(t.cell[i]);
	free(t.cell);
	return rc;
}

static int figure(struct pdf *p, const struct mk_block *b, const char *where)
{
	const struct chart *c = report_charts_get(p->rc, b->chart);
	if (!c)
		return IPM_OK; /* no data for this chart in this version */
	(void)where;
	double w = PDF_WIDTH, h = chart_height(c, w);
	PangoLayout *cap = NULL;
	double cap_h = 0;
	if (p->captions) {
		struct buf alt = BUF_INIT;
		chart_alt(c, &alt);
		cap = pdf_layout(p, PDF_SMALL, false, PDF_WIDTH);
		pango_layout_set_text(cap, buf_str(&alt), -1);
		cap_h = pdf_layout_height(cap) + 4;
		buf_free(&alt);
	}
	p->y += 4;
	pdf_need(p, h + cap_h + 6);
	if (p->draw)
		chart_draw(p->cr, c, PDF_LEFT, p->y, w, h);
	p->y += h + 6;
	if (cap) {
		pdf_flow_layout(p, cap, PDF_LEFT, &style_muted);
		p->y += PARA_GAP;
		g_object_unref(cap);
	}
	return IPM_OK;
}

int pdf_blocks(struct pdf *p, const struct mk_doc *d, const char *where)
{
	int rc = IPM_OK;
	for (size_t i = 0; i < d->n && !rc; i++) {
		const struct mk_block *b = &d->blocks[i];
		switch (b->kind) {
		case MK_P: rc = paragraph(p, b, where); break;
		case MK_H3: rc = heading(p, b, where); break;
		case MK_LI:
			if (b->list_start)
				p->y += 1;
			rc = list_item(p, b, where);
			if (i + 1 == d->n || d->blocks[i + 1].kind != MK_LI || d->blocks[i + 1].list_start)
				p->y += PARA_GAP - 3;
			break;
		case MK_TABLE: rc = table(p, b, where); break;
		case MK_FIGURE: rc = figure(p, b, where); break;
		}
	}
	return rc;
}
