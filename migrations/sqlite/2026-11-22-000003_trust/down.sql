DROP TABLE idempotency_keys;
DROP TABLE deleted_records;
DROP TABLE audit_log;
DROP TABLE api_tokens;
ALTER TABLE agreements DROP COLUMN version;
ALTER TABLE signing_events DROP COLUMN version;
ALTER TABLE directives DROP COLUMN version;
ALTER TABLE organizations DROP COLUMN version;
ALTER TABLE localities DROP COLUMN version;
