-- Back to keys per token: those of people signed in are forgotten.
ALTER TABLE idempotency_keys RENAME TO idempotency_keys_by_holder;
DROP INDEX idempotency_keys_created_at;
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
INSERT INTO idempotency_keys
SELECT CAST(substr(holder, 7) AS INTEGER), idempotency_key, request_hash, status, location, etag, body, created_at
FROM idempotency_keys_by_holder WHERE holder LIKE 'token:%';
DROP TABLE idempotency_keys_by_holder;
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
