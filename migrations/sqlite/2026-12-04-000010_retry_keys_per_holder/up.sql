-- A retry key is kept per holder: an API token ('token:<id>') or a person signed in to the pages
-- ('user:<id>'), whose forms carry one so that a double click registers once.
ALTER TABLE idempotency_keys RENAME TO idempotency_keys_by_token;
DROP INDEX idempotency_keys_created_at;
CREATE TABLE idempotency_keys (
    holder TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    location TEXT,
    etag TEXT,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (holder, idempotency_key)
);
INSERT INTO idempotency_keys
SELECT 'token:' || token_id, idempotency_key, request_hash, status, location, etag, body, created_at
FROM idempotency_keys_by_token;
DROP TABLE idempotency_keys_by_token;
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
