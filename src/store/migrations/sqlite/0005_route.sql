-- The later steps of the route (docs/route.md; DOMAIN §2 steps 3, 5-7):
-- the CV, the professional's judgement, advice items, the trajectplan,
-- jobcoaching advice and issued reports. Every table is append-only: a
-- changed decision, plan or advice is a new row and the latest one counts,
-- so what was decided when, by whom and why can always be shown (AVG art. 22:
-- overrides and their reasons are kept and their rate is reported).

-- The CV as the file format of docs/cv.md; the latest row is the current CV.
CREATE TABLE cvs (
	id         INTEGER PRIMARY KEY,
	client_id  INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	data       TEXT NOT NULL CONSTRAINT data CHECK (json_valid(data) AND json_type(data) = 'object'),
	created_by INTEGER REFERENCES users(id),
	created_at TEXT NOT NULL
);
CREATE INDEX cvs_client ON cvs(client_id, id);

-- One row per decision about one computed outcome (subject). The computed
-- value is recorded as it was shown, beside the decision, and never changed.
CREATE TABLE judgements (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	subject     TEXT NOT NULL CONSTRAINT subject CHECK (length(subject) BETWEEN 1 AND 100),
	computed    TEXT NOT NULL,
	source      TEXT,
	decision    TEXT NOT NULL CONSTRAINT decision CHECK (decision IN ('accept', 'override')),
	value       TEXT,
	reason_code TEXT CONSTRAINT reason_code CHECK (reason_code IN ('gesprek-klant',
		'aanvullende-informatie', 'meetprobleem', 'taal-cultuur', 'gezondheid',
		'gewijzigde-situatie', 'arbeidsmarkt-lokaal', 'anders')),
	reason_text TEXT,
	decided_by  INTEGER REFERENCES users(id),
	decided_at  TEXT NOT NULL,
	CONSTRAINT override_reason CHECK (decision = 'accept' OR (value IS NOT NULL
		AND reason_code IS NOT NULL AND length(trim(reason_text)) > 0))
);
CREATE INDEX judgements_client ON judgements(client_id, subject, id);

CREATE TABLE advice_items (
	id                INTEGER PRIMARY KEY,
	client_id         INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	type              TEXT NOT NULL CONSTRAINT type CHECK (type IN ('randvoorwaarde', 'ontwikkelpunt')),
	text              TEXT NOT NULL CONSTRAINT text CHECK (length(trim(text)) > 0),
	learnability      TEXT CONSTRAINT learnability CHECK (learnability IN ('goed', 'matig', 'beperkt')),
	learnability_note TEXT,
	source_kind       TEXT CONSTRAINT source_kind CHECK (source_kind IN ('factor', 'kenmerk')),
	source_code       TEXT,
	created_by        INTEGER REFERENCES users(id),
	created_at        TEXT NOT NULL,
	CONSTRAINT learnability_type CHECK ((type = 'ontwikkelpunt') = (learnability IS NOT NULL)),
	CONSTRAINT source CHECK ((source_kind IS NULL) = (source_code IS NULL))
);
CREATE INDEX advice_items_client ON advice_items(client_id, id);

-- The status history of an advice item; none = proposed. The latest counts.
CREATE TABLE advice_decisions (
	id         INTEGER PRIMARY KEY,
	advice_id  INTEGER NOT NULL REFERENCES advice_items(id) ON DELETE CASCADE,
	status     TEXT NOT NULL CONSTRAINT status CHECK (status IN ('proposed', 'accepted', 'rejected')),
	reason     TEXT,
	decided_by INTEGER REFERENCES users(id),
	decided_at TEXT NOT NULL,
	CONSTRAINT rejected_reason CHECK (status <> 'rejected' OR length(trim(reason)) > 0)
);
CREATE INDEX advice_decisions_item ON advice_decisions(advice_id, id);

-- Every save of the plan is a new version; the latest is the plan.
CREATE TABLE trajectplans (
	id                INTEGER PRIMARY KEY,
	client_id         INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	goal              TEXT NOT NULL CONSTRAINT goal CHECK (goal IN ('werk', 'beroep', 'participatie', 'zorg', 'geen')),
	target_occupation TEXT,
	note              TEXT,
	created_by        INTEGER REFERENCES users(id),
	created_at        TEXT NOT NULL,
	CONSTRAINT target_occupation CHECK (goal <> 'beroep' OR length(trim(target_occupation)) > 0)
);
CREATE INDEX trajectplans_client ON trajectplans(client_id, id);

CREATE TABLE plan_activities (
	plan_id        INTEGER NOT NULL REFERENCES trajectplans(id) ON DELETE CASCADE,
	seq            INTEGER NOT NULL,
	instrument_id  TEXT,
	text           TEXT,
	provider       TEXT NOT NULL CONSTRAINT provider CHECK (length(trim(provider)) > 0),
	start_date     TEXT NOT NULL,
	hours_per_week REAL CONSTRAINT hours_per_week CHECK (hours_per_week > 0 AND hours_per_week <= 40),
	PRIMARY KEY (plan_id, seq),
	CONSTRAINT activity CHECK (instrument_id IS NOT NULL OR length(trim(text)) > 0)
);

-- hours_per_week is stored as computed (contract_hours × percent / 100,
-- rounded to 0.1) so that what was advised stays what was shown, even when
-- the organisation later changes its grades.
CREATE TABLE jobcoach_advice (
	id             INTEGER PRIMARY KEY,
	client_id      INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	advised        INTEGER NOT NULL CONSTRAINT advised CHECK (advised IN (0, 1)),
	grade          TEXT,
	percent        REAL CONSTRAINT percent CHECK (percent > 0 AND percent <= 100),
	contract_hours REAL CONSTRAINT contract_hours CHECK (contract_hours > 0 AND contract_hours <= 60),
	hours_per_week REAL CONSTRAINT hours_per_week CHECK (hours_per_week >= 0),
	pack_id        TEXT,
	pack_version   TEXT,
	interventions  TEXT NOT NULL DEFAULT '[]' CONSTRAINT interventions CHECK (json_valid(interventions) AND json_type(interventions) = 'array'),
	kenmerken      TEXT NOT NULL DEFAULT '[]' CONSTRAINT kenmerken CHECK (json_valid(kenmerken) AND json_type(kenmerken) = 'array'),
	note           TEXT,
	created_by     INTEGER REFERENCES users(id),
	created_at     TEXT NOT NULL,
	CONSTRAINT grade CHECK (advised = 0 OR (grade IS NOT NULL AND percent IS NOT NULL
		AND contract_hours IS NOT NULL AND hours_per_week IS NOT NULL AND pack_id IS NOT NULL)),
	FOREIGN KEY (pack_id, pack_version) REFERENCES packs(pack_id, version)
);
CREATE INDEX jobcoach_advice_client ON jobcoach_advice(client_id, id);

-- A report as handed over: its bytes, the document model it was rendered
-- from and the versions that made it. Never changed; a new issue is a new row.
CREATE TABLE reports (
	id          INTEGER PRIMARY KEY,
	client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
	version     TEXT NOT NULL CONSTRAINT version CHECK (version IN ('prof', 'client', 'employer')),
	format      TEXT NOT NULL CONSTRAINT format CHECK (format IN ('pdf', 'html')),
	sha256      TEXT NOT NULL CONSTRAINT sha256 CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
	bytes       BLOB NOT NULL,
	doc         TEXT NOT NULL CONSTRAINT doc CHECK (json_valid(doc)),
	versions    TEXT NOT NULL CONSTRAINT versions CHECK (json_valid(versions)),
	report_date TEXT NOT NULL,
	issued_by   INTEGER REFERENCES users(id),
	issued_at   TEXT NOT NULL
);
CREATE INDEX reports_client ON reports(client_id, id);

-- Append-only, as the answers and results (0001): rows go only with their client.
CREATE TRIGGER cvs_no_update BEFORE UPDATE ON cvs
BEGIN SELECT RAISE(ABORT, 'a CV is kept as saved; save a new one instead'); END;
CREATE TRIGGER cvs_no_delete BEFORE DELETE ON cvs
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'a CV is kept as saved; save a new one instead'); END;

CREATE TRIGGER judgements_no_update BEFORE UPDATE ON judgements
BEGIN SELECT RAISE(ABORT, 'judgements are append-only; record a new decision'); END;
CREATE TRIGGER judgements_no_delete BEFORE DELETE ON judgements
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'judgements are append-only; record a new decision'); END;

CREATE TRIGGER advice_items_no_update BEFORE UPDATE ON advice_items
BEGIN SELECT RAISE(ABORT, 'advice items are append-only; decide on them instead'); END;
CREATE TRIGGER advice_items_no_delete BEFORE DELETE ON advice_items
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'advice items are append-only; decide on them instead'); END;

CREATE TRIGGER advice_decisions_no_update BEFORE UPDATE ON advice_decisions
BEGIN SELECT RAISE(ABORT, 'advice decisions are append-only'); END;
CREATE TRIGGER advice_decisions_no_delete BEFORE DELETE ON advice_decisions
WHEN EXISTS (SELECT 1 FROM advice_items WHERE id = OLD.advice_id)
BEGIN SELECT RAISE(ABORT, 'advice decisions are append-only'); END;

CREATE TRIGGER trajectplans_no_update BEFORE UPDATE ON trajectplans
BEGIN SELECT RAISE(ABORT, 'a trajectplan is kept as saved; save a new version'); END;
CREATE TRIGGER trajectplans_no_delete BEFORE DELETE ON trajectplans
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'a trajectplan is kept as saved; save a new version'); END;

CREATE TRIGGER plan_activities_no_update BEFORE UPDATE ON plan_activities
BEGIN SELECT RAISE(ABORT, 'a trajectplan is kept as saved; save a new version'); END;
CREATE TRIGGER plan_activities_no_delete BEFORE DELETE ON plan_activities
WHEN EXISTS (SELECT 1 FROM trajectplans WHERE id = OLD.plan_id)
BEGIN SELECT RAISE(ABORT, 'a trajectplan is kept as saved; save a new version'); END;

CREATE TRIGGER jobcoach_advice_no_update BEFORE UPDATE ON jobcoach_advice
BEGIN SELECT RAISE(ABORT, 'jobcoaching advice is append-only; save a new one'); END;
CREATE TRIGGER jobcoach_advice_no_delete BEFORE DELETE ON jobcoach_advice
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'jobcoaching advice is append-only; save a new one'); END;

CREATE TRIGGER reports_no_update BEFORE UPDATE ON reports
BEGIN SELECT RAISE(ABORT, 'an issued report never changes; issue a new one'); END;
CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
WHEN EXISTS (SELECT 1 FROM clients WHERE id = OLD.client_id)
BEGIN SELECT RAISE(ABORT, 'an issued report never changes; issue a new one'); END;
