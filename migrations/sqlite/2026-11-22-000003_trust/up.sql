-- Trust: who may write (api_tokens), what was written (audit_log), nothing lost to a delete
-- (deleted_records), no lost update (version), no double write on a retry (idempotency_keys).

-- Every write adds one to its record's version; the version is the record's ETag.
ALTER TABLE localities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE organizations ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE directives ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE signing_events ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE agreements ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Only a SHA-256 of each secret is kept; the secret is shown once, when the token is made.
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
    locality_id INTEGER REFERENCES localities (id),
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_locality_id ON api_tokens (locality_id);

-- Written in the same transaction as the change it records; never changed or removed.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    token_id INTEGER REFERENCES api_tokens (id),
    actor TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    version INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_record ON audit_log (record_type, record_id);
CREATE INDEX audit_log_actor ON audit_log (actor);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit entries are never removed'); END;

-- A deleted record as it was (`record`) and in the form it is created from (`input`), so that an
-- admin can see it and restore it under its old id.
CREATE TABLE deleted_records (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    input TEXT NOT NULL,
    record TEXT NOT NULL,
    deleted_at TIMESTAMP NOT NULL,
    deleted_by TEXT NOT NULL,
    UNIQUE (record_type, record_id)
);

-- The first answer to a POST that carried an Idempotency-Key, replayed to its retries.
CREATE TABLE idempotency_keys (
    token_id INTEGER NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    location TEXT,
    etag TEXT,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (token_id, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
