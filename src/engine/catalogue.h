/* The instrument catalogue in the VNG "Eva" format (DOMAIN §5, seed 004,
 * docs/catalogue.md): the organisation's own list of instruments, with the
 * records they refer to (organisations, providers, target groups, regions,
 * gemeenten, wijken, addresses). Pure: no I/O, no json_t — the JSON and CSV
 * formats are read and written in src/services/catalogue_{json,csv}*.c, the
 * store keeps it in SQLite (src/store/sqlite_catalogue.c).
 *
 * Strings are borrowed (usually from the arena the importer parsed into).
 * NULL means "not given" for optional text; lists may be empty. Codes of
 * tiles, klantkenmerken, uitvoeringsvormen and Sol instrument kinds are the
 * term codes of the taxonomy packs (data/packs/eva-*.json, sol-*.json), so
 * they are checked against a `struct cat_vocab` built from those packs. */
#ifndef IPM_ENGINE_CATALOGUE_H
#define IPM_ENGINE_CATALOGUE_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/err.h"
#include "engine/codes.h"

#include <stdbool.h>
#include <stddef.h>

#define CAT_SUMMARY_MAX 500  /* characters (UTF-8 code points) of samenvatting */
#define CAT_NAME_MAX 200     /* characters of a name or label */
#define CAT_TEXT_MAX 10000   /* characters of a long text field */

/* A list of borrowed strings (codes or record ids). */
struct cat_strs {
	const char **v;
	size_t n;
};

enum cat_duration_unit { CAT_UNIT_NONE = 0, CAT_UREN, CAT_DAGEN, CAT_WEKEN, CAT_MAANDEN };

/* Where an instrument takes place. type: adres|aanbieder|werkgever|gemeente|
 * klant-thuis; address is the id of an address record (required for type
 * adres, optional otherwise). */
struct cat_location {
	const char *name;
	const char *type;
	const char *address;
	bool in_use;
	const char *description;
};

/* kind: intern|extern (of the organisation that publishes the instrument). */
struct cat_contact {
	const char *name;
	const char *kind;
	const char *role;
	const char *email;
	const char *phone;
};

struct cat_regcode { const char *code, *label; };

/* kind: link|download|video; url must be https:// (or http://). */
struct cat_link { const char *kind, *label, *url; };

struct cat_instrument {
	const char *id;            /* stable id in the catalogue: [a-z0-9][a-z0-9-]* */
	const char *organisation;  /* * id of an organisation record */
	const char *provider;      /* * id of a provider (aanbieder) record */
	const char *name;          /* * */
	bool publish;
	struct date publish_from;  /* DATE_NONE = from the start */
	struct date publish_until; /* DATE_NONE = open-ended; inclusive */
	const char *summary;       /* * samenvatting, at most CAT_SUMMARY_MAX characters */
	const char *goal;          /* * doel */
	const char *method;        /* * werkwijze */
	struct cat_strs forms;     /* * uitvoeringsvormen, at least one */
	const char *distinctive;   /* onderscheidende aanpak */
	const char *conditions;    /* voorwaarden deelname */
	const char *agreements;    /* werkafspraken */
	const char *partners;      /* samenwerkingspartners */
	const char *target_group_note; /* toelichting doelgroep */
	const char *additional_info;   /* aanvullende informatie */
	const char *registration;      /* aanmeldinstructies */
	bool has_duration;
	double duration;               /* > 0 */
	enum cat_duration_unit duration_unit; /* required with a duration */
	const char *duration_note;
	bool has_intensity;
	double intensity_hours;        /* per week, > 0 and <= 60 */
	const char *intensity_note;
	bool has_cost;
	double cost_eur;               /* >= 0, total */
	const char *cost_note;
	struct cat_strs tiles;         /* * at least one Eva tile code */
	struct cat_strs klantkenmerken; /* * at least one, codes like "5.3" or "6" */
	struct cat_strs sol_kinds;     /* IPM extension: Sol instrument kinds it is */
	const struct cat_contact *contacts; size_t n_contacts;
	bool group, individual;        /* at least one of the two */
	const struct cat_location *locations; size_t n_locations;
	struct cat_strs target_groups; /* ids of target group records; empty = for everyone */
	const struct cat_regcode *regcodes; size_t n_regcodes;
	const struct cat_link *links; size_t n_links;
	struct cat_strs regions, gemeenten, wijken; /* ids; all empty = everywhere */
};

struct cat_organisation { const char *id, *name, *kind; }; /* kind: gemeente|reintegratiebedrijf|anders */
struct cat_provider { const char *id, *name, *website, *email, *phone; };
struct cat_target_group { const char *id, *name, *description; };
struct cat_region { const char *id, *name; };
struct cat_gemeente { const char *id, *name, *cbs_code, *region; }; /* region: id or NULL */
struct cat_wijk { const char *id, *name, *gemeente; };             /* gemeente: required */
struct cat_address { const char *id, *street, *number, *postcode, *city, *gemeente; };

struct catalogue {
	const struct cat_organisation *organisations; size_t n_organisations;
	const struct cat_provider *providers; size_t n_providers;
	const struct cat_target_group *target_groups; size_t n_target_groups;
	const struct cat_region *regions; size_t n_regions;
	const struct cat_gemeente *gemeenten; size_t n_gemeenten;
	const struct cat_wijk *wijken; size_t n_wijken;
	const struct cat_address *addresses; size_t n_addresses;
	const struct cat_instrument *instruments; size_t n_instruments;
};

/* The code lists instruments are checked against, from the taxonomy packs. */
struct cat_vocab {
	struct code_list tiles;          /* eva-tiles */
	struct code_list klantkenmerken; /* eva-klantkenmerken, every node of the tree */
	struct code_list forms;          /* eva-uitvoeringsvormen */
	struct code_list sol_kinds;      /* sol-goals, the instrument kinds (leaves) */
};

/* One problem found by cat_validate: which record (kind and 1-based number in
 * its list, plus its id when it has one) and which field. */
struct cat_problem {
	const char *record;  /* "instrument", "provider", "wijk", ... (NULL: the whole file) */
	size_t number;       /* 1-based position in that list */
	char id[65];         /* the record's id, or "" (copied: the list outlives the input) */
	char field[80];      /* e.g. "summary", "locations[2].type" (indexes 1-based), or "" */
	char message[256];   /* no personal data; names the rule */
	/* Where in an imported CSV file, set by its reader (cat_validate leaves
	 * them 0/NULL): the file ("instruments.csv"), its row and column
	 * (0 = not known). */
	const char *file;
	size_t row, column;
};

struct cat_problems {
	struct cat_problem *v;
	size_t n, cap;
};

/* Appends one problem; id and field (either may be NULL) are copied, record
 * is a constant. Returns the new entry, so an importer can add a place. */
struct cat_problem *cat_problem_add(struct cat_problems *p, const char *record, size_t number,
				    const char *id, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* One line per problem, at most `max` (then "... and N more"), each
 * `ORIGIN: FILE: row R, column C (FIELD): message` for a place in a file, or
 * `ORIGIN: RECORD N (ID): FIELD: message` for a record; `origin` may be NULL. */
void cat_problems_format(const struct cat_problems *p, const char *origin, size_t max,
			 struct buf *out);

/* Checks every rule of docs/catalogue.md and collects every problem (not just
 * the first): required fields, lengths, id syntax and uniqueness, references
 * between records, codes against `voc`, dates (publish_from <= until),
 * duration/intensity/cost ranges, at least one tile and one klantkenmerk,
 * group or individual, a wijk's gemeente, no target group named "algemeen"
 * (any case, trimmed: Eva's rule that an instrument without target group is
 * for everyone). Returns IPM_OK when there are none, IPM_EINVAL otherwise
 * (with e naming the first and the count). `out` is freed with
 * cat_problems_free. */
int cat_validate(const struct catalogue *c, const struct cat_vocab *voc,
		 struct cat_problems *out, struct err *e);
void cat_problems_free(struct cat_problems *p);

/* IPM_OK when p has no problems from index `from` on; otherwise IPM_EINVAL
 * with e = "[ORIGIN: ]N problem(s); the first: LINE". */
int cat_problems_err(const struct cat_problems *p, size_t from, const char *origin,
		     struct err *e);

/* An id of a catalogue record: ^[a-z0-9][a-z0-9-]*$, at most 64 characters. */
bool cat_id_valid(const char *s);

/* Published on `today`: publish is set and today lies in the window. */
bool cat_is_published(const struct cat_instrument *in, struct date today);

/* Records of one list by id, for references between lists: (id, 0-based
 * position) pairs sorted by id, the lower position first among equal ids. */
struct cat_idx_entry {
	const char *id;
	size_t i;
};
struct cat_idx {
	struct cat_idx_entry *v;
	size_t n;
};

/* The index of n records at base, each `stride` bytes with its
 * `const char *id` at offset `off`; records without an id are left out.
 * Lives in the arena. */
struct cat_idx cat_idx_build(struct arena *a, const void *base, size_t n, size_t stride,
			     size_t off);

/* The lowest position of id, or SIZE_MAX (also for id NULL). */
size_t cat_idx_find(const struct cat_idx *x, const char *id);

#endif
