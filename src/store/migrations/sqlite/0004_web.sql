-- The web application (docs/web.md): sessions, failed logins for the rate
-- limit, a language preference per user, and a 'denied' action in the audit
-- trail so that a refused attempt to open a dossier is on record too.

-- A session is found by the SHA-256 of its cookie token, so a copy of the
-- database does not hand out live sessions. Times are Unix seconds: the idle
-- and absolute limits are arithmetic on them.
CREATE TABLE web_sessions (
	token_hash   TEXT PRIMARY KEY CONSTRAINT token_hash CHECK (length(token_hash) = 64),
	user_id      INTEGER NOT NULL REFERENCES users(id),
	csrf         TEXT NOT NULL CONSTRAINT csrf CHECK (length(csrf) = 64),
	created_unix INTEGER NOT NULL,
	seen_unix    INTEGER NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions(user_id);

-- Failed logins per key: the SHA-256 of "user:NAME" or "ip:ADDRESS", never
-- the name or address itself (a mistyped name can be a password).
CREATE TABLE login_failures (
	id      INTEGER PRIMARY KEY,
	key     TEXT NOT NULL CONSTRAINT key CHECK (length(key) = 64),
	at_unix INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at_unix);

ALTER TABLE users ADD COLUMN lang TEXT CONSTRAINT lang CHECK (lang IN ('nl', 'en', 'de'));

-- SQLite cannot change a CHECK constraint in place: the audit trail is
-- copied into a table that also allows 'denied' and 'logout'. DROP TABLE does
-- not fire the append-only triggers (they go with the table) and they are
-- created again below.
CREATE TABLE audit_log_v4 (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	user_id   INTEGER REFERENCES users(id),
	action    TEXT NOT NULL CONSTRAINT action CHECK (action IN ('read', 'create', 'update', 'delete', 'export', 'erase', 'login', 'logout', 'denied')),
	entity    TEXT NOT NULL,
	entity_id INTEGER,
	client_id INTEGER,
	reason    TEXT
);
INSERT INTO audit_log_v4 (id, at, user_id, action, entity, entity_id, client_id, reason)
	SELECT id, at, user_id, action, entity, entity_id, client_id, reason FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_v4 RENAME TO audit_log;
CREATE INDEX audit_log_client ON audit_log(client_id, at);
CREATE INDEX audit_log_user ON audit_log(user_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
