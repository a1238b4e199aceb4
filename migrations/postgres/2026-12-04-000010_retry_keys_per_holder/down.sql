-- Back to keys per token: those of people signed in are forgotten.
DELETE FROM idempotency_keys WHERE holder NOT LIKE 'token:%';
ALTER TABLE idempotency_keys ADD COLUMN token_id BIGINT;
UPDATE idempotency_keys SET token_id = CAST(substr(holder, 7) AS BIGINT);
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys DROP COLUMN holder;
ALTER TABLE idempotency_keys ALTER COLUMN token_id SET NOT NULL;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (token_id, idempotency_key);
