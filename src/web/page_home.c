/* The start page until the application pages arrive: says what IPM is and
 * that the server runs. Dutch, like every page. */
#include "version.h"
#include "web/pages.h"
#include "web/response.h"

static void page_open(struct buf *b, const char *title)
{
	buf_puts(b, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
	buf_put_html(b, title);
	buf_puts(b, "</title>\n</head>\n<body>\n<main>\n");
}

static void page_close(struct buf *b)
{
	buf_puts(b, "</main>\n</body>\n</html>\n");
}

enum MHD_Result page_home(struct web_request *req)
{
	struct buf b = BUF_INIT;
	page_open(&b, "IPM — Integratie Prognose Model");
	buf_puts(&b, "<h1>IPM — Integratie Prognose Model</h1>\n"
		     "<p>IPM ondersteunt professionals die mensen begeleiden naar werk: intake, "
		     "loopbaanonderzoek, de integratieprognose, het advies en de nazorg.</p>\n"
		     "<p>De server draait. De schermen voor professionals volgen.</p>\n");
	buf_printf(&b, "<p><small>Versie %s</small></p>\n", IPM_VERSION);
	page_close(&b);
	req->status = MHD_HTTP_OK;
	return web_respond(req->conn, req->status, "text/html; charset=utf-8", &b);
}

enum MHD_Result page_not_found(struct web_request *req)
{
	struct buf b = BUF_INIT;
	page_open(&b, "Pagina niet gevonden — IPM");
	buf_puts(&b, "<h1>Pagina niet gevonden</h1>\n<p><a href=\"/\">Naar de startpagina</a></p>\n");
	page_close(&b);
	req->status = MHD_HTTP_NOT_FOUND;
	return web_respond(req->conn, req->status, "text/html; charset=utf-8", &b);
}
