-- IPM schema, first version (docs/store.md).
-- Portable to PostgreSQL where possible: TEXT timestamps in ISO-8601 UTC set
-- by the application, INTEGER 0/1 booleans, CHECK constraints named after
-- their column so an error message can name the field. The triggers at the end
-- are SQLite-specific and enforce immutability of the record of what happened.

CREATE TABLE organisations (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('gemeente', 'reintegratiebedrijf', 'anders')),
	created_at TEXT NOT NULL
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	org_id        INTEGER NOT NULL REFERENCES organisations(id),
	username      TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL,
	role          TEXT NOT NULL CONSTRAINT role CHECK (role IN ('consulent', 'psycholoog', 'jobcoach', 'manager', 'beheerder')),
	password_hash TEXT,
	disabled      INTEGER NOT NULL DEFAULT 0 CONSTRAINT disabled CHECK (disabled IN (0, 1)),
	created_at    TEXT NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE clients (
	id              INTEGER PRIMARY KEY,
	org_id          INTEGER NOT NULL REFERENCES organisations(id),
	reference       TEXT NOT NULL,
	given_name      TEXT NOT NULL,
	family_name     TEXT NOT NULL,
	birth_date      TEXT,
	sex             TEXT CONSTRAINT sex CHECK (sex IN ('v', 'm', 'x')),
	email           TEXT,
	phone           TEXT,
	street          TEXT,
	postcode        TEXT,
	city            TEXT,
	gemeente        TEXT,
	benefit_type    TEXT CONSTRAINT benefit_type CHECK (benefit_type IN ('participatiewet', 'ww', 'wia', 'wajong', 'anw', 'ioaw', 'geen', 'anders')),
	benefit_start   TEXT,
	education_level TEXT,
	language_level  TEXT CONSTRAINT language_level CHECK (language_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
	route_language  TEXT NOT NULL DEFAULT 'nl' CONSTRAINT route_language CHECK (route_language IN ('nl', 'en', 'de')),
	household       TEXT,
	target_groups   TEXT NOT NULL DEFAULT '[]' CONSTRAINT target_groups CHECK (json_valid(target_groups) AND json_type(target_groups) = 'array'),
	route_step      TEXT NOT NULL DEFAULT 'intake',
	sensitive       BLOB,
	created_at      TEXT NOT NULL,
	updated_at      TEXT NOT NULL,
	retention_until TEXT,
	UNIQUE (org_id, reference)
);
CREATE INDEX clients_retention ON clients(retention_until) WHERE retention_until IS NOT NULL;

-- The caseload: which professionals may open which dossier.
CREATE TABLE client_access (
	client_id  INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL REFERENCES users(id),
	kind       TEXT NOT NULL CONSTRAINT kind CHECK (kind IN ('owner', 'shared')),
	granted_at TEXT NOT NULL,
	PRIMARY KEY (client_id, user_id)
);
CREATE INDEX client_access_user ON client_access(user_id);

CREATE TABLE consents (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	purpose      TEXT NOT NULL,
	granted      INTEGER NOT NULL CONSTRAINT granted CHECK (granted IN (0, 1)),
	basis        TEXT,
	recorded_at  TEXT NOT NULL,
	recorded_by  INTEGER REFERENCES users(id),
	withdrawn_at TEXT
);
CREATE INDEX consents_client ON consents(client_id);

-- No foreign key on client_id: the trail must outlive an erased client.
CREATE TABLE audit_log (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	user_id   INTEGER REFERENCES users(id),
	action    TEXT NOT NULL CONSTRAINT action CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'erase', 'login')),
	entity    TEXT NOT NULL,
	entity_id INTEGER,
	client_id INTEGER,
	reason    TEXT
);
CREATE INDEX audit_log_client ON audit_log(client_id, at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);

CREATE TABLE packs (
	pack_id       TEXT NOT NULL,
	version       TEXT NOT NULL,
	kind          TEXT NOT NULL,
	title         TEXT NOT NULL,
	sha256        TEXT NOT NULL,
	content       TEXT NOT NULL,
	registered_at TEXT NOT NULL,
	PRIMARY KEY (pack_id, version)
);

CREATE TABLE assessments (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	pack_id      TEXT NOT NULL,
	pack_version TEXT NOT NULL,
	started_at   TEXT NOT NULL,
	completed_at TEXT,
	taken_by     TEXT NOT NULL CONSTRAINT taken_by CHECK (taken_by IN ('professional', 'client')),
	FOREIGN KEY (pack_id, pack_version) REFERENCES packs(pack_id, version)
);
CREATE INDEX assessments_client ON assessments(client_id);
CREATE INDEX assessments_pack ON assessments(pack_id, pack_version);

-- Append-only: seq numbers the rows of one assessment; the latest row for an
-- item is its current answer, earlier rows stay as the history.
CREATE TABLE answers (
	assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
	seq           INTEGER NOT NULL,
	item_id       TEXT NOT NULL,
	value         TEXT,
	answered_at   TEXT NOT NULL,
	PRIMARY KEY (assessment_id, seq)
);
CREATE INDEX answers_item ON answers(assessment_id, item_id, seq);

CREATE TABLE results (
	id            INTEGER PRIMARY KEY,
	client_id     INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	assessment_id INTEGER REFERENCES assessments(id) ON DELETE CASCADE,
	kind          TEXT NOT NULL,
	pack_id       TEXT NOT NULL,
	pack_version  TEXT NOT NULL,
	computed_at   TEXT NOT NULL,
	data          TEXT NOT NULL CONSTRAINT data CHECK (json_valid(data)),
	FOREIGN KEY (pack_id, pack_version) REFERENCES packs(pack_id, version)
);
CREATE INDEX results_client ON results(client_id, kind, computed_at);
CREATE INDEX results_assessment ON results(assessment_id);
CREATE INDEX results_pack ON results(pack_id, pack_version);

CREATE TABLE outcomes (
	id             INTEGER PRIMARY KEY,
	client_id      INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	recorded_at    TEXT NOT NULL,
	recorded_by    INTEGER REFERENCES users(id),
	outcome        TEXT NOT NULL CONSTRAINT outcome CHECK (outcome IN ('werk', 'opleiding', 'geen', 'verhuisd', 'overig')),
	start_date     TEXT,
	hours_per_week REAL CONSTRAINT hours_per_week CHECK (hours_per_week >= 0 AND hours_per_week <= 168),
	contract       TEXT,
	durable_6m     INTEGER CONSTRAINT durable_6m CHECK (durable_6m IN (0, 1)),
	durable_12m    INTEGER CONSTRAINT durable_12m CHECK (durable_12m IN (0, 1)),
	reason         TEXT
);
CREATE INDEX outcomes_client ON outcomes(client_id);
CREATE INDEX outcomes_outcome ON outcomes(outcome, recorded_at);

-- Immutability. Deleting a child row is allowed only when its parent is
-- already gone, which is the case exactly when the row goes by the ON DELETE
-- CASCADE of erasing the client: SQLite deletes the parent row before it runs
-- the cascade actions.

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER answers_no_update BEFORE UPDATE ON answers
BEGIN
	SELECT RAISE(ABORT, 'answers are append-only');
END;

CREATE TRIGGER answers_no_delete BEFORE DELETE ON answers
WHEN EXISTS (SELECT 1 FROM assessments WHERE id = OLD.assessment_id)
BEGIN
	SELECT RAISE(ABORT, 'answers are append-only');
END;

CREATE TRIGGER answers_closed BEFORE INSERT ON answers
WHEN (SELECT completed_at FROM assessments WHERE id = NEW.assessment_id) IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'the assessment is completed; its answers are closed');
END;

CREATE TRIGGER results_no_update BEFORE UPDATE ON results
BEGIN
	SELECT RAISE(ABORT, 'results are immutable; a recomputation is a new row');
END;

CREATE TRIGGER results_no_delete BEFORE DELETE ON results
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'results are immutable; a recomputation is a new row');
END;

CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN
	SELECT RAISE(ABORT, 'assessments are kept with their client');
END;

-- An assessment is only ever completed, once; what it measured never changes.
CREATE TRIGGER assessments_complete_once BEFORE UPDATE ON assessments
WHEN OLD.completed_at IS NOT NULL
  OR NEW.completed_at IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.client_id IS NOT OLD.client_id
  OR NEW.pack_id IS NOT OLD.pack_id
  OR NEW.pack_version IS NOT OLD.pack_version
  OR NEW.started_at IS NOT OLD.started_at
  OR NEW.taken_by IS NOT OLD.taken_by
BEGIN
	SELECT RAISE(ABORT, 'an assessment can only be completed, once');
END;
