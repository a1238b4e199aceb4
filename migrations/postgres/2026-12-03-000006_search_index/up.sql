-- The word index behind the agreements' `q=` (docs/architecture.md, "Search"): the search text
-- the registry already derives (src/text.rs: no diacritics, đ as d, abbreviations written out),
-- split into words by the 'simple' configuration (no stemming, no stop words) and kept by
-- PostgreSQL itself with the row. A query asks for every word typed as a prefix (`word:*`), so it
-- means what the trigram-backed LIKE it replaces meant. Measured at 100,000 agreements, the
-- trigram index answered a two-word search in 90-500 ms; this one in a few (docs/benchmarks.md).
ALTER TABLE agreements
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX agreements_search_vector ON agreements USING gin (search_vector);
DROP INDEX agreements_search;

-- The lists' order (latest start year, then newest) read from an index instead of sorted, and
-- `after=` paging resumed from it.
CREATE INDEX agreements_order ON agreements (start_year, id);
-- A locality's agreements with their periods in one index: a locality with a year is counted and
-- gathered without reading an agreement.
DROP INDEX agreements_locality_id;
CREATE INDEX agreements_locality_period ON agreements (locality_id, start_year, end_year);
