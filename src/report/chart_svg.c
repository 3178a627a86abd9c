/* Charts as inline SVG: cairo's SVG surface, then one pass that makes its
 * output fit inside an HTML page (see chart_svg in chart.h). */
#include "report/chart_internal.h"

#include <cairo-svg.h>
#include <math.h>
#include <string.h>

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

static bool starts(const char *p, const char *s)
{
	return strncmp(p, s, strlen(s)) == 0;
}

/* style="a:b;c:d;" → a="b" c="d": presentation attributes mean the same in
 * SVG and are allowed under a CSP without 'unsafe-inline'. */
static const char *style_attr(struct buf *out, const char *p)
{
	const char *end = strchr(p, '"');
	if (!end)
		return NULL;
	const char *d = p;
	while (d < end) {
		const char *semi = memchr(d, ';', (size_t)(end - d));
		const char *stop = semi ? semi : end;
		const char *colon = memchr(d, ':', (size_t)(stop - d));
		if (colon) {
			while (d < colon && *d == ' ')
				d++;
			buf_putc(out, ' ');
			buf_add(out, d, (size_t)(colon - d));
			buf_puts(out, "=\"");
			const char *v = colon + 1;
			while (v < stop && *v == ' ')
				v++;
			buf_add(out, v, (size_t)(stop - v));
			buf_putc(out, '"');
		}
		d = stop + (semi != NULL);
	}
	return end + 1;
}

static int rewrite(const char *svg, const char *prefix, const char *alt, struct buf *out,
		   struct err *e)
{
	const char *p = strstr(svg, "<svg");
	if (!p)
		return err_set(e, IPM_EIO, "chart: cairo wrote no <svg> element");
	bool in_open_tag = true;
	buf_puts(out, "<svg role=\"img\" aria-label=\"");
	buf_put_html(out, alt);
	buf_putc(out, '"');
	p += 4;
	while (*p) {
		if (in_open_tag && *p == '>') {
			buf_puts(out, "><title>");
			buf_put_html(out, alt);
			buf_puts(out, "</title>");
			in_open_tag = false;
			p++;
		} else if (in_open_tag && (starts(p, "pt\" ") || starts(p, "pt\">"))) {
			p += 2; /* width="200pt": unitless, i.e. CSS pixels */
		} else if (starts(p, " style=\"")) {
			if (!(p = style_attr(out, p + 8)))
				return err_set(e, IPM_EIO, "chart: unterminated style in cairo's SVG");
		} else if (starts(p, "id=\"") || starts(p, "\"#") || starts(p, "url(#")) {
			size_t n = *p == 'i' ? 4 : *p == '"' ? 2 : 5;
			buf_add(out, p, n);
			buf_puts(out, prefix);
			buf_putc(out, '-');
			p += n;
		} else {
			buf_putc(out, *p++);
		}
	}
	return IPM_OK;
}

int chart_svg(const struct chart *c, double width, const char *id_prefix, struct buf *out,
	      struct err *e)
{
	double height = ceil(chart_height(c, width));
	struct buf raw = BUF_INIT, alt = BUF_INIT;
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_buf, &raw, width, height);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	cairo_t *cr = cairo_create(s);
	chart_draw(cr, c, 0, 0, width, height);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	int rc;
	if (st != CAIRO_STATUS_SUCCESS) {
		rc = err_set(e, IPM_EIO, "chart: cairo: %s", cairo_status_to_string(st));
		goto out;
	}
	chart_alt(c, &alt);
	rc = rewrite(buf_str(&raw), id_prefix, buf_str(&alt), out, e);
out:
	buf_free(&alt);
	buf_free(&raw);
	return rc;
}
