DROP INDEX agreements_order;
DROP INDEX agreements_locality_period;
CREATE INDEX agreements_locality_id ON agreements (locality_id);
CREATE INDEX agreements_search ON agreements USING gin (search_text gin_trgm_ops);
DROP INDEX agreements_search_vector;
ALTER TABLE agreements DROP COLUMN search_vector;
