/* The catalogue as a directory of CSV files (docs/catalogue.md): one file
 * per record list and one per list inside an instrument, lists of codes and
 * ids in one cell joined with "|", booleans "ja"/"nee", dates YYYY-MM-DD.
 * The same catalogue always gives the same bytes (canonical, CRLF, header
 * row in the documented column order), and reading gives back exactly the
 * catalogue that was written.
 *
 * Formula injection: a cell whose text starts (after any number of "'") with
 * = + - @ TAB or CR gets one extra "'" in front on writing, and reading
 * removes one "'" from such a cell, so a spreadsheet never runs a cell as a
 * formula and every text comes back unchanged ("'s-Hertogenbosch" is not
 * touched; "=1+1" is written "'=1+1"; "'=1+1" is written "''=1+1").
 *
 * Reading checks the shape, as catalogue_json_parse does (cat_validate does
 * the rest); every problem carries file, row, column and field:
 *   instruments.csv: row 4, column 9 (duration): expected a number */
#ifndef IPM_SERVICES_CATALOGUE_CSV_H
#define IPM_SERVICES_CATALOGUE_CSV_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"
#include "engine/catalogue.h"

enum cat_csv_file {
	CAT_CSV_ORGANISATIONS, CAT_CSV_PROVIDERS, CAT_CSV_TARGET_GROUPS, CAT_CSV_REGIONS,
	CAT_CSV_GEMEENTEN, CAT_CSV_WIJKEN, CAT_CSV_ADDRESSES, CAT_CSV_INSTRUMENTS,
	CAT_CSV_CONTACTS, CAT_CSV_LOCATIONS, CAT_CSV_REGCODES, CAT_CSV_LINKS,
	CAT_CSV_NFILES
};

/* "organisations.csv", ..., "instrument_links.csv". */
extern const char *const cat_csv_file_names[CAT_CSV_NFILES];

/* The files' bytes in memory, indexed by enum cat_csv_file; a buffer whose
 * data is NULL is a missing file. */
struct cat_csv_files {
	struct buf f[CAT_CSV_NFILES];
};

void cat_csv_files_free(struct cat_csv_files *files);

/* Parses the files (every one must be there, at least with its header row).
 * Results and errors as catalogue_json_parse; `origin` (the directory) names
 * the input in `e`. */
int catalogue_csv_parse(const struct cat_csv_files *files, const char *origin,
			struct catalogue *out, struct cat_problems *problems, struct arena *a,
			struct err *e);

/* Writes the canonical files into `files` (appending to each buffer). */
int catalogue_csv_format(const struct catalogue *c, struct cat_csv_files *files,
			 struct err *e);

/* Reads DIR/<name> for every file, then catalogue_csv_parse. A missing or
 * unreadable file is a problem of that file (IPM_EINVAL), not IPM_EIO. */
int catalogue_csv_read(const char *dir, struct catalogue *out, struct cat_problems *problems,
		       struct arena *a, struct err *e);

/* Writes all files into `dir`, which must not exist or be empty: they are
 * written into a new directory beside it and that is renamed into place, so
 * a reader sees no files or all of them. */
int catalogue_csv_write(const struct catalogue *c, const char *dir, struct err *e);

#endif
