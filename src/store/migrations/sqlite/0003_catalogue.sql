-- The instrument catalogue in the Eva format (DOMAIN §5, docs/catalogue.md,
-- docs/store.md "Catalogue"). One catalogue per database, replaced whole by
-- store_catalogue_replace in one transaction.
--
-- Every record list keeps its order in `seq` (1, 2, ... as in the imported
-- file), and every list inside an instrument has its own table keyed by
-- (instrument, pos), so that an export writes back exactly what was imported.
-- Record ids are the catalogue's own text ids; the links between records are
-- foreign keys on them. Booleans are 0/1, dates YYYY-MM-DD text, money and
-- durations REAL (the imported double, unchanged). Codes of tiles,
-- klantkenmerken, uitvoeringsvormen and Sol kinds come from the taxonomy
-- packs and are checked before storing (cat_validate), not here.
--
-- Portable SQL except the full-text table cat_fts at the end, which is
-- SQLite FTS5 (PostgreSQL would use a tsvector column with a Dutch
-- configuration instead).

CREATE TABLE cat_state (
	id          INTEGER PRIMARY KEY CONSTRAINT id CHECK (id = 1),
	generation  INTEGER NOT NULL, -- +1 at every replace: search indexes held in memory compare it
	replaced_at TEXT
);
INSERT INTO cat_state (id, generation, replaced_at) VALUES (1, 0, NULL);

CREATE TABLE cat_organisations (
	seq  INTEGER PRIMARY KEY,
	id   TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL,
	kind TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('gemeente', 'reintegratiebedrijf', 'anders'))
);

CREATE TABLE cat_providers (
	seq     INTEGER PRIMARY KEY,
	id      TEXT NOT NULL UNIQUE,
	name    TEXT NOT NULL,
	website TEXT,
	email   TEXT,
	phone   TEXT
);

CREATE TABLE cat_target_groups (
	seq         INTEGER PRIMARY KEY,
	id          TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	description TEXT
);

CREATE TABLE cat_regions (
	seq  INTEGER PRIMARY KEY,
	id   TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL
);

CREATE TABLE cat_gemeenten (
	seq      INTEGER PRIMARY KEY,
	id       TEXT NOT NULL UNIQUE,
	name     TEXT NOT NULL,
	cbs_code TEXT,
	region   TEXT REFERENCES cat_regions(id)
);

CREATE TABLE cat_wijken (
	seq      INTEGER PRIMARY KEY,
	id       TEXT NOT NULL UNIQUE,
	name     TEXT NOT NULL,
	gemeente TEXT NOT NULL REFERENCES cat_gemeenten(id)
);

CREATE TABLE cat_addresses (
	seq      INTEGER PRIMARY KEY,
	id       TEXT NOT NULL UNIQUE,
	street   TEXT,
	number   TEXT,
	postcode TEXT,
	city     TEXT,
	gemeente TEXT REFERENCES cat_gemeenten(id)
);

-- name, summary, goal and method are also the columns of cat_fts (external
-- content: the text is stored once, here).
CREATE TABLE cat_instruments (
	seq               INTEGER PRIMARY KEY,
	id                TEXT NOT NULL UNIQUE,
	organisation      TEXT NOT NULL REFERENCES cat_organisations(id),
	provider          TEXT NOT NULL REFERENCES cat_providers(id),
	name              TEXT NOT NULL,
	publish           INTEGER NOT NULL CONSTRAINT publish CHECK (publish IN (0, 1)),
	publish_from      TEXT,
	publish_until     TEXT,
	summary           TEXT NOT NULL,
	goal              TEXT NOT NULL,
	method            TEXT NOT NULL,
	distinctive       TEXT,
	conditions        TEXT,
	agreements        TEXT,
	partners          TEXT,
	target_group_note TEXT,
	additional_info   TEXT,
	registration      TEXT,
	duration          REAL,
	duration_unit     TEXT CONSTRAINT duration_unit CHECK (duration_unit IN ('uren', 'dagen', 'weken', 'maanden')),
	duration_note     TEXT,
	intensity_hours   REAL,
	intensity_note    TEXT,
	cost_eur          REAL,
	cost_note         TEXT,
	is_group          INTEGER NOT NULL CONSTRAINT is_group CHECK (is_group IN (0, 1)),
	is_individual     INTEGER NOT NULL CONSTRAINT is_individual CHECK (is_individual IN (0, 1))
);
CREATE INDEX cat_instruments_name ON cat_instruments(name, id);

-- The lists of an instrument, one table each, in their order (pos 1, 2, ...).
CREATE TABLE cat_instrument_forms (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_tiles (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_klantkenmerken (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_sol_kinds (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_target_groups (
	instrument   INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos          INTEGER NOT NULL,
	target_group TEXT NOT NULL REFERENCES cat_target_groups(id),
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_regions (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	region     TEXT NOT NULL REFERENCES cat_regions(id),
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_gemeenten (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	gemeente   TEXT NOT NULL REFERENCES cat_gemeenten(id),
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_wijken (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	wijk       TEXT NOT NULL REFERENCES cat_wijken(id),
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_contacts (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('intern', 'extern')),
	role       TEXT,
	email      TEXT,
	phone      TEXT,
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_locations (
	instrument  INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos         INTEGER NOT NULL,
	name        TEXT,
	type        TEXT NOT NULL CONSTRAINT type CHECK (type IN ('adres', 'aanbieder', 'werkgever', 'gemeente', 'klant-thuis')),
	address     TEXT REFERENCES cat_addresses(id),
	in_use      INTEGER NOT NULL CONSTRAINT in_use CHECK (in_use IN (0, 1)),
	description TEXT,
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_regcodes (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	label      TEXT,
	PRIMARY KEY (instrument, pos)
);
CREATE TABLE cat_instrument_links (
	instrument INTEGER NOT NULL REFERENCES cat_instruments(seq) ON DELETE CASCADE,
	pos        INTEGER NOT NULL,
	kind       TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('link', 'download', 'video')),
	label      TEXT,
	url        TEXT NOT NULL,
	PRIMARY KEY (instrument, pos)
);

-- Full text over name, summary, goal and method (SQLite-specific). The
-- tokenizer ipm_nl (unicode61 without accents, then the Snowball Dutch
-- stemmer) is registered by the application on every connection
-- (src/store/sqlite_fts_nl.c); the sqlite3 shell cannot read this table.
-- External content: the index refers to cat_instruments by seq, and
-- store_catalogue_replace rebuilds it after writing the instruments.
CREATE VIRTUAL TABLE cat_fts USING fts5(
	name, summary, goal, method,
	content = 'cat_instruments', content_rowid = 'seq', tokenize = 'ipm_nl'
);
-- bm25 weights: a word in the name counts 4x, in the summary 2x, in goal or
-- method once. `ORDER BY rank` and the rank column use them.
INSERT INTO cat_fts (cat_fts, rank) VALUES ('rank', 'bm25(4.0, 2.0, 1.0, 1.0)');
