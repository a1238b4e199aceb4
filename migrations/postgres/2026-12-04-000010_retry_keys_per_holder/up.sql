-- A retry key is kept per holder: an API token ('token:<id>') or a person signed in to the pages
-- ('user:<id>'), whose forms carry one so that a double click registers once.
ALTER TABLE idempotency_keys ADD COLUMN holder TEXT;
UPDATE idempotency_keys SET holder = 'token:' || token_id;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys DROP COLUMN token_id;
ALTER TABLE idempotency_keys ALTER COLUMN holder SET NOT NULL;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (holder, idempotency_key);
