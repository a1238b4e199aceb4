DROP INDEX agreements_locality_id;
ALTER TABLE agreements DROP COLUMN locality_id;
