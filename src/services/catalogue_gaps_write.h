/* The gap report (engine/catalogue_gaps.h) as text for people (Dutch), as
 * JSON and as CSV, for `ipm catalogue gaps` and the web. */
#ifndef IPM_SERVICES_CATALOGUE_GAPS_WRITE_H
#define IPM_SERVICES_CATALOGUE_GAPS_WRITE_H

#include "core/buf.h"
#include "engine/catalogue_gaps.h"

/* Grouped by tile, one line per klantkenmerk with its gap columns:
 *   Melding
 *     5.3 Praktische aandachtspunten: voor iedereen 0 · Statushouders 1 (1 eigen) */
void cat_gaps_write_text(const struct cat_gap_report *r, struct buf *out);

/* {"date", "min", "instruments", "published", "cells", "gaps": [{"tile",
 * "tile_label", "klantkenmerk", "klantkenmerk_label", "doelgroep" (null =
 * voor iedereen), "doelgroep_label", "specific", "available"}]} */
void cat_gaps_write_json(const struct cat_gap_report *r, struct buf *out);

/* Header row and one row per gap, the JSON's keys as columns; an empty
 * doelgroep is "voor iedereen". CRLF line ends (RFC 4180). */
void cat_gaps_write_csv(const struct cat_gap_report *r, struct buf *out);

#endif
