-- Which prognosis model each organisation uses (docs/store.md, "Models").
-- A fitted model is a new pack version in `packs`; making it the one that
-- computes prognoses is a separate, explicit act with a reason. The active
-- model of an organisation is its latest activation; earlier rows are the
-- history of which model made which prognoses, so they are never changed.

CREATE TABLE model_activations (
	id           INTEGER PRIMARY KEY,
	org_id       INTEGER NOT NULL REFERENCES organisations(id),
	pack_id      TEXT NOT NULL,
	version      TEXT NOT NULL,
	activated_at TEXT NOT NULL,
	activated_by INTEGER REFERENCES users(id),
	reason       TEXT NOT NULL CONSTRAINT reason CHECK (length(reason) > 0),
	FOREIGN KEY (pack_id, version) REFERENCES packs(pack_id, version)
);
CREATE INDEX model_activations_org ON model_activations(org_id, id);

CREATE TRIGGER model_activations_no_update BEFORE UPDATE ON model_activations
BEGIN
	SELECT RAISE(ABORT, 'model activations are append-only; activate again instead');
END;

CREATE TRIGGER model_activations_no_delete BEFORE DELETE ON model_activations
BEGIN
	SELECT RAISE(ABORT, 'model activations are append-only; activate again instead');
END;
