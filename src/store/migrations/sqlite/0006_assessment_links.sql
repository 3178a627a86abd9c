-- One-time links (docs/web.md, "Questionnaires"): a client answers one
-- questionnaire alone, without an account. The link carries a random token;
-- the store keeps only its SHA-256, so a copy of the database opens nothing.
-- A link is for one assessment only, ends at expires_unix, when the
-- assessment is completed, or when the professional makes a new link for the
-- same assessment (revoked_at).
CREATE TABLE assessment_links (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
	token_hash    TEXT NOT NULL UNIQUE CONSTRAINT token_hash CHECK (length(token_hash) = 64),
	created_by    INTEGER REFERENCES users(id),
	created_at    TEXT NOT NULL,
	expires_unix  INTEGER NOT NULL,
	revoked_at    TEXT
);
CREATE INDEX assessment_links_assessment ON assessment_links(assessment_id);
