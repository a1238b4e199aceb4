DROP INDEX agreements_title;
DROP INDEX agreements_external_id;
ALTER TABLE agreements DROP COLUMN external_id;
