-- Compound parts learned from the catalogue's text (src/core/compound_nl.h,
-- docs/catalogue.md "Searching"): the tokenizer ipm_nl indexes a compound
-- such as "taalcursus" also under its parts, with a lexicon of a fixed word
-- list plus these words. store_catalogue_replace fills the table before it
-- rebuilds cat_fts; every connection reads it to split exactly as the index
-- was built.
CREATE TABLE cat_compound_parts (
	word TEXT NOT NULL PRIMARY KEY
);

-- The index of a catalogue stored before this migration is rebuilt with the
-- fixed word list (the table is still empty), so that it has the parts too.
INSERT INTO cat_fts (cat_fts) VALUES ('rebuild');
