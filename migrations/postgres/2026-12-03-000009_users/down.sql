ALTER TABLE audit_log DROP COLUMN user_id;
DROP TABLE sign_in_failures;
DROP TABLE sessions;
DROP TABLE users;
