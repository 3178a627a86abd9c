/* The standalone HTML report: the sections' markup as is, charts inlined as
 * SVG, inside the pack's html/document template (print CSS: A4, a page per
 * section). The markup is parsed first, so a template the PDF could not
 * show fails here too: both formats accept the same packs. */
#include "report/markup.h"
#include "report/report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int validated(const char *markup, const char *where, struct err *e)
{
	struct mk_doc d;
	int rc = markup_parse(markup, where, &d, e);
	if (!rc)
		markup_free(&d);
	return rc;
}

/* <figure data-chart="NAME"></figure> → the chart as SVG with its text. */
static int inline_charts(const char *markup, const struct report_charts *rc, bool caption,
			 const char *section, struct buf *out, struct err *e)
{
	static const char open[] = "<figure data-chart=\"";
	const char *p = markup;
	const char *at;
	while ((at = strstr(p, open))) {
		buf_add(out, p, (size_t)(at - p));
		const char *name = at + strlen(open);
		const char *q = strchr(name, '"');
		const char *close = q ? strstr(q, "</figure>") : NULL;
		if (!close)
			return err_set(e, IPM_EINVAL, "section/%s: <figure> is not closed", section);
		char cname[64];
		size_t n = (size_t)(q - name) < sizeof cname - 1 ? (size_t)(q - name) : sizeof cname - 1;
		memcpy(cname, name, n);
		cname[n] = '\0';
		const struct chart *c = report_charts_get(rc, cname);
		if (c) {
			char prefix[80];
			/* Ids unique per page: the chart name is, one chart each. */
			snprintf(prefix, sizeof prefix, "ipm-%s", cname);
			buf_printf(out, "<figure class=\"ipm-chart\" data-chart=\"%s\">", cname);
			int r = chart_svg(c, 480, prefix, out, e);
			if (r)
				return r;
			if (caption) {
				struct buf alt = BUF_INIT;
				chart_alt(c, &alt);
				buf_puts(out, "<figcaption>");
				buf_put_html(out, buf_str(&alt));
				buf_puts(out, "</figcaption>");
				buf_free(&alt);
			}
			buf_puts(out, "</figure>");
		}
		p = close + strlen("</figure>");
	}
	buf_puts(out, p);
	return IPM_OK;
}

int report_html(const json_t *doc, const struct report_templates *t, struct buf *out,
		struct err *e)
{
	struct report_charts *rc = calloc(1, sizeof *rc);
	json_t *view = NULL;
	struct buf m = BUF_INIT, h = BUF_INIT;
	int r;
	if (!rc)
		return err_set(e, IPM_ENOMEM, "out of memory");
	report_charts_build(doc, t, rc);
	if ((r = report_view_build(doc, t, rc, &view, e)))
		goto out;
	bool caption = strcmp(report_doc_version(doc), "prof") != 0;
	json_t *sections = json_object_get(view, "sections");
	for (size_t i = 0; i < REPORT_SECTIONS; i++) {
		json_t *s = json_array_get(sections, i);
		const char *id = json_string_value(json_object_get(s, "id"));
		char where[64];
		snprintf(where, sizeof where, "section/%s", id);
		buf_reset(&m);
		buf_reset(&h);
		if ((r = report_section_markup(view, t, i, &m, e)) ||
		    (r = validated(buf_str(&m), where, e)) ||
		    (r = inline_charts(buf_str(&m), rc, caption, id, &h, e)))
			goto out;
		json_object_set_new(s, "html", json_string(buf_str(&h)));
	}
	const char *parts[][2] = { { "cover/details", "cover_html" }, { "closing", "closing_html" } };
	for (size_t k = 0; k < 2; k++) {
		buf_reset(&m);
		if ((r = report_templates_render(t, parts[k][0], view, &m, e)) ||
		    (r = validated(buf_str(&m), parts[k][0], e)))
			goto out;
		json_object_set_new(view, parts[k][1], json_string(buf_str(&m)));
	}
	r = report_templates_render(t, "html/document", view, out, e);
out:
	buf_free(&m);
	buf_free(&h);
	json_decref(view);
	free(rc);
	return r;
}
